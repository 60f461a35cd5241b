//! Where a text says who speaks: the attribution patterns around a quotation (`"…," X said`,
//! `said X`, `X said: "…"`, `according to X`, `…, X said.` at the sentence's end, a headline's
//! `X: '…'`, a cue in the sentence before) and the noun phrase each one points at. Every
//! pattern that matches is reported as a `Link`; the model weighs them.

use std::ops::Range;

use super::Ctx;
use super::names::{Kind, is_preposition};
use super::phrases::{AUX, is_person, phrase_left_of, phrase_right_of, subject_of_clause};
use crate::draft::lexicon::list;

/// The phrase an attribution names, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Phrase {
    Mention(usize),
    Pronoun {
        tok: usize,
    },
    /// `the coach`, `the firm`: a definite description by its head noun.
    Role {
        tok: usize,
        head: String,
        range: Range<usize>,
    },
    /// `a spokesman for the FA`: an unnamed speaker.
    Described {
        range: Range<usize>,
        text: String,
    },
}

/// How a link ties the words to the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Pattern {
    /// `"…," X said`
    AfterName,
    /// `"…," said X`
    AfterVerb,
    /// `X said: "…"`, `X told the BBC that "…"`
    Before,
    /// `according to X, "…"`
    According,
    /// `"…" and more, X said.` at the end of the quotation's sentence
    Trailing,
    /// `"…" That was X's verdict.`
    ThatWas,
    /// `X said on Friday he would go. "…"`
    PrevSentence,
    /// `…, said Mr Thomas.` ending the paragraph before one that opens with the quotation.
    PrevParagraph,
    /// `X: "…"` (a headline) or `X put it bluntly: "…"`
    Colon,
    /// A block quote's `— X` line, or the subject of the paragraph that leads into it.
    Block,
    /// The subject of the quotation's sentence, with no cue.
    Subject,
    /// A quotation standing alone after a sentence whose subject is a person, with no cue.
    Topic,
}

/// One attribution found for a quotation.
#[derive(Debug, Clone)]
pub(super) struct Link {
    pub phrase: Phrase,
    pub pattern: Pattern,
    /// The cue word (`said`, `according to`, `:`).
    pub cue: String,
    /// The cue is a weak or framing verb (`called`, `believes`).
    pub weak: bool,
}

/// Every attribution the patterns find for the quotation at token `qt`.
pub(super) fn links(ctx: &Ctx, qt: usize, block: bool) -> Vec<Link> {
    let mut out = Vec::new();
    let mut push = |found: Option<(Phrase, String)>, pattern: Pattern| {
        if let Some((phrase, cue)) = found {
            let weak = ctx.doc.lex.is(&cue, list::CUE_WEAK | list::CUE_FRAME);
            out.push(Link {
                phrase,
                pattern,
                cue,
                weak,
            });
        }
    };
    if block {
        push(block_attribution(ctx, qt), Pattern::Block);
        return out;
    }
    let (after, after_pattern) = attribution_after(ctx, qt);
    push(after, after_pattern);
    for (found, pattern) in attribution_before(ctx, qt) {
        push(Some(found), pattern);
    }
    push(attribution_trailing(ctx, qt), Pattern::Trailing);
    push(
        attribution_that_was(ctx, qt).or_else(|| attribution_lede(ctx, qt)),
        Pattern::ThatWas,
    );
    let (prev, across) = attribution_previous_sentence(ctx, qt);
    push(
        prev,
        if across {
            Pattern::PrevParagraph
        } else {
            Pattern::PrevSentence
        },
    );
    // The subject of the quotation's own clause when a name or pronoun opens it (`Bobby
    // Jindal signed an order, while Mike Huckabee, the former Arkansas governor, proposed we
    // "…"`; not `a statement that, while condemning violence, accused the leadership`), else
    // of its sentence.
    let s = ctx.doc.sentence_start(qt);
    let clause = clause_start(ctx, s, qt);
    let named = ctx.mention_at[clause].is_some_and(|m| ctx.mentions[m].run_start == clause)
        || ctx.doc.is_pronoun(clause);
    let heard = heard_before(ctx, s, qt);
    push(
        (clause > s && named && !heard)
            .then(|| subject_of_clause(ctx, clause, qt, false))
            .flatten()
            .or_else(|| {
                (!heard)
                    .then(|| subject_of_clause(ctx, s, qt, true))
                    .flatten()
            })
            .map(|p| (p, "subject".to_string())),
        Pattern::Subject,
    );
    push(topic(ctx, qt), Pattern::Topic);
    out
}

