//! The reference corpus: articles loaded from a folder (.txt, .md, .html, .jsonl), the index
//! that finds the passage a quotation came from, and its on-disk cache.
//!
//! `formats` reads a file's bytes into articles, `load` walks the roots and fingerprints
//! files, `index` holds the winnowed k-gram postings, `cache` the persisted file. This
//! module ties them together: open (reuse what the cache knows, read what changed), look up.

mod cache;
mod formats;
mod index;
mod load;
pub mod meta;
mod transcript;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use crate::sources::Article;
use crate::sources::{Answer, ArticleId, Origin, Recent, Sources};
use cache::{Bytes, CacheError, Image};
use load::{DocEntry, FileEntry, Found, LoadedFile};

pub use formats::Parsed;
pub use index::{HUGE_POSTINGS, K, W, fingerprints, has_rare, is_huge, query_grams, rank};

/// Index of an article in the corpus.
pub type DocId = u32;

/// A problem with one corpus file: told once, by path; the rest of the corpus is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
}

/// An article that shares word sequences with a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<D = DocId> {
    pub doc: D,
    /// How many of the query's own winnowed fingerprints (its anchors) the article holds.
    /// An article holding the query verbatim holds them all; one that differs anywhere but
    /// at the query's first or last two words lacks at least one.
    pub anchors: u32,
    /// How many distinct k-grams of the query the article holds.
    pub hits: u32,
    /// The k-grams held, each weighed by its rarity in the corpus: among articles holding
    /// the same anchors, the one that shares the query's rare words (a changed name or
    /// number) ranks first.
    pub weight: f32,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("corpus path {0} does not exist")]
    Missing(PathBuf),
    #[error("cannot read corpus {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Told how far loading has gone: (files read, files to read). Files unchanged since the
/// cache are not counted.
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Options for opening a corpus.
#[derive(Clone, Default)]
pub struct OpenOptions {
    /// Where to keep the persisted index; `None` means do not persist.
    pub cache_dir: Option<PathBuf>,
    /// Called as each file is read (from any thread): see `Progress`.
    pub progress: Option<Progress>,
    /// Follow symbolic links that lead outside the corpus folders (off: they are skipped
    /// with a warning, so a link cannot pull private files into the corpus).
    pub follow_links_outside: bool,
    /// Names for transcripts' speaker labels, by canonical file or folder
    /// (`config::canonical_speakers`): applied as a transcript is fetched, so a change
    /// needs no re-indexing.
    pub speakers: crate::config::SpeakerNames,
}

impl std::fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenOptions")
            .field("cache_dir", &self.cache_dir)
            .finish_non_exhaustive()
    }
}

/// What opening a corpus found and cost, for `verbatim index` to print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    pub articles: usize,
    pub words: u64,
    /// Postings in the index: (fingerprint, article) pairs.
    pub fingerprints: u64,
    /// Bytes of article text (after HTML is stripped, for instance).
    pub text_bytes: u64,
    /// Size of the index: the cache file, or the same layout held in memory.
    pub index_bytes: u64,
    /// The index came from the cache file (`Changes` says which files were read again).
    pub from_cache: bool,
    pub cache_path: Option<PathBuf>,
    /// Time `Corpus::open` took.
    pub elapsed: Duration,
    /// Where that time went: ("walk", ..), ("cache", ..), ("read", ..), ("build", ..),
    /// ("write", ..), in order, the steps skipped left out.
    pub phases: Vec<(&'static str, Duration)>,
}

/// One line for `verbatim index`: "2225 articles in 2225 files, 864674 words (5.0 MB of
/// text); index 2.7 MB, 422986 fingerprints; built in 0.21 s".
impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |b: u64| b as f64 / 1e6;
        write!(
            f,
            "{} in {}, {} words ({:.1} MB of text); index {:.1} MB, {} fingerprints; {} in {:.2} s",
            crate::text::count(self.articles, "article"),
            crate::text::count(self.files, "file"),
            self.words,
            mb(self.text_bytes),
            mb(self.index_bytes),
            self.fingerprints,
            if self.from_cache {
                "opened from cache"
            } else {
                "built"
            },
            self.elapsed.as_secs_f64()
        )
    }
}

