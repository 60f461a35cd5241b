//! Verbatim at newsroom scale: for each corpus given, index build throughput, index size,
//! cold load from the persisted index, check latency per draft and per quote, peak memory,
//! accuracy on generated drafts, and ripgrep (`rg -F`) searching the same corpus for each
//! quote's exact text, in the same run.
//!
//!     cargo bench --bench scale -- --corpus 5MB=/work/bench-data/5m --corpus 100MB=/work/bench-data/100m
//!
//! Options: `--quick` (fewer runs and drafts, as CI does), `--build-runs N`, `--drafts N`,
//! `--no-rg`, `--write-drafts DIR` (the generated drafts and their answers, as files),
//! `--json PATH` (the summary rows as JSON). `VERBATIM_BENCH_MISSES=1` prints each quotation
//! judged wrongly. Without `--corpus`, the BBC corpus named by `VERBATIM_BBC_CORPUS` (without
//! either it times nothing). Corpora come from `scripts/gen_corpus.py`.
//!
//! Each phase runs in a child process (this binary again, `--child PHASE`), so that its peak
//! RSS (VmHWM) and CPU time are its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use verbatim::check::{CheckOptions, Wording, check_quotes, check_text};
use verbatim::corpus::{Corpus, DocId, OpenOptions};
use verbatim::draft::Format;
use verbatim::text::words;

