//! The CLI's reports: `human`, `json` and `sarif` lay out what the verdict layer
//! (`check::verdict`) says of each finding; nothing here decides a verdict.

mod human;
mod json;
mod sarif;

pub use human::{HumanOptions, render_human};
pub use json::render_json;
pub use sarif::render_sarif;

use crate::check::Finding;
use crate::check::verdict::diagnosis;
use crate::config::{Severities, Severity};

/// One checked draft: its path as the user named it, its text, and the findings on it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub findings: Vec<Finding>,
}

/// The loudest severity told about any finding in `files`.
pub fn worst_severity(files: &[FileReport], severities: &Severities) -> Option<Severity> {
    files
        .iter()
        .flat_map(|f| &f.findings)
        .filter_map(|f| diagnosis(f, severities))
        .map(|d| d.severity)
        .max()
}

/// The largest char boundary at or below `offset`, within the text.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
