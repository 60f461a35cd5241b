//! Text primitives shared by the draft, the corpus and the check: words with their byte
//! ranges, the folding that makes typography and case not matter, and line/column lookup.

mod fasthash;
mod lines;
mod words;

pub use fasthash::{FastHash, FastHasher};
pub use lines::LineIndex;
pub use words::{Word, fold_char, fold_word, hash_word, word_hashes, words};
