//! The verdict layer: what a finding is told as (its one-word verdict, its code, severity and
//! message) and a draft's summary line. The CLI reports and the language server both show
//! these, so a verdict has one name and one count everywhere.

use crate::check::{AttributionVerdict, Change, ChangeClass, Finding, Wording};
use crate::config::{Severities, Severity};
use crate::draft::QuoteKind;
use crate::text::count;

/// The one word a finding comes to: the summary counts by it, the hover and the outline
/// name it. A conflict is a conflict whatever its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Verified,
    Altered,
    NotFound,
    Conflicts,
    /// A source could not answer (an archive unreachable): neither verified nor refuted.
    Unchecked,
    /// Marked `verbatim-ignore` by the writer.
    Ignored,
}

impl Verdict {
    pub fn of(finding: &Finding) -> Verdict {
        if finding.quote.ignored {
            return Verdict::Ignored;
        }
        match (finding.attribution, finding.wording) {
            (AttributionVerdict::Conflicts, _) => Verdict::Conflicts,
            (_, Wording::Unknown) => Verdict::Unchecked,
            (_, Wording::Exact) => Verdict::Verified,
            (_, Wording::Altered) => Verdict::Altered,
            (_, Wording::NotFound) => Verdict::NotFound,
        }
    }

    /// Its name in prose: the summary line, the hover, the outline.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Altered => "altered",
            Verdict::NotFound => "not found",
            Verdict::Conflicts => "conflicts",
            Verdict::Unchecked => "unchecked",
            Verdict::Ignored => "ignored",
        }
    }

    /// The name with a capital, as a heading.
    pub fn title(self) -> String {
        let name = self.name();
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// What a finding is reported as; one rule per code in SARIF, the `code` of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Verified,
    Altered,
    NotFound,
    Conflicts,
    Unattributed,
    FragmentNotFound,
    MeaningChanged,
    ParaphraseQuoted,
    Unchecked,
    /// Verified against a transcript, with the speaker's fillers, false starts or repeated
    /// words left out: normal editing, told as a note.
    Tidied,
}

impl Code {
    pub const ALL: [Code; 10] = [
        Code::Verified,
        Code::Altered,
        Code::NotFound,
        Code::Conflicts,
        Code::Unattributed,
        Code::FragmentNotFound,
        Code::MeaningChanged,
        Code::ParaphraseQuoted,
        Code::Unchecked,
        Code::Tidied,
    ];

    /// The stable identifier (SARIF `ruleId`, the `[code]` of human output, the LSP code).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Verified => "verified",
            Code::Altered => "altered",
            Code::NotFound => "not-found",
            Code::Conflicts => "conflicts",
            Code::Unattributed => "unattributed",
            Code::FragmentNotFound => "fragment-not-found",
            Code::MeaningChanged => "meaning-changed",
            Code::ParaphraseQuoted => "paraphrase-quoted",
            Code::Unchecked => "unchecked",
            Code::Tidied => "tidied",
        }
    }

    /// One sentence on what the code means.
    pub fn description(self) -> &'static str {
        match self {
            Code::Verified => "The quotation's words are in a source, given to the same speaker.",
            Code::Altered => {
                "The quotation is close to a source passage, but words were changed, added or dropped."
            }
            Code::NotFound => "The words of a speech quotation are in no source.",
            Code::Conflicts => "The source gives the quoted words to someone else.",
            Code::Unattributed => "A speech quotation is given to no one.",
            Code::FragmentNotFound => {
                "A short quoted phrase, title or scare quote whose words are in no source."
            }
            Code::MeaningChanged => {
                "An altered quotation whose changes reverse or change what it says: a negation added or dropped, a number or a name changed."
            }
            Code::ParaphraseQuoted => {
                "The source holds the words but does not quote them: they are the article's own text, not the speaker's."
            }
            Code::Unchecked => {
                "A source (a shared archive) did not answer, and the others cannot vouch for the quotation."
            }
            Code::Tidied => {
                "The quotation is the transcript's words, with fillers, false starts or repeated words left out: normal editing of speech."
            }
        }
    }

    /// The severity the settings give this code.
    pub fn severity(self, s: &Severities) -> Severity {
        match self {
            Code::Verified => s.verified,
            Code::Altered => s.altered,
            Code::NotFound => s.not_found,
            Code::Conflicts => s.conflicts,
            Code::Unattributed => s.unattributed,
            Code::FragmentNotFound => s.fragment_not_found,
            Code::MeaningChanged => s.meaning_changed,
            Code::ParaphraseQuoted => s.paraphrase_quoted,
            Code::Unchecked => s.unchecked,
            Code::Tidied => s.tidied,
        }
    }
}

