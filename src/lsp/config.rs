//! The server's settings: `verbatim.toml` in the workspace folder, overridden key by key by
//! the editor's `verbatim` section (initializationOptions, then workspace/configuration).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::config::{FILE_NAME, Settings};

/// Where settings come from, lowest priority first.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    pub root: Option<PathBuf>,
    /// From `initializationOptions`.
    pub init: Option<Value>,
    /// From `workspace/configuration` or `didChangeConfiguration`.
    pub editor: Option<Value>,
}

/// The merged settings, and a warning naming what was left out of the editor's settings
/// (the user sees it; the rest apply).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub settings: Settings,
    pub warning: Option<String>,
}

impl Layers {
    /// The merged settings, with corpus paths made absolute against the workspace folder.
    /// An unreadable or invalid `verbatim.toml` is an error (a message to show the user; the
    /// caller keeps its previous settings). In the editor's settings, an unknown key or a
    /// bad value is left out with a warning naming it, as rust-analyzer does: a typo or a
    /// newer client's key must not cost the user the corpus.
    pub fn resolve(&self) -> Result<Resolved, String> {
        let file = self
            .root
            .as_deref()
            .map(|r| r.join(FILE_NAME))
            .filter(|p| p.is_file());
        let base = match &file {
            Some(path) => Settings::from_file(path).map_err(|e| e.to_string())?,
            None => Settings::default(),
        };
        let known = serde_json::to_value(Settings::default()).map_err(|e| e.to_string())?;
        let mut merged = serde_json::to_value(&base).map_err(|e| e.to_string())?;
        let mut left_out = Vec::new();
        for layer in [&self.init, &self.editor].into_iter().flatten() {
            let layer = match section(layer) {
                Value::Object(map) => map,
                other => {
                    left_out.push(format!("the `verbatim` section is not an object: {other}"));
                    continue;
                }
            };
            let mut layer = fold_keys(layer, &known, "", &mut left_out);
            // VS Code puts its `verbatim.trace.server` setting in the same section.
            layer.remove("trace");
            drop_bad_values(&mut layer, &known, &[], &mut left_out);
            merge(&mut merged, Value::Object(layer));
        }
        let mut settings: Settings =
            serde_json::from_value(merged).map_err(|e| format!("verbatim settings: {e}"))?;
        if let Some(root) = &self.root {
            settings.resolve_paths(root);
        }
        let warning = (!left_out.is_empty()).then(|| {
            format!(
                "verbatim settings: ignored {}; the other settings apply",
                left_out.join("; ")
            )
        });
        Ok(Resolved { settings, warning })
    }
}

/// The `verbatim` section whether or not the client wrapped it (`{"verbatim": {...}}`). An
/// empty section, however it is sent (Neovim encodes an empty Lua table as `[]`), is `{}`.
pub fn section(value: &Value) -> Value {
    match value.get("verbatim").unwrap_or(value) {
        Value::Null => Value::Object(Map::new()),
        Value::Array(a) if a.is_empty() => Value::Object(Map::new()),
        inner => inner.clone(),
    }
}

/// An editor layer with its keys in snake_case (see `snake`) and without the keys
/// `known` (the settings' own shape) does not have; those are named in `left_out` as the
/// editor spelled them (`severity.notFund`). `trace` (VS Code's) is kept for the caller.
fn fold_keys(
    layer: Map<String, Value>,
    known: &Value,
    prefix: &str,
    left_out: &mut Vec<String>,
) -> Map<String, Value> {
    let mut unknown = Vec::new();
    let mut out = Map::new();
    for (key, value) in layer {
        let name = snake(&key);
        let path = format!("{prefix}{key}");
        match known.get(&name) {
            // Transcript paths and speaker labels are data, not keys to fold.
            Some(_) if prefix.is_empty() && name == "speakers" => {
                out.insert(name, value);
            }
            Some(shape @ Value::Object(_)) => match value {
                Value::Object(inner) => {
                    let inner = fold_keys(inner, shape, &format!("{path}."), left_out);
                    out.insert(name, Value::Object(inner));
                }
                other => {
                    out.insert(name, other);
                }
            },
            Some(_) => {
                out.insert(name, value);
            }
            None if prefix.is_empty() && name == "trace" => {
                out.insert(name, value);
            }
            None => unknown.push(format!("`{path}`")),
        }
    }
    if !unknown.is_empty() {
        let s = if unknown.len() == 1 { "" } else { "s" };
        left_out.push(format!("unknown key{s} {}", unknown.join(", ")));
    }
    out
}