/// `Kevin Donnellon was asked: "Why on earth …?"`: the last cue in `from..qt` is a passive
/// `asked` or `told`, whose subject heard the words rather than said them (not `… was asked
/// if …, he laughed and said, "…"`).
fn heard_before(ctx: &Ctx, from: usize, qt: usize) -> bool {
    let doc = &ctx.doc;
    (from..qt).rev().find(|&k| doc.cue_at(k)).is_some_and(|k| {
        (doc.is(k, list::CUE_ADDRESSED)
            || doc
                .lword(k)
                .is_some_and(|w| matches!(w, "asked" | "questioned")))
            && k.checked_sub(1)
                .and_then(|p| doc.lword(p))
                .is_some_and(|w| {
                    matches!(w, "was" | "were" | "is" | "are" | "been" | "being" | "be")
                })
    })
}

/// A quotation opening its sentence after a sentence of the same paragraph: that sentence's
/// subject (`Jamie had to wear a body cast. "Walking without the crutches…"`).
fn topic(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let s = doc.sentence_start(qt);
    if (s..qt).any(|k| doc.word(k).is_some()) || s == 0 {
        return None;
    }
    let prev = doc.sentences[doc.sent_of[s - 1]].clone();
    if doc.para_of[prev.start] != doc.para_of[qt]
        || (prev.clone()).any(|k| doc.quote_at(k).is_some())
    {
        return None;
    }
    // The subject of its last clause (`…, and Jolanda Ceplak hopes she returns.`).
    let clause = clause_start(ctx, prev.start, prev.end);
    subject_of_clause(ctx, clause, prev.end, true)
        .or_else(|| subject_of_clause(ctx, prev.start, prev.end, true))
        .map(|p| (p, "topic".to_string()))
}

