//! The noun phrase an attribution names, read left or right of its cue: a name (skipping
//! titles, roles and possessives before it: `said ABN Amro's Eddie Wong`), a pronoun, a role
//! (`the coach`), an unnamed speaker (`a spokesman for the FA`), or a clause's subject.

use super::Ctx;
use super::cues::Phrase;
use super::names::{Described, INTRO_WORDS, Kind, Mention, is_preposition};
use super::positions::role_after;
use super::tokens::Doc;
use crate::draft::lexicon::list;
use crate::text::one_spaced;

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "his", "her", "their", "its", "our", "this", "that",
];

pub(super) const AUX: &[&str] = &[
    "had",
    "has",
    "have",
    "was",
    "is",
    "were",
    "are",
    "would",
    "will",
    "also",
    "then",
    "later",
    "once",
    "again",
    "further",
    "simply",
    "repeatedly",
    "recently",
    "earlier",
    "still",
    "previously",
    "just",
    "often",
    "always",
    "never",
    "quickly",
    "calmly",
    "bluntly",
    "angrily",
    "only",
    "already",
    "last",
    "yesterday",
    "today",
    "subsequently",
    "even",
    "did",
    "does",
    "do",
    "could",
    "should",
    "might",
    "may",
    "must",
    "reportedly",
    "apparently",
    "allegedly",
    "publicly",
    "privately",
    "told",
    "being",
    "been",
    "flatly",
    "firmly",
    "openly",
    "later",
    "tonight",
    "emphatically",
    "sharply",
    "quietly",
    "softly",
    "frankly",
    "candidly",
    "recently",
];

