//! The sources seam from outside the crate: a backend of our own (as an archive or a
//! transcript store would be) that `check` asks twice per draft (find, then fetch_all),
//! whose speaker labels it takes instead of reading the text; and the embedded index
//! telling where passages live.

use std::sync::{Arc, Mutex};

use verbatim::check::{AttributionVerdict, CheckOptions, Checker, Wording, check_text};
use verbatim::config::Settings;
use verbatim::draft::Format;
use verbatim::sources::{
    self, Answer, Article, ArticleId, Label, OpenWith, Place, Sources, Unanswered,
};

/// Articles in memory; remembers each question asked (`find 3`: three queries). With
/// `down`, it answers as a backend beside an unreachable archive would: its own articles,
/// and the archive named as unanswered.
struct Memory {
    articles: Vec<Arc<Article>>,
    calls: Mutex<Vec<String>>,
    down: Mutex<Option<Unanswered>>,
}

impl Memory {
    fn answer<T>(&self, value: T) -> Answer<T> {
        Answer {
            value,
            unanswered: self.down.lock().unwrap().iter().cloned().collect(),
        }
    }
}

impl Sources for Memory {
    fn find(&self, queries: &[Vec<u64>], _limit: usize) -> Answer<Vec<Vec<ArticleId>>> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("find {}", queries.len()));
        let all: Vec<ArticleId> = (0..self.articles.len() as u64).collect();
        self.answer(queries.iter().map(|_| all.clone()).collect())
    }

    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.calls.lock().unwrap().push(format!("fetch {id}"));
        self.articles.get(usize::try_from(id).ok()?).cloned()
    }

    fn fetch_all(&self, ids: &[ArticleId]) -> Answer<Vec<Option<Arc<Article>>>> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("fetch_all {}", ids.len()));
        let get = |&id: &ArticleId| self.articles.get(usize::try_from(id).ok()?).cloned();
        self.answer(ids.iter().map(get).collect())
    }

    fn len(&self) -> usize {
        self.articles.len()
    }
}

fn memory(articles: Vec<Article>) -> Arc<Memory> {
    Arc::new(Memory {
        articles: articles.into_iter().map(Arc::new).collect(),
        calls: Mutex::new(Vec::new()),
        down: Mutex::new(None),
    })
}

/// A transcript: every turn labelled with its speaker; the words name someone else.
fn transcript() -> Article {
    let text = "Moderator: What happens now?\n\
                Jane Doe: We will never give up on the people of this town, said John Roe to me once.\n";
    let mut a = Article::new(text.to_string(), Format::Plain);
    a.path = "interview.txt".into();
    a.title = "Interview".into();
    let turn = text.find("Jane Doe:").unwrap();
    a.labels = vec![
        Label {
            range: 0..turn,
            speaker: "Moderator".into(),
        },
        Label {
            range: turn + "Jane Doe: ".len()..text.len(),
            speaker: "Jane Doe".into(),
        },
    ];
    a
}

const OPTIONS: CheckOptions = CheckOptions {
    extract: verbatim::draft::ExtractOptions {
        min_speech_words: 4,
    },
};

#[test]
fn a_source_that_labels_its_speakers_is_taken_at_its_word() {
    let sources = memory(vec![transcript()]);
    let check = |draft: &str| check_text(sources.as_ref(), draft, Format::Plain, &OPTIONS);
    // Read from the text, the words would be John Roe's; the label says Jane Doe's.
    let f = &check("\"We will never give up on the people of this town,\" said Jane Doe.")[0];
    assert_eq!(f.wording, Wording::Exact);
    assert_eq!(f.attribution, AttributionVerdict::Matches);
    assert_eq!(
        f.source.as_ref().unwrap().speaker.as_deref(),
        Some("Jane Doe")
    );
    let f = &check("\"We will never give up on the people of this town,\" said John Roe.")[0];
    assert_eq!(f.attribution, AttributionVerdict::Conflicts);
}

#[test]
fn check_asks_the_sources_twice_per_draft_and_the_checker_only_for_new_quotes() {
    let sources = memory(vec![transcript()]);
    let checker = Checker::new(sources.clone());
    let draft = "\"We will never give up on the people,\" said Jane Doe.\n\n\
                 \"What happens now?\" asked the Moderator.\n\n\
                 \"Nothing of this was ever said by anyone,\" said Tom Hill.\n";
    let first = checker.check(draft, Format::Plain, &OPTIONS);
    assert_eq!(first.len(), 3);
    // Two questions for the draft: the candidates of all three, then their articles.
    assert_eq!(*sources.calls.lock().unwrap(), ["find 3", "fetch_all 1"]);
    // Unchanged: nothing to ask. One quotation edited: one question.
    let again = checker.check(draft, Format::Plain, &OPTIONS);
    assert_eq!(again, first);
    let edited = draft.replace("ever said", "ever written");
    let third = checker.check(&edited, Format::Plain, &OPTIONS);
    assert_eq!(
        *sources.calls.lock().unwrap(),
        ["find 3", "fetch_all 1", "find 1", "fetch_all 1"]
    );
    assert_eq!(third[..2], first[..2]);
}