/// After a quotation: `," Mr Howard said`, `," said Dr Carl Gavin`, `," he went on`.
fn attribution_after(ctx: &Ctx, qt: usize) -> (Option<(Phrase, String)>, Pattern) {
    let doc = &ctx.doc;
    let none = (None, Pattern::AfterName);
    // `"…" ― Pamela Padilla`: a name after a dash signs the words; so it does on the line
    // after a quotation that is its whole paragraph (`"…" ¶ - Sanders.`).
    let next = doc.past_breaks(qt + 1);
    let whole_paragraph = (0..qt)
        .rev()
        .take_while(|&k| doc.para_of[k] == doc.para_of[qt])
        .all(|k| doc.word(k).is_none() && doc.quote_at(k).is_none());
    if (next == qt + 1 || whole_paragraph)
        && let Some(m) = signed(ctx, next)
    {
        return (Some((Phrase::Mention(m), "—".into())), Pattern::Block);
    }
    let mut t = qt + 1;
    while matches!(
        doc.punct(t),
        Some(',' | '—' | '–' | '-' | '\'' | '’' | '"' | '”')
    ) {
        t += 1;
    }
    if doc.word(t).is_none() {
        return none;
    }
    let Some(qi) = doc.quote_at(qt) else {
        return none;
    };
    // `"… heaven." A BBC spokesman said: "…"` introduces the next quotation, and `"… go." Mr
    // Armes warned that …` is a new sentence: after a quotation that ends a sentence, only a
    // bare `he said.` belongs to it.
    if doc.quote_ends_sentence[qi] && doc.is_cap_raw(t) && !bare_attribution(ctx, t) {
        return none;
    }
    // `"…," Richard Doherty, from Panasonic's laboratories, one of the pioneers of Blu-ray,
    // told …`: a person set off by commas may carry a long description before the cue.
    // (`"…," the economist Jared Bernstein, a former adviser in the Obama White House, wrote`:
    // a role before the name too.)
    let named = (t..t + 3)
        .take_while(|&k| doc.word(k).is_some())
        .find_map(|k| ctx.mention_at.get(k).copied().flatten());
    let reach = match named {
        Some(m)
            if ctx.entities.list[ctx.entities.of_mention[m]].person_evidence
                && doc.punct(ctx.mentions[m].end_tok + 1) == Some(',') =>
        {
            30
        }
        _ => 14,
    };
    // (After a quotation that ends its sentence, the attribution's own sentence.)
    let end = doc.sentence_end(qt).max(doc.sentence_end(t)).min(t + reach);
    // (`"…," reported Reuters`: a weak verb too, right after a quotation that ends in a comma.)
    let comma = doc.quote_ends_comma[qi] || doc.punct(qt + 1) == Some(',');
    let inverted_weak =
        comma && doc.cue_at(t) && !doc.is(t, list::CUE_FRAME) && t <= qt + 2 && !doc.is_cap_raw(t);
    // `"…," according to a report published by Analysys`.
    if comma && doc.lword(t) == Some("according") && doc.lword(t + 1) == Some("to") {
        return (
            phrase_right_of(ctx, t + 2).map(|p| (p, "according to".into())),
            Pattern::According,
        );
    }
    if doc.strong_cue_at(t) || inverted_weak {
        // `"…," told the BBC` names who heard the words, not who said them.
        if doc.is(t, list::CUE_ADDRESSED) {
            return none;
        }
        let cue = doc.lword(t).unwrap_or_default().to_string();
        let mut s = t + 1;
        if doc.entry(t).particle.is_some() {
            s += 1;
        }
        return (
            phrase_right_of(ctx, s).map(|p| (p, cue)),
            Pattern::AfterVerb,
        );
    }
    // (`"like a child" when it taunted McCririck`: a clause led by a subordinating
    // conjunction says when or why, not who spoke.)
    if doc
        .lword(t)
        .is_some_and(|w| matches!(w, "when" | "because" | "after" | "before" | "until" | "if"))
    {
        return none;
    }
    // A subject then a cue: the first cue within reach, with only a phrase before it.
    for k in t..end {
        if doc.quote_at(k).is_some() {
            return none;
        }
        // (`"glow in the dark," for instance, and Trump vowed to …`: a comma and a conjunction
        // open another clause, with a subject of its own.)
        if k > t
            && doc.punct(k - 1) == Some(',')
            && doc
                .lword(k)
                .is_some_and(|w| matches!(w, "and" | "but" | "while"))
        {
            return none;
        }
        // (`one of the states suing the EPA`: after a determiner, a cue word is a noun; after a
        // name, a cue word that also modifies roles modifies them, `the president of the
        // Indiana state firefighters union, said`.)
        let noun = || {
            doc.lword(k - 1).is_some_and(|w| {
                matches!(
                    w,
                    "the" | "a" | "an" | "this" | "these" | "those" | "its" | "their" | "our"
                )
            }) || doc.is(k, list::MODIFIER) && ctx.mention_end[k - 1].is_some()
        };
        if doc.cue_at(k) && k > t && !noun() {
            // (In the sentence after a quotation that ends its own, only a bare `X said as he
            // left.` attributes it: `Tory leader Michael Howard, asked about it by reporters,
            // said it was important …` is a new sentence.)
            if k >= doc.sentence_end(qt) {
                if doc.punct(k - 1) == Some(',') && doc.lword(k).is_some_and(|w| w.ends_with("ed"))
                {
                    continue;
                }
                if !short_tail(ctx, k, doc.sentence_end(k)) {
                    return none;
                }
            }
            // `"fair and open" competition, he replied: "…"` introduces the next quotation.
            let sent_end = doc.sentence_end(k);
            // (`"…," Cruz said, adding: "…"` is not: another cue stands before the colon.)
            let next_quote = (k..sent_end).find(|&j| doc.quote_at(j).is_some());
            let colon = next_quote.and_then(|q| (k..q).find(|&j| doc.punct(j) == Some(':')));
            if colon.is_some_and(|c| !(k + 1..c).any(|j| doc.cue_at(j))) {
                return none;
            }
            let cue = doc.lword(k).unwrap_or_default().to_string();
            return (
                phrase_left_of(ctx, k, t).map(|p| (p, cue)),
                Pattern::AfterName,
            );
        }
    }
    none
}

/// `he said.`, `Mr Kennedy asked on Radio 4.`: a phrase and a cue, and nothing after the cue
/// but a few words before the sentence ends (no colon, no quotation, no `that`).
fn bare_attribution(ctx: &Ctx, t: usize) -> bool {
    let doc = &ctx.doc;
    let sent_end = doc.sentence_end(t);
    let Some(cue) = (t..sent_end.min(t + 9))
        .find(|&k| doc.strong_cue_at(k))
        .or_else(|| doc.appositive_cue(t))
    else {
        return false;
    };
    !echoes(ctx, cue) && (doc.attribution_closed_at(cue) || short_tail(ctx, cue, sent_end))
}

