//! The BBC corpus (2,225 articles) for the tests that need it, from `VERBATIM_BBC_CORPUS`
//! (`.ci/run` sets it to `../shared/corpus/bbc`). Used by the integration tests and, through
//! `#[path]`, by the corpus unit tests.

use std::io::Write;
use std::path::PathBuf;

/// The variable naming the BBC corpus folder.
pub const BBC_VAR: &str = "VERBATIM_BBC_CORPUS";

/// The BBC corpus folder from `VERBATIM_BBC_CORPUS`, or `None` with a notice on stderr that
/// `test` is skipped. Set but missing is a failure: CI asked for the test to run.
pub fn bbc_corpus(test: &str) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os(BBC_VAR).filter(|v| !v.is_empty()) else {
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "note: {test} skipped: set {BBC_VAR} to the BBC corpus folder to run it"
        );
        return None;
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.is_dir(),
        "{BBC_VAR} is set to {}, which is not a folder",
        dir.display()
    );
    Some(dir)
}
