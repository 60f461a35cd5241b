//! "Use the source's wording": the edits that give an altered quotation the source's words,
//! touching only the changed ranges (so the rest of the quotation, its paragraph marks and
//! the text around it stay as the writer left them).

use std::ops::Range;

use super::{ChangeClass, Finding, Wording};
use crate::text::words;

/// Replace `range` of the draft with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// The edits that make the quotation read as its source, in draft order and not
/// overlapping: a changed word becomes the source's, an added one goes, a dropped one
/// comes back, and words joined from two places get an ellipsis. `None` when the quotation
/// is not altered, or when its sentences stand in another order than the source's (which
/// order the writer wants is theirs to say).
pub fn source_wording(finding: &Finding, draft: &str) -> Option<Vec<Edit>> {
    if finding.wording != Wording::Altered || finding.source.is_none() {
        return None;
    }
    if finding.changes.is_empty()
        || finding
            .changes
            .iter()
            .any(|c| c.class == ChangeClass::Order)
    {
        return None;
    }
    // The quotation's words, by paragraph, to tidy the space an added word leaves.
    let pieces: Vec<Vec<Range<usize>>> = finding
        .quote
        .pieces
        .iter()
        .map(|p| {
            draft
                .get(p.clone())
                .map(|t| {
                    words(t)
                        .iter()
                        .map(|w| p.start + w.start..p.start + w.end)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let mut edits: Vec<Edit> = Vec::new();
    // Fillers left out of speech stay out: they are no alteration to undo.
    for c in finding.changes.iter().filter(|c| c.class.alters()) {
        let r = c.draft_range.clone();
        draft.get(r.clone())?;
        let edit = match (c.class, c.draft.is_empty(), c.source.is_empty()) {
            (ChangeClass::Stitch, _, _) => Edit {
                range: r.start..r.start,
                text: "… ".to_string(),
            },
            (_, false, false) => Edit {
                range: r,
                text: c.source.clone(),
            },
            (_, false, true) => Edit {
                range: removal(&pieces, r),
                text: String::new(),
            },
            (_, true, false) => {
                let after_word = pieces.iter().flatten().any(|w| w.end == r.start);
                Edit {
                    range: r.start..r.start,
                    text: if after_word {
                        format!(" {}", c.source)
                    } else {
                        format!("{} ", c.source)
                    },
                }
            }
            (_, true, true) => continue,
        };
        edits.push(edit);
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let overlap = edits
        .windows(2)
        .any(|pair| pair[0].range.end > pair[1].range.start);
    (!overlap && !edits.is_empty()).then_some(edits)
}

/// What to delete for added words at `r`: with the space before them (back to the word
/// before, in the same paragraph), or, for a paragraph's first words, the space after.
fn removal(pieces: &[Vec<Range<usize>>], r: Range<usize>) -> Range<usize> {
    let Some(words) = pieces
        .iter()
        .find(|ws| ws.iter().any(|w| w.start <= r.start && r.start < w.end))
    else {
        return r;
    };
    if let Some(before) = words.iter().rev().find(|w| w.end <= r.start) {
        return before.end..r.end;
    }
    match words.iter().find(|w| w.start >= r.end) {
        Some(after) => r.start..after.start,
        None => r,
    }
}

/// The draft with `edits` applied (as an editor applies a workspace edit: every range is of
/// the text before any edit).
pub fn apply(draft: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(draft.len());
    let mut at = 0;
    for e in edits {
        out.push_str(draft.get(at..e.range.start).unwrap_or(""));
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(draft.get(at..).unwrap_or(""));
    out
}
