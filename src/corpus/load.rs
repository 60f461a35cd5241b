//! Finding and reading corpus files: resolving the roots, walking folders (symlinked folders
//! followed once), and turning one file into doc-table entries and fingerprints.

use std::collections::HashSet;
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::formats::{self, FileFormat, Parsed};
use super::{CorpusError, LoadWarning, index};

/// A corpus root as given and as resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub given: PathBuf,
    pub canonical: PathBuf,
    /// A root that is a single file: its articles' paths are its file name.
    pub is_file: bool,
}

/// A corpus file found by the walk, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub root: u32,
    /// Relative to the root, `/` separators.
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    /// Nanoseconds since the Unix epoch (0 when the file system gives none).
    pub mtime: i64,
    pub format: FileFormat,
}

/// What the doc table keeps about a file: enough to tell whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub root: u32,
    pub rel: String,
    pub size: u64,
    pub mtime: i64,
    pub format: FileFormat,
    pub first_doc: u32,
    pub doc_count: u32,
    /// Problems found reading it, told again on every open while the file is unchanged.
    pub problems: Vec<String>,
}

/// What the doc table keeps about an article: everything but its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocEntry {
    pub file: u32,
    /// For .jsonl: the 1-based line and its byte range in the file; 0 otherwise.
    pub line: u32,
    pub offset: u64,
    pub len: u64,
    pub words: u32,
    pub text_bytes: u64,
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
}

/// A file read and fingerprinted: its entry (doc ids not yet given) and its articles.
#[derive(Debug)]
pub struct LoadedFile {
    pub entry: FileEntry,
    pub docs: Vec<(DocEntry, Vec<u32>)>,
}

/// Resolves each root; a root that does not exist is an error, not a warning, since the
/// whole check would be meaningless without it.
pub fn resolve_roots(roots: &[PathBuf]) -> Result<Vec<Root>, CorpusError> {
    roots
        .iter()
        .map(|given| {
            let canonical = fs::canonicalize(given).map_err(|source| {
                if source.kind() == std::io::ErrorKind::NotFound {
                    CorpusError::Missing(given.clone())
                } else {
                    CorpusError::Io {
                        path: given.clone(),
                        source,
                    }
                }
            })?;
            let meta = fs::metadata(&canonical).map_err(|source| CorpusError::Io {
                path: given.clone(),
                source,
            })?;
            Ok(Root {
                given: given.clone(),
                is_file: meta.is_file(),
                canonical,
            })
        })
        .collect()
}

/// Every corpus file under the roots, in a stable order (root, then path) that fixes doc ids.
pub fn walk(roots: &[Root], follow_outside: bool, warnings: &mut Vec<LoadWarning>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    let inside: Vec<PathBuf> = roots
        .iter()
        .filter(|r| !r.is_file)
        .map(|r| r.canonical.clone())
        .collect();
    let walk = Walk {
        inside: &inside,
        follow_outside,
    };
    for (i, root) in roots.iter().enumerate() {
        let i = i as u32;
        if root.is_file {
            let name = root
                .canonical
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A single file is indexed whatever its extension says; .txt rules by default.
            let format = FileFormat::from_path(&root.canonical).unwrap_or(FileFormat::Text);
            match fs::metadata(&root.given) {
                Ok(meta) => out.push(found(i, name, root.given.clone(), &meta, format)),
                Err(e) => warnings.push(warn(&root.given, e.to_string())),
            }
            continue;
        }
        seen_dirs.insert(root.canonical.clone());
        // Walked by the path as given, so warnings and reads name what the user wrote.
        walk_dir(
            &walk,
            i,
            &root.given,
            &root.canonical,
            "",
            &mut seen_dirs,
            &mut out,
            warnings,
        );
    }
    out
}

const ALREADY_WALKED: &str = "folder already walked (symlink loop or duplicate link), skipped";
const OUTSIDE: &str =
    "a link to outside the corpus folders, not followed (set follow_links_outside = true to allow)";

/// What every folder of one walk shares: the corpus folders, and whether links may leave them.
struct Walk<'a> {
    inside: &'a [PathBuf],
    follow_outside: bool,
}

impl Walk<'_> {
    /// May a link whose target is `canonical` be followed?
    fn allows(&self, canonical: &Path) -> bool {
        self.follow_outside || self.inside.iter().any(|root| canonical.starts_with(root))
    }
}