/// How a finding is told: never `Severity::Off` (those are `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

/// What to tell about a finding, or `None` when nothing is (an ignored quote, or every
/// applicable verdict set to `off`). Several problems (a changed word *and* the wrong
/// speaker) make one diagnosis: the loudest gives the code, the others join the message.
pub fn diagnosis(finding: &Finding, severities: &Severities) -> Option<Diagnosis> {
    if finding.quote.ignored {
        return None;
    }
    let fragment = finding.quote.kind == QuoteKind::Fragment;
    // Fragments (scare quotes, titles, short phrases) are told quietly whatever is wrong.
    let quiet = |code: Code| {
        if fragment {
            severities.fragment_not_found
        } else {
            code.severity(severities)
        }
    };
    // In order of precedence when two are equally loud.
    let mut issues: Vec<(Code, Severity, String)> = Vec::new();
    if finding.attribution == AttributionVerdict::Conflicts {
        issues.push((
            Code::Conflicts,
            quiet(Code::Conflicts),
            conflict_message(finding),
        ));
    }
    let meaning = finding.changes.iter().any(|c| c.class.changes_meaning());
    // Fillers left out of speech are no alteration: the messages name the others.
    let altering: Vec<Change> = (finding.changes.iter())
        .filter(|c| c.class.alters())
        .cloned()
        .collect();
    match finding.wording {
        Wording::NotFound if fragment => issues.push((
            Code::FragmentNotFound,
            severities.fragment_not_found,
            not_found_message(finding, "quoted phrase"),
        )),
        Wording::NotFound => issues.push((
            Code::NotFound,
            severities.not_found,
            not_found_message(finding, "quotation"),
        )),
        Wording::Altered if meaning => issues.push((
            Code::MeaningChanged,
            quiet(Code::MeaningChanged),
            meaning_message(&altering),
        )),
        Wording::Altered => issues.push((
            Code::Altered,
            quiet(Code::Altered),
            altered_message(&altering),
        )),
        Wording::Unknown => issues.push((
            Code::Unchecked,
            severities.unchecked,
            unchecked_message(finding),
        )),
        Wording::Exact => {}
    }
    if !fragment
        && matches!(finding.wording, Wording::Exact | Wording::Altered)
        && finding.source.as_ref().is_some_and(|s| !s.quoted)
    {
        issues.push((
            Code::ParaphraseQuoted,
            severities.paraphrase_quoted,
            "the source does not quote these words; it is the article's own text".to_string(),
        ));
    }
    if !fragment
        && finding.quote.speaker.is_none()
        && matches!(finding.wording, Wording::Exact | Wording::Altered)
    {
        issues.push((
            Code::Unattributed,
            severities.unattributed,
            match source_speaker(finding) {
                Some(who) => {
                    format!("speech quotation has no speaker; the source gives it to {who}")
                }
                None => "speech quotation has no speaker".to_string(),
            },
        ));
    }

    let tidied: Vec<&Change> = (finding.changes.iter())
        .filter(|c| !c.class.alters())
        .collect();
    if issues.is_empty() && !tidied.is_empty() && severities.tidied != Severity::Off {
        return Some(Diagnosis {
            severity: severities.tidied,
            code: Code::Tidied,
            message: format!(
                "{}; speech tidied: {}",
                verified_message(finding),
                listed_words(tidied.into_iter())
            ),
        });
    }
    if issues.is_empty() {
        return (finding.wording == Wording::Exact && severities.verified != Severity::Off).then(
            || Diagnosis {
                severity: severities.verified,
                code: Code::Verified,
                message: verified_message(finding),
            },
        );
    }
    issues.retain(|(_, severity, _)| *severity != Severity::Off);
    let loudest = issues.iter().map(|(_, s, _)| *s).max()?;
    let primary = issues.iter().position(|(_, s, _)| *s == loudest)?;
    let (code, severity, first) = issues.remove(primary);
    let message = std::iter::once(first)
        .chain(issues.into_iter().map(|(_, _, m)| m))
        .collect::<Vec<_>>()
        .join("; ");
    Some(Diagnosis {
        severity,
        code,
        message,
    })
}

