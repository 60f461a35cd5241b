//! Drafts quoting a corpus, with known answers, for the benches (scale, archive): a third
//! of the quotations exact sentences, a third with one word replaced, a third invented.

use verbatim::corpus::{Corpus, DocId};
use verbatim::text::words;

/// Quotations in one draft, a third each exact, altered and invented.
pub const QUOTES_PER_DRAFT: usize = 30;

/// What a generated quotation should come out as.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Exact,
    Altered,
    Invented,
}

pub struct Planted {
    pub kind: Kind,
    pub text: String,
    /// The article the words came from, and the original words (for altered quotes).
    pub doc: Option<DocId>,
    pub original: String,
}

/// A small deterministic generator (SplitMix64), so drafts do not depend on a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Sentences of an article's body with 8 to 30 words, quotation marks removed.
fn sentences(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .flat_map(|l| l.split(". "))
        .map(|s| {
            s.replace(['"', '“', '”'], "")
                .trim()
                .trim_end_matches('.')
                .to_string()
        })
        .filter(|s| (8..=30).contains(&words(s).len()) && !s.contains(['*', '_', '`', '[', '#']))
        .collect()
}

/// Deterministic quotations from the corpus: exact sentences, sentences with one word
/// replaced, and invented ones (a sentence's words shuffled).
pub fn plant(corpus: &Corpus, n: usize) -> Vec<Planted> {
    let mut rng = Rng(0x5eed);
    let docs = corpus.len();
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < n * 20 {
        tries += 1;
        let doc = rng.below(docs) as DocId;
        let Some(article) = corpus.article(doc) else {
            continue;
        };
        let sents = sentences(&article.text);
        if sents.is_empty() {
            continue;
        }
        let s = sents[rng.below(sents.len())].clone();
        let kind = match out.len() % 3 {
            0 => Kind::Exact,
            1 => Kind::Altered,
            _ => Kind::Invented,
        };
        let mut ws: Vec<String> = s.split_whitespace().map(String::from).collect();
        let text = match kind {
            Kind::Exact => s.clone(),
            Kind::Altered => {
                let i = ws.len() / 2;
                let replacement = if ws[i].eq_ignore_ascii_case("never") {
                    "always"
                } else {
                    "never"
                };
                ws[i] = replacement.to_string();
                ws.join(" ")
            }
            Kind::Invented => {
                for i in (1..ws.len()).rev() {
                    let j = rng.below(i + 1);
                    ws.swap(i, j);
                }
                ws.join(" ")
            }
        };
        out.push(Planted {
            kind,
            text,
            doc: (kind != Kind::Invented).then_some(doc),
            original: s,
        });
    }
    out
}

const FILLER: &str = "The council met on Tuesday evening to discuss the budget for the coming year, and several members raised questions about the cost of repairs.";

pub fn draft_text(quotes: &[Planted]) -> String {
    let mut out = String::from("# Bench draft\n\n");
    for q in quotes {
        out.push_str(&format!(
            "{FILLER}\n\n\"{},\" said Alex Morgan.\n\n",
            q.text
        ));
    }
    out
}