/// Files that differed from the cache when the corpus was opened (paths relative to their
/// root). All new on a first build. A file modified in the two seconds before it was read
/// is read again on the next open (listed as changed), since a second edit in the same
/// clock step could keep its size and mtime.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

/// A loaded corpus: the doc table and the index. Article texts stay in their files and
/// are read again on demand (`article`), so memory does not grow with the corpus text.
#[derive(Debug, Default)]
pub struct Corpus {
    roots: Vec<PathBuf>,
    sources: Vec<load::Root>,
    image: Image,
    warnings: Vec<LoadWarning>,
    stats: Stats,
    changes: Changes,
    articles: Mutex<Recent>,
    speakers: crate::config::SpeakerNames,
}

/// Parsed articles kept in memory: the candidates (8 a quotation) of a few long drafts.
/// With 256, a 300-quotation session re-read and re-analysed every source on every check
/// (1.6 ms a quotation at 1 GB instead of 0.2). About 30 KB an article at most (text,
/// words, speaker analysis): ~60 MB when full, and only articles actually consulted.
const ARTICLE_CACHE: usize = 2048;

/// What becomes of each file the walk found.
enum Plan {
    /// Unchanged since the cache: its entry and postings are kept (index into old files).
    Reuse(usize),
    /// New or changed: read it (index into the files to load).
    Load(usize),
}

