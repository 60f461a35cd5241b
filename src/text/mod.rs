//! Text primitives shared by the draft, the corpus and the check: words with their byte
//! ranges, the folding that makes typography and case not matter, line/column lookup,
//! telling text from a binary file, and counts and titles as people read them.

mod fasthash;
mod fold;
mod lines;
mod shown;
mod words;

pub use fasthash::{FastHash, FastHasher, hash_str};
pub use fold::{fold_char, fold_word, is_folded};
pub use lines::LineIndex;
pub use shown::{TITLE_CHARS, count, one_spaced, short_title};
pub use words::{Word, hash_word, word_hashes, words};

/// How many leading bytes are looked at to tell a binary file from text (as git does).
const BINARY_SNIFF: usize = 8192;

/// Whether a file's bytes are binary rather than text: a NUL byte in the first 8 KiB, the
/// rule git uses. Drafts and corpus files alike are judged by it.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0)
}
