//! What a transcript knows about its passages beyond the text: the cues they were spoken in
//! (with their times and the line of the file each starts on), and the time format shown.

use std::ops::Range;

/// A moment in a recording, in milliseconds from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// `00:03:12.500`, as WebVTT writes it: the JSON report's form.
    pub fn full(self) -> String {
        let ms = self.0 % 1000;
        format!("{}.{ms:03}", self.seconds())
    }

    /// `00:03:12`: to the second, as a reader looks for it in a recording.
    pub fn seconds(self) -> String {
        let s = self.0 / 1000;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.seconds())
    }
}

/// One cue (a caption, a transcript's line) as it stands in an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Byte range of `Article::text` holding the cue's words.
    pub range: Range<usize>,
    /// When the cue starts and ends, when the transcript says.
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    /// The 1-based line of the file where the cue starts (its timing line, or its label).
    pub line: usize,
}

/// The cue that `offset` of the text falls in, or else the last one before it (the words
/// between two cues, such as a label, belong to the cue that follows them; so does a
/// passage's first word found there).
pub fn cue_at(cues: &[Cue], offset: usize) -> Option<&Cue> {
    let i = cues.partition_point(|c| c.range.end <= offset);
    cues.get(i).or_else(|| cues.last())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_print_as_a_recording_shows_them() {
        let t = Timestamp(3 * 3_600_000 + 12 * 60_000 + 5_250);
        assert_eq!(t.full(), "03:12:05.250");
        assert_eq!(t.to_string(), "03:12:05");
        assert_eq!(Timestamp(0).full(), "00:00:00.000");
    }

    #[test]
    fn the_cue_of_an_offset() {
        let cue = |range: Range<usize>, line| Cue {
            range,
            start: None,
            end: None,
            line,
        };
        let cues = [cue(5..10, 2), cue(12..20, 5)];
        assert_eq!(cue_at(&cues, 0).map(|c| c.line), Some(2));
        assert_eq!(cue_at(&cues, 9).map(|c| c.line), Some(2));
        assert_eq!(cue_at(&cues, 10).map(|c| c.line), Some(5));
        assert_eq!(cue_at(&cues, 30).map(|c| c.line), Some(5));
        assert_eq!(cue_at(&[], 3), None);
    }
}