/// `"…" Keeper Tony Bullock echoed McIntyre's sentiments.`: after the cue at `cue`, a name's
/// possessive: the verb's object is someone's words, and the sentence is about theirs, not
/// the quotation before it.
pub(super) fn echoes(ctx: &Ctx, cue: usize) -> bool {
    (cue + 1..ctx.doc.sentence_end(cue))
        .any(|k| ctx.mention_at[k].is_some_and(|m| ctx.mentions[m].possessive))
}

/// After a cue at `cue`, up to `end`: a few words at most, with no `that`, colon or quotation
/// (`said as he launched the process.`), so nothing more is reported.
fn short_tail(ctx: &Ctx, cue: usize, end: usize) -> bool {
    let doc = &ctx.doc;
    let rest = cue + 1..end;
    if rest
        .clone()
        .any(|k| doc.quote_at(k).is_some() || doc.punct(k) == Some(':'))
    {
        return false;
    }
    let words: Vec<&str> = rest.filter_map(|k| doc.lword(k)).collect();
    words.len() <= 8 && !words.contains(&"that")
}

/// The last `according to X` in `range`, unless a cue after it (`cue`) has a subject of its
/// own.
fn according_in(ctx: &Ctx, range: Range<usize>, cue: Option<usize>) -> Option<Phrase> {
    let doc = &ctx.doc;
    let k = range.rev().find(|&k| {
        doc.lword(k) == Some("according")
            && doc.lword(k + 1) == Some("to")
            && cue.is_none_or(|c| c < k)
    })?;
    phrase_right_of(ctx, k + 2)
}