/// Removes from an editor layer each value the settings cannot take (`"minSpeechWords":
/// "many"`), naming it in `left_out`; the file's value (or the default) then stands. Each
/// leaf is tried on its own, so one bad value leaves the others alone.
fn drop_bad_values(
    layer: &mut Map<String, Value>,
    known: &Value,
    path: &[&str],
    left_out: &mut Vec<String>,
) {
    let mut bad = Vec::new();
    for (key, value) in layer.iter_mut() {
        let mut here = path.to_vec();
        here.push(key);
        let shape = known.get(key.as_str()).unwrap_or(&Value::Null);
        match value {
            // `merge` skips these: "not set here".
            Value::Null => continue,
            Value::Array(a) if a.is_empty() => continue,
            Value::Object(inner) if shape.is_object() => {
                drop_bad_values(inner, shape, &here, left_out);
                continue;
            }
            _ => {}
        }
        // `{"severity": {"altered": v}}`: the leaf alone, every other setting defaulted.
        let alone = here.iter().rev().fold(value.clone(), |inner, k| {
            Value::Object(Map::from_iter([(k.to_string(), inner)]))
        });
        if let Err(e) = serde_json::from_value::<Settings>(alone) {
            let name = here.iter().map(|k| camel(k)).collect::<Vec<_>>().join(".");
            left_out.push(format!("`{name}` ({e})"));
            bad.push(key.clone());
        }
    }
    for key in bad {
        layer.remove(&key);
    }
}

/// `min_speech_words` as editors spell it: `minSpeechWords`.
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Editor JSON uses camelCase; the file and `Settings` use snake_case. Folding the keys to
/// one form lets a camelCase editor key override the file's snake_case one.
fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Overlays `top` on `base`: objects merge key by key, anything else replaces. `null` and
/// an empty list mean "not set here": editors send their defaults (`"corpus": []`) with
/// every section, and those must not hide the file's corpus.
fn merge(base: &mut Value, top: Value) {
    match (base, top) {
        (_, Value::Null) => {}
        (_, Value::Array(a)) if a.is_empty() => {}
        (Value::Object(b), Value::Object(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        if !v.is_null() {
                            b.insert(k, v);
                        }
                    }
                }
            }
        }
        (slot, t) => *slot = t,
    }
}

