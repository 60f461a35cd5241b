//! The `verbatim` binary run as a reporter or a CI job would: exit codes, the three report
//! formats, `verbatim.toml`, the cache flags, and real verdicts on `examples/` and on the
//! BBC corpus (`VERBATIM_BBC_CORPUS`; skipped without it). Every run gets its own cache
//! folder; nothing touches the user's cache.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

mod common;

use common::lsp_client::LspClient;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const EXAMPLE_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/corpus");
const EXAMPLE_DRAFT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/draft.md");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr)
        })
    }
}

/// Runs the binary in `cwd` with a private cache home and no colour.
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", home.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run verbatim");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `verbatim check examples/draft.md --corpus examples/corpus --cache-dir TMP ARGS…` from the
/// crate folder, so paths in the report read as a user typed them.
fn check_example(cache: &Path, extra: &[&str]) -> Run {
    let cache = cache.to_str().unwrap();
    let mut args = vec![
        "check",
        "examples/draft.md",
        "--corpus",
        "examples/corpus",
        "--cache-dir",
        cache,
    ];
    args.extend_from_slice(extra);
    run_in(&manifest_dir(), &args)
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

fn quotes(report: &Value) -> &Vec<Value> {
    report["files"][0]["quotes"]
        .as_array()
        .expect("files[0].quotes is an array")
}

fn quote_starting<'a>(report: &'a Value, prefix: &str) -> &'a Value {
    quotes(report)
        .iter()
        .find(|q| q["text"].as_str().unwrap_or("").starts_with(prefix))
        .unwrap_or_else(|| panic!("no quotation starting {prefix:?} in {report:#}"))
}

// ---- usage and IO errors: exit 2, one line naming the path ----

#[test]
fn check_without_a_draft_is_a_usage_error() {
    let cache = tempfile::tempdir().unwrap();
    let r = run_in(
        &manifest_dir(),
        &[
            "check",
            "--corpus",
            "examples/corpus",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no draft"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn a_missing_draft_is_named() {
    let cache = tempfile::tempdir().unwrap();
    let r = run_in(
        &manifest_dir(),
        &[
            "check",
            "no-such-draft.md",
            "--corpus",
            "examples/corpus",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no-such-draft.md"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
}

#[test]
fn a_missing_corpus_is_named() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &["--corpus", "/definitely/not/a/corpus"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("/definitely/not/a/corpus"),
        "{}",
        r.stderr
    );
}

#[test]
fn no_corpus_anywhere_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.md"),
        "“Words and more words here,” she said.\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "d.md", "--no-cache"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no corpus"), "{}", r.stderr);
}

#[test]
fn unreadable_settings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("verbatim.toml"), "corpsu = [\"sources\"]\n").unwrap();
    std::fs::write(dir.path().join("d.md"), "Nothing quoted.\n").unwrap();
    let r = run_in(
        dir.path(),
        &["check", "d.md", "--corpus", EXAMPLE_CORPUS, "--no-cache"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("verbatim.toml"), "{}", r.stderr);
    assert!(r.stderr.contains("corpsu"), "{}", r.stderr);
}