/// A dropped or unreachable archive never yields a wrong verdict: what the sources that
/// answered verified (words and speaker) stands, everything else is `unknown`, and none of
/// it is remembered, so the next check asks again.
#[test]
fn a_source_that_does_not_answer_gives_unknown_never_a_wrong_verdict() {
    let sources = memory(vec![transcript()]);
    *sources.down.lock().unwrap() = Some(Unanswered {
        name: "postgres://db.example/news".into(),
        reason: "connection refused".into(),
    });
    let checker = Checker::new(sources.clone());
    let draft = "\"We will never give up on the people,\" said Jane Doe.\n\n\
                 \"We will never give up on the people,\" said John Roe.\n\n\
                 \"Nothing of this was ever said by anyone,\" said Tom Hill.\n";
    let f = checker.check(draft, Format::Plain, &OPTIONS);
    let verdicts: Vec<(Wording, AttributionVerdict)> =
        f.iter().map(|f| (f.wording, f.attribution)).collect();
    assert_eq!(
        verdicts,
        [
            (Wording::Exact, AttributionVerdict::Matches),
            (Wording::Unknown, AttributionVerdict::Unknown),
            (Wording::Unknown, AttributionVerdict::Unknown),
        ]
    );
    assert!(f[2].source.is_none());
    let told = verbatim::check::verdict::diagnosis(&f[2], &Settings::default().severity).unwrap();
    assert_eq!(told.code.as_str(), "unchecked");
    assert_eq!(
        told.message,
        "not checked: postgres://db.example/news (connection refused) did not answer"
    );
    // Back up: the same draft is asked about again, and now refuted where it should be.
    *sources.down.lock().unwrap() = None;
    let f = checker.check(draft, Format::Plain, &OPTIONS);
    assert_eq!(f[1].attribution, AttributionVerdict::Conflicts);
    assert_eq!(f[2].wording, Wording::NotFound);
}

/// Words the answering sources hold only as their reporter's narration are not vouched for
/// while a source is down: the archive might quote them, so they are `unknown`, not
/// `paraphrase-quoted`.
#[test]
fn narration_is_not_vouched_for_while_a_source_is_down() {
    let mut article = Article::new(
        "Library to close\n\nThe mayor, Jane Doe, said the council would close the old library \
         on the high street next spring. \"It is a sad day,\" Jane Doe said.\n"
            .to_string(),
        Format::Plain,
    );
    article.path = "library.txt".into();
    let sources = memory(vec![article]);
    let draft = "\"The council would close the old library on the high street next spring. \
                 It is a sad day,\" said Jane Doe.\n";
    let checker = Checker::new(sources.clone());
    let up = checker.check(draft, Format::Plain, &OPTIONS);
    assert_eq!(
        (up[0].wording, up[0].attribution),
        (Wording::Exact, AttributionVerdict::Matches)
    );
    assert!(!up[0].source.as_ref().unwrap().quoted);
    let severities = Settings::default().severity;
    let told = verbatim::check::verdict::diagnosis(&up[0], &severities).unwrap();
    assert_eq!(told.code.as_str(), "paraphrase-quoted");

    *sources.down.lock().unwrap() = Some(Unanswered {
        name: "postgres://db.example/news".into(),
        reason: "timed out".into(),
    });
    let down = Checker::new(sources.clone()).check(draft, Format::Plain, &OPTIONS);
    assert_eq!(down[0].wording, Wording::Unknown);
    let told = verbatim::check::verdict::diagnosis(&down[0], &severities).unwrap();
    assert_eq!(told.code.as_str(), "unchecked");
}

#[test]
fn the_embedded_index_says_where_each_passage_lives() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Title\n\nIntro.\n\"We will never give up on the people of this town,\" said Jane Doe.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("w.jsonl"),
        "{\"text\": \"Nothing here.\"}\n{\"title\": \"Wire\", \"text\": \"Line one.\\nThe count is not over yet at all, said John Roe.\"}\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("p.html"),
        "<html><head><title>Page</title></head><body><p>Tom Hill said the plan for the bridge was dead and buried.</p></body></html>",
    )
    .unwrap();
    let settings = Settings {
        corpus: vec![corpus.clone()],
        ..Settings::default()
    };
    let with = OpenWith {
        no_cache: true,
        progress: None,
    };
    let opened = sources::open(&settings, &with).unwrap();
    assert_eq!(opened.sources.len(), 4);
    let draft = "\"We will never give up on the people of this town,\" said Jane Doe.\n\n\
                 \"The count is not over yet at all,\" said John Roe.\n\n\
                 \"The plan for the bridge was dead and buried,\" said Tom Hill.\n";
    let findings = Checker::new(opened.sources).check(draft, Format::Plain, &OPTIONS);
    let places: Vec<Place> = findings
        .iter()
        .map(|f| f.source.as_ref().expect("a source").place.clone())
        .collect();
    let start = "Title\n\nIntro.\n\"".len();
    assert_eq!(
        places,
        [
            Place::File {
                path: corpus.join("a.txt"),
                line: 4,
                bytes: Some(
                    start..start + "We will never give up on the people of this town".len()
                ),
            },
            Place::Line {
                path: corpus.join("w.jsonl"),
                line: 2,
            },
            // An HTML article's text is its body, not the file: the top of the file.
            Place::File {
                path: corpus.join("p.html"),
                line: 1,
                bytes: None,
            },
        ]
    );
    // The report's name for a .jsonl article stays `file#line`.
    assert_eq!(findings[1].source.as_ref().unwrap().path, "w.jsonl#2");
}