/// Parses a noun phrase ending just before token `t` (exclusive), walking left.
pub(super) fn phrase_left_of(ctx: &Ctx, t: usize, clause_start: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    let mut k = t;
    // (`May said`: not a capitalised name.)
    while k > clause_start
        && doc.lword(k - 1).is_some_and(|w| AUX.contains(&w))
        && ctx.mention_at[k - 1].is_none()
    {
        k -= 1;
    }
    if k <= clause_start {
        return None;
    }
    // `Ms Robinson, who presents The Weakest Link, tells`: skip the relative clause (but in
    // `Andy Robinson, who he believes was …` and `…, whom Smith called …` the relative clause
    // has a subject of its own).
    let own_subject = doc.is_pronoun(k - 1)
        || ctx.mention_end[k - 1].is_some_and(|m| {
            let start = ctx.mentions[m].run_start;
            start > 0
                && doc
                    .lword(start - 1)
                    .is_some_and(|w| matches!(w, "who" | "whom"))
        });
    if !own_subject
        && let Some(comma) = (clause_start.max(k.saturating_sub(30))..k)
            .rev()
            .find(|&j| {
                doc.punct(j) == Some(',')
                    && doc
                        .lword(j + 1)
                        .is_some_and(|w| matches!(w, "who" | "which" | "whose"))
            })
        && comma > clause_start
    {
        let mut before = comma;
        while before > clause_start && doc.punct(before - 1).is_some() {
            before -= 1;
        }
        // (`Harry Bond, 30, of Raleigh, N.C., who was polled, said`: a place set off before
        // the relative clause is where the subject is from.)
        let place = |p: &Phrase| {
            matches!(p, Phrase::Mention(m) if ctx.mentions[*m].kind == Kind::Place
                && !is_person(ctx, *m))
        };
        if let Some(p) = phrase_left_of(ctx, before, clause_start) {
            let from_there = place(&p)
                .then(|| subject_of_clause(ctx, clause_start, comma, false))
                .flatten()
                .filter(|s| matches!(s, Phrase::Mention(m) if is_person(ctx, *m)));
            return Some(from_there.unwrap_or(p));
        }
    }
    let last = k - 1;
    if doc.is_pronoun(last) {
        return Some(Phrase::Pronoun { tok: last });
    }
    // An appositive: `Eddie O'Sullivan, the Ireland coach, had warned`; `(R-S.C.)`.
    if matches!(doc.punct(last), Some(',' | ')')) {
        let mut open = last;
        if doc.punct(last) == Some(')') {
            open = (clause_start..last)
                .rev()
                .find(|&j| doc.punct(j) == Some('('))?;
            if let Some(p) = phrase_left_of(ctx, open, clause_start).filter(|_| open > clause_start)
            {
                return Some(p);
            }
        }
        return subject_of_clause(ctx, clause_start, open, false);
    }
    // A name ending here.
    if let Some(m) = ctx.mention_end.get(last).copied().flatten() {
        // `a spokesman for Oxford University Press` is the spokesman, not the press.
        let mut mt = ctx.mentions[m].run_start;
        if mt > clause_start + 1 && doc.lword(mt - 1) == Some("the") {
            mt -= 1;
        }
        if mt > clause_start
            && doc
                .lword(mt - 1)
                .is_some_and(|w| matches!(w, "for" | "of" | "at" | "to"))
            && let Some(p) = described_before(ctx, mt - 1, clause_start, ctx.mentions[m].range.end)
        {
            return Some(p);
        }
        // `Sean Bones of Shareholders United told`: the person, not the body they are from.
        if mt > clause_start + 1
            && doc
                .lword(mt - 1)
                .is_some_and(|w| matches!(w, "of" | "from" | "at"))
            && let Some(p) = ctx.mention_end.get(mt - 2).copied().flatten()
            && ctx.mentions[p].run_start >= clause_start
            && is_person(ctx, p)
        {
            return Some(Phrase::Mention(first_conjunct(ctx, p, clause_start)));
        }
        // `John Houlihan, editor of Computerandvideogames.com told`: a role of the body set off
        // after a person (its closing comma left out) is theirs.
        if mt > clause_start + 2
            && doc
                .lword(mt - 1)
                .is_some_and(|w| matches!(w, "of" | "from" | "at" | "for"))
            && let Some(comma) = (clause_start.max(mt.saturating_sub(6))..mt - 1)
                .rev()
                .find(|&j| doc.word(j).is_none())
            && doc.punct(comma) == Some(',')
            && (comma + 1..mt - 1).any(|j| doc.is(j, list::PERSON_NOUN | list::OFFICE))
            && (comma + 1..mt - 1).all(|j| !doc.is_cap_raw(j))
            && let Some(p) = comma.checked_sub(1).and_then(|j| ctx.mention_end[j])
            && ctx.mentions[p].run_start >= clause_start
            && is_person(ctx, p)
        {
            return Some(Phrase::Mention(p));
        }
        return Some(Phrase::Mention(first_conjunct(ctx, m, clause_start)));
    }
    // `Marca's headline says`, `Sony's statement said`: a document speaks for its owner.
    if doc.is(last, list::DOCUMENT)
        && let Some(m) = last.checked_sub(1).and_then(|p| ctx.mention_end[p])
        && ctx.mentions[m].possessive
        && ctx.mentions[m].run_start >= clause_start
    {
        return Some(Phrase::Mention(m));
    }
    determiner_phrase(ctx, clause_start, last)
}

/// `a spokesman for …` ending with the token before a `for/of/at` at `t`.
pub(super) fn described_before(
    ctx: &Ctx,
    t: usize,
    clause_start: usize,
    end: usize,
) -> Option<Phrase> {
    let doc = &ctx.doc;
    let mut h = t.checked_sub(1)?;
    if doc.lword(h) == Some("close") && doc.lword(t) == Some("to") {
        h = h.checked_sub(1)?;
    }
    if !doc.is(h, list::PERSON_NOUN) {
        return None;
    }
    let mut k = h;
    while k > clause_start && doc.word(k - 1).is_some() && k + 5 > h {
        k -= 1;
        let w = doc.lword(k)?;
        // (`the Leader of the Commons told …`: a definite post is someone's, a role; `a
        // spokesman for Unison` is no one the text names.)
        if w == "the" && k + 1 == h {
            return Some(Phrase::Role {
                tok: k,
                head: doc.lword(h)?.to_string(),
                range: doc.tok_range(k).start..doc.tok_range(h).end,
            });
        }
        if matches!(w, "a" | "an" | "one" | "another" | "the") {
            let start = doc.tok_range(k).start;
            return Some(Phrase::Described {
                range: start..end,
                text: one_spaced(&doc.text[start..end]),
            });
        }
    }
    None
}

