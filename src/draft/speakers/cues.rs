//! Where a text says who speaks: the attribution patterns around a quotation (`"…," X said`,
//! `said X`, `X said: "…"`, `according to X`, `…, X said.` at the sentence's end, a headline's
//! `X: '…'`, a cue in the sentence before) and the noun phrase each one points at. Every
//! pattern that matches is reported as a `Link`; the model weighs them.

use std::ops::Range;

use super::Ctx;
use super::names::{INTRO_WORDS, Kind, is_preposition};
use crate::draft::lexicon::list;

/// The phrase an attribution names, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Phrase {
    Mention(usize),
    Pronoun { tok: usize },
    /// `the coach`, `the firm`: a definite description by its head noun.
    Role { tok: usize, head: String, range: Range<usize> },
    /// `a spokesman for the FA`: an unnamed speaker.
    Described { range: Range<usize>, text: String },
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
    /// `X: "…"` (a headline) or `X put it bluntly: "…"`
    Colon,
    /// A block quote's `— X` line, or the subject of the paragraph that leads into it.
    Block,
    /// The subject of the quotation's sentence, with no cue.
    Subject,
    /// A quotation standing alone after a sentence whose subject is a person, with no cue.
    Topic,
}

impl Pattern {
    pub const ALL: [Pattern; 11] = [
        Pattern::AfterName,
        Pattern::AfterVerb,
        Pattern::Before,
        Pattern::According,
        Pattern::Trailing,
        Pattern::ThatWas,
        Pattern::PrevSentence,
        Pattern::Colon,
        Pattern::Block,
        Pattern::Subject,
        Pattern::Topic,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Pattern::AfterName => "after_name",
            Pattern::AfterVerb => "after_verb",
            Pattern::Before => "before",
            Pattern::According => "according",
            Pattern::Trailing => "trailing",
            Pattern::ThatWas => "that_was",
            Pattern::PrevSentence => "prev_sentence",
            Pattern::Colon => "colon",
            Pattern::Block => "block",
            Pattern::Subject => "subject",
            Pattern::Topic => "topic",
        }
    }
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

const AUX: &[&str] = &[
    "had", "has", "have", "was", "is", "were", "are", "would", "will", "also", "then", "later",
    "once", "again", "further", "simply", "repeatedly", "recently", "earlier", "still",
    "previously", "just", "often", "always", "never", "quickly", "calmly", "bluntly", "angrily",
    "only", "already", "last", "yesterday", "today", "subsequently", "even", "did", "does", "do",
    "could", "should", "might", "may", "must", "reportedly", "apparently", "allegedly", "publicly",
    "privately", "told", "being", "been", "flatly", "firmly", "openly", "later", "tonight",
    "emphatically", "sharply", "quietly", "softly", "frankly", "candidly", "recently",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "one", "another", "his", "her", "their", "its", "our", "this", "that"];

