//! A shared newsroom archive on PostgreSQL as a backend of the sources seam: `find` asks one
//! statement per draft for every quotation's k-grams and ranks the candidates as the
//! embedded index does, `fetch_all` asks a second for the candidate articles. `ingest`
//! writes it (`verbatim archive init|add`); docs/archive.md says how it is laid out.

pub mod address;
pub mod ingest;
mod link;
mod postings;
mod query;
pub mod schema;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use std::sync::{Arc, Mutex};

pub use address::{Address, ProcessEnv, is_archive};
pub use link::{Access, QUERY_TIMEOUT};

use crate::draft::Format;
use crate::sources::{Answer, Article, ArticleId, Origin, Recent, Sources, Unanswered};
use link::Link;
use query::Lists;

/// Articles kept parsed (with their speaker analysis) between checks, as the embedded
/// index keeps them.
const RECENT: usize = 2048;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Address(#[from] address::AddressError),
    #[error("archive {name}: {message}")]
    Failed { name: String, message: String },
}

/// An archive opened for checking: read-only connections, made on first need again after
/// a failure.
pub struct Archive {
    link: Link,
    recent: Mutex<Recent>,
    count: AtomicUsize,
}

impl Archive {
    /// Opens the archive at `url` for checking. An archive that cannot be reached now is
    /// still opened (its questions go unanswered until it answers): `Err` only for an
    /// address that cannot be read. The second value says why it did not answer.
    pub fn open(url: &str) -> Result<(Archive, Option<Unanswered>), ArchiveError> {
        let address = Address::parse(url, &ProcessEnv)?;
        let name = address.name.clone();
        let link = Link::new(address, Access::Read).map_err(|e| ArchiveError::Failed {
            name,
            message: e.to_string(),
        })?;
        let archive = Archive {
            link,
            recent: Mutex::new(Recent::default()),
            count: AtomicUsize::new(0),
        };
        let first = archive.refresh_count().err();
        Ok((archive, first))
    }

    /// The archive's name for messages (no password).
    pub fn name(&self) -> &str {
        self.link.name()
    }

    fn refresh_count(&self) -> Result<usize, Unanswered> {
        let n = self.link.ask(QUERY_TIMEOUT, |c| async move {
            let row = c
                .client
                .query_one("SELECT count(*) FROM verbatim.articles", &[])
                .await?;
            Ok(row.get::<_, i64>(0))
        })?;
        let n = usize::try_from(n).unwrap_or(0);
        self.count.store(n, Ordering::Relaxed);
        Ok(n)
    }

    fn lists(&self, queries: &[Vec<u64>]) -> Result<Lists, Unanswered> {
        let grams = query::grams_of(queries);
        let huge = i64::try_from(crate::corpus::HUGE_POSTINGS).unwrap_or(i64::MAX);
        let sent = grams.clone();
        let rows = self.link.ask(QUERY_TIMEOUT, move |c| async move {
            c.client.query(&c.find, &[&sent, &huge]).await
        })?;
        let mut lists = Lists::read(&rows, &grams).ok_or_else(|| self.unreadable())?;
        let missing = lists.missing(queries);
        if !missing.is_empty() {
            let rows = self.link.ask(QUERY_TIMEOUT, move |c| async move {
                c.client.query(&c.common, &[&missing]).await
            })?;
            lists.complete(&rows).ok_or_else(|| self.unreadable())?;
        }
        Ok(lists)
    }

    fn unreadable(&self) -> Unanswered {
        Unanswered {
            name: self.name().to_string(),
            reason: "postings this verbatim cannot read (run `verbatim archive init`?)".into(),
        }
    }

    fn fetch_rows(&self, ids: Vec<i64>) -> Result<Vec<Arc<Article>>, Unanswered> {
        let rows = self.link.ask(QUERY_TIMEOUT, move |c| async move {
            c.client.query(&c.fetch, &[&ids]).await
        })?;
        // Each article's words are found as it is built: on every core.
        Ok(rows
            .par_iter()
            .filter_map(|r| self.article(r))
            .map(Arc::new)
            .collect())
    }

    /// An article from its row.
    fn article(&self, row: &tokio_postgres::Row) -> Option<Article> {
        let id: i64 = row.try_get(0).ok()?;
        let format: i16 = row.try_get(7).ok()?;
        let text: String = row.try_get(8).ok()?;
        let format = if format == 1 {
            Format::Markdown
        } else {
            Format::Plain
        };
        let mut a = Article::new(text, format);
        a.path = row.try_get(1).ok()?;
        a.title = row.try_get(2).ok()?;
        a.url = row.try_get(3).ok()?;
        a.outlet = row.try_get(4).ok()?;
        a.author = row.try_get(5).ok()?;
        a.date = row.try_get(6).ok()?;
        a.origin = Origin::Row {
            archive: self.name().to_string(),
            id: id as u64,
        };
        Some(a)
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, Recent> {
        self.recent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sources for Archive {
    fn find(&self, queries: &[Vec<u64>], limit: usize) -> Answer<Vec<Vec<ArticleId>>> {
        match self.lists(queries) {
            Ok(lists) => Answer::full(lists.rank(queries, limit)),
            Err(u) => Answer {
                value: vec![Vec::new(); queries.len()],
                unanswered: vec![u],
            },
        }
    }

    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.fetch_all(&[id]).value.into_iter().next().flatten()
    }

    fn fetch_all(&self, ids: &[ArticleId]) -> Answer<Vec<Option<Arc<Article>>>> {
        let mut out: Vec<Option<Arc<Article>>> = {
            let mut recent = self.recent();
            ids.iter().map(|&id| recent.get(id)).collect()
        };
        let wanted: Vec<i64> = ids
            .iter()
            .zip(&out)
            .filter(|(_, a)| a.is_none())
            .filter_map(|(&id, _)| i64::try_from(id).ok())
            .collect();
        if wanted.is_empty() {
            return Answer::full(out);
        }
        match self.fetch_rows(wanted) {
            Ok(articles) => {
                let mut recent = self.recent();
                for a in articles {
                    let Origin::Row { id, .. } = a.origin else {
                        continue;
                    };
                    recent.put(id, Arc::clone(&a), RECENT);
                    if let Some(i) = ids.iter().position(|&x| x == id) {
                        out[i] = Some(a);
                    }
                }
                Answer::full(out)
            }
            Err(u) => Answer {
                value: out,
                unanswered: vec![u],
            },
        }
    }

    fn len(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
}
