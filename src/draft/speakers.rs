//! Who each quotation is given to: cue verbs, `according to`, names with titles and roles,
//! and the resolution of pronouns, role nouns and short forms to the fullest name.
//!
//! The text is read as tokens (words, punctuation, whole quotations) in sentences; every
//! named person or organisation outside quotations is a *mention*. A quotation's attribution
//! is found by rules tried in order (after it, before it in its sentence, at the end of its
//! sentence, then from its context), and the phrase found is resolved to a mention.

use std::ops::Range;

use super::lexicon::*;
use super::markup::Masked;
use super::{Quote, Speaker};
use crate::text::FastHash;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word {
        start: usize,
        end: usize,
        cap: bool,
    },
    Punct {
        at: usize,
        c: char,
    },
    /// A whole quotation (index into the quotes).
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Person,
    Org,
    /// A name of no known kind (a place, a title, or a person we know nothing of).
    Unknown,
}

/// A named or described person or organisation, outside quotations.
#[derive(Debug, Clone)]
struct Mention {
    /// Token index of its first word, its sentence and paragraph.
    tok: usize,
    sentence: usize,
    para: usize,
    range: Range<usize>,
    /// The name without stripped titles ("Michael Howard", "Sir Alex Ferguson"), or the
    /// description ("a spokesman for the FA").
    name: String,
    named: bool,
    class: Class,
    gender: Gender,
    /// First in its clause: the likely subject.
    subject: bool,
    /// Role nouns given to it (`the head coach`, `X, the Ireland coach`).
    roles: Vec<String>,
    /// Written as a possessive (`Kolo Toure's goal`): never a pronoun's antecedent.
    possessive: bool,
}

/// The phrase an attribution names, before resolution.
#[derive(Debug, Clone)]
enum Phrase {
    Mention(usize),
    Pronoun {
        tok: usize,
        gender: Gender,
        org: bool,
    },
    /// `the coach`, `the firm`: a definite description by its head noun.
    Role {
        tok: usize,
        head: String,
        range: Range<usize>,
    },
    Described {
        range: Range<usize>,
        text: String,
    },
}

struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Sentence and paragraph of each token.
    sent_of: Vec<usize>,
    para_of: Vec<usize>,
    /// Token ranges of sentences.
    sentences: Vec<Range<usize>>,
    mentions: Vec<Mention>,
    /// Mention index starting at each token, if any.
    mention_at: Vec<Option<usize>>,
    /// Lookups over the mentions, so that resolving stays linear in the text.
    index: MentionIndex,
    /// Token index of each quote.
    quote_tok: Vec<usize>,
    /// Whether each quote's words end a sentence (`… heaven."` rather than `… heaven,"`).
    quote_ends_sentence: Vec<bool>,
    /// Each word token in lower case (`lower`), as a range of `lows`: the rules ask for
    /// them thousands of times per article, so they are folded once.
    lows: String,
    low_at: Vec<Range<u32>>,
}

/// The lower-case form of every word token, in one string.
fn fold_tokens(text: &str, toks: &[Tok]) -> (String, Vec<Range<u32>>) {
    let mut lows = String::with_capacity(text.len() / 2);
    let at = toks
        .iter()
        .map(|t| match t {
            Tok::Word { start, end, .. } => {
                let from = lows.len() as u32;
                let w = &text[*start..*end];
                if w.is_ascii() {
                    lows.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    lows.push_str(&lower(w));
                }
                from..lows.len() as u32
            }
            _ => 0..0,
        })
        .collect();
    (lows, at)
}

fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.to_lowercase().replace('’', "'")
}

/// A word without a possessive ending.
fn base(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix(['\'', '’']))
        .unwrap_or(w)
}

fn is_possessive(w: &str) -> bool {
    base(w).len() != w.len()
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "sgt", "rev", "jr", "sr", "inc",
    "ltd", "co", "vs", "no", "mt", "capt", "gov", "sen", "rep", "supt",
];

fn tokenize(text: &str, quotes: &[Quote]) -> (Vec<Tok>, Vec<usize>) {
    let mut toks = Vec::new();
    let mut quote_tok = vec![0; quotes.len()];
    let mut qi = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if qi < quotes.len() && i >= quotes[qi].start {
            quote_tok[qi] = toks.len();
            toks.push(Tok::Quote(qi));
            i = i.max(quotes[qi].end);
            qi += 1;
            // Quotations nested in a block quote's range are skipped with it.
            while qi < quotes.len() && quotes[qi].start < i {
                quote_tok[qi] = toks.len() - 1;
                qi += 1;
            }
            continue;
        }
        let limit = if qi < quotes.len() {
            quotes[qi].start
        } else {
            text.len()
        };
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            let mut end = i;
            for (j, ch) in text[i..limit].char_indices() {
                let keep = ch.is_alphanumeric()
                    || (matches!(ch, '\'' | '’' | '-' | '.')
                        && text[i + j + ch.len_utf8()..limit]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric));
                if !keep {
                    // A trailing possessive apostrophe (players') belongs to the word.
                    if matches!(ch, '\'' | '’') && text[i..i + j].ends_with('s') {
                        let after = text[i + j + ch.len_utf8()..limit].chars().next();
                        if after.is_some_and(char::is_whitespace) {
                            end = i + j + ch.len_utf8();
                        }
                    }
                    break;
                }
                end = i + j + ch.len_utf8();
            }
            let cap = c.is_uppercase();
            toks.push(Tok::Word { start: i, end, cap });
            i = end;
        } else {
            if !c.is_whitespace() || (c == '\n' && bytes.get(i + 1) == Some(&b'\n')) {
                toks.push(Tok::Punct {
                    at: i,
                    c: if c == '\n' { '¶' } else { c },
                });
            } else if c == '\n' {
                // A blank line (possibly with spaces) is a paragraph break.
                let rest = &text[i + 1..limit];
                let line = rest.split('\n').next().unwrap_or("");
                if line.trim().is_empty() && rest.contains('\n') {
                    toks.push(Tok::Punct { at: i, c: '¶' });
                }
            }
            i += c.len_utf8();
        }
    }
    (toks, quote_tok)
}

impl<'a> Doc<'a> {
    fn word(&self, t: usize) -> Option<&'a str> {
        match self.toks.get(t)? {
            Tok::Word { start, end, .. } => Some(&self.text[*start..*end]),
            _ => None,
        }
    }

    fn lword(&self, t: usize) -> Option<&str> {
        self.word(t)?;
        let r = self.low_at.get(t)?;
        self.lows.get(r.start as usize..r.end as usize)
    }

    fn is_cap(&self, t: usize) -> bool {
        matches!(self.toks.get(t), Some(Tok::Word { cap: true, .. }))
    }

    fn punct(&self, t: usize) -> Option<char> {
        match self.toks.get(t)? {
            Tok::Punct { c, .. } => Some(*c),
            _ => None,
        }
    }

    fn tok_range(&self, t: usize) -> Range<usize> {
        match &self.toks[t] {
            Tok::Word { start, end, .. } => *start..*end,
            Tok::Punct { at, c } => *at..*at + c.len_utf8(),
            Tok::Quote(_) => 0..0,
        }
    }

    fn sentence_start(&self, t: usize) -> usize {
        self.sentences[self.sent_of[t]].start
    }
}

/// Splits tokens into sentences (and paragraphs): at `.!?` not after an abbreviation or an
/// initial, at `;`, and at paragraph breaks. A quotation never ends a sentence by itself.
fn sentences(doc: &mut Doc) {
    let n = doc.toks.len();
    doc.sent_of = vec![0; n];
    doc.para_of = vec![0; n];
    let mut start = 0;
    let mut para = 0;
    let mut sent = 0;
    for t in 0..n {
        doc.sent_of[t] = sent;
        doc.para_of[t] = para;
        let end = match doc.toks[t] {
            Tok::Punct { c: '¶', .. } => {
                para += 1;
                true
            }
            Tok::Punct {
                c: '.' | '!' | '?' | ';',
                ..
            } => {
                let prev = if t > 0 { doc.word(t - 1) } else { None };
                let abbrev = prev.is_some_and(|w| {
                    ABBREVIATIONS.contains(&lower(w).as_str())
                        || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
                });
                !abbrev
            }
            // `"… talking." All sides are anxious …`: a quotation that ends a sentence, then a
            // capitalised word that does not open an attribution (`"…?" Mr Kennedy asked`).
            Tok::Quote(i) => {
                doc.quote_ends_sentence.get(i).copied().unwrap_or(false)
                    && doc.is_cap(t + 1)
                    && !is_pronoun(doc, t + 1)
                    && !(t + 1..(t + 5).min(n))
                        .any(|k| cue_at(doc, k) && !weak_cue(doc.lword(k).unwrap_or_default()))
            }
            _ => false,
        };
        if end {
            doc.sentences.push(start..t + 1);
            start = t + 1;
            sent += 1;
        }
    }
    if start < n {
        doc.sentences.push(start..n);
    }
    if doc.sentences.is_empty() {
        doc.sentences.push(0..0);
    }
}

