//! Checking a draft against its sources: for each quotation, find candidate passages, align
//! the words, and decide the wording and attribution verdicts (`Finding`). `verdict` says
//! what a finding is told as; `session` remembers findings between checks of a draft.

pub mod align;
mod changes;
pub mod fix;
mod session;
mod spoken;
pub mod verdict;

pub use changes::{Change, ChangeClass};
pub use session::Checker;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::draft::{self, ExtractOptions, Format, Quote, Speaker};
use crate::sources::{Article, ArticleId, Place, Sources};
use crate::text::words;
use align::{Alignment, Op, QWord};

/// Is the wording in the sources?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    Exact,
    Altered,
    NotFound,
    /// Not checked: a backend could not answer (an archive unreachable or too slow), and
    /// the sources that did answer cannot vouch for the words (`Finding::unchecked`).
    Unknown,
}

/// Does the source give the words to the same speaker?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionVerdict {
    Matches,
    Conflicts,
    Unknown,
}

/// The source passage that best matches a quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The article, for `Sources::fetch`.
    #[serde(skip)]
    pub id: ArticleId,
    /// Where the passage lives, for an adapter to show or open.
    #[serde(skip)]
    pub place: Place,
    /// The article's name in reports (`Article::path`).
    pub path: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Byte offsets into the article's text, and the 1-based line of `start`.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    /// The source passage: the matched words.
    pub text: String,
    /// Who the source gives the words to (named speakers only).
    pub speaker: Option<String>,
    /// How sure the speaker finder is of the source's speaker, 0 to 1 (1 for a speaker the
    /// source labels itself, as a transcript does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_confidence: Option<f32>,
    /// A described, unnamed source speaker ("a spokesman for the FA").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_description: Option<String>,
    /// Does the source quote these words (or give them to a labelled speaker)? False when
    /// they are the article's own text, its reporter's narration.
    pub quoted: bool,
}

/// The verdicts on one quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub quote: Quote,
    pub wording: Wording,
    pub attribution: AttributionVerdict,
    /// Share of the quotation's words the source passage backs, 0 to 1.
    pub similarity: f32,
    pub changes: Vec<Change>,
    pub source: Option<Source>,
    /// How many other articles hold the same words.
    pub other_sources: usize,
    /// Those other passages (at most `MAX_OTHERS`), for "find all references".
    #[serde(skip)]
    pub others: Vec<Source>,
    /// Not found, and too few words for the sources to be asked surely: not in the sources
    /// of the draft's other quotations, but perhaps elsewhere.
    pub too_short: bool,
    /// The sources that could not answer when this quotation was checked (then the
    /// wording is `Unknown` unless the others verified it): such a finding is not kept.
    #[serde(skip)]
    pub unchecked: Vec<crate::sources::Unanswered>,
}

/// Options for a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    pub extract: ExtractOptions,
}

/// How many candidate articles are searched for a quotation's exact words. (Searching every
/// candidate that ties with the eighth was tried: at 1 GB of near-duplicate stories it cost
/// 5x the time for one point of accuracy.)
const CANDIDATES: usize = 8;
/// How many of them are aligned word by word when none holds the exact words.
const ALIGNED: usize = 4;
/// How many other passages holding the same words a finding lists.
const MAX_OTHERS: usize = 20;

/// Checks every quotation of a draft, on every core (findings in the draft's order).
/// `Checker::check` does the same and remembers the findings for the next check.
pub fn check_text(
    sources: &dyn Sources,
    text: &str,
    format: Format,
    options: &CheckOptions,
) -> Vec<Finding> {
    check_quotes(
        sources,
        text,
        draft::analyze(text, format, &options.extract),
    )
}

