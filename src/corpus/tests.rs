//! Corpus tests over real folders: formats and bad files as `open` sees them, retrieval on
//! generated news-like articles, the cache's round trip and invalidation, and the BBC corpus
//! (`VERBATIM_BBC_CORPUS`; skipped without it).

use std::fs;
use std::path::Path;

use super::*;
use crate::text::words;

fn hashes(s: &str) -> Vec<u64> {
    words(s).iter().map(|w| w.hash).collect()
}

fn open(root: &Path) -> Corpus {
    Corpus::open(&[root.to_path_buf()], &OpenOptions::default()).unwrap()
}

fn open_cached(root: &Path, cache: &Path) -> Corpus {
    let options = OpenOptions {
        cache_dir: Some(cache.to_path_buf()),
        progress: None,
        ..Default::default()
    };
    Corpus::open(&[root.to_path_buf()], &options).unwrap()
}

fn paths(corpus: &Corpus) -> Vec<String> {
    (0..corpus.len() as DocId)
        .map(|d| corpus.path(d).unwrap())
        .collect()
}

fn warned(corpus: &Corpus, file: &str, needle: &str) -> bool {
    corpus
        .warnings()
        .iter()
        .any(|w| w.path.ends_with(file) && w.message.contains(needle))
}

/// Writes a file with an mtime an hour back (each write a different one), as files long
/// settled are: a file modified in the last seconds is read again on every open.
fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    let n = WRITES.fetch_add(1, Ordering::Relaxed) as u64;
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(3600 - n);
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_modified(when).unwrap();
}

/// Deterministic news-like articles: a title line, then paragraphs of words drawn from a
/// vocabulary of 600, so passages are distinct but words recur as in real copy.
fn generated(count: usize) -> Vec<String> {
    let common = [
        "the", "a", "of", "to", "in", "and", "said", "is", "was", "for", "on", "that", "he", "it",
        "with", "as", "by", "at", "have", "be",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|a| {
            let mut text = format!("Article number {a} headline\n\n");
            for p in 0..6 {
                for i in 0..50 {
                    let r = next();
                    if r % 3 == 0 {
                        text.push_str(common[(r >> 8) as usize % common.len()]);
                    } else {
                        text.push_str(&format!("w{}", (r >> 8) % 600));
                    }
                    text.push(if i == 49 { '.' } else { ' ' });
                }
                text.push_str(if p == 5 { "\n" } else { "\n\n" });
            }
            text
        })
        .collect()
}

fn generated_corpus(dir: &Path, count: usize) -> Vec<String> {
    let texts = generated(count);
    for (i, t) in texts.iter().enumerate() {
        write(dir, &format!("news/{i:03}.txt"), t);
    }
    texts
}

/// `n` words of `text` starting at word `from`, as the text has them.
fn passage(text: &str, from: usize, n: usize) -> String {
    let w = words(text);
    text[w[from].start..w[from + n - 1].end].to_string()
}

#[test]
fn every_format_through_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a.txt",
        "Plain title\n\nThe body of a plain article.\n",
    );
    write(
        root,
        "b.md",
        "---\ntitle: Front matter\n---\n\nThe body here.\n",
    );
    write(
        root,
        "sub/c.html",
        "<html><head><title>Web &amp; page</title></head><body><p>Hello &ldquo;there&rdquo;</p></body></html>",
    );
    write(
        root,
        "d.jsonl",
        "{\"text\":\"One line article.\",\"title\":\"J1\",\"url\":\"http://x\"}\n{\"text\":\"Second one.\"}\n",
    );
    write(root, "ignored.csv", "a,b\n");
    let corpus = open(root);
    assert!(corpus.warnings().is_empty(), "{:?}", corpus.warnings());
    assert_eq!(
        paths(&corpus),
        ["a.txt", "b.md", "d.jsonl#1", "d.jsonl#2", "sub/c.html"]
    );
    let titles: Vec<_> = (0..5)
        .map(|d| corpus.title(d).unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Plain title",
            "Front matter",
            "J1",
            "Second one.",
            "Web & page"
        ]
    );
    let html = corpus.article(4).unwrap();
    assert_eq!(html.text, "Hello “there”");
    assert_eq!(html.path, "sub/c.html");
    let jsonl = corpus.article(3).unwrap();
    assert_eq!(jsonl.text, "Second one.");
    let first = corpus.article(2).unwrap();
    assert_eq!(first.url.as_deref(), Some("http://x"));
    assert_eq!(
        corpus.article(0).unwrap().text,
        fs::read_to_string(root.join("a.txt")).unwrap()
    );
    assert!(corpus.article(99).is_none());
}