fn in_list(list: &[&str], w: &str) -> bool {
    contains(list, w)
}

fn gender_of_words<S: AsRef<str>>(words: &[S]) -> Gender {
    for w in words.iter().map(AsRef::as_ref) {
        if in_list(FEMALE, w) {
            return Gender::Female;
        }
        if in_list(MALE, w) {
            return Gender::Male;
        }
    }
    Gender::Unknown
}

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "de", "van", "von", "da", "di", "le", "la", "du", "bin", "al", "der",
    "den", "for",
];

/// Finds the named mentions: runs of capitalised words outside quotations.
fn find_mentions(doc: &mut Doc) {
    let n = doc.toks.len();
    doc.mention_at = vec![None; n];
    let mut t = 0;
    while t < n {
        if !doc.is_cap(t) {
            t += 1;
            continue;
        }
        let run_start = t;
        let mut end = t + 1;
        loop {
            let organisation =
                (run_start..end).any(|k| doc.lword(k).is_some_and(|w| in_list(ORG_WORDS, base(w))));
            let person = (run_start..end).any(|k| {
                doc.lword(k)
                    .is_some_and(|w| in_list(FEMALE, w) || in_list(MALE, w))
            });
            let connectors = (end..end + 2)
                .take_while(|&k| doc.lword(k).is_some_and(|w| in_list(CONNECTORS, w)))
                .count();
            if doc.is_cap(end) && !is_possessive(doc.word(end - 1).unwrap_or("")) {
                end += 1;
            } else if connectors > 0
                && doc.is_cap(end + connectors)
                && !person
                && !is_possessive(doc.word(end - 1).unwrap_or(""))
                && (end..end + connectors).all(|k| {
                    let w = doc.lword(k).unwrap_or_default();
                    (w != "and" || organisation || end - run_start >= 3) && w != "for"
                })
            {
                end += connectors + 1;
            } else {
                break;
            }
        }
        t = end;
        // Drop leading words that are not part of a name: sentence starters and titles.
        let mut s = run_start;
        let mut titles: Vec<String> = Vec::new();
        let mut kept_title = None;
        while s < end {
            let w = lower(base(doc.word(s).unwrap_or("")).trim_end_matches('.'));
            let sentence_first = s == doc.sentence_start(s);
            let org_after =
                (s + 1..end).any(|j| doc.lword(j).is_some_and(|x| in_list(ORG_WORDS, base(x))));
            if in_list(KEPT_TITLES, &w) && s + 1 < end {
                kept_title = Some(s);
                titles.push(w);
                s += 1;
                break;
            }
            if (in_list(TITLES, &w) && s + 1 < end && !org_after)
                || (sentence_first && in_list(NOT_NAMES, &w))
                || in_list(NOT_NAMES, &w) && w.len() <= 4 && s + 1 < end
            {
                titles.push(w);
                s += 1;
                continue;
            }
            break;
        }
        if s >= end {
            continue;
        }
        // `New Home Secretary Charles Clarke`, `Euro MP Robert Kilroy-Silk`, `Monday Tony
        // Blair`, `Oscar-nominated Owen`: the name starts after the last title-like word.
        if kept_title.is_none() {
            for k in (s..end - 1).rev() {
                let w = lower(base(doc.word(k).unwrap_or("")));
                let adjective = w.contains('-')
                    && w.rsplit('-')
                        .next()
                        .is_some_and(|p| p.ends_with("ed") || p.ends_with("ing"));
                if in_list(TITLES, &w) || in_list(NOT_NAMES, &w) || adjective {
                    // `International Federation of the Red Cross` is an organisation, not a title.
                    let org_after = (k + 1..end)
                        .any(|j| doc.lword(j).is_some_and(|x| in_list(ORG_WORDS, base(x))));
                    if !org_after {
                        titles.push(w);
                        s = k + 1;
                    }
                    break;
                }
            }
        }
        // `Broadcaster Chris Evans`, `Agent Brian Hassell`: a capitalised role before a first name.
        if end - s >= 3
            && kept_title.is_none()
            && s == doc.sentence_start(s)
            && !doc
                .lword(s)
                .is_some_and(|w| in_list(FEMALE, w) || in_list(MALE, w))
            && doc
                .lword(s + 1)
                .is_some_and(|w| in_list(FEMALE, w) || in_list(MALE, w))
        {
            titles.push(doc.lword(s).unwrap_or_default().to_string());
            s += 1;
        }
        let words: Vec<String> = (s..end)
            .filter_map(|i| doc.word(i).map(|w| base(w).to_string()))
            .collect();
        let lwords: Vec<String> = words.iter().map(|w| lower(w)).collect();
        if lwords.len() == 1 && in_list(NOT_NAMES, &lwords[0]) {
            continue;
        }
        let name_start = kept_title.unwrap_or(s);
        let name = {
            let mut parts: Vec<String> = Vec::new();
            if let Some(k) = kept_title {
                parts.push(doc.word(k).unwrap_or("").to_string());
            }
            parts.extend(words.iter().cloned());
            parts.join(" ")
        };
        let acronym = words.len() == 1
            && words[0].len() >= 2
            && words[0]
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit());
        let has_person_title = titles.iter().any(|w| in_list(PERSON_TITLES, w));
        let ends_with_title = lwords.len() > 1 && lwords.last().is_some_and(|w| in_list(TITLES, w));
        let class = if ends_with_title {
            Class::Org
        } else if has_person_title || gender_of_words(&lwords[..1]) != Gender::Unknown {
            Class::Person
        } else if acronym || lwords.iter().any(|w| in_list(ORG_WORDS, w)) {
            Class::Org
        } else {
            Class::Unknown
        };
        let mut gender = gender_of_words(&titles);
        if gender == Gender::Unknown {
            gender = gender_of_words(&lwords[..1]);
        }
        let range = doc.tok_range(name_start).start..doc.tok_range(end - 1).end;
        let sentence = doc.sent_of[run_start];
        let idx = doc.mentions.len();
        doc.mention_at[name_start] = Some(idx);
        if name_start != s {
            doc.mention_at[s] = Some(idx);
        }
        doc.mentions.push(Mention {
            tok: name_start,
            sentence,
            para: doc.para_of[run_start],
            range,
            name,
            named: true,
            class,
            gender,
            subject: false,
            roles: titles
                .into_iter()
                .filter(|w| !in_list(NOT_NAMES, w))
                .collect(),
            possessive: is_possessive(doc.word(end - 1).unwrap_or("")),
        });
    }
    // A single word or a title and surname is a person when a fuller person name ends with it;
    // a multi-word name is one when its surname stands alone as a speaker elsewhere.
    // A set, not a scan per mention: an article with a million names must stay linear.
    let person_surnames: std::collections::HashSet<String, FastHash> = doc
        .mentions
        .iter()
        .filter(|m| m.class == Class::Person)
        .map(|m| m.name.rsplit(' ').next().unwrap_or("").to_string())
        .collect();
    for m in &mut doc.mentions {
        if m.class != Class::Unknown {
            continue;
        }
        let last = m.name.rsplit(' ').next().unwrap_or("");
        let person_elsewhere = person_surnames.contains(last);
        let words = m.name.split(' ').count();
        if person_elsewhere || (2..=3).contains(&words) {
            m.class = Class::Person;
        }
    }
    // Subject position: the first phrase of its sentence (after an opening phrase that ends
    // with a comma), or after `, and` / `, but` / `so did`; role words and an organisation
    // before a name belong to its phrase (`Bayern coach Felix Magath`).
    for i in 0..doc.mentions.len() {
        let t = np_start(doc, doc.mentions[i].tok);
        let s = doc.sentence_start(t);
        let mut from = s;
        if doc
            .lword(s)
            .is_some_and(|w| in_list(INTRO_WORDS, w) || w.ends_with("ing"))
            && let Some(c) = (s..t).find(|&k| doc.punct(k) == Some(','))
        {
            from = c + 1;
        }
        let first = (from..t).all(|k| {
            doc.lword(k)
                .is_none_or(|w| (!doc.is_cap(k) || in_list(NOT_NAMES, w)) && !is_pronoun(doc, k))
        }) && (from..t).filter(|&k| doc.word(k).is_some()).count() <= 1;
        let prev = if t > 0 { doc.lword(t - 1) } else { None };
        let prev2 = if t > 1 { doc.lword(t - 2) } else { None };
        let after_conj = matches!(prev, Some("and" | "but" | "while" | "whereas"))
            && (t < 2 || doc.punct(t - 2) == Some(','))
            || (matches!(prev, Some("did"))
                && matches!(prev2, Some("so" | "as" | "nor" | "neither")));
        let possessive = {
            let m = &doc.mentions[i];
            let end_tok = (m.tok..doc.toks.len())
                .find(|&e| doc.tok_range(e).end >= m.range.end)
                .unwrap_or(m.tok);
            is_possessive(doc.word(end_tok).unwrap_or(""))
        };
        doc.mentions[i].subject = (first || after_conj) && !possessive;
    }
    // Roles given to a name: `skipper Jason Robinson`, `Andy Robinson, the head coach`.
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        let mut roles = Vec::new();
        let mut k = m.tok;
        while k > 0
            && doc.lword(k - 1).is_some_and(|w| {
                !doc.is_cap(k - 1) && (in_list(TITLES, w) || in_list(PERSON_NOUNS, w))
            })
        {
            k -= 1;
            roles.push(doc.lword(k).unwrap_or_default().to_string());
        }
        let end_tok = (m.tok..doc.toks.len())
            .find(|&e| doc.tok_range(e).end >= m.range.end)
            .unwrap_or(m.tok);
        if m.class == Class::Person
            && m.named
            && doc.punct(end_tok + 1) == Some(',')
            && doc
                .lword(end_tok + 2)
                .is_some_and(|w| matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their"))
        {
            for k in end_tok + 3..end_tok + 8 {
                match doc.lword(k) {
                    Some(w) if in_list(PERSON_NOUNS, w) || in_list(TITLES, w) => {
                        roles.push(w.to_string())
                    }
                    Some(_) => {}
                    None => break,
                }
            }
        }
        doc.mentions[i].roles.extend(roles);
    }
    index_mentions(doc);
    // Described people: `a spokesman for the FA`, `one opposition voice` (pronoun antecedents).
    for k in 0..doc.toks.len() {
        let Some(w) = doc.lword(k).map(str::to_string) else {
            continue;
        };
        if doc.is_cap(k) || !in_list(PERSON_NOUNS, &w) {
            continue;
        }
        let Some(det) = (k.saturating_sub(4)..k)
            .rev()
            .take_while(|&j| doc.word(j).is_some())
            .find(|&j| {
                doc.lword(j)
                    .is_some_and(|x| matches!(x, "a" | "an" | "one" | "another"))
            })
        else {
            continue;
        };
        let mut end = doc.tok_range(k).end;
        if doc
            .lword(k + 1)
            .is_some_and(|x| matches!(x, "for" | "of" | "at"))
        {
            let n = if doc.lword(k + 2) == Some("the") {
                k + 3
            } else {
                k + 2
            };
            if let Some(m) = doc.mention_at.get(n).copied().flatten() {
                end = doc.mentions[m].range.end;
            }
        }
        // `Andrea Arnold, once a presenter of Number 73`: a description of the name before it.
        let mut b = det;
        while b > 0
            && doc
                .lword(b - 1)
                .is_some_and(|x| matches!(x, "once" | "now" | "formerly" | "also" | "still"))
        {
            b -= 1;
        }
        if b > 1 && doc.punct(b - 1) == Some(',') {
            if let Some(named) = mention_ending_at(doc, b - 2).filter(|&n| doc.mentions[n].named) {
                doc.mentions[named].roles.push(w);
                continue;
            }
        }
        let start = doc.tok_range(det).start;
        let first = (doc.sentence_start(det)..det).all(|j| doc.word(j).is_none());
        doc.mentions.push(Mention {
            tok: det,
            sentence: doc.sent_of[det],
            para: doc.para_of[det],
            range: start..end,
            name: doc.text[start..end].to_string(),
            named: false,
            class: Class::Person,
            gender: gender_of_words(std::slice::from_ref(&w)),
            subject: first,
            roles: vec![w],
            possessive: false,
        });
    }
    index_mentions(doc);
}