#[path = "common/drafts.rs"]
mod drafts;
use drafts::{Kind, Planted, QUOTES_PER_DRAFT, draft_text, plant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1..]);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let opt = |name: &str| -> Vec<String> {
        args.windows(2)
            .filter(|w| w[0] == name)
            .map(|w| w[1].clone())
            .collect()
    };
    let num = |name: &str, default: usize| {
        opt(name)
            .first()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let build_runs = num("--build-runs", if quick { 1 } else { 3 });
    let open_runs = num("--open-runs", if quick { 3 } else { 5 });
    let drafts = num("--drafts", if quick { 2 } else { 10 });
    let rg = !args.iter().any(|a| a == "--no-rg");
    let write_drafts = opt("--write-drafts").first().map(PathBuf::from);
    let mut corpora: Vec<(String, PathBuf)> = opt("--corpus")
        .iter()
        .map(|c| match c.split_once('=') {
            Some((label, path)) => (label.to_string(), PathBuf::from(path)),
            None => (c.clone(), PathBuf::from(c)),
        })
        .collect();
    if corpora.is_empty() {
        match std::env::var_os("VERBATIM_BBC_CORPUS").filter(|v| !v.is_empty()) {
            Some(bbc) => corpora.push(("BBC".to_string(), PathBuf::from(bbc))),
            None => {
                eprintln!(
                    "scale bench skipped: pass --corpus LABEL=DIR or set VERBATIM_BBC_CORPUS to the BBC corpus folder"
                );
                return;
            }
        }
    }
    let rg_version = rg
        .then(|| Command::new("rg").arg("--version").output().ok())
        .flatten()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        });
    println!("machine: {}", machine());
    match &rg_version {
        Some(v) => println!("baseline: {v}"),
        None if rg => println!("baseline: ripgrep not found (`apt-get install ripgrep`): skipped"),
        None => println!("baseline: skipped (--no-rg)"),
    }

    let mut summary = Vec::new();
    for (label, dir) in &corpora {
        println!("\n== {label}: {}  (load {})", dir.display(), loadavg());
        let cache = tempfile::tempdir().expect("temp dir");
        let cache_dir = cache.path().to_string_lossy().into_owned();
        let corpus_arg = dir.to_string_lossy().into_owned();

        // Build from scratch: a fresh cache folder each run.
        let mut builds = Vec::new();
        for _ in 0..build_runs {
            let fresh = tempfile::tempdir().expect("temp dir");
            builds.push(run_child(&[
                "build",
                &corpus_arg,
                &fresh.path().to_string_lossy(),
            ]));
        }
        // The persisted index the other phases load.
        run_child(&["build", &corpus_arg, &cache_dir]);
        let opens: Vec<Value> = (0..open_runs)
            .map(|_| run_child(&["open", &corpus_arg, &cache_dir]))
            .collect();
        let mut serve_args = vec![
            "serve".to_string(),
            corpus_arg.clone(),
            cache_dir.clone(),
            drafts.to_string(),
            quick.to_string(),
        ];
        if let Some(d) = &write_drafts {
            serve_args.push(d.join(label).to_string_lossy().into_owned());
        }
        let serve_refs: Vec<&str> = serve_args.iter().map(String::as_str).collect();
        let serve = run_child(&serve_refs);

        let text_mb = serve["text_bytes"].as_f64().unwrap_or(0.0) / 1e6;
        let build_secs = median(builds.iter().map(|b| b["secs"].as_f64().unwrap_or(0.0)));
        let build_cpu = median(builds.iter().map(|b| b["cpu_secs"].as_f64().unwrap_or(0.0)));
        let build_rss = max(builds
            .iter()
            .map(|b| b["peak_rss_mb"].as_f64().unwrap_or(0.0)));
        let open_secs = median(opens.iter().map(|o| o["secs"].as_f64().unwrap_or(0.0)));
        let open_rss = median(opens.iter().map(|o| o["rss_mb"].as_f64().unwrap_or(0.0)));
        let index_mb = serve["index_bytes"].as_f64().unwrap_or(0.0) / 1e6;

        // The baseline: rg -F for each exact quote's text, over the whole corpus.
        let rg_times: Vec<f64> = match &rg_version {
            Some(_) => {
                let quotes: Vec<String> = serve["exact_quotes"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|q| q.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                let n = if quick { 3 } else { 10 };
                // One warm-up so the corpus is in the page cache, as it is for us.
                rg_search(quotes.first().map_or("", String::as_str), dir);
                quotes.iter().take(n).map(|q| rg_search(q, dir)).collect()
            }
            None => Vec::new(),
        };
        let rg_p50 = percentile_f(&rg_times, 0.5);
        let quote_p50 = serve["quote_ms"]["p50"].as_f64().unwrap_or(0.0);

        println!(
            "corpus: {} articles, {} files, {text_mb:.1} MB text",
            serve["articles"], serve["files"]
        );
        println!(
            "index build: median {build_secs:.2} s of {} runs ({}), {:.1} MB/s wall, {:.1} MB/s per CPU-second ({build_cpu:.2} CPU-s), peak RSS {build_rss:.0} MB",
            builds.len(),
            spread(builds.iter().map(|b| b["secs"].as_f64().unwrap_or(0.0))),
            text_mb / build_secs,
            text_mb / build_cpu,
        );
        println!(
            "index size: {index_mb:.1} MB on disk ({:.2}x text); RSS after open {open_rss:.0} MB",
            index_mb / text_mb
        );
        println!(
            "cold load (new process, index in page cache): median {:.1} ms of {} runs ({})",
            open_secs * 1e3,
            opens.len(),
            spread(
                opens
                    .iter()
                    .map(|o| o["secs"].as_f64().unwrap_or(0.0) * 1e3)
            )
        );
        for key in ["draft_first_ms", "draft_warm_ms", "quote_ms"] {
            let v = &serve[key];
            println!(
                "{key:<15} n={:<5} p50={:>8.2} ms p95={:>8.2} ms max={:>8.2} ms",
                v["n"],
                v["p50"].as_f64().unwrap_or(0.0),
                v["p95"].as_f64().unwrap_or(0.0),
                v["max"].as_f64().unwrap_or(0.0)
            );
        }
        println!(
            "serving peak RSS {:.0} MB ({:.2}x text)",
            serve["peak_rss_mb"].as_f64().unwrap_or(0.0),
            serve["peak_rss_mb"].as_f64().unwrap_or(0.0) / text_mb
        );
        println!("accuracy: {}", serve["accuracy"]);
        if !rg_times.is_empty() {
            println!(
                "rg -F per quote: n={} p50={:.1} ms max={:.1} ms; verbatim per quote p50 {quote_p50:.2} ms: {:.0}x faster",
                rg_times.len(),
                rg_p50,
                percentile_f(&rg_times, 1.0),
                rg_p50 / quote_p50.max(1e-9)
            );
        }
        summary.push(json!({
            "label": label,
            "text_mb": text_mb,
            "articles": serve["articles"],
            "build_s": build_secs,
            "build_mb_s": text_mb / build_secs,
            "build_mb_cpu_s": text_mb / build_cpu,
            "build_rss_mb": build_rss,
            "index_mb": index_mb,
            "open_ms": open_secs * 1e3,
            "open_rss_mb": open_rss,
            "draft_first": serve["draft_first_ms"],
            "draft_warm": serve["draft_warm_ms"],
            "quote": serve["quote_ms"],
            "serve_rss_mb": serve["peak_rss_mb"],
            "accuracy": serve["accuracy"],
            "rg_p50_ms": rg_p50,
            "load": loadavg(),
        }));
        let failed = serve["accuracy"]["total_correct"].as_u64() == Some(0);
        assert!(!failed, "no quotation checked correctly on {label}");
    }
    print_table(&summary);
    if let Some(path) = opt("--json").first() {
        std::fs::write(path, serde_json::to_string_pretty(&summary).unwrap()).expect("write json");
    }
}