#[test]
fn bad_files_are_told_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.txt", "Good\n\nA perfectly good article text.\n");
    write(root, "binary.txt", b"PK\x03\x04\0\0binary");
    write(root, "latin1.txt", b"Caf\xe9 society\n\nText.\n");
    write(root, "empty.txt", "");
    write(root, "lines.jsonl", "{\"text\":\"ok\"}\nnot json\n");
    write(root, "locked.txt", "Locked\n\nSecret.\n");
    let locked = root.join("locked.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let corpus = open(root);
    assert!(warned(&corpus, "binary.txt", "binary"));
    assert!(warned(&corpus, "latin1.txt", "UTF-8"));
    assert!(warned(&corpus, "empty.txt", "empty"));
    assert!(warned(&corpus, "lines.jsonl", "line 2"));
    // Root reads anything: only check the unreadable file where reading really fails.
    if fs::read(&locked).is_err() {
        assert!(warned(&corpus, "locked.txt", "cannot read"));
        assert_eq!(paths(&corpus), ["good.txt", "latin1.txt", "lines.jsonl#1"]);
    } else {
        assert_eq!(
            paths(&corpus),
            ["good.txt", "latin1.txt", "lines.jsonl#1", "locked.txt"]
        );
    }
    assert_eq!(corpus.article(1).unwrap().title, "Caf\u{fffd} society");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "sub/a.txt", "A\n\nText of a.\n");
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("link.txt")).unwrap();
    let corpus = open(root);
    assert_eq!(paths(&corpus), ["link.txt", "sub/a.txt"]);
    assert!(warned(&corpus, "loop", "already walked"));
}

#[test]
fn links_out_of_the_corpus_are_not_followed_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let (root, private) = (dir.path().join("corpus"), dir.path().join("private"));
    write(&root, "a.txt", "A\n\nText of a.\n");
    write(&private, "secret.txt", "Secret\n\nNot for the corpus.\n");
    std::os::unix::fs::symlink(&private, root.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(private.join("secret.txt"), root.join("secret.txt")).unwrap();
    let corpus = open(&root);
    assert_eq!(paths(&corpus), ["a.txt"]);
    assert!(warned(&corpus, "elsewhere", "outside the corpus"));
    assert!(warned(&corpus, "secret.txt", "outside the corpus"));
    let options = OpenOptions {
        follow_links_outside: true,
        ..Default::default()
    };
    let corpus = Corpus::open(std::slice::from_ref(&root), &options).unwrap();
    assert_eq!(
        paths(&corpus),
        ["a.txt", "elsewhere/secret.txt", "secret.txt"]
    );
}

#[test]
fn missing_root_is_an_error_and_a_file_root_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let err = Corpus::open(std::slice::from_ref(&missing), &OpenOptions::default()).unwrap_err();
    assert!(matches!(err, CorpusError::Missing(p) if p == missing));
    write(dir.path(), "one.jsonl", "{\"text\":\"Alone here.\"}\n");
    let corpus = open(&dir.path().join("one.jsonl"));
    assert_eq!(paths(&corpus), ["one.jsonl#1"]);
    assert_eq!(corpus.article(0).unwrap().text, "Alone here.");
}

