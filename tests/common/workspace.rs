//! The workspace the language-server tests open: a corpus folder `sources` with one
//! article, and the settings an editor would send for it.

use std::path::Path;

use serde_json::{Value, json};
use tempfile::TempDir;

pub const ARTICLE: &str = "Title\n\n\"We will never give up on the people of this town, whatever it takes,\" said Jane Doe.\n";

/// A workspace with a corpus folder `sources` holding one article, and a private cache.
pub fn workspace() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/a.txt"), ARTICLE).unwrap();
    dir
}

/// Settings as an editor would send them, with `extra` on top; the corpus path is relative
/// to the workspace.
pub fn options(ws: &Path, extra: Value) -> Value {
    let mut o = json!({"corpus": ["sources"], "cacheDir": ws.join("cache")});
    if let (Some(o), Some(extra)) = (o.as_object_mut(), extra.as_object()) {
        o.extend(extra.clone());
    }
    o
}