/// Before a quotation in its sentence: `Mr Howard said: "…"`, `according to X, "…"`,
/// `X told the BBC that "…"`, a headline's `X: '…'`.
fn attribution_before(ctx: &Ctx, qt: usize) -> Vec<((Phrase, String), Pattern)> {
    let doc = &ctx.doc;
    let mut out = Vec::new();
    let s = doc.sentence_start(qt);
    // The clause: from the sentence start or the last quotation before this one.
    let from = (s..qt)
        .rev()
        .find(|&k| doc.quote_at(k).is_some())
        .map_or(s, |k| k + 1);
    if heard_before(ctx, from, qt) {
        return out;
    }
    // `according to X` (unless a cue nearer the quotation has its own subject).
    let nearest_cue = (from..qt).rev().find(|&k| doc.strong_cue_at(k));
    if let Some(p) = according_in(ctx, from..qt, nearest_cue) {
        out.push(((p, "according to".into()), Pattern::According));
    }
    // `X: "…"`: a name and a colon open the clause (headlines: `Parry: 'Steven is not for
    // sale'`, `A lesson from Loretta Lynch: 'Be the voice'`).
    if let Some(colon) = (from..qt).find(|&k| doc.punct(k) == Some(':')) {
        let alone = ctx.mention_at[from..colon]
            .iter()
            .flatten()
            .next()
            .copied()
            .filter(|&m| {
                (from..colon).all(|k| {
                    ctx.mention_at[k] == Some(m)
                        || doc.word(k).is_none()
                        || doc.is(k, list::FUNCTION)
                })
            });
        let headline = doc.in_title(qt) || doc.sent_of[from] == 0;
        let last_person = (from..colon).rev().find_map(|k| {
            ctx.mention_at[k].filter(|&m| {
                matches!(ctx.mentions[m].kind, Kind::Person | Kind::Unknown)
                    && !ctx.mentions[m].possessive
            })
        });
        if let Some(m) = alone.or(last_person.filter(|_| headline)) {
            out.push(((Phrase::Mention(m), ":".into()), Pattern::Colon));
        }
    }
    // `Clinton's response was:`, `The mayor's answer …:`: the owner's words, whatever the verb.
    if qt > from
        && doc.punct(qt - 1) == Some(':')
        && let Some(p) = owner_of_words(ctx, from, qt)
    {
        out.push(((p, ":".into()), Pattern::Colon));
        return out;
    }
    for k in (from..qt).rev() {
        // `Mr MacKenzie's suggestion that young drunks should "be given a good beating"`: the
        // owner of a claim or suggestion said the words its `that` goes on to (with no cue
        // nearer; `Ginsburg's comments "shows bias to me"` is someone's verdict on them).
        if let Some(w) = doc.lword(k).filter(|w| CLAIM_NOUNS.contains(w))
            && let Some(m) = k.checked_sub(1).and_then(|p| ctx.mention_end[p])
            && ctx.mentions[m].possessive
            && doc.lword(k + 1) == Some("that")
        {
            out.push(((Phrase::Mention(m), w.to_string()), Pattern::Before));
            return out;
        }
        if !doc.cue_at(k) {
            continue;
        }
        let cue = doc.lword(k).unwrap_or_default().to_string();
        let prev_is_quote = k > 0 && doc.quote_at(k - 1).is_some()
            || (k > 1 && doc.punct(k - 1) == Some(',') && doc.quote_at(k - 2).is_some());
        if prev_is_quote && from > s && !cue.ends_with("ing") {
            // `"…," said Rory Armes, "…"`: the phrase follows the cue.
            if let Some(p) = phrase_right_of(ctx, k + 1) {
                out.push(((p, cue), Pattern::AfterVerb));
            }
            return out;
        }
        // Sentence-initial `Asked about …` is an introduction, not a cue.
        if k == s && cue.ends_with("ed") {
            continue;
        }
        let participle = cue.ends_with("ing");
        // `a message from the MPAA warning "…"`, `a statement from Sony saying: "…"`: the name
        // right before a participle that opens the quotation speaks.
        if participle
            && (k + 1 == qt || k + 2 == qt && doc.punct(k + 1) == Some(':'))
            && let Some(m) = k.checked_sub(1).and_then(|p| ctx.mention_end[p])
            && !ctx.mentions[m].possessive
        {
            out.push(((Phrase::Mention(m), cue), Pattern::Before));
            return out;
        }
        let weak = doc.is(k, list::CUE_WEAK | list::CUE_FRAME);
        if weak && !(k + 1 < qt && (doc.quote_at(k + 1).is_some() || doc.punct(k + 1) == Some(':')))
        {
            let prev = k.checked_sub(1).and_then(|p| doc.lword(p));
            // (`Rooney, who believes "…"`, `Mr Benn thinks "…"`: a subject right before it.)
            let named = k + 1 == qt
                && (prev == Some("who")
                    || k.checked_sub(1)
                        .and_then(|p| ctx.mention_end[p])
                        .is_some_and(|m| !ctx.mentions[m].possessive));
            if participle
                || !named
                    && prev.is_none_or(|p| {
                        !AUX.contains(&p) && !matches!(p, "he" | "she" | "it" | "they")
                    })
            {
                continue;
            }
        }
        if participle {
            let prev = k.checked_sub(1).and_then(|p| {
                doc.punct(p).or(doc.quote_at(p).map(|_| ',')).or_else(|| {
                    doc.lword(p).and_then(|w| {
                        matches!(
                            w,
                            "and" | "but" | "by" | "while" | "before" | "after" | "when" | "as"
                        )
                        .then_some(',')
                    })
                })
            });
            if prev.is_none() && k != s {
                continue;
            }
            // (`"…," Trump said, adding later, "…"`.)
            if let Some(p) = subject_after_quotation(ctx, s, from, k) {
                out.push(((p, cue), Pattern::Before));
            }
            return out;
        }
        // (`"…," Mr. Conant, the Republican consultant, said, "…"`: the clause after the last
        // quotation.)
        let clause = clause_start(ctx, from, k);
        let found = phrase_left_of(ctx, k, clause)
            // `… but warned that "…"`: the verb shares the sentence's subject.
            .or_else(|| subject_after_quotation(ctx, s, from, k));
        if let Some(p) = found {
            out.push(((p, cue), Pattern::Before));
        }
        return out;
    }
    // `Mr Nachison puts it bluntly: "…"`: a clause introducing the quotation with a colon.
    if qt > from
        && doc.punct(qt - 1) == Some(':')
        && let Some(p) = subject_of_clause(ctx, from, qt, true)
    {
        out.push(((p, ":".into()), Pattern::Colon));
    }
    out
}

/// Nouns for what someone claimed, whose `that` clause reports their words.
const CLAIM_NOUNS: &[&str] = &[
    "suggestion",
    "claim",
    "assertion",
    "insistence",
    "remark",
    "remarks",
    "comments",
    "warning",
    "promise",
    "pledge",
    "accusation",
    "argument",
    "boast",
    "complaint",
];

/// Nouns for what someone said, as the subject of a colon's lead-in.
const WORDS_NOUNS: &[&str] = &[
    "answer",
    "response",
    "reply",
    "reaction",
    "retort",
    "message",
    "words",
    "comment",
    "explanation",
    "verdict",
    "assessment",
    "conclusion",
    "advice",
    "prediction",
    "summing-up",
    "view",
    "take",
];