const INTRO_WORDS: &[&str] = &[
    "at",
    "in",
    "on",
    "after",
    "before",
    "according",
    "for",
    "with",
    "during",
    "despite",
    "like",
    "unlike",
    "as",
    "when",
    "while",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "even",
    "still",
    "since",
    "although",
    "though",
    "if",
    "asked",
    "speaking",
    "writing",
    "addressing",
    "analysing",
    "standing",
    "but",
    "and",
    "yet",
    "so",
];

fn is_pronoun(doc: &Doc, k: usize) -> bool {
    doc.lword(k)
        .is_some_and(|w| matches!(w, "he" | "she" | "they" | "it" | "i" | "we"))
}

/// The first token of a name's phrase: role words, organisations and possessives before it.
fn np_start(doc: &Doc, t: usize) -> usize {
    let mut k = t;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        let Some(w) = doc.lword(k - 1) else { break };
        if doc.sentence_start(k - 1) != doc.sentence_start(t) {
            break;
        }
        let role = !doc.is_cap(k - 1) && (in_list(TITLES, w) || in_list(PERSON_NOUNS, w));
        if role || doc.is_cap(k - 1) && !in_list(NOT_NAMES, w) {
            k -= 1;
            steps += 1;
        } else {
            break;
        }
    }
    k
}

fn cue_at(doc: &Doc, t: usize) -> bool {
    let Some(w) = doc.lword(t) else { return false };
    if !in_list(CUE_VERBS, w) {
        return false;
    }
    if let Some(particles) = needs_particle(w) {
        return doc.lword(t + 1).is_some_and(|p| particles.contains(&p));
    }
    true
}

const AUX: &[&str] = &[
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
    "has",
    "had",
    "once",
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
];

const PRONOUNS: &[(&str, Gender, bool)] = &[
    ("he", Gender::Male, false),
    ("she", Gender::Female, false),
    ("it", Gender::Unknown, true),
];

/// Parses a noun phrase ending just before token `t` (exclusive), walking left.
fn phrase_left_of(doc: &Doc, t: usize, clause_start: usize) -> Option<Phrase> {
    let mut k = t;
    while k > clause_start && doc.lword(k - 1).is_some_and(|w| in_list(AUX, w)) {
        k -= 1;
    }
    if k <= clause_start {
        return None;
    }
    // `Ms Robinson, who presents The Weakest Link, tells`: skip the relative clause.
    if let Some(comma) = (clause_start.max(k.saturating_sub(10))..k)
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
        if let Some(p) = phrase_left_of(doc, before, clause_start) {
            return Some(p);
        }
    }
    let last = k - 1;
    if let Some(w) = doc.lword(last) {
        if let Some(&(_, gender, org)) = PRONOUNS.iter().find(|(p, _, _)| *p == w) {
            return Some(Phrase::Pronoun {
                tok: last,
                gender,
                org,
            });
        }
    }
    // An appositive: `Eddie O'Sullivan, the Ireland coach, had warned`.
    if doc.punct(last) == Some(',') {
        return subject_of_clause(doc, clause_start, last, false);
    }
    // A name ending here.
    if let Some(m) = mention_ending_at(doc, last) {
        // `a spokesman for Oxford University Press` is the spokesman, not the press.
        let mt = doc.mentions[m].tok;
        if mt > clause_start
            && doc
                .lword(mt - 1)
                .is_some_and(|w| matches!(w, "for" | "of" | "at"))
            && let Some(p) = described_before(doc, mt - 1, clause_start, doc.mentions[m].range.end)
        {
            return Some(p);
        }
        return Some(Phrase::Mention(m));
    }
    determiner_phrase(doc, clause_start, last)
}

fn mention_ending_at(doc: &Doc, t: usize) -> Option<usize> {
    let end = doc.tok_range(t).end;
    doc.index
        .by_end
        .get(&end)
        .copied()
        .filter(|&m| doc.mentions[m].tok <= t)
}

/// Lookups over the mentions: by the byte where each ends, by each word of its name (lower
/// case), and by sentence.
#[derive(Debug, Default)]
struct MentionIndex {
    by_end: std::collections::HashMap<usize, usize, FastHash>,
    words: Vec<Vec<String>>,
    by_word: std::collections::HashMap<String, Vec<usize>, FastHash>,
    /// Each distinct named name (its lower-case words) and where it occurs, in text order.
    names: std::collections::HashMap<Vec<String>, Vec<usize>, FastHash>,
    by_sentence: Vec<Vec<usize>>,
}

