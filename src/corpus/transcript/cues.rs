//! Captions: WebVTT (`.vtt`) and SubRip (`.srt`). Blocks of an optional identifier, a
//! timing line (`00:03:12.000 --> 00:03:15.500`) and the cue's text over one or more lines;
//! the speaker from a voice tag (`<v Name>`) or a label at the start of the text (`NAME:`,
//! `[NAME]`); styling tags (`<i>`, `<c.loud>`, `{\an8}`) and inline times stripped.

use super::{Said, Transcript, assemble, leading_speaker, lines, parse_time, without_bom};
use crate::sources::Timestamp;

/// A WebVTT file.
pub fn parse_vtt(text: &str) -> Transcript {
    parse_cues(text, true)
}

/// A SubRip file.
pub fn parse_srt(text: &str) -> Transcript {
    parse_cues(text, false)
}

/// One cue while it is read: where it starts, its times, its text lines so far.
struct Open {
    line: usize,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    text: Vec<String>,
}

fn parse_cues(text: &str, vtt: bool) -> Transcript {
    let text = without_bom(text);
    let mut problems = Vec::new();
    let mut said = Vec::new();
    let mut cue: Option<Open> = None;
    // Inside a block that is no cue (a header, NOTE, STYLE, REGION, or text with no timing
    // line): skipped to the next blank line.
    let mut skipping = false;
    let mut first = true;
    let mut title = None;
    // An identifier line was read since the last cue or blank line.
    let mut identified = false;
    for (n, line) in lines(text) {
        let trimmed = line.trim();
        if first && !trimmed.is_empty() {
            first = false;
            if vtt {
                if !trimmed.starts_with("WEBVTT") {
                    problems.push(format!(
                        "line {n}: no `WEBVTT` header; read as WebVTT all the same"
                    ));
                } else {
                    // `WEBVTT - Interview with …`: the text after the header is a title.
                    let after = trimmed["WEBVTT".len()..].trim_start_matches([' ', '\t', '-']);
                    title = (!after.trim().is_empty()).then(|| after.trim().to_string());
                    skipping = true;
                    continue;
                }
            }
        }
        if trimmed.is_empty() {
            finish(cue.take(), &mut said, &mut problems);
            skipping = false;
            identified = false;
            continue;
        }
        if trimmed.contains("-->") {
            if let Some(open) = cue.take() {
                problems.push(format!(
                    "line {n}: a cue starts without a blank line before it; read as a new cue"
                ));
                finish(Some(drop_identifier(open)), &mut said, &mut problems);
            }
            skipping = false;
            identified = false;
            let (start, end) = timing(trimmed);
            if start.is_none() || end.is_none() {
                problems.push(format!(
                    "line {n}: bad timing line `{}`; its cue is kept without times",
                    shorten(trimmed)
                ));
            }
            cue = Some(Open {
                line: n,
                start,
                end,
                text: Vec::new(),
            });
            continue;
        }
        if skipping {
            continue;
        }
        match &mut cue {
            Some(open) => open.text.push(line.to_string()),
            None if vtt
                && ["NOTE", "STYLE", "REGION"]
                    .iter()
                    .any(|k| trimmed.starts_with(k)) =>
            {
                skipping = true;
            }
            // A cue identifier (SubRip's number, WebVTT's optional name) before its timing
            // line; anything more outside a cue is not speech anyone can be quoted from.
            None if !identified && looks_like_identifier(trimmed) => identified = true,
            None => {
                problems.push(format!(
                    "line {n}: text with no timing line before it; skipped"
                ));
                skipping = true;
            }
        }
    }
    finish(cue.take(), &mut said, &mut problems);
    let mut t = assemble(said, problems);
    t.title = title;
    t
}

/// A WebVTT cue identifier: one line, no `-->`, before a timing line. Only a short line is
/// taken for one; a long one is speech that lost its timing line.
fn looks_like_identifier(line: &str) -> bool {
    line.split_whitespace().count() <= 3 && line.len() <= 40
}

/// A cue that ran into the next one: its last line, if it is a number, was the next cue's
/// identifier (SubRip's numbering).
fn drop_identifier(mut open: Open) -> Open {
    if open
        .text
        .last()
        .is_some_and(|l| !l.trim().is_empty() && l.trim().bytes().all(|b| b.is_ascii_digit()))
    {
        open.text.pop();
    }
    open
}