/// `Clinton's response was:`, `The mayor's answer has been replayed many times since:`, `His
/// verdict:`: a lead-in whose subject is someone's answer, reply or statement gives the words
/// to them.
fn owner_of_words(ctx: &Ctx, from: usize, to: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    let first = (from..to).find(|&k| doc.word(k).is_some())?;
    let the = doc.lword(first) == Some("the");
    let owner = if the { first + 1 } else { first };
    let words_noun = |k: usize| {
        k < to
            && (doc.lword(k).is_some_and(|w| WORDS_NOUNS.contains(&w)) || doc.is(k, list::DOCUMENT))
    };
    if matches!(doc.lword(first), Some("his" | "her" | "their")) && words_noun(first + 1) {
        return Some(Phrase::Pronoun { tok: first });
    }
    if let Some(m) = ctx.mention_at.get(owner).copied().flatten()
        && ctx.mentions[m].possessive
        && words_noun(ctx.mentions[m].end_tok + 1)
    {
        return Some(Phrase::Mention(m));
    }
    let role = the
        && doc.word(owner).is_some_and(super::tokens::is_possessive)
        && !doc.is_cap(owner)
        && doc
            .lbase(owner)
            .is_some_and(|w| doc.lex.is(w, list::PERSON_NOUN | list::OFFICE));
    (role && words_noun(owner + 1)).then(|| Phrase::Role {
        tok: first,
        head: doc.lbase(owner).unwrap_or_default().to_string(),
        // (`the mayor`, without the possessive ending.)
        range: doc.tok_range(first).start
            ..doc.tok_range(owner).start
                + doc.word(owner).map_or(0, |w| super::tokens::base(w).len()),
    })
}

/// The subject of a cue at `k`: in the stretch after the sentence's last quotation before
/// it (`from`), else in the sentence from its start `s`.
fn subject_after_quotation(ctx: &Ctx, s: usize, from: usize, k: usize) -> Option<Phrase> {
    // (`"…," Graham said on MSNBC's "Morning Joe," adding, "…"`: back past each quotation in
    // turn, then from the sentence's start.)
    let doc = &ctx.doc;
    let starts = (s..from.saturating_sub(1))
        .rev()
        .filter(|&j| doc.quote_at(j).is_some())
        .map(|j| j + 1);
    // (`the "complete irresponsibility" of bringing Jackie Stallone in, and said …`: words
    // after a quotation that go on with a preposition finish a noun phrase, not a clause.)
    std::iter::once(from)
        .chain(starts)
        .filter(|&f| f == s || !doc.lword(f).is_some_and(is_preposition))
        .chain((from > s).then_some(s))
        .find_map(|f| subject_of_clause(ctx, f, k, true))
}

/// The start of the clause holding token `k`: after the last `, and` / `, but` before it.
fn clause_start(ctx: &Ctx, s: usize, k: usize) -> usize {
    let doc = &ctx.doc;
    for j in (s + 1..k).rev() {
        // (`but`, `while`, `whereas` open a clause without a comma too: `GMAC has been a strong
        // contributor but GM said …`; a bare `and` mostly joins names.)
        let word = doc.lword(j);
        if doc.punct(j - 1) == Some(',')
            && word.is_some_and(|w| matches!(w, "and" | "but" | "while"))
            || word.is_some_and(|w| matches!(w, "but" | "whereas"))
        {
            return j + 1;
        }
    }
    s
}

/// At the end of the quotation's sentence: `… as when Labour came to power, he said.`
fn attribution_trailing(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let mut end = doc.sentence_end(qt);
    while end > qt + 1 && doc.punct(end - 1).is_some() {
        end -= 1;
    }
    let comma = (qt + 1..end).rev().find(|&k| doc.punct(k) == Some(','))?;
    if (qt + 1..comma).any(|k| doc.quote_at(k).is_some()) || comma == qt + 1 {
        return None;
    }
    let t = comma + 1;
    if end <= t || end - t > 8 {
        return None;
    }
    if doc.cue_at(t) {
        if doc.is(t, list::CUE_ADDRESSED) {
            return None;
        }
        let cue = doc.lword(t).unwrap_or_default().to_string();
        return phrase_right_of(ctx, t + 1).map(|p| (p, cue));
    }
    (t + 1..end).find(|&k| doc.cue_at(k)).and_then(|k| {
        let cue = doc.lword(k).unwrap_or_default().to_string();
        phrase_left_of(ctx, k, t).map(|p| (p, cue))
    })
}

