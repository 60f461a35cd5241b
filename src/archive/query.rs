//! The questions a check asks an archive: one statement gives the posting lists of every
//! k-gram of every quotation of a draft (the bucket rows of every segment that may hold
//! them, the counts of the common ones, the retired articles), ranked here by the embedded
//! index's own ranking; a second fetches the candidate articles. Only parameters: no text
//! of a draft or an article is ever spliced into SQL.

use std::collections::{HashMap, HashSet};

use tokio_postgres::Row;

use super::postings::{decode_bucket, decode_docs};
use crate::corpus::{has_rare, query_grams, rank};
use crate::sources::ArticleId;
use crate::text::FastHash;

/// Posting lists of the draft's k-grams (`$1`, as int8): per segment, its bucket rows that
/// may hold them (one index scan over the buckets as an array), and the common ones' rows,
/// with their docs only where, over all segments, they are few enough to rank by (`$2`).
pub const FIND: &str = "
SELECT 0::int2 AS kind, p.segment, p.bucket::int8 AS key, 0 AS n, p.data, s.base
  FROM verbatim.segments s
 CROSS JOIN LATERAL (
       SELECT ARRAY(SELECT DISTINCT (CASE WHEN s.bits = 0 THEN 0 ELSE g >> (32 - s.bits) END)::int4
                      FROM unnest($1::int8[]) AS g) AS buckets) k
  JOIN verbatim.postings p ON p.segment = s.id AND p.bucket = ANY (k.buckets)
UNION ALL
SELECT 1::int2, c.segment, c.fp, c.n,
       CASE WHEN sum(c.n) OVER (PARTITION BY c.fp) <= $2 THEN c.docs END, s.base
  FROM verbatim.common c JOIN verbatim.segments s ON s.id = c.segment
 WHERE c.fp = ANY ($1::int8[])
UNION ALL
SELECT 2::int2, 0, r.article, 0, NULL::bytea, 0 FROM verbatim.retired r";

/// The docs of common k-grams (`$1`): asked only for a quotation made of common words
/// alone, which is ranked by them.
pub const COMMON: &str = "
SELECT c.fp, c.n, c.docs, s.base
  FROM verbatim.common c JOIN verbatim.segments s ON s.id = c.segment
 WHERE c.fp = ANY($1::int8[])";

/// The candidate articles (`$1`).
pub const FETCH: &str = "
SELECT id, path, title, url, outlet, author, published, format, text
  FROM verbatim.articles WHERE id = ANY($1::int8[])";

/// The posting lists a find gathered: per k-gram, its length and the docs read.
#[derive(Debug, Default)]
pub struct Lists {
    lists: HashMap<u32, List, FastHash>,
    retired: HashSet<u64, FastHash>,
}

#[derive(Debug, Default)]
struct List {
    len: usize,
    docs: Vec<u64>,
    /// Some common rows' docs were not sent (too many): `len` counts them, `docs` lacks them.
    partial: bool,
}

/// Every distinct k-gram of the queries, as the statement takes them.
pub fn grams_of(queries: &[Vec<u64>]) -> Vec<i64> {
    let mut all: Vec<u32> = queries.iter().flat_map(|q| query_grams(q).0).collect();
    all.sort_unstable();
    all.dedup();
    all.into_iter().map(i64::from).collect()
}

impl Lists {
    /// Reads the rows `FIND` returned; `None` if a row is not what this build writes.
    pub fn read(rows: &[Row], grams: &[i64]) -> Option<Lists> {
        let wanted: HashSet<u32, FastHash> = grams.iter().map(|&g| g as u32).collect();
        let mut out = Lists::default();
        for row in rows {
            let kind: i16 = row.try_get(0).ok()?;
            let key: i64 = row.try_get(2).ok()?;
            let base: i64 = row.try_get(5).ok()?;
            let data: Option<&[u8]> = row.try_get(4).ok()?;
            match kind {
                0 => decode_bucket(data?, |fp, docs| {
                    if wanted.contains(&fp) {
                        let list = out.lists.entry(fp).or_default();
                        list.len += docs.len();
                        list.docs
                            .extend(docs.iter().map(|&d| (base + i64::from(d)) as u64));
                    }
                })?,
                1 => {
                    let n: i32 = row.try_get(3).ok()?;
                    out.add_common(key as u32, n, data, base)?;
                }
                _ => {
                    out.retired.insert(key as u64);
                }
            }
        }
        Some(out)
    }

    fn add_common(&mut self, fp: u32, n: i32, data: Option<&[u8]>, base: i64) -> Option<()> {
        let n = usize::try_from(n).ok()?;
        let list = self.lists.entry(fp).or_default();
        list.len += n;
        match data {
            Some(data) => {
                let docs = decode_docs(data, n)?;
                list.docs
                    .extend(docs.into_iter().map(|d| (base + i64::from(d)) as u64));
            }
            None => list.partial = true,
        }
        Some(())
    }

    /// The k-grams whose docs a query needs and that were not sent: those of a query with
    /// no rare k-gram (it is ranked by its common ones).
    pub fn missing(&self, queries: &[Vec<u64>]) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for q in queries {
            let (grams, _) = query_grams(q);
            let lens = grams.iter().map(|g| self.lists.get(g).map_or(0, |l| l.len));
            if has_rare(lens) {
                continue;
            }
            out.extend(
                grams
                    .iter()
                    .filter(|g| self.lists.get(g).is_some_and(|l| l.partial))
                    .map(|&g| i64::from(g)),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Fills in the docs `COMMON` returned for the grams `missing` named (their counts
    /// were taken already, without the docs).
    pub fn complete(&mut self, rows: &[Row]) -> Option<()> {
        for row in rows {
            let fp = row.try_get::<_, i64>(0).ok()? as u32;
            let n: i32 = row.try_get(1).ok()?;
            let data: &[u8] = row.try_get(2).ok()?;
            let base: i64 = row.try_get(3).ok()?;
            let list = self.lists.get_mut(&fp)?;
            list.len = list.len.checked_sub(usize::try_from(n).ok()?)?;
            list.partial = false;
            self.add_common(fp, n, Some(data), base)?;
        }
        Some(())
    }

    /// The candidates of each query, best first, ranked as the embedded index ranks them
    /// (articles replaced since their segment was written left out).
    pub fn rank(mut self, queries: &[Vec<u64>], limit: usize) -> Vec<Vec<ArticleId>> {
        if !self.retired.is_empty() {
            let retired = std::mem::take(&mut self.retired);
            for list in self.lists.values_mut() {
                let before = list.docs.len();
                list.docs.retain(|d| !retired.contains(d));
                list.len -= before - list.docs.len();
            }
        }
        queries
            .iter()
            .map(|q| {
                rank(q, limit, |g| match self.lists.get(&g) {
                    Some(l) => (l.len, l.docs.iter().copied()),
                    None => (0, [].iter().copied()),
                })
                .into_iter()
                .map(|c| c.doc)
                .collect()
            })
            .collect()
    }
}
