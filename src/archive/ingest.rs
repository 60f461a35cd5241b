//! Writing an archive: `init` (the migrations), `add` (articles from corpus folders or a
//! .jsonl feed, in bulk with binary `COPY`) and `compact` (merging segments).
//!
//! Each batch of articles is one transaction: the articles, and a segment with their
//! postings; an interrupted add leaves whole batches and nothing half-written, and adding
//! again skips what is there (same key, same content hash) and replaces what changed (same
//! key, another hash). The batches of one add are merged into one segment at its end, and
//! segments of about the same size are merged four at a time (size-tiered), so a query
//! reads a few segments however the archive was filled.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tokio_postgres::Client;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::{ToSql, Type};

use super::address::{Address, ProcessEnv};
use super::link::{Access, Failure, connect, describe};
use super::postings::{self, Rows};
use crate::corpus::{FileArticle, LoadWarning, Parsed, fingerprints, read_articles};
use crate::draft::Format;

/// Told for each interview transcript a corpus folder holds: the archive keeps articles only.
pub const TRANSCRIPT_SKIPPED: &str = "an interview transcript: not added (the archive keeps no speakers or times); check it from its folder, beside the archive";

/// Text a batch holds before it is written: a transaction of a few seconds.
const BATCH_BYTES: usize = 16_000_000;
/// Postings an add keeps in memory to merge its batches at the end (8 bytes each); past
/// this, what it holds is merged into one segment and it starts again.
const RUN_POSTINGS: usize = 96_000_000;
/// Segments of about the same size (within a factor of `TIER`) are merged once `TIER` of
/// them are there.
const TIER: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Address(#[from] super::address::AddressError),
    #[error("archive {name}: {message}")]
    Archive { name: String, message: String },
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    #[error("reading the feed: {0}")]
    Io(#[from] std::io::Error),
}

/// What an add did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// Articles read.
    pub read: usize,
    /// Written as new.
    pub added: usize,
    /// Written as a new version of an article already there.
    pub replaced: usize,
    /// Already there, the same.
    pub unchanged: usize,
    /// Text bytes written.
    pub bytes: u64,
    pub postings: u64,
    /// Problems with single files or lines: told, and the rest added.
    pub warnings: Vec<LoadWarning>,
    pub elapsed: Duration,
}

/// An archive opened for writing.
pub struct Writer {
    name: String,
    runtime: tokio::runtime::Runtime,
    client: Client,
}

/// One article ready to be written.
struct Item {
    key: String,
    hash: Vec<u8>,
    path: String,
    parsed: Parsed,
    format: Format,
    fingerprints: Vec<u32>,
}

/// The postings of the batches an add wrote so far, for the merge at its end.
#[derive(Default)]
struct Run {
    segments: Vec<i32>,
    /// `fingerprint << 32 | (id - base)`.
    keys: Vec<u64>,
    base: Option<i64>,
}

impl Writer {
    /// Connects with a writable session (the ingest role).
    pub fn open(url: &str) -> Result<Writer, IngestError> {
        let address = Address::parse(url, &ProcessEnv)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let name = address.name.clone();
        let client =
            runtime
                .block_on(connect_writer(&address))
                .map_err(|e| IngestError::Archive {
                    name: name.clone(),
                    message: e.to_string(),
                })?;
        Ok(Writer {
            name,
            runtime,
            client,
        })
    }

    fn fail(&self, e: tokio_postgres::Error) -> IngestError {
        IngestError::Archive {
            name: self.name.clone(),
            message: describe(&e),
        }
    }