fn unchecked_message(finding: &Finding) -> String {
    let who: Vec<String> = finding
        .unchecked
        .iter()
        .map(|u| format!("{} ({})", u.name, u.reason))
        .collect();
    if who.is_empty() {
        return "not checked: a source did not answer".to_string();
    }
    format!("not checked: {} did not answer", who.join(", "))
}

/// One article that carries a quotation's words, as the provenance lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Carrier {
    pub path: String,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// Where to read it: its url when known, else its path.
    pub address: String,
    /// The earliest dated carrier: where the words first appeared, as far as the sources
    /// know.
    pub first: bool,
}

/// Every article the check found carrying the quotation's words (the source and the
/// others with the same wording), oldest first; undated ones after the dated, in the
/// check's order. Empty when fewer than two articles carry them.
pub fn carriers(finding: &Finding) -> Vec<Carrier> {
    let Some(source) = &finding.source else {
        return Vec::new();
    };
    if finding.others.is_empty() {
        return Vec::new();
    }
    let mut all: Vec<(Option<String>, &crate::check::Source)> = std::iter::once(source)
        .chain(&finding.others)
        .map(|s| (s.date.as_deref().and_then(crate::sources::date_key), s))
        .collect();
    // Stable: equal dates keep the check's order.
    all.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let dated = all.first().is_some_and(|(key, _)| key.is_some());
    all.iter()
        .enumerate()
        .map(|(i, (_, s))| Carrier {
            path: s.path.clone(),
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
            address: s.url.clone().unwrap_or_else(|| s.path.clone()),
            first: dated && i == 0,
        })
        .collect()
}

/// Where the words first appeared and how many later articles repeat them:
/// "first appeared in BBC News, 2005-03-01: “Title” (https://…); 2 later articles repeat
/// them". `None` unless several articles carry the words and one of them is dated.
pub fn provenance(finding: &Finding) -> Option<String> {
    let all = carriers(finding);
    let first = all.iter().find(|c| c.first)?;
    let address = &first.address;
    let date = first.date.as_deref().unwrap_or_default();
    let place = match &first.outlet {
        Some(outlet) => format!("{outlet}, {date}"),
        None => date.to_string(),
    };
    let later = all.iter().filter(|c| !c.first && c.date.is_some()).count();
    let undated = all.iter().filter(|c| c.date.is_none()).count();
    let mut line = format!(
        "first appeared in {place}: “{}” ({address})",
        first.title.trim()
    );
    let plural = |n: usize| {
        if n == 1 {
            "article repeats"
        } else {
            "articles repeat"
        }
    };
    if later > 0 {
        line.push_str(&format!("; {later} later {} them", plural(later)));
    }
    if undated > 0 {
        let (s, verb) = if undated == 1 {
            ("", "carries")
        } else {
            ("s", "carry")
        };
        line.push_str(&format!("; {undated} undated article{s} {verb} them too"));
    }
    Some(line)
}

fn verified_message(finding: &Finding) -> String {
    match finding.source.as_ref().and_then(|s| s.speaker.as_deref()) {
        Some(name) => format!("quotation verified: the source gives these words to {name}"),
        None => "quotation verified".to_string(),
    }
}

/// Who said a transcript's passage and when: `Marta Kowalczyk, 00:03:12` (the parts the
/// transcript gives; possibly neither). `None` for an article's passage.
pub fn said_when(source: &crate::check::Source) -> Option<String> {
    let crate::sources::Place::Cue { start, .. } = &source.place else {
        return None;
    };
    let who = source
        .speaker
        .as_deref()
        .or(source.speaker_description.as_deref());
    let when = start.map(|t| t.to_string());
    let parts: Vec<&str> = [who, when.as_deref()].into_iter().flatten().collect();
    Some(parts.join(", "))
}

/// `said_when` and the transcript's file: `Marta Kowalczyk, 00:03:12,
/// harbour-2026-11-20.vtt`.
pub fn said(source: &crate::check::Source) -> Option<String> {
    let when = said_when(source)?;
    let file = source.path.rsplit('/').next().unwrap_or(&source.path);
    Some(match when.as_str() {
        "" => file.to_string(),
        when => format!("{when}, {file}"),
    })
}

/// Who the source gives the words to: a name, or a description ("a BBC spokesman").
pub fn source_speaker(finding: &Finding) -> Option<&str> {
    let source = finding.source.as_ref()?;
    source
        .speaker
        .as_deref()
        .or(source.speaker_description.as_deref())
}

