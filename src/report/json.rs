//! The JSON report (docs/json-format.md, version 1), with added fields that change no meaning:
//! `speaker_description`, `other_sources`, `ignored`, and the diagnosis (`severity`,
//! `code`, `message`).

use serde::Serialize;

use super::FileReport;
use crate::check::verdict::{Carrier, carriers, diagnosis};
use crate::check::{AttributionVerdict, Change, Source, Wording};
use crate::config::{Severities, Severity};
use crate::draft::QuoteKind;
use crate::text::LineIndex;

/// Bump when a field changes meaning; adding fields does not.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    quotes: Vec<Quote<'a>>,
}

#[derive(Serialize)]
struct Quote<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    kind: QuoteKind,
    /// The named speaker, or null (also null for a described one: see `speaker_description`).
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_description: Option<&'a str>,
    /// How sure the speaker finder is of `speaker` (or the description), 0 to 1; null when
    /// no one is given the words.
    speaker_confidence: Option<f32>,
    wording: Wording,
    attribution: AttributionVerdict,
    similarity: f32,
    changes: &'a [Change],
    source: Option<JsonSource<'a>>,
    other_sources: usize,
    /// Every article carrying the words, oldest first, with a `first` marker (when
    /// several do).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    provenance: Vec<Carrier>,
    ignored: bool,
    /// Not found, and too short for the sources to be asked surely.
    too_short: bool,
    /// How the finding is told (`off` when it is not).
    severity: Severity,
    code: Option<&'static str>,
    message: Option<String>,
}

/// A source passage, with where a transcript's passage was said: the times of its first
/// and last cues (`00:03:12.000`) and the line of its first cue in the file.
#[derive(Serialize)]
struct JsonSource<'a> {
    #[serde(flatten)]
    source: &'a Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue_line: Option<usize>,
}

