//! A source article as every backend hands it to `check`: its text and words, metadata,
//! where it lives (`Origin`, and `Place` for a passage of it), and who says its passages
//! (the source's own speaker labels when it has them, else read from the text on demand).

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use super::cue::{Cue, Timestamp, cue_at};
use crate::draft::{ExtractOptions, Format, Prepared, Quote, Speaker};

/// Where an article lives, as its backend knows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Origin {
    /// Built in memory: nowhere an adapter can open.
    #[default]
    Memory,
    /// A file. `text_is_file`: the article's text is the file's content (.txt, .md), so
    /// offsets into the text are offsets into the file; not so for .html (its body text).
    File { path: PathBuf, text_is_file: bool },
    /// One article a line (.jsonl): the file and the article's 1-based line in it.
    Line { path: PathBuf, line: usize },
    /// A row of a shared archive: the archive (its address without credentials) and the
    /// article's id there.
    Row { archive: String, id: u64 },
}

/// Where a passage lives, as data an adapter shows or opens (a path and line, a `.jsonl`
/// line); never parsed back out of a display string. Paths are as the user gave the
/// corpus folder, joined with the file's path inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Place {
    #[default]
    Nowhere,
    /// In a file: the passage's 1-based line in the file, and its byte range in the file
    /// when the offsets index the file (`Origin::File` with `text_is_file`).
    File {
        path: PathBuf,
        line: usize,
        bytes: Option<Range<usize>>,
    },
    /// An article that is one line of a file (.jsonl): the file and that 1-based line.
    Line { path: PathBuf, line: usize },
    /// An article of a shared archive (`Origin::Row`): no file to open; the passage's
    /// 1-based line in the article's text.
    Row {
        archive: String,
        id: u64,
        line: usize,
    },
    /// In a transcript: the file, the 1-based line where the passage's first cue starts,
    /// and the times of the passage's first and last cues (when the transcript gives them).
    Cue {
        path: PathBuf,
        line: usize,
        start: Option<Timestamp>,
        end: Option<Timestamp>,
    },
}

impl Place {
    /// The file the passage is in, if it is in one.
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            Place::Nowhere | Place::Row { .. } => None,
            Place::File { path, .. } | Place::Line { path, .. } | Place::Cue { path, .. } => {
                Some(path)
            }
        }
    }

    /// The 1-based line of the file to show.
    pub fn line(&self) -> Option<usize> {
        match self {
            Place::Nowhere => None,
            Place::File { line, .. }
            | Place::Line { line, .. }
            | Place::Row { line, .. }
            | Place::Cue { line, .. } => Some(*line),
        }
    }

    /// When the passage was said: its first cue's start and its last cue's end.
    pub fn times(&self) -> (Option<Timestamp>, Option<Timestamp>) {
        match self {
            Place::Cue { start, end, .. } => (*start, *end),
            _ => (None, None),
        }
    }
}

/// A stretch of an article whose speaker the source itself names (a transcript's speaker
/// label): `check` takes it as the passage's speaker instead of reading the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range of `Article::text`.
    pub range: Range<usize>,
    pub speaker: String,
}

impl Label {
    /// Does the label name a person, rather than a placeholder a transcription tool gives
    /// (`SPEAKER 1`, `Speaker B`, `Unknown speaker`) or a role (`Interviewer`, `Q`)? A
    /// placeholder or a role is a described speaker: never matched with nor held against
    /// the draft's named one (map it to a name under `[speakers]` in `verbatim.toml`).
    pub fn names_someone(&self) -> bool {
        !is_placeholder(&self.speaker)
    }
}

/// `SPEAKER 1`, `Speaker B`, `spk_2`, `Unknown`, `Interviewer`, `Q`: a label that stands for
/// no one in particular.
pub fn is_placeholder(label: &str) -> bool {
    const ROLES: &[&str] = &[
        "speaker",
        "spk",
        "participant",
        "person",
        "voice",
        "unknown",
        "unknown speaker",
        "interviewer",
        "interviewee",
        "host",
        "guest",
        "moderator",
        "reporter",
        "journalist",
        "caller",
        "audience",
        "audience member",
        "q",
        "a",
    ];
    let lower = label.trim().to_lowercase();
    let head =
        lower.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '_' | '-' | '#'));
    // `Speaker B`: one letter after the role.
    let head = match head.rsplit_once(' ') {
        Some((role, letter)) if letter.chars().count() == 1 && ROLES.contains(&role) => role,
        _ => head,
    };
    ROLES.contains(&head)
}