fn conflict_message(finding: &Finding) -> String {
    let who = source_speaker(finding).unwrap_or("someone else");
    match finding.quote.speaker.as_ref() {
        Some(draft) => format!("the source gives these words to {who}, not {}", draft.name),
        None => format!("the source gives these words to {who}"),
    }
}

fn not_found_message(finding: &Finding, what: &str) -> String {
    if finding.too_short {
        format!("{what} too short to look up: no source of the draft's other quotations holds it")
    } else {
        format!("{what} not found in the corpus")
    }
}

/// How many changes a message names before "and N more".
const SHOWN: usize = 3;

/// `altered quotation: "six" → "sixfold", "now" added`.
fn altered_message(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "altered quotation: the words differ from the source".to_string();
    }
    format!("altered quotation: {}", listed(changes.iter()))
}

/// `"not" dropped: the source says the opposite; also "six" → "sixfold"`: the changes of
/// meaning first, then the others.
fn meaning_message(changes: &[Change]) -> String {
    let (meaning, rest): (Vec<&Change>, Vec<&Change>) =
        changes.iter().partition(|c| c.class.changes_meaning());
    let mut out = listed(meaning.into_iter());
    if !rest.is_empty() {
        out.push_str("; also ");
        out.push_str(&listed(rest.into_iter()));
    }
    out
}

/// `"um" dropped, "we will" dropped`: changes by their words only.
fn listed_words<'a>(changes: impl ExactSizeIterator<Item = &'a Change>) -> String {
    let n = changes.len();
    let mut parts: Vec<String> = changes
        .take(SHOWN)
        .map(|c| format!("\"{}\" dropped", c.source))
        .collect();
    if n > SHOWN {
        parts.push(format!("and {} more", n - SHOWN));
    }
    parts.join(", ")
}

fn listed<'a>(changes: impl ExactSizeIterator<Item = &'a Change>) -> String {
    let n = changes.len();
    let mut parts: Vec<String> = changes.take(SHOWN).map(describe_change).collect();
    if n > SHOWN {
        parts.push(format!("and {} more", n - SHOWN));
    }
    parts.join(", ")
}

/// One change in words, saying what kind it is when that matters: `"six" → "sixfold"`,
/// `"now" added`, `"not" dropped: the source says the opposite`, `"we're" → "we are" (a
/// contraction)`, `joined without an ellipsis: 12 source words left out`.
pub fn describe_change(change: &Change) -> String {
    let words = match (change.draft.is_empty(), change.source.is_empty()) {
        (false, false) => format!("\"{}\" → \"{}\"", change.draft, change.source),
        (false, true) => format!("\"{}\" added", change.draft),
        (true, false) => format!("\"{}\" dropped", change.source),
        (true, true) => "words changed".to_string(),
    };
    let apart = change.apart.unwrap_or(0);
    let s = if apart == 1 { "" } else { "s" };
    match change.class {
        ChangeClass::Word => words,
        ChangeClass::Negation => format!("{words}: the source says the opposite"),
        ChangeClass::Number => format!("{words}: the source gives another number"),
        ChangeClass::Name => format!("{words}: the source names someone else"),
        ChangeClass::Contraction => format!("{words} (a contraction)"),
        ChangeClass::Stitch => {
            format!("joined without an ellipsis: {apart} source word{s} left out")
        }
        ChangeClass::Order => format!(
            "\"{}\" comes earlier in the source ({apart} word{s} before)",
            first_words(&change.draft)
        ),
        ChangeClass::Filler => {
            format!("{words} (a filler, false start or repeat: normal editing of speech)")
        }
    }
}

/// The first few words of a passage, `…` when there are more.
fn first_words(text: &str) -> String {
    const WORDS: usize = 5;
    let ws: Vec<&str> = text.split_whitespace().collect();
    if ws.len() <= WORDS {
        ws.join(" ")
    } else {
        format!("{}…", ws[..WORDS].join(" "))
    }
}

/// The counts of a draft's (or several drafts') summary line. Every speech quotation falls
/// in exactly one of verified / altered / not found / conflicts (`Verdict::of`); fragments
/// and ignored quotes are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub quotes: usize,
    pub verified: usize,
    pub altered: usize,
    pub not_found: usize,
    pub conflicts: usize,
    pub unattributed: usize,
    pub fragments: usize,
    pub ignored: usize,
    /// Speech quotations some source could not answer for (told only when there are any).
    pub unchecked: usize,
}

