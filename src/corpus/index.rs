//! The fingerprint index: winnowed word k-grams (MOSS, Schleimer et al. 2003) and their
//! postings, in the flat byte layout that is both built in memory and memory-mapped.
//!
//! Layout of the postings (all little-endian), for `n` postings and `b` bucket bits (about
//! `n / 8` buckets): a directory of `2^b + 1` u32 (first posting of each bucket, by the top
//! `b` bits of the 32-bit fingerprint), then `n` tags (the low `32 - b` bits of the
//! fingerprint, in 2 bytes, or 1 once `b >= 24`), then `n` doc ids of `doc_bytes` bytes
//! each. Postings are sorted by (fingerprint, doc), so the docs of one fingerprint are one
//! contiguous run. Bucket and tag together give back the whole fingerprint, which is what
//! lets an update rebuild from the old index. About 5.5 bytes a posting in all.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Candidate, DocId};
use crate::text::FastHash;

/// Words in a k-gram. With `W`, `W + K - 1 = 5`: any 5 contiguous words hold a whole
/// window, so a shared run of 5 words always shares a selected fingerprint.
pub const K: usize = 3;
/// Winnowing window, in k-grams.
pub const W: usize = 3;

/// A fingerprint in more posting lists than this is too common to rank by ("one of the"),
/// and is ignored when the query has rarer ones.
pub const HUGE_POSTINGS: usize = 5_000;

/// The sizes that say where each part of the postings lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub bucket_bits: u32,
    /// 3 while doc ids fit in 24 bits, else 4: a quarter of the postings' bytes saved.
    pub doc_bytes: u32,
    pub count: u64,
}

/// The postings over borrowed bytes (owned or mapped).
#[derive(Debug, Clone, Copy)]
pub struct Postings<'a> {
    layout: Layout,
    dir: &'a [u8],
    tags: &'a [u8],
    docs: &'a [u8],
}

impl Layout {
    fn buckets(&self) -> usize {
        1usize << self.bucket_bits
    }

    /// Bytes a tag takes: enough for the fingerprint bits the bucket does not give.
    fn tag_bytes(&self) -> usize {
        if self.bucket_bits >= 24 { 1 } else { 2 }
    }

    fn tag_mask(&self) -> u32 {
        u32::MAX >> self.bucket_bits
    }

    fn dir_len(&self) -> usize {
        (self.buckets() + 1) * 4
    }

    /// Bytes the postings take, or `None` if the sizes overflow (a corrupt header).
    pub fn byte_len(&self) -> Option<usize> {
        if !(16..=30).contains(&self.bucket_bits) || !(3..=4).contains(&self.doc_bytes) {
            return None;
        }
        let n = usize::try_from(self.count).ok()?;
        let per = self.tag_bytes() + self.doc_bytes as usize;
        n.checked_mul(per)?.checked_add(self.dir_len())
    }

    /// The postings within `bytes`, which must be exactly `byte_len` long.
    pub fn view<'a>(&self, bytes: &'a [u8]) -> Option<Postings<'a>> {
        if Some(bytes.len()) != self.byte_len() {
            return None;
        }
        let n = self.count as usize;
        let (dir, rest) = bytes.split_at(self.dir_len());
        let (tags, docs) = rest.split_at(n * self.tag_bytes());
        let view = Postings {
            layout: *self,
            dir,
            tags,
            docs,
        };
        (view.dir_at(self.buckets()) == n).then_some(view)
    }
}

