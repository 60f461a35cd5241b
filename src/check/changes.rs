//! What changed between a quotation and the source passage it was aligned with: runs of
//! words replaced, added or dropped, sentences stitched or put in another order, each with
//! both byte ranges and its kind (`ChangeClass`), the kinds that change the meaning first.

use std::ops::Range;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::align::{Op, QWord};
use crate::sources::Article;
use crate::text::{fold_word, words};

/// What kind of change a `Change` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeClass {
    /// Words replaced, added or dropped.
    Word,
    /// A negation (`not`, `never`, `no`, `n't`, `nothing` …) added or dropped.
    Negation,
    /// A figure, number word, percentage or amount changed.
    Number,
    /// A proper name changed.
    Name,
    /// `we are` ↔ `we're`: the same words, contracted or expanded.
    Contraction,
    /// Words from places that are not adjacent in the source joined without an ellipsis.
    Stitch,
    /// The quotation's sentences in another order than the source's.
    Order,
    /// A transcript's filler (`um`, `you know`), false start or repeated words left out:
    /// the normal editing of speech, not an alteration (`check::spoken`).
    Filler,
}

impl ChangeClass {
    pub const ALL: [ChangeClass; 8] = [
        ChangeClass::Word,
        ChangeClass::Negation,
        ChangeClass::Number,
        ChangeClass::Name,
        ChangeClass::Contraction,
        ChangeClass::Stitch,
        ChangeClass::Order,
        ChangeClass::Filler,
    ];

    /// Its name in the JSON report, SARIF and the fixtures.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeClass::Word => "word",
            ChangeClass::Negation => "negation",
            ChangeClass::Number => "number",
            ChangeClass::Name => "name",
            ChangeClass::Contraction => "contraction",
            ChangeClass::Stitch => "stitch",
            ChangeClass::Order => "order",
            ChangeClass::Filler => "filler",
        }
    }

    /// Is a change of this kind an alteration at all? Not a filler left out of speech.
    pub fn alters(self) -> bool {
        self != ChangeClass::Filler
    }

    /// Does a change of this kind make the quotation say something else?
    pub fn changes_meaning(self) -> bool {
        matches!(
            self,
            ChangeClass::Negation | ChangeClass::Number | ChangeClass::Name
        )
    }
}

/// One difference between the draft's words and the source's: words replaced (both set),
/// added by the draft (`source` empty), dropped from the source (`draft` empty), or, for a
/// stitch, the source words left out between two joined places (`draft` empty), and for an
/// order change, the words that stand elsewhere in the source (both set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: ChangeClass,
    pub draft: String,
    pub source: String,
    /// Byte range of the draft words in the draft (empty at the point of a drop or a stitch).
    pub draft_range: Range<usize>,
    /// Byte range of the source words in the source article's text (empty at the point of
    /// an addition).
    pub source_range: Range<usize>,
    /// For a stitch or an order change: how many source words lie between the two places.
    pub apart: Option<usize>,
}

impl Change {
    /// A word change of class `class` (tests and callers that build findings by hand).
    pub fn words(draft: &str, source: &str, draft_range: Range<usize>) -> Change {
        Change {
            class: ChangeClass::Word,
            draft: draft.to_string(),
            source: source.to_string(),
            draft_range,
            source_range: 0..0,
            apart: None,
        }
    }
}

/// The JSON form: `class`, `draft`, `source`, both ranges as `draft_start`/`draft_end` and
/// `source_start`/`source_end`, and `apart` for a stitch or an order change.
impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Change", 8)?;
        s.serialize_field("class", self.class.as_str())?;
        s.serialize_field("draft", &self.draft)?;
        s.serialize_field("source", &self.source)?;
        s.serialize_field("draft_start", &self.draft_range.start)?;
        s.serialize_field("draft_end", &self.draft_range.end)?;
        s.serialize_field("source_start", &self.source_range.start)?;
        s.serialize_field("source_end", &self.source_range.end)?;
        if let Some(apart) = self.apart {
            s.serialize_field("apart", &apart)?;
        }
        s.end()
    }
}

