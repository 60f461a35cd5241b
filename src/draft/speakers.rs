//! Who each quotation is given to: cue verbs, `according to`, names with titles and roles,
//! and the resolution of pronouns, role nouns and short forms to the fullest name.

use super::markup::Prose;
use super::{ExtractOptions, Quote};

pub fn attribute(_text: &str, _prose: &[Prose], _quotes: &mut [Quote], _options: &ExtractOptions) {}
