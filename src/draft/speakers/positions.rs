//! Where each mention stands in its sentence: the subject of its clause, after a
//! preposition, in a sentence's opening phrase, the inverted subject of a speech verb; and the
//! roles given to it in apposition (`Andy Robinson, the head coach`).

use super::names::{INTRO_WORDS, Kind, Mention, is_preposition, role_word};
use super::tokens::{Doc, Tok};
use crate::draft::lexicon::{Gender, list};

/// `Hardie, which …`, `Wimpey's shares`, `shares in Wimpey`: words that only a business or a
/// body takes.
fn body_context(doc: &Doc, m: &Mention) -> bool {
    const HOLDINGS: &[&str] = &[
        "shares",
        "share",
        "shareholders",
        "profits",
        "profit",
        "revenues",
        "revenue",
        "turnover",
        "earnings",
        "stock",
    ];
    let e = m.end_tok;
    let which = doc.punct(e + 1) == Some(',') && doc.lword(e + 2) == Some("which");
    let owned = m.possessive && doc.lword(e + 1).is_some_and(|w| HOLDINGS.contains(&w));
    let held = m.run_start >= 2
        && doc.lword(m.run_start - 1) == Some("in")
        && doc
            .lword(m.run_start - 2)
            .is_some_and(|w| HOLDINGS.contains(&w));
    which || owned || held
}

/// The role noun among the (up to three) lower-case words that describe it right after a
/// name ending at `e`: `Labour leader`, `Democratic presidential candidate`.
pub(super) fn role_after(doc: &Doc, e: usize) -> Option<usize> {
    (e + 1..=e + 3)
        .take_while(|&j| {
            doc.lword(j).is_some() && !doc.is_cap(j) && !doc.is(j, list::FUNCTION) && !doc.cue_at(j)
        })
        .find(|&j| doc.is(j, list::PERSON_NOUN | list::OFFICE))
}