impl<'a> JsonSource<'a> {
    fn of(source: &'a Source) -> JsonSource<'a> {
        let (start, end) = source.place.times();
        let cue = matches!(source.place, crate::sources::Place::Cue { .. });
        JsonSource {
            source,
            start_time: start.map(|t| t.full()),
            end_time: end.map(|t| t.full()),
            cue_line: source.place.line().filter(|_| cue),
        }
    }
}

/// The whole report as a JSON string (pretty-printed, with a final newline).
pub fn render_json(files: &[FileReport], severities: &Severities) -> String {
    let report = Report {
        version: VERSION,
        files: files.iter().map(|f| file(f, severities)).collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|e| {
        // Serialising plain structs cannot fail; say so loudly if it ever does.
        format!("{{\"version\":{VERSION},\"error\":{:?}}}", e.to_string())
    });
    out.push('\n');
    out
}

fn file<'a>(report: &'a FileReport, severities: &Severities) -> File<'a> {
    let index = LineIndex::new(&report.text);
    let quotes = report
        .findings
        .iter()
        .map(|f| {
            let (line, column) = index.line_col(&report.text, f.quote.start);
            let told = diagnosis(f, severities);
            let speaker = f.quote.speaker.as_ref();
            Quote {
                start: f.quote.start,
                end: f.quote.end,
                line,
                column,
                text: &f.quote.text,
                kind: f.quote.kind,
                speaker: speaker.and_then(|s| s.named_name()),
                speaker_description: speaker.filter(|s| !s.named).map(|s| s.name.as_str()),
                speaker_confidence: speaker.map(|s| (s.confidence * 1000.0).round() / 1000.0),
                wording: f.wording,
                attribution: f.attribution,
                similarity: f.similarity,
                changes: &f.changes,
                source: f.source.as_ref().map(JsonSource::of),
                other_sources: f.other_sources,
                provenance: carriers(f),
                ignored: f.quote.ignored,
                too_short: f.too_short,
                severity: told.as_ref().map_or(Severity::Off, |d| d.severity),
                code: told.as_ref().map(|d| d.code.as_str()),
                message: told.map(|d| d.message),
            }
        })
        .collect();
    File {
        path: &report.path,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::verdict::tests::finding;

    /// The JSON report of one finding in the draft `path`.
    fn report_of(path: &str, text: &str, f: crate::check::Finding) -> serde_json::Value {
        let files = [FileReport {
            path: path.into(),
            text: text.into(),
            findings: vec![f],
        }];
        serde_json::from_str(&render_json(&files, &Severities::default())).unwrap()
    }

    #[test]
    fn fields_of_design_md() {
        let text = "# Title\n\nHe — “Ukraine’s Nato bid,” Andrii Sybiha said.\n";
        let f = finding(text, "“Ukraine’s Nato bid,”", Some("Andrii Sybiha"));
        let v = report_of("draft.md", text, f);
        assert_eq!(v["version"], 1);
        let q = &v["files"][0]["quotes"][0];
        assert_eq!(v["files"][0]["path"], "draft.md");
        let start = q["start"].as_u64().unwrap() as usize;
        let end = q["end"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..end], "“Ukraine’s Nato bid,”");
        assert_eq!(
            (q["line"].as_u64(), q["column"].as_u64()),
            (Some(3), Some(6))
        );
        assert_eq!(q["text"], "Ukraine’s Nato bid,");
        assert_eq!(q["kind"], "speech");
        assert_eq!(q["speaker"], "Andrii Sybiha");
        assert_eq!(q["wording"], "exact");
        assert_eq!(q["attribution"], "matches");
        assert_eq!(q["similarity"], 1.0);
        assert_eq!(q["changes"], serde_json::json!([]));
        assert_eq!(q["source"]["path"], "politics/001.txt");
        assert_eq!(q["source"]["line"], 2);
        assert_eq!(q["source"]["speaker"], "Andrii Sybiha");
        assert!(q["source"].get("doc").is_none());
        assert_eq!(q["severity"], "off");
        assert!(q["code"].is_null());
        assert_eq!(q["source"]["quoted"], true);
        assert_eq!(q["too_short"], false);
        assert!(
            q["source"].get("start_time").is_none(),
            "an article has no times"
        );
    }

    #[test]
    fn a_transcript_passage_carries_its_times_and_cue_line() {
        use crate::sources::{Place, Timestamp};
        let text = "“The harbour stays open,” Marta Kowalczyk said.";
        let mut f = finding(text, "“The harbour stays open,”", Some("Marta Kowalczyk"));
        f.source.as_mut().unwrap().place = Place::Cue {
            path: "interviews/harbour.vtt".into(),
            line: 8,
            start: Some(Timestamp(192_000)),
            end: Some(Timestamp(199_500)),
        };
        let v = report_of("d.md", text, f);
        let s = &v["files"][0]["quotes"][0]["source"];
        assert_eq!(s["start_time"], "00:03:12.000");
        assert_eq!(s["end_time"], "00:03:19.500");
        assert_eq!(s["cue_line"], 8);
        assert_eq!(s["speaker"], "Marta Kowalczyk");
    }

    #[test]
    fn changes_carry_their_class_and_both_ranges() {
        let text = "“We will be there,” Jane Doe said.";
        let mut f = finding(text, "“We will be there,”", Some("Jane Doe"));
        f.wording = crate::check::Wording::Altered;
        let at = text.find(" be").unwrap();
        f.changes = vec![Change {
            class: crate::check::ChangeClass::Negation,
            source_range: 120..123,
            ..Change::words("", "not", at..at)
        }];
        let v = report_of("d.md", text, f);
        let q = &v["files"][0]["quotes"][0];
        assert_eq!(
            q["changes"][0],
            serde_json::json!({"class": "negation", "draft": "", "source": "not",
                "draft_start": at, "draft_end": at, "source_start": 120, "source_end": 123})
        );
        assert_eq!(q["code"], "meaning-changed");
        assert_eq!(q["severity"], "error");
    }
}