/// `an FA statement`: a statement speaks for the organisation it names.
pub(super) fn statement_of(ctx: &Ctx, det: usize, last: usize) -> Option<Phrase> {
    if !ctx.doc.is(last, list::DOCUMENT) {
        return None;
    }
    if let Some(m) = (det..last).find_map(|k| ctx.mention_at[k]) {
        return Some(Phrase::Mention(m));
    }
    // `the committee's statement`: the owner named by a noun, resolved as a role.
    let doc = &ctx.doc;
    let owner = (det + 1..last).find(|&k| doc.word(k).is_some_and(super::tokens::is_possessive))?;
    let head = doc.lbase(owner)?.to_string();
    doc.lex
        .is(&head, list::ORG_NOUN | list::PERSON_NOUN)
        .then(|| Phrase::Role {
            tok: det,
            range: doc.tok_range(det).start..doc.tok_range(owner).start + head.len(),
            head,
        })
}

/// `the United captain`, `an IRB spokesman`, `one opposition voice` ending at `last`.
pub(super) fn determiner_phrase(ctx: &Ctx, clause_start: usize, last: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    if let Some(k) = (clause_start..last).rev().take(6).find(|&k| {
        doc.lword(k)
            .is_some_and(|w| matches!(w, "a" | "an" | "the"))
    }) && let Some(org) = statement_of(ctx, k, last)
    {
        return Some(org);
    }
    let mut k = last;
    let mut steps = 0;
    while k > clause_start && steps < 7 {
        k -= 1;
        steps += 1;
        let w = doc.lword(k);
        match w {
            Some(
                "the" | "this" | "that" | "our" | "a" | "an" | "one" | "another" | "his" | "her"
                | "their" | "its" | "some",
            ) => {
                // `a spokeswoman for the campaign`: the person the phrase hangs from.
                if k > clause_start + 1
                    && doc
                        .lword(k - 1)
                        .is_some_and(|w| matches!(w, "for" | "of" | "at" | "to" | "with" | "from"))
                    && let Some(p) =
                        described_before(ctx, k - 1, clause_start, doc.tok_range(last).end)
                {
                    return Some(p);
                }
                return determiner_phrase_from(ctx, k, last);
            }
            None if doc.punct(k).is_some() => return None,
            _ => {}
        }
    }
    None
}

/// The phrase from determiner `det` to its head at `last`: a role, a described person, or the
/// name after `the` (`the FA`).
pub(super) fn determiner_phrase_from(ctx: &Ctx, det: usize, last: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    if let Some(org) = statement_of(ctx, det, last) {
        return Some(org);
    }
    let head = doc.lword(last)?;
    let range = doc.tok_range(det).start..doc.tok_range(last).end;
    match doc.lword(det)? {
        // `the prime minister's official spokesman`: someone's spokesman, not the minister.
        "the" if (det + 1..last).any(|k| doc.word(k).is_some_and(super::tokens::is_possessive)) => {
            doc.is(last, list::PERSON_NOUN | list::OFFICE)
                .then(|| Phrase::Described {
                    range: range.clone(),
                    text: one_spaced(&doc.text[range]),
                })
        }
        "the" | "this" | "that" | "our" => {
            // `the American`, `the Frenchman`: a person by their nationality.
            if det + 1 == last && doc.is(last, list::DEMONYM) {
                return Some(Phrase::Role {
                    tok: det,
                    head: head.to_string(),
                    range,
                });
            }
            if let Some(m) = ctx
                .mention_at
                .get(det + 1)
                .copied()
                .flatten()
                .filter(|_| doc.is_cap(last))
            {
                return Some(Phrase::Mention(m));
            }
            (person_head(ctx, last)
                || doc.is(last, list::ORG_NOUN) && !doc.is_cap(last)
                || doc.in_title(last))
            .then(|| Phrase::Role {
                tok: det,
                head: head.to_string(),
                range,
            })
        }
        _ => (person_head(ctx, last) || doc.in_title(last) && doc.is(last, list::PERSON_NOUN))
            .then(|| Phrase::Described {
                range: range.clone(),
                text: one_spaced(&doc.text[range]),
            }),
    }
}