#[allow(clippy::too_many_arguments)] // one recursive walk's state, passed down as it goes
fn walk_dir(
    walk: &Walk,
    root: u32,
    dir: &Path,
    canonical_dir: &Path,
    prefix: &str,
    seen_dirs: &mut HashSet<PathBuf>,
    out: &mut Vec<Found>,
    warnings: &mut Vec<LoadWarning>,
) {
    use rayon::prelude::*;

    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(warn(dir, format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    // What each entry is: the folder listing tells for plain files and folders (no system
    // call); links are followed, so a linked folder or file counts as what it points to.
    // Files are stat'ed for size and mtime on every core.
    let kinds: Vec<_> = entries
        .par_iter()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Hidden files and folders (.git, editor swap files) are never articles.
            if name.starts_with('.') {
                return None;
            }
            let path = entry.path();
            let link = entry.file_type().map_or(true, |t| t.is_symlink());
            if !link && entry.file_type().is_ok_and(|t| t.is_dir()) {
                return Some((name, path, link, Ok(None)));
            }
            if !link && FileFormat::from_path(&path).is_none() {
                return None;
            }
            let meta = fs::metadata(&path).map(Some);
            Some((name, path, link, meta))
        })
        .collect();
    for (name, path, is_link, meta) in kinds.into_iter().flatten() {
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        let meta = match meta {
            Ok(m) => m,
            Err(e) => {
                warnings.push(warn(&path, format!("cannot read: {e}")));
                continue;
            }
        };
        match meta {
            // A plain folder: its canonical path follows from its parent's.
            None => {
                let canonical = canonical_dir.join(&name);
                if seen_dirs.insert(canonical.clone()) {
                    walk_dir(
                        walk, root, &path, &canonical, &rel, seen_dirs, out, warnings,
                    );
                } else {
                    warnings.push(warn(&path, ALREADY_WALKED.to_string()));
                }
            }
            Some(meta) if meta.is_dir() => {
                let Ok(canonical) = fs::canonicalize(&path) else {
                    warnings.push(warn(&path, "cannot resolve folder".to_string()));
                    continue;
                };
                if !walk.allows(&canonical) {
                    warnings.push(warn(&path, OUTSIDE.to_string()));
                    continue;
                }
                if !seen_dirs.insert(canonical.clone()) {
                    warnings.push(warn(&path, ALREADY_WALKED.to_string()));
                    continue;
                }
                walk_dir(
                    walk, root, &path, &canonical, &rel, seen_dirs, out, warnings,
                );
            }
            Some(meta) if meta.is_file() => {
                let Some(format) = FileFormat::from_path(&path) else {
                    continue;
                };
                // Only a link can lead outside; a plain file is inside its folder.
                if is_link && !fs::canonicalize(&path).is_ok_and(|c| walk.allows(&c)) {
                    warnings.push(warn(&path, OUTSIDE.to_string()));
                    continue;
                }
                out.push(found(root, rel, path, &meta, format));
            }
            Some(_) => {}
        }
    }
}

fn found(root: u32, rel: String, path: PathBuf, meta: &fs::Metadata, format: FileFormat) -> Found {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Found {
        root,
        rel,
        path,
        size: meta.len(),
        mtime,
        format,
    }
}

pub fn warn(path: &Path, message: String) -> LoadWarning {
    LoadWarning {
        path: path.to_path_buf(),
        message,
    }
}

/// A file modified this recently may be modified again within the file system's clock
/// step, keeping its size and mtime: its mtime is not trusted (git's "racily clean").
const RACY_NANOS: i64 = 2_000_000_000;

/// The mtime to remember for a file just read: its own, or, if it is too recent to trust,
/// one that matches nothing, so the next open reads the file again.
fn trusted_mtime(mtime: i64) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    if now.saturating_sub(mtime) < RACY_NANOS {
        i64::MIN
    } else {
        mtime
    }
}

/// Reads and fingerprints one file. A file that cannot be read at all is an `Err`: told,
/// and not remembered in the cache, so it is tried again next time.
pub fn load_file(file: &Found) -> Result<LoadedFile, LoadWarning> {
    let bytes = fs::read(&file.path).map_err(|e| warn(&file.path, format!("cannot read: {e}")))?;
    let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    let read = formats::parse_file(bytes, file.format, name);
    let docs = read
        .articles
        .into_iter()
        .map(|parsed| {
            let hashes = crate::text::word_hashes(&parsed.text);
            let entry = DocEntry {
                file: 0,
                line: parsed.line,
                offset: parsed.offset,
                len: parsed.len,
                words: u32::try_from(hashes.len()).unwrap_or(u32::MAX),
                text_bytes: parsed.text.len() as u64,
                title: parsed.title,
                url: parsed.url,
                date: parsed.date,
                author: parsed.author,
                outlet: parsed.outlet,
            };
            (entry, index::fingerprints(&hashes))
        })
        .collect::<Vec<_>>();
    Ok(LoadedFile {
        entry: FileEntry {
            root: file.root,
            rel: file.rel.clone(),
            size: file.size,
            mtime: trusted_mtime(file.mtime),
            format: file.format,
            first_doc: 0,
            doc_count: docs.len() as u32,
            problems: read.problems,
        },
        docs,
    })
}

/// Reads one article's text again from its file.
pub fn read_text(path: &Path, file: &FileEntry, doc: &DocEntry) -> std::io::Result<Parsed> {
    let invalid = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
    if file.format == FileFormat::JsonLines {
        let mut f = fs::File::open(path)?;
        f.seek(SeekFrom::Start(doc.offset))?;
        let len = usize::try_from(doc.len).map_err(|e| invalid(e.to_string()))?;
        let mut line = vec![0; len];
        f.read_exact(&mut line)?;
        return formats::parse_jsonl_line(&line).map_err(invalid);
    }
    let bytes = fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    formats::read_document(text, file.format, name)
        .0
        .ok_or_else(|| invalid("no speech in the transcript".to_string()))
}