/// The quotation as the aligner saw it: its words, their byte ranges in the draft, the
/// paragraph (piece) each is in, and the draft's text.
pub(super) struct QuoteWords<'a> {
    pub q: &'a [QWord],
    pub ranges: &'a [Range<usize>],
    pub pieces: &'a [usize],
    pub text: &'a str,
}

/// One step of an alignment, with the source word as an index into `Article::words` (`k`)
/// and as a position in the aligned words (`s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Match { q: usize, s: usize, k: usize },
    Replace { q: usize, s: usize, k: usize },
    Add { q: usize },
    Drop { k: usize },
}

impl Step {
    fn q(self) -> Option<usize> {
        match self {
            Step::Match { q, .. } | Step::Replace { q, .. } | Step::Add { q } => Some(q),
            Step::Drop { .. } => None,
        }
    }

    fn k(self) -> Option<usize> {
        match self {
            Step::Match { k, .. } | Step::Replace { k, .. } | Step::Drop { k } => Some(k),
            Step::Add { .. } => None,
        }
    }
}

/// The changes between the quotation and the source words an alignment used (`map` takes
/// an aligned position to an index into `article.words`).
pub(super) fn changes(
    article: &Article,
    ops: &[Op],
    map: &[usize],
    quote: &QuoteWords<'_>,
) -> Vec<Change> {
    let all = &article.words;
    let k_of = |s: usize| map.get(s).copied().filter(|&k| k < all.len());
    // The alignment as segments of steps, cut where it jumps elsewhere in the source.
    let mut segments: Vec<Vec<Step>> = vec![Vec::new()];
    for op in ops {
        let step = match *op {
            Op::Match { q, s } => k_of(s).map(|k| Step::Match { q, s, k }),
            Op::Replace { q, s } => k_of(s).map(|k| Step::Replace { q, s, k }),
            Op::Add { q } if quote.q.get(q).is_some_and(|w| !w.bracket) => Some(Step::Add { q }),
            Op::Add { .. } => None,
            Op::Drop { s } => k_of(s).map(|k| Step::Drop { k }),
            Op::Stitch { .. } => {
                segments.push(Vec::new());
                None
            }
        };
        if let (Some(step), Some(seg)) = (step, segments.last_mut()) {
            seg.push(step);
        }
    }
    segments.retain(|s| s.iter().any(|st| matches!(st, Step::Match { .. })));
    if segments.is_empty() {
        return Vec::new();
    }
    // The quotation's first and last words against the source's, within the sentence.
    if let Some(first) = segments.first_mut() {
        leading_edge(article, first, quote);
    }
    if let Some(last) = segments.last_mut() {
        trailing_edge(article, last, quote);
    }
    let mut out = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        if i > 0 {
            out.extend(joint(article, &segments[i - 1], seg, quote));
        }
        runs(article, map, seg, quote, &mut out);
    }
    out.sort_by_key(|c| (c.draft_range.start, c.draft_range.end));
    out
}

/// The quotation words before the segment's first match, against the source words just
/// before it in the same sentence of the same source quotation: replaced when the source
/// has words there, added when the quotation starts where the source's sentence does.
fn leading_edge(article: &Article, seg: &mut Vec<Step>, quote: &QuoteWords<'_>) {
    let Some(fm) = seg.iter().position(|s| matches!(s, Step::Match { .. })) else {
        return;
    };
    let Some(k0) = seg[fm].k() else { return };
    let extra: Vec<usize> = seg[..fm].iter().filter_map(|s| s.q()).collect();
    let lo = extent(article, k0).start;
    let paired = paired_words(article, quote, &extra, (lo..k0).rev());
    let mut head: Vec<Step> = Vec::new();
    let mut sources: Vec<usize> = paired;
    sources.reverse();
    // Draft words first and source words after, in one run: the run is one change.
    head.extend(extra.iter().map(|&q| Step::Add { q }));
    head.extend(sources.into_iter().map(|k| Step::Drop { k }));
    seg.splice(..fm, head);
}

