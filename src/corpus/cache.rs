//! The persisted index: one flat file per set of roots, memory-mapped on open, checked by
//! magic, version and checksum, and written atomically (temp file, then rename).
//!
//! Layout (little-endian): a 64-byte header, the doc table (roots, files, docs; see
//! `encode_table`) padded to 8 bytes, then the postings (`index::Layout`).
//!
//! | offset | field                                   |
//! |--------|-----------------------------------------|
//! | 0      | magic `VRBTMIDX`                        |
//! | 8      | format version (u32)                    |
//! | 12     | k, w (u32 each)                         |
//! | 20     | bucket bits, doc id bytes (u32 each)    |
//! | 28     | reserved (u32, 0)                       |
//! | 32     | doc table length in bytes (u64)         |
//! | 40     | postings count (u64)                    |
//! | 48     | checksum of everything after the header |
//! | 56     | length of everything after the header   |

use std::fs;
use std::io::Write;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use memmap2::Mmap;

use super::formats::FileFormat;
use super::index::{self, Layout};
use super::load::{DocEntry, FileEntry};

const MAGIC: &[u8; 8] = b"VRBTMIDX";
/// Bump on any change to the layout or to what a fingerprint means (tokenizer, k, w, hash).
// Bump on any change to the layout, the fingerprinting or the tokenizer's hashes
// (`text::words`, locked by `hash_is_stable`): an old cache must be rebuilt, not misread.
const VERSION: u32 = 4;
const HEADER: usize = 64;

/// The index bytes: built in memory, or mapped from the cache file.
#[derive(Debug)]
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(Mmap),
}