/// A lower-case noun that names a person (`spokesman`, `coach`, `17-year-old`), or a post
/// written with capitals that names no one (`the Lord Chancellor`).
pub(super) fn person_head(ctx: &Ctx, k: usize) -> bool {
    let doc = &ctx.doc;
    let post = doc.is(k, list::OFFICE) && ctx.mention_at.get(k).is_some_and(|m| m.is_none());
    doc.lword(k).is_some_and(|w| {
        (!doc.is_cap(k) || post)
            && (doc.is(k, list::PERSON_NOUN | list::OFFICE)
                || w.ends_with("-year-old")
                || w.ends_with("-old"))
    })
}

/// The subject of the clause between `from` and `to` (exclusive): the first person-like name
/// that is not possessive nor after a preposition, else a pronoun or determiner phrase first.
pub(super) fn subject_of_clause(
    ctx: &Ctx,
    from: usize,
    to: usize,
    skip_intro: bool,
) -> Option<Phrase> {
    // (`And then Trump went on the attack, saying, "…"`: when nothing after the opening
    // phrase's comma is a subject, the opening phrase was the clause.)
    subject_in(ctx, from, to, skip_intro).or_else(|| {
        skip_intro
            .then(|| subject_in(ctx, from, to, false))
            .flatten()
    })
}

fn subject_in(ctx: &Ctx, from: usize, to: usize, skip_intro: bool) -> Option<Phrase> {
    let doc = &ctx.doc;
    let mut from = from;
    // (`But he is not envious, insisting: "…"`: a conjunction before its subject opens no
    // phrase.)
    let is_conjunction = |w: &str| matches!(w, "and" | "but" | "so" | "then" | "yet");
    let conjunction_then_subject = |w: &str| {
        is_conjunction(w)
            && (doc.is_pronoun(from + 1)
                || ctx.mention_at.get(from + 1).is_some_and(|m| m.is_some()))
    };
    if skip_intro
        && let Some(w) = doc.lword(from)
        && (w.ends_with("ing") || w.ends_with("ed") || INTRO_WORDS.contains(&w))
        && !conjunction_then_subject(w)
        && let Some(comma) = (from..to).find(|&k| doc.punct(k) == Some(','))
    {
        from = comma + 1;
    }
    while from < to && doc.lword(from).is_some_and(is_conjunction) {
        from += 1;
    }
    if doc.is_pronoun(from) {
        return Some(Phrase::Pronoun { tok: from });
    }
    let mut fallback = None;
    let mut k = from;
    while k < to {
        if doc.quote_at(k).is_some() {
            break;
        }
        if let Some(m) = ctx.mention_at[k] {
            let mention = &ctx.mentions[m];
            let end_tok = mention.end_tok;
            // `The Tory spokesman`, `Labour leader Tony Blair`: a name before role words only
            // modifies them.
            // (`then` modifies only a post after it, `the then chairman`: `Trump then appears`
            // is a subject and an adverb.)
            let adverb_alone = doc.is(end_tok + 1, list::FUNCTION)
                && !doc.is(end_tok + 2, list::PERSON_NOUN | list::OFFICE);
            // (`A Conservative election challenger is quitting`: past a word or two that
            // describe the role too.)
            let described_role = role_after(doc, end_tok);
            let modifier = (mention.kind != Kind::Person || later_person(ctx, m) != m)
                && !adverb_alone
                && doc.lword(end_tok + 1).is_some_and(|_| {
                    !doc.is_cap(end_tok + 1)
                        && (doc.is(
                            end_tok + 1,
                            list::PERSON_NOUN | list::OFFICE | list::MODIFIER,
                        ) || described_role.is_some())
                });
            // (`talking to Real Madrid sporting director Emilio Butragueno`: not after a
            // preposition.)
            if modifier && !mention.after_prep {
                let person = later_person(ctx, m);
                if person != m {
                    return Some(Phrase::Mention(person));
                }
                let head = (end_tok + 1..(end_tok + 4).min(to))
                    .take_while(|&j| {
                        doc.lword(j).is_some_and(|_| {
                            !doc.is_cap(j)
                                && doc.is(j, list::PERSON_NOUN | list::OFFICE | list::MODIFIER)
                        })
                    })
                    .last()
                    .or(described_role)
                    .unwrap_or(end_tok + 1);
                let mut b = mention.run_start;
                while b > from && doc.lword(b - 1).is_some_and(|w| DETERMINERS.contains(&w)) {
                    b -= 1;
                }
                if b < mention.run_start {
                    return determiner_phrase_from(ctx, b, head);
                }
                k = end_tok + 1;
                continue;
            }
            // `Mr Prater's sentiments were echoed by Christine Rush`: the agent of a passive is
            // its subject.
            let agent = mention.run_start > from + 1
                && doc.lword(mention.run_start - 1) == Some("by")
                && doc
                    .lword(mention.run_start - 2)
                    .is_some_and(|w| w.ends_with("ed") || w.ends_with("en"))
                && (from..mention.run_start - 2).any(|j| {
                    doc.lword(j)
                        .is_some_and(|w| matches!(w, "was" | "were" | "is" | "are" | "been" | "be"))
                });
            if agent && is_person(ctx, m) {
                return Some(Phrase::Mention(m));
            }
            if !mention.possessive && !mention.after_prep {
                // (`Jamie has also travelled … where he has trained with Robert Korzeniowski`:
                // a first name alone is the person the text named in full.)
                if is_person(ctx, m) {
                    return Some(Phrase::Mention(m));
                }
                fallback.get_or_insert(Phrase::Mention(m));
            }
            k = end_tok + 1;
            continue;
        }
        k += 1;
    }
    if fallback.is_some() {
        return fallback;
    }
    // `the double Olympic champion said`, `an IRB spokesman`: a determiner phrase at the start.
    let first = doc.lword(from)?;
    if DETERMINERS.contains(&first) {
        // `The coach went further`: the phrase ends at its head noun.
        // (Not past a verb: `The match will include players` describes no one.)
        if let Some(head) = (from + 1..(from + 6).min(to))
            .take_while(|&k| {
                doc.word(k).is_some() && !doc.lword(k).is_some_and(|w| AUX.contains(&w))
            })
            .find(|&k| person_head(ctx, k))
        {
            let mut head = head;
            while head + 1 < to && person_head(ctx, head + 1) {
                head += 1;
            }
            if let Some(p) = determiner_phrase_from(ctx, from, head) {
                return Some(p);
            }
        }
        let mut end = from + 1;
        while end < to && doc.word(end).is_some() && end < from + 6 {
            let w = doc.lword(end).unwrap_or_default();
            if doc.cue_at(end)
                || AUX.contains(&w)
                || matches!(w, "who" | "which" | "that")
                || is_preposition(w)
            {
                break;
            }
            end += 1;
        }
        if end > from + 1 {
            return determiner_phrase(ctx, from, end - 1)
                .or_else(|| determiner_phrase_from(ctx, from, end - 1));
        }
    }
    None
}