/// One source article, with its text, its words, and (read on first use) the quotations the
/// extractor finds in it and who says its passages.
#[derive(Debug)]
pub struct Article {
    /// The article's name in reports: for a corpus file, its path relative to the corpus
    /// root with `/` separators (`file.jsonl#N` for the N-th line of a .jsonl file).
    pub path: String,
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// Who published it (a newspaper, a wire), when the source says.
    pub outlet: Option<String>,
    /// Where the article lives (`place` says where a passage of it does).
    pub origin: Origin,
    /// The text that offsets refer to: the file's content for .txt and .md, the body text
    /// for .html, the `text` field for .jsonl.
    pub text: String,
    /// The words of `text` (`text::words`), kept for aligning quotations against it.
    pub words: Vec<crate::text::Word>,
    /// How `text` reads (Markdown for .md articles).
    pub format: Format,
    /// Speakers the source names itself, in text order. Empty when it does not: then a
    /// passage's speaker is read from the text.
    pub labels: Vec<Label>,
    /// A transcript's cues in text order (times and file lines); empty for an article.
    pub cues: Vec<Cue>,
    /// The speaker analysis, on first use: most candidate articles of a quotation are only
    /// searched for its words and never need one.
    prepared: OnceLock<Prepared>,
    /// Who says each passage asked about so far (`speaker_of`), as re-checking a draft
    /// asks about the same passages again.
    passage_speakers: Mutex<Vec<(Range<usize>, Option<Speaker>)>>,
}

/// How many passages' speakers an article remembers.
const PASSAGE_SPEAKERS: usize = 64;

impl Article {
    /// An article of `text` with no metadata, origin or labels: backends fill those in.
    pub fn new(text: String, format: Format) -> Article {
        Article {
            path: String::new(),
            title: String::new(),
            url: None,
            date: None,
            author: None,
            outlet: None,
            origin: Origin::Memory,
            words: crate::text::words(&text),
            text,
            format,
            labels: Vec::new(),
            cues: Vec::new(),
            prepared: OnceLock::new(),
            passage_speakers: Mutex::new(Vec::new()),
        }
    }

    fn prepared(&self) -> &Prepared {
        self.prepared
            .get_or_init(|| Prepared::new(&self.text, self.format, &ExtractOptions::default()))
    }

    /// The quotations in `text`, with their speakers (`draft::analyze`).
    pub fn quotes(&self) -> &[Quote] {
        &self.prepared().quotes
    }

    /// Is the article a transcript of speech (it has cues)?
    pub fn is_spoken(&self) -> bool {
        !self.cues.is_empty()
    }

    /// Does the source name its speakers itself (`labels`)?
    pub fn knows_speakers(&self) -> bool {
        !self.labels.is_empty()
    }

