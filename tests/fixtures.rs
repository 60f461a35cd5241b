//! Fixture cases: quotation forms, speakers and verdicts as data. Each folder of
//! `tests/fixtures/` is one case: a draft (`draft.md` or `draft.txt`), optionally a small
//! corpus (`corpus/`) and settings (`verbatim.toml`), and `expected`, the findings one line
//! a quotation:
//!
//! ```text
//! LINE:COL KIND SPEAKER “TEXT” | WORDING ATTRIBUTION | SOURCE:LINE SOURCE-SPEAKER | TOLD
//! ```
//!
//! (`SOURCE:LINE@TIME` for a transcript: the line of the passage's first cue in the file,
//! and its time; without a corpus only `LINE:COL KIND SPEAKER “TEXT”`), the changes of an altered
//! quotation indented below it (`class: what changed`), `too short to look up` under a
//! phrase too short for the sources to be asked, and the summary line last. `-` is nobody or nothing, `~` a
//! described speaker. Run with `cargo test --release --test fixtures`; a failure prints a
//! diff per case. `UPDATE_EXPECT=1` writes what the checker says into `expected` instead
//! (read the diff in git before committing it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use verbatim::check::verdict::{Summary, describe_change, diagnosis};
use verbatim::check::{CheckOptions, Checker, Finding};
use verbatim::config::Settings;
use verbatim::draft::{ExtractOptions, Format, QuoteKind, Speaker, analyze};
use verbatim::sources::{self, OpenWith, Place};
use verbatim::text::LineIndex;

const QUOTE_CHARS: usize = 60;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn who(speaker: Option<&Speaker>) -> String {
    match speaker {
        Some(s) if s.named => s.name.clone(),
        Some(s) => format!("~{}", s.name),
        None => "-".to_string(),
    }
}

fn quoted(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => format!("“{}…”", &text[..i]),
        None => format!("“{text}”"),
    }
}

/// `3:17 speech Jane Doe “We will win”`.
fn head(text: &str, index: &LineIndex, quote: &verbatim::draft::Quote) -> String {
    let (line, col) = index.line_col(text, quote.start);
    let kind = match quote.kind {
        QuoteKind::Speech => "speech",
        QuoteKind::Fragment => "fragment",
    };
    let ignored = if quote.ignored { " ignored" } else { "" };
    format!(
        "{line}:{col} {kind}{ignored} {} {}",
        who(quote.speaker.as_ref()),
        quoted(&quote.text)
    )
}

fn finding_lines(text: &str, index: &LineIndex, f: &Finding, settings: &Settings) -> String {
    let attribution = format!("{:?}", f.attribution).to_lowercase();
    let wording = serde_json::to_value(f.wording).unwrap();
    let source = match &f.source {
        Some(s) => {
            let speaker = match (&s.speaker, &s.speaker_description) {
                (Some(name), _) => name.clone(),
                (None, Some(d)) => format!("~{d}"),
                (None, None) => "-".to_string(),
            };
            let others = match f.other_sources {
                0 => String::new(),
                n => format!(" (+{n})"),
            };
            // A transcript's passage: the line of its cue in the file, and its time.
            let at = match &s.place {
                Place::Cue { line, start, .. } => {
                    let time = start.map_or("?".to_string(), |t| t.to_string());
                    format!("{line}@{time}")
                }
                _ => s.line.to_string(),
            };
            format!("{}:{at} {speaker}{others}", s.path)
        }
        None => "-".to_string(),
    };
    let told = match diagnosis(f, &settings.severity) {
        Some(d) => format!("{:?}[{}]", d.severity, d.code.as_str()).to_lowercase(),
        None => "-".to_string(),
    };
    let mut out = format!(
        "{} | {} {attribution} | {source} | {told}\n",
        head(text, index, &f.quote),
        wording.as_str().unwrap_or("?"),
    );
    for c in &f.changes {
        let _ = writeln!(out, "    {}: {}", c.class.as_str(), describe_change(c));
    }
    if f.too_short {
        let _ = writeln!(out, "    too short to look up");
    }
    out
}

/// What the checker says of one case, in the `expected` format.
fn run(case: &Path) -> String {
    let draft = ["draft.md", "draft.txt"]
        .iter()
        .map(|n| case.join(n))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{}: no draft.md or draft.txt", case.display()));
    let text = std::fs::read_to_string(&draft).unwrap();
    let format = Format::from_path(&draft);
    let mut settings = match case.join("verbatim.toml") {
        p if p.is_file() => Settings::from_file(&p).unwrap(),
        _ => Settings::default(),
    };
    let extract = ExtractOptions {
        min_speech_words: settings.min_speech_words,
    };
    let index = LineIndex::new(&text);
    let corpus = case.join("corpus");
    if !corpus.is_dir() {
        return analyze(&text, format, &extract)
            .iter()
            .map(|q| head(&text, &index, q) + "\n")
            .collect();
    }
    settings.corpus = vec![corpus];
    let with = OpenWith {
        no_cache: true,
        progress: None,
    };
    let opened = sources::open(&settings, &with).unwrap();
    let findings = Checker::new(opened.sources).check(&text, format, &CheckOptions { extract });
    let mut out: String = findings
        .iter()
        .map(|f| finding_lines(&text, &index, f, &settings))
        .collect();
    let _ = writeln!(out, "{}", Summary::of(&findings));
    out
}

/// A line diff (longest common subsequence): `-` expected, `+` got.
fn diff(expected: &str, got: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        }
    }
    out
}

#[test]
fn fixture_cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let got = run(case);
        let path = case.join("expected");
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if got == expected {
            continue;
        }
        if update {
            std::fs::write(&path, &got).unwrap();
            eprintln!("updated {}", path.display());
        } else {
            let name = case.file_name().unwrap().to_string_lossy();
            failures.push(format!(
                "--- {name} (- expected, + got)\n{}",
                diff(&expected, &got)
            ));
        }
    }
    assert!(cases.len() >= 40, "only {} fixture cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixture cases differ (UPDATE_EXPECT=1 to accept the new output):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_diff_shows_what_changed() {
    assert_eq!(diff("a\nb\nc\n", "a\nx\nc\n"), "  a\n- b\n+ x\n  c\n");
    assert_eq!(diff("", "new\n"), "+ new\n");
}
