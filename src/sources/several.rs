//! Several backends as one (corpus folders and an archive, say): each is asked the same
//! questions, their candidates are all checked, and their ids are kept apart by the
//! backend's number in the top bits of an `ArticleId`.

use std::sync::Arc;

use rayon::prelude::*;

use super::{Answer, Article, ArticleId, Sources};

/// What `fetch_all` answers.
type Fetched = Answer<Vec<Option<Arc<Article>>>>;

/// Bits of an `ArticleId` left to a backend's own ids.
const SHIFT: u32 = 56;

pub struct Several {
    backends: Vec<Arc<dyn Sources>>,
}

impl Several {
    pub fn new(backends: Vec<Arc<dyn Sources>>) -> Several {
        Several { backends }
    }

    fn split(id: ArticleId) -> (usize, ArticleId) {
        ((id >> SHIFT) as usize, id & ((1 << SHIFT) - 1))
    }
}

impl Sources for Several {
    /// Each backend's candidates, the first backend's first: `check` weighs them all.
    fn find(&self, queries: &[Vec<u64>], limit: usize) -> Answer<Vec<Vec<ArticleId>>> {
        let answers: Vec<Answer<Vec<Vec<ArticleId>>>> = self
            .backends
            .par_iter()
            .map(|b| b.find(queries, limit))
            .collect();
        let mut out = Answer::full(vec![Vec::new(); queries.len()]);
        for (i, answer) in answers.into_iter().enumerate() {
            out.unanswered.extend(answer.unanswered);
            for (list, found) in out.value.iter_mut().zip(answer.value) {
                list.extend(found.into_iter().map(|id| ((i as u64) << SHIFT) | id));
            }
        }
        out
    }

    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>> {
        let (i, own) = Several::split(id);
        self.backends.get(i)?.fetch(own)
    }

    fn fetch_all(&self, ids: &[ArticleId]) -> Answer<Vec<Option<Arc<Article>>>> {
        let answers: Vec<(Vec<usize>, Fetched)> = self
            .backends
            .par_iter()
            .enumerate()
            .map(|(i, b)| {
                let mine: Vec<usize> = (0..ids.len())
                    .filter(|&k| Several::split(ids[k]).0 == i)
                    .collect();
                let own: Vec<ArticleId> = mine.iter().map(|&k| Several::split(ids[k]).1).collect();
                let answer = if own.is_empty() {
                    Answer::full(Vec::new())
                } else {
                    b.fetch_all(&own)
                };
                (mine, answer)
            })
            .collect();
        let mut out = Answer::full(vec![None; ids.len()]);
        for (mine, answer) in answers {
            out.unanswered.extend(answer.unanswered);
            for (k, article) in mine.into_iter().zip(answer.value) {
                out.value[k] = article;
            }
        }
        out
    }

    fn len(&self) -> usize {
        self.backends.iter().map(|b| b.len()).sum()
    }
}