/// As `leading_edge`, for the words after the segment's last match.
fn trailing_edge(article: &Article, seg: &mut Vec<Step>, quote: &QuoteWords<'_>) {
    let Some(lm) = seg.iter().rposition(|s| matches!(s, Step::Match { .. })) else {
        return;
    };
    let Some(k1) = seg[lm].k() else { return };
    let extra: Vec<usize> = seg[lm + 1..].iter().filter_map(|s| s.q()).collect();
    let hi = extent(article, k1).end;
    let paired = paired_words(article, quote, &extra, k1 + 1..hi);
    seg.truncate(lm + 1);
    seg.extend(extra.iter().map(|&q| Step::Add { q }));
    seg.extend(paired.into_iter().map(|k| Step::Drop { k }));
}

/// As many source words from `candidates` (nearest first) as the quotation words `extra`
/// stand for, counting a contraction as the words it stands for (`we're` is two).
fn paired_words(
    article: &Article,
    quote: &QuoteWords<'_>,
    extra: &[usize],
    candidates: impl Iterator<Item = usize>,
) -> Vec<usize> {
    let need: usize = extra
        .iter()
        .filter_map(|&q| quote.ranges.get(q))
        .map(|r| expand(&fold_word(quote.text.get(r.clone()).unwrap_or(""))).len())
        .sum();
    let mut got = 0;
    let mut out = Vec::new();
    for k in candidates {
        if got >= need {
            break;
        }
        let w = &article.words[k];
        got += expand(&fold_word(article.text.get(w.range()).unwrap_or(""))).len();
        out.push(k);
    }
    out
}

/// Article words (indices) around word `k` that a replaced first or last word may stand
/// for: its sentence, within its quotation when the source quotes it.
fn extent(article: &Article, k: usize) -> Range<usize> {
    let all = &article.words;
    let at = all[k].start;
    let quoted = article
        .quotes()
        .iter()
        .flat_map(|q| q.pieces.iter())
        .find(|p| p.start <= at && at < p.end);
    let (lo_byte, hi_byte) = quoted.map_or((0, article.text.len()), |p| (p.start, p.end));
    let breaks = |a: usize, b: usize| {
        let between = article.text.get(a..b).unwrap_or("");
        between.contains('\n')
            || between.contains(['.', '?', '!']) && between.contains(char::is_whitespace)
    };
    let mut lo = k;
    while lo > 0 && all[lo - 1].start >= lo_byte && !breaks(all[lo - 1].end, all[lo].start) {
        lo -= 1;
    }
    let mut hi = k + 1;
    while hi < all.len() && all[hi].end <= hi_byte && !breaks(all[hi - 1].end, all[hi].start) {
        hi += 1;
    }
    lo..hi
}

/// The stitch or order change where the quotation jumps from segment `a` to segment `b`.
fn joint(article: &Article, a: &[Step], b: &[Step], quote: &QuoteWords<'_>) -> Option<Change> {
    let used = |seg: &[Step]| -> Vec<usize> {
        seg.iter()
            .filter(|s| matches!(s, Step::Match { .. } | Step::Replace { .. }))
            .filter_map(|s| s.k())
            .collect()
    };
    let (ua, ub) = (used(a), used(b));
    let (a_first, a_last) = (*ua.iter().min()?, *ua.iter().max()?);
    let (b_first, b_last) = (*ub.iter().min()?, *ub.iter().max()?);
    let all = &article.words;
    let qb: Vec<usize> = b.iter().filter_map(|s| s.q()).collect();
    let first_q = *qb.first()?;
    let at = quote.ranges.get(first_q)?.start;
    if b_first > a_last {
        let apart = b_first - a_last - 1;
        if apart == 0 {
            return None;
        }
        let source_range = all[a_last + 1].start..all[b_first - 1].end;
        return Some(Change {
            class: ChangeClass::Stitch,
            draft: String::new(),
            source: shortened(&joined(article, a_last + 1..b_first)),
            draft_range: at..at,
            source_range,
            apart: Some(apart),
        });
    }
    let last_q = *qb.last()?;
    let draft_range = at..quote.ranges.get(last_q)?.end;
    Some(Change {
        class: ChangeClass::Order,
        draft: quote.text.get(draft_range.clone())?.to_string(),
        source: joined(article, b_first..b_last + 1),
        draft_range,
        source_range: all[b_first].start..all[b_last].end,
        apart: Some(a_first.saturating_sub(b_last + 1)),
    })
}

