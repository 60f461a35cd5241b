//! The archive beside the embedded index, in one run: ingest throughput and database size,
//! a 30-quotation draft's first and warm checks against each, and concurrent checkers.
//!
//!     VERBATIM_TEST_DATABASE_URL=postgres://verbatim@127.0.0.1:5432/postgres \
//!     cargo bench --features archive --bench archive -- --corpus 1GB=/work/bench-data/1g
//!
//! Each corpus gets a fresh database (`verbatim_bench_<name>`, dropped at the end) on the
//! server the URL names. Options: `--quick` (CI: 4 drafts, 5 s of concurrent checking),
//! `--drafts N` (10), `--checkers N` (16), `--seconds N` (60), `--keep` (leave the database),
//! `--layouts` (also store the same postings as a row each under a B-tree, and as an array
//! an article under a GIN index, and print their sizes: docs/archive.md).
//! Without `--corpus`, the BBC corpus in ../shared/corpus/bbc (or `VERBATIM_BBC_CORPUS`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use verbatim::archive::Archive;
use verbatim::archive::ingest::{Writer, init};
use verbatim::check::{CheckOptions, check_text};
use verbatim::corpus::{Corpus, OpenOptions};
use verbatim::draft::Format;
use verbatim::sources::Sources;

#[path = "common/drafts.rs"]
#[allow(dead_code)]
mod drafts;

struct Args {
    corpora: Vec<(String, PathBuf)>,
    drafts: usize,
    checkers: usize,
    seconds: u64,
    keep: bool,
    layouts: bool,
}

fn args() -> Args {
    let mut a = Args {
        corpora: Vec::new(),
        drafts: 10,
        checkers: 16,
        seconds: 60,
        keep: false,
        layouts: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the option");
        match arg.as_str() {
            "--corpus" => {
                let v = value();
                let (name, dir) = v.split_once('=').expect("--corpus NAME=DIR");
                a.corpora.push((name.to_string(), PathBuf::from(dir)));
            }
            "--drafts" => a.drafts = value().parse().expect("a number"),
            "--checkers" => a.checkers = value().parse().expect("a number"),
            "--seconds" => a.seconds = value().parse().expect("a number"),
            "--keep" => a.keep = true,
            "--layouts" => a.layouts = true,
            "--quick" => {
                a.drafts = 4;
                a.seconds = 5;
            }
            _ => {} // cargo bench passes --bench
        }
    }
    if a.corpora.is_empty() {
        let bbc = std::env::var("VERBATIM_BBC_CORPUS").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/bbc").into()
        });
        a.corpora.push(("BBC".into(), PathBuf::from(bbc)));
    }
    a
}

fn sql(url: &str, statement: &str) -> Vec<Vec<Option<String>>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .expect("connect");
        tokio::spawn(conn);
        let mut rows = Vec::new();
        for m in client.simple_query(statement).await.expect(statement) {
            if let tokio_postgres::SimpleQueryMessage::Row(r) = m {
                rows.push((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect());
            }
        }
        rows
    })
}

fn with_db(url: &str, db: &str) -> String {
    let scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[scheme..]
        .find(['/', '?'])
        .map_or(url.len(), |i| scheme + i);
    format!("{}/{db}", &url[..end])
}

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// First check of each draft on freshly opened sources, then 7 warm checks of each.
fn latencies(open: &dyn Fn() -> Arc<dyn Sources>, drafts: &[String]) -> (Vec<f64>, Vec<f64>) {
    let options = CheckOptions::default();
    let mut first = Vec::new();
    let mut warm = Vec::new();
    for d in drafts {
        let sources = open();
        let t = Instant::now();
        check_text(sources.as_ref(), d, Format::Markdown, &options);
        first.push(ms(t.elapsed()));
        for _ in 0..7 {
            let t = Instant::now();
            check_text(sources.as_ref(), d, Format::Markdown, &options);
            warm.push(ms(t.elapsed()));
        }
    }
    (first, warm)
}