impl Default for Bytes {
    fn default() -> Self {
        Bytes::Owned(Vec::new())
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// An index file's content, checked and decoded except for the postings, which stay in
/// `bytes` at `postings_at`.
#[derive(Debug, Default)]
pub struct Image {
    pub roots: Vec<String>,
    pub files: Vec<FileEntry>,
    pub docs: Vec<DocEntry>,
    pub layout: Layout,
    pub bytes: Bytes,
    pub postings_at: usize,
}

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Written by another version of verbatim, or for other roots: rebuilt without fuss.
    #[error("cache is for another version or other roots")]
    Stale,
    /// Damaged: rebuilt, and told.
    #[error("cache file is corrupt ({0}); rebuilding the index")]
    Corrupt(String),
    #[error("cannot read cache file: {0}")]
    Io(#[from] std::io::Error),
}

impl Image {
    pub fn postings(&self) -> Option<index::Postings<'_>> {
        let len = self.layout.byte_len()?;
        let bytes = self
            .bytes
            .get(self.postings_at..self.postings_at.checked_add(len)?)?;
        self.layout.view(bytes)
    }
}

/// The cache file for a set of roots: named by a hash of their canonical paths.
pub fn cache_path(dir: &Path, roots: &[String]) -> PathBuf {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for root in roots {
        for &b in root.as_bytes().iter().chain(&[0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    dir.join(format!("index-{h:016x}.vbi"))
}

/// Starts an index file: a header to be filled by `finish`, then the doc table. The
/// postings are appended straight after (`index::build_into`), so the file is never copied.
pub fn begin(roots: &[String], files: &[FileEntry], docs: &[DocEntry]) -> Vec<u8> {
    let mut out = vec![0; HEADER];
    encode_table(&mut out, roots, files, docs);
    let table_len = (out.len() - HEADER) as u64;
    out[32..40].copy_from_slice(&table_len.to_le_bytes());
    while out.len() % 8 != 0 {
        out.push(0);
    }
    out
}

/// Fills the header of a file made by `begin` and the postings after it.
pub fn finish(out: &mut [u8], layout: Layout) {
    out[..8].copy_from_slice(MAGIC);
    out[8..12].copy_from_slice(&VERSION.to_le_bytes());
    out[12..16].copy_from_slice(&(index::K as u32).to_le_bytes());
    out[16..20].copy_from_slice(&(index::W as u32).to_le_bytes());
    out[20..24].copy_from_slice(&layout.bucket_bits.to_le_bytes());
    out[24..28].copy_from_slice(&layout.doc_bytes.to_le_bytes());
    out[28..32].copy_from_slice(&0u32.to_le_bytes());
    out[40..48].copy_from_slice(&layout.count.to_le_bytes());
    let body_len = (out.len() - HEADER) as u64;
    let sum = checksum(&out[HEADER..]);
    out[48..56].copy_from_slice(&sum.to_le_bytes());
    out[56..64].copy_from_slice(&body_len.to_le_bytes());
}

/// A whole index file from its parts (for tests; `open` uses `begin` and `finish`).
#[cfg(test)]
pub fn encode(
    roots: &[String],
    files: &[FileEntry],
    docs: &[DocEntry],
    layout: Layout,
    postings: &[u8],
) -> Vec<u8> {
    let mut out = begin(roots, files, docs);
    out.extend_from_slice(postings);
    finish(&mut out, layout);
    out
}

/// Whether `decode` recomputes the checksum: always for a file found on disk, not for bytes
/// this process has just built (and perhaps written), where it would only cost a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verify {
    Checksum,
    OwnWork,
}

/// Checks and decodes index bytes (from a file or just built).
pub fn decode(bytes: Bytes, roots: &[String], verify: Verify) -> Result<Image, CacheError> {
    let corrupt = |m: &str| CacheError::Corrupt(m.to_string());
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(corrupt("bad header"));
    }
    let u32_at =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let u64_at = |at: usize| {
        let mut b = [0; 8];
        b.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(b)
    };
    if u32_at(8) != VERSION || u32_at(12) as usize != index::K || u32_at(16) as usize != index::W {
        return Err(CacheError::Stale);
    }
    let layout = Layout {
        bucket_bits: u32_at(20),
        doc_bytes: u32_at(24),
        count: u64_at(40),
    };
    let (table_len, sum, body_len) = (u64_at(32), u64_at(48), u64_at(56));
    if body_len != (bytes.len() - HEADER) as u64 {
        return Err(corrupt("truncated or extended"));
    }
    if verify == Verify::Checksum && checksum(&bytes[HEADER..]) != sum {
        return Err(corrupt("checksum mismatch"));
    }
    let table_len = usize::try_from(table_len).map_err(|_| corrupt("table length"))?;
    let postings_at = HEADER
        .checked_add(table_len.next_multiple_of(8))
        .ok_or_else(|| corrupt("table length"))?;
    let table = bytes
        .get(HEADER..HEADER + table_len)
        .ok_or_else(|| corrupt("table length"))?;
    let (file_roots, files, docs) = decode_table(table).ok_or_else(|| corrupt("doc table"))?;
    if file_roots != roots {
        return Err(CacheError::Stale);
    }
    let image = Image {
        roots: file_roots,
        files,
        docs,
        layout,
        bytes,
        postings_at,
    };
    let ends_at_postings = layout
        .byte_len()
        .and_then(|len| postings_at.checked_add(len))
        == Some(image.bytes.len());
    let valid = image.postings().is_some_and(|p| p.is_valid());
    if !ends_at_postings || !valid || !consistent(&image) {
        return Err(corrupt("postings"));
    }
    Ok(image)
}

/// The doc table's cross references all point inside it, so lookups cannot panic.
fn consistent(image: &Image) -> bool {
    let mut next = 0u32;
    for f in &image.files {
        if f.first_doc != next || f.root as usize >= image.roots.len() {
            return false;
        }
        next = match next.checked_add(f.doc_count) {
            Some(n) => n,
            None => return false,
        };
    }
    next as usize == image.docs.len()
        && image
            .docs
            .iter()
            .all(|d| (d.file as usize) < image.files.len())
}

/// Reads and maps a cache file. `Ok(None)` when there is none.
pub fn read(path: &Path, roots: &[String], verify: Verify) -> Result<Option<Image>, CacheError> {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    // SAFETY: the map is only sound while nobody truncates or rewrites the file in place.
    // The file is ours, in a private (0700) folder, and we only ever replace it by rename,
    // which leaves this mapping on the old inode; a damaged file is caught by the checksum.
    let map = unsafe { Mmap::map(&file)? };
    decode(Bytes::Mapped(map), roots, verify).map(Some)
}

/// Writes a cache file atomically: a private temp file in the same folder, then a rename,
/// so a reader sees the old file or the new one, never half of one.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    // Unique per process and per write, so concurrent writers (an editor and the CLI, or two
    // threads) never share a temp file; the last rename wins, and each file is whole.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{seq}.tmp", std::process::id()));
    let result = (|| {
        let mut file = private_file(&tmp)?;
        file.write_all(bytes)?;
        // No fsync: a crash can at worst leave a damaged file, which the checksum catches.
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    fs::File::create(path)
}

/// A fast 64-bit checksum (8 bytes a step): it guards against damage, not attack.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut b = [0; 8];
        b.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(b))
            .wrapping_mul(0xff51_afd7_ed55_8ccd)
            .rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    }
    h ^ (h >> 29)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

/// The doc table: roots, then files, then docs, each a count followed by its records.
fn encode_table(out: &mut Vec<u8>, roots: &[String], files: &[FileEntry], docs: &[DocEntry]) {
    put_u32(out, roots.len() as u32);
    for r in roots {
        put_str(out, r);
    }
    put_u32(out, files.len() as u32);
    for f in files {
        put_u32(out, f.root);
        put_str(out, &f.rel);
        put_u64(out, f.size);
        put_u64(out, f.mtime as u64);
        out.push(f.format.code());
        put_u32(out, f.first_doc);
        put_u32(out, f.doc_count);
        put_u32(out, f.problems.len() as u32);
        for p in &f.problems {
            put_str(out, p);
        }
    }
    put_u32(out, docs.len() as u32);
    for d in docs {
        put_u32(out, d.file);
        put_u32(out, d.line);
        put_u64(out, d.offset);
        put_u64(out, d.len);
        put_u32(out, d.words);
        put_u64(out, d.text_bytes);
        put_str(out, &d.title);
        put_opt(out, d.url.as_deref());
        put_opt(out, d.date.as_deref());
        put_opt(out, d.author.as_deref());
        put_opt(out, d.outlet.as_deref());
    }
}

/// Reads what `encode_table` wrote; `None` on any inconsistency.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Option<u64> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Some(u64::from_le_bytes(b))
    }

    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    /// A record count, bounded by the bytes left so a damaged count cannot allocate wildly.
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.bytes.len()).then_some(n)
    }
}