fn print_table(rows: &[Value]) {
    let f = |v: &Value| v.as_f64().unwrap_or(0.0);
    println!(
        "\n| corpus | text MB | build MB/s (per CPU-s) | build peak RSS | index on disk | cold load | draft p50 / p95 (first check) | draft p50 / p95 (warm) | quote p50 / p95 | rg -F per quote | x rg | serving RSS | accuracy | load |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let text = f(&r["text_mb"]);
        println!(
            "| {} | {:.0} | {:.0} ({:.0}) | {:.0} MB | {:.0} MB ({:.2}x) | {:.0} ms | {:.1} / {:.1} ms | {:.1} / {:.1} ms | {:.2} / {:.2} ms | {:.1} ms | {:.0}x | {:.0} MB ({:.2}x) | {:.3} | {} |",
            r["label"].as_str().unwrap_or(""),
            text,
            f(&r["build_mb_s"]),
            f(&r["build_mb_cpu_s"]),
            f(&r["build_rss_mb"]),
            f(&r["index_mb"]),
            f(&r["index_mb"]) / text,
            f(&r["open_ms"]),
            f(&r["draft_first"]["p50"]),
            f(&r["draft_first"]["p95"]),
            f(&r["draft_warm"]["p50"]),
            f(&r["draft_warm"]["p95"]),
            f(&r["quote"]["p50"]),
            f(&r["quote"]["p95"]),
            f(&r["rg_p50_ms"]),
            f(&r["rg_p50_ms"]) / f(&r["quote"]["p50"]).max(1e-9),
            f(&r["serve_rss_mb"]),
            f(&r["serve_rss_mb"]) / text,
            f(&r["accuracy"]["total"]),
            r["load"].as_str().unwrap_or(""),
        );
    }
}

/// Runs one phase in a child process and reads the JSON line it prints last.
fn run_child(args: &[&str]) -> Value {
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe)
        .arg("--child")
        .args(args)
        // The phase's own messages (and `VERBATIM_BENCH_MISSES`) go straight through.
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("run child phase");
    assert!(out.status.success(), "phase {args:?} failed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("{}");
    serde_json::from_str(last).expect("phase output")
}