/// Checks quotations of the draft `text`: the candidates of all of them found at once, the
/// candidate articles fetched at once (two questions to the sources per draft), then each
/// quotation checked on every core.
pub fn check_quotes(sources: &dyn Sources, text: &str, quotes: Vec<Quote>) -> Vec<Finding> {
    let words: Vec<Words> = quotes.iter().map(|q| Words::of(text, q)).collect();
    let queries: Vec<Vec<u64>> = words.iter().map(Words::query).collect();
    let mut unanswered = Vec::new();
    let mut candidates = if queries.is_empty() {
        Vec::new()
    } else {
        let found = sources.find(&queries, CANDIDATES);
        unanswered.extend(found.unanswered);
        found.value
    };
    // One list per quotation, whatever the backend answered.
    candidates.resize(quotes.len(), Vec::new());
    let mut ids: Vec<ArticleId> = candidates.iter().flatten().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let fetched: HashMap<ArticleId, Arc<Article>, crate::text::FastHash> = if ids.is_empty() {
        HashMap::default()
    } else {
        let articles = sources.fetch_all(&ids);
        unanswered.extend(articles.unanswered);
        ids.iter()
            .zip(articles.value)
            .filter_map(|(&id, a)| Some((id, a?)))
            .collect()
    };
    // A backend down for both questions is named once.
    let mut seen = std::collections::HashSet::new();
    unanswered.retain(|u: &crate::sources::Unanswered| seen.insert(u.name.clone()));
    let mut findings: Vec<Finding> = quotes
        .into_par_iter()
        .zip(&words)
        .zip(&candidates)
        .map(|((quote, w), candidates)| {
            let articles: Vec<(ArticleId, Arc<Article>)> = candidates
                .iter()
                .filter_map(|id| Some((*id, Arc::clone(fetched.get(id)?))))
                .collect();
            check_quote(text, quote, w, &articles)
        })
        .collect();
    look_up_short(text, &mut findings, &words, &ids, &fetched);
    // After the short phrases are looked up: one the answering sources verify stands.
    if unanswered.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .map(|f| unchecked(f, &unanswered))
        .collect()
}

/// A finding made while some sources could not answer: only words verified, quoted and
/// given to the draft's speaker by the sources that did answer stand (no other source can
/// change that verdict); anything else might read otherwise with every source, so it is
/// unknown.
fn unchecked(mut finding: Finding, unanswered: &[crate::sources::Unanswered]) -> Finding {
    finding.unchecked = unanswered.to_vec();
    if finding.wording == Wording::Exact
        && finding.attribution == AttributionVerdict::Matches
        && finding.source.as_ref().is_some_and(|s| s.quoted)
    {
        return finding;
    }
    finding.wording = Wording::Unknown;
    finding.attribution = AttributionVerdict::Unknown;
    finding.similarity = 0.0;
    finding.changes.clear();
    finding.source = None;
    finding.other_sources = 0;
    finding.others.clear();
    finding.too_short = false;
    finding
}

/// Fewer words than this are not looked up surely: the index finds every run of five words
/// a source shares, shorter ones on a best-effort basis, one or two words never.
const SURE_WORDS: usize = 5;
/// How many articles a short phrase is looked for in.
const NEARBY: usize = 16;

/// A quotation too short for the sources to find (`"crippled"`) is looked for in the
/// articles fetched for the draft's other quotations, their sources first; one found in
/// none of them is `too_short`, not "not found".
fn look_up_short(
    text: &str,
    findings: &mut [Finding],
    words: &[Words],
    ids: &[ArticleId],
    fetched: &HashMap<ArticleId, Arc<Article>, crate::text::FastHash>,
) {
    let short = |f: &Finding, w: &Words| {
        f.wording == Wording::NotFound && f.source.is_none() && w.query().len() < SURE_WORDS
    };
    if !findings.iter().zip(words).any(|(f, w)| short(f, w)) {
        return;
    }
    let mut nearby: Vec<ArticleId> = findings
        .iter()
        .filter_map(|f| f.source.as_ref().map(|s| s.id))
        .collect();
    nearby.extend(ids.iter().copied());
    let mut seen = std::collections::HashSet::new();
    nearby.retain(|id| seen.insert(*id) && fetched.contains_key(id));
    nearby.truncate(NEARBY);
    let articles: Vec<(ArticleId, Arc<Article>)> = nearby
        .iter()
        .filter_map(|id| Some((*id, Arc::clone(fetched.get(id)?))))
        .collect();
    for (f, w) in findings.iter_mut().zip(words) {
        if !short(f, w) || w.query().is_empty() {
            continue;
        }
        let again = check_quote(text, f.quote.clone(), w, &articles);
        if again.source.is_some() {
            *f = again;
        } else {
            f.too_short = true;
        }
    }
}