#[test]
fn passages_find_their_article() {
    let dir = tempfile::tempdir().unwrap();
    let texts = generated_corpus(dir.path(), 200);
    let corpus = open(dir.path());
    assert_eq!(corpus.len(), 200);
    for (doc, from, n) in [(57usize, 120, 5), (3, 10, 5), (199, 200, 12), (0, 250, 12)] {
        let quote = passage(&texts[doc], from, n);
        let found = corpus.candidates(&hashes(&quote), 5);
        assert_eq!(found[0].doc, doc as DocId, "{quote:?}: {found:?}");
    }
    // One word of fifteen changed: the article still comes first.
    let quote = passage(&texts[120], 100, 15);
    let mut altered: Vec<u64> = hashes(&quote);
    altered[7] = crate::text::hash_word("zebra");
    let found = corpus.candidates(&altered, 5);
    assert_eq!(found[0].doc, 120);
    assert!(
        corpus
            .candidates(&hashes("zebra crossing lights"), 5)
            .is_empty()
    );
}

#[test]
fn duplicates_are_both_returned() {
    let dir = tempfile::tempdir().unwrap();
    let text = &generated(1)[0];
    write(dir.path(), "a.txt", text);
    write(dir.path(), "b.txt", text);
    let corpus = open(dir.path());
    let found = corpus.candidates(&hashes(&passage(text, 30, 8)), 5);
    let docs: Vec<_> = found.iter().map(|c| c.doc).collect();
    assert_eq!(docs, [0, 1]);
    assert_eq!(found[0].hits, found[1].hits);
}

#[test]
fn cache_round_trips_and_follows_changes() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("corpus");
    let texts = generated_corpus(&root, 50);
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let options = OpenOptions {
        cache_dir: Some(cache.clone()),
        progress: Some(Arc::new(move |_, total| {
            assert_eq!(total, 50);
            counter.fetch_add(1, Ordering::Relaxed);
        })),
        ..Default::default()
    };
    let first = Corpus::open(std::slice::from_ref(&root), &options).unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), 50);
    assert!(!first.stats().from_cache);
    assert_eq!(first.changes().added.len(), 50);

    let second = open_cached(&root, &cache);
    assert!(second.stats().from_cache);
    let line = second.stats().to_string();
    assert!(
        line.starts_with("50 articles in 50 files, 15200 words"),
        "{line}"
    );
    assert!(line.contains("opened from cache"), "{line}");
    assert_eq!(second.changes(), &Changes::default());
    assert!(second.warnings().is_empty());
    let quote = hashes(&passage(&texts[9], 40, 10));
    assert_eq!(first.candidates(&quote, 10), second.candidates(&quote, 10));
    assert_eq!(second.article(9).unwrap().text, texts[9]);
    assert_eq!(first.stats().fingerprints, second.stats().fingerprints);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = second.stats().cache_path.clone().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&cache), 0o700);
        assert_eq!(mode(&path), 0o600);
    }

    // Change one file, add one, remove one: only those are read again.
    let new_text = generated(60)[55].clone();
    write(&root, "news/009.txt", &new_text);
    write(&root, "news/zz.txt", &texts[9]);
    fs::remove_file(root.join("news/010.txt")).unwrap();
    let third = open_cached(&root, &cache);
    assert!(third.stats().from_cache);
    assert_eq!(third.changes().changed, ["news/009.txt"]);
    assert_eq!(third.changes().added, ["news/zz.txt"]);
    assert_eq!(third.changes().removed, ["news/010.txt"]);
    let moved = third.candidates(&quote, 10);
    assert_eq!(third.path(moved[0].doc).unwrap(), "news/zz.txt");
    let fresh_quote = hashes(&passage(&new_text, 40, 10));
    assert_eq!(
        third
            .path(third.candidates(&fresh_quote, 1)[0].doc)
            .unwrap(),
        "news/009.txt"
    );
    // The updated index is the one a fresh build gives.
    let fresh = open(&root);
    for q in [&quote, &fresh_quote, &hashes(&passage(&texts[30], 5, 20))] {
        assert_eq!(third.candidates(q, 10), fresh.candidates(q, 10));
    }
    assert_eq!(paths(&third), paths(&fresh));
    assert_eq!(third.stats().fingerprints, fresh.stats().fingerprints);
    let fourth = open_cached(&root, &cache);
    assert_eq!(fourth.changes(), &Changes::default());
}

