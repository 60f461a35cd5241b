//! SARIF 2.1.0 for code-scanning tools: one rule per code, one result per told finding,
//! columns in Unicode code points (`columnKind`), the source passage as a related location.

use std::path::Path;

use serde_json::{Value, json};

use super::FileReport;
use crate::check::Source;
use crate::check::verdict::{Code, diagnosis};
use crate::config::{Severities, Severity};
use crate::text::LineIndex;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log as a JSON string. `corpus_root`, when the corpus is one folder, lets
/// viewers open source passages (`uriBaseId` `CORPUS`).
pub fn render_sarif(
    files: &[FileReport],
    severities: &Severities,
    corpus_root: Option<&Path>,
) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.description()},
                "defaultConfiguration": {"level": level(code.severity(severities))},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        let mut told: Vec<_> = file
            .findings
            .iter()
            .filter_map(|f| diagnosis(f, severities).map(|d| (f, d)))
            .collect();
        told.sort_by_key(|(f, _)| f.quote.start);
        for (finding, d) in told {
            let q = &finding.quote;
            let (start_line, start_column) = index.line_col(&file.text, q.start);
            let (end_line, end_column) = index.line_col(&file.text, q.end);
            let rule_index = Code::ALL.iter().position(|c| *c == d.code);
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": draft_uri(&file.path)},
                        "region": {
                            "startLine": start_line,
                            "startColumn": start_column,
                            "endLine": end_line,
                            "endColumn": end_column,
                            "byteOffset": q.start,
                            "byteLength": q.end.saturating_sub(q.start),
                            "snippet": {"text": file.text.get(q.start..q.end).unwrap_or("")},
                        },
                    },
                }],
            });
            if !finding.changes.is_empty() {
                result["properties"] = json!({"changes": finding.changes});
            }
            if let Some(source) = &finding.source {
                let artifact = source_artifact(source, corpus_root);
                let line = source.place.line().unwrap_or(source.line);
                // A transcript's passage is told by who said it and when.
                let told = crate::check::verdict::said(source).unwrap_or(source.title.clone());
                result["relatedLocations"] = json!([{
                    "id": 1,
                    "message": {"text": format!("source: {told}")},
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": line,
                            "snippet": {"text": source.text},
                        },
                    },
                }]);
                if let (Some(start), end) = source.place.times() {
                    result["relatedLocations"][0]["properties"] = json!({
                        "start_time": start.full(),
                        "end_time": end.map(|t| t.full()),
                    });
                }
            }
            results.push(result);
        }
    }
    let mut run = json!({
        "tool": {"driver": {
            "name": "verbatim",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = corpus_root
        && let Ok(abs) = std::path::absolute(root)
    {
        let mut base = uri(&abs.to_string_lossy());
        if !base.ends_with('/') {
            base.push('/');
        }
        run["originalUriBaseIds"] = json!({"CORPUS": {"uri": format!("file://{base}")}});
    }
    let log = json!({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]});
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// The file a source passage is in: relative to the corpus folder (`uriBaseId` `CORPUS`)
/// when it is in the one folder given, else its path as given (like a draft's).
fn source_artifact(source: &Source, corpus_root: Option<&Path>) -> Value {
    let Some(file) = source.place.file() else {
        return json!({"uri": uri(&source.path)});
    };
    match corpus_root.and_then(|root| file.strip_prefix(root).ok()) {
        Some(rel) => json!({"uri": uri(&rel.to_string_lossy()), "uriBaseId": "CORPUS"}),
        None => json!({"uri": draft_uri(&file.to_string_lossy())}),
    }
}

/// SARIF has three levels; information and hints are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
        Severity::Off => "none",
    }
}

/// A draft's path as a URI: relative paths stay relative (to where verbatim ran), absolute
/// ones become `file://` URIs.
fn draft_uri(path: &str) -> String {
    if Path::new(path).is_absolute() {
        let encoded = uri(path);
        let sep = if encoded.starts_with('/') { "" } else { "/" };
        format!("file://{sep}{encoded}")
    } else {
        uri(path)
    }
}

/// A relative or absolute path as a URI reference: `/` separators, reserved bytes escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Wording;
    use crate::check::verdict::tests::finding;
    use crate::sources::Place;

    #[test]
    fn sarif_result_with_code_point_columns() {
        let text = "Intro.\n“Kyiv grew six times,” Mr Sybiha said.\n";
        let mut f = finding(text, "“Kyiv grew six times,”", Some("Mr Sybiha"));
        f.wording = Wording::Altered;
        let six = text.find("six").unwrap();
        f.changes = vec![crate::check::Change {
            class: crate::check::ChangeClass::Number,
            ..crate::check::Change::words("six times", "sixfold", six..six + 9)
        }];
        f.source.as_mut().unwrap().place = Place::File {
            path: "corpus/politics/001.txt".into(),
            line: 2,
            bytes: None,
        };
        let files = [FileReport {
            path: "my drafts/d.md".into(),
            text: text.into(),
            findings: vec![f],
        }];
        let log: Value = serde_json::from_str(&render_sarif(
            &files,
            &Severities::default(),
            Some(Path::new("corpus")),
        ))
        .unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            Code::ALL.len()
        );
        let ids: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["id"].as_str())
            .collect();
        for id in ["meaning-changed", "paraphrase-quoted", "unchecked"] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "meaning-changed");
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "my%20drafts/d.md");
        let region = &loc["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(2), Some(1))
        );
        // 22 characters from “ to ”, end column exclusive.
        assert_eq!(
            (region["endLine"].as_u64(), region["endColumn"].as_u64()),
            (Some(2), Some(23))
        );
        assert_eq!(r["properties"]["changes"][0]["class"], "number");
        assert_eq!(r["properties"]["changes"][0]["source"], "sixfold");
        let related = &r["relatedLocations"][0]["physicalLocation"];
        assert_eq!(related["artifactLocation"]["uri"], "politics/001.txt");
        assert_eq!(related["artifactLocation"]["uriBaseId"], "CORPUS");
        assert_eq!(draft_uri("/tmp/a b/d.md"), "file:///tmp/a%20b/d.md");
    }

    /// The SARIF log of one finding in the draft `d.md`, with no corpus folder.
    fn log_of(text: &str, f: crate::check::Finding) -> Value {
        let files = [FileReport {
            path: "d.md".into(),
            text: text.into(),
            findings: vec![f],
        }];
        serde_json::from_str(&render_sarif(&files, &Severities::default(), None)).unwrap()
    }

    #[test]
    fn a_jsonl_source_is_its_file_at_the_article_line() {
        let text = "“Kyiv grew six times,” Mr Sybiha said.\n";
        let mut f = finding(text, "“Kyiv grew six times,”", Some("Mr Sybiha"));
        f.wording = Wording::Altered;
        f.source.as_mut().unwrap().path = "wire.jsonl#7".into();
        f.source.as_mut().unwrap().place = Place::Line {
            path: "/data/wire.jsonl".into(),
            line: 7,
        };
        let log = log_of(text, f);
        let related = &log["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"];
        assert_eq!(
            related["artifactLocation"]["uri"],
            "file:///data/wire.jsonl"
        );
        assert_eq!(related["region"]["startLine"], 7);
    }

    #[test]
    fn a_transcript_source_is_its_cue_with_speaker_and_times() {
        let text = "“The harbour stays open,” Marta Kowalczyk said.\n";
        let mut f = finding(text, "“The harbour stays open,”", Some("Marta Kowalczyk"));
        f.wording = Wording::Altered;
        f.source.as_mut().unwrap().path = "harbour.vtt".into();
        f.source.as_mut().unwrap().place = Place::Cue {
            path: "/data/harbour.vtt".into(),
            line: 8,
            start: Some(crate::sources::Timestamp(192_000)),
            end: Some(crate::sources::Timestamp(199_000)),
        };
        let log = log_of(text, f);
        let related = &log["runs"][0]["results"][0]["relatedLocations"][0];
        assert_eq!(
            related["message"]["text"],
            "source: Marta Kowalczyk, 00:03:12, harbour.vtt"
        );
        assert_eq!(related["physicalLocation"]["region"]["startLine"], 8);
        assert_eq!(related["properties"]["start_time"], "00:03:12.000");
        assert_eq!(related["properties"]["end_time"], "00:03:19.000");
    }
}