/// A quotation standing alone after a sentence of reported speech in its paragraph:
/// `He said on Friday he hoped to lead. "I think that is sufficient time."`. Also, with
/// `true`, a quotation opening a paragraph after one that ends in reported speech (`…, said
/// Mr Thomas.` then `"If in doubt retain, …"`).
fn attribution_previous_sentence(ctx: &Ctx, qt: usize) -> (Option<(Phrase, String)>, bool) {
    let doc = &ctx.doc;
    let s = doc.sentence_start(qt);
    if (s..qt).any(|k| doc.word(k).is_some()) || s == 0 {
        return (None, false);
    }
    // (Paragraph breaks between stand as sentences of their own.)
    let Some(last) = (0..s).rev().find(|&k| doc.punct(k) != Some('¶')) else {
        return (None, false);
    };
    let range = doc.sentences[doc.sent_of[last]].clone();
    // `X says that convention is not absolute:` then the quotation as its own paragraph.
    let colon = (range.start..range.end)
        .rev()
        .find(|&k| doc.punct(k) != Some('¶'))
        .is_some_and(|k| doc.punct(k) == Some(':'));
    let across = doc.para_of[range.end.saturating_sub(1)] != doc.para_of[qt] && !colon;
    // (Across paragraphs, only reported speech before a quotation with no attribution of its
    // own: `"…," X said.` before is a continuation, `"…," a spokeswoman said.` its own.)
    if across
        && (doc.para_of[range.end.saturating_sub(1)] + 1 != doc.para_of[qt]
            || range.clone().any(|k| doc.quote_at(k).is_some())
            || !super::nothing_attributes_after(ctx, qt))
    {
        return (None, false);
    }
    let found = reported_in(ctx, range.clone(), colon);
    if found.is_some() || !across {
        return (found, across);
    }
    // `…, argues Mr Donofrio. The hype is over and now leaders have to show that things work.`
    // ¶ `"In the dotcom era …"`: reported speech that runs on past its cue, through sentences
    // that name no one else, into the quotation.
    let doc_para = doc.para_of[range.start];
    let mut start = range.start;
    for _ in 0..3 {
        let someone = (start..doc.sentences[doc.sent_of[start]].end)
            .any(|k| doc.is_pronoun(k) || ctx.mention_at[k].is_some_and(|m| is_person(ctx, m)));
        if someone || start == 0 {
            break;
        }
        let Some(before) = (0..start).rev().find(|&k| doc.punct(k) != Some('¶')) else {
            break;
        };
        let prev = doc.sentences[doc.sent_of[before]].clone();
        if doc.para_of[prev.start] != doc_para || prev.clone().any(|k| doc.quote_at(k).is_some()) {
            break;
        }
        if let Some(found) = reported_in(ctx, prev.clone(), false) {
            return (Some(found), true);
        }
        start = prev.start;
    }
    (None, across)
}

/// The speaker of the reported speech a sentence ends with, for a quotation after it.
fn reported_in(ctx: &Ctx, mut range: Range<usize>, colon: bool) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let sentence_start = range.start;
    // Only the words after the sentence's last quotation can be reporting this one.
    if let Some(last_quote) = range.clone().rev().find(|&k| doc.quote_at(k).is_some()) {
        range.start = last_quote + 1;
    }
    // The cue nearest the quotation (`Her coach agreed, and Ceplak said she hoped so.`).
    let cue = range
        .clone()
        .rev()
        .find(|&k| doc.strong_cue_at(k) && !doc.lword(k).is_some_and(|w| w.ends_with("ing")));
    // `IBM, according to Mr Donofrio, has 30%.`
    if let Some(p) = according_in(ctx, range.clone(), cue) {
        return Some((p, "according to".into()));
    }
    let Some(cue) = cue else {
        // `The mayor's answer was blunt:` with no cue: the subject of the lead-in.
        let end = (range.start..range.end)
            .rev()
            .find(|&k| doc.punct(k) == Some(':'))
            .filter(|_| colon)?;
        return owner_of_words(ctx, range.start, end)
            .or_else(|| subject_of_clause(ctx, range.start, end, true))
            .map(|p| (p, ":".to_string()));
    };
    let word = doc.lword(cue).unwrap_or_default().to_string();
    // `…, said Mr Thomas.`, `Stated Stone:`: the speaker after the cue.
    if (cue > range.start && doc.punct(cue - 1) == Some(',')
        || (sentence_start..cue).all(|k| doc.word(k).is_none() && doc.quote_at(k).is_none()))
        && let Some(p) = phrase_right_of(ctx, cue + 1)
    {
        return Some((p, word));
    }
    let clause = clause_start(ctx, range.start, cue);
    let phrase = phrase_left_of(ctx, cue, clause)
        .or_else(|| subject_of_clause(ctx, range.start, cue, true))?;
    Some((phrase, word))
}