impl Summary {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            let verdict = Verdict::of(f);
            if verdict == Verdict::Ignored {
                s.ignored += 1;
                continue;
            }
            if f.quote.kind == QuoteKind::Fragment {
                s.fragments += 1;
                continue;
            }
            s.quotes += 1;
            if f.quote.speaker.is_none() {
                s.unattributed += 1;
            }
            match verdict {
                Verdict::Conflicts => s.conflicts += 1,
                Verdict::Verified => s.verified += 1,
                Verdict::Altered => s.altered += 1,
                Verdict::NotFound => s.not_found += 1,
                Verdict::Unchecked => s.unchecked += 1,
                Verdict::Ignored => {}
            }
        }
        s
    }
}

/// "8 quotes: 5 verified, 1 altered, 1 not found, 1 conflict (1 without a speaker, 2
/// fragments)": the CLI's closing line and the editor's summary lens. Counted nouns agree
/// with their number; the verdicts' names are adjectives ("1 altered") except `conflicts`.
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} {}, {} {}, {} {}, {}",
            count(self.quotes, "quote"),
            self.verified,
            Verdict::Verified.name(),
            self.altered,
            Verdict::Altered.name(),
            self.not_found,
            Verdict::NotFound.name(),
            count(self.conflicts, "conflict"),
        )?;
        if self.unchecked > 0 {
            write!(f, ", {} {}", self.unchecked, Verdict::Unchecked.name())?;
        }
        let mut extra = Vec::new();
        if self.unattributed > 0 {
            extra.push(format!("{} without a speaker", self.unattributed));
        }
        if self.fragments > 0 {
            extra.push(count(self.fragments, "fragment"));
        }
        if self.ignored > 0 {
            extra.push(format!("{} {}", self.ignored, Verdict::Ignored.name()));
        }
        if !extra.is_empty() {
            write!(f, " ({})", extra.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::check::Source;
    use crate::draft::{Quote, Speaker};

    /// A finding on `quote` (marks included) of `text`, exact and matching, with a source.
    pub(crate) fn finding(text: &str, quote: &str, speaker: Option<&str>) -> Finding {
        let start = text.find(quote).expect("quote in text");
        let end = start + quote.len();
        let open = text[start..].chars().next().unwrap().len_utf8();
        let close = text[..end].chars().next_back().unwrap().len_utf8();
        Finding {
            quote: Quote {
                start,
                end,
                pieces: std::iter::once(start + open..end - close).collect(),
                text: text[start + open..end - close].to_string(),
                kind: QuoteKind::Speech,
                block: false,
                speaker: speaker.map(|name| {
                    let at = text.find(name).unwrap_or(0);
                    Speaker {
                        certain: true,
                        name: name.to_string(),
                        named: true,
                        cue: "said".to_string(),
                        mention: at..at + name.len(),
                        confidence: 1.0,
                    }
                }),
                ignored: false,
            },
            wording: Wording::Exact,
            attribution: AttributionVerdict::Matches,
            similarity: 1.0,
            changes: Vec::new(),
            source: Some(Source::example(
                "politics/001.txt",
                "Kyiv presses Nato",
                speaker,
            )),
            other_sources: 0,
            others: Vec::new(),
            too_short: false,
            unchecked: Vec::new(),
        }
    }

    #[test]
    fn verdicts_take_their_severity_from_the_settings() {
        let text = "“We will grow sixfold,” Andrii Sybiha said.";
        let s = Severities::default();
        let mut f = finding(text, "“We will grow sixfold,”", Some("Andrii Sybiha"));
        assert_eq!(diagnosis(&f, &s), None, "verified is off by default");

        f.wording = Wording::Altered;
        f.changes = vec![Change::words("six", "sixfold", 0..0)];
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!((d.severity, d.code), (Severity::Warning, Code::Altered));
        assert_eq!(d.message, "altered quotation: \"six\" → \"sixfold\"");

        f.attribution = AttributionVerdict::Conflicts;
        f.source.as_mut().unwrap().speaker = Some("Stephen Doughty".into());
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(d.code, Code::Conflicts);
        assert_eq!(
            d.message,
            "the source gives these words to Stephen Doughty, not Andrii Sybiha; altered quotation: \"six\" → \"sixfold\""
        );

        let loud_altered = Severities {
            altered: Severity::Error,
            ..s
        };
        assert_eq!(diagnosis(&f, &loud_altered).unwrap().code, Code::Altered);

        f.quote.ignored = true;
        assert_eq!(diagnosis(&f, &loud_altered), None);
    }

    #[test]
    fn meaning_changes_narration_and_short_phrases_have_their_own_words() {
        let text = "“We will be small,” Jane Doe said.";
        let s = Severities::default();
        let mut f = finding(text, "“We will be small,”", Some("Jane Doe"));
        f.wording = Wording::Altered;
        let at = text.find("be").unwrap();
        f.changes = vec![
            Change {
                class: ChangeClass::Negation,
                source_range: 40..43,
                ..Change::words("", "not", at..at)
            },
            Change::words("small", "big", 0..0),
        ];
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(
            (d.code, d.severity),
            (Code::MeaningChanged, Severity::Error)
        );
        assert_eq!(
            d.message,
            "\"not\" dropped: the source says the opposite; also \"small\" → \"big\""
        );
        let quiet = Severities {
            meaning_changed: Severity::Hint,
            ..s
        };
        assert_eq!(diagnosis(&f, &quiet).unwrap().severity, Severity::Hint);

        // The source's own narration, exact: told as such, not verified.
        let mut f = finding(text, "“We will be small,”", Some("Jane Doe"));
        f.source.as_mut().unwrap().quoted = false;
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(
            (d.code, d.severity),
            (Code::ParaphraseQuoted, Severity::Warning)
        );
        assert!(
            d.message.contains("the source does not quote these words"),
            "{}",
            d.message
        );

        // Too short to ask the sources: never "not found in the corpus".
        f.wording = Wording::NotFound;
        f.source = None;
        f.too_short = true;
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(d.code, Code::NotFound);
        assert!(
            d.message.starts_with("quotation too short to look up"),
            "{}",
            d.message
        );

        let stitch = Change {
            class: ChangeClass::Stitch,
            apart: Some(12),
            ..Change::words("", "and more", 5..5)
        };
        assert_eq!(
            describe_change(&stitch),
            "joined without an ellipsis: 12 source words left out"
        );
    }

    #[test]
    fn fragments_are_quiet_and_unattributed_speech_is_told() {
        let text = "They called it a “return to normality” and “a new dawn for us all”.";
        let s = Severities::default();
        let mut f = finding(text, "“return to normality”", None);
        f.quote.kind = QuoteKind::Fragment;
        f.wording = Wording::Altered;
        assert_eq!(diagnosis(&f, &s).unwrap().severity, Severity::Hint);
        f.wording = Wording::NotFound;
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(
            (d.code, d.severity),
            (Code::FragmentNotFound, Severity::Hint)
        );
        let off = Severities {
            fragment_not_found: Severity::Off,
            ..s
        };
        assert_eq!(diagnosis(&f, &off), None);

        let mut f = finding(text, "“a new dawn for us all”", None);
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(
            (d.code, d.severity),
            (Code::Unattributed, Severity::Information)
        );
        assert_eq!(d.message, "speech quotation has no speaker");
        f.wording = Wording::NotFound;
        f.attribution = AttributionVerdict::Unknown;
        let d = diagnosis(&f, &s).unwrap();
        assert_eq!(d.code, Code::NotFound);
        assert_eq!(d.message, "quotation not found in the corpus");
    }

    #[test]
    fn summary_counts_each_speech_quote_once() {
        let text = "“One two three four,” A said. “Five six seven eight,” B said. “x y” “z w”";
        let mut a = finding(text, "“One two three four,”", Some("A"));
        a.attribution = AttributionVerdict::Conflicts;
        a.wording = Wording::Altered;
        let b = finding(text, "“Five six seven eight,”", None);
        let mut c = finding(text, "“x y”", None);
        c.quote.kind = QuoteKind::Fragment;
        let mut d = finding(text, "“z w”", None);
        d.quote.ignored = true;
        assert_eq!(Verdict::of(&a), Verdict::Conflicts);
        assert_eq!(Verdict::of(&b), Verdict::Verified);
        assert_eq!(Verdict::of(&d), Verdict::Ignored);
        assert_eq!(Verdict::Conflicts.title(), "Conflicts");
        assert_eq!(
            Summary::of(&[a, b, c, d]).to_string(),
            "2 quotes: 1 verified, 0 altered, 0 not found, 1 conflict (1 without a speaker, 1 fragment, 1 ignored)"
        );
    }
}