/// A mention that names a person for certain (a title, a first name, a post).
pub(super) fn is_person(ctx: &Ctx, m: usize) -> bool {
    let e = ctx.entities.of_mention[m];
    let ent = &ctx.entities.list[e];
    ent.kind == Kind::Person || ent.person_evidence
}

/// Parses a noun phrase starting at `t`, walking right (after a cue: `said Mr Howard`).
pub(super) fn phrase_right_of(ctx: &Ctx, t: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    let w = doc.lword(t)?;
    if doc.is_pronoun(t) {
        return Some(Phrase::Pronoun { tok: t });
    }
    if DETERMINERS.contains(&w)
        && let Some(first_head) = (t + 1..t + 6).find(|&k| {
            person_head(ctx, k)
                || doc.lword(k).is_some() && !doc.is_cap(k) && doc.is(k, list::ORG_NOUN)
        })
        && (t + 1..first_head).all(|k| doc.word(k).is_some())
    {
        // `the film's executive producer`: the head is the last of the role nouns.
        let mut head = first_head;
        while person_head(ctx, head + 1) {
            head += 1;
        }
        // `said the Sale full-back`, `said a spokesman for Unison`.
        let mut after = head + 1;
        if doc.lword(after) == Some("close") && doc.lword(after + 1) == Some("to") {
            after += 1;
        }
        if doc
            .lword(after)
            .is_some_and(|x| matches!(x, "for" | "of" | "at" | "to" | "with"))
            && w != "the"
            && let Some(m) = {
                let k = if doc.lword(after + 1) == Some("the") {
                    after + 2
                } else {
                    after + 1
                };
                ctx.mention_at.get(k).copied().flatten()
            }
        {
            let start = doc.tok_range(t).start;
            let stop = ctx.mentions[m].range.end;
            return Some(Phrase::Described {
                range: start..stop,
                text: one_spaced(&doc.text[start..stop]),
            });
        }
        // `said the Ireland coach Eddie O'Sullivan`, `said a board spokesman, Jon Benjamin`: a
        // name right after the role.
        let at = if doc.punct(head + 1) == Some(',') {
            head + 2
        } else {
            head + 1
        };
        if let Some(m) = ctx.mention_at.get(at).copied().flatten()
            && matches!(ctx.mentions[m].kind, Kind::Person | Kind::Unknown)
        {
            return Some(Phrase::Mention(m));
        }
        return determiner_phrase_from(ctx, t, head);
    }
    // `according to a report published by Analysys`, `a statement from the FA`: the document's
    // author.
    if DETERMINERS.contains(&w)
        && let Some(d) = (t + 1..t + 4)
            .take_while(|&k| doc.word(k).is_some())
            .find(|&k| doc.is(k, list::DOCUMENT))
        && let Some(by) = (d + 1..d + 4)
            .take_while(|&k| doc.word(k).is_some())
            .find(|&k| matches!(doc.lword(k), Some("by" | "from" | "of")))
        && let Some(m) = (by + 1..by + 6)
            .take_while(|&k| doc.word(k).is_some())
            .find_map(|k| ctx.mention_at[k])
    {
        return Some(Phrase::Mention(later_person(ctx, m)));
    }
    // Skip lower-case role words before a name: `said project manager Caroline Pelletier`;
    // and a possessive before the person (`said ABN Amro's Eddie Wong`).
    let mut k = t;
    while k < t + 6 && doc.word(k).is_some() {
        if let Some(m) = ctx.mention_at[k] {
            let mention = &ctx.mentions[m];
            if mention.possessive
                && let Some(n) = (mention.end_tok + 1..mention.end_tok + 5)
                    .take_while(|&j| doc.word(j).is_some())
                    .find_map(|j| ctx.mention_at[j].filter(|&n| n != m))
            {
                return Some(Phrase::Mention(later_person(ctx, n)));
            }
            return Some(Phrase::Mention(later_person(ctx, m)));
        }
        if doc.cue_at(k) && k > t || is_preposition(doc.lword(k).unwrap_or_default()) {
            break;
        }
        k += 1;
    }
    if DETERMINERS.contains(&w) {
        let mut end = t + 1;
        while doc.word(end).is_some() && end < t + 6 {
            let lw = doc.lword(end).unwrap_or_default();
            if matches!(
                lw,
                "who"
                    | "which"
                    | "that"
                    | "in"
                    | "on"
                    | "as"
                    | "after"
                    | "before"
                    | "when"
                    | "to"
                    | "for"
                    | "of"
                    | "at"
            ) {
                break;
            }
            end += 1;
        }
        return determiner_phrase_from(ctx, t, end - 1);
    }
    None
}

