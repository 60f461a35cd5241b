//! The settings model, under both adapters: `verbatim.toml` found upward from the draft,
//! overridden by flags (CLI) or by the editor's `verbatim` section (LSP, `lsp::config`).

use std::collections::BTreeMap;
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
    /// Names for a transcript's speaker labels (`SPEAKER 1` = `Marta Kowalczyk`), by
    /// transcript file or folder (`[speakers."interviews/harbour.srt"]`).
    #[serde(deserialize_with = "speaker_tables")]
    pub speakers: SpeakerNames,
}

/// `[speakers."path"]` tables of `"LABEL" = "Name"`, with messages that say so when the
/// shape is wrong (a label given straight under `[speakers]`, a name that is no string).
fn speaker_tables<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SpeakerNames, D::Error> {
    use serde::de::{MapAccess, Visitor};
    struct Tables;
    struct Names(BTreeMap<String, String>);
    struct Name(String);
    impl<'de> Visitor<'de> for Tables {
        type Value = SpeakerNames;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(
                "a table per transcript file or folder, such as [speakers.\"interviews/call.srt\"]",
            )
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = SpeakerNames::new();
            while let Some(path) = map.next_key::<String>()? {
                let Names(names) = map.next_value()?;
                out.insert(PathBuf::from(path), names);
            }
            Ok(out)
        }
    }
    impl<'de> Deserialize<'de> for Names {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Names;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a table of labels and names under [speakers.\"<transcript or folder>\"], such as \"SPEAKER 1\" = \"Marta Kowalczyk\"")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Names, A::Error> {
                    let mut out = BTreeMap::new();
                    while let Some(label) = map.next_key::<String>()? {
                        let Name(name) = map.next_value()?;
                        out.insert(label, name);
                    }
                    Ok(Names(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    impl<'de> Deserialize<'de> for Name {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Name;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str(
                        "a speaker's name in quotes, under [speakers.\"<transcript or folder>\"]",
                    )
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name, E> {
                    Ok(Name(v.to_string()))
                }
            }
            d.deserialize_str(V)
        }
    }
    d.deserialize_map(Tables)
}

/// For each transcript file or folder (relative to the settings file), a name for each of
/// its labels. A file's own table comes before its folder's, a folder's before the folder
/// above it; labels are compared without regard to case or spacing.
pub type SpeakerNames = BTreeMap<PathBuf, BTreeMap<String, String>>;

/// The name `speakers` gives the label `label` of the transcript `file` (both paths as the
/// corpus reads them: canonical when `canonical_speakers` made them so), if any.
pub fn speaker_name<'a>(speakers: &'a SpeakerNames, file: &Path, label: &str) -> Option<&'a str> {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let label = fold(label);
    let mut tables: Vec<(&PathBuf, &BTreeMap<String, String>)> = speakers
        .iter()
        .filter(|(path, _)| file.starts_with(path))
        .collect();
    // The most specific first: the file itself, then the deepest folder.
    tables.sort_by_key(|(path, _)| std::cmp::Reverse(path.components().count()));
    tables.iter().find_map(|(_, names)| {
        names
            .iter()
            .find(|(l, _)| fold(l) == label)
            .map(|(_, name)| name.trim())
    })
}

/// `speakers` with each path made canonical (a link or `..` resolved), as the corpus names
/// its files; a path that does not exist is kept as given.
pub fn canonical_speakers(speakers: &SpeakerNames) -> SpeakerNames {
    speakers
        .iter()
        .map(|(path, names)| {
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            (path, names.clone())
        })
        .collect()
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
            speakers: SpeakerNames::new(),
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
        settings
            .check_speakers()
            .map_err(|message| ConfigError::Parse {
                path: path.to_path_buf(),
                message,
            })?;
        Ok(settings)
    }

    /// Is every `[speakers]` table about a transcript or folder that exists, with a name
    /// for each label? `Err` says what is wrong, naming the table.
    pub fn check_speakers(&self) -> Result<(), String> {
        for (path, names) in &self.speakers {
            if !path.exists() {
                return Err(format!(
                    "[speakers.\"{}\"]: no such transcript or folder (a path relative to the folder of verbatim.toml)",
                    path.display()
                ));
            }
            for (label, name) in names {
                if label.trim().is_empty() || name.trim().is_empty() {
                    return Err(format!(
                        "[speakers.\"{}\"]: `\"{label}\" = \"{name}\"`: a label and a name must both be given",
                        path.display()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Makes relative corpus, cache and transcript paths relative to `base`.
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
        self.speakers = std::mem::take(&mut self.speakers)
            .into_iter()
            .map(|(path, names)| match path.is_relative() {
                true => (base.join(path), names),
                false => (path, names),
            })
            .collect();
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
    fn speakers_by_file_and_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::create_dir_all(dir.path().join("interviews/harbour")).unwrap();
        std::fs::write(dir.path().join("interviews/harbour/call.srt"), "").unwrap();
        std::fs::write(
            &path,
            "[speakers.interviews]\n\"SPEAKER 1\" = \"Tom Reed\"\nInterviewer = \"Tom Reed\"\n\
             [speakers.\"interviews/harbour/call.srt\"]\n\"SPEAKER 1\" = \"Marta Kowalczyk\"\n",
        )
        .unwrap();
        let s = Settings::from_file(&path).unwrap();
        let call = dir.path().join("interviews/harbour/call.srt");
        let other = dir.path().join("interviews/other.vtt");
        assert_eq!(
            speaker_name(&s.speakers, &call, "speaker  1"),
            Some("Marta Kowalczyk")
        );
        assert_eq!(
            speaker_name(&s.speakers, &call, "INTERVIEWER"),
            Some("Tom Reed")
        );
        assert_eq!(
            speaker_name(&s.speakers, &other, "SPEAKER 1"),
            Some("Tom Reed")
        );
        assert_eq!(speaker_name(&s.speakers, &other, "SPEAKER 2"), None);
        assert_eq!(
            speaker_name(&s.speakers, Path::new("/elsewhere/x.vtt"), "SPEAKER 1"),
            None
        );
        // Bad tables are told, naming what is wrong.
        for (toml, needle) in [
            (
                "[speakers.missing]\n\"S 1\" = \"A B\"\n",
                "no such transcript or folder",
            ),
            (
                "[speakers.interviews]\n\"S 1\" = \"\"\n",
                "must both be given",
            ),
            (
                "[speakers]\n\"SPEAKER 1\" = \"Tom Reed\"\n",
                "expected a table of labels and names under [speakers.",
            ),
            (
                "[speakers.interviews]\n\"S 1\" = 3\n",
                "expected a speaker's name in quotes",
            ),
            ("speakers = 3\n", "a table per transcript file or folder"),
        ] {
            std::fs::write(&path, toml).unwrap();
            let err = Settings::from_file(&path).unwrap_err().to_string();
            assert!(err.contains(needle), "{toml}: {err}");
        }
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