/// The path of a `file:` URI (a workspace folder, a watched file).
pub fn file_path(uri: &tower_lsp_server::ls_types::Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Whether a path is the settings file of the workspace.
pub fn is_settings_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Severity;
    use serde_json::json;

    #[test]
    fn editor_overrides_file_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "corpus = [\"sources\"]\nmin_speech_words = 6\n[severity]\naltered = \"error\"\n",
        )
        .unwrap();
        let layers = Layers {
            root: Some(dir.path().to_path_buf()),
            init: Some(json!({"cacheDir": "cache", "severity": {"notFound": "hint"}})),
            editor: Some(
                json!({"verbatim": {"minSpeechWords": 3, "inlayHints": false, "corpus": [], "cacheDir": null}}),
            ),
        };
        let s = layers.resolve().unwrap().settings;
        assert_eq!(s.corpus, vec![dir.path().join("sources")]);
        assert_eq!(s.min_speech_words, 3);
        assert_eq!(s.severity.altered, Severity::Error);
        assert_eq!(s.severity.not_found, Severity::Hint);
        assert_eq!(s.cache_dir, Some(dir.path().join("cache")));
        assert!(!s.inlay_hints);
    }

    #[test]
    fn speaker_names_come_from_the_file_and_the_editor() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("interviews")).unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "[speakers.interviews]\n\"SPEAKER 1\" = \"Tom Reed\"\n",
        )
        .unwrap();
        let layers = Layers {
            root: Some(dir.path().to_path_buf()),
            init: None,
            editor: Some(json!({"verbatim": {"speakers": {
                "calls/ferry.srt": {"SPEAKER 2": "Marta Kowalczyk"},
                "calls/bad.srt": {"SPEAKER 2": 3},
            }}})),
        };
        let resolved = layers.resolve().unwrap();
        let s = &resolved.settings;
        let names = |p: &str| s.speakers.get(&dir.path().join(p)).cloned();
        assert_eq!(
            names("interviews").unwrap()["SPEAKER 1"],
            "Tom Reed",
            "labels keep their spelling"
        );
        assert_eq!(
            names("calls/ferry.srt").unwrap()["SPEAKER 2"],
            "Marta Kowalczyk"
        );
        assert_eq!(names("calls/bad.srt"), None);
        let warning = resolved.warning.expect("a warning");
        assert!(warning.contains("speakers.calls/bad.srt"), "{warning}");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_left_out_and_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "min_speech_words = 6\n").unwrap();
        let layers = Layers {
            root: Some(dir.path().to_path_buf()),
            init: None,
            editor: Some(json!({"verbatim": {
                "corpus": ["sources"],
                "corpsu": ["typo"],
                "newerClientKey": true,
                "severity": {"notFund": "error", "altered": "error", "conflicts": "loud"},
                "minSpeechWords": "many",
                "inlayHints": false,
            }})),
        };
        let resolved = layers.resolve().unwrap();
        let s = &resolved.settings;
        assert_eq!(s.corpus, vec![dir.path().join("sources")]);
        assert_eq!(s.severity.altered, Severity::Error);
        assert_eq!(
            s.severity.conflicts,
            Severity::Warning,
            "the default stands"
        );
        assert_eq!(s.min_speech_words, 6, "the file's value stands");
        assert!(!s.inlay_hints);
        let warning = resolved.warning.expect("a warning");
        for name in [
            "`corpsu`",
            "`newerClientKey`",
            "`severity.notFund`",
            "`severity.conflicts`",
            "`minSpeechWords`",
        ] {
            assert!(warning.contains(name), "{name} in {warning}");
        }
        assert!(!warning.contains("inlayHints"), "{warning}");

        let clean = Layers {
            editor: Some(json!({"corpus": "sources", "trace": {"server": "off"}})),
            ..Layers::default()
        };
        let resolved = clean.resolve().unwrap();
        assert_eq!(resolved.warning, None);
        assert_eq!(resolved.settings.corpus, vec![PathBuf::from("sources")]);
    }

    /// Neovim sends an empty Lua table as `[]`: `{"verbatim": []}` is no settings.
    #[test]
    fn an_empty_section_is_no_settings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "corpus = \"sources\"\n").unwrap();
        for empty in [
            json!({"verbatim": []}),
            json!({"verbatim": {}}),
            json!({"verbatim": null}),
            json!([]),
            json!({}),
        ] {
            let layers = Layers {
                root: Some(dir.path().to_path_buf()),
                init: Some(empty.clone()),
                editor: Some(empty.clone()),
            };
            let resolved = layers.resolve().unwrap();
            assert_eq!(resolved.warning, None, "{empty}");
            assert_eq!(
                resolved.settings.corpus,
                vec![dir.path().join("sources")],
                "{empty}"
            );
        }
        assert_eq!(section(&json!({"verbatim": []})), json!({}));
    }

    #[test]
    fn a_broken_settings_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "corpsu = []\n").unwrap();
        let layers = Layers {
            root: Some(dir.path().to_path_buf()),
            ..Layers::default()
        };
        let err = layers.resolve().unwrap_err();
        assert!(err.contains("corpsu"), "{err}");
        let nulls = Layers {
            init: Some(Value::Null),
            editor: Some(json!({"corpus": null})),
            ..Layers::default()
        };
        assert_eq!(nulls.resolve().unwrap().settings, Settings::default());
    }
}
