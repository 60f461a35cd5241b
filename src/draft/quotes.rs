//! Finding quotation spans: the marks, how to tell an apostrophe from a single quote, the
//! British multi-paragraph convention, block quotes, and the speech/fragment kind.

use super::markup::Prose;
use super::{ExtractOptions, Quote};

pub fn find_quotes(_text: &str, _prose: &[Prose], _options: &ExtractOptions) -> Vec<Quote> {
    Vec::new()
}
