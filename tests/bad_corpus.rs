//! A corpus as an archive really is: empty, binary and mis-encoded files, huge lines, many
//! tiny files, unreadable files, symlink loops, broken JSON lines and a damaged index cache.
//! Each time the real binary must name the bad file, index the rest, exit without a crash,
//! and still find a good article's quotation.
//!
//! Quick by default; `VERBATIM_LONG=1` for the long sizes (a 50 MB line, 100,000 files).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

const ARTICLE: &str = "Town vows to fight on\n\n\"We will never give up on the people of this town, whatever it takes,\" said Jane Doe.\n\nThe council meets again next week.\n";
const DRAFT: &str = "Jane Doe was defiant. \"We will never give up on the people of this town, whatever it takes,\" she said.\n";

fn long() -> bool {
    std::env::var_os("VERBATIM_LONG").is_some_and(|v| v != "0")
}

/// A workspace with `corpus/good.txt`, `draft.md` and a private cache folder path.
fn workspace() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus/good.txt"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("draft.md"), DRAFT).unwrap();
    dir
}

/// Runs the binary in `ws` with a deadline; the output.
fn run(ws: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .current_dir(ws)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start verbatim");
    // Read both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let deadline = Instant::now() + Duration::from_secs(if long() { 900 } else { 120 });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("verbatim {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// Not a crash: an exit code (no signal) that is not Rust's panic code 101.
fn assert_no_crash(out: &Output) {
    let code = out.status.code();
    assert!(
        code.is_some() && code != Some(101),
        "crashed ({:?}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `verbatim check draft.md --format json` against `corpus` with a cache in `cache`; asserts
/// the good article's quotation is found verbatim and given to Jane Doe. The stderr.
fn check_good(ws: &Path, corpus: &str) -> String {
    let out = run(
        ws,
        &[
            "check",
            "draft.md",
            "--corpus",
            corpus,
            "--cache-dir",
            "cache",
            "--format",
            "json",
        ],
    );
    assert_no_crash(&out);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )
    });
    let quotes = report["files"][0]["quotes"].as_array().expect("quotes");
    let q = quotes
        .iter()
        .find(|q| {
            q["text"]
                .as_str()
                .is_some_and(|t| t.contains("never give up"))
        })
        .unwrap_or_else(|| panic!("quotation not extracted: {report}"));
    assert_eq!(q["wording"], "exact", "{q}\n{}", stderr(&out));
    assert_eq!(q["attribution"], "matches", "{q}");
    assert!(
        q["source"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("good.txt")),
        "{q}"
    );
    stderr(&out)
}

