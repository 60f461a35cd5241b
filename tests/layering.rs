//! The crate's layering, checked on its source: the core (`text`, `draft`, `sources`,
//! `corpus`, `check` and the settings model `config`) imports no adapter and none of the
//! adapters' crates, and the two adapters (`lsp`; the CLI's `main.rs` and `report`) do not
//! import each other. docs/architecture.md says why the line is drawn here.

use std::path::{Path, PathBuf};

const CORE: &[&str] = &["text", "draft", "sources", "corpus", "check", "config.rs"];

/// What the core must not name: the adapters, and what only they use (LSP types, the
/// async runtime, terminal rendering, flags).
const NOT_IN_CORE: &[&str] = &[
    "crate::lsp",
    "crate::report",
    "crate::main",
    "tower_lsp",
    "tokio",
    "ropey",
    "annotate_snippets",
    "clap",
    "indicatif",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every .rs file under `path` (or `path` itself).
fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out
}

/// `file:line: text` for each line of the files that names one of `names` outside a comment.
fn uses(files: &[PathBuf], names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if names.iter().any(|n| code.contains(n)) {
                found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_core_imports_no_adapter() {
    let files: Vec<PathBuf> = CORE
        .iter()
        .flat_map(|m| rust_files(&src().join(m)))
        .collect();
    assert!(files.len() >= 15, "core files not found: {files:?}");
    let found = uses(&files, NOT_IN_CORE);
    assert!(
        found.is_empty(),
        "the core names an adapter:\n{}",
        found.join("\n")
    );
}

/// The archive is a backend like the embedded index: it may run its own async client, but
/// names no adapter.
#[test]
fn the_archive_imports_no_adapter() {
    let files = rust_files(&src().join("archive"));
    assert!(files.len() >= 5, "archive files not found: {files:?}");
    let found = uses(
        &files,
        &[
            "crate::lsp",
            "crate::report",
            "crate::main",
            "tower_lsp",
            "clap",
        ],
    );
    assert!(
        found.is_empty(),
        "the archive names an adapter:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_adapters_do_not_import_each_other() {
    let lsp = rust_files(&src().join("lsp"));
    let found = uses(&lsp, &["crate::report", "crate::main", "report::"]);
    assert!(
        found.is_empty(),
        "the language server uses the CLI:\n{}",
        found.join("\n")
    );
    let mut cli = rust_files(&src().join("report"));
    cli.push(src().join("report.rs"));
    cli.push(src().join("main.rs"));
    let found = uses(&cli, &["crate::lsp", "lsp::diagnostics", "lsp::session"]);
    assert!(
        found.is_empty(),
        "the CLI uses the language server:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.rs");
    std::fs::write(
        &file,
        "// crate::lsp in a comment\nuse crate::lsp::position;\n",
    )
    .unwrap();
    let found = uses(std::slice::from_ref(&file), NOT_IN_CORE);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with(":2: use crate::lsp::position;"));
}

#[test]
fn no_source_file_is_over_900_lines() {
    // speakers.rs is being split by the attribution work (issue 10).
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|f| !f.ends_with("draft/speakers.rs"))
        .filter_map(|f| {
            let n = std::fs::read_to_string(&f).unwrap().lines().count();
            (n > 900).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 900 lines: {long:?}");
}