/// The issue's case: the verbatim binary itself given as a draft was checked as text (7.5 s,
/// 29 MB of output, exit 0). A draft with NUL bytes is refused as the corpus refuses its
/// files: one line naming it, exit 2, nothing on stdout.
#[test]
fn a_binary_draft_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("notes.md");
    std::fs::write(
        &fake,
        b"\x7fELF\x02\x01\x01\0\0\0 \"Words said here and there,\" she said.",
    )
    .unwrap();
    for args in [
        vec!["check", BIN, "--corpus", EXAMPLE_CORPUS, "--no-cache"],
        vec![
            "check",
            "notes.md",
            "--corpus",
            EXAMPLE_CORPUS,
            "--no-cache",
        ],
        vec!["quotes", "notes.md"],
    ] {
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stdout.is_empty(),
            "{args:?}: {} bytes out",
            r.stdout.len()
        );
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(args[1]) && r.stderr.contains("binary"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let r = run_in(
        &manifest_dir(),
        &["check", "examples/draft.md", "--format", "xml"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}

// ---- reports that hold whatever the engine finds ----

#[test]
fn json_report_is_version_1_and_offsets_slice_the_draft() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &["--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    let report = r.json();
    assert_eq!(report["version"], 1);
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["files"][0]["path"], "examples/draft.md");
    let draft = std::fs::read_to_string(EXAMPLE_DRAFT).unwrap();
    for q in quotes(&report) {
        let start = q["start"].as_u64().unwrap() as usize;
        let end = q["end"].as_u64().unwrap() as usize;
        let slice = draft.get(start..end).expect("offsets on char boundaries");
        let open = slice.chars().next().unwrap();
        let close = slice.chars().next_back().unwrap();
        assert!("“\"‘'«„".contains(open), "opens with a mark: {slice:?}");
        assert!("”\"’'»“".contains(close), "closes with a mark: {slice:?}");
        let inner = q["text"].as_str().unwrap();
        let head: String = inner.chars().take(20).collect();
        assert!(slice.contains(&head), "{inner:?} inside {slice:?}");
        let (line, column) = line_col(&draft, start);
        assert_eq!(q["line"].as_u64(), Some(line as u64), "{q}");
        assert_eq!(q["column"].as_u64(), Some(column as u64), "{q}");
        for key in [
            "kind",
            "wording",
            "attribution",
            "similarity",
            "changes",
            "speaker",
            "source",
        ] {
            assert!(q.get(key).is_some(), "{key} missing in {q}");
        }
    }
}

#[test]
fn sarif_report_is_2_1_0_with_a_rule_per_verdict() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &["--format", "sarif"]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    let log = r.json();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "verbatim");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "altered",
        "not-found",
        "conflicts",
        "unattributed",
        "fragment-not-found",
        "meaning-changed",
        "paraphrase-quoted",
    ] {
        assert!(rules.contains(&id), "rule {id} in {rules:?}");
    }
    assert!(run["results"].is_array());
}

#[test]
fn human_report_ends_with_a_summary() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &[]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    // The draft has 1 conflict: the counts agree with their nouns.
    let lines: Vec<&str> = r.stdout.lines().collect();
    let summary = lines[lines.len() - 2];
    assert!(
        summary.starts_with("9 quotes: ")
            && summary.contains(" verified, ")
            && summary.contains(" not found, ")
            && summary.contains(", 1 conflict ("),
        "summary line: {summary:?}"
    );
    // The conflict's source has no headline: its first sentence, cut near 60 characters.
    assert!(
        r.stdout.contains(
            "000_a00e7bf67771366e.txt:12 “Ukraine’s Foreign Minister has reiterated the country’s aim…”"
        ),
        "{}",
        r.stdout
    );
    // Exit 0 (warnings do not fail by default), so the last line says it plainly.
    assert_eq!(r.code, 0);
    assert_eq!(lines[lines.len() - 1], "3 quotes to look at (3 warnings).");
    assert!(!r.stdout.contains('\x1b'), "no colour when piped");
}

#[test]
fn folders_are_walked_for_markdown_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    std::fs::create_dir_all(drafts.join("sub")).unwrap();
    for name in ["a.md", "b.txt", "c.html", "sub/d.markdown", ".hidden.md"] {
        std::fs::write(drafts.join(name), "Nothing quoted here.\n").unwrap();
    }
    let r = run_in(
        dir.path(),
        &[
            "check",
            "drafts",
            "--corpus",
            EXAMPLE_CORPUS,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let paths: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        paths,
        ["drafts/a.md", "drafts/b.txt", "drafts/sub/d.markdown"]
    );
}