fn child(args: &[String]) {
    let phase = args[0].as_str();
    let roots = [PathBuf::from(&args[1])];
    let options = OpenOptions {
        cache_dir: Some(PathBuf::from(&args[2])),
        progress: None,
        ..Default::default()
    };
    let cpu0 = cpu_secs();
    let t = Instant::now();
    let corpus = Corpus::open(&roots, &options).expect("open corpus");
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    match phase {
        "build" => {
            assert!(
                !corpus.stats().from_cache,
                "built from a fresh cache folder"
            );
            let out = json!({
                "secs": secs,
                "cpu_secs": cpu,
                "peak_rss_mb": status_mb("VmHWM:"),
                "phases": corpus.stats().phases.iter().map(|(n, d)| format!("{n} {:.0} ms", d.as_secs_f64() * 1e3)).collect::<Vec<_>>(),
            });
            println!("{out}");
        }
        "open" => {
            assert!(corpus.stats().from_cache, "the index was not reused");
            println!(
                "{}",
                json!({"secs": secs, "rss_mb": status_mb("VmRSS:"), "peak_rss_mb": status_mb("VmHWM:")})
            );
        }
        "serve" => {
            let drafts: usize = args[3].parse().unwrap_or(10);
            let quick = args[4] == "true";
            serve(&corpus, drafts, quick, args.get(5).map(PathBuf::from));
        }
        other => panic!("unknown phase {other}"),
    }
}

/// True when `article`'s words hold `quote`'s words in one run.
fn holds(corpus: &Corpus, doc: u64, quote: &str) -> bool {
    let Some(article) = DocId::try_from(doc).ok().and_then(|d| corpus.article(d)) else {
        return false;
    };
    let q: Vec<u64> = words(quote).iter().map(|w| w.hash).collect();
    let a: Vec<u64> = article.words.iter().map(|w| w.hash).collect();
    !q.is_empty() && a.windows(q.len()).any(|w| w == q.as_slice())
}

fn serve(corpus: &Corpus, drafts: usize, quick: bool, write: Option<PathBuf>) {
    let planted = plant(corpus, drafts * QUOTES_PER_DRAFT);
    let sets: Vec<&[Planted]> = planted.chunks(QUOTES_PER_DRAFT).collect();
    let texts: Vec<String> = sets.iter().map(|s| draft_text(s)).collect();
    if let Some(dir) = &write {
        std::fs::create_dir_all(dir).expect("drafts folder");
        for (i, (t, set)) in texts.iter().zip(&sets).enumerate() {
            std::fs::write(dir.join(format!("draft{i:03}.md")), t).expect("write draft");
            let answers: Vec<Value> = set
                .iter()
                .map(|q| {
                    json!({
                        "text": q.text,
                        "expect": format!("{:?}", q.kind).to_lowercase(),
                        "source": q.doc.and_then(|d| corpus.path(d)),
                    })
                })
                .collect();
            std::fs::write(
                dir.join(format!("draft{i:03}.answers.json")),
                serde_json::to_string_pretty(&answers).unwrap(),
            )
            .expect("write answers");
        }
    }
    let options = CheckOptions::default();
    let runs = if quick { 3 } else { 7 };
    let mut first = Vec::new();
    let mut warm = Vec::new();
    let mut per_quote = Vec::new();
    let mut correct = [0usize; 3];
    let mut totals = [0usize; 3];
    let mut strict_source = [0usize; 2];
    for (text, set) in texts.iter().zip(&sets) {
        // First check: the articles the candidates point to are read and parsed. A draft
        // is checked as the CLI checks it (`check_text`: its quotations on every core).
        let t = Instant::now();
        let findings = check_text(corpus, text, Format::Markdown, &options);
        first.push(t.elapsed());
        let quotes: Vec<_> = findings.iter().map(|f| f.quote.clone()).collect();
        for _ in 0..runs {
            let t = Instant::now();
            std::hint::black_box(check_text(corpus, text, Format::Markdown, &options));
            warm.push(t.elapsed());
        }
        for q in &quotes {
            let t = Instant::now();
            std::hint::black_box(check_quotes(corpus, text, vec![q.clone()]));
            per_quote.push(t.elapsed());
        }
        // Findings in draft order, one per planted quotation.
        for (i, p) in set.iter().enumerate() {
            let k = p.kind as usize;
            totals[k] += 1;
            let Some(f) = findings.get(i) else { continue };
            let ok = match p.kind {
                Kind::Exact => {
                    f.wording == Wording::Exact
                        && f.source
                            .as_ref()
                            .is_some_and(|s| holds(corpus, s.id, &p.text))
                }
                Kind::Altered => {
                    f.wording == Wording::Altered
                        && f.source
                            .as_ref()
                            .is_some_and(|s| holds(corpus, s.id, &p.original))
                }
                Kind::Invented => f.wording == Wording::NotFound,
            };
            if ok {
                correct[k] += 1;
            } else if std::env::var_os("VERBATIM_BENCH_MISSES").is_some() {
                eprintln!(
                    "miss: {:?} {:?} -> {:?} from {:?} (planted from {:?}: {:?})",
                    p.kind,
                    p.text,
                    f.wording,
                    f.source.as_ref().map(|s| (&s.path, &s.text)),
                    p.doc.and_then(|d| corpus.path(d)),
                    p.original
                );
            }
            if p.kind != Kind::Invented {
                let strict = f.source.as_ref().map(|s| s.id) == p.doc.map(u64::from);
                strict_source[usize::from(p.kind == Kind::Altered)] += usize::from(ok && strict);
            }
        }
    }
    let stats = corpus.stats();
    let ratio = |c: usize, t: usize| c as f64 / t.max(1) as f64;
    let all_correct: usize = correct.iter().sum();
    let all: usize = totals.iter().sum();
    let out = json!({
        "articles": stats.articles,
        "files": stats.files,
        "text_bytes": stats.text_bytes,
        "index_bytes": stats.index_bytes,
        "draft_first_ms": percentiles(first),
        "draft_warm_ms": percentiles(warm),
        "quote_ms": percentiles(per_quote),
        "peak_rss_mb": status_mb("VmHWM:"),
        "accuracy": {
            "exact": ratio(correct[0], totals[0]),
            "altered": ratio(correct[1], totals[1]),
            "invented": ratio(correct[2], totals[2]),
            "exact_same_article": ratio(strict_source[0], totals[0]),
            "altered_same_article": ratio(strict_source[1], totals[1]),
            "total": ratio(all_correct, all),
            "total_correct": all_correct,
            "quotes": all,
        },
        "exact_quotes": planted.iter().filter(|p| p.kind == Kind::Exact).map(|p| p.text.clone()).collect::<Vec<_>>(),
    });
    println!("{out}");
}