/// Marks the mentions that stand as the subject of their clause, or after a preposition, and
/// adds the roles given to them in apposition (`Andy Robinson, the head coach`).
pub(super) fn mark_positions(doc: &Doc, mentions: &mut [Mention], mention_at: &[Option<usize>]) {
    // The last tokens of the mentions so far after a role's preposition (`the MP for …`).
    let mut oblique_ends: Vec<usize> = Vec::new();
    for m in mentions.iter_mut() {
        let t = np_start(doc, m.run_start);
        let s = doc.sentence_start(t);
        let mut from = s;
        if let Some(w) = doc.lword(s)
            && (INTRO_WORDS.contains(&w) || w.ends_with("ing") || w.ends_with("ed"))
        {
            // (Only a comma that closes a short opening phrase: in `In November Mr Johnson
            // announced the departure of the chief executive, Doug Smith.` the comma is an
            // appositive's, and Doug Smith no subject.)
            match (s..t.min(s + 9)).find(|&k| doc.punct(k) == Some(',')) {
                Some(c) => from = c + 1,
                // `By Wednesday Tony Blair had…`, `Even Deco was…`: a short opening phrase
                // with no comma.
                None if t - s <= 7 && (s..t).all(|k| doc.word(k).is_some() && !doc.cue_at(k)) => {
                    from = t
                }
                None => {}
            }
        }
        // `By Wednesday Tony Blair, who …, had lost patience`, `After the vote Mr Smith said`:
        // a short phrase opened by a preposition, with no comma, before the subject.
        if from == s
            && t >= s + 2
            && t <= s + 4
            && doc.lword(s).is_some_and(is_preposition)
            && (s + 1..t).all(|k| doc.word(k).is_some() && !doc.cue_at(k))
            && mention_at.get(s + 1).copied().flatten().is_none()
        {
            from = t;
        }
        let first = (from..t).all(|k| {
            doc.lword(k).is_none_or(|w| {
                (!doc.is_cap(k) || doc.is(k, list::FUNCTION))
                    && !doc.is_pronoun(k)
                    && !is_preposition(w)
            })
        }) && (from..t).filter(|&k| doc.word(k).is_some()).count() <= 2;
        let prev = t.checked_sub(1).and_then(|p| doc.lword(p));
        let prev2 = t.checked_sub(2).and_then(|p| doc.lword(p));
        let after_conj = matches!(prev, Some("and" | "but" | "while" | "whereas"))
            && (t < 2 || doc.punct(t - 2) == Some(','))
            || (matches!(prev, Some("did"))
                && matches!(prev2, Some("so" | "as" | "nor" | "neither")));
        // (`talking to Real Madrid sporting director Emilio Butragueno`: from the phrase's start.)
        let b = doc.back_over(t, &["the", "a", "an", "this", "that"]);
        // (`secretary of state Hillary Clinton`: an `of` inside the role is not before it.)
        let after_prep = b > 0
            && doc.lword(b - 1).is_some_and(is_preposition)
            && !(t < m.run_start
                && doc.lword(b - 1) == Some("of")
                && b >= 2
                && doc.is(b - 2, list::OFFICE | list::PERSON_NOUN))
            // (`the MP for Sleaford and North Hykeham admitted`: a name joined to one after a
            // role's preposition is after it too; not `… at Old Trafford and Ancelotti said`.)
            || (b >= 2
                && matches!(doc.lword(b - 1), Some("and" | "or"))
                && oblique_ends.contains(&(b - 2)));
        if after_prep && b >= 2 && doc.is(b - 2, list::OFFICE | list::PERSON_NOUN) {
            oblique_ends.push(m.end_tok);
        }
        // `For Imelda Staunton, it was a first`: a sentence-opening phrase names its topic.
        let opening = after_prep && doc.sentence_initial(b - 1);
        let e = m.end_tok;
        let mut k = e + 1;
        if doc.punct(k) == Some(',')
            && doc
                .lword(k + 1)
                .is_some_and(|w| matches!(w, "who" | "whose"))
        {
            k += 2;
        }
        // `…, noted NBC's Dante Chinni.`: a name right after a speech verb (an owner or a
        // determiner between) is the inverted subject of that verb.
        let mut v = m.run_start;
        while v > 0
            && v + 3 > m.run_start
            && doc.word(v - 1).is_some_and(|w| {
                super::tokens::is_possessive(w) || matches!(doc.lword(v - 1), Some("the"))
            })
        {
            v -= 1;
        }
        let inverted = !m.possessive
            && v > 0
            && doc.strong_cue_at(v - 1)
            && !doc.is(v - 1, list::CUE_ADDRESSED);
        // `says the Waterford man`, `the Labour leader said`: a name before a role noun
        // modifies it; the role speaks.
        // (Past a word or two that describe it too: `the Democratic presidential candidate`.)
        let modifier = role_after(doc, e).is_some();
        let speaking =
            !modifier && (inverted || (k..(k + 3).min(doc.len())).any(|j| doc.strong_cue_at(j)));
        m.speaking = speaking;
        m.body_context = body_context(doc, m);
        m.after_prep = after_prep;
        m.opening = opening;
        // (`Nielsen had panicked that …, Greer said.`: the speaker of a trailing attribution
        // is its sentence's subject; the clause before is what was said.)
        let trailing = t > 0
            && doc.punct(t - 1) == Some(',')
            && doc.strong_cue_at(e + 1)
            && doc.sentence_end(e) <= e + 4;
        // `One dissenting opinion came from Brian Gammage, …`: whom the sentence's words come
        // from is what it is about.
        let source = matches!(prev, Some("from"))
            && matches!(prev2, Some("came" | "comes" | "come"))
            && (s..t).all(|k| mention_at[k].is_none());
        m.subject = ((first || after_conj || inverted || trailing) && !after_prep || source)
            && !m.possessive
            && !modifier;
    }
    // `Russia's foreign minister, Sergey Lavrov, welcomed …`, `James Hardie chairwoman, Meredith
    // Hellicar, said …`: a person set off by commas after the role that opens the sentence is
    // its subject, and the names in that role are not.
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let (t, e) = (m.run_start, m.end_tok);
        let s = doc.sentence_start(t);
        let person = m.kind == Kind::Person && !m.possessive;
        if !person || t < s + 3 || doc.punct(t - 1) != Some(',') || doc.punct(e + 1) != Some(',') {
            continue;
        }
        let role = doc
            .lword(t - 2)
            .is_some_and(|_| doc.is(t - 2, list::OFFICE | list::PERSON_NOUN));
        let plain = (s..t - 1).all(|k| doc.word(k).is_some() && !doc.cue_at(k))
            && (s..t - 1).filter(|&k| doc.word(k).is_some()).count() <= 6;
        if !role || !plain {
            continue;
        }
        for j in mention_at[s..t - 1].iter().flatten() {
            mentions[*j].subject = false;
        }
        mentions[i].subject = true;
    }
    // Roles: lower-case role words before the run (`skipper Jason Robinson`), and an
    // appositive after a person's name (`X, the Ireland coach,`).
    for m in mentions.iter_mut() {
        let mut k = m.run_start;
        while k > 0
            && doc.lword(k - 1).is_some_and(|_| {
                !doc.is_cap(k - 1) && doc.is(k - 1, list::OFFICE | list::PERSON_NOUN)
            })
        {
            k -= 1;
            m.roles.push(role_word(doc.lword(k).unwrap_or_default()));
            let g = doc.entry(k).gender;
            if !m.gender_sure && g != Gender::Unknown && m.kind != Kind::Org {
                m.gender = g;
                m.gender_sure = true;
            }
        }
        let e = m.end_tok;
        if doc.punct(e + 1) == Some(',')
            && doc
                .lword(e + 2)
                .is_some_and(|w| matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their"))
        {
            // `Appearing on Five's Wright Stuff, the prime minister said:` is no apposition:
            // a speech verb in the role's phrase makes the role the subject of that verb.
            if (e + 3..e + 9)
                .take_while(|&k| {
                    doc.lword(k)
                        .is_some_and(|w| !matches!(w, "who" | "whose" | "which" | "that"))
                })
                .any(|k| doc.cue_at(k))
            {
                continue;
            }
            for k in e + 3..e + 9 {
                match doc.lword(k) {
                    Some(w) if doc.is(k, list::OFFICE | list::PERSON_NOUN) && !doc.is_cap(k) => {
                        m.roles.push(role_word(w));
                        let g = doc.entry(k).gender;
                        if !m.gender_sure && g != Gender::Unknown {
                            m.gender = g;
                            m.gender_sure = true;
                        }
                        if m.kind == Kind::Unknown {
                            m.kind = Kind::Person;
                        }
                    }
                    Some(_) if mention_at.get(k).copied().flatten().is_some() => {}
                    Some(_) => {}
                    None => break,
                }
            }
        }
    }
}