/// `Liberal Democrat chairman Matthew Taylor`, `Swedish trades union official Ulf Carlsson`,
/// `JP Morgan chief executive William Harrison`: the person after an organisation (or an
/// adjective) and lower-case words that hold a role noun.
pub(super) fn later_person(ctx: &Ctx, m: usize) -> usize {
    let doc = &ctx.doc;
    let mention = &ctx.mentions[m];
    // A person's name before a role and another person (`James Hardie chairwoman, Meredith
    // Hellicar,`) names a body, not the speaker.
    let person = mention.kind == Kind::Person && !mention.possessive;
    let mut k = mention.end_tok + 1;
    let mut role = false;
    let mut words = 0;
    while words < 5
        && doc.lword(k).is_some_and(|w| {
            !doc.is_cap(k)
                && !doc.cue_at(k)
                && !AUX.contains(&w)
                && !is_preposition(w)
                && !DETERMINERS.contains(&w)
                || w == "of"
        })
    {
        role |= doc.is(k, list::TITLE | list::PERSON_NOUN);
        k += 1;
        words += 1;
    }
    let person_next = ctx
        .mention_at
        .get(k)
        .copied()
        .flatten()
        .is_some_and(|n| ctx.mentions[n].first_name || ctx.mentions[n].courtesy);
    let at = if doc.punct(k) == Some(',') { k + 1 } else { k };
    if person {
        let named_person = |n: usize| {
            let n = &ctx.mentions[n];
            n.kind == Kind::Person && (n.first_name || n.courtesy)
        };
        return match ctx.mention_at.get(at).copied().flatten() {
            Some(n) if role && words <= 3 && n != m && named_person(n) => n,
            _ => m,
        };
    }
    if (role || mention.possessive || words > 0 && words <= 3 && person_next)
        && let Some(n) = ctx.mention_at.get(at).copied().flatten()
        && n != m
        && matches!(ctx.mentions[n].kind, Kind::Person | Kind::Unknown)
    {
        return n;
    }
    m
}