fn index_mentions(doc: &mut Doc) {
    let mut index = MentionIndex {
        by_sentence: vec![Vec::new(); doc.sentences.len()],
        ..Default::default()
    };
    for (i, m) in doc.mentions.iter().enumerate() {
        index.by_end.insert(m.range.end, i);
        let words: Vec<String> = m.name.split(' ').map(lower).collect();
        if m.named {
            for w in &words {
                index.by_word.entry(w.clone()).or_default().push(i);
            }
            index.names.entry(words.clone()).or_default().push(i);
        }
        index.words.push(words);
        if let Some(v) = index.by_sentence.get_mut(m.sentence) {
            v.push(i);
        }
    }
    doc.index = index;
}

/// `a spokesman for …` ending with the token before a `for/of/at` at `t`.
fn described_before(doc: &Doc, t: usize, clause_start: usize, end: usize) -> Option<Phrase> {
    let head = doc.lword(t.checked_sub(1)?)?;
    if !in_list(PERSON_NOUNS, head) {
        return None;
    }
    let mut k = t - 1;
    while k > clause_start && doc.word(k - 1).is_some() && k + 5 > t {
        k -= 1;
        let w = doc.lword(k)?;
        if matches!(w, "a" | "an" | "one" | "another" | "the") {
            let start = doc.tok_range(k).start;
            return Some(Phrase::Described {
                range: start..end,
                text: doc.text[start..end].to_string(),
            });
        }
    }
    None
}

/// `an FA statement`: a statement speaks for the organisation it names.
fn statement_of(doc: &Doc, det: usize, last: usize, head: &str) -> Option<Phrase> {
    if !matches!(
        head,
        "statement" | "release" | "letter" | "report" | "communique" | "communiqué" | "memo"
    ) {
        return None;
    }
    (det..last)
        .find_map(|k| doc.mention_at[k])
        .filter(|&m| doc.mentions[m].named)
        .map(Phrase::Mention)
}

/// `the United captain`, `an IRB spokesman`, `one opposition voice` ending at `last`.
fn determiner_phrase(doc: &Doc, clause_start: usize, last: usize) -> Option<Phrase> {
    let head = doc.lword(last)?;
    if let Some(k) = (clause_start..last).rev().take(6).find(|&k| {
        doc.lword(k)
            .is_some_and(|w| matches!(w, "a" | "an" | "the"))
    }) && let Some(org) = statement_of(doc, k, last, head)
    {
        return Some(org);
    }
    let mut k = last;
    let mut steps = 0;
    while k > clause_start && steps < 7 {
        k -= 1;
        steps += 1;
        let w = doc.lword(k)?;
        let range = doc.tok_range(k).start..doc.tok_range(last).end;
        match w {
            "the" | "this" | "that" | "our" => {
                // `the FA`, `the Kremlin`: a name after the article is the speaker itself.
                if let Some(m) = doc.mention_at[k + 1].filter(|_| doc.is_cap(last)) {
                    return Some(Phrase::Mention(m));
                }
                if !in_list(PERSON_NOUNS, head) && !in_list(ORG_NOUNS, head) {
                    return None;
                }
                return Some(Phrase::Role {
                    tok: k,
                    head: head.to_string(),
                    range,
                });
            }
            "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its" | "some" => {
                if !in_list(PERSON_NOUNS, head) {
                    return None;
                }
                return Some(Phrase::Described {
                    range: range.clone(),
                    text: doc.text[range].to_string(),
                });
            }
            _ if doc.punct(k).is_some() => return None,
            _ => {}
        }
    }
    None
}