fn percentiles(mut v: Vec<Duration>) -> Value {
    v.sort();
    let ms: Vec<f64> = v.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    json!({
        "n": ms.len(),
        "p50": percentile_f(&ms, 0.5),
        "p95": percentile_f(&ms, 0.95),
        "max": percentile_f(&ms, 1.0),
    })
}

/// The p-th percentile (nearest rank) of unsorted values; 0 for none.
fn percentile_f(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[(((s.len() - 1) as f64) * p).round() as usize]
}

fn median(v: impl Iterator<Item = f64>) -> f64 {
    percentile_f(&v.collect::<Vec<_>>(), 0.5)
}

fn max(v: impl Iterator<Item = f64>) -> f64 {
    v.fold(0.0, f64::max)
}

fn spread(v: impl Iterator<Item = f64>) -> String {
    let v: Vec<f64> = v.collect();
    format!(
        "min {:.2}, max {:.2}",
        percentile_f(&v, 0.0),
        percentile_f(&v, 1.0)
    )
}

/// Milliseconds `rg -F` takes to search the corpus for `quote` (files with a match listed).
fn rg_search(quote: &str, dir: &Path) -> f64 {
    let t = Instant::now();
    let status = Command::new("rg")
        .args(["-F", "-l", "--no-messages", "--", quote])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run rg");
    let ms = t.elapsed().as_secs_f64() * 1e3;
    // 0: found, 1: not found; 2 is an error.
    assert!(
        status.code().is_some_and(|c| c < 2),
        "rg failed on {quote:?}"
    );
    ms
}

/// A line of /proc/self/status, in MB (Linux; 0 elsewhere).
fn status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(key))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// User and system CPU time of this process so far (Linux, 100 ticks a second; 0 elsewhere).
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(0.0)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}, load {}", loadavg())
}
