//! Engine timings on the BBC corpus: indexing from scratch, opening from a warm cache,
//! candidate lookup, and checking a ~1,000-word draft.
//! `VERBATIM_BBC_CORPUS=DIR cargo bench --bench engine` (`-- --quick` for fewer runs, as CI
//! does; `-- --scale N` also times a corpus of N altered copies of BBC, as .jsonl files, to
//! see how the index grows). Without `VERBATIM_BBC_CORPUS` it says so and times nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use verbatim::check::{CheckOptions, Wording, check_text};
use verbatim::corpus::{Corpus, DocId, OpenOptions};
use verbatim::draft::Format;
use verbatim::text::words;

/// Median, fastest and slowest of the timed runs.
struct Timing {
    median: Duration,
    min: Duration,
    max: Duration,
    runs: usize,
}

fn measure(warmup: usize, runs: usize, mut f: impl FnMut()) -> Timing {
    for _ in 0..warmup {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    Timing {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
        runs,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn row(name: &str, t: &Timing, note: &str) {
    println!(
        "{name:<28} {:>11} {:>11} {:>11} {:>5}  {note}",
        ms(t.median),
        ms(t.min),
        ms(t.max),
        t.runs
    );
}

/// A sentence of an article's body with 8 to 30 words, quotation marks removed, so it can be
/// quoted in the draft.
fn quotable(text: &str) -> Option<String> {
    text.lines()
        .skip(1)
        .flat_map(|l| l.split(". "))
        .map(|s| {
            s.replace(['"', '“', '”'], "")
                .trim()
                .trim_end_matches('.')
                .to_string()
        })
        .find(|s| (8..=30).contains(&words(s).len()))
}

/// A deterministic Markdown draft of about 1,000 words: 15 paragraphs, each quoting a
/// sentence from a different BBC article, padded with unquoted sentences from others.
fn draft(corpus: &Corpus) -> (String, Vec<String>) {
    let n = corpus.len() as DocId;
    let mut out = String::from("# Bench draft\n\n");
    let mut quotes = Vec::new();
    for i in 0..15u32 {
        let doc = (i * 148 + 7) % n;
        let Some(article) = corpus.article(doc) else {
            continue;
        };
        let Some(quote) = quotable(&article.text) else {
            continue;
        };
        let filler_doc = (doc + 1000) % n;
        let filler = corpus
            .article(filler_doc)
            .and_then(|a| {
                let mut long = a.text.lines().filter(|l| l.split_whitespace().count() > 30);
                long.next().map(|l| l.replace(['"', '“', '”'], ""))
            })
            .unwrap_or_default();
        let filler: Vec<&str> = filler.split_whitespace().take(40).collect();
        out.push_str(&format!(
            "{}.\n\n\"{quote},\" said Speaker Number{i}.\n\n",
            filler.join(" ")
        ));
        quotes.push(quote);
    }
    (out, quotes)
}

/// Peak resident memory of this process so far, in MB (Linux; 0 elsewhere).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Writes `copies` altered copies of the corpus as .jsonl files (one a copy) and times
/// indexing them once from scratch and opening them from the warm cache.
fn scale(corpus: &Corpus, copies: usize) {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let texts: Vec<String> = (0..corpus.len() as DocId)
        .filter_map(|d| corpus.article(d).map(|a| a.text.clone()))
        .collect();
    for c in 0..copies {
        let path = dir.path().join(format!("copy{c:03}.jsonl"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
        for t in &texts {
            // Every word altered per copy, so copies share no k-gram, as distinct articles.
            let altered: Vec<String> = t.split(' ').map(|w| format!("{w}{c}")).collect();
            let line = serde_json::json!({ "text": altered.join(" ") });
            writeln!(out, "{line}").expect("write");
        }
    }
    let roots = [dir.path().to_path_buf()];
    let cache = tempfile::tempdir().expect("temp dir");
    let options = OpenOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        progress: None,
        ..Default::default()
    };
    let t = Instant::now();
    let built = Corpus::open(&roots, &options).expect("open scaled corpus");
    let build = t.elapsed();
    let stats = built.stats().clone();
    let rss = peak_rss_mb();
    drop(built);
    let t = Instant::now();
    let warm = Corpus::open(&roots, &options).expect("open scaled corpus");
    let open = t.elapsed();
    let mb = stats.text_bytes as f64 / 1e6;
    let phases: Vec<String> = stats
        .phases
        .iter()
        .map(|(name, d)| format!("{name} {}", ms(*d)))
        .collect();
    println!(
        "\nscale x{copies}: {} articles, {mb:.0} MB text, index {:.0} MB ({:.2}x), build {} ({:.0} MB/s; {}), warm open {}, peak RSS {rss:.0} MB",
        stats.articles,
        stats.index_bytes as f64 / 1e6,
        stats.index_bytes as f64 / stats.text_bytes.max(1) as f64,
        ms(build),
        mb / build.as_secs_f64(),
        phases.join(", "),
        ms(open),
    );
    assert!(warm.stats().from_cache);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let copies = args
        .iter()
        .position(|a| a == "--scale")
        .and_then(|i| args.get(i + 1)?.parse::<usize>().ok());
    let (warmup, runs) = if quick { (1, 3) } else { (2, 11) };
    let Some(root) = std::env::var_os("VERBATIM_BBC_CORPUS").filter(|v| !v.is_empty()) else {
        eprintln!("engine bench skipped: set VERBATIM_BBC_CORPUS to the BBC corpus folder");
        return;
    };
    let roots = [PathBuf::from(root)];

    let mut last = None;
    let scratch = measure(warmup, runs, || {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = OpenOptions {
            cache_dir: Some(dir.path().to_path_buf()),
            progress: None,
            ..Default::default()
        };
        let corpus = Corpus::open(&roots, &options).expect("open BBC corpus");
        last = Some(corpus.stats().clone());
    });
    let stats = last.expect("at least one run");

    let cache = tempfile::tempdir().expect("temp dir");
    let options = OpenOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        progress: None,
        ..Default::default()
    };
    Corpus::open(&roots, &options).expect("open BBC corpus");
    let warm = measure(warmup, runs, || {
        let corpus = Corpus::open(&roots, &options).expect("open BBC corpus");
        assert!(corpus.stats().from_cache);
    });

    let corpus = Corpus::open(&roots, &options).expect("open BBC corpus");
    let warm_phases: Vec<String> = corpus
        .stats()
        .phases
        .iter()
        .map(|(name, d)| format!("{name} {}", ms(*d)))
        .collect();
    let (text, quotes) = draft(&corpus);
    let hashes: Vec<Vec<u64>> = quotes
        .iter()
        .map(|q| words(q).iter().map(|w| w.hash).collect())
        .collect();
    let found = hashes
        .iter()
        .filter(|h| !corpus.candidates(h, 10).is_empty())
        .count();
    let lookup = measure(warmup, runs * 10, || {
        for h in &hashes {
            std::hint::black_box(corpus.candidates(h, 10));
        }
    });
    // The shared tokenizer alone, one thread: the floor under indexing.
    let texts: Vec<String> = (0..corpus.len() as DocId)
        .filter_map(|d| corpus.article(d).map(|a| a.text.clone()))
        .collect();
    let tokenize = measure(warmup, runs, || {
        for t in &texts {
            std::hint::black_box(words(t));
        }
    });
    let findings = check_text(&corpus, &text, Format::Markdown, &CheckOptions::default());
    let count = |w: Wording| findings.iter().filter(|f| f.wording == w).count();
    let verdicts = format!(
        "{} exact, {} altered, {} not found",
        count(Wording::Exact),
        count(Wording::Altered),
        count(Wording::NotFound)
    );
    // Warm: the articles the draft needs are parsed and kept (an editor re-checking).
    let check = measure(warmup, runs, || {
        let findings = check_text(&corpus, &text, Format::Markdown, &CheckOptions::default());
        std::hint::black_box(findings);
    });
    // Cold: a fresh open from the cache, every article read and analysed again (the CLI).
    let cold = measure(warmup, runs, || {
        let corpus = Corpus::open(&roots, &options).expect("open BBC corpus");
        let findings = check_text(&corpus, &text, Format::Markdown, &CheckOptions::default());
        std::hint::black_box(findings);
    });

    let mb = stats.text_bytes as f64 / 1e6;
    println!(
        "BBC corpus: {} articles, {} words, {:.1} MB text, {} postings, index {:.2} MB ({:.2}x text)",
        stats.articles,
        stats.words,
        mb,
        stats.fingerprints,
        stats.index_bytes as f64 / 1e6,
        stats.index_bytes as f64 / stats.text_bytes.max(1) as f64
    );
    let phases: Vec<String> = stats
        .phases
        .iter()
        .map(|(name, d)| format!("{name} {}", ms(*d)))
        .collect();
    println!("last build: {}", phases.join(", "));
    println!("last warm open: {}", warm_phases.join(", "));
    println!(
        "draft: {} words, {} quotations ({} found by candidates)\n",
        words(&text).len(),
        quotes.len(),
        found
    );
    println!(
        "{:<28} {:>11} {:>11} {:>11} {:>5}",
        "", "median", "min", "max", "runs"
    );
    row(
        "index from scratch",
        &scratch,
        &format!("{:.0} MB/s", mb / scratch.median.as_secs_f64()),
    );
    row("open from warm cache", &warm, "");
    row(
        "candidates (all quotes)",
        &lookup,
        &format!("{} quotes", quotes.len()),
    );
    row(
        "tokenize (1 thread)",
        &tokenize,
        &format!("{:.0} MB/s", mb / tokenize.median.as_secs_f64()),
    );
    row("check_text (1,000 words)", &check, &verdicts);
    row("open + check_text (cold)", &cold, "");
    if let Some(copies) = copies {
        scale(&corpus, copies);
    }
}