#[test]
fn a_file_rewritten_within_its_mtime_step_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("corpus");
    fs::create_dir_all(&root).unwrap();
    let path = root.join("a.txt");
    let first = "Alpha\n\none two three four five six seven\n";
    let second = "Alpha\n\none two three four five six eight\n";
    fs::write(&path, first).unwrap();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    open_cached(&root, &cache);
    // Same size, same mtime: only the "too recent to trust" rule can see the change.
    fs::write(&path, second).unwrap();
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_modified(mtime).unwrap();
    let corpus = open_cached(&root, &cache);
    assert_eq!(corpus.changes().changed, ["a.txt"]);
    let found = corpus.candidates(&hashes("four five six eight"), 1);
    assert_eq!(found[0].doc, 0);
    assert_eq!(corpus.article(0).unwrap().text, second);
}

#[test]
fn damaged_cache_is_rebuilt_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("corpus");
    let texts = generated_corpus(&root, 20);
    let path = open_cached(&root, &cache)
        .stats()
        .cache_path
        .clone()
        .unwrap();
    let quote = hashes(&passage(&texts[4], 40, 10));
    let len = fs::metadata(&path).unwrap().len();
    type Damage = Box<dyn Fn(&Path)>;
    let damages: [Damage; 3] = [
        Box::new(move |p| {
            let f = fs::OpenOptions::new().write(true).open(p).unwrap();
            f.set_len(len / 2).unwrap();
        }),
        Box::new(|p| {
            let mut bytes = fs::read(p).unwrap();
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x55;
            fs::write(p, bytes).unwrap();
        }),
        Box::new(|p| fs::write(p, b"not an index").unwrap()),
    ];
    for damage in damages {
        damage(&path);
        let corpus = open_cached(&root, &cache);
        assert!(!corpus.stats().from_cache);
        assert!(
            corpus
                .warnings()
                .iter()
                .any(|w| w.message.contains("corrupt")),
            "{:?}",
            corpus.warnings()
        );
        assert_eq!(corpus.candidates(&quote, 1)[0].doc, 4);
        let again = open_cached(&root, &cache);
        assert!(again.stats().from_cache && again.warnings().is_empty());
    }
}

/// Across a corpus: every 5-word passage (one per `step` articles) finds its article, and a
/// 15-word one with a word changed ranks its article (or a byte-identical copy) among the
/// first 8.
fn assert_passages_find_their_articles(corpus: &Corpus, step: usize) {
    // The text as read: a plain article's file, a transcript's turns (not its cues' times).
    let texts: Vec<String> = (0..corpus.len() as DocId)
        .map(|d| corpus.article(d).unwrap().text.clone())
        .collect();
    for doc in (0..corpus.len()).step_by(step) {
        let text = &texts[doc];
        let n = words(text).len();
        let exact = hashes(&passage(text, n / 2, 5));
        let all = corpus.candidates(&exact, usize::MAX);
        assert!(
            all.iter().any(|c| c.doc as usize == doc),
            "5 words of {doc}"
        );
        let mut altered = hashes(&passage(text, n / 3, 15));
        altered[7] = crate::text::hash_word("zebra");
        let top = corpus.candidates(&altered, 8);
        assert!(
            top.iter().any(|c| texts[c.doc as usize] == *text),
            "altered passage of {doc}: {top:?}"
        );
    }
}