    /// Adds every article under the corpus folders `roots` (interview transcripts aside:
    /// `TRANSCRIPT_SKIPPED`).
    pub fn add_corpus(
        &mut self,
        roots: &[PathBuf],
        follow_links_outside: bool,
    ) -> Result<Added, IngestError> {
        let mut warnings = Vec::new();
        let mut added = self.pipeline(|send| {
            let mut batch: Vec<FileArticle> = Vec::new();
            let mut bytes = 0usize;
            let mut open = true;
            read_articles(roots, follow_links_outside, |articles, problems| {
                warnings.extend(problems);
                for a in articles {
                    // The archive has no place for a transcript's speakers and times: as
                    // bare text its quotations would read as narration with guessed
                    // speakers. Checked from its folder it keeps them.
                    if a.parsed.spoken.is_some() {
                        warnings.push(LoadWarning {
                            path: PathBuf::from(&a.path),
                            message: TRANSCRIPT_SKIPPED.to_string(),
                        });
                        continue;
                    }
                    bytes += a.parsed.text.len();
                    batch.push(a);
                }
                if open && bytes >= BATCH_BYTES {
                    bytes = 0;
                    open = send(items_of(std::mem::take(&mut batch), KeyBy::Path));
                }
            })?;
            if open {
                send(items_of(batch, KeyBy::Path));
            }
            Ok(())
        })?;
        added.warnings = warnings;
        Ok(added)
    }

    /// Adds the articles of a .jsonl feed (one article a line, as in a corpus), named
    /// `name#N` in reports.
    pub fn add_jsonl(&mut self, input: impl BufRead, name: &str) -> Result<Added, IngestError> {
        let mut warnings = Vec::new();
        let mut added = self.pipeline(|send| {
            let mut lines: Vec<(usize, Vec<u8>)> = Vec::new();
            let mut bytes = 0usize;
            for (n, line) in input.split(b'\n').enumerate() {
                let mut line = line?;
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                bytes += line.len();
                lines.push((n + 1, line));
                if bytes >= BATCH_BYTES {
                    bytes = 0;
                    let articles = feed_articles(std::mem::take(&mut lines), name, &mut warnings);
                    if !send(items_of(articles, KeyBy::Url)) {
                        return Ok(());
                    }
                }
            }
            send(items_of(
                feed_articles(lines, name, &mut warnings),
                KeyBy::Url,
            ));
            Ok(())
        })?;
        added.warnings = warnings;
        Ok(added)
    }