/// `"…" That was Arsene Wenger's verdict`: a possessive name in the next sentence.
fn attribution_that_was(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let t = qt + 1;
    if !matches!(doc.lword(t)?, "that" | "this" | "those" | "such" | "so") {
        return None;
    }
    if !matches!(doc.lword(t + 1)?, "was" | "is" | "were" | "are") {
        return None;
    }
    (t + 2..(t + 6).min(doc.len())).find_map(|k| {
        let m = ctx.mention_at[k]?;
        ctx.mentions[m]
            .possessive
            .then(|| (Phrase::Mention(m), "verdict".into()))
    })
}

/// A quotation that is its whole paragraph, and the next paragraph opens with who spoke:
/// `"Do you have it in your heart? …"` ¶ `Jimmy Connors was talking about the teenagers he
/// mentors.` (a feature's opening quotation).
fn attribution_lede(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let para = doc.para_of[qt];
    let alone = |k: usize| doc.para_of[k] != para || k == qt || doc.word(k).is_none();
    if !(0..qt)
        .rev()
        .take_while(|&k| doc.para_of[k] == para)
        .all(alone)
        || !(qt + 1..doc.len())
            .take_while(|&k| doc.para_of[k] == para)
            .all(alone)
    {
        return None;
    }
    // (After a paragraph with a quotation, the last speaker goes on: `"…" ¶ Brian Moore said
    // it.` is no lede.)
    if (0..qt)
        .rev()
        .take_while(|&k| doc.para_of[k] + 1 >= para)
        .any(|k| doc.quote_at(k).is_some())
    {
        return None;
    }
    let next = (qt + 1..doc.len()).find(|&k| doc.word(k).is_some() || doc.quote_at(k).is_some())?;
    let m = ctx.mention_at[next]?;
    let mention = &ctx.mentions[m];
    if doc.para_of[next] != para + 1 || mention.run_start != next || !is_person(ctx, m) {
        return None;
    }
    let mut k = mention.end_tok + 1;
    while doc.lword(k).is_some_and(|w| AUX.contains(&w)) {
        k += 1;
    }
    // (Not `Sanders replied evenly, "…"`: a cue with a quotation of its own introduces that.)
    let mut sentence = doc.sentences[doc.sent_of[next]].clone();
    let w = doc.lword(k)?;
    ((doc.strong_cue_at(k) || matches!(w, "talking" | "speaking"))
        && !sentence.any(|j| doc.quote_at(j).is_some()))
    .then(|| (Phrase::Mention(m), w.to_string()))
}

/// A Markdown block quote: `— Name, Organisation` on the line after, else the lead-in of
/// the paragraph before when it ends with a colon.
fn block_attribution(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    if let Some(m) = signed(ctx, doc.past_breaks(qt + 1)) {
        return Some((Phrase::Mention(m), "—".into()));
    }
    let mut k = qt;
    while k > 0 && doc.punct(k - 1) == Some('¶') {
        k -= 1;
    }
    // The lead-in is read as before any quotation: its reported speech (`Reporters, he said,
    // had intruded on him, and he had never bent to them:`), else its subject.
    if k > 0 && doc.punct(k - 1) == Some(':') {
        let s = doc.sentence_start(k - 1);
        return reported_in(ctx, doc.sentences[doc.sent_of[k - 1]].clone(), true)
            .or_else(|| owner_of_words(ctx, s, k - 1).map(|p| (p, ":".into())))
            .or_else(|| subject_of_clause(ctx, s, k - 1, true).map(|p| (p, ":".into())));
    }
    None
}

/// A dash at `k` and a name right after it, signing the words before (`— Name, Organisation`).
fn signed(ctx: &Ctx, k: usize) -> Option<usize> {
    if !matches!(ctx.doc.punct(k), Some('―' | '—' | '–' | '-')) {
        return None;
    }
    let m = ctx.mention_at.get(k + 1).copied().flatten()?;
    (ctx.mentions[m].run_start == k + 1).then_some(m)
}