impl Corpus {
    /// Loads every article under `roots` (walked recursively), using the cache when it is
    /// valid for them and rebuilding what changed otherwise.
    pub fn open(roots: &[PathBuf], options: &OpenOptions) -> Result<Corpus, CorpusError> {
        let started = Instant::now();
        let mut phases = Phases::new();
        let sources = load::resolve_roots(roots)?;
        let root_keys: Vec<String> = sources
            .iter()
            .map(|r| r.canonical.to_string_lossy().into_owned())
            .collect();
        let mut warnings = Vec::new();
        let found = load::walk(&sources, options.follow_links_outside, &mut warnings);
        phases.end("walk");
        let cache_path = options
            .cache_dir
            .as_ref()
            .map(|dir| cache::cache_path(dir, &root_keys));
        let old = match &cache_path {
            Some(path) => match cache::read(path, &root_keys, cache::Verify::Checksum) {
                Ok(image) => image,
                Err(CacheError::Stale) => None,
                Err(e) => {
                    warnings.push(load::warn(path, e.to_string()));
                    None
                }
            },
            None => None,
        };

        if cache_path.is_some() {
            phases.end("cache");
        }

        let (plan, to_load, changes) = plan_files(&found, old.as_ref());

        let loaded = load_all(&to_load, options);
        if !to_load.is_empty() {
            phases.end("read");
        }
        // A file that cannot be read is told each time and never cached, so trying it again
        // does not by itself make the index dirty.
        let mut read_any = false;
        let loaded: Vec<Option<LoadedFile>> = loaded
            .into_iter()
            .map(|r| match r {
                Ok(l) => {
                    read_any = true;
                    Some(l)
                }
                Err(w) => {
                    warnings.push(w);
                    None
                }
            })
            .collect();

        let from_cache = old.is_some();
        let image = match old {
            Some(img) if !read_any && changes.removed.is_empty() && changes.changed.is_empty() => {
                img
            }
            old => {
                let (files, docs, fresh, remap) = assemble(&plan, old.as_ref(), loaded);
                let mut bytes = cache::begin(&root_keys, &files, &docs);
                let layout = build_postings(old.as_ref(), &fresh, &remap, docs.len(), &mut bytes);
                drop((old, fresh));
                cache::finish(&mut bytes, layout);
                phases.end("build");
                let image = store(bytes, cache_path.as_deref(), &root_keys, &mut warnings)?;
                phases.end("write");
                image
            }
        };

        for f in &image.files {
            for p in &f.problems {
                warnings.push(load::warn(&display_path(&sources, f), p.clone()));
            }
        }
        let stats = Stats {
            files: image.files.len(),
            articles: image.docs.len(),
            words: image.docs.iter().map(|d| u64::from(d.words)).sum(),
            fingerprints: image.layout.count,
            text_bytes: image.docs.iter().map(|d| d.text_bytes).sum(),
            index_bytes: image.bytes.len() as u64,
            from_cache,
            cache_path,
            elapsed: started.elapsed(),
            phases: phases.done,
        };
        Ok(Corpus {
            roots: roots.to_vec(),
            sources,
            image,
            warnings,
            stats,
            changes,
            articles: Mutex::default(),
            speakers: options.speakers.clone(),
        })
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.image.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Files that could not be read or decoded, each told once.
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// What the corpus holds and what opening it cost.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Which files were read again because they differ from the cache.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Articles sharing word sequences with `words` (hashes from `text::words`), best first.
    /// Any 5 contiguous words of an article are always found; fewer than `K` words never.
    pub fn candidates(&self, words: &[u64], limit: usize) -> Vec<Candidate> {
        match self.image.postings() {
            Some(postings) => index::candidates(&postings, words, limit),
            None => Vec::new(),
        }
    }

    /// An article's path as `Article.path` gives it, without reading the article.
    pub fn path(&self, doc: DocId) -> Option<String> {
        let entry = self.image.docs.get(doc as usize)?;
        let file = self.image.files.get(entry.file as usize)?;
        Some(if file.format == formats::FileFormat::JsonLines {
            format!("{}#{}", file.rel, entry.line)
        } else {
            file.rel.clone()
        })
    }

    /// An article's title, without reading the article.
    pub fn title(&self, doc: DocId) -> Option<&str> {
        Some(&self.image.docs.get(doc as usize)?.title)
    }

    /// An article with its text and quotations: read from its file on first use, then kept
    /// among the recently used. `None` if the doc id is unknown or the file is now unreadable.
    pub fn article(&self, doc: DocId) -> Option<Arc<Article>> {
        if let Some(article) = self.lock_articles().get(u64::from(doc)) {
            return Some(article);
        }
        let entry: &DocEntry = self.image.docs.get(doc as usize)?;
        let file = self.image.files.get(entry.file as usize)?;
        let parsed = load::read_text(&file_path(&self.sources, file), file, entry).ok()?;
        let format = match parsed.spoken {
            Some(_) => crate::draft::Format::Plain,
            None => file.format.draft_format(),
        };
        let mut article = Article::new(parsed.text, format);
        article.path = self.path(doc)?;
        article.title = entry.title.clone();
        article.url = entry.url.clone();
        article.date = entry.date.clone();
        article.author = entry.author.clone();
        article.outlet = entry.outlet.clone();
        let path = display_path(&self.sources, file);
        article.origin = match file.format {
            formats::FileFormat::JsonLines => Origin::Line {
                path,
                line: entry.line as usize,
            },
            formats::FileFormat::Html
            | formats::FileFormat::WebVtt
            | formats::FileFormat::SubRip => Origin::File {
                path,
                text_is_file: false,
            },
            formats::FileFormat::Text | formats::FileFormat::Markdown => Origin::File {
                path,
                text_is_file: true,
            },
        };
        if let Some(spoken) = parsed.spoken {
            // A transcript's text is its turns, not the file's bytes.
            article.origin = match article.origin {
                Origin::File { path, .. } => Origin::File {
                    path,
                    text_is_file: false,
                },
                other => other,
            };
            let file = file_path(&self.sources, file);
            article.labels = spoken.labels;
            for label in &mut article.labels {
                if let Some(name) =
                    crate::config::speaker_name(&self.speakers, &file, &label.speaker)
                {
                    label.speaker = name.to_string();
                }
            }
            article.cues = spoken.cues;
        }
        let article = Arc::new(article);
        self.lock_articles()
            .put(u64::from(doc), Arc::clone(&article), ARTICLE_CACHE);
        Some(article)
    }

    /// The root a corpus path was given as, for messages.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    fn lock_articles(&self) -> std::sync::MutexGuard<'_, Recent> {
        // The cache holds no invariant a panic could break: a poisoned lock is still usable.
        self.articles
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The embedded index as a backend of the sources seam.
impl Sources for Corpus {
    fn find(&self, queries: &[Vec<u64>], limit: usize) -> Answer<Vec<Vec<ArticleId>>> {
        let Some(postings) = self.image.postings() else {
            return Answer::full(vec![Vec::new(); queries.len()]);
        };
        Answer::full(
            queries
                .par_iter()
                .map(|words| {
                    index::candidates(&postings, words, limit)
                        .into_iter()
                        .map(|c| ArticleId::from(c.doc))
                        .collect()
                })
                .collect(),
        )
    }

    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.article(DocId::try_from(id).ok()?)
    }

    fn len(&self) -> usize {
        Corpus::len(self)
    }
}

/// Compares what the walk found with what the cache knows: which files keep their entries,
/// which must be read, and what changed.
fn plan_files<'a>(found: &'a [Found], old: Option<&Image>) -> (Vec<Plan>, Vec<&'a Found>, Changes) {
    let old_files: &[FileEntry] = old.map_or(&[], |img| &img.files);
    let by_path: HashMap<(u32, &str), usize> = old_files
        .iter()
        .enumerate()
        .map(|(i, f)| ((f.root, f.rel.as_str()), i))
        .collect();
    // Old files still present (kept or changed); the others were removed.
    let mut present = vec![false; old_files.len()];
    let mut changes = Changes::default();
    let mut to_load: Vec<&Found> = Vec::new();
    let plan = found
        .iter()
        .map(|f| match by_path.get(&(f.root, f.rel.as_str())) {
            Some(&i) => {
                present[i] = true;
                let e = &old_files[i];
                if e.size == f.size && e.mtime == f.mtime && e.format == f.format {
                    return Plan::Reuse(i);
                }
                changes.changed.push(f.rel.clone());
                to_load.push(f);
                Plan::Load(to_load.len() - 1)
            }
            None => {
                changes.added.push(f.rel.clone());
                to_load.push(f);
                Plan::Load(to_load.len() - 1)
            }
        })
        .collect();
    changes.removed = old_files
        .iter()
        .zip(&present)
        .filter(|(_, present)| !**present)
        .map(|(f, _)| f.rel.clone())
        .collect();
    (plan, to_load, changes)
}