    /// Writes the batches `produce` hands over on a thread of their own, so that reading
    /// and fingerprinting the next batch (on every core) overlaps the server's writing of
    /// this one; then merges the add's batches and tiers the segments. `send` returns
    /// false once writing has failed: `produce` should stop.
    fn pipeline(
        &mut self,
        produce: impl FnOnce(&mut dyn FnMut(Vec<Item>) -> bool) -> Result<(), IngestError>,
    ) -> Result<Added, IngestError> {
        let started = Instant::now();
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(1);
        let name = self.name.as_str();
        let (runtime, client) = (&self.runtime, &mut self.client);
        let (produced, written) = std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> Result<(Added, Run), IngestError> {
                let mut added = Added::default();
                let mut run = Run::default();
                for items in rx {
                    added.read += items.len();
                    if items.is_empty() {
                        continue;
                    }
                    let w = runtime
                        .block_on(write_batch(client, items))
                        .map_err(|e| archive_error(name, &describe(&e)))?;
                    added.added += w.added;
                    added.replaced += w.replaced;
                    added.unchanged += w.unchanged;
                    added.bytes += w.bytes;
                    added.postings += w.keys.len() as u64;
                    if let Some(segment) = w.segment {
                        let base = *run.base.get_or_insert(w.base);
                        run.segments.push(segment);
                        let shift = (w.base - base) as u64;
                        run.keys.extend(w.keys.iter().map(|k| k + shift));
                        if run.keys.len() >= RUN_POSTINGS {
                            runtime
                                .block_on(finish_run(client, std::mem::take(&mut run)))
                                .map_err(|e| archive_error(name, &describe(&e)))?;
                        }
                    }
                }
                Ok((added, run))
            });
            let mut send = |items: Vec<Item>| tx.send(items).is_ok();
            let produced = produce(&mut send);
            drop(tx);
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(archive_error(name, &"the writer thread panicked")));
            (produced, written)
        });
        let (mut added, run) = written?;
        produced?;
        self.runtime
            .block_on(finish_run(&mut self.client, run))
            .map_err(|e| self.fail(e))?;
        self.tier()?;
        added.elapsed = started.elapsed();
        Ok(added)
    }

    /// Merges every segment into one (dropping the postings of replaced articles).
    pub fn compact(&mut self) -> Result<usize, IngestError> {
        let all: Vec<i32> = self
            .runtime
            .block_on(
                self.client
                    .query("SELECT id FROM verbatim.segments ORDER BY id", &[]),
            )
            .map_err(|e| self.fail(e))?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if all.len() > 1 || self.retired()? > 0 {
            self.merge_stored(&all, true)?;
        }
        Ok(all.len())
    }

    /// Every posting of the archive as `(fingerprint, article id)`: for measuring other
    /// layouts of the same postings (benches/archive.rs `--layouts`).
    pub fn postings(&mut self) -> Result<Vec<(u32, i64)>, IngestError> {
        let all: Vec<i32> = self
            .runtime
            .block_on(self.client.query("SELECT id FROM verbatim.segments", &[]))
            .map_err(|e| self.fail(e))?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let (base, pairs) = self
            .runtime
            .block_on(read_segments(&self.client, &all))
            .map_err(|e| self.fail(e))?;
        Ok(pairs
            .into_iter()
            .map(|(fp, d)| (fp, base + i64::from(d)))
            .collect())
    }

    fn retired(&self) -> Result<i64, IngestError> {
        let row = self
            .runtime
            .block_on(
                self.client
                    .query_one("SELECT count(*) FROM verbatim.retired", &[]),
            )
            .map_err(|e| self.fail(e))?;
        Ok(row.get(0))
    }

    /// Size-tiered merging: while `TIER` segments are of about the same size, merge them.
    fn tier(&mut self) -> Result<(), IngestError> {
        loop {
            let rows = self
                .runtime
                .block_on(self.client.query(
                    "SELECT id, postings FROM verbatim.segments ORDER BY id",
                    &[],
                ))
                .map_err(|e| self.fail(e))?;
            let mut tiers: HashMap<u32, Vec<i32>> = HashMap::new();
            for r in &rows {
                let postings: i64 = r.get(1);
                let tier = (postings.max(1) as f64).log(TIER as f64) as u32;
                tiers.entry(tier).or_default().push(r.get(0));
            }
            let Some(group) = tiers.into_values().find(|g| g.len() >= TIER) else {
                return Ok(());
            };
            self.merge_stored(&group, false)?;
        }
    }

    /// Merges stored segments into one, reading their rows back.
    fn merge_stored(&mut self, segments: &[i32], all: bool) -> Result<(), IngestError> {
        let (base, pairs) = self
            .runtime
            .block_on(read_segments(&self.client, segments))
            .map_err(|e| self.fail(e))?;
        let articles = count_docs(&pairs);
        self.runtime
            .block_on(replace_segments(
                &mut self.client,
                segments,
                base,
                &pairs,
                articles,
                all,
            ))
            .map_err(|e| self.fail(e))
    }
}

/// Merges the batches an add wrote into one segment, from the postings it kept.
async fn finish_run(client: &mut Client, mut run: Run) -> Result<(), tokio_postgres::Error> {
    if run.segments.len() < 2 {
        return Ok(());
    }
    let base = run.base.unwrap_or(0);
    run.keys.sort_unstable();
    let pairs: Vec<(u32, u32)> = run
        .keys
        .iter()
        .map(|&k| ((k >> 32) as u32, k as u32))
        .collect();
    let articles = count_docs(&pairs);
    replace_segments(client, &run.segments, base, &pairs, articles, false).await
}

