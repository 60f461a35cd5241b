//! The most recently used articles of a backend, parsed and with their quotations: a
//! re-check asks for the same candidates again, and re-reading (or re-fetching over the
//! network) and re-analysing them would cost more than the check.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Article, ArticleId};

/// Articles by id, with when each was last used; the least recently used goes first.
#[derive(Debug, Default)]
pub struct Recent {
    entries: HashMap<ArticleId, (Arc<Article>, u64)>,
    tick: u64,
}

impl Recent {
    pub fn get(&mut self, id: ArticleId) -> Option<Arc<Article>> {
        self.tick += 1;
        let tick = self.tick;
        self.entries.get_mut(&id).map(|(a, used)| {
            *used = tick;
            Arc::clone(a)
        })
    }

    /// Keeps `article`, dropping the least recently used when `capacity` are kept.
    pub fn put(&mut self, id: ArticleId, article: Arc<Article>, capacity: usize) {
        if self.entries.len() >= capacity {
            let oldest = self.entries.iter().min_by_key(|(_, (_, used))| *used);
            if let Some(&oldest) = oldest.map(|(id, _)| id) {
                self.entries.remove(&oldest);
            }
        }
        self.tick += 1;
        self.entries.insert(id, (article, self.tick));
    }
}