#[test]
fn a_draft_that_is_not_utf8_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.txt"),
        b"\"The caf\xe9 is open all day and night,\" said Jo Bloggs.\n",
    )
    .unwrap();
    let r = run_in(
        dir.path(),
        &[
            "check",
            "bad.txt",
            "--corpus",
            EXAMPLE_CORPUS,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    assert!(
        r.stderr.contains("bad.txt") && r.stderr.contains("UTF-8"),
        "{}",
        r.stderr
    );
    assert_eq!(r.json()["version"], 1);
}

#[test]
fn a_huge_draft_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let para = "“There is no lack of confidence in the team,” said Jason Robinson. Then the match went on.\n\n";
    std::fs::write(dir.path().join("big.md"), para.repeat(5_000)).unwrap();
    let r = run_in(
        dir.path(),
        &[
            "check",
            "big.md",
            "--corpus",
            EXAMPLE_CORPUS,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    assert_eq!(r.json()["version"], 1);
}

// ---- settings: verbatim.toml upward from the draft, flags over it ----

#[test]
fn settings_file_is_found_upward_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let deep = project.join("drafts/2026/november");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(
        project.join("verbatim.toml"),
        "corpus = [\"missing-sources\"]\ncache_dir = \"cache\"\n",
    )
    .unwrap();
    std::fs::copy(EXAMPLE_DRAFT, deep.join("draft.md")).unwrap();
    let draft = deep.join("draft.md");
    let draft = draft.to_str().unwrap();

    // Run from elsewhere: the file is found from the draft, and its corpus is used.
    let r = run_in(dir.path(), &["check", draft, "--format", "json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("missing-sources"), "{}", r.stderr);

    // A --corpus flag replaces the file's corpus.
    let r = run_in(
        dir.path(),
        &[
            "check",
            draft,
            "--corpus",
            EXAMPLE_CORPUS,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["version"], 1);
}

#[test]
fn settings_file_corpus_is_relative_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join("sources")).unwrap();
    std::fs::create_dir_all(project.join("drafts")).unwrap();
    for entry in std::fs::read_dir(EXAMPLE_CORPUS).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            project.join("sources").join(entry.file_name()),
        )
        .unwrap();
    }
    std::fs::write(project.join("verbatim.toml"), "corpus = [\"sources\"]\n").unwrap();
    std::fs::copy(EXAMPLE_DRAFT, project.join("drafts/draft.md")).unwrap();
    let cache = dir.path().join("cache");
    let r = run_in(
        &project.join("drafts"),
        &[
            "check",
            "draft.md",
            "--cache-dir",
            cache.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["version"], 1);
}

#[test]
fn severities_from_the_settings_file_set_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("verbatim.toml"),
        "[severity]\nnot_found = \"error\"\n",
    )
    .unwrap();
    std::fs::copy(EXAMPLE_DRAFT, dir.path().join("draft.md")).unwrap();
    let cache = dir.path().join("cache");
    let cache = cache.to_str().unwrap();
    let r = run_in(
        dir.path(),
        &[
            "check",
            "draft.md",
            "--corpus",
            EXAMPLE_CORPUS,
            "--cache-dir",
            cache,
        ],
    );
    assert_eq!(
        r.code, 1,
        "the invented quote is an error now:\n{}{}",
        r.stdout, r.stderr
    );
    assert!(r.stdout.contains("error[not-found]"), "{}", r.stdout);
}