    /// Who the article gives the words in `span` to. With labels, the label the span starts
    /// in (none outside every label). Otherwise read from the text: the speaker of its
    /// quotation that the span starts in, or else of the sentence it stands in (`X said the
    /// plan was dead`).
    pub fn speaker_of(&self, span: Range<usize>) -> Option<Speaker> {
        if self.knows_speakers() {
            return self
                .labels
                .iter()
                .find(|l| l.range.start <= span.start && span.start < l.range.end)
                .map(|l| Speaker {
                    name: l.speaker.clone(),
                    named: l.names_someone(),
                    cue: "label".to_string(),
                    mention: l.range.start..l.range.start,
                    // The source's own label: no guesswork about who it is; but a
                    // placeholder (`SPEAKER 1`) is no one the draft can be held to.
                    certain: l.names_someone(),
                    confidence: 1.0,
                });
        }
        let quotes = self.quotes();
        if let Some(q) = quotes
            .iter()
            .find(|q| q.start <= span.start && span.start < q.end.max(q.start + 1))
        {
            return q.speaker.clone();
        }
        // A memo only: a panic elsewhere cannot leave it wrong, so a poisoned lock is used.
        let known = || {
            self.passage_speakers
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some((_, s)) = known().iter().find(|(r, _)| *r == span) {
            return s.clone();
        }
        let speaker = self.prepared().speaker_of(&self.text, span.clone());
        let mut known = known();
        if known.len() >= PASSAGE_SPEAKERS {
            known.remove(0);
        }
        known.push((span, speaker.clone()));
        speaker
    }

    /// Where the passage at `span` of the text lives.
    pub fn place(&self, span: Range<usize>) -> Place {
        if let (Some(first), Some(path)) = (cue_at(&self.cues, span.start), self.origin_file()) {
            let last = cue_at(&self.cues, span.end.saturating_sub(1).max(span.start));
            return Place::Cue {
                path: path.clone(),
                line: first.line,
                start: first.start,
                end: last.and_then(|c| c.end).or(first.end),
            };
        }
        match &self.origin {
            Origin::Memory => Place::Nowhere,
            Origin::File {
                path,
                text_is_file: true,
            } => Place::File {
                path: path.clone(),
                line: self.line_of(span.start),
                bytes: Some(span),
            },
            // The text was taken out of the file (an HTML body): its lines are not the file's.
            Origin::File { path, .. } => Place::File {
                path: path.clone(),
                line: 1,
                bytes: None,
            },
            Origin::Line { path, line } => Place::Line {
                path: path.clone(),
                line: *line,
            },
            Origin::Row { archive, id } => Place::Row {
                archive: archive.clone(),
                id: *id,
                line: self.line_of(span.start),
            },
        }
    }

    /// The file the article was read from, if any.
    fn origin_file(&self) -> Option<&PathBuf> {
        match &self.origin {
            Origin::File { path, .. } | Origin::Line { path, .. } => Some(path),
            Origin::Memory | Origin::Row { .. } => None,
        }
    }

    /// The 1-based line of `text` that a byte offset is on.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_speaker_instead_of_the_text() {
        let text = "Moderator: Tell us.\nJane Doe: We will never give up, said John Roe.\n";
        let mut a = Article::new(text.to_string(), Format::Plain);
        let jane = text.find("We will").unwrap();
        a.labels = vec![
            Label {
                range: 0..jane - "Jane Doe: ".len(),
                speaker: "Moderator".into(),
            },
            Label {
                range: jane..text.len(),
                speaker: "Jane Doe".into(),
            },
        ];
        let s = a.speaker_of(jane..jane + 10).unwrap();
        assert_eq!(
            (s.name.as_str(), s.named, s.certain),
            ("Jane Doe", true, true)
        );
        assert_eq!(a.speaker_of(2..5).unwrap().name, "Moderator");
        // Unlabelled text has no speaker the source knows: nothing is read into it.
        let gap = jane - 3;
        assert_eq!(a.speaker_of(gap..gap + 1), None);
    }

    #[test]
    fn a_transcript_places_a_passage_at_its_cues_and_placeholders_name_no_one() {
        let text = "SPEAKER 1: The port stays open all winter.\n";
        let at = |w: &str| text.find(w).unwrap();
        let mut a = Article::new(text.to_string(), Format::Plain);
        a.origin = Origin::File {
            path: "i/call.srt".into(),
            text_is_file: false,
        };
        let cue = |range: Range<usize>, start, end, line| Cue {
            range,
            start: Some(Timestamp(start)),
            end: Some(Timestamp(end)),
            line,
        };
        a.cues = vec![
            cue(at("The")..at("all") - 1, 1_000, 3_000, 2),
            cue(at("all")..text.len() - 1, 3_000, 5_500, 6),
        ];
        a.labels = vec![Label {
            range: at("The")..text.len() - 1,
            speaker: "SPEAKER 1".into(),
        }];
        // Over both cues: the first's line and start, the last's end.
        assert_eq!(
            a.place(at("port")..at("winter")),
            Place::Cue {
                path: "i/call.srt".into(),
                line: 2,
                start: Some(Timestamp(1_000)),
                end: Some(Timestamp(5_500)),
            }
        );
        assert_eq!(a.place(at("winter")..at("winter") + 6).line(), Some(6));
        let s = a.speaker_of(at("port")..at("open")).unwrap();
        assert_eq!((s.named, s.certain), (false, false), "{s:?}");
        for placeholder in [
            "SPEAKER 1",
            "Speaker B",
            "spk_2",
            "Interviewer",
            "Q",
            "Unknown speaker",
        ] {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        for name in ["Marta Kowalczyk", "Speaker Pelosi", "Host Country"] {
            assert!(!is_placeholder(name), "{name}");
        }
    }

    #[test]
    fn places_by_origin() {
        let mut a = Article::new("Title\n\nLine three.\n".to_string(), Format::Plain);
        assert_eq!(a.place(7..11), Place::Nowhere);
        a.origin = Origin::File {
            path: "c/a.txt".into(),
            text_is_file: true,
        };
        assert_eq!(
            a.place(7..11),
            Place::File {
                path: "c/a.txt".into(),
                line: 3,
                bytes: Some(7..11)
            }
        );
        a.origin = Origin::Line {
            path: "c/w.jsonl".into(),
            line: 12,
        };
        assert_eq!(a.place(7..11).line(), Some(12));
        assert_eq!(
            a.place(7..11).file(),
            Some(std::path::Path::new("c/w.jsonl"))
        );
    }
}