type Table = (Vec<String>, Vec<FileEntry>, Vec<DocEntry>);

fn decode_table(bytes: &[u8]) -> Option<Table> {
    let mut r = Reader { bytes };
    let roots = (0..r.count()?)
        .map(|_| r.str())
        .collect::<Option<Vec<_>>>()?;
    let files = (0..r.count()?)
        .map(|_| {
            Some(FileEntry {
                root: r.u32()?,
                rel: r.str()?,
                size: r.u64()?,
                mtime: r.u64()? as i64,
                format: FileFormat::from_code(r.u8()?)?,
                first_doc: r.u32()?,
                doc_count: r.u32()?,
                problems: (0..r.count()?)
                    .map(|_| r.str())
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let docs = (0..r.count()?)
        .map(|_| {
            Some(DocEntry {
                file: r.u32()?,
                line: r.u32()?,
                offset: r.u64()?,
                len: r.u64()?,
                words: r.u32()?,
                text_bytes: r.u64()?,
                title: r.str()?,
                url: r.opt()?,
                date: r.opt()?,
                author: r.opt()?,
                outlet: r.opt()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    r.bytes.is_empty().then_some((roots, files, docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<String>, Vec<u8>) {
        let roots = vec!["/corpus".to_string()];
        let files = vec![FileEntry {
            root: 0,
            rel: "a.txt".into(),
            size: 10,
            mtime: 7,
            format: FileFormat::Text,
            first_doc: 0,
            doc_count: 1,
            problems: vec!["a problem".into()],
        }];
        let docs = vec![DocEntry {
            title: "A".into(),
            url: Some("http://a".into()),
            ..DocEntry::default()
        }];
        let pairs = [(1u32, 0u32), (0xdead_beef, 0)];
        let mut postings = Vec::new();
        let layout = index::build_into(
            |bins| {
                let keys = pairs
                    .iter()
                    .filter(|&&(fp, _)| bins.contains(&index::bin_of(fp)));
                keys.map(|&(fp, doc)| index::key(fp, doc)).collect()
            },
            &index::uniform_cuts(),
            pairs.len(),
            1,
            &mut postings,
        );
        (
            roots.clone(),
            encode(&roots, &files, &docs, layout, &postings),
        )
    }

    fn decode_all(bytes: Bytes, roots: &[String]) -> Result<Image, CacheError> {
        decode(bytes, roots, Verify::Checksum)
    }

    /// Recomputes the checksum, as a bug (not damage) writing a bad file would.
    fn reseal(bytes: &mut [u8]) {
        let sum = checksum(&bytes[HEADER..]);
        bytes[48..56].copy_from_slice(&sum.to_le_bytes());
    }

    #[test]
    fn damage_under_a_valid_checksum_never_panics() {
        let (roots, bytes) = sample();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300 {
            let mut damaged = bytes.clone();
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let at = HEADER + (state as usize) % (damaged.len() - HEADER);
                damaged[at] = (state >> 40) as u8;
            }
            reseal(&mut damaged);
            // Refused, or accepted and then usable without panicking.
            if let Ok(image) = decode_all(Bytes::Owned(damaged), &roots) {
                let postings = image.postings().unwrap();
                let _ = index::candidates(&postings, &[1, 2, 3, 4, 5], 5);
                assert_eq!(postings.pairs().count() as u64, image.layout.count);
            }
        }
        // Random bytes, and random runs of the pieces markup is made of, in every reader.
        let pieces = [
            "<",
            ">",
            "&",
            "&#",
            "&#x",
            ";",
            "é",
            "“",
            "<script",
            "</script>",
            "<!--",
            "-->",
            "\"",
            "'",
            "\n",
            "{",
            "}",
            "title",
            "#",
            "---",
            "+++",
            "<p>",
            "<title>",
            "=",
        ];
        let mut junks: Vec<Vec<u8>> = [0usize, 1, 7, 64, 300]
            .iter()
            .map(|&len| (0..len).map(|i| (i * 37 % 251) as u8).collect())
            .collect();
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state as usize) % pieces.len()]);
            }
            junks.push(text.into_bytes());
        }
        for junk in junks {
            for format in [
                FileFormat::Text,
                FileFormat::Markdown,
                FileFormat::Html,
                FileFormat::JsonLines,
                FileFormat::WebVtt,
                FileFormat::SubRip,
            ] {
                let _ = super::super::formats::parse_file(junk.clone(), format, "junk");
            }
        }
    }

    #[test]
    fn round_trip_and_refusals() {
        let (roots, bytes) = sample();
        let image = decode_all(Bytes::Owned(bytes.clone()), &roots).unwrap();
        assert_eq!(image.files[0].problems, ["a problem"]);
        assert_eq!(image.docs[0].url.as_deref(), Some("http://a"));
        assert_eq!(image.postings().unwrap().pairs().count(), 2);

        let other = ["/elsewhere".to_string()];
        assert!(matches!(
            decode_all(Bytes::Owned(bytes.clone()), &other),
            Err(CacheError::Stale)
        ));
        let mut old = bytes.clone();
        old[8] = 99;
        assert!(matches!(
            decode_all(Bytes::Owned(old), &roots),
            Err(CacheError::Stale)
        ));

        // A directory entry pointing backwards, under a valid checksum.
        let mut bad = bytes.clone();
        let dir_at = bad.len() - (2 + 3) * 2 - ((1 << 16) + 1) * 4;
        bad[dir_at + 8..dir_at + 12].copy_from_slice(&5u32.to_le_bytes());
        reseal(&mut bad);
        assert!(matches!(
            decode_all(Bytes::Owned(bad), &roots),
            Err(CacheError::Corrupt(_))
        ));

        let mut flipped = bytes;
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            decode_all(Bytes::Owned(flipped), &roots),
            Err(CacheError::Corrupt(_))
        ));
    }
}
