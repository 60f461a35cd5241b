//! The archive's fingerprint storage, as bytes: a segment's postings cut into bucket rows
//! of a few dozen postings each (by the top bits of the fingerprint), delta- and
//! varint-coded, and the fingerprints common in the segment in rows of their own. About
//! 5–6 bytes a posting with PostgreSQL's row overhead; docs/archive.md says why this
//! layout and not a row per posting or arrays under a GIN index.

/// Postings a bucket row holds on average: small enough that a lookup reads little, large
/// enough that PostgreSQL's ~50 bytes of row and index overhead are ~1 byte a posting.
pub const ROW_POSTINGS: usize = 48;

/// A fingerprint in more of a segment's articles than this gets a row of its own
/// (`common`), whose count a query reads without its docs: a bucket row never holds a
/// long list that a query would mostly skip.
pub const COMMON: usize = 256;

/// How many top bits of a fingerprint pick its bucket in a segment of `postings`.
pub fn bucket_bits(postings: usize) -> u32 {
    let buckets = (postings / ROW_POSTINGS).max(1);
    (usize::BITS - 1 - buckets.leading_zeros()).min(24)
}

/// A fingerprint's bucket in a segment with `bits` bucket bits.
pub fn bucket_of(fp: u32, bits: u32) -> u32 {
    if bits == 0 { 0 } else { fp >> (32 - bits) }
}

/// A segment's postings as rows: `(bucket, data)` and `(fingerprint, count, docs)`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rows {
    pub buckets: Vec<(u32, Vec<u8>)>,
    pub common: Vec<(u32, u32, Vec<u8>)>,
}

/// Encodes postings `(fingerprint, doc)` (doc: offset from the segment's base), sorted by
/// fingerprint then doc, each once.
pub fn encode(pairs: &[(u32, u32)], bits: u32) -> Rows {
    let mut rows = Rows::default();
    let mut i = 0;
    let mut current: Option<(u32, Vec<u8>, u32)> = None; // bucket, data, previous fp
    while i < pairs.len() {
        let fp = pairs[i].0;
        let end = i + pairs[i..].partition_point(|p| p.0 == fp);
        let docs = pairs[i..end].iter().map(|p| p.1);
        if end - i > COMMON {
            let mut data = Vec::new();
            put_docs(&mut data, docs);
            rows.common.push((fp, (end - i) as u32, data));
        } else {
            let bucket = bucket_of(fp, bits);
            if current.as_ref().is_some_and(|(b, _, _)| *b != bucket) {
                let (b, data, _) = current.take().unwrap_or_default();
                rows.buckets.push((b, data));
            }
            let (_, data, prev) = current.get_or_insert((bucket, Vec::new(), 0));
            put_varint(data, u64::from(fp - *prev));
            *prev = fp;
            put_varint(data, (end - i) as u64);
            put_docs(data, docs);
        }
        i = end;
    }
    if let Some((b, data, _)) = current {
        rows.buckets.push((b, data));
    }
    rows
}

fn put_docs(out: &mut Vec<u8>, docs: impl Iterator<Item = u32>) {
    let mut prev = 0u32;
    for (k, d) in docs.enumerate() {
        put_varint(out, u64::from(if k == 0 { d } else { d - prev }));
        prev = d;
    }
}

/// Calls `f(fingerprint, docs)` for each fingerprint of a bucket row, in order.
pub fn decode_bucket(data: &[u8], mut f: impl FnMut(u32, &[u32])) -> Option<()> {
    let mut r = Reader { data, at: 0 };
    let mut fp = 0u32;
    let mut docs = Vec::new();
    while !r.done() {
        fp = fp.checked_add(u32::try_from(r.varint()?).ok()?)?;
        let n = usize::try_from(r.varint()?).ok()?;
        docs.clear();
        read_docs(&mut r, n, &mut docs)?;
        f(fp, &docs);
    }
    Some(())
}

/// The docs of a common fingerprint's row.
pub fn decode_docs(data: &[u8], n: usize) -> Option<Vec<u32>> {
    let mut r = Reader { data, at: 0 };
    let mut docs = Vec::with_capacity(n);
    read_docs(&mut r, n, &mut docs)?;
    r.done().then_some(docs)
}

fn read_docs(r: &mut Reader<'_>, n: usize, out: &mut Vec<u32>) -> Option<()> {
    let mut doc = 0u32;
    for k in 0..n {
        let v = u32::try_from(r.varint()?).ok()?;
        doc = if k == 0 { v } else { doc.checked_add(v)? };
        out.push(doc);
    }
    Some(())
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip() {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for doc in 0..400u32 {
            pairs.push((0x0000_0007, doc)); // common: a row of its own
            pairs.push((doc.wrapping_mul(2_654_435_761), doc));
            pairs.push((u32::MAX - doc % 3, doc));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let bits = bucket_bits(pairs.len());
        let rows = encode(&pairs, bits);
        assert_eq!(rows.common.len(), 1, "fp 7, in all 400 docs");
        let mut back: Vec<(u32, u32)> = Vec::new();
        for (bucket, data) in &rows.buckets {
            decode_bucket(data, |fp, docs| {
                assert_eq!(bucket_of(fp, bits), *bucket);
                back.extend(docs.iter().map(|&d| (fp, d)));
            })
            .unwrap();
        }
        for (fp, n, data) in &rows.common {
            let docs = decode_docs(data, *n as usize).unwrap();
            back.extend(docs.into_iter().map(|d| (*fp, d)));
        }
        back.sort_unstable();
        assert_eq!(back, pairs);
        // Compact: a few bytes a posting.
        let bytes: usize = rows.buckets.iter().map(|(_, d)| d.len()).sum::<usize>()
            + rows.common.iter().map(|(_, _, d)| d.len()).sum::<usize>();
        assert!(bytes < pairs.len() * 4, "{bytes} bytes for {}", pairs.len());
        assert!(decode_docs(&[0x80], 1).is_none());
    }

    #[test]
    fn buckets_grow_with_the_segment() {
        assert_eq!(bucket_bits(10), 0);
        assert_eq!(bucket_bits(48 * 1024), 10);
        assert_eq!(bucket_bits(usize::MAX / 2), 24);
        assert_eq!(bucket_of(0xffff_ffff, 0), 0);
        assert_eq!(bucket_of(0xffff_ffff, 4), 15);
    }
}