/// Times the steps of `open`, each from the end of the one before.
struct Phases {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Phases {
    fn new() -> Phases {
        Phases {
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }
}

/// Where a file of the corpus is on disk, by its canonical root: reading it again later
/// must not depend on the current folder.
fn file_path(sources: &[load::Root], file: &FileEntry) -> PathBuf {
    match sources.get(file.root as usize) {
        Some(root) if root.is_file => root.canonical.clone(),
        Some(root) => root.canonical.join(&file.rel),
        None => PathBuf::from(&file.rel),
    }
}

/// A file's path as the user gave its root, for messages.
fn display_path(sources: &[load::Root], file: &FileEntry) -> PathBuf {
    match sources.get(file.root as usize) {
        Some(root) if root.is_file => root.given.clone(),
        Some(root) => root.given.join(&file.rel),
        None => PathBuf::from(&file.rel),
    }
}

/// Reads and fingerprints files on every core, telling progress as each completes.
fn load_all(files: &[&Found], options: &OpenOptions) -> Vec<Result<LoadedFile, LoadWarning>> {
    let done = AtomicUsize::new(0);
    let total = files.len();
    files
        .par_iter()
        .map(|f| {
            let result = load::load_file(f);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(progress) = &options.progress {
                progress(n, total);
            }
            result
        })
        .collect()
}

/// The articles just read: each new doc id with its fingerprints.
type Fresh = Vec<(DocId, Vec<u32>)>;

/// The new doc table in walk order, kept files from the old index and read files from what
/// was just loaded; with the fresh fingerprints and, for the old postings, old doc id ->
/// new doc id (`u32::MAX` for articles gone).
fn assemble(
    plan: &[Plan],
    old: Option<&Image>,
    mut loaded: Vec<Option<LoadedFile>>,
) -> (Vec<FileEntry>, Vec<DocEntry>, Fresh, Vec<DocId>) {
    let mut files = Vec::with_capacity(plan.len());
    let mut docs = Vec::new();
    let mut fresh = Vec::new();
    let mut remap = vec![u32::MAX; old.map_or(0, |img| img.docs.len())];
    for step in plan {
        let file_id = files.len() as u32;
        let first_doc = docs.len() as u32;
        match (step, old) {
            (Plan::Reuse(i), Some(img)) => {
                let mut entry = img.files[*i].clone();
                let old_first = entry.first_doc as usize;
                for k in 0..entry.doc_count as usize {
                    remap[old_first + k] = first_doc + k as u32;
                    let mut doc = img.docs[old_first + k].clone();
                    doc.file = file_id;
                    docs.push(doc);
                }
                entry.first_doc = first_doc;
                files.push(entry);
            }
            (Plan::Load(i), _) => {
                let Some(file) = loaded[*i].take() else {
                    continue;
                };
                let mut entry = file.entry;
                entry.first_doc = first_doc;
                for (mut doc, fingerprints) in file.docs {
                    fresh.push((docs.len() as DocId, fingerprints));
                    doc.file = file_id;
                    docs.push(doc);
                }
                files.push(entry);
            }
            (Plan::Reuse(_), None) => {}
        }
    }
    (files, docs, fresh, remap)
}

/// Builds the postings of the new doc table after `out`: the fresh articles' fingerprints,
/// and the old postings of the articles kept, renumbered.
fn build_postings(
    old: Option<&Image>,
    fresh: &Fresh,
    remap: &[DocId],
    doc_count: usize,
    out: &mut Vec<u8>,
) -> index::Layout {
    let old_postings = old.and_then(Image::postings);
    let renumber = |(fp, doc): (u32, DocId)| {
        let new = *remap.get(doc as usize)?;
        (new != u32::MAX).then_some((fp, new))
    };
    let kept = old_postings.map_or(0, |p| {
        p.docs().filter(|&d| renumber((0, d)).is_some()).count()
    });
    let n = fresh.iter().map(|(_, fps)| fps.len()).sum::<usize>() + kept;
    // Slices of about equal postings: count the fingerprints by bin.
    let mut counts = fresh
        .par_iter()
        .fold(
            || vec![0usize; index::BINS],
            |mut counts, (_, fps)| {
                fps.iter()
                    .for_each(|&fp| counts[index::bin_of(fp) as usize] += 1);
                counts
            },
        )
        .reduce(
            || vec![0usize; index::BINS],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    if let Some(p) = old_postings {
        counts
            .iter_mut()
            .zip(p.bin_counts())
            .for_each(|(x, y)| *x += y);
    }
    let cuts = index::even_cuts(&counts);
    // Where each slice's run starts in each article's fingerprints (they are sorted, so a
    // slice is one run): found once, in one pass, rather than by bisecting every article's
    // fingerprints for every slice, whose cache misses were a tenth of indexing.
    const SLICES: usize = index::SLICES;
    let bounds: Vec<[u32; SLICES + 1]> = fresh
        .par_iter()
        .map(|(_, fps)| {
            let mut b = [0u32; SLICES + 1];
            let mut s = 0;
            for &fp in fps {
                while s + 2 < cuts.len() && index::bin_of(fp) >= cuts[s + 1] {
                    s += 1;
                }
                b[s + 1] += 1;
            }
            for s in 0..SLICES {
                b[s + 1] += b[s];
            }
            b
        })
        .collect();
    // One slice's keys: the fresh ones gathered on every core, then the old ones kept.
    let gather = |bins: std::ops::Range<u32>| {
        let s = cuts.partition_point(|&c| c < bins.start);
        let mut keys: Vec<u64> = fresh
            .par_iter()
            .zip(&bounds)
            .flat_map_iter(|((doc, fps), b)| {
                let run = &fps[b[s] as usize..b[s + 1] as usize];
                run.iter().map(move |&fp| index::key(fp, *doc))
            })
            .collect();
        if let Some(p) = old_postings {
            let kept = p.pairs_in(bins).filter_map(renumber);
            keys.extend(kept.map(|(fp, doc)| index::key(fp, doc)));
        }
        keys
    };
    // Fresh articles are gathered in doc order (`fresh` is, and the parallel collect keeps
    // it); the old postings, renumbered, are not.
    if old_postings.is_none() {
        index::build_into_doc_ordered(gather, &cuts, n, doc_count, out)
    } else {
        index::build_into(gather, &cuts, n, doc_count, out)
    }
}

/// Writes a freshly built index to the cache (if there is one) and maps it back, so the
/// index lives in the page cache rather than on the heap; without a cache it stays owned.
fn store(
    bytes: Vec<u8>,
    cache_path: Option<&Path>,
    roots: &[String],
    warnings: &mut Vec<LoadWarning>,
) -> Result<Image, CorpusError> {
    if let Some(path) = cache_path {
        match cache::write(path, &bytes) {
            Ok(()) => match cache::read(path, roots, cache::Verify::OwnWork) {
                Ok(Some(image)) => return Ok(image),
                Ok(None) => {}
                Err(e) => warnings.push(load::warn(path, e.to_string())),
            },
            Err(e) => warnings.push(load::warn(path, format!("cannot write cache: {e}"))),
        }
    }
    cache::decode(Bytes::Owned(bytes), roots, cache::Verify::OwnWork).map_err(|e| CorpusError::Io {
        path: cache_path.map(Path::to_path_buf).unwrap_or_default(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// An article as a corpus file gives it, for a backend that keeps articles itself (the
/// archive): its name in reports (as `Article::path`), how it reads, and what the file said.
#[derive(Debug, Clone)]
pub struct FileArticle {
    pub path: String,
    pub format: crate::draft::Format,
    pub parsed: Parsed,
}

/// Files read at once by `read_articles`: enough to keep every core busy.
const READ_CHUNK: usize = 256;

/// Every article under `roots`, read as the embedded index reads them and in its order
/// (the walk's file order, a .jsonl file's lines in order), handed to `each` a few hundred
/// files at a time with the problems found in them.
pub fn read_articles(
    roots: &[PathBuf],
    follow_links_outside: bool,
    mut each: impl FnMut(Vec<FileArticle>, Vec<LoadWarning>),
) -> Result<(), CorpusError> {
    let sources = load::resolve_roots(roots)?;
    let mut warnings = Vec::new();
    let found = load::walk(&sources, follow_links_outside, &mut warnings);
    if !warnings.is_empty() {
        each(Vec::new(), std::mem::take(&mut warnings));
    }
    for chunk in found.chunks(READ_CHUNK) {
        let read: Vec<(Vec<FileArticle>, Vec<LoadWarning>)> = chunk
            .par_iter()
            .map(|file| {
                let shown = match sources.get(file.root as usize) {
                    Some(root) if root.is_file => root.given.clone(),
                    Some(root) => root.given.join(&file.rel),
                    None => file.path.clone(),
                };
                let bytes = match std::fs::read(&file.path) {
                    Ok(b) => b,
                    Err(e) => {
                        return (
                            Vec::new(),
                            vec![load::warn(&shown, format!("cannot read: {e}"))],
                        );
                    }
                };
                let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
                let read = formats::parse_file(bytes, file.format, name);
                let problems = read
                    .problems
                    .into_iter()
                    .map(|p| load::warn(&shown, p))
                    .collect();
                let articles = read
                    .articles
                    .into_iter()
                    .map(|parsed| FileArticle {
                        path: if file.format == formats::FileFormat::JsonLines {
                            format!("{}#{}", file.rel, parsed.line)
                        } else {
                            file.rel.clone()
                        },
                        format: file.format.draft_format(),
                        parsed,
                    })
                    .collect();
                (articles, problems)
            })
            .collect();
        let (articles, problems): (Vec<_>, Vec<_>) = read.into_iter().unzip();
        each(
            articles.into_iter().flatten().collect(),
            problems.into_iter().flatten().collect(),
        );
    }
    Ok(())
}

/// One line of a .jsonl feed as an article (`formats::parse_jsonl_line`).
pub fn parse_jsonl_line(bytes: &[u8]) -> Result<Parsed, String> {
    formats::parse_jsonl_line(bytes)
}

/// The default cache folder: `$XDG_CACHE_HOME/verbatim` or `~/.cache/verbatim`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(Path::new(&dir).join("verbatim"));
    }
    std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache").join("verbatim"))
}

#[cfg(test)]
mod tests;