/// `start --> end [settings]`: the two times, each `None` when it does not parse.
fn timing(line: &str) -> (Option<Timestamp>, Option<Timestamp>) {
    let Some((a, b)) = line.split_once("-->") else {
        return (None, None);
    };
    // WebVTT cue settings (`align:start`) and SubRip's coordinates follow the end time.
    let b = b.split_whitespace().next().unwrap_or("");
    let (start, end) = (parse_time(a), parse_time(b));
    // Half a timing line, or a start after its end, is a broken line: no times.
    match (start, end) {
        (Some(s), Some(e)) if s <= e => (Some(s), Some(e)),
        _ => (None, None),
    }
}

fn shorten(line: &str) -> String {
    const MAX: usize = 60;
    if line.chars().count() <= MAX {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(MAX).collect::<String>())
    }
}

/// A cue read: its text split where voices change, each part a `Said`.
fn finish(cue: Option<Open>, said: &mut Vec<Said>, problems: &mut Vec<String>) {
    let Some(open) = cue else {
        return;
    };
    let payload = open.text.join("\n");
    if payload.trim().is_empty() {
        problems.push(format!("cue at line {}: empty, skipped", open.line));
        return;
    }
    for (speaker, words) in voices(&payload, open.line, problems) {
        said.push(Said {
            speaker,
            words,
            start: open.start,
            end: open.end,
            line: open.line,
        });
    }
}

/// The parts of a cue's text by speaker: `<v Name>` tags (closed by `</v>` or not), else a
/// label at the start of a line. Tags are stripped and entities decoded.
fn voices(payload: &str, line: usize, problems: &mut Vec<String>) -> Vec<(Option<String>, String)> {
    let mut parts: Vec<(Option<String>, String)> = Vec::new();
    let mut speaker: Option<String> = None;
    let mut words = String::new();
    let mut rest = payload;
    let push = |parts: &mut Vec<(Option<String>, String)>,
                speaker: &Option<String>,
                words: &mut String| {
        let text = plain(words);
        if !text.trim().is_empty() {
            parts.push((speaker.clone(), text));
        }
        words.clear();
    };
    while let Some(i) = rest.find('<') {
        words.push_str(&rest[..i]);
        let tag = &rest[i..];
        // A tag ends at its `>` on the same line, before any other `<`.
        let close = tag
            .char_indices()
            .skip(1)
            .find(|&(_, c)| matches!(c, '>' | '<' | '\n'))
            .filter(|&(_, c)| c == '>')
            .map(|(at, _)| at);
        let Some(close) = close else {
            if voice_name(&tag[1..]).is_some() {
                problems.push(format!(
                    "cue at line {line}: voice tag `{}` never closed; its words are read without a speaker",
                    shorten(tag.lines().next().unwrap_or(tag))
                ));
                rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
                // The name runs into the words: no telling where one ends.
                continue;
            }
            words.push_str(tag);
            rest = "";
            break;
        };
        let inner = &tag[1..close];
        if let Some(name) = voice_name(inner) {
            push(&mut parts, &speaker, &mut words);
            speaker = (!name.is_empty()).then(|| name.to_string());
        }
        rest = &tag[close + 1..];
    }
    words.push_str(rest);
    push(&mut parts, &speaker, &mut words);
    // No voice tag: each line may open with a label (`NAME:`, `[NAME]`, `- Anna:`).
    if parts.iter().all(|(s, _)| s.is_none()) {
        let joined: String = parts
            .into_iter()
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join("\n");
        let mut out: Vec<(Option<String>, String)> = Vec::new();
        for l in joined.lines() {
            match leading_speaker(l) {
                Some((name, at)) => out.push((Some(name), l[at..].to_string())),
                None => match out.last_mut() {
                    Some((_, w)) => {
                        w.push(' ');
                        w.push_str(l);
                    }
                    None => out.push((None, l.to_string())),
                },
            }
        }
        return out
            .into_iter()
            .filter(|(_, w)| !w.trim().is_empty())
            .collect();
    }
    parts
}

/// `v Name` or `v.class Name`: the voice's name (empty when the tag names no one).
fn voice_name(inner: &str) -> Option<&str> {
    let rest = inner.strip_prefix('v')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '.'])) {
        return None;
    }
    // `.class` names: up to the first space.
    Some(rest.trim_start_matches(|c: char| !c.is_whitespace()).trim())
}

/// Caption text as words: SubRip's `{\an8}` styling dropped, HTML entities decoded.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_brace = false;
    for c in text.chars() {
        match c {
            '{' if !in_brace => in_brace = true,
            '}' if in_brace => in_brace = false,
            _ if !in_brace => out.push(c),
            _ => {}
        }
    }
    crate::corpus::formats::decode_entities(&out)
}