fn archive_error(name: &str, e: &dyn std::fmt::Display) -> IngestError {
    IngestError::Archive {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// The articles of a feed's lines (`name#N`); broken lines told in `warnings`.
fn feed_articles(
    lines: Vec<(usize, Vec<u8>)>,
    name: &str,
    warnings: &mut Vec<LoadWarning>,
) -> Vec<FileArticle> {
    let parsed: Vec<Result<FileArticle, LoadWarning>> = lines
        .into_par_iter()
        .map(|(n, bytes)| {
            let mut p = crate::corpus::parse_jsonl_line(&bytes).map_err(|e| LoadWarning {
                path: PathBuf::from(format!("{name}#{n}")),
                message: format!("{e}, line skipped"),
            })?;
            p.line = n as u32;
            Ok(FileArticle {
                path: format!("{name}#{n}"),
                format: Format::Plain,
                parsed: p,
            })
        })
        .collect();
    let mut articles = Vec::new();
    for p in parsed {
        match p {
            Ok(a) => articles.push(a),
            Err(w) => warnings.push(w),
        }
    }
    articles
}

/// Applies the migrations the archive lacks; returns those applied.
pub fn init(url: &str) -> Result<Vec<(i32, &'static str)>, IngestError> {
    let address = Address::parse(url, &ProcessEnv)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let fail = |e: &tokio_postgres::Error| IngestError::Archive {
        name: address.name.clone(),
        message: describe(e),
    };
    runtime.block_on(async {
        let (mut client, connection) = address
            .config
            .connect(tokio_postgres::NoTls)
            .await
            .map_err(|e| fail(&e))?;
        tokio::spawn(connection);
        super::schema::migrate(&mut client)
            .await
            .map_err(|e| fail(&e))
    })
}

async fn connect_writer(address: &Address) -> Result<Client, Failure> {
    let conn = connect(address, Access::Write).await?;
    // Ingest statements may take longer than a check's; an add that is cut off resumes.
    conn.client
        .batch_execute("SET statement_timeout = 0; SET synchronous_commit = off")
        .await?;
    Ok(conn.client)
}

/// What makes two versions one article.
#[derive(Clone, Copy)]
enum KeyBy {
    /// Its url, else its path in the corpus.
    Path,
    /// Its url, else its content (a feed line without a url is never replaced).
    Url,
}

fn items_of(articles: Vec<FileArticle>, key_by: KeyBy) -> Vec<Item> {
    let mut items: Vec<Item> = articles
        .into_par_iter()
        .map(|a| {
            let mut parsed = a.parsed;
            // PostgreSQL text holds no NUL; a space keeps every offset.
            if parsed.text.contains('\0') {
                parsed.text = parsed.text.replace('\0', " ");
            }
            let hash = content_hash(&parsed, a.format);
            let key = match (&parsed.url, key_by) {
                (Some(url), _) => url.clone(),
                (None, KeyBy::Path) => a.path.clone(),
                (None, KeyBy::Url) => format!("sha256:{}", hex(&hash)),
            };
            let hashes = crate::text::word_hashes(&parsed.text);
            Item {
                key,
                hash,
                path: a.path,
                fingerprints: fingerprints(&hashes),
                parsed,
                format: a.format,
            }
        })
        .collect();
    // A key twice in one batch (a feed that updates a story): the last version counts.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        last.insert(it.key.as_str(), i);
    }
    let keep: Vec<bool> = items
        .iter()
        .enumerate()
        .map(|(i, it)| last[it.key.as_str()] == i)
        .collect();
    let mut k = keep.into_iter();
    items.retain(|_| k.next().unwrap_or(true));
    items
}

fn content_hash(p: &Parsed, format: Format) -> Vec<u8> {
    let mut h = Sha256::new();
    for field in [
        Some(p.title.as_str()),
        p.url.as_deref(),
        p.outlet.as_deref(),
        p.author.as_deref(),
        p.date.as_deref(),
        Some(if format == Format::Markdown {
            "md"
        } else {
            "txt"
        }),
        Some(p.text.as_str()),
    ] {
        match field {
            Some(f) => {
                h.update([1u8]);
                h.update((f.len() as u64).to_le_bytes());
                h.update(f.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    h.finalize().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What one batch wrote.
#[derive(Default)]
struct Written {
    added: usize,
    replaced: usize,
    unchanged: usize,
    bytes: u64,
    segment: Option<i32>,
    base: i64,
    /// `fingerprint << 32 | (id - base)`, for the add's final merge.
    keys: Vec<u64>,
}

async fn write_batch(
    client: &mut Client,
    mut items: Vec<Item>,
) -> Result<Written, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
    let known: HashMap<String, (Vec<u8>, i64)> = tx
        .query(
            "SELECT key, hash, id FROM verbatim.articles WHERE key = ANY($1)",
            &[&keys],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect();
    let mut out = Written::default();
    let mut old: Vec<i64> = Vec::new();
    items.retain(|it| match known.get(&it.key) {
        Some((hash, _)) if *hash == it.hash => {
            out.unchanged += 1;
            false
        }
        Some((_, id)) => {
            old.push(*id);
            true
        }
        None => true,
    });
    out.replaced = old.len();
    out.added = items.len() - old.len();
    if items.is_empty() {
        tx.commit().await?;
        return Ok(out);
    }
    if !old.is_empty() {
        tx.execute("DELETE FROM verbatim.articles WHERE id = ANY($1)", &[&old])
            .await?;
        tx.execute(
            "INSERT INTO verbatim.retired SELECT unnest($1::int8[]) ON CONFLICT DO NOTHING",
            &[&old],
        )
        .await?;
    }
    let n = items.len() as i64;
    let mut ids: Vec<i64> = tx
        .query(
            "SELECT nextval('verbatim.article_ids') FROM generate_series(1, $1::int8)",
            &[&n],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    ids.sort_unstable();
    let base = ids[0];
    let sink = tx
        .copy_in(
            "COPY verbatim.articles (id, key, hash, path, title, url, outlet, author, published, \
             published_key, format, text) FROM STDIN (FORMAT binary)",
        )
        .await?;
    let types = [
        Type::INT8,
        Type::TEXT,
        Type::BYTEA,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::TEXT,
        Type::INT2,
        Type::TEXT,
    ];
    let writer = BinaryCopyInWriter::new(sink, &types);
    let mut writer = std::pin::pin!(writer);
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for (it, &id) in items.iter().zip(&ids) {
        let p = &it.parsed;
        let date_key = p.date.as_deref().and_then(crate::sources::date_key);
        let format: i16 = if it.format == Format::Markdown { 1 } else { 0 };
        let row: [&(dyn ToSql + Sync); 12] = [
            &id, &it.key, &it.hash, &it.path, &p.title, &p.url, &p.outlet, &p.author, &p.date,
            &date_key, &format, &p.text,
        ];
        writer.as_mut().write(&row).await?;
        out.bytes += p.text.len() as u64;
        let doc = (id - base) as u32;
        pairs.extend(it.fingerprints.iter().map(|&fp| (fp, doc)));
    }
    writer.finish().await?;
    pairs.sort_unstable();
    let articles = items.len() as i32;
    out.segment = Some(write_segment(&tx, base, &pairs, articles).await?);
    tx.commit().await?;
    out.base = base;
    out.keys = pairs
        .iter()
        .map(|&(fp, d)| (u64::from(fp) << 32) | u64::from(d))
        .collect();
    Ok(out)
}

/// Writes a segment of sorted postings `(fingerprint, id - base)`; returns its id.
async fn write_segment(
    tx: &tokio_postgres::Transaction<'_>,
    base: i64,
    pairs: &[(u32, u32)],
    articles: i32,
) -> Result<i32, tokio_postgres::Error> {
    let bits = postings::bucket_bits(pairs.len());
    let Rows { buckets, common } = postings::encode(pairs, bits);
    let row = tx
        .query_one(
            "INSERT INTO verbatim.segments (bits, base, postings, articles) VALUES ($1, $2, $3, $4) RETURNING id",
            &[&(bits as i32), &base, &(pairs.len() as i64), &articles],
        )
        .await?;
    let segment: i32 = row.get(0);
    let sink = tx
        .copy_in("COPY verbatim.postings (segment, bucket, data) FROM STDIN (FORMAT binary)")
        .await?;
    let writer = BinaryCopyInWriter::new(sink, &[Type::INT4, Type::INT4, Type::BYTEA]);
    let mut writer = std::pin::pin!(writer);
    for (bucket, data) in &buckets {
        writer
            .as_mut()
            .write(&[&segment, &(*bucket as i32), data])
            .await?;
    }
    writer.finish().await?;
    let sink = tx
        .copy_in("COPY verbatim.common (fp, segment, n, docs) FROM STDIN (FORMAT binary)")
        .await?;
    let writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT4, Type::INT4, Type::BYTEA]);
    let mut writer = std::pin::pin!(writer);
    for (fp, n, data) in &common {
        writer
            .as_mut()
            .write(&[&i64::from(*fp), &segment, &(*n as i32), data])
            .await?;
    }
    writer.finish().await?;
    Ok(segment)
}

/// In one transaction: writes the merged segment and deletes the ones it replaces (and,
/// for a merge of every segment, forgets the retired articles whose postings it dropped).
async fn replace_segments(
    client: &mut Client,
    old: &[i32],
    base: i64,
    pairs: &[(u32, u32)],
    articles: i32,
    all: bool,
) -> Result<(), tokio_postgres::Error> {
    let tx = client.transaction().await?;
    let retired: Vec<i64> = tx
        .query("SELECT article FROM verbatim.retired", &[])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let kept: Vec<(u32, u32)> = if retired.is_empty() {
        pairs.to_vec()
    } else {
        let gone: std::collections::HashSet<i64> = retired.into_iter().collect();
        pairs
            .iter()
            .copied()
            .filter(|&(_, d)| !gone.contains(&(base + i64::from(d))))
            .collect()
    };
    tx.execute(
        "DELETE FROM verbatim.postings WHERE segment = ANY($1)",
        &[&old],
    )
    .await?;
    tx.execute(
        "DELETE FROM verbatim.common WHERE segment = ANY($1)",
        &[&old],
    )
    .await?;
    tx.execute("DELETE FROM verbatim.segments WHERE id = ANY($1)", &[&old])
        .await?;
    if all {
        tx.execute("DELETE FROM verbatim.retired", &[]).await?;
    }
    if !kept.is_empty() {
        write_segment(&tx, base, &kept, articles).await?;
    }
    tx.commit().await
}

/// The postings of stored segments, as `(fingerprint, id - base)` sorted, and the base.
async fn read_segments(
    client: &Client,
    segments: &[i32],
) -> Result<(i64, Vec<(u32, u32)>), tokio_postgres::Error> {
    let bases: HashMap<i32, i64> = client
        .query(
            "SELECT id, base FROM verbatim.segments WHERE id = ANY($1)",
            &[&segments],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let base = bases.values().copied().min().unwrap_or(0);
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let shift = |segment: i32| bases.get(&segment).map_or(0, |b| (b - base) as u32);
    for row in client
        .query(
            "SELECT segment, data FROM verbatim.postings WHERE segment = ANY($1)",
            &[&segments],
        )
        .await?
    {
        let s = shift(row.get(0));
        let data: &[u8] = row.get(1);
        postings::decode_bucket(data, |fp, docs| {
            pairs.extend(docs.iter().map(|&d| (fp, d + s)))
        });
    }
    for row in client
        .query(
            "SELECT segment, fp, n, docs FROM verbatim.common WHERE segment = ANY($1)",
            &[&segments],
        )
        .await?
    {
        let s = shift(row.get(0));
        let fp: i64 = row.get(1);
        let n: i32 = row.get(2);
        let data: &[u8] = row.get(3);
        if let Some(docs) = postings::decode_docs(data, n as usize) {
            pairs.extend(docs.into_iter().map(|d| (fp as u32, d + s)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    Ok((base, pairs))
}

fn count_docs(pairs: &[(u32, u32)]) -> i32 {
    let mut docs: Vec<u32> = pairs.iter().map(|p| p.1).collect();
    docs.sort_unstable();
    docs.dedup();
    docs.len() as i32
}
