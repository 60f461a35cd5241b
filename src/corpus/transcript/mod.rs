//! Interview transcripts as sources: WebVTT and SubRip captions (`cues`) and the
//! speaker-labelled text that transcription tools export (`labelled`), read into one text
//! with a paragraph per speaker turn, the speaker of each turn, and each cue's time and line.
//!
//! A speaker's words run on across cues until the speaker changes, so a quotation that
//! spans two cues of one speaker is found whole; `Cue` maps the text back to the file.

mod cues;
mod labelled;
#[cfg(test)]
mod tests;

use crate::sources::{Cue, Label, Timestamp};
use crate::text::one_spaced;

pub use cues::{parse_srt, parse_vtt};
pub use labelled::{looks_labelled, parse_labelled};

/// What a transcript knows beyond its text: who says each turn and when each cue was said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spoken {
    pub labels: Vec<Label>,
    pub cues: Vec<Cue>,
}

/// A transcript read: its text (a paragraph per turn, `Name: words`), its turns and cues,
/// and what was wrong with the file (one message a problem, with its line).
#[derive(Debug, Default)]
pub struct Transcript {
    /// A title the file gives (a labelled transcript's first line, above its turns).
    pub title: Option<String>,
    pub text: String,
    pub spoken: Spoken,
    pub problems: Vec<String>,
}

/// One cue as a format reads it, before the turns are put together.
#[derive(Debug, Clone)]
struct Said {
    speaker: Option<String>,
    words: String,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    line: usize,
}

/// Problems told one by one for a transcript; past this, a count.
const MAX_PROBLEMS: usize = 20;

/// Puts cues together into turns: a cue with no speaker of its own continues the turn
/// before it; a new speaker starts a new paragraph, headed `Speaker: `. Lines of the file
/// that hold no speech (a title) are kept as their own paragraphs, with no speaker.
fn assemble(said: Vec<Said>, mut problems: Vec<String>) -> Transcript {
    let mut out = Transcript::default();
    let mut turn: Option<(Option<String>, usize)> = None; // speaker, where its words start
    let close = |out: &mut Transcript, turn: &mut Option<(Option<String>, usize)>| {
        if let Some((Some(speaker), start)) = turn.take() {
            out.spoken.labels.push(Label {
                range: start..out.text.len(),
                speaker,
            });
        }
    };
    for s in said {
        let words = one_spaced(&s.words);
        if words.is_empty() {
            continue;
        }
        let same = match (&turn, &s.speaker) {
            (Some(_), None) => true,
            (Some((Some(now), _)), Some(next)) => same_label(now, next),
            _ => false,
        };
        if same {
            out.text.push(' ');
        } else {
            close(&mut out, &mut turn);
            if !out.text.is_empty() {
                out.text.push_str("\n\n");
            }
            if let Some(speaker) = &s.speaker {
                out.text.push_str(speaker);
                out.text.push_str(": ");
            }
            turn = Some((s.speaker.clone(), out.text.len()));
        }
        let start = out.text.len();
        out.text.push_str(&words);
        out.spoken.cues.push(Cue {
            range: start..out.text.len(),
            start: s.start,
            end: s.end,
            line: s.line,
        });
    }
    close(&mut out, &mut turn);
    out.text.push('\n');
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("and {more} more problems"));
    }
    if out.spoken.cues.is_empty() {
        problems.push("no speech in the transcript".to_string());
    }
    out.problems = problems;
    out
}

/// Two spellings of one label (`SPEAKER 1`, `Speaker 1`).
fn same_label(a: &str, b: &str) -> bool {
    let fold = |s: &str| one_spaced(s).to_lowercase();
    fold(a) == fold(b)
}

/// A time as transcripts write it: `01:02:03.500` (WebVTT), `01:02:03,500` (SubRip),
/// `02:03.5`, `1:02:03`. `None` for anything else (minutes or seconds past 59 included).
pub fn parse_time(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    let (clock, fraction) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: u64 = match fraction.len() {
        0 => 0,
        n => fraction.parse::<u64>().ok()? * 10u64.pow(3 - n as u32),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() < 2
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match n.as_slice() {
        [m, s] => (0, *m, *s),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    if sec > 59 || (parts.len() == 3 && m > 59) {
        return None;
    }
    Some(Timestamp(((h * 60 + m) * 60 + sec) * 1000 + ms))
}

/// The speaker a line of speech starts with, as transcripts and captions write it:
/// `Olga Stefanishyna: …`, `SPEAKER 1: …`, `[Tom Reed] …`, `>> REED: …`, `- Anna: …`,
/// `**Anna Field:** …` (Markdown). Gives the speaker and the byte offset of the words after
/// the label; `None` when the line starts with no such label.
fn leading_speaker(line: &str) -> Option<(String, usize)> {
    let trimmed = line.trim_start();
    let mut at = line.len() - trimmed.len();
    for lead in [">>", "- ", "– ", "— "] {
        if let Some(rest) = line[at..].strip_prefix(lead) {
            at = line.len() - rest.trim_start().len();
        }
    }
    let rest = &line[at..];
    if let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        let name = inner[..close].trim();
        let after = at + 1 + close + 1;
        return is_name(name).then(|| (name.to_string(), skip_space(line, after)));
    }
    let (bold, rest) = match rest.strip_prefix("**") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    // A label is short: look for its colon near the start only (most lines are prose).
    let colon = head(rest, LABEL_WINDOW).find(':')?;
    let name = rest[..colon].trim_end_matches("**").trim();
    let mut after = at + usize::from(bold) * 2 + colon + 1;
    if bold && line[after..].starts_with("**") {
        after += 2;
    }
    // `Name:` then a space or the end of the line; not `12:30` nor `http://`.
    let next = line[after..].chars().next();
    if !matches!(next, None | Some(' ' | '\t')) {
        return None;
    }
    is_name(name).then(|| (name.to_string(), skip_space(line, after)))
}

/// How far into a line a label's end is looked for: a name of five words with a time and
/// Markdown bold around it fits.
const LABEL_WINDOW: usize = 80;

/// The first `max` bytes of `s` or fewer, on a character boundary.
fn head(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn skip_space(line: &str, at: usize) -> usize {
    line.len() - line[at..].trim_start().len()
}

/// Could this be a speaker's label? One to five words of a name (each capitalised, or a
/// number as in `SPEAKER 1`, or a particle such as `van` or `de`), not a sentence.
fn is_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "al", "bin", "ibn", "y",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || name.chars().count() > 48 {
        return false;
    }
    let first_capital = words[0].chars().next().is_some_and(char::is_uppercase);
    first_capital
        && words.iter().all(|w| {
            let good_chars = w
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-' | '_' | '#'));
            let capital = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            good_chars && (capital || PARTICLES.contains(w))
        })
}

/// A line's byte range in the file, without its line break: for lines of text split by
/// `\n` with a `\r` before it dropped.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
}

/// The file's text without a byte-order mark.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