/// Every attribution the patterns find for the quotation at token `qt`.
pub(super) fn links(ctx: &Ctx, qt: usize, block: bool) -> Vec<Link> {
    let mut out = Vec::new();
    let mut push = |found: Option<(Phrase, String)>, pattern: Pattern| {
        if let Some((phrase, cue)) = found {
            let weak = ctx.doc.lex.is(&cue, list::CUE_WEAK | list::CUE_FRAME);
            out.push(Link { phrase, pattern, cue, weak });
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
    push(attribution_that_was(ctx, qt), Pattern::ThatWas);
    push(attribution_previous_sentence(ctx, qt), Pattern::PrevSentence);
    let s = ctx.doc.sentence_start(qt);
    push(
        subject_of_clause(ctx, s, qt, true).map(|p| (p, "subject".to_string())),
        Pattern::Subject,
    );
    push(topic(ctx, qt), Pattern::Topic);
    out
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
    if doc.para_of[prev.start] != doc.para_of[qt] || (prev.clone()).any(|k| doc.quote_at(k).is_some()) {
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
    // `"…" ― Pamela Padilla`: a name after a dash signs the words.
    if matches!(doc.punct(qt + 1), Some('―' | '—' | '–' | '-'))
        && let Some(m) = ctx.mention_at.get(qt + 2).copied().flatten()
        && ctx.mentions[m].run_start == qt + 2
    {
        return (Some((Phrase::Mention(m), "—".into())), Pattern::Block);
    }
    let mut t = qt + 1;
    while matches!(doc.punct(t), Some(',' | '—' | '–' | '-' | '\'' | '’' | '"' | '”')) {
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
    let end = doc.sentence_end(qt).min(t + 14);
    if doc.strong_cue_at(t) {
        let cue = doc.lword(t).unwrap_or_default().to_string();
        let mut s = t + 1;
        if doc.entry(t).particle.is_some() {
            s += 1;
        }
        return (phrase_right_of(ctx, s).map(|p| (p, cue)), Pattern::AfterVerb);
    }
    // A subject then a cue: the first cue within reach, with only a phrase before it.
    for k in t..end {
        if doc.quote_at(k).is_some() {
            return none;
        }
        if doc.cue_at(k) && k > t {
            // `"fair and open" competition, he replied: "…"` introduces the next quotation.
            let sent_end = doc.sentence_end(k);
            // (`"…," Cruz said, adding: "…"` is not: another cue stands before the colon.)
            let next_quote = (k..sent_end).find(|&j| doc.quote_at(j).is_some());
            let colon = next_quote.and_then(|q| (k..q).find(|&j| doc.punct(j) == Some(':')));
            if colon.is_some_and(|c| !(k + 1..c).any(|j| doc.cue_at(j))) {
                return none;
            }
            let cue = doc.lword(k).unwrap_or_default().to_string();
            return (phrase_left_of(ctx, k, t).map(|p| (p, cue)), Pattern::AfterName);
        }
    }
    none
}

/// `he said.`, `Mr Kennedy asked on Radio 4.`: a phrase and a cue, and nothing after the cue
/// but a few words before the sentence ends (no colon, no quotation, no `that`).
fn bare_attribution(ctx: &Ctx, t: usize) -> bool {
    let doc = &ctx.doc;
    let sent_end = doc.sentence_end(t);
    let Some(cue) = (t..sent_end.min(t + 9)).find(|&k| doc.strong_cue_at(k)) else {
        return false;
    };
    let rest = cue + 1..sent_end;
    if rest.clone().any(|k| doc.quote_at(k).is_some() || doc.punct(k) == Some(':')) {
        return false;
    }
    let words: Vec<&str> = rest.filter_map(|k| doc.lword(k)).collect();
    words.len() <= 8 && !words.contains(&"that")
}

/// Before a quotation in its sentence: `Mr Howard said: "…"`, `according to X, "…"`,
/// `X told the BBC that "…"`, a headline's `X: '…'`.
fn attribution_before(ctx: &Ctx, qt: usize) -> Vec<((Phrase, String), Pattern)> {
    let doc = &ctx.doc;
    let mut out = Vec::new();
    let s = doc.sentence_start(qt);
    // The clause: from the sentence start or the last quotation before this one.
    let from = (s..qt).rev().find(|&k| doc.quote_at(k).is_some()).map_or(s, |k| k + 1);
    // `according to X` (unless a cue nearer the quotation has its own subject).
    let nearest_cue = (from..qt).rev().find(|&k| doc.strong_cue_at(k));
    for k in (from..qt).rev() {
        if doc.lword(k) == Some("according") && doc.lword(k + 1) == Some("to") && nearest_cue.is_none_or(|c| c < k) {
            if let Some(p) = phrase_right_of(ctx, k + 2) {
                out.push(((p, "according to".into()), Pattern::According));
            }
            break;
        }
    }
    // `X: "…"`: a name and a colon open the clause (headlines: `Parry: 'Steven is not for
    // sale'`, `A lesson from Loretta Lynch: 'Be the voice'`).
    if let Some(colon) = (from..qt).find(|&k| doc.punct(k) == Some(':')) {
        let alone = ctx.mention_at[from..colon].iter().flatten().next().copied().filter(|&m| {
            (from..colon).all(|k| ctx.mention_at[k] == Some(m) || doc.word(k).is_none() || doc.is(k, list::FUNCTION))
        });
        let headline = doc.in_title(qt) || doc.sent_of[from] == 0;
        let last_person = (from..colon).rev().find_map(|k| {
            ctx.mention_at[k].filter(|&m| matches!(ctx.mentions[m].kind, Kind::Person | Kind::Unknown) && !ctx.mentions[m].possessive)
        });
        if let Some(m) = alone.or(last_person.filter(|_| headline)) {
            out.push(((Phrase::Mention(m), ":".into()), Pattern::Colon));
        }
    }
    for k in (from..qt).rev() {
        if !doc.cue_at(k) {
            continue;
        }
        let cue = doc.lword(k).unwrap_or_default().to_string();
        let prev_is_quote = k > 0 && doc.quote_at(k - 1).is_some()
            || (k > 1 && doc.punct(k - 1) == Some(',') && doc.quote_at(k - 2).is_some());
        if prev_is_quote && from > s {
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
        let weak = doc.is(k, list::CUE_WEAK | list::CUE_FRAME);
        if weak && !(k + 1 < qt && (doc.quote_at(k + 1).is_some() || doc.punct(k + 1) == Some(':'))) {
            let prev = k.checked_sub(1).and_then(|p| doc.lword(p));
            if participle || prev.is_none_or(|p| !AUX.contains(&p) && !matches!(p, "he" | "she" | "it" | "they")) {
                continue;
            }
        }
        if participle {
            let prev = k.checked_sub(1).and_then(|p| {
                doc.punct(p).or_else(|| {
                    doc.lword(p).and_then(|w| {
                        matches!(w, "and" | "but" | "by" | "while" | "before" | "after" | "when" | "as").then_some(',')
                    })
                })
            });
            if prev.is_none() && k != s {
                continue;
            }
            if let Some(p) = subject_of_clause(ctx, s, k, true) {
                out.push(((p, cue), Pattern::Before));
            }
            return out;
        }
        let clause = clause_start(ctx, s, k);
        let found = phrase_left_of(ctx, k, clause)
            // `… but warned that "…"`: the verb shares the sentence's subject.
            .or_else(|| subject_of_clause(ctx, s, k, true));
        if let Some(p) = found {
            out.push(((p, cue), Pattern::Before));
        }
        return out;
    }
    // `Mr Nachison puts it bluntly: "…"`: a clause introducing the quotation with a colon.
    if qt > from && doc.punct(qt - 1) == Some(':')
        && let Some(p) = subject_of_clause(ctx, from, qt, true)
    {
        out.push(((p, ":".into()), Pattern::Colon));
    }
    out
}

/// The start of the clause holding token `k`: after the last `, and` / `, but` before it.
fn clause_start(ctx: &Ctx, s: usize, k: usize) -> usize {
    let doc = &ctx.doc;
    for j in (s + 1..k).rev() {
        if doc.punct(j - 1) == Some(',') && doc.lword(j).is_some_and(|w| matches!(w, "and" | "but" | "while")) {
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
        let cue = doc.lword(t).unwrap_or_default().to_string();
        return phrase_right_of(ctx, t + 1).map(|p| (p, cue));
    }
    (t + 1..end).find(|&k| doc.cue_at(k)).and_then(|k| {
        let cue = doc.lword(k).unwrap_or_default().to_string();
        phrase_left_of(ctx, k, t).map(|p| (p, cue))
    })
}

/// A quotation standing alone after a sentence of reported speech in its paragraph:
/// `He said on Friday he hoped to lead. "I think that is sufficient time."`
fn attribution_previous_sentence(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let s = doc.sentence_start(qt);
    if (s..qt).any(|k| doc.word(k).is_some()) || s == 0 {
        return None;
    }
    let prev = doc.sent_of[s - 1];
    let mut range = doc.sentences[prev].clone();
    // `X says that convention is not absolute:` then the quotation as its own paragraph.
    let colon = (range.start..range.end).rev().find(|&k| doc.punct(k) != Some('¶')).is_some_and(|k| doc.punct(k) == Some(':'));
    if doc.para_of[range.end.saturating_sub(1)] != doc.para_of[qt] && !colon {
        return None;
    }
    // Only the words after the sentence's last quotation can be reporting this one.
    if let Some(last_quote) = range.clone().rev().find(|&k| doc.quote_at(k).is_some()) {
        range.start = last_quote + 1;
    }
    // The cue nearest the quotation (`Her coach agreed, and Ceplak said she hoped so.`).
    let Some(cue) = range.clone().rev().find(|&k| doc.strong_cue_at(k) && !doc.lword(k).is_some_and(|w| w.ends_with("ing"))) else {
        // `The mayor's answer was blunt:` with no cue: the subject of the lead-in.
        let end = (range.start..range.end).rev().find(|&k| doc.punct(k) == Some(':')).filter(|_| colon)?;
        return subject_of_clause(ctx, range.start, end, true).map(|p| (p, ":".to_string()));
    };
    let clause = clause_start(ctx, range.start, cue);
    let phrase = phrase_left_of(ctx, cue, clause).or_else(|| subject_of_clause(ctx, range.start, cue, true))?;
    Some((phrase, doc.lword(cue).unwrap_or_default().to_string()))
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
        ctx.mentions[m].possessive.then(|| (Phrase::Mention(m), "verdict".into()))
    })
}

/// A Markdown block quote: `— Name, Organisation` on the line after, else the subject of
/// the paragraph before when it ends with a colon.
fn block_attribution(ctx: &Ctx, qt: usize) -> Option<(Phrase, String)> {
    let doc = &ctx.doc;
    let next = qt + 1 + (qt + 1..doc.len()).take_while(|&k| doc.punct(k) == Some('¶')).count();
    if matches!(doc.punct(next), Some('—' | '–' | '-'))
        && let Some(m) = ctx.mention_at.get(next + 1).copied().flatten()
    {
        return Some((Phrase::Mention(m), "—".into()));
    }
    let mut k = qt;
    while k > 0 && doc.punct(k - 1) == Some('¶') {
        k -= 1;
    }
    if k > 0 && doc.punct(k - 1) == Some(':') {
        let s = doc.sentence_start(k - 1);
        return subject_of_clause(ctx, s, k - 1, true).map(|p| (p, ":".into()));
    }
    None
}

/// Parses a noun phrase ending just before token `t` (exclusive), walking left.
pub(super) fn phrase_left_of(ctx: &Ctx, t: usize, clause_start: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    let mut k = t;
    while k > clause_start && doc.lword(k - 1).is_some_and(|w| AUX.contains(&w)) {
        k -= 1;
    }
    if k <= clause_start {
        return None;
    }
    // `Ms Robinson, who presents The Weakest Link, tells`: skip the relative clause.
    if let Some(comma) = (clause_start.max(k.saturating_sub(12))..k).rev().find(|&j| {
        doc.punct(j) == Some(',') && doc.lword(j + 1).is_some_and(|w| matches!(w, "who" | "which" | "whose"))
    }) && comma > clause_start
    {
        let mut before = comma;
        while before > clause_start && doc.punct(before - 1).is_some() {
            before -= 1;
        }
        if let Some(p) = phrase_left_of(ctx, before, clause_start) {
            return Some(p);
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
            open = (clause_start..last).rev().find(|&j| doc.punct(j) == Some('('))?;
            if let Some(p) = phrase_left_of(ctx, open, clause_start).filter(|_| open > clause_start) {
                return Some(p);
            }
        }
        return subject_of_clause(ctx, clause_start, open, false);
    }
    // A name ending here.
    if let Some(m) = ctx.mention_end.get(last).copied().flatten() {
        // `a spokesman for Oxford University Press` is the spokesman, not the press.
        let mt = ctx.mentions[m].run_start;
        if mt > clause_start
            && doc.lword(mt - 1).is_some_and(|w| matches!(w, "for" | "of" | "at" | "to"))
            && let Some(p) = described_before(ctx, mt - 1, clause_start, ctx.mentions[m].range.end)
        {
            return Some(p);
        }
        return Some(Phrase::Mention(m));
    }
    determiner_phrase(ctx, clause_start, last)
}

/// `a spokesman for …` ending with the token before a `for/of/at` at `t`.
fn described_before(ctx: &Ctx, t: usize, clause_start: usize, end: usize) -> Option<Phrase> {
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
        if matches!(w, "a" | "an" | "one" | "another" | "the") {
            let start = doc.tok_range(k).start;
            return Some(Phrase::Described {
                range: start..end,
                text: doc.text[start..end].split_whitespace().collect::<Vec<_>>().join(" "),
            });
        }
    }
    None
}

/// `an FA statement`: a statement speaks for the organisation it names.
fn statement_of(ctx: &Ctx, det: usize, last: usize) -> Option<Phrase> {
    if !ctx.doc.is(last, list::DOCUMENT) {
        return None;
    }
    (det..last).find_map(|k| ctx.mention_at[k]).map(Phrase::Mention)
}

/// `the United captain`, `an IRB spokesman`, `one opposition voice` ending at `last`.
fn determiner_phrase(ctx: &Ctx, clause_start: usize, last: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    if let Some(k) = (clause_start..last).rev().take(6).find(|&k| doc.lword(k).is_some_and(|w| matches!(w, "a" | "an" | "the")))
        && let Some(org) = statement_of(ctx, k, last)
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
            Some("the" | "this" | "that" | "our" | "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its" | "some") => {
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
fn determiner_phrase_from(ctx: &Ctx, det: usize, last: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    if let Some(org) = statement_of(ctx, det, last) {
        return Some(org);
    }
    let head = doc.lword(last)?;
    let range = doc.tok_range(det).start..doc.tok_range(last).end;
    match doc.lword(det)? {
        // `the prime minister's official spokesman`: someone's spokesman, not the minister.
        "the" if (det + 1..last).any(|k| doc.word(k).is_some_and(super::tokens::is_possessive)) => {
            doc.is(last, list::PERSON_NOUN | list::OFFICE).then(|| Phrase::Described {
                range: range.clone(),
                text: doc.text[range].split_whitespace().collect::<Vec<_>>().join(" "),
            })
        }
        "the" | "this" | "that" | "our" => {
            // `the American`, `the Frenchman`: a person by their nationality.
            if det + 1 == last && doc.is(last, list::DEMONYM) {
                return Some(Phrase::Role { tok: det, head: head.to_string(), range });
            }
            if let Some(m) = ctx.mention_at.get(det + 1).copied().flatten().filter(|_| doc.is_cap(last)) {
                return Some(Phrase::Mention(m));
            }
            (person_head(ctx, last) || doc.is(last, list::ORG_NOUN) && !doc.is_cap(last) || doc.in_title(last)).then(|| Phrase::Role {
                tok: det,
                head: head.to_string(),
                range,
            })
        }
        _ => (person_head(ctx, last) || doc.in_title(last) && doc.is(last, list::PERSON_NOUN)).then(|| Phrase::Described {
            range: range.clone(),
            text: doc.text[range].split_whitespace().collect::<Vec<_>>().join(" "),
        }),
    }
}

/// A lower-case noun that names a person (`spokesman`, `coach`, `17-year-old`).
fn person_head(ctx: &Ctx, k: usize) -> bool {
    let doc = &ctx.doc;
    doc.lword(k).is_some_and(|w| {
        !doc.is_cap(k) && (doc.is(k, list::PERSON_NOUN | list::OFFICE) || w.ends_with("-year-old") || w.ends_with("-old"))
    })
}

/// The subject of the clause between `from` and `to` (exclusive): the first person-like name
/// that is not possessive nor after a preposition, else a pronoun or determiner phrase first.
pub(super) fn subject_of_clause(ctx: &Ctx, from: usize, to: usize, skip_intro: bool) -> Option<Phrase> {
    let doc = &ctx.doc;
    let mut from = from;
    if skip_intro
        && let Some(w) = doc.lword(from)
        && (w.ends_with("ing") || w.ends_with("ed") || INTRO_WORDS.contains(&w))
        && let Some(comma) = (from..to).find(|&k| doc.punct(k) == Some(','))
    {
        from = comma + 1;
    }
    while from < to && doc.lword(from).is_some_and(|w| matches!(w, "and" | "but" | "so" | "then" | "yet")) {
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
            let modifier = mention.kind != Kind::Person
                && doc.lword(end_tok + 1).is_some_and(|_| !doc.is_cap(end_tok + 1) && doc.is(end_tok + 1, list::PERSON_NOUN | list::OFFICE | list::MODIFIER));
            if modifier {
                let person = later_person(ctx, m);
                if person != m {
                    return Some(Phrase::Mention(person));
                }
                let head = (end_tok + 1..(end_tok + 4).min(to))
                    .take_while(|&j| doc.lword(j).is_some_and(|_| !doc.is_cap(j) && doc.is(j, list::PERSON_NOUN | list::OFFICE | list::MODIFIER)))
                    .last()
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
            if !mention.possessive && !mention.after_prep {
                if mention.kind == Kind::Person {
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
        if let Some(head) = (from + 1..(from + 6).min(to)).take_while(|&k| doc.word(k).is_some()).find(|&k| person_head(ctx, k)) {
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
            if doc.cue_at(end) || AUX.contains(&w) || matches!(w, "who" | "which" | "that") || is_preposition(w) {
                break;
            }
            end += 1;
        }
        if end > from + 1 {
            return determiner_phrase(ctx, from, end - 1).or_else(|| determiner_phrase_from(ctx, from, end - 1));
        }
    }
    None
}

/// Parses a noun phrase starting at `t`, walking right (after a cue: `said Mr Howard`).
pub(super) fn phrase_right_of(ctx: &Ctx, t: usize) -> Option<Phrase> {
    let doc = &ctx.doc;
    let w = doc.lword(t)?;
    if doc.is_pronoun(t) {
        return Some(Phrase::Pronoun { tok: t });
    }
    if DETERMINERS.contains(&w)
        && let Some(first_head) = (t + 1..t + 6).find(|&k| person_head(ctx, k) || doc.lword(k).is_some() && !doc.is_cap(k) && doc.is(k, list::ORG_NOUN))
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
        if doc.lword(after).is_some_and(|x| matches!(x, "for" | "of" | "at" | "to" | "with"))
            && w != "the"
            && let Some(m) = {
                let k = if doc.lword(after + 1) == Some("the") { after + 2 } else { after + 1 };
                ctx.mention_at.get(k).copied().flatten()
            }
        {
            let start = doc.tok_range(t).start;
            let stop = ctx.mentions[m].range.end;
            return Some(Phrase::Described {
                range: start..stop,
                text: doc.text[start..stop].split_whitespace().collect::<Vec<_>>().join(" "),
            });
        }
        // `said the Ireland coach Eddie O'Sullivan`, `said a board spokesman, Jon Benjamin`: a
        // name right after the role.
        let at = if doc.punct(head + 1) == Some(',') { head + 2 } else { head + 1 };
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
        && let Some(d) = (t + 1..t + 4).take_while(|&k| doc.word(k).is_some()).find(|&k| doc.is(k, list::DOCUMENT))
        && let Some(by) = (d + 1..d + 4).take_while(|&k| doc.word(k).is_some()).find(|&k| matches!(doc.lword(k), Some("by" | "from" | "of")))
        && let Some(m) = (by + 1..by + 6).take_while(|&k| doc.word(k).is_some()).find_map(|k| ctx.mention_at[k])
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
            if matches!(lw, "who" | "which" | "that" | "in" | "on" | "as" | "after" | "before" | "when" | "to" | "for" | "of" | "at") {
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
fn later_person(ctx: &Ctx, m: usize) -> usize {
    let doc = &ctx.doc;
    let mention = &ctx.mentions[m];
    if mention.kind == Kind::Person && !mention.possessive {
        return m;
    }
    let mut k = mention.end_tok + 1;
    let mut role = false;
    let mut words = 0;
    while words < 5
        && doc.lword(k).is_some_and(|w| !doc.is_cap(k) && !doc.cue_at(k) && !AUX.contains(&w) && !is_preposition(w) && !DETERMINERS.contains(&w) || w == "of")
    {
        role |= doc.is(k, list::TITLE | list::PERSON_NOUN);
        k += 1;
        words += 1;
    }
    let person_next = ctx.mention_at.get(k).copied().flatten().is_some_and(|n| ctx.mentions[n].first_name || ctx.mentions[n].courtesy);
    if role || mention.possessive || words > 0 && words <= 3 && person_next {
        let at = if doc.punct(k) == Some(',') { k + 1 } else { k };
        if let Some(n) = ctx.mention_at.get(at).copied().flatten()
            && n != m
            && matches!(ctx.mentions[n].kind, Kind::Person | Kind::Unknown)
        {
            return n;
        }
    }
    m
}