/// A long run of left-out words shown by its ends.
fn shortened(text: &str) -> String {
    const SHOWN: usize = 6;
    let ws: Vec<&str> = text.split_whitespace().collect();
    if ws.len() <= 2 * SHOWN + 2 {
        return text.to_string();
    }
    format!(
        "{} … {}",
        ws[..SHOWN].join(" "),
        ws[ws.len() - SHOWN..].join(" ")
    )
}

/// The source's words `ks` as one string: the source's own spacing and punctuation between
/// neighbouring words, a space where words are not neighbours, never a quotation mark or a
/// line break (they would end or split the draft's quotation).
fn joined(article: &Article, ks: Range<usize>) -> String {
    joined_list(article, &ks.collect::<Vec<_>>())
}

fn joined_list(article: &Article, ks: &[usize]) -> String {
    let all = &article.words;
    let mut out = String::new();
    for (i, &k) in ks.iter().enumerate() {
        if i > 0 {
            let prev = ks[i - 1];
            let between = if k == prev + 1 {
                article.text.get(all[prev].end..all[k].start).unwrap_or(" ")
            } else {
                " "
            };
            let clean = !between.contains(['"', '“', '”', '‘', '’', '«', '»', '„', '\n', '\r']);
            out.push_str(if clean && !between.is_empty() {
                between
            } else {
                " "
            });
        }
        out.push_str(article.text.get(all[k].range()).unwrap_or(""));
    }
    out
}

/// The word changes of one segment: each run of steps between two matches, cut where the
/// quotation's paragraph changes (so a fix never joins two paragraphs), and the negations an
/// ellipsis leaves out.
fn runs(
    article: &Article,
    map: &[usize],
    seg: &[Step],
    quote: &QuoteWords<'_>,
    out: &mut Vec<Change>,
) {
    let mut run: Vec<Step> = Vec::new();
    let mut at = seg
        .iter()
        .find_map(|s| s.q())
        .and_then(|q| quote.ranges.get(q))
        .map_or(0, |r| r.start);
    let mut prev_s: Option<usize> = None;
    // An addition before the first match stands where the first matched word does.
    let mut source_at: Option<usize> = seg.iter().find_map(|s| match s {
        Step::Match { k, .. } => Some(article.words[*k].start),
        _ => None,
    });
    for &step in seg {
        if let Step::Match { q, s, k } | Step::Replace { q, s, k } = step {
            if let (Some(ps), true) = (prev_s, quote.q.get(q).is_some_and(|w| w.gap_before)) {
                out.extend(ellipsis_negation(article, map, ps, s, q, quote));
            }
            prev_s = Some(s);
            let _ = k;
        }
        let piece_changes = match (run.iter().rev().find_map(|s| s.q()), step.q()) {
            (Some(a), Some(b)) => quote.pieces.get(a) != quote.pieces.get(b),
            _ => false,
        };
        if matches!(step, Step::Match { .. }) || piece_changes {
            out.extend(run_change(article, &run, at, source_at, quote));
            run.clear();
        }
        match step {
            Step::Match { q, k, .. } => {
                at = quote.ranges.get(q).map_or(at, |r| r.end);
                source_at = Some(article.words[k].end);
            }
            _ => run.push(step),
        }
    }
    out.extend(run_change(article, &run, at, source_at, quote));
}

/// One run of replaced, added and dropped words as a change. `at` is where a drop stands in
/// the draft (just after the last matched word), `source_at` where an addition stands in the
/// source.
fn run_change(
    article: &Article,
    run: &[Step],
    at: usize,
    source_at: Option<usize>,
    quote: &QuoteWords<'_>,
) -> Option<Change> {
    if run.is_empty() {
        return None;
    }
    let qs: Vec<usize> = run.iter().filter_map(|s| s.q()).collect();
    let mut ks: Vec<usize> = run.iter().filter_map(|s| s.k()).collect();
    ks.sort_unstable();
    ks.dedup();
    let draft_range = match (qs.first(), qs.last()) {
        (Some(&a), Some(&b)) => quote.ranges.get(a)?.start..quote.ranges.get(b)?.end,
        _ => at..at,
    };
    let all = &article.words;
    let source_range = match (ks.first(), ks.last()) {
        (Some(&a), Some(&b)) => all[a].start..all[b].end,
        _ => {
            let p = source_at.unwrap_or(0);
            p..p
        }
    };
    let draft = quote.text.get(draft_range.clone())?.to_string();
    let source = joined_list(article, &ks);
    let class = classify(quote.text, &draft_range, &article.text, &ks, article);
    Some(Change {
        class,
        draft,
        source,
        draft_range,
        source_range,
        apart: None,
    })
}