/// `Ryan Crabbe and Gordon Rennie said`, `chief executive William Harrison and chief operating
/// officer James Dimon said`: people who speak together are given the words by the first named.
fn first_conjunct(ctx: &Ctx, m: usize, clause_start: usize) -> usize {
    let doc = &ctx.doc;
    let mut k = ctx.mentions[m].run_start;
    let mut roles = 0;
    while k > clause_start + 1
        && roles < 4
        && doc.lword(k - 1).is_some_and(|w| w != "and")
        && !doc.is_cap(k - 1)
    {
        k -= 1;
        roles += 1;
    }
    if k < clause_start + 2 || doc.lword(k - 1) != Some("and") {
        return m;
    }
    match ctx.mention_end.get(k - 2).copied().flatten() {
        Some(first)
            if matches!(ctx.mentions[first].kind, Kind::Person | Kind::Unknown)
                && !ctx.mentions[first].possessive =>
        {
            first
        }
        _ => m,
    }
}

/// Unnamed people: `a spokesman for the FA`, `one opposition voice`, `a person close to X`.
pub(super) fn find_described(
    doc: &Doc,
    mentions: &[Mention],
    mention_at: &[Option<usize>],
) -> Vec<Described> {
    let mut out = Vec::new();
    for k in 0..doc.len() {
        if doc.is_cap(k) && !doc.in_title(k)
            || !doc.is(k, list::PERSON_NOUN)
            || doc.word(k).is_none()
        {
            continue;
        }
        let Some(det) = (k.saturating_sub(4)..k)
            .rev()
            .take_while(|&j| doc.word(j).is_some())
            .find(|&j| {
                doc.lword(j).is_some_and(|x| {
                    matches!(
                        x,
                        "a" | "an" | "one" | "another" | "two" | "three" | "several" | "some"
                    )
                })
            })
        else {
            continue;
        };
        // `Andrea Arnold, once a presenter`: a description of the name before it, not a person.
        let b = doc.back_over(det, &["once", "now", "formerly", "also", "still"]);
        if b > 1
            && doc.punct(b - 1) == Some(',')
            && mention_at.get(b - 2).is_some_and(|m| m.is_some())
        {
            continue;
        }
        if b > 1 && doc.punct(b - 1) == Some(',') && mentions.iter().any(|m| m.end_tok + 1 == b - 1)
        {
            continue;
        }
        let mut end_tok = k;
        // `for/of/at/close to` + a name or a noun phrase.
        let mut j = k + 1;
        if doc.lword(j) == Some("close") && doc.lword(j + 1) == Some("to") {
            j += 1;
        }
        if doc
            .lword(j)
            .is_some_and(|x| matches!(x, "for" | "of" | "at" | "with" | "to" | "in" | "from"))
        {
            let mut e = j + 1;
            while e < j + 6
                && doc.word(e).is_some()
                && (doc.is_cap(e)
                    || doc
                        .lword(e)
                        .is_some_and(|w| matches!(w, "the" | "a" | "an" | "his" | "her" | "their"))
                    || doc.is(e, list::ORG_NOUN | list::PERSON_NOUN))
            {
                end_tok = e;
                e += 1;
            }
        }
        let start = doc.tok_range(det).start;
        let end = doc.tok_range(end_tok).end;
        let first = (doc.sentence_start(det)..det).all(|j| doc.word(j).is_none());
        out.push(Described {
            tok: det,
            text: one_spaced(&doc.text[start..end]),
            subject: first,
        });
    }
    out
}