/// `checkers` threads, each with sources of its own (`open`), checking the drafts in turn
/// for `seconds`: drafts a second and the p95 of a draft.
fn concurrent(
    open: &(dyn Fn() -> Arc<dyn Sources> + Sync),
    drafts: &[String],
    checkers: usize,
    seconds: u64,
) -> (f64, f64, f64) {
    let stop = Instant::now() + Duration::from_secs(seconds);
    let all: Vec<f64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..checkers)
            .map(|k| {
                s.spawn(move || {
                    let sources = open();
                    let options = CheckOptions::default();
                    let mut times = Vec::new();
                    let mut i = k;
                    while Instant::now() < stop {
                        let t = Instant::now();
                        check_text(
                            sources.as_ref(),
                            &drafts[i % drafts.len()],
                            Format::Markdown,
                            &options,
                        );
                        times.push(ms(t.elapsed()));
                        i += 1;
                    }
                    times
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    (
        all.len() as f64 / seconds as f64,
        pct(all.clone(), 0.5),
        pct(all, 0.95),
    )
}

/// The same postings in the two layouts the archive did not take, and their sizes.
fn layouts(url: &str, pairs: &[(u32, i64)], text: u64) {
    use tokio_postgres::binary_copy::BinaryCopyInWriter;
    use tokio_postgres::types::Type;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
            .batch_execute(
                "DROP TABLE IF EXISTS lay_rows, lay_arrays;
                 CREATE TABLE lay_rows (fp int4 NOT NULL, article int4 NOT NULL);
                 CREATE TABLE lay_arrays (article int4 NOT NULL, fps int4[] NOT NULL)",
            )
            .await
            .unwrap();
        let sink = client
            .copy_in("COPY lay_rows FROM STDIN (FORMAT binary)")
            .await
            .unwrap();
        let w = BinaryCopyInWriter::new(sink, &[Type::INT4, Type::INT4]);
        let mut w = std::pin::pin!(w);
        for &(fp, id) in pairs {
            w.as_mut()
                .write(&[&(fp as i32), &(id as i32)])
                .await
                .unwrap();
        }
        w.finish().await.unwrap();
        let mut by_article: Vec<(i64, u32)> = pairs.iter().map(|&(fp, id)| (id, fp)).collect();
        by_article.sort_unstable();
        let sink = client
            .copy_in("COPY lay_arrays FROM STDIN (FORMAT binary)")
            .await
            .unwrap();
        let w = BinaryCopyInWriter::new(sink, &[Type::INT4, Type::INT4_ARRAY]);
        let mut w = std::pin::pin!(w);
        for group in by_article.chunk_by(|a, b| a.0 == b.0) {
            let fps: Vec<i32> = group.iter().map(|&(_, fp)| fp as i32).collect();
            w.as_mut()
                .write(&[&(group[0].0 as i32), &fps])
                .await
                .unwrap();
        }
        w.finish().await.unwrap();
        client
            .batch_execute(
                "CREATE INDEX lay_rows_fp ON lay_rows (fp, article);
                 CREATE INDEX lay_arrays_gin ON lay_arrays USING gin (fps) WITH (fastupdate = off)",
            )
            .await
            .unwrap();
        client
            .batch_execute("VACUUM ANALYZE lay_rows")
            .await
            .unwrap();
        client
            .batch_execute("VACUUM ANALYZE lay_arrays")
            .await
            .unwrap();
        let size = |rel: &'static str| {
            let client = &client;
            async move {
                let row = client
                    .query_one("SELECT pg_total_relation_size($1::text::regclass)", &[&rel])
                    .await
                    .unwrap();
                row.get::<_, i64>(0) as f64
            }
        };
        let n = pairs.len() as f64;
        let packed = size("verbatim.postings").await + size("verbatim.common").await;
        let rows = size("lay_rows").await;
        let arrays = size("lay_arrays").await;
        for (name, bytes) in [
            ("packed bucket rows (the archive's)", packed),
            ("a row a posting + B-tree (fp, article)", rows),
            ("an int4[] an article + GIN", arrays),
        ] {
            println!(
                "layout: {name}: {:.1} MB, {:.1} bytes a posting, {:.2}× the text",
                bytes / 1e6,
                bytes / n,
                bytes / text as f64
            );
        }
        client
            .batch_execute("DROP TABLE lay_rows, lay_arrays")
            .await
            .unwrap();
    });
}