/// A negation the quotation leaves out at an ellipsis (`I will … accept` from `I will not
/// accept`): one in the same clause as the words either side of the gap.
fn ellipsis_negation(
    article: &Article,
    map: &[usize],
    prev_s: usize,
    s: usize,
    q: usize,
    quote: &QuoteWords<'_>,
) -> Option<Change> {
    let ks: Vec<usize> = (prev_s + 1..s)
        .filter_map(|p| map.get(p).copied())
        .collect();
    let (&first, &last) = (ks.first()?, ks.last()?);
    let all = &article.words;
    let text = &article.text;
    let neg = ks.iter().position(|&k| {
        expand(&fold_word(text.get(all[k].range()).unwrap_or("")))
            .iter()
            .any(|t| is_negation(t))
    })?;
    let clause_break = |a: usize, b: usize| {
        text.get(a..b)
            .unwrap_or("")
            .contains([',', ';', ':', '.', '?', '!', '—', '–', '\n'])
    };
    let k = ks[neg];
    let prev_k = map.get(prev_s).copied()?;
    let next_k = map.get(s).copied()?;
    let joined_left = !clause_break(all[prev_k].end, all[k].start);
    let joined_right = !clause_break(all[k].end, all[next_k].start);
    if !joined_left && !joined_right {
        return None;
    }
    let before = quote.ranges.get(q.checked_sub(1)?)?.end;
    let after = quote.ranges.get(q)?.start;
    let gap = quote.text.get(before..after)?;
    let mark = gap.find('…').or_else(|| gap.find("..."))?;
    let len = if gap[mark..].starts_with('…') {
        '…'.len_utf8()
    } else {
        3
    };
    let draft_range = before + mark..before + mark + len;
    Some(Change {
        class: ChangeClass::Negation,
        draft: quote.text.get(draft_range.clone())?.to_string(),
        source: joined_list(article, &ks),
        draft_range,
        source_range: all[first].start..all[last].end,
        apart: None,
    })
}

/// The words a contraction stands for, folded (`we're`: we, are; `won't`: will, not); the
/// ambiguous `'s` and `'d` stay as themselves, to be compared with `same_token`.
fn expand(folded: &str) -> Vec<String> {
    let whole = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    match folded {
        "won't" => return whole("will", "not"),
        "can't" | "cannot" => return whole("can", "not"),
        "shan't" => return whole("shall", "not"),
        "ain't" => return whole("am", "not"),
        "let's" => return whole("let", "us"),
        _ => {}
    }
    for (suffix, full) in [
        ("n't", "not"),
        ("'re", "are"),
        ("'m", "am"),
        ("'ll", "will"),
        ("'ve", "have"),
        ("'d", "'d"),
        ("'s", "'s"),
    ] {
        if let Some(stem) = folded.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return whole(stem, full);
        }
    }
    vec![folded.to_string()]
}

/// Are two expanded tokens the same word (`'s` is `is`, `has` or `us`; `'d` is `would` or
/// `had`)?
fn same_token(a: &str, b: &str) -> bool {
    let stands_for = |short: &str, long: &str| match short {
        "'s" => matches!(long, "is" | "has" | "us" | "'s"),
        "'d" => matches!(long, "would" | "had" | "'d"),
        _ => false,
    };
    a == b || stands_for(a, b) || stands_for(b, a)
}

fn is_negation(token: &str) -> bool {
    matches!(
        token,
        "not" | "never" | "no" | "nor" | "neither" | "nothing" | "nobody" | "none" | "nowhere"
    )
}

fn is_number(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            token,
            "zero"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
                | "hundred"
                | "thousand"
                | "million"
                | "billion"
                | "trillion"
                | "half"
                | "dozen"
                | "percent"
        )
}

