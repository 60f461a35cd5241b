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

impl Layers {
    /// The merged settings, with corpus paths made absolute against the workspace folder.
    /// Errors are messages to show the user; the caller keeps its previous settings.
    pub fn resolve(&self) -> Result<Settings, String> {
        let file = self
            .root
            .as_deref()
            .map(|r| r.join(FILE_NAME))
            .filter(|p| p.is_file());
        let base = match &file {
            Some(path) => Settings::from_file(path).map_err(|e| e.to_string())?,
            None => Settings::default(),
        };
        let mut merged = serde_json::to_value(&base).map_err(|e| e.to_string())?;
        for layer in [&self.init, &self.editor].into_iter().flatten() {
            let mut layer = snake_keys(section(layer));
            // VS Code puts its `verbatim.trace.server` setting in the same section.
            if let Some(map) = layer.as_object_mut() {
                map.remove("trace");
            }
            merge(&mut merged, layer);
        }
        let mut settings: Settings =
            serde_json::from_value(merged).map_err(|e| format!("verbatim settings: {e}"))?;
        if let Some(root) = &self.root {
            settings.resolve_paths(root);
        }
        Ok(settings)
    }
}

/// The `verbatim` section whether or not the client wrapped it (`{"verbatim": {...}}`).
pub fn section(value: &Value) -> &Value {
    match value.get("verbatim") {
        Some(inner) if inner.is_object() => inner,
        _ => value,
    }
}

/// Editor JSON uses camelCase; the file and `Settings` use snake_case. Folding the keys to
/// one form lets a camelCase editor key override the file's snake_case one.
fn snake_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (snake(k), snake_keys(v)))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

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
        let s = layers.resolve().unwrap();
        assert_eq!(s.corpus, vec![dir.path().join("sources")]);
        assert_eq!(s.min_speech_words, 3);
        assert_eq!(s.severity.altered, Severity::Error);
        assert_eq!(s.severity.not_found, Severity::Hint);
        assert_eq!(s.cache_dir, Some(dir.path().join("cache")));
        assert!(!s.inlay_hints);
    }

    #[test]
    fn bad_settings_are_an_error_not_a_panic() {
        let layers = Layers {
            editor: Some(json!({"minSpeechWords": "many"})),
            ..Layers::default()
        };
        assert!(layers.resolve().is_err());
        let nulls = Layers {
            init: Some(Value::Null),
            editor: Some(json!({"corpus": null})),
            ..Layers::default()
        };
        assert_eq!(nulls.resolve().unwrap(), Settings::default());
    }
}
