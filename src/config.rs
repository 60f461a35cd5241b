//! The settings model, under both adapters: `verbatim.toml` found upward from the draft,
//! overridden by flags (CLI) or by the editor's `verbatim` section (LSP, `lsp::config`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The name of the settings file looked for upward from a draft or workspace folder.
pub const FILE_NAME: &str = "verbatim.toml";

/// How loudly a verdict is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Hint,
    #[serde(alias = "info")]
    Information,
    Warning,
    Error,
}

/// A severity per verdict. Keys accept snake_case (TOML) and camelCase (editor JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Severities {
    /// Wording exact and attribution not in conflict.
    pub verified: Severity,
    /// Close to a source passage, but words were changed, added or dropped.
    pub altered: Severity,
    /// A speech quotation whose words are in no source.
    #[serde(alias = "notFound")]
    pub not_found: Severity,
    /// The source gives the words to someone else.
    pub conflicts: Severity,
    /// A speech quotation given to no one.
    pub unattributed: Severity,
    /// A fragment (short phrase, title, scare quote) whose words are in no source.
    #[serde(alias = "fragmentNotFound")]
    pub fragment_not_found: Severity,
    /// An altered quotation whose changes include a negation, a number or a name.
    #[serde(alias = "meaningChanged")]
    pub meaning_changed: Severity,
    /// Words the source holds only outside its quotation marks (its own narration).
    #[serde(alias = "paraphraseQuoted")]
    pub paraphrase_quoted: Severity,
    /// A quotation a source (an unreachable archive) could not answer for.
    pub unchecked: Severity,
    /// Verified against a transcript with the speaker's fillers, false starts or repeated
    /// words left out (normal editing of speech).
    pub tidied: Severity,
}

impl Default for Severities {
    fn default() -> Self {
        Severities {
            verified: Severity::Off,
            altered: Severity::Warning,
            not_found: Severity::Warning,
            conflicts: Severity::Warning,
            unattributed: Severity::Information,
            fragment_not_found: Severity::Hint,
            meaning_changed: Severity::Error,
            paraphrase_quoted: Severity::Warning,
            unchecked: Severity::Warning,
            tidied: Severity::Hint,
        }
    }
}

/// Every setting, as read from `verbatim.toml` or the editor. Paths in `corpus` are
/// relative to the folder of the file they were read from (or the workspace folder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Source folders or files: one path (`corpus = "sources"`) or a list of them.
    #[serde(deserialize_with = "one_or_more_paths")]
    pub corpus: Vec<PathBuf>,
    pub severity: Severities,
    /// A quotation with fewer words than this and no speaker is a fragment.
    #[serde(alias = "minSpeechWords")]
    pub min_speech_words: usize,
    /// Where the persisted index lives; default: the user's cache folder.
    #[serde(alias = "cacheDir")]
    pub cache_dir: Option<PathBuf>,
    /// Drafts larger than this (bytes) are not checked (language server).
    #[serde(alias = "maxDraftBytes")]
    pub max_draft_bytes: usize,
    /// Inlay hints after verified quotes naming the source (language server).
    #[serde(alias = "inlayHints")]
    pub inlay_hints: bool,
    /// Follow symbolic links in the corpus that lead outside its folders (off by default).
    #[serde(alias = "followLinksOutside")]
    pub follow_links_outside: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            corpus: Vec::new(),
            severity: Severities::default(),
            min_speech_words: 4,
            cache_dir: None,
            max_draft_bytes: 2 * 1024 * 1024,
            inlay_hints: true,
            follow_links_outside: false,
        }
    }
}

/// `"sources"` or `["sources", "archive"]`; an empty string is no path.
fn one_or_more_paths<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
    struct Paths;
    impl<'de> serde::de::Visitor<'de> for Paths {
        type Value = Vec<PathBuf>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a path or a list of paths")
        }
        fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<Self::Value, E> {
            Ok(if path.is_empty() {
                Vec::new()
            } else {
                vec![PathBuf::from(path)]
            })
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut paths = Vec::new();
            while let Some(path) = seq.next_element()? {
                paths.push(path);
            }
            Ok(paths)
        }
    }
    d.deserialize_any(Paths)
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
}

/// `verbatim.toml` in `start` or the nearest folder above it.
pub fn find_file(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Settings {
    /// Reads a settings file; relative corpus paths become relative to its folder.
    pub fn from_file(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut settings: Settings = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        settings.resolve_paths(base);
        Ok(settings)
    }

    /// Makes relative corpus and cache paths relative to `base`.
    pub fn resolve_paths(&mut self, base: &Path) {
        for p in &mut self.corpus {
            if p.is_relative() && !crate::sources::is_archive_entry(p) {
                *p = base.join(&*p);
            }
        }
        if let Some(dir) = &mut self.cache_dir
            && dir.is_relative()
        {
            *dir = base.join(&*dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keys_and_relative_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "corpus = [\"sources\"]\nmin_speech_words = 5\n[severity]\naltered = \"error\"\nverified = \"hint\"\n",
        )
        .unwrap();
        let s = Settings::from_file(&path).unwrap();
        assert_eq!(s.corpus, vec![dir.path().join("sources")]);
        assert_eq!(s.min_speech_words, 5);
        assert_eq!(s.severity.altered, Severity::Error);
        assert_eq!(s.severity.not_found, Severity::Warning);
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(find_file(&nested), Some(path));
    }

    #[test]
    fn corpus_is_one_path_or_a_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for (toml, want) in [
            ("corpus = \"sources\"\n", vec!["sources"]),
            ("corpus = [\"a\", \"b\"]\n", vec!["a", "b"]),
            ("corpus = []\n", vec![]),
        ] {
            std::fs::write(&path, toml).unwrap();
            let s = Settings::from_file(&path).unwrap();
            let want: Vec<PathBuf> = want.iter().map(|p| dir.path().join(p)).collect();
            assert_eq!(s.corpus, want, "{toml}");
        }
        std::fs::write(&path, "corpus = 3\n").unwrap();
        let err = Settings::from_file(&path).unwrap_err().to_string();
        assert!(err.contains("a path or a list of paths"), "{err}");
        let editor: Settings = serde_json::from_str(r#"{"corpus":"sources"}"#).unwrap();
        assert_eq!(editor.corpus, vec![PathBuf::from("sources")]);
    }

    #[test]
    fn unknown_keys_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "corpsu = []\n").unwrap();
        let err = Settings::from_file(&path).unwrap_err().to_string();
        assert!(err.contains("corpsu"), "{err}");
    }

    #[test]
    fn editor_json_uses_camel_case() {
        let s: Settings = serde_json::from_str(
            r#"{"corpus":["c"],"minSpeechWords":3,"severity":{"notFound":"error","fragmentNotFound":"off"}}"#,
        )
        .unwrap();
        assert_eq!(s.min_speech_words, 3);
        assert_eq!(s.severity.not_found, Severity::Error);
        assert_eq!(s.severity.fragment_not_found, Severity::Off);
    }
}