impl<'a> Postings<'a> {
    fn dir_at(&self, i: usize) -> usize {
        let b = &self.dir[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    }

    fn tag_at(&self, i: usize) -> u32 {
        if self.layout.tag_bytes() == 1 {
            u32::from(self.tags[i])
        } else {
            u32::from(u16::from_le_bytes([self.tags[i * 2], self.tags[i * 2 + 1]]))
        }
    }

    fn doc_at(&self, i: usize) -> DocId {
        let w = self.layout.doc_bytes as usize;
        let b = &self.docs[i * w..i * w + w];
        u32::from_le_bytes([b[0], b[1], b[2], if w == 4 { b[3] } else { 0 }])
    }

    /// The posting range of one fingerprint.
    fn range(&self, fingerprint: u32) -> std::ops::Range<usize> {
        let bucket = (fingerprint >> (32 - self.layout.bucket_bits)) as usize;
        let (lo, hi) = (self.dir_at(bucket), self.dir_at(bucket + 1));
        if lo >= hi || hi > self.layout.count as usize {
            return 0..0;
        }
        let tag = fingerprint & self.layout.tag_mask();
        let first = lo + partition(hi - lo, |i| self.tag_at(lo + i) < tag);
        let end = lo + partition(hi - lo, |i| self.tag_at(lo + i) <= tag);
        first..end.max(first)
    }

    /// Whether the directory only points forward and inside the postings. A directory that
    /// did not would make lookups panic; checked once when an index file is opened (it is
    /// `O(buckets)`, too slow for every lookup).
    pub fn is_valid(&self) -> bool {
        let n = self.layout.count as usize;
        let mut prev = 0;
        for b in 0..=self.layout.buckets() {
            let at = self.dir_at(b);
            if at < prev || at > n {
                return false;
            }
            prev = at;
        }
        prev == n
    }

    /// Every (fingerprint, doc) posting.
    #[cfg(test)]
    pub fn pairs(self) -> impl Iterator<Item = (u32, DocId)> + 'a {
        self.pairs_in(0..BINS as u32)
    }

    /// How many postings each bin (`bin_of`) holds, from the directory alone.
    pub fn bin_counts(&self) -> Vec<usize> {
        let per_bin = self.layout.buckets() >> BIN_BITS;
        (0..BINS)
            .map(|b| self.dir_at((b + 1) * per_bin) - self.dir_at(b * per_bin))
            .collect()
    }

    /// The doc of every posting, in index order.
    pub fn docs(self) -> impl Iterator<Item = DocId> + 'a {
        (0..self.layout.count as usize).map(move |i| self.doc_at(i))
    }

    /// The postings whose fingerprints fall in `bins` (`bin_of`): a contiguous run of
    /// buckets.
    pub fn pairs_in(self, bins: std::ops::Range<u32>) -> impl Iterator<Item = (u32, DocId)> + 'a {
        let shift = 32 - self.layout.bucket_bits;
        let per_bin = 1usize << (self.layout.bucket_bits - BIN_BITS);
        let (first, end) = (bins.start as usize * per_bin, bins.end as usize * per_bin);
        (first..end).flat_map(move |bucket| {
            let range = self.dir_at(bucket)..self.dir_at(bucket + 1);
            range.map(move |i| {
                let fp = ((bucket as u32) << shift) | self.tag_at(i);
                (fp, self.doc_at(i))
            })
        })
    }
}