#[test]
fn fail_on_warning_fails_on_the_altered_quote() {
    let cache = tempfile::tempdir().unwrap();
    assert_eq!(
        check_example(cache.path(), &[]).code,
        0,
        "nothing is an error by default"
    );
    let r = check_example(cache.path(), &["--fail-on", "warning"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
}

// ---- the cache ----

#[test]
fn no_cache_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let r = check_example(&cache, &["--no-cache", "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    let empty = !cache.exists() || std::fs::read_dir(&cache).unwrap().next().is_none();
    assert!(empty, "--no-cache wrote to {}", cache.display());
}

#[test]
fn cache_dir_receives_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let r = check_example(&cache, &["--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    let written = cache.exists() && std::fs::read_dir(&cache).unwrap().next().is_some();
    assert!(written, "nothing written to {}", cache.display());
    // A second run loads it and says the same.
    let again = check_example(&cache, &["--format", "json"]);
    assert_eq!(r.stdout, again.stdout);
}

// ---- quotes and index ----

#[test]
fn quotes_lists_without_a_corpus() {
    let r = run_in(&manifest_dir(), &["quotes", "examples/draft.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .lines()
            .last()
            .unwrap_or("")
            .ends_with("quotations"),
        "{}",
        r.stdout
    );
    let r = run_in(&manifest_dir(), &["quotes", "examples/nope.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("examples/nope.md"), "{}", r.stderr);
}

#[test]
fn quotes_names_speakers_and_kinds() {
    let r = run_in(&manifest_dir(), &["quotes", "examples/draft.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let draft = std::fs::read_to_string(EXAMPLE_DRAFT).unwrap();
    let at = draft.find("“Ukraine’s Nato").unwrap();
    let (line, col) = line_col(&draft, at);
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with(&format!("{line}:{col} ")))
        .unwrap_or_else(|| panic!("no row at {line}:{col}:\n{}", r.stdout));
    assert!(
        row.contains("speech") && row.contains("Andrii Sybiha"),
        "{row}"
    );
    assert!(r.stdout.contains("fragment"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("Nato must stay on the table"),
        "code blocks are not prose"
    );
}

#[test]
fn quotes_mark_a_guessed_speaker() {
    // No cue gives the words to anyone: the name beside them is a guess, shown with a `?`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pay.md"),
        "Depot\n\nTom Baird runs the depot in Leeds.\n\nThere were \"no big differences in pay\" between Leeds and Kelso last year.\n\n\"We will get there,\" Mr Baird said.\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["quotes", "pay.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert!(rows[0].contains("Kelso?"), "{}", r.stdout);
    assert!(
        rows[1].contains("Tom Baird") && !rows[1].contains('?'),
        "{}",
        r.stdout
    );
}

#[test]
fn index_prints_its_figures() {
    let cache = tempfile::tempdir().unwrap();
    let r = run_in(
        &manifest_dir(),
        &[
            "index",
            "--corpus",
            "examples/corpus",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(" articles from examples/corpus in "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&cache.path().display().to_string()),
        "{}",
        r.stdout
    );
    let r = run_in(
        &manifest_dir(),
        &["index", "--corpus", "no/such/corpus", "--no-cache"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such/corpus"), "{}", r.stderr);
}

#[test]
fn index_counts_the_example_articles() {
    let cache = tempfile::tempdir().unwrap();
    let r = run_in(
        &manifest_dir(),
        &[
            "index",
            "--corpus",
            "examples/corpus",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
    );
    assert!(r.stdout.starts_with("3 articles"), "{}", r.stdout);
}

// ---- real verdicts (need the engine) ----

/// Each quotation of examples/draft.md: text it starts with, kind, speaker (`Some(None)`: no
/// speaker; `None`: not checked), wording, attribution (`""`: not checked), source file.
#[allow(clippy::type_complexity)]
const EXAMPLE_VERDICTS: &[(&str, &str, Option<Option<&str>>, &str, &str, Option<&str>)] = &[
    (
        "Ukraine’s Nato membership should not be off the table",
        "speech",
        Some(Some("Andrii Sybiha")),
        "exact",
        "matches",
        Some("000_a00e7bf67771366e.txt"),
    ),
    (
        "Not providing Ukraine with real, effective security",
        "speech",
        Some(Some("Andrii Sybiha")),
        "altered",
        "matches",
        Some("001_7023c601a84f21c2.txt"),
    ),
    (
        "We will not accept any alternatives",
        "speech",
        Some(None),
        "exact",
        "unknown",
        Some("001_7023c601a84f21c2.txt"),
    ),
    (
        "A just and comprehensive peace also means dignity",
        "speech",
        Some(Some("Andrii Sybiha")),
        "exact",
        "matches",
        Some("000_a00e7bf67771366e.txt"),
    ),
    (
        "If we don’t achieve just and comprehensive peace",
        "speech",
        Some(Some("Andrii Sybiha")),
        "exact",
        "matches",
        Some("000_a00e7bf67771366e.txt"),
    ),
    (
        "return to normality",
        "fragment",
        None,
        "exact",
        "",
        Some("000_a00e7bf67771366e.txt"),
    ),
    (
        "This is in absolute contrast to our thesis",
        "speech",
        Some(Some("Dmitry Peskov")),
        "exact",
        "matches",
        Some("001_7023c601a84f21c2.txt"),
    ),
    (
        "They are not thinking about creating a neutral force",
        "speech",
        Some(Some("Stephen Doughty")),
        "exact",
        "conflicts",
        Some("000_a00e7bf67771366e.txt"),
    ),
    (
        "Europe has to be ready to guarantee",
        "speech",
        Some(Some("Zofia Wójcik")),
        "not_found",
        "unknown",
        None,
    ),
    ("drone wall", "fragment", None, "not_found", "", None),
    (
        "Every kilometre of the border will be watched",
        "speech",
        Some(Some("Taras Melnyk")),
        "exact",
        "matches",
        Some("interview-melnyk-2026-11-20.vtt"),
    ),
];

#[test]
fn example_draft_verdicts() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let mut problems = Vec::new();
    for &(prefix, kind, speaker, wording, attribution, source) in EXAMPLE_VERDICTS {
        let Some(q) = quotes(&report)
            .iter()
            .find(|q| q["text"].as_str().unwrap_or("").starts_with(prefix))
        else {
            problems.push(format!("missed: {prefix:?}"));
            continue;
        };
        let mut expect = |field: &str, got: &Value, want: Value| {
            if *got != want {
                problems.push(format!("{prefix:?}: {field} {got}, expected {want}"));
            }
        };
        expect("kind", &q["kind"], kind.into());
        if let Some(speaker) = speaker {
            expect("speaker", &q["speaker"], speaker.into());
        }
        expect("wording", &q["wording"], wording.into());
        if !attribution.is_empty() {
            expect("attribution", &q["attribution"], attribution.into());
        }
        let got_source = q["source"]["path"].as_str();
        let source_ok = match source {
            Some(file) => got_source.is_some_and(|p| p.ends_with(file)),
            None => q["source"].is_null(),
        };
        if !source_ok {
            problems.push(format!(
                "{prefix:?}: source {got_source:?}, expected {source:?}"
            ));
        }
    }
    // The multi-paragraph quotation is one, and runs to the closing mark of its last paragraph.
    let peskov = quotes(&report).iter().find(|q| {
        q["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("This is in absolute contrast")
    });
    if !peskov.is_some_and(|q| q["text"].as_str().unwrap_or("").contains("immutable rule")) {
        problems.push(format!(
            "the two-paragraph Peskov quotation is not one: {peskov:?}"
        ));
    }
    // Nothing else is a speech quotation: not the headline ideas in the code block.
    let speech = quotes(&report)
        .iter()
        .filter(|q| q["kind"] == "speech")
        .count();
    let expected_speech = EXAMPLE_VERDICTS.iter().filter(|v| v.1 == "speech").count();
    if speech != expected_speech {
        problems.push(format!(
            "{speech} speech quotations, expected {expected_speech}"
        ));
    }
    assert!(
        !r.stdout.contains("Nato must stay on the table"),
        "a quote in a code block was reported"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn human_report_names_file_line_and_column() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let draft = std::fs::read_to_string(EXAMPLE_DRAFT).unwrap();
    let (line, col) = line_col(&draft, draft.find("\"Not providing").unwrap());
    let out = &r.stdout;
    assert!(
        out.contains(&format!("examples/draft.md:{line}:{col}")),
        "{out}"
    );
    assert!(
        out.contains("warning[altered]: altered quotation: \"historic\" → \"strategic\""),
        "{out}"
    );
    assert!(
        out.contains("warning[conflicts]: the source gives these words to Sergey Lavrov"),
        "{out}"
    );
    assert!(
        out.contains("warning[not-found]: quotation not found in the corpus"),
        "{out}"
    );
    assert!(
        out.contains("examples/corpus/001_7023c601a84f21c2.txt:"),
        "note names the source: {out}"
    );
    assert!(
        out.trim_end().ends_with("9 quotes: 6 verified, 1 altered, 1 not found, 1 conflict (1 without a speaker, 2 fragments)\n3 quotes to look at (3 warnings)."),
        "{out}"
    );
}

#[test]
fn sarif_results_point_at_the_quotes() {
    let cache = tempfile::tempdir().unwrap();
    let r = check_example(cache.path(), &["--format", "sarif"]);
    let log = r.json();
    let draft = std::fs::read_to_string(EXAMPLE_DRAFT).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let conflict = results
        .iter()
        .find(|r| r["ruleId"] == "conflicts")
        .unwrap_or_else(|| panic!("no conflicts result: {log:#}"));
    let (line, col) = line_col(&draft, draft.find("“They are not thinking").unwrap());
    let region = &conflict["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"].as_u64(), Some(line as u64));
    assert_eq!(region["startColumn"].as_u64(), Some(col as u64));
    assert_eq!(conflict["level"], "warning");
    let related = &conflict["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(related["uri"], "000_a00e7bf67771366e.txt");
}

/// Checks `"There is no lack of confidence in the team," said Jason Robinson.` against
/// `corpus` from `dir`: the words are exact, the source gives them to Jason Robinson too,
/// and they come from `source_path` (relative to the corpus folder). The quotation's JSON.
fn check_the_robinson_quote(dir: &Path, corpus: &str, source_path: &str) -> Value {
    std::fs::write(
        dir.join("match-report.md"),
        "# Ireland v England\n\n\"There is no lack of confidence in the team,\" said Jason Robinson.\n",
    )
    .unwrap();
    let cache = dir.join("cache");
    let r = run_in(
        dir,
        &[
            "check",
            "match-report.md",
            "--corpus",
            corpus,
            "--cache-dir",
            cache.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let q = quote_starting(&report, "There is no lack of confidence").clone();
    assert_eq!(q["wording"], "exact", "{q}");
    assert_eq!(q["attribution"], "matches", "{q}");
    assert_eq!(q["speaker"], "Jason Robinson", "{q}");
    assert_eq!(q["source"]["path"], source_path, "{q}");
    q
}

#[test]
fn bbc_corpus_backs_a_jason_robinson_quote() {
    let Some(bbc) = common::bbc::bbc_corpus("bbc_corpus_backs_a_jason_robinson_quote") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    check_the_robinson_quote(dir.path(), bbc.to_str().unwrap(), "sport/323.txt");
}

/// The Jason Robinson case at small scale, on a corpus in nested folders: the source path is
/// relative to the corpus root and the source's short form ("said Robinson") is the same
/// person as the draft's full name.
#[test]
fn a_nested_corpus_backs_a_quote_by_its_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("corpus/sport/rugby/robinson.txt");
    std::fs::create_dir_all(article.parent().unwrap()).unwrap();
    std::fs::write(
        &article,
        "Robinson relishes Dublin test\n\nEngland captain Jason Robinson says his side travel \
         to Dublin full of belief.\n\n\"There is no lack of confidence in the team,\" said \
         Robinson. \"We know exactly what we have to do on Saturday.\"\n",
    )
    .unwrap();
    let q = check_the_robinson_quote(dir.path(), "corpus", "sport/rugby/robinson.txt");
    assert_eq!(q["source"]["title"], "Robinson relishes Dublin test", "{q}");
}

/// `verbatim lsp` typed at a prompt says in one line that it is the language server for
/// editors and points to `verbatim check`, then serves as before: end of input (Ctrl-D)
/// ends it. Run under a pseudo-terminal made by Python; skipped with a notice without it.
#[test]
fn lsp_in_a_terminal_says_it_is_for_editors() {
    const PTY: &str = r#"
import os, subprocess, sys
master, slave = os.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.close(slave)
os.write(master, b"\x04")
out, err = p.communicate(timeout=20)
sys.stdout.write("exit %d\n%s" % (p.returncode, err.decode()))
"#;
    let notice = "verbatim lsp is the language server that editors start";
    for args in [&["lsp"][..], &["--stdio"]] {
        let out = Command::new("python3")
            .args(["-c", PTY, BIN])
            .args(args)
            .output();
        let Some(out) = out.ok().filter(|o| o.status.success()) else {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "note: lsp_in_a_terminal_says_it_is_for_editors skipped: python3 with os.openpty is needed"
            );
            return;
        };
        let report = String::from_utf8_lossy(&out.stdout);
        let mut lines = report.lines();
        assert_eq!(lines.next(), Some("exit 1"), "{report}");
        let told = lines.next().unwrap_or("");
        assert!(
            told.starts_with(notice) && told.contains("verbatim check"),
            "{report}"
        );
    }
    // Started by an editor (stdin a pipe), it says nothing of the kind.
    let out = Command::new(BIN)
        .arg("lsp")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains(notice),
        "{out:?}"
    );
}

/// Editors' client libraries add `--stdio` (sometimes twice, when the user did too) and
/// other flags of their own; the server must start all the same.
#[test]
fn lsp_accepts_the_flags_clients_add() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = LspClient::spawn_with(&["lsp", "--stdio", "--stdio", "--clientProcessId=1"]);
    let reply = client.initialize(dir.path(), json!({}), json!({}));
    assert!(reply["capabilities"].is_object(), "{reply}");
    assert!(client.shutdown_and_exit().success());
}