/// Does the word at `range` of `text` look like a proper name: capitalised where a
/// sentence does not start, or an acronym, and not `I`?
fn is_name(text: &str, range: &Range<usize>) -> bool {
    let Some(word) = text.get(range.clone()) else {
        return false;
    };
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let folded = fold_word(word);
    if folded == "i" || folded.starts_with("i'") {
        return false;
    }
    let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if acronym {
        return true;
    }
    let before = text.get(..range.start).unwrap_or("").trim_end();
    !(before.is_empty()
        || before.ends_with([
            '.', '?', '!', ':', '"', '“', '”', '‘', '\'', '(', '[', '—', '–', '…', '\n', '>',
        ]))
}

/// The kind of a run of changed words: a contraction when both sides say the same words,
/// else negation, number, name or word, the first that applies.
fn classify(
    draft_text: &str,
    draft_range: &Range<usize>,
    source_text: &str,
    ks: &[usize],
    article: &Article,
) -> ChangeClass {
    let draft_words: Vec<(String, Range<usize>)> = draft_text
        .get(draft_range.clone())
        .map(|t| {
            words(t)
                .iter()
                .map(|w| {
                    let r = draft_range.start + w.start..draft_range.start + w.end;
                    (fold_word(&t[w.range()]), r)
                })
                .collect()
        })
        .unwrap_or_default();
    let source_words: Vec<(String, Range<usize>)> = ks
        .iter()
        .map(|&k| {
            let r = article.words[k].range();
            (fold_word(source_text.get(r.clone()).unwrap_or("")), r)
        })
        .collect();
    let expanded = |ws: &[(String, Range<usize>)]| -> Vec<String> {
        ws.iter().flat_map(|(w, _)| expand(w)).collect()
    };
    let (de, se) = (expanded(&draft_words), expanded(&source_words));
    let plain =
        |ws: &[(String, Range<usize>)]| ws.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>();
    if !draft_words.is_empty()
        && !source_words.is_empty()
        && plain(&draft_words) != plain(&source_words)
        && de.len() == se.len()
        && de.iter().zip(&se).all(|(a, b)| same_token(a, b))
    {
        return ChangeClass::Contraction;
    }
    let count = |ts: &[String]| ts.iter().filter(|t| is_negation(t)).count();
    if count(&de) != count(&se) {
        return ChangeClass::Negation;
    }
    let numbers = |ts: &[String]| {
        ts.iter()
            .filter(|t| is_number(t))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (dn, sn) = (numbers(&de), numbers(&se));
    if (!dn.is_empty() || !sn.is_empty()) && dn != sn {
        return ChangeClass::Number;
    }
    if !draft_words.is_empty() && !source_words.is_empty() {
        let names = |ws: &[(String, Range<usize>)], text: &str| -> Vec<String> {
            ws.iter()
                .filter(|(_, r)| is_name(text, r))
                .map(|(w, _)| w.clone())
                .collect()
        };
        let (dm, sm) = (
            names(&draft_words, draft_text),
            names(&source_words, source_text),
        );
        let missing = |a: &[String], b: &[String]| a.iter().any(|w| !b.contains(w));
        if missing(&dm, &sm) || missing(&sm, &dm) {
            return ChangeClass::Name;
        }
    }
    ChangeClass::Word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_expand() {
        assert_eq!(expand("we're"), ["we", "are"]);
        assert_eq!(expand("won't"), ["will", "not"]);
        assert_eq!(expand("doesn't"), ["does", "not"]);
        assert_eq!(expand("it's"), ["it", "'s"]);
        assert!(same_token("'s", "has"));
        assert_eq!(expand("people"), ["people"]);
    }

    #[test]
    fn names_are_capitalised_inside_a_sentence() {
        let t = "We met Blair. Then we left, and I said BBC.";
        let r = |w: &str| {
            let i = t.find(w).unwrap();
            i..i + w.len()
        };
        assert!(is_name(t, &r("Blair")));
        assert!(!is_name(t, &r("Then")));
        assert!(!is_name(t, &r("We")));
        let i = t.find("I said").unwrap();
        assert!(!is_name(t, &(i..i + 1)));
        assert!(is_name(t, &r("BBC")));
    }
}