fn main() {
    let a = args();
    let Ok(server) = std::env::var("VERBATIM_TEST_DATABASE_URL") else {
        eprintln!("note: VERBATIM_TEST_DATABASE_URL is not set: archive bench skipped");
        return;
    };
    println!(
        "| corpus | text | articles | ingest | database (÷ text) | postings | first check p50 / p95 archive · embedded | warm p50 / p95 archive · embedded | {} checkers: drafts/s, p50 / p95 archive · embedded |",
        a.checkers
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, dir) in &a.corpora {
        let db = format!(
            "verbatim_bench_{}",
            name.to_ascii_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        );
        sql(
            &server,
            &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
        );
        sql(&server, &format!("CREATE DATABASE {db}"));
        let url = with_db(&server, &db);
        init(&url).expect("init");
        let mut writer = Writer::open(&url).expect("open for writing");
        let added = writer
            .add_corpus(std::slice::from_ref(dir), false)
            .expect("add");
        sql(&url, "VACUUM ANALYZE");
        let size: f64 = sql(
            &url,
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'verbatim' AND c.relkind IN ('r', 'm')",
        )[0][0]
            .as_deref()
            .unwrap_or("0")
            .parse()
            .unwrap_or(0.0);
        let segments = sql(&url, "SELECT count(*) FROM verbatim.segments")[0][0]
            .clone()
            .unwrap_or_default();
        let text_mb = added.bytes as f64 / 1e6;
        eprintln!(
            "{name}: {} articles, {text_mb:.1} MB in {:.1} s, database {:.1} MB, {segments} segment(s)",
            added.added,
            added.elapsed.as_secs_f64(),
            size / 1e6
        );

        if a.layouts {
            let pairs = writer.postings().expect("postings");
            layouts(&url, &pairs, added.bytes);
        }

        let cache = tempfile::tempdir().unwrap();
        let options = OpenOptions {
            cache_dir: Some(cache.path().to_path_buf()),
            ..OpenOptions::default()
        };
        let corpus = Corpus::open(std::slice::from_ref(dir), &options).expect("corpus");
        let planted = drafts::plant(&corpus, a.drafts * drafts::QUOTES_PER_DRAFT);
        let texts: Vec<String> = planted
            .chunks(drafts::QUOTES_PER_DRAFT)
            .map(drafts::draft_text)
            .collect();
        drop(corpus);

        let open_archive =
            || -> Arc<dyn Sources> { Arc::new(Archive::open(&url).expect("archive").0) };
        let open_corpus = || -> Arc<dyn Sources> {
            Arc::new(Corpus::open(std::slice::from_ref(dir), &options).expect("corpus"))
        };
        let (af, aw) = latencies(&open_archive, &texts);
        let (ef, ew) = latencies(&open_corpus, &texts);
        let (ar, a50, a95) = concurrent(&open_archive, &texts, a.checkers, a.seconds);
        // The embedded index: one process's index shared by the checkers (as one server).
        let shared = open_corpus();
        let (er, e50, e95) = concurrent(&|| Arc::clone(&shared), &texts, a.checkers, a.seconds);
        println!(
            "| {name} | {text_mb:.1} MB | {} | {:.1} MB/s | {:.0} MB ({:.2}×) | {} ({:.1} B each) | {:.1} / {:.1} ms · {:.1} / {:.1} ms | {:.1} / {:.1} ms · {:.1} / {:.1} ms | {ar:.0}/s, {a50:.0} / {a95:.0} ms · {er:.0}/s, {e50:.0} / {e95:.0} ms |",
            added.added,
            text_mb / added.elapsed.as_secs_f64(),
            size / 1e6,
            size / added.bytes as f64,
            added.postings,
            sql(&url, "SELECT pg_total_relation_size('verbatim.postings') + pg_total_relation_size('verbatim.common')")[0][0]
                .as_deref()
                .unwrap_or("0")
                .parse::<f64>()
                .unwrap_or(0.0)
                / added.postings.max(1) as f64,
            pct(af.clone(), 0.5),
            pct(af, 0.95),
            pct(ef.clone(), 0.5),
            pct(ef, 0.95),
            pct(aw.clone(), 0.5),
            pct(aw, 0.95),
            pct(ew.clone(), 0.5),
            pct(ew, 0.95),
        );
        if !a.keep {
            sql(
                &server,
                &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
            );
        }
    }
}