/// A quotation's words as the aligner sees them, with their byte ranges in the draft and
/// the paragraph (piece) of the quotation each is in.
struct Words {
    q: Vec<QWord>,
    ranges: Vec<Range<usize>>,
    pieces: Vec<usize>,
}

impl Words {
    fn of(text: &str, quote: &Quote) -> Words {
        let mut out = Words {
            q: Vec::new(),
            ranges: Vec::new(),
            pieces: Vec::new(),
        };
        for (p, piece) in quote.pieces.iter().enumerate() {
            let Some(slice) = text.get(piece.clone()) else {
                continue;
            };
            let ws = words(slice);
            for (i, w) in ws.iter().enumerate() {
                // A paragraph's first word: what stands before it in the paragraph.
                let before = if i == 0 {
                    &slice[..w.start]
                } else {
                    &slice[ws[i - 1].end..w.start]
                };
                let open = slice[..w.start].rfind('[');
                let close = slice[..w.start].rfind(']');
                out.q.push(QWord {
                    hash: w.hash,
                    bracket: open.is_some() && (close.is_none() || close < open),
                    gap_before: before.contains('…') || before.contains("..."),
                    // A new paragraph of the quotation is a new sentence.
                    sentence_start: (i > 0 && before.contains(['.', '?', '!']))
                        || (i == 0 && !out.ranges.is_empty()),
                    clause_start: i > 0 && before.contains([',', ';', ':', '—', '–']),
                });
                out.ranges.push(piece.start + w.start..piece.start + w.end);
                out.pieces.push(p);
            }
        }
        out
    }

    fn view<'a>(&'a self, text: &'a str) -> changes::QuoteWords<'a> {
        changes::QuoteWords {
            q: &self.q,
            ranges: &self.ranges,
            pieces: &self.pieces,
            text,
        }
    }

    /// The words the sources are asked for: the quotation's own, brackets aside.
    fn query(&self) -> Vec<u64> {
        self.q
            .iter()
            .filter(|w| !w.bracket)
            .map(|w| w.hash)
            .collect()
    }
}

/// Which of an article's words are its speakers' words: all of them but the attributions
/// between two quotations of one speaker (`"…," he said. "…"` runs on), as indices into
/// `article.words`.
fn speech_words(article: &Article) -> Vec<usize> {
    let all = &article.words;
    let mut skip = vec![false; all.len()];
    for pair in article.quotes().windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let lo = all.partition_point(|w| w.start < a.end);
        let hi = all.partition_point(|w| w.end <= b.start).max(lo);
        let same_speaker = match (&a.speaker, &b.speaker) {
            (Some(x), Some(y)) => x.name == y.name,
            (None, None) => true,
            _ => b.speaker.is_none(),
        };
        let text_between = article.text.get(a.end.min(b.start)..b.start).unwrap_or("");
        // What lies between must be the words' attribution (`," he said. "`), where the
        // speaker is named: not narration that happens to sit between two quotations given
        // to one speaker (a wrong speaker would pass a stitch across it as exact).
        let between = a.end..b.start;
        let names_speaker = |q: &crate::draft::Quote| {
            q.speaker.as_ref().is_some_and(|s| {
                !s.mention.is_empty()
                    && s.mention.start >= between.start
                    && s.mention.end <= between.end
            })
        };
        let attribution = hi == lo || names_speaker(a) || names_speaker(b);
        if same_speaker && attribution && hi - lo <= 15 && text_between.matches("\n\n").count() <= 1
        {
            skip[lo..hi].iter_mut().for_each(|s| *s = true);
        }
    }
    (0..all.len()).filter(|&k| !skip[k]).collect()
}