/// The BBC sweep below at small scale, on every article of the generated corpus and of
/// `examples/corpus` (real prose, no headline on one of them, and an interview transcript).
#[test]
fn every_article_is_found_by_its_passages() {
    let dir = tempfile::tempdir().unwrap();
    generated_corpus(dir.path(), 120);
    assert_passages_find_their_articles(&open(dir.path()), 1);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let corpus = open(&examples);
    assert_eq!(corpus.len(), 3);
    assert_passages_find_their_articles(&corpus, 1);
}

#[path = "../../tests/common/bbc.rs"]
pub(super) mod bbc;

#[test]
fn bbc_corpus() {
    let Some(root) = bbc::bbc_corpus("corpus::tests::bbc_corpus") else {
        return;
    };
    let corpus = open(&root);
    assert_eq!(corpus.len(), 2225);
    let quote = hashes("There is no lack of confidence in the team");
    let found = corpus.candidates(&quote, 5);
    assert!(
        found
            .iter()
            .any(|c| corpus.path(c.doc).as_deref() == Some("sport/323.txt")),
        "{:?}",
        found
    );
    let article = corpus.article(found[0].doc).unwrap();
    assert!(article.text.contains("no lack of confidence in the team"));

    assert_passages_find_their_articles(&corpus, 37);

    // Byte-identical articles (BBC has 98 pairs): a passage of one finds both.
    let mut seen = std::collections::HashMap::new();
    let pair = (0..corpus.len() as DocId).find_map(|d| {
        // Read directly: `article` would also run the quotation extractor on each.
        let text = fs::read_to_string(root.join(corpus.path(d)?)).ok()?;
        seen.insert(text.clone(), d).map(|first| (first, d, text))
    });
    let (a, b, text) = pair.expect("BBC has duplicate articles");
    let found = corpus.candidates(&hashes(&passage(&text, 40, 10)), 10);
    let docs: Vec<_> = found.iter().map(|c| c.doc).collect();
    assert!(docs.contains(&a) && docs.contains(&b), "{a} {b}: {docs:?}");
}

/// Files written, rewritten and deleted while the corpus is being opened: the open never
/// fails or panics (a vanished file is a warning), and the next open, once the folder is
/// still, sees exactly what is there.
#[test]
fn a_corpus_changing_while_it_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let cache = dir.path().join(".cache");
    for i in 0..400 {
        write(
            &root,
            &format!("a/{i:03}.txt"),
            format!("T{i}\n\n\"Words number {i} said here,\" he said.\n"),
        );
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (root, stop) = (root.clone(), std::sync::Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut n = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let i = n % 400;
                let path = root.join(format!("a/{i:03}.txt"));
                if n % 3 == 0 {
                    let _ = fs::remove_file(&path);
                } else {
                    let _ = fs::write(
                        &path,
                        format!("T{i}\n\n\"Rewritten {n} times here,\" he said.\n"),
                    );
                }
                let _ = fs::write(root.join(format!("b/{n}.txt")), "New\n\nfresh text\n");
                n += 1;
                if n % 50 == 0 {
                    let _ = fs::create_dir_all(root.join("b"));
                }
            }
        })
    };
    for _ in 0..5 {
        let opened = Corpus::open(
            std::slice::from_ref(&root),
            &OpenOptions {
                cache_dir: Some(cache.clone()),
                ..Default::default()
            },
        );
        assert!(opened.is_ok(), "{:?}", opened.err());
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    // Still: a fresh open and a cached one agree with the folder.
    let on_disk = fs::read_dir(root.join("a")).unwrap().count()
        + fs::read_dir(root.join("b")).map_or(0, |d| d.count());
    let fresh = open(&root);
    let cached = open_cached(&root, &cache);
    assert_eq!(fresh.len(), on_disk);
    assert_eq!(paths(&fresh), paths(&cached));
}
