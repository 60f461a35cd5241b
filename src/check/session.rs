//! The one entry point both adapters check a draft through: a `Checker` holds the opened
//! sources and the findings already checked against them, so that re-checking a draft as
//! it is edited checks only the quotations that changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::{CheckOptions, Finding, check_quotes};
use crate::draft::{self, Format, Quote};
use crate::sources::Sources;

/// Findings kept at most; past that the memory starts again empty.
const REMEMBERED: usize = 50_000;

/// Sources, and the findings checked against them (which go when they go).
pub struct Checker {
    sources: Arc<dyn Sources>,
    /// Findings by the draft's quotation (text, kind, speaker): they survive edits
    /// elsewhere in the draft.
    findings: Mutex<HashMap<String, Finding>>,
}

impl Checker {
    pub fn new(sources: Arc<dyn Sources>) -> Checker {
        Checker {
            sources,
            findings: Mutex::new(HashMap::new()),
        }
    }

    pub fn sources(&self) -> &dyn Sources {
        self.sources.as_ref()
    }

    /// Checks every quotation of a draft (findings in the draft's order), re-using what an
    /// earlier check found for the same quotation.
    pub fn check(&self, text: &str, format: Format, options: &CheckOptions) -> Vec<Finding> {
        let quotes = draft::analyze(text, format, &options.extract);
        let keys: Vec<String> = quotes.iter().map(|q| key(text, q)).collect();
        let mut out: Vec<Option<Finding>> = Vec::with_capacity(quotes.len());
        let mut fresh: Vec<Quote> = Vec::new();
        {
            let known = self.lock();
            for (quote, k) in quotes.into_iter().zip(&keys) {
                match known.get(k) {
                    Some(hit) => out.push(Some(moved(hit, quote))),
                    None => {
                        out.push(None);
                        fresh.push(quote);
                    }
                }
            }
        }
        let mut checked = check_quotes(self.sources.as_ref(), text, fresh).into_iter();
        let mut known = self.lock();
        out.into_iter()
            .zip(&keys)
            .filter_map(|(hit, k)| {
                hit.or_else(|| {
                    let finding = checked.next()?;
                    // A quotation some source could not answer for is asked again next time.
                    if !finding.unchecked.is_empty() {
                        return Some(finding);
                    }
                    if known.len() >= REMEMBERED {
                        known.clear();
                    }
                    known.insert(k.clone(), finding.clone());
                    Some(finding)
                })
            })
            .collect()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Finding>> {
        // Plain data that a panic cannot leave half-written: a poisoned lock is still usable.
        self.findings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What a quotation's finding depends on: its kind, flags, speaker and words.
fn key(text: &str, q: &Quote) -> String {
    // Everything of the speaker the verdict reads: its confidence decides a conflict.
    let speaker = q.speaker.as_ref().map(|s| {
        (
            s.name.as_str(),
            s.named,
            s.certain,
            format!("{:.3}", s.confidence),
        )
    });
    format!(
        "{:?}|{}|{}|{:?}|{}",
        q.kind,
        q.block,
        q.ignored,
        speaker,
        text.get(q.start..q.end).unwrap_or(&q.text)
    )
}

/// A remembered finding moved to where its quotation now is.
fn moved(hit: &Finding, quote: Quote) -> Finding {
    let delta = quote.start as isize - hit.quote.start as isize;
    let shift = |n: usize| n.saturating_add_signed(delta);
    let mut f = hit.clone();
    for c in &mut f.changes {
        c.draft_range = shift(c.draft_range.start)..shift(c.draft_range.end);
    }
    f.quote = quote;
    f
}