/// The number of articles `verbatim index` reports.
fn index_count(ws: &Path, corpus: &str) -> (usize, String) {
    let out = run(ws, &["index", "--corpus", corpus, "--cache-dir", "cache"]);
    assert_no_crash(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let n = stdout
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no article count in {stdout}"));
    (n, stderr(&out))
}

#[test]
fn empty_binary_and_mis_encoded_files_are_named_and_skipped() {
    let ws = workspace();
    let c = ws.path().join("corpus");
    std::fs::write(c.join("empty.txt"), "").unwrap();
    std::fs::write(c.join("empty.md"), "").unwrap();
    std::fs::write(c.join("empty.html"), "").unwrap();
    std::fs::write(c.join("empty.jsonl"), "").unwrap();
    let binary: Vec<u8> = (0..65_536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(c.join("binary.txt"), &binary).unwrap();
    std::fs::write(c.join("image.png"), &binary).unwrap();
    std::fs::write(c.join("nul.md"), b"Title\n\n\0\0\0\"quote\0\" said \0 x\n").unwrap();
    std::fs::write(
        c.join("latin1.txt"),
        b"Caf\xe9 news\n\n\"Tr\xe8s bien, we will see,\" said Ren\xe9.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("half.html"),
        b"<html><title>T</title><body><p>\"a b c d\" said X.</p><p>\xff\xfe",
    )
    .unwrap();
    let err = check_good(ws.path(), "corpus");
    for name in ["binary.txt", "latin1.txt"] {
        assert!(err.contains(name), "{name} not named in: {err}");
    }
    // Warm cache: the same answers.
    check_good(ws.path(), "corpus");
}

#[test]
fn broken_json_lines_are_named_and_the_good_lines_kept() {
    let ws = workspace();
    let c = ws.path().join("corpus");
    let jsonl = concat!(
        "{\"title\": \"Ok\", \"text\": \"\\\"The bridge will reopen in spring next year,\\\" said Ann Lee.\"}\n",
        "{\"title\": \"Broken\", \"text\": \"unterminated\n",
        "not json at all\n",
        "[1, 2, 3]\n",
        "{\"title\": \"No text\"}\n",
        "{\"text\": 42}\n",
        "\n",
        "{\"text\": \"\\ud800 lone surrogate\"}\n",
    );
    std::fs::write(c.join("feed.jsonl"), jsonl).unwrap();
    let err = check_good(ws.path(), "corpus");
    assert!(err.contains("feed.jsonl"), "feed.jsonl not named in: {err}");
    let (n, _) = index_count(ws.path(), "corpus");
    assert!(n >= 2, "the good JSON line and good.txt: {n}");
}

#[test]
fn malformed_transcripts_are_named_by_line_and_their_good_cues_kept() {
    let ws = workspace();
    let c = ws.path().join("corpus");
    // A byte-order mark, CRLF line ends, a bad timing line, a cue run into the next with no
    // blank line, an empty cue, a voice tag never closed, and text with no timing line.
    std::fs::write(
        c.join("broken.vtt"),
        "\u{feff}WEBVTT\r\n\r\n00:00:01.000 --> 00:00:xx.000\r\n<v Ann Lee>The ferry will run\r\n\
         00:00:04.000 --> 00:00:06.000\r\n<v Ann Lee>twice a day from April next year.\r\n\r\n\
         00:00:06.000 --> 00:00:07.000\r\n\r\n00:00:07.000 --> 00:00:09.000\r\n<v Tom Reed Why not more often\r\n\r\n\
         stray words with no timing line\r\n",
    )
    .unwrap();
    std::fs::write(
        c.join("broken.srt"),
        "1\n00:00:05,000 --> 00:00:02,000\nANN LEE: Backwards times.\n\n2\n\n\n",
    )
    .unwrap();
    std::fs::write(c.join("nothing.srt"), "WEBVTT\n\nNOTE only a note\n").unwrap();
    let err = check_good(ws.path(), "corpus");
    for needle in [
        "broken.vtt: line 3: bad timing line",
        "broken.vtt: line 5: a cue starts without a blank line",
        "broken.vtt: cue at line 8: empty",
        "broken.vtt: cue at line 10: voice tag `<v Tom Reed Why not more often` never closed",
        "broken.vtt: line 13: text with no timing line",
        "broken.srt: line 2: bad timing line",
        "nothing.srt",
    ] {
        assert!(err.contains(needle), "{needle:?} not told in: {err}");
    }
    // The good cues of the broken transcript still back a quotation, across two cues.
    std::fs::write(
        ws.path().join("ferry.md"),
        "\"The ferry will run twice a day from April next year,\" said Ann Lee.\n",
    )
    .unwrap();
    let out = run(
        ws.path(),
        &[
            "check",
            "ferry.md",
            "--corpus",
            "corpus",
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_no_crash(&out);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = &report["files"][0]["quotes"][0];
    assert_eq!(q["wording"], "exact", "{q}");
    assert_eq!(q["attribution"], "matches", "{q}");
    assert_eq!(q["source"]["path"], "broken.vtt", "{q}");
    assert_eq!(q["source"]["cue_line"], 3, "{q}");
    assert!(
        q["source"].get("start_time").is_none(),
        "a bad timing line gives no time: {q}"
    );
    assert_eq!(q["source"]["end_time"], "00:00:06.000", "{q}");
}

#[test]
fn one_very_long_line() {
    let ws = workspace();
    let mb = if long() { 50 } else { 4 };
    let word = "lorem \"ipsum\" dolor, said Someone. ";
    let line = word.repeat(mb * 1_000_000 / word.len());
    std::fs::write(ws.path().join("corpus/long.txt"), format!("Long\n{line}")).unwrap();
    // And a line with no space or newline at all.
    std::fs::write(ws.path().join("corpus/solid.txt"), "x".repeat(mb * 250_000)).unwrap();
    check_good(ws.path(), "corpus");
}

#[test]
fn many_tiny_files() {
    let ws = workspace();
    let n = if long() { 100_000 } else { 5_000 };
    for i in 0..n {
        let sub = ws.path().join(format!("corpus/d{}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(
            sub.join(format!("{i}.txt")),
            format!("T{i}\n\"Tiny {i}\"\n"),
        )
        .unwrap();
    }
    let (count, _) = index_count(ws.path(), "corpus");
    assert_eq!(count, n + 1);
    check_good(ws.path(), "corpus");
}

#[test]
fn unreadable_files_are_named() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    let c = ws.path().join("corpus");
    let secret = c.join("secret.txt");
    std::fs::write(
        &secret,
        "Secret\n\n\"Hidden words are here now,\" said Nobody.\n",
    )
    .unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked = c.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inner.txt"), "Inner\n\ntext\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads through chmod 000: the warning can only be asserted when it bites.
    let bites = std::fs::read(&secret).is_err();
    let err = check_good(ws.path(), "corpus");
    if bites {
        assert!(err.contains("secret.txt"), "secret.txt not named in: {err}");
        assert!(err.contains("locked"), "locked folder not named in: {err}");
    } else {
        eprintln!("running as root: chmod 000 does not stop reads; warning not asserted");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn symlink_loops_end() {
    use std::os::unix::fs::symlink;
    let ws = workspace();
    let c = ws.path().join("corpus");
    symlink(&c, c.join("self")).unwrap();
    // (A link to `..` would leave the corpus root: links outside the roots are still
    // followed today, see docs/robustness.md.)
    symlink(c.join("b"), c.join("a.txt")).unwrap();
    symlink(c.join("a.txt"), c.join("b")).unwrap();
    symlink(c.join("nowhere.txt"), c.join("dangling.txt")).unwrap();
    std::fs::create_dir(c.join("sub")).unwrap();
    symlink(&c, c.join("sub/up")).unwrap();
    check_good(ws.path(), "corpus");
    let (n, _) = index_count(ws.path(), "corpus");
    assert_eq!(n, 1, "good.txt once, however many ways lead to it");
}

#[test]
fn a_corpus_path_that_is_missing_or_a_file() {
    let ws = workspace();
    let out = run(
        ws.path(),
        &[
            "check",
            "draft.md",
            "--corpus",
            "no/such/dir",
            "--cache-dir",
            "cache",
        ],
    );
    assert_no_crash(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/dir"), "{}", stderr(&out));
    // A file is a corpus of one article.
    check_good(ws.path(), "corpus/good.txt");
    // A draft as corpus root... and the good root: both load.
    let out = run(
        ws.path(),
        &[
            "index",
            "--corpus",
            "corpus",
            "--corpus",
            "draft.md",
            "--cache-dir",
            "cache",
        ],
    );
    assert_no_crash(&out);
}

#[test]
fn a_damaged_index_cache_is_detected_rebuilt_and_told() {
    let ws = workspace();
    let c = ws.path().join("corpus");
    for i in 0..20 {
        std::fs::write(
            c.join(format!("other{i}.txt")),
            format!(
                "Other {i}\n\n\"Another statement number {i} was made today,\" said Person {i}.\n"
            ),
        )
        .unwrap();
    }
    index_count(ws.path(), "corpus");
    let cache = ws.path().join("cache");
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_file())
        .expect("a cache file");
    let good = std::fs::read(&file).unwrap();
    assert!(good.len() > 64);

    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", good[..good.len() / 2].to_vec()),
        ("header only", good[..16].to_vec()),
        ("empty", Vec::new()),
        ("flipped", {
            let mut b = good.clone();
            let mid = b.len() / 2;
            b[mid] ^= 0xff;
            b[mid + 1] ^= 0x55;
            b
        }),
        ("garbage", vec![0xAB; good.len()]),
    ];
    for (what, bytes) in damages {
        std::fs::write(&file, &bytes).unwrap();
        let err = check_good(ws.path(), "corpus");
        if !bytes.is_empty() {
            assert!(
                err.contains("cache")
                    && err.contains(&file.file_name().unwrap().to_string_lossy().to_string()),
                "{what}: damage not told: {err}"
            );
        }
        // Rebuilt: the next run reads a good cache quietly.
        let err = check_good(ws.path(), "corpus");
        assert!(!err.contains("corrupt"), "{what}: not rebuilt: {err}");
    }
}

#[test]
fn a_corpus_changing_between_runs() {
    let ws = workspace();
    let c = ws.path().join("corpus");
    std::fs::write(
        c.join("x.txt"),
        "X\n\n\"Something was said here today,\" said X.\n",
    )
    .unwrap();
    check_good(ws.path(), "corpus");
    std::fs::remove_file(c.join("x.txt")).unwrap();
    std::fs::write(c.join("y.txt"), b"\xff\xfe binary now").unwrap();
    std::fs::write(c.join("good.txt"), ARTICLE.replace("council", "board")).unwrap();
    check_good(ws.path(), "corpus");
}

#[test]
fn the_cache_is_private_and_the_corpus_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    let c = ws.path().join("corpus");
    let before: Vec<_> = std::fs::read_dir(&c)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    check_good(ws.path(), "corpus");
    let cache = ws.path().join("cache");
    let mode = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "cache folder mode {mode:o}");
    for e in std::fs::read_dir(&cache).unwrap().flatten() {
        let mode = e.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{} mode {mode:o}", e.path().display());
    }
    let after: Vec<_> = std::fs::read_dir(&c)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    assert_eq!(before, after, "the corpus changed");
}

#[test]
fn one_huge_file_of_many_lines() {
    let ws = workspace();
    let mb = if long() { 200 } else { 16 };
    let para = "\"The river rose again overnight and the road is closed,\" said a council spokesman. Residents were told to stay away.\n\n";
    let text = format!(
        "Flood diary\n\n{}",
        para.repeat(mb * 1_000_000 / para.len())
    );
    std::fs::write(ws.path().join("corpus/huge.txt"), text).unwrap();
    check_good(ws.path(), "corpus");
    // A quotation from the huge article itself: it is read, analysed and aligned in time
    // (the speaker finder was once quadratic in the names of an article: 200 MB never ended).
    std::fs::write(
        ws.path().join("flood.md"),
        "\"The river rose again overnight and the road is closed,\" said a council spokesman.\n",
    )
    .unwrap();
    let started = Instant::now();
    let out = run(
        ws.path(),
        &[
            "check",
            "flood.md",
            "--corpus",
            "corpus",
            "--cache-dir",
            "cache",
            "--format",
            "json",
        ],
    );
    assert_no_crash(&out);
    eprintln!("{mb} MB article checked in {:?}", started.elapsed());
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let q = &report["files"][0]["quotes"][0];
    assert_eq!(q["wording"], "exact", "{q}");
    assert!(
        q["source"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("huge.txt")),
        "{q}"
    );
}