/// The subject of the clause between `from` and `to` (exclusive): the first person-like name
/// that is not possessive nor after a preposition, else a pronoun or determiner phrase first.
fn subject_of_clause(doc: &Doc, from: usize, to: usize, skip_intro: bool) -> Option<Phrase> {
    let mut from = from;
    if skip_intro {
        // `Asked about X, Mr Howard said`: an opening participle or preposition phrase.
        if let Some(w) = doc.lword(from)
            && (w.ends_with("ing")
                || w.ends_with("ed")
                || matches!(
                    w,
                    "at" | "in"
                        | "on"
                        | "after"
                        | "before"
                        | "according"
                        | "for"
                        | "with"
                        | "during"
                        | "despite"
                        | "like"
                        | "unlike"
                        | "as"
                        | "when"
                        | "while"
                        | "earlier"
                        | "later"
                        | "meanwhile"
                        | "however"
                        | "even"
                        | "still"
                        | "since"
                        | "although"
                        | "though"
                        | "if"
                ))
            && let Some(comma) = (from..to).find(|&k| doc.punct(k) == Some(','))
        {
            from = comma + 1;
        }
    }
    if let Some(w) = doc.lword(from)
        && let Some(&(_, gender, org)) = PRONOUNS.iter().find(|(p, _, _)| *p == w)
    {
        return Some(Phrase::Pronoun {
            tok: from,
            gender,
            org,
        });
    }
    let mut fallback = None;
    let mut k = from;
    while k < to {
        if matches!(doc.toks[k], Tok::Quote(_)) {
            break;
        }
        if let Some(m) = doc.mention_at[k] {
            let mention = &doc.mentions[m];
            let end_tok = (k..to)
                .find(|&e| doc.tok_range(e).end >= mention.range.end)
                .unwrap_or(k);
            let possessive = is_possessive(doc.word(end_tok).unwrap_or(""));
            let mut b = k;
            while b > from
                && doc
                    .lword(b - 1)
                    .is_some_and(|w| matches!(w, "the" | "a" | "an" | "this" | "that"))
            {
                b -= 1;
            }
            let after_prep = b > from
                && doc.lword(b - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "of" | "for"
                            | "at"
                            | "from"
                            | "with"
                            | "by"
                            | "to"
                            | "in"
                            | "on"
                            | "about"
                            | "against"
                            | "than"
                            | "like"
                            | "into"
                            | "during"
                            | "after"
                            | "before"
                            | "over"
                            | "under"
                    )
                });
            // `The Tory spokesman`, `Labour leader Tony Blair`: a name before role words only
            // modifies them.
            let modifier = mention.class != Class::Person
                && doc.lword(end_tok + 1).is_some_and(|w| {
                    !doc.is_cap(end_tok + 1) && (in_list(PERSON_NOUNS, w) || in_list(TITLES, w))
                });
            if modifier {
                let person = later_person(doc, m);
                if person != m {
                    return Some(Phrase::Mention(person));
                }
                let head = (end_tok + 1..(end_tok + 4).min(to))
                    .take_while(|&j| {
                        doc.lword(j).is_some_and(|w| {
                            !doc.is_cap(j) && (in_list(PERSON_NOUNS, w) || in_list(TITLES, w))
                        })
                    })
                    .last()
                    .unwrap_or(end_tok + 1);
                if b < k && doc.lword(b).is_some() {
                    return determiner_phrase_from(doc, b, head);
                }
                k = end_tok + 1;
                continue;
            }
            if !possessive && !after_prep {
                if mention.class == Class::Person {
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
    if matches!(
        first,
        "the" | "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its"
    ) {
        let mut end = from + 1;
        while end < to && doc.word(end).is_some() && end < from + 6 {
            let w = doc.lword(end).unwrap_or_default();
            if in_list(CUE_VERBS, w) || in_list(AUX, w) || matches!(w, "who" | "which" | "that") {
                break;
            }
            end += 1;
        }
        if end > from + 1 {
            return determiner_phrase(doc, from, end - 1);
        }
    }
    None
}

/// Parses a noun phrase starting at `t`, walking right (after a cue: `said Mr Howard`).
fn phrase_right_of(doc: &Doc, t: usize) -> Option<Phrase> {
    let w = doc.lword(t)?;
    if let Some(&(_, gender, org)) = PRONOUNS.iter().find(|(p, _, _)| *p == w) {
        return Some(Phrase::Pronoun {
            tok: t,
            gender,
            org,
        });
    }
    if matches!(
        w,
        "the" | "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its"
    ) && let Some(head) = (t + 1..t + 6).find(|&k| {
        doc.lword(k)
            .is_some_and(|x| !doc.is_cap(k) && (in_list(PERSON_NOUNS, x) || in_list(ORG_NOUNS, x)))
    }) && (t + 1..head).all(|k| doc.word(k).is_some())
    {
        // `said the Sale full-back`, `said a spokesman for Unison`.
        if let Some(m) = doc
            .lword(head + 1)
            .filter(|x| matches!(*x, "for" | "of" | "at"))
            .and_then(|_| {
                let k = if doc.lword(head + 2) == Some("the") {
                    head + 3
                } else {
                    head + 2
                };
                doc.mention_at.get(k).copied().flatten()
            })
            && w != "the"
        {
            let start = doc.tok_range(t).start;
            let stop = doc.mentions[m].range.end;
            return Some(Phrase::Described {
                range: start..stop,
                text: doc.text[start..stop].to_string(),
            });
        }
        return determiner_phrase_from(doc, t, head);
    }
    // Skip lower-case role words before a name: `said project manager Caroline Pelletier`.
    let mut k = t;
    while k < t + 5 && doc.word(k).is_some() {
        if let Some(m) = doc.mention_at[k] {
            return Some(Phrase::Mention(later_person(doc, m)));
        }
        let lw = doc.lword(k).unwrap_or_default();
        if in_list(CUE_VERBS, lw) && k > t {
            break;
        }
        k += 1;
    }
    // A determiner phrase: `said the Sale full-back`, `said a spokesman for Unison`.
    if matches!(
        w,
        "the" | "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its"
    ) {
        let mut end = t + 1;
        while doc.word(end).is_some() && end < t + 6 {
            let lw = doc.lword(end).unwrap_or_default();
            if matches!(lw, "for" | "of" | "at") {
                if let Some(m) = doc.mention_at.get(end + 1).copied().flatten()
                    && in_list(PERSON_NOUNS, doc.lword(end - 1).unwrap_or_default())
                    && !matches!(w, "the")
                {
                    let start = doc.tok_range(t).start;
                    let stop = doc.mentions[m].range.end;
                    return Some(Phrase::Described {
                        range: start..stop,
                        text: doc.text[start..stop].to_string(),
                    });
                }
                break;
            }
            if matches!(
                lw,
                "who" | "which" | "that" | "in" | "on" | "as" | "after" | "before" | "when" | "to"
            ) {
                break;
            }
            end += 1;
        }
        return determiner_phrase(doc, t.saturating_sub(1), end - 1)
            .or_else(|| determiner_phrase_from(doc, t, end - 1));
    }
    None
}

/// `Liberal Democrat chairman Matthew Taylor`: the person after an organisation and role words.
fn later_person(doc: &Doc, m: usize) -> usize {
    let mention = &doc.mentions[m];
    if mention.class == Class::Person {
        return m;
    }
    let mut k = (mention.tok..doc.toks.len())
        .find(|&e| doc.tok_range(e).end >= mention.range.end)
        .unwrap_or(mention.tok)
        + 1;
    let mut roles = 0;
    while doc
        .lword(k)
        .is_some_and(|w| !doc.is_cap(k) && (in_list(TITLES, w) || in_list(PERSON_NOUNS, w)))
        && roles < 3
    {
        k += 1;
        roles += 1;
    }
    if roles > 0 {
        // `BA director of commercial planning, Robert Boyle`
        let mut j = k;
        while j < k + 5 && doc.lword(j).is_some_and(|w| !doc.is_cap(j) || w == "of") {
            j += 1;
        }
        if doc.punct(j) == Some(',') {
            j += 1;
        }
        for at in [k, j] {
            if let Some(n) = doc.mention_at.get(at).copied().flatten()
                && doc.mentions[n].class == Class::Person
            {
                return n;
            }
        }
    }
    match doc.mention_at.get(k).copied().flatten() {
        Some(n) if roles > 0 => n,
        _ => m,
    }
}

fn determiner_phrase_from(doc: &Doc, det: usize, last: usize) -> Option<Phrase> {
    let head = doc.lword(last)?;
    if let Some(org) = statement_of(doc, det, last, head) {
        return Some(org);
    }
    let range = doc.tok_range(det).start..doc.tok_range(last).end;
    match doc.lword(det)? {
        "the" | "this" | "that" | "our" => {
            if let Some(m) = doc
                .mention_at
                .get(det + 1)
                .copied()
                .flatten()
                .filter(|_| doc.is_cap(last))
            {
                return Some(Phrase::Mention(m));
            }
            (in_list(PERSON_NOUNS, head) || in_list(ORG_NOUNS, head)).then_some(Phrase::Role {
                tok: det,
                head: head.to_string(),
                range,
            })
        }
        _ => in_list(PERSON_NOUNS, head).then(|| Phrase::Described {
            range: range.clone(),
            text: doc.text[range].to_string(),
        }),
    }
}

/// After a quotation: `," Mr Howard said`, `," said Dr Carl Gavin`, `," he went on`.
fn attribution_after(doc: &Doc, qt: usize) -> Option<(Phrase, String)> {
    let mut t = qt + 1;
    while matches!(doc.punct(t), Some(',' | '—' | '–' | '-')) {
        t += 1;
    }
    doc.word(t)?;
    let quote_index = match doc.toks[qt] {
        Tok::Quote(i) => i,
        _ => return None,
    };
    // `"… heaven." A BBC spokesman said: "…"` introduces the next quotation, and
    // `"… go." Mr Armes warned that …` is a new sentence: after a quotation that ends a
    // sentence, only a bare `he said.` belongs to it.
    if doc.quote_ends_sentence[quote_index] && !bare_attribution(doc, t) {
        return None;
    }
    let end = doc.sentences[doc.sent_of[qt]].end.min(t + 14);
    if cue_at(doc, t) && !weak_cue(doc.lword(t).unwrap_or_default()) {
        let cue = doc.lword(t).unwrap_or_default().to_string();
        let mut s = t + 1;
        if needs_particle(&cue).is_some() {
            s += 1;
        }
        return phrase_right_of(doc, s).map(|p| (p, cue));
    }
    // A subject then a cue: find the first cue within reach, with only a phrase before it.
    let mut k = t;
    while k < end {
        if matches!(doc.toks[k], Tok::Quote(_)) {
            return None;
        }
        if cue_at(doc, k) && k > t {
            // `"fair and open" competition, he replied: "…"` introduces the next quotation.
            let sent_end = doc.sentences[doc.sent_of[k]].end;
            let next_quote = (k..sent_end).find(|&j| matches!(doc.toks[j], Tok::Quote(_)));
            if next_quote.is_some_and(|q| (k..q).any(|j| doc.punct(j) == Some(':'))) {
                return None;
            }
            let cue = doc.lword(k).unwrap_or_default().to_string();
            return phrase_left_of(doc, k, t).map(|p| (p, cue));
        }
        k += 1;
    }
    None
}

/// `he said.`, `Mr Kennedy asked on Radio 4.`: a phrase and a cue, and nothing after the cue
/// but a few words before the sentence ends (no colon, no quotation, no `that`).
fn bare_attribution(doc: &Doc, t: usize) -> bool {
    let sent_end = doc.sentences[doc.sent_of[t]].end;
    let Some(cue) = (t..sent_end.min(t + 8))
        .find(|&k| cue_at(doc, k) && !weak_cue(doc.lword(k).unwrap_or_default()))
    else {
        return false;
    };
    let rest = cue + 1..sent_end;
    if rest
        .clone()
        .any(|k| matches!(doc.toks[k], Tok::Quote(_)) || doc.punct(k) == Some(':'))
    {
        return false;
    }
    let words: Vec<&str> = rest.filter_map(|k| doc.lword(k)).collect();
    words.len() <= 6 && !words.contains(&"that")
}

/// Before a quotation in its sentence: `Mr Howard said: "…"`, `according to X, "…"`,
/// `X told the BBC that "…"`, `calling the package "…"`.
fn attribution_before(doc: &Doc, qt: usize) -> Option<(Phrase, String)> {
    let s = doc.sentence_start(qt);
    // The clause: from the sentence start or the last quotation before this one.
    let mut from = s;
    for k in (s..qt).rev() {
        if matches!(doc.toks[k], Tok::Quote(_)) {
            from = k + 1;
            break;
        }
    }
    // `according to X`
    // (unless a cue nearer the quotation has its own subject: `According to the MEP, his
    // attacker had shouted: "…"`).
    let nearest_cue = (from..qt)
        .rev()
        .find(|&k| cue_at(doc, k) && !weak_cue(doc.lword(k).unwrap_or_default()));
    for k in (from..qt).rev() {
        if doc.lword(k) == Some("according")
            && doc.lword(k + 1) == Some("to")
            && nearest_cue.is_none_or(|c| c < k)
        {
            return phrase_right_of(doc, k + 2).map(|p| (p, "according to".into()));
        }
    }
    for k in (from..qt).rev() {
        if !cue_at(doc, k) {
            continue;
        }
        let cue = doc.lword(k).unwrap_or_default().to_string();
        let prev_is_quote = k > 0 && matches!(doc.toks[k - 1], Tok::Quote(_))
            || (k > 1 && doc.punct(k - 1) == Some(',') && matches!(doc.toks[k - 2], Tok::Quote(_)));
        if prev_is_quote && from > s {
            // `"…," said Rory Armes, "…"`: the phrase follows the cue.
            return phrase_right_of(doc, k + 1).map(|p| (p, cue));
        }
        // Sentence-initial `Asked about …` is an introduction, not a cue.
        if k == s && cue.ends_with("ed") {
            continue;
        }
        let participle = cue.ends_with("ing");
        if weak_cue(&cue)
            && !(k + 1 < qt
                && doc.toks.get(k + 1).is_some_and(|t| {
                    matches!(t, Tok::Quote(_)) || matches!(t, Tok::Punct { c: ':', .. })
                }))
        {
            let prev = if k > 0 { doc.lword(k - 1) } else { None };
            if participle
                || prev.is_none_or(|p| !in_list(AUX, p) && PRONOUNS.iter().all(|(x, _, _)| *x != p))
            {
                continue;
            }
        }
        if participle {
            let prev = if k > 0 {
                doc.punct(k - 1).or_else(|| {
                    doc.lword(k - 1).and_then(|w| {
                        matches!(
                            w,
                            "and" | "but" | "by" | "while" | "before" | "after" | "when" | "as"
                        )
                        .then_some(',')
                    })
                })
            } else {
                None
            };
            if prev.is_none() && k != s {
                continue;
            }
            return subject_of_clause(doc, s, k, true).map(|p| (p, cue));
        }
        let clause = clause_start(doc, s, k);
        if let Some(p) = phrase_left_of(doc, k, clause) {
            return Some((p, cue));
        }
        // `… but warned that "…"`: the verb shares the sentence's subject.
        return subject_of_clause(doc, s, k, true).map(|p| (p, cue));
    }
    // `Mr Nachison puts it bluntly: "…"`: a clause introducing the quote with a colon.
    if qt > from && doc.punct(qt - 1) == Some(':') {
        return subject_of_clause(doc, from, qt, true).map(|p| (p, ":".into()));
    }
    None
}

/// The start of the clause holding token `k`: after the last `, and` / `, but` before it.
fn clause_start(doc: &Doc, s: usize, k: usize) -> usize {
    for j in (s + 1..k).rev() {
        if doc.punct(j - 1) == Some(',')
            && doc
                .lword(j)
                .is_some_and(|w| matches!(w, "and" | "but" | "while"))
        {
            return j + 1;
        }
    }
    s
}

/// At the end of the quotation's sentence: `… as when Labour came to power, he said.`
fn attribution_trailing(doc: &Doc, qt: usize) -> Option<(Phrase, String)> {
    let sent = &doc.sentences[doc.sent_of[qt]];
    let mut end = sent.end;
    while end > qt + 1 && doc.punct(end - 1).is_some() {
        end -= 1;
    }
    // Find the last comma after the quote, then `NP cue …` or `cue NP` to the end.
    let comma = (qt + 1..end).rev().find(|&k| doc.punct(k) == Some(','))?;
    if (qt + 1..comma).any(|k| matches!(doc.toks[k], Tok::Quote(_))) {
        return None;
    }
    let t = comma + 1;
    if end <= t || end - t > 8 {
        return None;
    }
    if cue_at(doc, t) {
        let cue = doc.lword(t).unwrap_or_default().to_string();
        return phrase_right_of(doc, t + 1).map(|p| (p, cue));
    }
    (t + 1..end).find(|&k| cue_at(doc, k)).and_then(|k| {
        let cue = doc.lword(k).unwrap_or_default().to_string();
        phrase_left_of(doc, k, t).map(|p| (p, cue))
    })
}

/// A quotation standing alone after a sentence of reported speech in its paragraph:
/// `He said on Friday he hoped to lead. "I think that is sufficient time."`
fn attribution_previous_sentence(doc: &Doc, qt: usize) -> Option<(Phrase, String)> {
    let s = doc.sentence_start(qt);
    if (s..qt).any(|k| doc.word(k).is_some()) || s == 0 {
        return None;
    }
    let prev = doc.sent_of[s - 1];
    let mut range = doc.sentences[prev].clone();
    if doc.para_of[range.end.saturating_sub(1)] != doc.para_of[qt] {
        return None;
    }
    // Only the words after the sentence's last quotation can be reporting this one.
    if let Some(last_quote) = range
        .clone()
        .rev()
        .find(|&k| matches!(doc.toks[k], Tok::Quote(_)))
    {
        range.start = last_quote + 1;
    }
    let cue = range.clone().find(|&k| {
        cue_at(doc, k)
            && !weak_cue(doc.lword(k).unwrap_or_default())
            && !doc.lword(k).is_some_and(|w| w.ends_with("ing"))
    })?;
    let clause = clause_start(doc, range.start, cue);
    let phrase = phrase_left_of(doc, cue, clause)
        .or_else(|| subject_of_clause(doc, range.start, cue, true))?;
    Some((phrase, doc.lword(cue).unwrap_or_default().to_string()))
}

/// `"…" That was Arsene Wenger's verdict`: a possessive name in the next sentence.
fn attribution_that_was(doc: &Doc, qt: usize) -> Option<(Phrase, String)> {
    let t = qt + 1;
    let first = doc.lword(t)?;
    if !matches!(first, "that" | "this" | "those" | "such" | "so") {
        return None;
    }
    let verb = doc.lword(t + 1)?;
    if !matches!(verb, "was" | "is" | "were" | "are") {
        return None;
    }
    (t + 2..(t + 6).min(doc.toks.len())).find_map(|k| {
        let m = doc.mention_at[k]?;
        let end_word =
            doc.word((k..k + 4).find(|&e| doc.tok_range(e).end >= doc.mentions[m].range.end)?)?;
        is_possessive(end_word).then(|| (Phrase::Mention(m), "verdict".into()))
    })
}

fn resolve(
    doc: &Doc,
    phrase: &Phrase,
    at_quote: usize,
    resolved: &[(usize, Option<usize>)],
) -> Option<(Option<usize>, Option<String>, Range<usize>)> {
    match phrase {
        Phrase::Mention(m) => Some((Some(*m), None, doc.mentions[*m].range.clone())),
        Phrase::Described { range, text } => Some((None, Some(text.clone()), range.clone())),
        Phrase::Pronoun { tok, gender, org } => {
            let r = doc.tok_range(*tok);
            if *org {
                let m = antecedent(doc, *tok, at_quote, *gender, true, None, resolved)?;
                return Some((Some(m), None, r));
            }
            let m = antecedent(doc, *tok, at_quote, *gender, false, None, resolved);
            Some((m, None, r))
        }
        Phrase::Role { tok, head, range } => {
            let org = in_list(ORG_NOUNS, head);
            let gender = gender_of_words(std::slice::from_ref(head));
            let m = antecedent(
                doc,
                *tok,
                at_quote,
                gender,
                org,
                (!org).then_some(head.as_str()),
                resolved,
            );
            match m {
                Some(m) => Some((Some(m), None, range.clone())),
                None => Some((
                    None,
                    Some(doc.text[range.clone()].to_string()),
                    range.clone(),
                )),
            }
        }
    }
}

/// The earlier mention a pronoun or role noun at token `t` refers to.
fn antecedent(
    doc: &Doc,
    t: usize,
    at_quote: usize,
    gender: Gender,
    org: bool,
    role: Option<&str>,
    resolved: &[(usize, Option<usize>)],
) -> Option<usize> {
    let compatible = |m: &Mention| {
        if m.possessive {
            return false;
        }
        if org {
            return m.class == Class::Org || (m.class == Class::Unknown && m.named);
        }
        m.class == Class::Person
            && (gender == Gender::Unknown || m.gender == Gender::Unknown || m.gender == gender)
    };
    // A role noun given to someone (`Andy Robinson, the head coach`) finds them first.
    if let Some(role) = role {
        let head = role.rsplit(' ').next().unwrap_or(role);
        if let Some(m) = doc
            .mentions
            .iter()
            .rposition(|m| m.named && m.tok < t && m.roles.iter().any(|r| r == head))
        {
            return Some(m);
        }
    }
    let sent = doc.sent_of[t];
    let para = doc.para_of[t];
    // Mentions in the pronoun's own clause after it are not its antecedent (`She thanked Hepburn`).
    let mut best: Option<usize> = None;
    for s in (0..=sent).rev() {
        if sent - s > 14 {
            break;
        }
        let mut subject: Option<usize> = None;
        let mut last: Option<usize> = None;
        // `Mr Blair has "…" as when …, he said.`: after the quotation, the pronoun's own
        // sentence is the reported content, not where its antecedent stands; only mentions
        // before an earlier quotation of the sentence (part of its own attribution, as in
        // `Mr Boateng said: "…" Asked …, he replied: "…"`) are candidates.
        let mut limit = t;
        if s == sent && t > at_quote {
            let st = doc.sentences[s].start;
            match (st..at_quote)
                .rev()
                .find(|&k| matches!(doc.toks[k], Tok::Quote(_)))
            {
                Some(earlier) => limit = earlier,
                None => continue,
            }
        }
        // A lone name of unknown kind as the subject (`Leigh had been nominated`) is a
        // person only when no known person stands in the sentence.
        let mut weak: Option<usize> = None;
        for &i in &doc.index.by_sentence[s] {
            let m = &doc.mentions[i];
            if m.tok >= limit {
                continue;
            }
            if !org
                && m.class == Class::Unknown
                && m.named
                && !m.possessive
                && !m.name.contains(' ')
            {
                // (and only a word the text also capitalises inside a sentence or a longer
                // name, so that `Studies have shown` is no one).
                let key = lower(&m.name);
                let a_name = doc.index.by_word.get(&key).is_some_and(|all| {
                    all.iter().any(|&o| {
                        let other = &doc.mentions[o];
                        other.name.contains(' ') || other.tok != doc.sentence_start(other.tok)
                    })
                });
                if m.subject && a_name {
                    weak = Some(i);
                }
                continue;
            }
            if !compatible(m) {
                continue;
            }
            if m.para != para && !m.named {
                continue;
            }
            if m.subject {
                subject = Some(i);
            }
            // A described person (`a spokesman`) stands for a pronoun only as a subject.
            if m.named {
                last = Some(i);
            }
        }
        // Speakers resolved earlier in this sentence stand for their person.
        // (`resolved` is in text order, so this sentence's entries are one run of it.)
        let lo = resolved.partition_point(|(tok, _)| doc.sent_of[*tok] < s);
        let hi = resolved.partition_point(|(tok, _)| doc.sent_of[*tok] <= s);
        let from_resolved = resolved[lo..hi]
            .iter()
            .rev()
            .find(|(tok, m)| *tok < t && m.is_some_and(|m| compatible(&doc.mentions[m])))
            .and_then(|(_, m)| *m);
        // `He told the BBC that Mr Clarke …`: a sentence led by the same pronoun refers to the
        // same person, so only its subject can stand for it.
        let led_by_pronoun = s != sent && {
            let st = doc.sentences[s].start;
            let lead = (st..doc.sentences[s].end).find(|&k| {
                doc.lword(k)
                    .is_some_and(|w| !matches!(w, "and" | "but" | "so" | "then" | "yet"))
            });
            lead.is_some_and(|k| {
                let w = doc.lword(k).unwrap_or_default();
                (w == "he" && gender != Gender::Female) || (w == "she" && gender != Gender::Male)
            })
        };
        if led_by_pronoun && subject.is_none() && from_resolved.is_none() {
            continue;
        }
        let pick = from_resolved.or(subject).or(last).or(weak);
        if let Some(p) = pick {
            best = Some(p);
            break;
        }
        if para.saturating_sub(doc.para_of[doc.sentences[s].start]) > 5 {
            break;
        }
    }
    best
}

/// The fullest form of a mention's name the text gives: the longest name holding all its
/// words (`Mr Howard` → `Michael Howard`, `Sir Alex` → `Sir Alex Ferguson`), the nearest
/// one before the mention, else the nearest after it.
fn fullest(doc: &Doc, m: usize) -> String {
    let mention = &doc.mentions[m];
    let words: Vec<&String> = doc.index.words[m]
        .iter()
        .filter(|w| !in_list(KEPT_TITLES, w))
        .collect();
    let Some(&key_word) = words.last() else {
        return mention.name.clone();
    };
    let first_name_only = words.len() == 1 && mention.name.contains(' ');
    let own_len = doc.index.words[m].len();
    let mut best: Option<(bool, usize, usize)> = None; // (before, distance, mention)
    for (name, list) in &doc.index.names {
        if name.len() <= own_len
            || !name.contains(key_word)
            || !words.iter().all(|w| name.contains(*w))
        {
            continue;
        }
        if name.last() != Some(key_word) && !first_name_only {
            continue;
        }
        if doc.mentions[list[0]].class == Class::Org && mention.class != Class::Org {
            continue;
        }
        // Nearest occurrence of this fuller name before the mention, else after it.
        let at = list.partition_point(|&i| doc.mentions[i].tok <= mention.tok);
        let candidate = if at > 0 {
            let i = list[at - 1];
            (true, mention.tok - doc.mentions[i].tok, i)
        } else {
            let i = list[at];
            (false, doc.mentions[i].tok - mention.tok, i)
        };
        let better = match best {
            None => true,
            Some((before, dist, _)) => {
                (candidate.0 && !before) || (candidate.0 == before && candidate.1 < dist)
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map_or_else(
        || mention.name.clone(),
        |(_, _, i)| doc.mentions[i].name.clone(),
    )
}

/// Sets each quotation's speaker.
pub fn attribute(masked: &Masked, quotes: &mut [Quote]) {
    attribute_through(masked, quotes, usize::MAX);
}

/// `attribute` for the quotations up to index `last` only (a quotation's speaker depends on
/// those before it, never on those after): the others are left without one.
pub fn attribute_through(masked: &Masked, quotes: &mut [Quote], last: usize) {
    if quotes.is_empty() {
        return;
    }
    let text = masked.text.as_str();
    let (toks, quote_tok) = tokenize(text, quotes);
    let (lows, low_at) = fold_tokens(text, &toks);
    let mut doc = Doc {
        text,
        lows,
        low_at,
        toks,
        sent_of: Vec::new(),
        para_of: Vec::new(),
        sentences: Vec::new(),
        mentions: Vec::new(),
        mention_at: Vec::new(),
        index: MentionIndex::default(),
        quote_tok,
        quote_ends_sentence: quotes
            .iter()
            .map(|q| q.text.trim_end().ends_with(['.', '!', '?', '…']))
            .collect(),
    };
    sentences(&mut doc);
    find_mentions(&mut doc);
    let mut resolved: Vec<(usize, Option<usize>)> = Vec::new();
    let mut speakers: Vec<Option<Speaker>> = vec![None; quotes.len()];
    for qi in 0..quotes.len().min(last.saturating_add(1)) {
        let qt = doc.quote_tok[qi];
        if qi > 0 && doc.quote_tok[qi - 1] == qt {
            continue;
        }
        let found = if quotes[qi].block {
            block_attribution(&doc, qt)
        } else {
            attribution_after(&doc, qt)
                .or_else(|| attribution_before(&doc, qt))
                .or_else(|| attribution_trailing(&doc, qt))
                .or_else(|| attribution_that_was(&doc, qt))
                .or_else(|| attribution_previous_sentence(&doc, qt))
        };
        let speaker = match found {
            Some((phrase, cue)) => {
                resolve(&doc, &phrase, qt, &resolved).and_then(|(m, described, range)| {
                    if let Some(m) = m {
                        resolved.push((qt, Some(m)));
                        let named = doc.mentions[m].named;
                        let name = if named {
                            fullest(&doc, m)
                        } else {
                            doc.mentions[m].name.clone()
                        };
                        let certain = doc.mentions[m].class != Class::Unknown || name.contains(' ');
                        Some(Speaker {
                            name,
                            named,
                            cue,
                            mention: range,
                            certain,
                        })
                    } else {
                        described.map(|d| Speaker {
                            name: d,
                            named: false,
                            cue,
                            mention: range,
                            certain: true,
                        })
                    }
                })
            }
            None => continuation(&doc, qt, qi, quotes, &speakers).or_else(|| {
                // Last: the subject of the quotation's sentence, if a person
                // (`he painted a picture of a machine that would offer "…"`).
                let s = doc.sentence_start(qt);
                let phrase = subject_of_clause(&doc, s, qt, true)?;
                let person = match &phrase {
                    Phrase::Pronoun { org, .. } => !org,
                    Phrase::Mention(m) => {
                        doc.mentions[*m].class == Class::Person && doc.mentions[*m].named
                    }
                    _ => false,
                };
                if !person {
                    return None;
                }
                let (m, _, range) = resolve(&doc, &phrase, qt, &resolved)?;
                let m = m?;
                Some(Speaker {
                    name: fullest(&doc, m),
                    named: doc.mentions[m].named,
                    cue: "subject".into(),
                    mention: range,
                    certain: true,
                })
            }),
        };
        speakers[qi] = speaker;
    }
    for (q, s) in quotes.iter_mut().zip(speakers) {
        q.speaker = s;
    }
}

/// A quotation standing alone as its sentence, after another quotation in the same paragraph
/// or at the start of the paragraph after one: the same speaker goes on.
fn continuation(
    doc: &Doc,
    qt: usize,
    qi: usize,
    quotes: &[Quote],
    speakers: &[Option<Speaker>],
) -> Option<Speaker> {
    let s = doc.sentence_start(qt);
    if (s..qt).any(|k| doc.word(k).is_some()) || qi == 0 {
        return None;
    }
    // `«…», a déclaré X.`: words after the quotation in its sentence are an attribution we
    // could not read, not a sign that the last speaker goes on.
    let sent_end = doc.sentences[doc.sent_of[qt]].end;
    if (qt + 1..sent_end).any(|k| doc.word(k).is_some()) {
        return None;
    }
    let prev = qi - 1;
    let pt = doc.quote_tok[prev];
    let same_para = doc.para_of[pt] == doc.para_of[qt];
    let para_start = (0..qt)
        .rev()
        .take_while(|&k| doc.para_of[k] == doc.para_of[qt])
        .all(|k| doc.word(k).is_none());
    let prev_last_in_para = (pt + 1..qt).all(|k| {
        doc.para_of[k] != doc.para_of[pt]
            || doc.word(k).is_none()
            || doc.sent_of[k] == doc.sent_of[pt]
    });
    let adjacent_para = doc.para_of[qt] == doc.para_of[pt] + 1 && para_start && prev_last_in_para;
    if (same_para || adjacent_para) && !quotes[prev].block {
        return speakers[prev].clone();
    }
    None
}

/// A Markdown block quote: `— Name, Organisation` on the line after, else the subject of
/// the paragraph before when it ends with a colon.
fn block_attribution(doc: &Doc, qt: usize) -> Option<(Phrase, String)> {
    let next = qt
        + 1
        + (qt + 1..doc.toks.len())
            .take_while(|&k| doc.punct(k) == Some('¶'))
            .count();
    if matches!(doc.punct(next), Some('—' | '–' | '-')) {
        if let Some(m) = doc.mention_at.get(next + 1).copied().flatten() {
            return Some((Phrase::Mention(m), "—".into()));
        }
    }
    let mut k = qt;
    while k > 0 && doc.punct(k - 1) == Some('¶') {
        k -= 1;
    }
    if k > 0 && doc.punct(k - 1) == Some(':') {
        let s = doc.sentence_start(k - 1);
        return subject_of_clause(doc, s, k - 1, true).map(|p| (p, ":".into()));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::draft::{ExtractOptions, Format, analyze};

    /// Each quotation's text (first words) and speaker, `-` for none, `~x` for described.
    fn speakers(text: &str) -> Vec<String> {
        analyze(text, Format::Markdown, &ExtractOptions::default())
            .into_iter()
            .map(|q| {
                let who = match &q.speaker {
                    Some(s) if s.named => s.name.clone(),
                    Some(s) => format!("~{}", s.name),
                    None => "-".into(),
                };
                let head: String = q
                    .text
                    .split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{head}: {who}")
            })
            .collect()
    }

    #[test]
    fn after_the_quote() {
        let t = "Michael Howard spoke.\n\n\"We need to break the link,\" Mr Howard said.\n\n\"By breaking that link we win,\" he went on.\n\n\"The Liberal Democrats have long argued this,\" said Liberal Democrat chairman Matthew Taylor.";
        assert_eq!(
            speakers(t),
            [
                "We need: Michael Howard",
                "By breaking: Michael Howard",
                "The Liberal: Matthew Taylor"
            ]
        );
    }

    #[test]
    fn before_the_quote_and_according_to() {
        let t = "Asked about critics, Mr Howard said: \"That if you reach the view you lose.\"\n\nAccording to Martin Owen of Futurelab, \"games teach life skills such as these\".\n\nMr Purushotma told the BBC that \"others are thinking of experimenting\".";
        assert_eq!(
            speakers(t),
            [
                "That if: Howard",
                "games teach: Martin Owen",
                "others are: Purushotma"
            ]
        );
    }

    #[test]
    fn appositives_roles_and_described_speakers() {
        let t = "\"They will target a victory in Dublin,\" Eddie O'Sullivan, the Ireland coach, had warned.\n\n\"We take all breaches seriously,\" an IRB spokesman said.\n\n\"I think it was the word,\" a spokesman for Oxford University Press said.\n\nThe Refugee Council's chief executive, Maeve Sherlock, was blunter, calling the package \"dangerous, ill thought-out and irresponsible\".";
        assert_eq!(
            speakers(t),
            [
                "They will: Eddie O'Sullivan",
                "We take: ~an IRB spokesman",
                "I think: ~a spokesman for Oxford University Press",
                "dangerous, ill: Maeve Sherlock"
            ]
        );
    }

    #[test]
    fn interrupted_quote_keeps_its_speaker() {
        let t =
            "\"We know maybe what the PS3 will do,\" said Rory Armes, \"but we can only guess.\"";
        assert_eq!(speakers(t), ["We know: Rory Armes", "but we: Rory Armes"]);
    }

    #[test]
    fn pronouns_resolve_to_the_right_person() {
        let t = "Keane saw it differently, and so did Gary Neville. \"There were a couple of things,\" he said.\n\nCate Blanchett won for playing Katharine Hepburn. She thanked Hepburn from the stage: \"Thank you very much indeed.\"\n\nWinslet had been here before; for Imelda Staunton, 49, it was a first, and she told BBC News 24: \"It was an extraordinary time.\"";
        assert_eq!(
            speakers(t),
            [
                "There were: Gary Neville",
                "Thank you: Cate Blanchett",
                "It was: Imelda Staunton"
            ]
        );
    }

    #[test]
    fn short_forms_resolve_to_the_nearest_full_name() {
        let t = "Andy Robinson, the head coach, and Jason Robinson, the full-back, spoke.\n\nAndy Robinson was asked about the mood. \"There is no lack of confidence,\" Robinson said.\n\nJason Robinson was asked too. \"We owe the supporters a performance,\" the full-back said.\n\n\"Vieira was well wound up for it,\" said Sir Alex. Sir Alex Ferguson left.";
        assert_eq!(
            speakers(t),
            [
                "There is: Andy Robinson",
                "We owe: Jason Robinson",
                "Vieira was: Sir Alex Ferguson"
            ]
        );
    }

    #[test]
    fn continuation_and_multi_paragraph() {
        let t = "He told BBC Sport: \"We've got to go back to technology.\"\n\n\"I think Mark Cueto scored a legal try.\"\n\nBrian Moore said it. Then \"Full-backs are too far away,\" said Moore. \"That's not a reflection on him.\"";
        let s = speakers(t);
        assert_eq!(
            s[1],
            format!("I think: {}", s[0].split(": ").nth(1).unwrap())
        );
        assert_eq!(s[3], "That's not: Brian Moore");
    }

    #[test]
    fn organisations_speak() {
        let t = "\"The referee has confirmed he is satisfied,\" the FA said in a statement.\n\nThe Rugby Football Union (RFU) said in a statement that it would \"set out any concerns in a confidential manner\".";
        assert_eq!(
            speakers(t),
            ["The referee: FA", "set out: Rugby Football Union"]
        );
    }

    #[test]
    fn block_quote_with_dash_line() {
        let t = "Tony Blair insists on it:\n\n> There is no question of Britain giving up our veto.\n\n— Tony Blair\n";
        assert_eq!(speakers(t), ["There is: Tony Blair"]);
    }

    #[test]
    fn unattributed_quotes_stay_unattributed() {
        let t = "Critics stand accused of \"liberal woolly thinking and false fears\".\n\nThe phrase doing the rounds was blunter: \"A lot of the problems come from conflict.\"";
        assert_eq!(speakers(t), ["liberal woolly: -", "A lot: -"]);
    }
}
