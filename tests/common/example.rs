//! The example corpus (`examples/corpus`) opened once per test binary, and the case count
//! of the property tests.

use std::sync::OnceLock;

use verbatim::corpus::{Corpus, OpenOptions};

/// `examples/corpus`, opened without a cache.
pub fn example_corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
        let options = OpenOptions {
            cache_dir: None,
            progress: None,
            ..Default::default()
        };
        Corpus::open(&[root], &options).expect("examples/corpus opens")
    })
}

/// Cases per property: the given default, or `PROPTEST_CASES` when set.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
