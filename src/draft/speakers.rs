//! Who each quotation is given to: cue verbs, `according to`, names with titles and roles,
//! and the resolution of pronouns, role nouns and short forms to the fullest name.

use super::Quote;
use super::markup::Masked;

pub fn attribute(_masked: &Masked, _quotes: &mut [Quote]) {}