/// One way a candidate article backs a quotation.
struct Backing {
    doc: ArticleId,
    article: Arc<Article>,
    alignment: Alignment,
    /// Index into `article.words` of each aligned source position.
    map: Vec<usize>,
    wording: Wording,
    similarity: f32,
}

/// The quotation verbatim in the article (conventions allowed): as written, or with
/// `across` across the article's own attributions (which needs the article's quotations).
/// `full` is the hashes of all the article's words.
fn exact_backing(
    doc: ArticleId,
    article: &Arc<Article>,
    full: &[u64],
    q: &[QWord],
    across: bool,
) -> Option<Backing> {
    let found = if across {
        let speech = speech_words(article);
        let hashes: Vec<u64> = speech.iter().map(|&k| full[k]).collect();
        align::exact(q, &hashes).map(|a| (a, speech))
    } else {
        align::exact(q, full).map(|a| (a, (0..full.len()).collect()))
    };
    found.map(|(alignment, map)| Backing {
        doc,
        article: Arc::clone(article),
        alignment,
        map,
        wording: Wording::Exact,
        similarity: 1.0,
    })
}

/// Do the quotation's words (brackets aside) occur in `source` in order, gaps allowed? A
/// verbatim match, even across attributions or at an ellipsis, needs them to.
fn in_order(q: &[QWord], source: &[u64]) -> bool {
    let mut rest = source.iter();
    q.iter()
        .filter(|w| !w.bracket)
        .all(|w| rest.any(|&h| h == w.hash))
}

/// The closest the article comes to the quotation: altered when most of its words are there
/// in order, else not found.
fn closest_backing(doc: ArticleId, article: &Arc<Article>, q: &[QWord]) -> Backing {
    let speech = speech_words(article);
    let hashes: Vec<u64> = speech.iter().map(|&k| article.words[k].hash).collect();
    let counted = q.iter().filter(|w| !w.bracket).count().max(1);
    // Align within a window around where the quotation's words are densest.
    let (lo, hi) = window(q, &hashes);
    let a = align::align(q, &hashes[lo..hi]);
    let similarity = a.matched as f32 / counted as f32;
    let longest = longest_run(&a);
    let altered =
        similarity >= 0.5 && a.matched >= 4 && longest >= 3 || similarity >= 0.8 && a.matched >= 3;
    Backing {
        doc,
        article: Arc::clone(article),
        alignment: a,
        map: speech[lo..hi].to_vec(),
        wording: if altered {
            Wording::Altered
        } else {
            Wording::NotFound
        },
        similarity,
    }
}

