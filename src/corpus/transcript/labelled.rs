//! Speaker-labelled text, as transcription tools export it (.txt, .md): a turn a line,
//! `Olga Stefanishyna: …`, `SPEAKER 1 (00:03:12): …`, `[00:03:12] Name: …`, or a label
//! line (`Speaker 1  0:03`) with the words on the lines below it. Told from an article by
//! its shape: most of its lines are labelled turns.

use super::{Said, Transcript, assemble, leading_speaker, lines, parse_time, without_bom};
use crate::sources::Timestamp;

/// A line of a labelled transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Blank,
    /// Not speech: a Markdown heading or front matter.
    Skipped,
    /// A labelled turn: the speaker, its time, where its words start (the line's end for a
    /// label on a line of its own).
    Turn {
        speaker: String,
        time: Option<Timestamp>,
        at: usize,
    },
    Other,
}

/// Is this text a speaker-labelled transcript rather than an article? At least three turns,
/// two thirds of its lines (a title, headings and the words under a label line aside) are
/// labelled turns, and not every label is a one-letter role (`Q:`/`A:`, an interview
/// printed as an article).
pub fn looks_labelled(text: &str) -> bool {
    let classified = classify(without_bom(text));
    let mut turns = 0usize;
    let mut counted = 0usize;
    let mut roles_only = true;
    let mut under_label = false;
    let mut first = true;
    for (_, line, kind) in &classified {
        match kind {
            Line::Blank => under_label = false,
            Line::Skipped => {}
            Line::Turn { speaker, at, .. } => {
                first = false;
                turns += 1;
                counted += 1;
                roles_only &= speaker.chars().count() == 1;
                under_label = *at >= line.len();
            }
            Line::Other if under_label => {}
            // A title line above the first turn.
            Line::Other if first => first = false,
            Line::Other => counted += 1,
        }
    }
    turns >= 3 && !roles_only && turns * 3 >= counted * 2
}

/// Reads a labelled transcript (`looks_labelled` said it is one). The words of a turn run
/// on over the lines below its label until a blank line or the next label.
pub fn parse_labelled(text: &str) -> Transcript {
    let text = without_bom(text);
    let mut said: Vec<Said> = Vec::new();
    // Lines that continue a turn: joined to its words.
    let mut open = false;
    let mut title = None;
    for (n, line, kind) in classify(text) {
        match kind {
            Line::Blank => open = false,
            Line::Skipped => {}
            Line::Turn { speaker, time, at } => {
                said.push(Said {
                    speaker: Some(speaker),
                    words: line[at..].to_string(),
                    start: time,
                    end: None,
                    line: n,
                });
                open = true;
            }
            Line::Other => match said.last_mut() {
                Some(last) if open => {
                    last.words.push(' ');
                    last.words.push_str(line);
                }
                _ => {
                    if said.is_empty() && title.is_none() {
                        title = Some(line.trim().to_string());
                    }
                    said.push(Said {
                        speaker: None,
                        words: line.to_string(),
                        start: None,
                        end: None,
                        line: n,
                    });
                    open = true;
                }
            },
        }
    }
    let mut t = assemble(said, Vec::new());
    t.title = title;
    t
}

/// Each line with its number and kind.
fn classify(text: &str) -> Vec<(usize, &str, Line)> {
    let mut out = Vec::new();
    let mut front_matter: Option<&str> = None;
    for (n, line) in lines(text) {
        let trimmed = line.trim();
        let kind = if let Some(fence) = front_matter {
            if trimmed == fence {
                front_matter = None;
            }
            Line::Skipped
        } else if n == 1 && (trimmed == "---" || trimmed == "+++") {
            front_matter = Some(if trimmed == "---" { "---" } else { "+++" });
            Line::Skipped
        } else if trimmed.is_empty() {
            Line::Blank
        } else if trimmed.starts_with('#') {
            Line::Skipped
        } else {
            match turn(line) {
                Some((speaker, time, at)) => Line::Turn { speaker, time, at },
                None => Line::Other,
            }
        };
        out.push((n, line, kind));
    }
    out
}

/// A labelled line: the speaker, the time it gives, and where the words start.
fn turn(line: &str) -> Option<(String, Option<Timestamp>, usize)> {
    let (time, at) = leading_time(line);
    let rest = &line[at..];
    // `SPEAKER 1 (00:03:12): …`, `Name [00:03:12] …`, `Speaker 1  0:03` (a label line).
    if let Some((name, time, after)) = label_then_time(rest) {
        return Some((name, time, at + after));
    }
    let (name, after) = leading_speaker(rest)?;
    Some((name, time, at + after))
}

/// A time the line opens with (`[00:03:12]`, `(3:12)`, `00:03:12`) and where the rest of
/// the line starts; `(None, 0)` when it opens with none.
fn leading_time(line: &str) -> (Option<Timestamp>, usize) {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let (inner, len) = match trimmed.chars().next() {
        Some(open @ ('[' | '(')) => {
            let close = if open == '[' { ']' } else { ')' };
            match trimmed.find(close) {
                Some(c) => (&trimmed[1..c], c + 1),
                None => return (None, 0),
            }
        }
        _ => {
            let token = trimmed.split_whitespace().next().unwrap_or("");
            (token, token.len())
        }
    };
    match parse_time(inner) {
        Some(t) => {
            let at = lead + len;
            (Some(t), line.len() - line[at..].trim_start().len())
        }
        None => (None, 0),
    }
}

/// `Name (TIME): words`, `Name [TIME] words`, `Name  TIME` (alone on its line).
fn label_then_time(rest: &str) -> Option<(String, Option<Timestamp>, usize)> {
    // Markdown bold around the label: `**Name (00:03:12):**`.
    let bold = if rest.starts_with("**") { 2 } else { 0 };
    let body = &rest[bold..];
    let cut = super::head(body, super::LABEL_WINDOW)
        .find(['(', '['])
        .or_else(|| {
            // A bare time after the name, ending the line.
            let t = body.trim_end();
            if t.len() > super::LABEL_WINDOW {
                return None;
            }
            let last = t.rsplit(char::is_whitespace).next()?;
            (t.len() > last.len() && parse_time(last).is_some()).then(|| t.len() - last.len())
        })?;
    let name = body[..cut].trim();
    if !super::is_name(name) {
        return None;
    }
    let tail = &body[cut..];
    let (inner, len) = match tail.chars().next() {
        Some('(') => (&tail[1..tail.find(')')?], tail.find(')')? + 1),
        Some('[') => (&tail[1..tail.find(']')?], tail.find(']')? + 1),
        _ => {
            let t = tail.trim_end();
            (t, t.len())
        }
    };
    let time = parse_time(inner)?;
    let end_bold = |s: &'_ str| -> usize { usize::from(s.starts_with("**")) * 2 };
    let mut after = bold + cut + len;
    after += end_bold(&rest[after..]);
    let next = rest[after..].trim_start();
    if let Some(words) = next.strip_prefix(':') {
        let words = &words[end_bold(words)..];
        after = rest.len() - words.trim_start().len();
    } else if next.is_empty() {
        after = rest.len();
    } else {
        // `Name (00:03) words`: no colon, but the time marks the label all the same.
        after = rest.len() - next.len();
    }
    Some((name.to_string(), Some(time), after))
}