/// The first token of a name's phrase: role words, organisations and possessives before it.
pub(super) fn np_start(doc: &Doc, t: usize) -> usize {
    let mut k = t;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        if doc.sentence_start(k - 1) != doc.sentence_start(t) {
            break;
        }
        let Some(w) = doc.lword(k - 1) else {
            // `Sen.`: the full stop of an abbreviation inside the phrase.
            if doc.punct(k - 1) == Some('.')
                && k >= 2
                && doc.word(k - 2).is_some()
                && doc.is(k - 2, list::TITLE)
            {
                k -= 1;
                continue;
            }
            break;
        };
        let role =
            !doc.is_cap(k - 1) && doc.is(k - 1, list::OFFICE | list::PERSON_NOUN | list::MODIFIER);
        if role || doc.is_cap(k - 1) && !doc.is(k - 1, list::FUNCTION) && !is_preposition(w) {
            k -= 1;
            steps += 1;
        } else {
            break;
        }
    }
    k
}

/// The mention whose name proper starts at each token, for lookups by position.
pub(super) fn mention_index(doc: &Doc, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut at = vec![None; doc.len()];
    for (i, m) in mentions.iter().enumerate() {
        for (k, slot) in at
            .iter_mut()
            .enumerate()
            .take(m.end_tok + 1)
            .skip(m.run_start)
        {
            if slot.is_none() && !matches!(doc.toks[k], Tok::Quote(_)) {
                *slot = Some(i);
            }
        }
    }
    at
}