fn longest_run(a: &Alignment) -> usize {
    let mut best = 0;
    let mut run = 0;
    for op in &a.ops {
        if matches!(op, Op::Match { .. }) {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Alignment tables up to this many cells cover the whole article for a quotation of
/// several sentences, so that sentences stitched from far apart are both in it (a 40-word
/// quotation against 25,000 words).
const WHOLE_ARTICLE_CELLS: usize = 1 << 20;

/// The span of source words to align against: the whole article when it is small enough
/// (or the quotation has several sentences and the table stays small), else the span
/// most dense in the quotation's words, padded by its length.
fn window(q: &[QWord], source: &[u64]) -> (usize, usize) {
    let n = q.len();
    let sentences = q.iter().any(|w| w.sentence_start);
    if source.len() <= 3 * n + 200
        || sentences && (n + 1) * (source.len() + 1) <= WHOLE_ARTICLE_CELLS
    {
        return (0, source.len());
    }
    // Where the quotation's pairs of neighbouring words are (common single words such as
    // `the` crowd elsewhere); its single words when no pair is in the source.
    let pair = |a: u64, b: u64| a.rotate_left(17) ^ b;
    let pairs: std::collections::HashSet<u64, crate::text::FastHash> =
        q.windows(2).map(|w| pair(w[0].hash, w[1].hash)).collect();
    let mut hits: Vec<usize> = (1..source.len())
        .filter(|&k| pairs.contains(&pair(source[k - 1], source[k])))
        .collect();
    if hits.is_empty() {
        let set: std::collections::HashSet<u64, crate::text::FastHash> =
            q.iter().map(|w| w.hash).collect();
        hits = (0..source.len())
            .filter(|&k| set.contains(&source[k]))
            .collect();
    }
    let span = 2 * n + 10;
    let mut best = (0usize, 0usize);
    let mut lo = 0;
    for hi in 0..hits.len() {
        while hits[hi] - hits[lo] > span {
            lo += 1;
        }
        if hi + 1 - lo > best.1 {
            best = (hits[lo], hi + 1 - lo);
        }
    }
    let start = best.0.saturating_sub(n + 10);
    (start, (start + 3 * n + 40).min(source.len()))
}

pub use crate::draft::identity::same_person;
use crate::draft::identity::{initials, is_acronym, name_parts};

/// Could the article name this speaker at all? Its words hold the speaker's surname, or
/// the initials of their name (an organisation named by its acronym). `same_person` needs
/// one or the other, so `false` means no speaker of the article is this one.
fn may_name(article: &Article, speaker: &Speaker) -> bool {
    let Some(name) = speaker.named_name() else {
        return true;
    };
    // A name that is itself an acronym may stand for any words: no shortcut.
    if is_acronym(name.trim()) {
        return true;
    }
    // The surname's last word as the tokenizer cuts it (`Kilroy-Silk`: silk).
    let Some(surname) = name_parts(name)
        .last()
        .and_then(|w| words(w).last().map(|x| x.hash))
    else {
        return true;
    };
    // The acronyms `same_person` accepts: the tails of the name's initials.
    let initials: Vec<char> = initials(name).chars().collect();
    let acronyms: Vec<u64> = (0..initials.len().saturating_sub(1))
        .map(|i| crate::text::hash_word(&initials[i..].iter().collect::<String>()))
        .collect();
    article
        .words
        .iter()
        .any(|w| w.hash == surname || acronyms.contains(&w.hash))
}

/// Is the source's speaker the draft's?
fn attribution_verdict(draft: Option<&Speaker>, source: Option<&Speaker>) -> AttributionVerdict {
    let (Some(d), Some(s)) = (draft, source) else {
        return AttributionVerdict::Unknown;
    };
    let Some(draft_name) = d.named_name() else {
        return AttributionVerdict::Unknown;
    };
    if s.named && same_person(draft_name, &s.name) {
        return AttributionVerdict::Matches;
    }
    // A conflict is a charge against the writer: both speakers must be people or
    // organisations for certain, and the finder sure enough of both that they are right
    // together; otherwise the source's speaker is not known well enough to say.
    let sure = d.confidence * s.confidence >= CONFLICT_CONFIDENCE;
    if d.certain && s.certain && sure {
        AttributionVerdict::Conflicts
    } else {
        AttributionVerdict::Unknown
    }
}

/// How likely both the draft's and the source's speakers must be (the product of their
/// confidences) for a difference between them to be called a conflict.
pub const CONFLICT_CONFIDENCE: f32 = 0.6;

/// Checks one quotation of a draft against its candidate articles, best first (`text` is
/// the draft, for the quotation's word ranges; `q` and `ranges` its words, `quote_words`).
fn check_quote(
    text: &str,
    quote: Quote,
    w: &Words,
    articles: &[(ArticleId, Arc<Article>)],
) -> Finding {
    let q = &w.q[..];
    let mut finding = Finding {
        quote,
        wording: Wording::NotFound,
        attribution: AttributionVerdict::Unknown,
        similarity: 0.0,
        changes: Vec::new(),
        source: None,
        other_sources: 0,
        others: Vec::new(),
        too_short: false,
        unchecked: Vec::new(),
    };
    if q.iter().all(|w| w.bracket) {
        return finding;
    }
    // Verbatim sources first (cheap); then verbatim across the sources' attributions; only
    // when there is none, the closest few by alignment. An article that lacks the words, or
    // has them in another order, can hold them in neither way: it is ruled out before its
    // quotations are read (most candidates of an altered or invented quotation).
    let verbatim_able: Vec<(ArticleId, &Arc<Article>, Vec<u64>)> = articles
        .iter()
        .filter_map(|(doc, a)| {
            let full: Vec<u64> = a.words.iter().map(|w| w.hash).collect();
            in_order(q, &full).then_some((*doc, a, full))
        })
        .collect();
    let verbatim = |across: bool| -> Vec<Backing> {
        verbatim_able
            .iter()
            .filter_map(|(doc, a, full)| exact_backing(*doc, a, full, q, across))
            .collect()
    };
    let mut found = verbatim(false);
    if found.is_empty() {
        found = verbatim(true);
    }
    if found.is_empty() {
        found = articles
            .iter()
            .take(ALIGNED)
            .map(|(doc, a)| closest_backing(*doc, a, q))
            .filter(|b| b.wording != Wording::NotFound || b.similarity >= 0.3)
            .collect();
    }
    let rank = |w: Wording| match w {
        Wording::Exact => 0,
        Wording::Altered => 1,
        Wording::NotFound | Wording::Unknown => 2,
    };
    found.sort_by(|a, b| {
        rank(a.wording)
            .cmp(&rank(b.wording))
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.doc.cmp(&b.doc))
    });
    let Some(first) = found.first() else {
        return finding;
    };
    finding.similarity = first.similarity;
    if first.wording == Wording::NotFound {
        return finding;
    }
    // Among the sources with the best wording, prefer one whose speaker is the draft's.
    // Reading a source's speaker can mean reading its whole article again, so stop at the
    // first that matches (and read only one when the draft names no one).
    let best_rank = rank(first.wording);
    let draft_speaker = finding.quote.speaker.as_ref();
    let mut chosen: Option<(usize, Option<Speaker>, AttributionVerdict)> = None;
    for (i, b) in found
        .iter()
        .enumerate()
        .take_while(|(_, b)| rank(b.wording) == best_rank)
    {
        // A source that never names the draft's speaker cannot give them the words: its
        // speaker is worth reading only as the first fallback. (A source that labels its
        // speakers may name them only in its labels.)
        if chosen.is_some()
            && !b.article.knows_speakers()
            && draft_speaker.is_some_and(|s| !may_name(&b.article, s))
        {
            if i + 1 >= CANDIDATES {
                break;
            }
            continue;
        }
        let speaker = b.article.speaker_of(passage_span(b));
        let verdict = attribution_verdict(draft_speaker, speaker.as_ref());
        let matches = verdict == AttributionVerdict::Matches;
        if chosen.is_none() || matches {
            chosen = Some((i, speaker, verdict));
        }
        if matches || draft_speaker.and_then(Speaker::named_name).is_none() || i + 1 >= CANDIDATES {
            break;
        }
    }
    let Some((index, speaker, verdict)) = chosen else {
        return finding;
    };
    let best = &found[index];
    finding.similarity = best.similarity;
    finding.wording = best.wording;
    finding.attribution = verdict;
    let others: Vec<&Backing> = found
        .iter()
        .enumerate()
        .filter(|&(i, b)| i != index && b.wording == best.wording)
        .map(|(_, b)| b)
        .collect();
    finding.other_sources = others.len();
    finding.changes =
        changes::changes(&best.article, &best.alignment.ops, &best.map, &w.view(text));
    if best.article.is_spoken() {
        spoken::tidy(&best.article, &mut finding.changes);
    }
    // An ellipsis that leaves out a negation is no legitimate omission; a speaker's fillers
    // left out are.
    let alters = finding.changes.iter().any(|c| c.class.alters());
    if finding.wording == Wording::Exact && alters {
        finding.wording = Wording::Altered;
    } else if finding.wording == Wording::Altered && !alters && !finding.changes.is_empty() {
        finding.wording = Wording::Exact;
    }
    let mut source = source_of(best, speaker.as_ref());
    // The passage covers the source words a change names (a replaced last word).
    let (lo, hi) = finding
        .changes
        .iter()
        .filter(|c| !matches!(c.class, ChangeClass::Stitch | ChangeClass::Order))
        .filter(|c| !c.source_range.is_empty())
        .fold((source.start, source.end), |(lo, hi), c| {
            (lo.min(c.source_range.start), hi.max(c.source_range.end))
        });
    if (lo, hi) != (source.start, source.end) && best.article.text.get(lo..hi).is_some() {
        source = source_of_span(best, lo..hi, speaker.as_ref());
    }
    source.quoted = is_quoted(best);
    finding.source = Some(source);
    // The other passages' speakers are not read: they serve "find all references".
    finding.others = others
        .iter()
        .take(MAX_OTHERS)
        .map(|b| source_of(b, None))
        .collect();
    finding
}

/// The passage a backing found, as told to the writer.
fn source_of(b: &Backing, speaker: Option<&Speaker>) -> Source {
    source_of_span(b, passage_span(b), speaker)
}

fn source_of_span(b: &Backing, span: Range<usize>, speaker: Option<&Speaker>) -> Source {
    let article = &b.article;
    Source {
        id: b.doc,
        place: article.place(span.clone()),
        path: article.path.clone(),
        title: article.title.clone(),
        url: article.url.clone(),
        date: article.date.clone(),
        outlet: article.outlet.clone(),
        start: span.start,
        end: span.end,
        line: article.line_of(span.start),
        text: article
            .text
            .get(span.clone())
            .unwrap_or_default()
            .to_string(),
        speaker: speaker.and_then(|s| s.named_name().map(str::to_string)),
        speaker_description: speaker.filter(|s| !s.named).map(|s| s.name.clone()),
        quoted: true,
        speaker_confidence: speaker.map(|s| (s.confidence * 1000.0).round() / 1000.0),
    }
}

/// Byte range in the article from the first source word the alignment matched to the last
/// (a replaced word at either end is the changes' to add).
fn passage_span(b: &Backing) -> Range<usize> {
    let all = &b.article.words;
    // In the article's order: a reordered quotation matches later words first.
    let matched = || {
        b.alignment.ops.iter().filter_map(|op| match op {
            Op::Match { s, .. } => b.map.get(*s).and_then(|&k| all.get(k)),
            _ => None,
        })
    };
    match (
        matched().map(|w| w.start).min(),
        matched().map(|w| w.end).max(),
    ) {
        (Some(start), Some(end)) if start <= end => start..end,
        _ => 0..0,
    }
}

/// Do the article's quotation marks hold most of the source words the alignment matched?
/// A source with speaker labels, or a transcript, gives all its words to someone.
fn is_quoted(b: &Backing) -> bool {
    let article = &b.article;
    if article.knows_speakers() || article.is_spoken() {
        return true;
    }
    let pieces: Vec<&Range<usize>> = article.quotes().iter().flat_map(|q| &q.pieces).collect();
    let (mut inside, mut total) = (0usize, 0usize);
    for op in &b.alignment.ops {
        if let Op::Match { s, .. } = op
            && let Some(w) = b.map.get(*s).and_then(|&k| article.words.get(k))
        {
            total += 1;
            inside += usize::from(pieces.iter().any(|p| p.start <= w.start && w.end <= p.end));
        }
    }
    2 * inside >= total
}

#[cfg(test)]
impl Source {
    /// A source passage for tests of what is made of findings.
    pub(crate) fn example(path: &str, title: &str, speaker: Option<&str>) -> Source {
        Source {
            id: 0,
            place: Place::Nowhere,
            path: path.to_string(),
            title: title.to_string(),
            url: None,
            date: None,
            outlet: None,
            start: 10,
            end: 40,
            line: 2,
            text: "the source passage".to_string(),
            speaker: speaker.map(str::to_string),
            speaker_confidence: speaker.map(|_| 1.0),
            speaker_description: None,
            quoted: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(name: &str, named: bool, certain: bool) -> Speaker {
        Speaker {
            name: name.into(),
            named,
            cue: "said".into(),
            mention: 0..0,
            certain,
            confidence: 1.0,
        }
    }

    #[test]
    fn attribution_verdicts() {
        let draft = speaker("Andy Robinson", true, true);
        let v = |s: Option<Speaker>| attribution_verdict(Some(&draft), s.as_ref());
        assert_eq!(
            v(Some(speaker("Robinson", true, true))),
            AttributionVerdict::Matches
        );
        assert_eq!(
            v(Some(speaker("Jason Robinson", true, true))),
            AttributionVerdict::Conflicts
        );
        // A described source speaker is someone else than a named person.
        assert_eq!(
            v(Some(speaker("a BBC spokesman", false, true))),
            AttributionVerdict::Conflicts
        );
        // A lone word that may be no one is no ground for a conflict.
        assert_eq!(
            v(Some(speaker("Rival", true, false))),
            AttributionVerdict::Unknown
        );
        assert_eq!(v(None), AttributionVerdict::Unknown);
        // A source speaker the finder is unsure of is no ground for a conflict either.
        let unsure = Speaker {
            confidence: 0.5,
            ..speaker("Jason Robinson", true, true)
        };
        assert_eq!(v(Some(unsure.clone())), AttributionVerdict::Unknown);
        // ...but an unsure speaker can still match.
        assert_eq!(
            v(Some(Speaker {
                name: "Andy Robinson".into(),
                ..unsure
            })),
            AttributionVerdict::Matches
        );
        assert_eq!(
            attribution_verdict(None, Some(&speaker("Jason Robinson", true, true))),
            AttributionVerdict::Unknown
        );
    }

    #[test]
    fn a_source_that_never_names_the_speaker_is_skipped() {
        let article = |text: &str| Article::new(text.to_string(), Format::Plain);
        let howard = speaker("Michael Howard", true, true);
        let a = article("\"We will win,\" the Tory leader said. Mr Howard added more.");
        assert!(may_name(&a, &howard));
        assert!(!may_name(
            &article("\"We will win,\" Tony Blair said."),
            &howard
        ));
        // Hyphenated surnames and organisations named by their initials.
        let ks = speaker("Robert Kilroy-Silk", true, true);
        assert!(may_name(&article("Mr Kilroy-Silk said so."), &ks));
        let rfu = speaker("Rugby Football Union", true, true);
        assert!(may_name(&article("The RFU said it would appeal."), &rfu));
        assert!(!may_name(&article("The FA said it would appeal."), &rfu));
        // A described speaker, or one named by an acronym: no shortcut.
        assert!(may_name(
            &article("Nothing."),
            &speaker("a BBC spokesman", false, true)
        ));
        assert!(may_name(&article("Nothing."), &speaker("RFU", true, true)));
    }

    #[test]
    fn same_person_rules() {
        assert!(same_person("Mr Howard", "Michael Howard"));
        assert!(!same_person("Andy Robinson", "Jason Robinson"));
        assert!(same_person("Sir Alex Ferguson", "Alex Ferguson"));
        assert!(same_person("RFU", "Rugby Football Union"));
        assert!(same_person("FA", "Football Association"));
        assert!(!same_person("Gary Dunn", "Gerhard Florin"));
    }
}
