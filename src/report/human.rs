//! Human output in the style of rustc (annotate-snippets): `severity[code]: message`, the
//! draft's lines with the quotation and changed words marked, the source as a note, and a
//! closing summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{FileReport, floor_boundary};
use crate::check::verdict::{Diagnosis, Summary, diagnosis};
use crate::check::{ChangeClass, Finding, Wording};
use crate::config::{Severities, Severity};
use crate::text::one_spaced;
use crate::text::{LineIndex, count, short_title};

/// How to lay the report out.
#[derive(Debug, Clone, Default)]
pub struct HumanOptions {
    /// ANSI colours (a terminal without `NO_COLOR`).
    pub color: bool,
}

/// Lines of the source passage shown at most in a note.
const PASSAGE_CHARS: usize = 240;

/// The whole human report: one block per told finding, then the summary line.
pub fn render_human(
    files: &[FileReport],
    severities: &Severities,
    options: &HumanOptions,
) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // Findings told at warning and error level: the quotes a writer must look at.
    let (mut warnings, mut errors) = (0, 0);
    for file in files {
        let index = LineIndex::new(&file.text);
        let mut told: Vec<(&Finding, Diagnosis)> = file
            .findings
            .iter()
            .filter_map(|f| diagnosis(f, severities).map(|d| (f, d)))
            .collect();
        told.sort_by_key(|(f, _)| f.quote.start);
        for (finding, d) in told {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
            out.push_str(&render_one(&renderer, file, &index, finding, &d));
            out.push_str("\n\n");
        }
    }
    let summary = Summary::of(files.iter().flat_map(|f| &f.findings));
    out.push_str(&summary.to_string());
    if files.len() != 1 {
        out.push_str(&format!(" in {}", count(files.len(), "file")));
    }
    out.push('\n');
    out.push_str(&to_look_at(errors, warnings));
    out.push('\n');
    out
}

/// The last line, in plain words: whether any quote needs looking at (exit 0 says nothing
/// of warnings unless `--fail-on warning` is given).
fn to_look_at(errors: usize, warnings: usize) -> String {
    if errors + warnings == 0 {
        return "No quotes to look at.".to_string();
    }
    let levels: Vec<String> = [(errors, "error"), (warnings, "warning")]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, level)| count(n, level))
        .collect();
    format!(
        "{} to look at ({}).",
        count(errors + warnings, "quote"),
        levels.join(", ")
    )
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO,
        Severity::Hint | Severity::Off => Level::HELP.with_name("hint"),
    }
}

