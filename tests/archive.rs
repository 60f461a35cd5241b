//! The archive against a real PostgreSQL, as a newsroom would use it: `verbatim archive
//! init|add`, then `verbatim check --corpus postgres://…`. Each test gets a database of its
//! own on the server `VERBATIM_TEST_DATABASE_URL` names (a user who may create databases);
//! without it the tests say so and pass (CI starts a server: .ci/pg.sh).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// A database of this test's own, dropped at the end.
struct Db {
    admin: String,
    name: String,
    url: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn server() -> Option<String> {
    match std::env::var("VERBATIM_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!(
                "note: VERBATIM_TEST_DATABASE_URL is not set: archive test skipped (.ci/pg.sh starts a server)"
            );
            None
        }
    }
}

fn sql(url: &str, statements: &str) -> Vec<Vec<Option<String>>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to the test server: {e}"));
        tokio::spawn(conn);
        let mut rows = Vec::new();
        for m in client.simple_query(statements).await.unwrap() {
            if let tokio_postgres::SimpleQueryMessage::Row(r) = m {
                rows.push((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect());
            }
        }
        rows
    })
}

fn one(url: &str, query: &str) -> String {
    sql(url, query)[0][0].clone().unwrap_or_default()
}

impl Db {
    fn new() -> Option<Db> {
        let admin = server()?;
        let name = format!(
            "verbatim_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        sql(&admin, &format!("DROP DATABASE IF EXISTS {name}"));
        sql(&admin, &format!("CREATE DATABASE {name}"));
        let url = with_db(&admin, &name);
        let db = Db { admin, name, url };
        let init = verbatim(&["archive", "init", &db.url], None);
        assert_eq!(init.code, 0, "{}", init.stderr);
        Some(db)
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        sql(
            &self.admin,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}

/// The server URL with another database.
fn with_db(url: &str, db: &str) -> String {
    let (head, tail) = match url.find('?') {
        Some(q) => url.split_at(q),
        None => (url, ""),
    };
    let scheme = head.find("://").map_or(0, |i| i + 3);
    let base = match head[scheme..].find('/') {
        Some(slash) => &head[..scheme + slash],
        None => head,
    };
    format!("{base}/{db}{tail}")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn verbatim(args: &[&str], stdin: Option<&str>) -> Run {
    let cache = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(args)
        .env("XDG_CACHE_HOME", cache.path())
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn check_json(draft: &Path, corpus: &[&str]) -> Value {
    let mut args = vec![
        "check",
        draft.to_str().unwrap(),
        "--format",
        "json",
        "--no-cache",
    ];
    for c in corpus {
        args.extend(["--corpus", c]);
    }
    let run = verbatim(&args, None);
    assert!(run.code < 2, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// A corpus of every format, with metadata, and a story carried by three outlets.
fn corpus(dir: &Path) {
    let story = "The minister said the bridge would open next spring. \
                 \"We have waited long enough for this crossing,\" said Mary Clarke, the mayor. \
                 Work begins in May.";
    std::fs::create_dir_all(dir.join("wires")).unwrap();
    std::fs::write(
        dir.join("wires/feed.jsonl"),
        format!(
            "{{\"title\": \"Bridge to open\", \"url\": \"https://wire.example/1\", \"outlet\": \"Wire\", \"date\": \"2005-03-02T08:00:00Z\", \"author\": \"A. Reporter\", \"text\": {:?}}}\n\
             {{\"title\": \"Unrelated\", \"text\": \"Nothing to see in this line about the weather at all.\"}}\n",
            story
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("first.html"),
        format!(
            "<html><head><title>Bridge plan backed</title>\
             <meta property=\"article:published_time\" content=\"2005-03-01T09:00:00+01:00\">\
             <meta property=\"og:site_name\" content=\"Daily Gazette\">\
             <link rel=\"canonical\" href=\"https://gazette.example/bridge\"></head>\
             <body><p>{story}</p></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("later.md"),
        format!("---\ntitle: Bridge, again\ndate: 2005-03-09\noutlet: Weekly\n---\n\n{story}\n"),
    )
    .unwrap();
    std::fs::copy(
        Path::new(EXAMPLES)
            .join("corpus")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
        dir.join("example.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.join("quotes.txt"),
        "Odd marks\n\nThe clerk said: \"It's the end; -- or is it? '); DROP TABLE verbatim.articles; --\" and left.\n",
    )
    .unwrap();
}

const DRAFT: &str = "# Bridge\n\n\
    \"We have waited long enough for this crossing,\" said Mary Clarke.\n\n\
    \"We have waited long enough for this bridge,\" said Mary Clarke.\n\n\
    \"It's the end; -- or is it? '); DROP TABLE verbatim.articles; --\" the clerk said.\n\n\
    \"Nobody ever said these words in any article at all,\" said Tom Hill.\n";

/// A temporary folder holding the test corpus in `corpus/`, added to the archive (the run
/// of `verbatim archive add`, which succeeded).
fn archived(db: &Db) -> (tempfile::TempDir, PathBuf, Run) {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    corpus(&c);
    let add = verbatim(
        &["archive", "add", "--corpus", c.to_str().unwrap(), &db.url],
        None,
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    (dir, c, add)
}

fn quotes(report: &Value) -> Vec<Value> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["quotes"].as_array().unwrap().clone())
        .collect()
}

/// The report with what may differ between backends taken out: provenance only.
fn without_provenance(mut report: Value) -> Value {
    for f in report["files"].as_array_mut().unwrap() {
        for q in f["quotes"].as_array_mut().unwrap() {
            q.as_object_mut().unwrap().remove("provenance");
        }
    }
    report
}

#[test]
fn a_draft_checked_against_the_archive_reads_as_against_the_folder() {
    let Some(db) = Db::new() else { return };
    let (dir, c, add) = archived(&db);
    assert!(
        add.stdout.starts_with("6 articles read: 6 added"),
        "{}",
        add.stdout
    );
    let draft = dir.path().join("draft.md");
    std::fs::write(&draft, DRAFT).unwrap();
    let folder = check_json(&draft, &[c.to_str().unwrap()]);
    let archive = check_json(&draft, &[&db.url]);
    assert_eq!(
        without_provenance(archive.clone()),
        without_provenance(folder.clone())
    );
    // Provenance too: the same carriers in the same order.
    assert_eq!(archive, folder);
    let q = quotes(&archive);
    let verdicts: Vec<(&str, &str)> = q
        .iter()
        .map(|q| {
            (
                q["wording"].as_str().unwrap(),
                q["attribution"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("exact", "matches"),
            ("altered", "matches"),
            ("exact", "unknown"),
            ("not_found", "unknown")
        ]
    );
    // Where the words first appeared: the Gazette on 1 March, then the wire and the weekly.
    let carriers = q[0]["provenance"].as_array().unwrap();
    let outlets: Vec<&str> = carriers
        .iter()
        .map(|c| c["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(outlets, ["Daily Gazette", "Wire", "Weekly"]);
    assert_eq!(carriers[0]["first"], true);
    assert_eq!(carriers[0]["address"], "https://gazette.example/bridge");
    assert_eq!(carriers[1]["date"], "2005-03-02T08:00:00Z");
    assert!(carriers[1..].iter().all(|c| c["first"] == false));
    // The quote full of quote marks, semicolons and comment dashes found its article, and
    // the archive is whole.
    assert_eq!(q[2]["source"]["path"], "quotes.txt");
    assert_eq!(one(&db.url, "SELECT count(*) FROM verbatim.articles"), "6");
    // A human report says it too.
    let human = verbatim(
        &["check", draft.to_str().unwrap(), "--corpus", &db.url],
        None,
    );
    assert!(
        human.stdout.contains(
            "first appeared in Daily Gazette, 2005-03-01T09:00:00+01:00: “Bridge plan backed” (https://gazette.example/bridge); 2 later articles repeat them"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn adding_again_changes_nothing_and_an_edited_article_replaces_its_old_version() {
    let Some(db) = Db::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    corpus(&c);
    let c = c.to_str().unwrap();
    assert_eq!(
        verbatim(&["archive", "add", "--corpus", c, &db.url], None).code,
        0
    );
    let state = |db: &Db| {
        sql(
            &db.url,
            "SELECT (SELECT string_agg(id || ':' || key || ':' || encode(hash, 'hex'), ',' ORDER BY id) FROM verbatim.articles),
                    (SELECT count(*) FROM verbatim.segments), (SELECT sum(postings) FROM verbatim.segments)",
        )
    };
    let before = state(&db);
    let again = verbatim(&["archive", "add", "--corpus", c, &db.url], None);
    assert!(
        again
            .stdout
            .starts_with("6 articles read: 0 added, 0 replaced, 6 unchanged"),
        "{}",
        again.stdout
    );
    assert_eq!(state(&db), before);
    // An edit: the new version is found, the old one is not.
    let md = Path::new(c).join("later.md");
    let text = std::fs::read_to_string(&md).unwrap().replace(
        "Work begins in May.",
        "Work begins in June, officials said today.",
    );
    std::fs::write(&md, text).unwrap();
    let edit = verbatim(&["archive", "add", "--corpus", c, &db.url], None);
    assert!(
        edit.stdout
            .starts_with("6 articles read: 0 added, 1 replaced, 5 unchanged"),
        "{}",
        edit.stdout
    );
    assert_eq!(one(&db.url, "SELECT count(*) FROM verbatim.articles"), "6");
    let draft = dir.path().join("d.md");
    std::fs::write(
        &draft,
        "\"Work begins in June, officials said today,\" the paper said.\n",
    )
    .unwrap();
    let q = quotes(&check_json(&draft, &[&db.url]));
    assert_eq!(q[0]["wording"], "exact");
    assert_eq!(q[0]["source"]["path"], "later.md");
    std::fs::write(
        &draft,
        "\"The minister said the bridge would open next spring,\" she wrote.\n",
    )
    .unwrap();
    let q = quotes(&check_json(&draft, &[&db.url]));
    assert_eq!(
        q[0]["other_sources"], 2,
        "the old version is no carrier: {q:?}"
    );
    // Compacting drops the old version's postings and changes no answer.
    let compact = verbatim(&["archive", "compact", &db.url], None);
    assert_eq!(compact.code, 0, "{}", compact.stderr);
    assert_eq!(one(&db.url, "SELECT count(*) FROM verbatim.retired"), "0");
    assert_eq!(quotes(&check_json(&draft, &[&db.url])), q);
}

#[test]
fn an_add_cut_short_resumes_with_no_duplicate_and_nothing_half_written() {
    let Some(db) = Db::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    // Enough text for several batches (16 MB each), so an add can be cut between them.
    let mut n = 0;
    for f in 0..6 {
        let mut feed = String::new();
        for _ in 0..2200 {
            n += 1;
            let words: String = (0..400).map(|w| format!("w{n}x{w} ")).collect();
            feed.push_str(&format!(
                "{{\"title\": \"A{n}\", \"text\": \"Story {n}: {words}\"}}\n"
            ));
        }
        std::fs::write(c.join(format!("f{f}.jsonl")), feed).unwrap();
    }
    let mut child = Command::new(BIN)
        .args(["archive", "add", "--corpus", c.to_str().unwrap(), &db.url])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Cut it off once a first batch is in.
    let started = std::time::Instant::now();
    while one(&db.url, "SELECT count(*) FROM verbatim.segments") == "0" {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no batch written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // Whatever is in is whole: every article is in the postings of a segment.
    let in_segments = one(
        &db.url,
        "SELECT coalesce(sum(articles), 0) FROM verbatim.segments",
    );
    let articles = one(&db.url, "SELECT count(*) FROM verbatim.articles");
    assert_eq!(in_segments, articles);
    let resumed = verbatim(
        &["archive", "add", "--corpus", c.to_str().unwrap(), &db.url],
        None,
    );
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert_eq!(
        one(&db.url, "SELECT count(*) FROM verbatim.articles"),
        n.to_string()
    );
    assert_eq!(
        one(&db.url, "SELECT count(DISTINCT key) FROM verbatim.articles"),
        n.to_string()
    );
    // The last article, and one from the first batch, are both found.
    let draft = dir.path().join("d.md");
    std::fs::write(
        &draft,
        format!("\"Story {n}: w{n}x0 w{n}x1 w{n}x2 w{n}x3\" it said. \"Story 1: w1x0 w1x1 w1x2 w1x3\" it said.\n"),
    )
    .unwrap();
    let q = quotes(&check_json(&draft, &[&db.url]));
    assert!(q.iter().all(|q| q["wording"] == "exact"), "{q:?}");
}

#[test]
fn a_feed_on_stdin_keeps_its_metadata() {
    let Some(db) = Db::new() else { return };
    let feed = "{\"title\": \"It's; -- here\", \"url\": \"https://w.example/9\", \"outlet\": \"O'Brien's Wire\", \"author\": \"Ann; Bo\", \"date\": \"Tue, 01 Mar 2005 10:00:00 GMT\", \"text\": \"\\\"Rates will stay where they are for now,\\\" said Ann Lee.\"}\n\
                not json\n";
    let add = verbatim(&["archive", "add", "--name", "wire", &db.url], Some(feed));
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert!(
        add.stderr.contains("wire#2"),
        "the bad line is told: {}",
        add.stderr
    );
    let row = &sql(
        &db.url,
        "SELECT path, title, outlet, author, published, published_key FROM verbatim.articles",
    )[0];
    let row: Vec<&str> = row.iter().map(|v| v.as_deref().unwrap_or("")).collect();
    assert_eq!(
        row,
        [
            "wire#1",
            "It's; -- here",
            "O'Brien's Wire",
            "Ann; Bo",
            "Tue, 01 Mar 2005 10:00:00 GMT",
            "2005-03-01T10:00:00"
        ]
    );
}

#[test]
fn checkers_cannot_write_and_the_reader_role_can_read() {
    let Some(db) = Db::new() else { return };
    let user = format!("{}_reader", db.name);
    sql(
        &db.url,
        &format!("CREATE ROLE {user} LOGIN PASSWORD 'pw' IN ROLE verbatim_reader"),
    );
    let scheme = db.url.find("://").unwrap() + 3;
    let host_at = db.url[scheme..]
        .find('@')
        .map_or(scheme, |i| scheme + i + 1);
    let reader = format!("{}{user}:pw@{}", &db.url[..scheme], &db.url[host_at..]);
    let (dir, _, _) = archived(&db);
    let draft = dir.path().join("d.md");
    std::fs::write(&draft, DRAFT).unwrap();
    let run = verbatim(
        &[
            "check",
            draft.to_str().unwrap(),
            "--corpus",
            &reader,
            "--format",
            "json",
        ],
        None,
    );
    assert!(run.code < 2, "{}", run.stderr);
    assert!(
        !run.stderr.contains("pw@"),
        "no password in messages: {}",
        run.stderr
    );
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(quotes(&report)[0]["wording"], "exact");
    // The reader may not write, and ingest refuses it.
    let add = verbatim(
        &["archive", "add", &reader],
        Some("{\"text\": \"A new story that the reader may not add to the archive.\"}\n"),
    );
    assert_eq!(add.code, 2);
    assert!(add.stderr.contains("permission denied"), "{}", add.stderr);
    assert!(!add.stderr.contains(":pw"), "{}", add.stderr);
    sql(&db.url, &format!("DROP OWNED BY {user}; DROP ROLE {user}"));
}

/// A TCP proxy to the server that can stall or cut every connection.
struct Proxy {
    port: u16,
    cut: Arc<AtomicBool>,
}

impl Proxy {
    fn start(target: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let (target, flag) = (target.to_string(), Arc::clone(&cut));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if flag.load(Ordering::SeqCst) {
                    continue; // refused: dropped at once
                }
                let Ok(server) = TcpStream::connect(&target) else {
                    continue;
                };
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    let flag = Arc::clone(&flag);
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16384];
                        while let Ok(n) = from.read(&mut buf) {
                            if n == 0 || flag.load(Ordering::SeqCst) {
                                break;
                            }
                            if to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(std::net::Shutdown::Both);
                        let _ = from.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        });
        Proxy { port, cut }
    }
}

/// host:port of a postgres:// URL.
fn host_port(url: &str) -> String {
    let rest = &url[url.find("://").unwrap() + 3..];
    let rest = &rest[rest.find('@').map_or(0, |i| i + 1)..];
    let hp = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    if hp.contains(':') {
        hp.to_string()
    } else {
        format!("{hp}:5432")
    }
}

#[test]
fn an_archive_that_goes_away_gives_unchecked_and_the_folders_are_still_checked() {
    let Some(db) = Db::new() else { return };
    let (dir, _, _) = archived(&db);
    let local = dir.path().join("local");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::write(
        local.join("l.txt"),
        "Local\n\n\"Local words are always checked here,\" said Ann Lee.\n",
    )
    .unwrap();
    let draft = dir.path().join("d.md");
    std::fs::write(
        &draft,
        format!("{DRAFT}\n\"Local words are always checked here,\" said Ann Lee.\n"),
    )
    .unwrap();
    // Through a proxy that works: the archive's verdicts and the folder's.
    let proxy = Proxy::start(&host_port(&db.url));
    let hp = host_port(&db.url);
    let via = db
        .url
        .replacen(&hp, &format!("127.0.0.1:{}", proxy.port), 1);
    let both = [via.as_str(), local.to_str().unwrap()];
    let q = quotes(&check_json(&draft, &both));
    assert_eq!(q[0]["wording"], "exact");
    assert_eq!(q[4]["wording"], "exact");
    // Cut: the folder's quotation is still verified, the archive's are unchecked, never
    // not_found, and the archive is named once, without its password.
    proxy.cut.store(true, Ordering::SeqCst);
    let run = verbatim(
        &[
            "check",
            draft.to_str().unwrap(),
            "--format",
            "json",
            "--corpus",
            &via,
            "--corpus",
            local.to_str().unwrap(),
        ],
        None,
    );
    assert!(run.code < 2, "{}", run.stderr);
    let q = quotes(&serde_json::from_str(&run.stdout).unwrap());
    let wordings: Vec<&str> = q.iter().map(|q| q["wording"].as_str().unwrap()).collect();
    assert_eq!(
        wordings,
        ["unknown", "unknown", "unknown", "unknown", "exact"]
    );
    assert_eq!(q[0]["code"], "unchecked");
    let told = run.stderr.matches("did not answer").count();
    assert_eq!(told, 1, "{}", run.stderr);
    // An archive nobody listens on: the same, and quickly.
    let started = std::time::Instant::now();
    let nowhere = "postgres://verbatim:secret@127.0.0.1:9/none";
    let run = verbatim(
        &[
            "check",
            draft.to_str().unwrap(),
            "--format",
            "json",
            "--corpus",
            nowhere,
            "--corpus",
            local.to_str().unwrap(),
        ],
        None,
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
    let q = quotes(&serde_json::from_str(&run.stdout).unwrap());
    assert_eq!(q[4]["wording"], "exact");
    assert_eq!(q[0]["wording"], "unknown");
}

#[test]
fn a_connection_dropped_between_checks_is_made_again() {
    let Some(db) = Db::new() else { return };
    let (_dir, _, _) = archived(&db);
    let (archive, down) = verbatim::archive::Archive::open(&db.url).unwrap();
    assert!(down.is_none());
    let sources: Arc<dyn verbatim::sources::Sources> = Arc::new(archive);
    let checker = verbatim::check::Checker::new(Arc::clone(&sources));
    let options = verbatim::check::CheckOptions::default();
    let check = || checker.check(DRAFT, verbatim::draft::Format::Markdown, &options);
    let first = check();
    assert_eq!(first[0].wording, verbatim::check::Wording::Exact);
    // The server ends every session of this database mid-use.
    sql(
        &db.admin,
        &format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{}' AND pid <> pg_backend_pid()",
            db.name
        ),
    );
    let fresh = verbatim::check::Checker::new(Arc::clone(&sources));
    let mut answers = Vec::new();
    for _ in 0..40 {
        let f = fresh.check(DRAFT, verbatim::draft::Format::Markdown, &options);
        let done = f.iter().all(|f| f.unchecked.is_empty());
        // Never a wrong verdict while it reconnects: the verdict, or unknown.
        for (a, b) in f.iter().zip(&first) {
            assert!(a.wording == b.wording || a.wording == verbatim::check::Wording::Unknown);
        }
        answers.push(done);
        if done {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(answers.last(), Some(&true), "reconnected: {answers:?}");
}

/// An interview transcript in a corpus folder is not added to the archive (it keeps no
/// speakers or times), and `archive add` says so by name; the articles beside it are added.
#[test]
fn transcripts_are_named_and_left_out_of_the_archive() {
    let Some(db) = Db::new() else { return };
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(
        c.join("story.txt"),
        "Ferry\n\n\"The ferry will run twice a day,\" said Ann Lee.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("call.vtt"),
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann Lee>The ferry will run twice a day.\n",
    )
    .unwrap();
    let add = verbatim(
        &["archive", "add", "--corpus", c.to_str().unwrap(), &db.url],
        None,
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert!(
        add.stdout.starts_with("1 articles read: 1 added"),
        "{}",
        add.stdout
    );
    assert!(
        add.stderr.contains("call.vtt")
            && add.stderr.contains("an interview transcript: not added"),
        "{}",
        add.stderr
    );
}