/// First index in `0..n` where `pred` is false (`pred` true then false over the range).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The hash of every run of `K` consecutive words, in order.
pub fn kgrams(words: &[u64]) -> Vec<u32> {
    words
        .windows(K)
        .map(|gram| {
            let mut h = 0x9e37_79b9_7f4a_7c15u64;
            for &w in gram {
                // Multiply before adding so that word order matters.
                h = h.wrapping_mul(0x0000_0100_0000_01b3).wrapping_add(w);
            }
            (mix(h) >> 32) as u32
        })
        .collect()
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Robust winnowing: the smallest hash of each window of `W` k-grams (the rightmost one on a
/// tie), each selected position taken once. A text shorter than a window keeps its minimum.
pub fn winnow(grams: &[u32], out: &mut Vec<u32>) {
    if grams.is_empty() {
        return;
    }
    if grams.len() < W {
        out.extend(grams.iter().min());
        return;
    }
    let mut last: Option<usize> = None;
    for start in 0..=grams.len() - W {
        let mut best = start;
        for i in start + 1..start + W {
            if grams[i] <= grams[best] {
                best = i;
            }
        }
        if last != Some(best) {
            out.push(grams[best]);
            last = Some(best);
        }
    }
}

/// The fingerprints an article is indexed under: winnowed, sorted, each once.
pub fn fingerprints(word_hashes: &[u64]) -> Vec<u32> {
    let mut out = Vec::new();
    winnow(&kgrams(word_hashes), &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The index is built a slice of fingerprints at a time: only the slices in hand are ever
/// held sorted, a sixteenth of the postings each. A slice is a run of bins (fingerprints by
/// their top `BIN_BITS` bits), cut so that the slices hold about as many postings each:
/// winnowing keeps minima, so fingerprints crowd the low bins (by the top 4 bits alone, the
/// first slice held 250 times the postings of the last).
pub const SLICES: usize = 16;
pub const BIN_BITS: u32 = 12;
pub const BINS: usize = 1 << BIN_BITS;

/// Which bin a fingerprint falls in.
pub fn bin_of(fp: u32) -> u32 {
    fp >> (32 - BIN_BITS)
}

/// Slice boundaries, as bin numbers from 0 to `BINS`, that give the slices about the same
/// number of postings, given how many each bin holds.
pub fn even_cuts(bin_counts: &[usize]) -> Vec<u32> {
    let total: usize = bin_counts.iter().sum();
    let mut cuts = vec![0u32];
    let mut seen = 0usize;
    for (bin, &count) in bin_counts.iter().enumerate().take(BINS - 1) {
        seen += count;
        if cuts.len() < SLICES && seen * SLICES >= total * cuts.len() {
            cuts.push(bin as u32 + 1);
        }
    }
    cuts.push(BINS as u32);
    cuts.dedup();
    cuts
}

/// Slice boundaries of equal width (tests).
#[cfg(test)]
pub fn uniform_cuts() -> Vec<u32> {
    (0..=SLICES).map(|s| (s * BINS / SLICES) as u32).collect()
}

/// A posting as one sortable number: `fingerprint << 32 | doc`.
pub fn key(fp: u32, doc: DocId) -> u64 {
    (u64::from(fp) << 32) | u64::from(doc)
}

/// Lays out postings, appending them to `out`. `cuts` are the slices' boundaries (bins,
/// from 0 to `BINS`: `even_cuts`); `gather(bins)` gives the keys (`key`) whose fingerprints
/// fall in those bins, in any order, each at most once; `n` is how many there are in all.
/// Each slice is gathered, sorted and written in place, so the memory beyond the index
/// itself is the slices in hand.
pub fn build_into(
    gather: impl Fn(std::ops::Range<u32>) -> Vec<u64> + Sync,
    cuts: &[u32],
    n: usize,
    doc_count: usize,
    out: &mut Vec<u8>,
) -> Layout {
    build_with(gather, cuts, n, bucket_bits(n), doc_count, false, out)
}

/// `build_into` for a `gather` that gives each slice's keys in doc order (a fresh build:
/// the articles are gathered in doc order), so that a stable radix sort on the fingerprint
/// alone orders them: several times cheaper than the comparison sort, which was a third of
/// indexing a big corpus.
pub fn build_into_doc_ordered(
    gather: impl Fn(std::ops::Range<u32>) -> Vec<u64> + Sync,
    cuts: &[u32],
    n: usize,
    doc_count: usize,
    out: &mut Vec<u8>,
) -> Layout {
    build_with(gather, cuts, n, bucket_bits(n), doc_count, true, out)
}

/// Sorts one slice's keys by fingerprint, keeping the order of equal fingerprints: an LSD
/// radix sort over the 32 fingerprint bits, in three passes of 11, 11 and 10 bits: few
/// enough buckets that the scatter's writes stay in cache.
fn radix_sort_by_fingerprint(keys: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    const DIGITS: [(u32, u32); 3] = [(0, 11), (11, 11), (22, 10)];
    scratch.clear();
    scratch.resize(keys.len(), 0);
    let mut count = vec![0usize; 1 << 11];
    for (low, bits) in DIGITS {
        let shift = 32 + low;
        let mask = (1u64 << bits) - 1;
        let count = &mut count[..1 << bits];
        count.fill(0);
        for &k in keys.iter() {
            count[((k >> shift) & mask) as usize] += 1;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for &k in keys.iter() {
            let b = ((k >> shift) & mask) as usize;
            scratch[count[b]] = k;
            count[b] += 1;
        }
        std::mem::swap(keys, scratch);
    }
}

/// Most postings a bucket holds on average: a lookup bisects one bucket's tags.
const MAX_BUCKET_LOAD: usize = 64;

/// The bucket bits that make the postings smallest, with buckets of at most
/// `MAX_BUCKET_LOAD` postings on average: few buckets keep the directory small, but 24 bits
/// or more make tags one byte, which pays once the postings are many. The header records
/// the choice, so any value in `16..=30` reads back.
fn bucket_bits(n: usize) -> u32 {
    let least = (usize::BITS - (n / MAX_BUCKET_LOAD).max(1).leading_zeros()).clamp(16, 30);
    (least..=30)
        .min_by_key(|&b| {
            let layout = Layout {
                bucket_bits: b,
                doc_bytes: 3,
                count: n as u64,
            };
            layout.byte_len().unwrap_or(usize::MAX)
        })
        .unwrap_or(least)
}

/// `build_into` with the bucket bits chosen (tests use it for big-corpus layouts).
///
/// The slices are gathered and sorted as many at a time as there are cores, and each is
/// then written in place: a slice's buckets, tags and docs are its own parts of the index
/// (the slice bits are the top bits of the bucket bits), so the writes need no lock.
fn build_with(
    gather: impl Fn(std::ops::Range<u32>) -> Vec<u64> + Sync,
    cuts: &[u32],
    n: usize,
    bucket_bits: u32,
    doc_count: usize,
    doc_ordered: bool,
    out: &mut Vec<u8>,
) -> Layout {
    let layout = Layout {
        bucket_bits,
        doc_bytes: if doc_count <= 1 << 24 { 3 } else { 4 },
        count: n as u64,
    };
    let base = out.len();
    out.resize(base + layout.byte_len().unwrap_or(0), 0);
    let (dir, rest) = out[base..].split_at_mut(layout.dir_len());
    let (tag_bytes, doc_bytes) = (layout.tag_bytes(), layout.doc_bytes as usize);
    let (mut tags, mut docs) = rest.split_at_mut(n * tag_bytes);
    let (mut dir, end) = dir.split_at_mut(layout.buckets() * 4);
    end.copy_from_slice(&(n as u32).to_le_bytes());
    let per_bin = layout.buckets() >> BIN_BITS;
    let slices: Vec<std::ops::Range<u32>> = cuts.windows(2).map(|c| c[0]..c[1]).collect();
    let mut written = 0usize;
    for batch in slices.chunks(rayon::current_num_threads().clamp(1, 4)) {
        let sorted: Vec<Vec<u64>> = batch
            .par_iter()
            .map(|bins| {
                let mut keys = gather(bins.clone());
                if doc_ordered {
                    radix_sort_by_fingerprint(&mut keys, &mut Vec::new());
                } else {
                    keys.sort_unstable();
                }
                keys
            })
            .collect();
        let mut parts = Vec::with_capacity(batch.len());
        for (bins, mut keys) in batch.iter().zip(sorted) {
            // More pairs than `n` is a caller's bug: never write past the index.
            if written + keys.len() > n {
                debug_assert!(false, "more postings than announced");
                keys.truncate(n - written);
            }
            let len = keys.len();
            let buckets = (bins.end - bins.start) as usize * per_bin;
            let (d, d_rest) = std::mem::take(&mut dir).split_at_mut(buckets * 4);
            let (t, t_rest) = std::mem::take(&mut tags).split_at_mut(len * tag_bytes);
            let (o, o_rest) = std::mem::take(&mut docs).split_at_mut(len * doc_bytes);
            (dir, tags, docs) = (d_rest, t_rest, o_rest);
            parts.push((bins.start as usize * per_bin, keys, d, t, o, written));
            written += len;
        }
        parts
            .into_par_iter()
            .for_each(|(first_bucket, keys, dir, tags, docs, first)| {
                write_slice(&layout, first_bucket, &keys, first, dir, tags, docs);
            });
    }
    debug_assert_eq!(written, n, "fewer postings than announced");
    // Cuts that do not reach the last bin leave buckets unwritten: point them at the end.
    for at in dir.chunks_exact_mut(4) {
        at.copy_from_slice(&(n as u32).to_le_bytes());
    }
    layout
}

/// Writes one slice's sorted keys: its directory entries (from bucket `first_bucket`, as
/// absolute posting numbers from `first`), tags and docs.
fn write_slice(
    layout: &Layout,
    first_bucket: usize,
    keys: &[u64],
    first: usize,
    dir: &mut [u8],
    tags: &mut [u8],
    docs: &mut [u8],
) {
    let (tag_bytes, doc_bytes) = (layout.tag_bytes(), layout.doc_bytes as usize);
    let mask = layout.tag_mask();
    let shift = 32 - layout.bucket_bits;
    let buckets = dir.len() / 4;
    let mut bucket = 0usize;
    let mut set_dir = |bucket: usize, at: usize| {
        dir[bucket * 4..bucket * 4 + 4].copy_from_slice(&(at as u32).to_le_bytes());
    };
    for (i, &key) in keys.iter().enumerate() {
        let fp = (key >> 32) as u32;
        let b = ((fp >> shift) as usize)
            .saturating_sub(first_bucket)
            .min(buckets);
        while bucket <= b && bucket < buckets {
            set_dir(bucket, first + i);
            bucket += 1;
        }
        tags[i * tag_bytes..(i + 1) * tag_bytes]
            .copy_from_slice(&(fp & mask).to_le_bytes()[..tag_bytes]);
        docs[i * doc_bytes..(i + 1) * doc_bytes]
            .copy_from_slice(&(key as u32).to_le_bytes()[..doc_bytes]);
    }
    while bucket < buckets {
        set_dir(bucket, first + keys.len());
        bucket += 1;
    }
}

#[cfg(test)]
fn gather_test(pairs: &[(u32, DocId)], bins: std::ops::Range<u32>) -> Vec<u64> {
    pairs
        .iter()
        .filter(|&&(fp, _)| bins.contains(&bin_of(fp)))
        .map(|&(fp, doc)| key(fp, doc))
        .collect()
}

#[cfg(test)]
fn build(pairs: impl Iterator<Item = (u32, DocId)>, doc_count: usize) -> (Layout, Vec<u8>) {
    let pairs: Vec<_> = pairs.collect();
    let mut out = Vec::new();
    let cuts = uniform_cuts();
    let layout = build_into(
        |s| gather_test(&pairs, s),
        &cuts,
        pairs.len(),
        doc_count,
        &mut out,
    );
    (layout, out)
}

/// Articles sharing k-grams with the query words, best first: by how many of the query's
/// anchors (its own winnowed fingerprints) they hold, then by the rarity-weighed k-grams
/// they hold, then by how many, then lower doc id. All the query's k-grams are looked up,
/// not just the anchors, so any article fingerprint inside the quote is met.
///
/// Why anchors first: every window of `W` k-grams inside the quote is also a window of an
/// article that holds the quote verbatim, so that article selected the same minimum and
/// holds every anchor; a near-twin that differs at any word but the first or last two
/// lacks one. Counting all k-grams instead ranks twins by where their own winnowing fell.
pub fn candidates(postings: &Postings<'_>, words: &[u64], limit: usize) -> Vec<Candidate> {
    rank(words, limit, |gram| {
        let range = postings.range(gram);
        (range.len(), range.map(|i| postings.doc_at(i)))
    })
}

/// The k-grams a query is looked up by (sorted, each once) and its anchors (sorted).
pub fn query_grams(words: &[u64]) -> (Vec<u32>, Vec<u32>) {
    let all = kgrams(words);
    let mut anchors = Vec::new();
    winnow(&all, &mut anchors);
    anchors.sort_unstable();
    let mut grams = all;
    grams.sort_unstable();
    grams.dedup();
    (grams, anchors)
}

/// Do the query's grams include one held by some article but not too common to rank by?
/// When they do, the grams in more than `HUGE_POSTINGS` lists are not looked at; given the
/// length of each gram's posting list.
pub fn has_rare(lengths: impl IntoIterator<Item = usize>) -> bool {
    lengths.into_iter().any(|n| n > 0 && n <= HUGE_POSTINGS)
}

/// Is a posting list this long one that `rank` skips when the query has rarer grams?
pub fn is_huge(len: usize) -> bool {
    len > HUGE_POSTINGS
}

/// `candidates` over any store of postings: `lookup(gram)` gives the length of the gram's
/// posting list and its docs (read only when the gram is ranked by). The embedded index
/// and the archive rank with this one function, so both give the same candidates.
pub fn rank<D, I>(
    words: &[u64],
    limit: usize,
    lookup: impl Fn(u32) -> (usize, I),
) -> Vec<Candidate<D>>
where
    D: Copy + Ord + std::hash::Hash,
    I: Iterator<Item = D>,
{
    let (grams, anchors) = query_grams(words);
    let lists: Vec<(usize, I)> = grams.iter().map(|&g| lookup(g)).collect();
    let rare = has_rare(lists.iter().map(|(n, _)| *n));
    let mut found: HashMap<D, Candidate<D>, FastHash> = HashMap::default();
    for (&gram, (len, docs)) in grams.iter().zip(lists) {
        if is_huge(len) && rare {
            continue;
        }
        let anchor = u32::from(anchors.binary_search(&gram).is_ok());
        // Inverse document frequency: a k-gram in 1 article weighs ~1, in 100 ~0.2.
        let weight = 1.0 / (1.0 + (len as f32).ln());
        for doc in docs {
            let c = found.entry(doc).or_insert(Candidate {
                doc,
                anchors: 0,
                hits: 0,
                weight: 0.0,
            });
            c.anchors += anchor;
            c.hits += 1;
            c.weight += weight;
        }
    }
    let mut ranked: Vec<Candidate<D>> = found.into_values().collect();
    let order = |a: &Candidate<D>, b: &Candidate<D>| {
        b.anchors
            .cmp(&a.anchors)
            .then(b.weight.total_cmp(&a.weight))
            .then(b.hits.cmp(&a.hits))
            .then(a.doc.cmp(&b.doc))
    };
    // Thousands of articles share a k-gram or two at 1 GB: select the best, sort only them.
    if ranked.len() > limit && limit > 0 {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(order);
    ranked.truncate(limit);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn hashes(s: &str) -> Vec<u64> {
        words(s).iter().map(|w| w.hash).collect()
    }

    #[test]
    fn every_five_word_run_holds_a_selected_fingerprint() {
        let text = "the quick brown fox jumps over the lazy dog while a cat sleeps on the warm \
                    mat and the birds sing in the old oak tree near the river bank today";
        let h = hashes(text);
        let selected = fingerprints(&h);
        for run in h.windows(5) {
            let grams = kgrams(run);
            assert!(grams.iter().any(|g| selected.binary_search(g).is_ok()));
        }
    }

    #[test]
    fn layout_round_trips_keys() {
        // Some fingerprints shared by several docs, as common phrases are.
        let pairs: Vec<(u32, DocId)> = (0..1000u64)
            .map(|i| (mix(i % 600) as u32, i as DocId))
            .collect();
        let (layout, bytes) = build(pairs.iter().copied(), 1000);
        let view = layout.view(&bytes).unwrap();
        assert!(view.is_valid());
        let mut want = pairs.clone();
        want.sort_unstable();
        assert_eq!(view.pairs().collect::<Vec<_>>(), want);
        let (fp, doc) = want[10];
        let docs: Vec<_> = view.range(fp).map(|i| view.doc_at(i)).collect();
        assert!(docs.contains(&doc));
        assert!(docs.windows(2).all(|w| w[0] < w[1]));
        assert!(layout.view(&bytes[1..]).is_none());
    }

    #[test]
    #[cfg_attr(
        debug_assertions,
        ignore = "2^24 buckets take seconds unoptimised; `cargo test --release` runs it"
    )]
    fn wide_buckets_and_doc_ids() {
        // One-byte tags (24 bucket bits) and four-byte doc ids: the layouts of a big corpus.
        let pairs: Vec<(u32, DocId)> = (0..3000u64)
            .map(|i| (mix(i % 900) as u32, (i as DocId) << 12))
            .collect();
        let mut bytes = Vec::new();
        let layout = build_with(
            |s| gather_test(&pairs, s),
            &uniform_cuts(),
            pairs.len(),
            24,
            1 << 25,
            false,
            &mut bytes,
        );
        assert_eq!((layout.tag_bytes(), layout.doc_bytes), (1, 4));
        let view = layout.view(&bytes).unwrap();
        assert!(view.is_valid());
        let mut want = pairs.clone();
        want.sort_unstable();
        assert_eq!(view.pairs().collect::<Vec<_>>(), want);
        let (fp, doc) = want[77];
        assert!(view.range(fp).any(|i| view.doc_at(i) == doc));
    }

    fn layout_view_counts(layout: Layout, bytes: &[u8]) -> Vec<usize> {
        layout.view(bytes).unwrap().bin_counts()
    }

    #[test]
    fn doc_ordered_build_is_the_sorted_build() {
        // Pairs in doc order, as a fresh build gathers them; fingerprints spread over every
        // slice and shared by several docs.
        let mut pairs: Vec<(u32, DocId)> = Vec::new();
        for doc in 0..300u32 {
            let mut fps: Vec<u32> = (0..40u64)
                .map(|i| mix(u64::from(doc) * 7 % 50 + i * 13) as u32)
                .collect();
            fps.sort_unstable();
            fps.dedup();
            pairs.extend(fps.into_iter().map(|fp| (fp, doc)));
        }
        let gather = |s| gather_test(&pairs, s);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let la = build_into(gather, &uniform_cuts(), pairs.len(), 300, &mut a);
        // Cut by counts, as a real build is: the same bytes.
        let mut counts = vec![0; BINS];
        for &(fp, _) in &pairs {
            counts[bin_of(fp) as usize] += 1;
        }
        let cuts = even_cuts(&counts);
        assert!(cuts.len() > 2 && cuts[0] == 0 && *cuts.last().unwrap() == BINS as u32);
        let lb = build_into_doc_ordered(gather, &cuts, pairs.len(), 300, &mut b);
        assert_eq!((la, &a), (lb, &b));
        assert_eq!(layout_view_counts(lb, &b), counts);
    }

    #[test]
    fn ranks_by_shared_kgrams() {
        let docs = [
            "nothing to see here at all in this one",
            "he said there is no lack of confidence in the team today",
            "there is no lack of bread",
        ];
        let mut pairs = Vec::new();
        for (d, text) in docs.iter().enumerate() {
            for fp in fingerprints(&hashes(text)) {
                pairs.push((fp, d as DocId));
            }
        }
        let (layout, bytes) = build(pairs.iter().copied(), docs.len());
        let view = layout.view(&bytes).unwrap();
        let found = candidates(
            &view,
            &hashes("There is no lack of confidence in the team"),
            5,
        );
        assert_eq!(found[0].doc, 1);
        assert!(found.iter().all(|c| c.doc != 0));
    }

    /// Forty near-twins of a story, each with one word of the quoted passage changed, and
    /// the story holding it verbatim last: the verbatim one ranks first whatever its doc id,
    /// because it alone holds every anchor of the query. (Counting the query's k-grams held
    /// does not tell them apart: a changed word moves the twin's own winnowing onto
    /// neighbouring k-grams of the passage that the verbatim story did not select.)
    #[test]
    fn the_verbatim_holder_outranks_near_twins() {
        for story in 0..30 {
            let passage: Vec<String> = (0..14).map(|i| format!("s{story}w{i}")).collect();
            let query = passage.join(" ");
            let mut docs = Vec::new();
            for t in 0..40 {
                let mut words = passage.clone();
                words[2 + t % 10] = format!("changed{t}");
                docs.push(format!("the story begins {} and ends", words.join(" ")));
            }
            docs.push(format!("the story begins {query} and ends"));
            let mut pairs = Vec::new();
            for (d, text) in docs.iter().enumerate() {
                for fp in fingerprints(&hashes(text)) {
                    pairs.push((fp, d as DocId));
                }
            }
            let (layout, bytes) = build(pairs.iter().copied(), docs.len());
            let view = layout.view(&bytes).unwrap();
            let found = candidates(&view, &hashes(&query), 8);
            assert_eq!(found[0].doc, 40, "story {story}: {found:?}");
            assert!(found[1].anchors < found[0].anchors);
        }
    }
}