fn render_one(
    renderer: &Renderer,
    file: &FileReport,
    index: &LineIndex,
    finding: &Finding,
    d: &Diagnosis,
) -> String {
    let text = file.text.as_str();
    let q = &finding.quote;
    let start = floor_boundary(text, q.start);
    let end = floor_boundary(text, q.end).max(start);

    // The lines shown: the quotation's, and the speaker's when it is close by.
    let (mut lo, mut hi) = (start, end);
    let speaker = q.speaker.as_ref().filter(|s| {
        let (a, b) = (index.line(s.mention.start), index.line(start));
        s.mention.end <= text.len() && a.abs_diff(b) <= 2 && !s.mention.is_empty()
    });
    if let Some(s) = speaker {
        lo = lo.min(s.mention.start);
        hi = hi.max(s.mention.end);
    }
    let lo = floor_boundary(text, lo);
    let hi = floor_boundary(text, hi);
    let first_line = index.line(lo);
    let last_line = index.line(hi.saturating_sub(1).max(lo));
    let from = index.line_start(first_line).unwrap_or(0);
    let to = index
        .line_start(last_line + 1)
        .map_or(text.len(), |next| next.saturating_sub(1))
        .max(hi);
    let shown = text[from..to].trim_end_matches(['\n', '\r']);
    let clip = |r: std::ops::Range<usize>| {
        let a = floor_boundary(text, r.start).clamp(from, from + shown.len()) - from;
        let b = floor_boundary(text, r.end).clamp(from, from + shown.len()) - from;
        a..b.max(a)
    };

    let mut snippet = Snippet::source(shown)
        .line_start(first_line + 1)
        .path(file.path.as_str())
        .annotation(
            AnnotationKind::Primary
                .span(clip(start..end))
                .label(primary_label(finding)),
        );
    if finding.wording == Wording::Altered {
        for change in &finding.changes {
            let r = &change.draft_range;
            if r.start < start || r.end > end {
                continue;
            }
            let apart = change.apart.unwrap_or(0);
            let label = match (change.class, change.source.is_empty()) {
                (ChangeClass::Stitch, _) => format!(
                    "stitch: joined without an ellipsis ({apart} source word{} left out)",
                    if apart == 1 { "" } else { "s" }
                ),
                (ChangeClass::Order, _) => {
                    format!("order: comes earlier in the source ({apart} words before)")
                }
                (ChangeClass::Filler, _) => {
                    format!(
                        "left out: \"{}\" (speech tidied, not an alteration)",
                        change.source
                    )
                }
                (_, false) if r.is_empty() => format!("dropped: \"{}\"", change.source),
                (_, false) => format!("the source has \"{}\"", change.source),
                _ => "not in the source".to_string(),
            };
            let label = match change.class {
                ChangeClass::Word
                | ChangeClass::Stitch
                | ChangeClass::Order
                | ChangeClass::Filler => label,
                class => format!("{}: {label}", class.as_str()),
            };
            snippet =
                snippet.annotation(AnnotationKind::Context.span(clip(r.clone())).label(label));
        }
    }
    if let Some(s) = speaker
        && finding.attribution == crate::check::AttributionVerdict::Conflicts
    {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(clip(s.mention.clone()))
                .label(format!("given to {}", s.name)),
        );
    }

    let mut group = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.code.as_str())
        .element(snippet);
    if let Some(source) = &finding.source {
        // Where the passage lives, as a `path:line` a terminal or editor can open.
        let at = match (source.place.file(), source.place.line()) {
            (Some(file), Some(line)) => format!("{}:{line}", file.display()),
            _ => format!("{}:{}", source.path, source.line),
        };
        // A transcript's passage: who said it and when, then where (`path:line` of the cue).
        let mut note = match crate::check::verdict::said_when(source).as_deref() {
            Some("") => format!("source: {at}"),
            Some(when) => format!("source: {when}, {at}"),
            None => format!("source: {at} “{}”", short_title(&source.title)),
        };
        if let Some(line) = crate::check::verdict::provenance(finding) {
            note.push_str(&format!("; {line}"));
        } else if finding.other_sources > 0 {
            let others = count(finding.other_sources, "other article");
            note.push_str(&format!(" (and {others})"));
        }
        group = group.element(Level::NOTE.message(note));
        if finding.wording == Wording::Altered
            || finding.attribution == crate::check::AttributionVerdict::Conflicts
            || !source.quoted
        {
            group = group.element(
                Level::NOTE.message(format!("the source reads: “{}”", clip_chars(&source.text))),
            );
        }
    }
    let report: [Group; 1] = [group];
    renderer.render(&report)
}

fn primary_label(finding: &Finding) -> String {
    match (finding.wording, finding.quote.speaker.as_ref()) {
        (Wording::NotFound, _) if finding.too_short => "too short to look up".to_string(),
        (Wording::NotFound, _) => "no source holds these words".to_string(),
        (Wording::Unknown, _) => "not checked: a source did not answer".to_string(),
        _ if finding.attribution == crate::check::AttributionVerdict::Conflicts => {
            "these words".to_string()
        }
        (_, Some(s)) if s.guessed() => {
            format!("given to {}? (named near the words, no cue)", s.name)
        }
        (_, Some(s)) => format!("given to {}", s.name),
        (_, None) => "given to no one".to_string(),
    }
}

fn clip_chars(text: &str) -> String {
    let text = one_spaced(text);
    match text.char_indices().nth(PASSAGE_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Change;
    use crate::check::verdict::tests::finding;

    #[test]
    fn rustc_style_with_changed_words_marked() {
        let text = "# Nato\n\nKyiv has grown. “We scaled up six times,” Andrii Sybiha said.\n";
        let mut f = finding(text, "“We scaled up six times,”", Some("Andrii Sybiha"));
        f.wording = Wording::Altered;
        let six = text.find("six").unwrap();
        f.changes = vec![Change::words(
            "six times",
            "sixfold",
            six..six + "six times".len(),
        )];
        let files = [FileReport {
            path: "drafts/d.md".into(),
            text: text.into(),
            findings: vec![f],
        }];
        let out = render_human(&files, &Severities::default(), &HumanOptions::default());
        assert!(
            out.starts_with("warning[altered]: altered quotation: \"six times\" → \"sixfold\""),
            "{out}"
        );
        assert!(out.contains("drafts/d.md:3:17"), "{out}");
        assert!(out.contains("the source has \"sixfold\""), "{out}");
        assert!(
            out.contains("source: politics/001.txt:2 “Kyiv presses Nato”"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "1 quote: 0 verified, 1 altered, 0 not found, 0 conflicts\n1 quote to look at (1 warning).\n"
            ),
            "{out}"
        );
        assert!(!out.contains('\x1b'), "no colour unless asked");
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use crate::check::verdict::tests::finding;
    use crate::check::{AttributionVerdict, Change};
    use crate::sources::Place;

    #[test]
    fn the_source_note_names_the_file_and_line_of_its_place() {
        let text = "“We will never give up on them,” said Jane Doe.";
        let mut f = finding(text, "“We will never give up on them,”", Some("Jane Doe"));
        f.wording = Wording::Altered;
        let note = |f: &Finding| {
            let files = [FileReport {
                path: "d.md".into(),
                text: text.into(),
                findings: vec![f.clone()],
            }];
            let out = render_human(&files, &Severities::default(), &HumanOptions::default());
            let line = out
                .lines()
                .find(|l| l.contains("source:"))
                .unwrap_or_default();
            line.trim().to_string()
        };
        // An article that is one line of a .jsonl file: that line, not `#N` in the path.
        f.source.as_mut().unwrap().path = "wire.jsonl#7".into();
        f.source.as_mut().unwrap().place = Place::Line {
            path: "corpus/wire.jsonl".into(),
            line: 7,
        };
        assert_eq!(
            note(&f),
            "= note: source: corpus/wire.jsonl:7 “Kyiv presses Nato”"
        );
        // Nowhere to open: the report's name and the line in the article.
        f.source.as_mut().unwrap().place = Place::Nowhere;
        assert_eq!(
            note(&f),
            "= note: source: wire.jsonl#7:2 “Kyiv presses Nato”"
        );
        // A transcript's cue: who said it and when, then the cue's line in the file.
        let source = f.source.as_mut().unwrap();
        source.path = "harbour.vtt".into();
        source.speaker = Some("Marta Kowalczyk".into());
        source.place = Place::Cue {
            path: "interviews/harbour.vtt".into(),
            line: 8,
            start: Some(crate::sources::Timestamp(192_000)),
            end: None,
        };
        assert_eq!(
            note(&f),
            "= note: source: Marta Kowalczyk, 00:03:12, interviews/harbour.vtt:8"
        );
    }

    #[test]
    fn multi_paragraph_quote_conflict_and_a_dropped_word() {
        let text = "Stephen Doughty said:\n\n“They are not thinking\n\n“about a force,” he said.";
        let quote = &text[text.find('“').unwrap()..text.find(',').unwrap() + ",”".len()];
        let mut f = finding(text, quote, Some("Stephen Doughty"));
        f.attribution = AttributionVerdict::Conflicts;
        f.wording = Wording::Altered;
        let at = text.find("about").unwrap();
        f.changes = vec![Change::words("", "creating", at..at)];
        f.source.as_mut().unwrap().speaker = Some("Sergey Lavrov".into());
        let files = [FileReport {
            path: "d.md".into(),
            text: text.into(),
            findings: vec![f],
        }];
        let out = render_human(&files, &Severities::default(), &HumanOptions::default());
        assert!(out.contains("warning[conflicts]: the source gives these words to Sergey Lavrov, not Stephen Doughty; altered quotation: \"creating\" dropped"), "{out}");
        assert!(out.contains("d.md:3:1"), "{out}");
        assert!(
            out.contains("--------------- given to Stephen Doughty"),
            "{out}"
        );
        assert!(out.contains("dropped: \"creating\""), "{out}");
    }

    #[test]
    fn the_last_line_says_plainly_what_to_look_at() {
        let text =
            "“One two three four five,” Ann Lee said. “Six seven eight nine ten,” Bo Ek said.";
        let mut a = finding(text, "“One two three four five,”", Some("Ann Lee"));
        a.wording = Wording::NotFound;
        let mut b = finding(text, "“Six seven eight nine ten,”", Some("Bo Ek"));
        b.attribution = AttributionVerdict::Conflicts;
        let files = [FileReport {
            path: "d.md".into(),
            text: text.into(),
            findings: vec![a, b],
        }];
        let last = |severities: &Severities| {
            let out = render_human(&files, severities, &HumanOptions::default());
            out.lines().last().unwrap_or_default().to_string()
        };
        let loud = Severities {
            not_found: Severity::Error,
            ..Severities::default()
        };
        assert_eq!(last(&loud), "2 quotes to look at (1 error, 1 warning).");
        assert_eq!(
            last(&Severities::default()),
            "2 quotes to look at (2 warnings)."
        );
        let quiet = Severities {
            not_found: Severity::Information,
            conflicts: Severity::Hint,
            ..Severities::default()
        };
        assert_eq!(last(&quiet), "No quotes to look at.");
    }

    #[test]
    fn a_changed_negation_is_an_error_with_its_class_marked() {
        let text = "“We will be small,” said Jane Doe.";
        let mut f = finding(text, "“We will be small,”", Some("Jane Doe"));
        f.wording = Wording::Altered;
        let at = text.find(" be").unwrap();
        f.changes = vec![Change {
            class: ChangeClass::Negation,
            ..Change::words("", "not", at..at)
        }];
        let files = [FileReport {
            path: "d.md".into(),
            text: text.into(),
            findings: vec![f],
        }];
        let out = render_human(&files, &Severities::default(), &HumanOptions::default());
        assert!(
            out.starts_with(
                "error[meaning-changed]: \"not\" dropped: the source says the opposite"
            ),
            "{out}"
        );
        assert!(out.contains("negation: dropped: \"not\""), "{out}");
    }

    #[test]
    fn a_guessed_speaker_is_shown_as_a_guess() {
        let text = "# Nato\n\nAndrii Sybiha spoke. Kyiv has “scaled up six times” since.\n";
        let mut f = finding(text, "“scaled up six times”", Some("Andrii Sybiha"));
        f.wording = Wording::Altered;
        let files = |f: Finding| {
            [FileReport {
                path: "d.md".into(),
                text: text.into(),
                findings: vec![f],
            }]
        };
        let out = render_human(
            &files(f.clone()),
            &Severities::default(),
            &HumanOptions::default(),
        );
        assert!(!out.contains("named near the words"), "{out}");
        if let Some(s) = f.quote.speaker.as_mut() {
            s.cue = crate::draft::GUESSED.into();
        }
        let out = render_human(&files(f), &Severities::default(), &HumanOptions::default());
        assert!(
            out.contains("given to Andrii Sybiha? (named near the words, no cue)"),
            "{out}"
        );
    }

    #[test]
    fn offsets_out_of_range_do_not_panic() {
        let text = "“Ünïcödé words in here,” said Zoë.";
        let mut f = finding(text, "“Ünïcödé words in here,”", Some("Zoë"));
        f.quote.start = 2; // inside “
        f.quote.end = 999;
        f.wording = Wording::Altered;
        f.changes = vec![Change::words("x", "y", 5..2000)];
        if let Some(s) = f.quote.speaker.as_mut() {
            s.mention = 40..3000;
        }
        let files = [FileReport {
            path: "d.txt".into(),
            text: text.into(),
            findings: vec![f],
        }];
        let severities = Severities {
            altered: Severity::Hint,
            ..Severities::default()
        };
        let out = render_human(&files, &severities, &HumanOptions { color: true });
        assert!(out.contains("hint"), "{out}");
        let _ = crate::report::render_json(&files, &severities);
        let _ = crate::report::render_sarif(&files, &severities, None);
    }
}
