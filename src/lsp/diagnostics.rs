//! Findings as the editor sees them: diagnostics, hovers, code actions, symbols, inlay hints
//! and the summary lens. Pure functions of a finding and the draft's text.

use std::collections::HashMap;
use std::fmt::Write as _;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentSymbol, InlayHint, InlayHintKind, InlayHintLabel, Location, NumberOrString, Position,
    Range, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

use super::position::{self, Encoding};
use crate::check::verdict::{Summary, Verdict, describe_change, diagnosis, source_speaker};
use crate::check::{AttributionVerdict, Change, ChangeClass, Finding, Source, Wording, fix};
use crate::config::{Severities, Severity};
use crate::draft::{Format, Quote};
use crate::sources::Place;
use crate::text::{count, short_title};

/// What the server calls itself in diagnostics.
pub const SOURCE: &str = "verbatim";

/// The marker the engine honours to skip a quotation.
pub const IGNORE_MARKER: &str = "<!-- verbatim-ignore -->";

fn lsp_severity(s: Severity) -> Option<DiagnosticSeverity> {
    match s {
        Severity::Off => None,
        Severity::Hint => Some(DiagnosticSeverity::HINT),
        Severity::Information => Some(DiagnosticSeverity::INFORMATION),
        Severity::Warning => Some(DiagnosticSeverity::WARNING),
        Severity::Error => Some(DiagnosticSeverity::ERROR),
    }
}

/// The passage in its file: with `exact` and offsets into the file, its range (the file is
/// read); else its line (for .jsonl the article's line, for .html the top of the file).
pub fn source_location(source: &Source, enc: Encoding, exact: bool) -> Option<Location> {
    let file = source.place.file()?;
    let uri = Uri::from_file_path(std::path::absolute(file).ok()?)?;
    let range = match &source.place {
        Place::File {
            path,
            line,
            bytes: Some(bytes),
        } if exact => match std::fs::read_to_string(path) {
            Ok(text) if bytes.end <= text.len() && text.is_char_boundary(bytes.start) => {
                position::range(&Rope::from_str(&text), bytes.clone(), enc)
            }
            _ => line_range(line.saturating_sub(1)),
        },
        place => line_range(place.line().unwrap_or(1).saturating_sub(1)),
    };
    Some(Location { uri, range })
}

fn line_range(line: usize) -> Range {
    let p = Position::new(u32::try_from(line).unwrap_or(u32::MAX), 0);
    Range::new(p, p)
}

/// The diagnostic for a finding, if its verdict is told at all.
pub fn diagnostic(
    finding: &Finding,
    severities: &Severities,
    rope: &Rope,
    enc: Encoding,
) -> Option<Diagnostic> {
    let d = diagnosis(finding, severities)?;
    let related = finding.source.as_ref().and_then(|source| {
        let location = source_location(source, enc, false)?;
        Some(vec![DiagnosticRelatedInformation {
            location,
            message: format!("source: {} ({})", short_title(&source.title), source.path),
        }])
    });
    Some(Diagnostic {
        range: position::range(rope, finding.quote.range(), enc),
        severity: lsp_severity(d.severity),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        source: Some(SOURCE.to_string()),
        message: d.message,
        related_information: related,
        ..Diagnostic::default()
    })
}

/// The one diagnostic a draft over the size limit gets.
pub fn too_large(len: usize, limit: usize) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String("too-large".to_string())),
        source: Some(SOURCE.to_string()),
        message: format!(
            "This draft is {len} bytes, over the limit of {limit} (setting maxDraftBytes): its quotations are not checked"
        ),
        ..Diagnostic::default()
    }
}

/// Markdown for a hover on a quotation. `article` is the source article's text, when the
/// corpus can give it, to show the passage in its context.
pub fn hover(finding: &Finding, draft: &str, article: Option<&str>) -> String {
    let mut out = format!("**{}**", Verdict::of(finding).title());
    if matches!(finding.wording, Wording::Exact | Wording::Altered) {
        let _ = write!(out, " ({:.0}% of the words)", finding.similarity * 100.0);
    }
    out.push_str("\n\n");
    if finding.wording == Wording::Unknown {
        for u in &finding.unchecked {
            let _ = write!(
                out,
                "Not checked: {} did not answer ({}).\n\n",
                escape(&u.name),
                escape(&u.reason)
            );
        }
    }
    let draft_speaker = finding
        .quote
        .speaker
        .as_ref()
        .map_or("no one", |s| s.name.as_str());
    let _ = write!(out, "Speaker in the draft: {}", escape(draft_speaker));
    if finding.quote.speaker.as_ref().is_some_and(|s| s.guessed()) {
        out.push_str(" (a guess: named near the words, but no cue gives them to anyone)");
    }
    if let Some(source) = &finding.source {
        let _ = write!(
            out,
            "  \nSpeaker in the source: {}",
            escape(source_speaker(finding).unwrap_or("not given"))
        );
        match crate::check::verdict::said(source) {
            // A transcript: who said it, when, and the file (`Marta Kowalczyk, 00:03:12,
            // harbour.vtt`).
            Some(said) => {
                let _ = write!(out, "\n\nSource: **{}** — `{}`", escape(&said), source.path);
            }
            None => {
                let _ = write!(
                    out,
                    "\n\nSource: **{}** — `{}`",
                    escape(&short_title(&source.title)),
                    source.path
                );
            }
        }
        if let Some(url) = &source.url {
            let _ = write!(out, "  \n{url}");
        }
        if let Some(date) = &source.date {
            let _ = write!(out, "  \n{}", escape(date));
        }
        let passage = match article.and_then(|a| in_context(a, source.start..source.end)) {
            Some((before, words, after)) => format!(
                "…{}**{}**{}…",
                escape(before),
                marked(words, source.start, &finding.changes),
                escape(after)
            ),
            None => format!(
                "**{}**",
                marked(&source.text, source.start, &finding.changes)
            ),
        };
        let _ = write!(out, "\n\n> {}", passage.replace('\n', " "));
        if !finding.changes.is_empty() {
            let _ = write!(out, "\n\nChanges: {}", diff(finding, draft));
            for c in &finding.changes {
                let _ = write!(
                    out,
                    "\n- *{}*: {}",
                    c.class.as_str(),
                    escape(&describe_change(c))
                );
            }
        }
    }
    if let Some(line) = crate::check::verdict::provenance(finding) {
        let mut chars = line.chars();
        let line: String = chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect());
        let _ = write!(out, "\n\n{}.", escape(&line));
    } else if finding.other_sources > 0 {
        let others = count(finding.other_sources, "other source");
        let _ = write!(out, "\n\nAlso in {others}.");
    }
    out
}

/// The passage and up to a few words either side, cut at word boundaries.
fn in_context(text: &str, passage: std::ops::Range<usize>) -> Option<(&str, &str, &str)> {
    const SIDE: usize = 80;
    let words = text.get(passage.clone())?;
    let before = text.get(..passage.start)?;
    let after = text.get(passage.end..)?;
    let mut from = before.len().saturating_sub(SIDE);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let before = &before[from..];
    let before = match before.find(char::is_whitespace) {
        Some(i) if from > 0 => &before[i..],
        _ => before,
    };
    let mut to = SIDE.min(after.len());
    while !after.is_char_boundary(to) {
        to -= 1;
    }
    let after = match after[..to].rfind(char::is_whitespace) {
        Some(i) if to < after.len() => &after[..i],
        _ => &after[..to],
    };
    Some((before, words, after))
}

/// The source passage (at byte `offset` of its article) with the source's side of each
/// change marked: changed or dropped words in italics (bold italics inside the bold
/// passage), words a stitch leaves out struck through.
fn marked(passage: &str, offset: usize, changes: &[Change]) -> String {
    let mut spans: Vec<(std::ops::Range<usize>, &str)> = changes
        .iter()
        .filter(|c| c.class != ChangeClass::Order && !c.source_range.is_empty())
        .filter_map(|c| {
            let r = c.source_range.start.checked_sub(offset)?
                ..c.source_range.end.checked_sub(offset)?;
            passage.get(r.clone())?;
            Some((
                r,
                if c.class == ChangeClass::Stitch {
                    "~~"
                } else {
                    "*"
                },
            ))
        })
        .collect();
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = 0;
    for (r, mark) in spans {
        if r.start < at {
            continue;
        }
        out.push_str(&escape(&passage[at..r.start]));
        let _ = write!(out, "{mark}{}{mark}", escape(&passage[r.clone()]));
        at = r.end;
    }
    out.push_str(&escape(&passage[at..]));
    out
}

/// The draft's words with each change shown: `~~draft~~ **source**`; `**…**` where words
/// were joined without an ellipsis.
fn diff(finding: &Finding, draft: &str) -> String {
    let inner = finding.quote.inner();
    let mut changes: Vec<_> = finding
        .changes
        .iter()
        .filter(|c| c.draft_range.start >= inner.start && c.draft_range.end <= inner.end)
        .collect();
    changes.sort_by_key(|c| c.draft_range.start);
    let mut out = String::new();
    let mut at = inner.start;
    for c in changes {
        if c.draft_range.start < at {
            continue;
        }
        out.push_str(&escape(draft.get(at..c.draft_range.start).unwrap_or("")));
        if c.class == ChangeClass::Stitch {
            out.push_str("**…** ");
            at = c.draft_range.start;
            continue;
        }
        if c.class == ChangeClass::Order {
            at = c.draft_range.start;
            continue;
        }
        if !c.draft.is_empty() {
            let _ = write!(out, "~~{}~~", escape(&c.draft));
        }
        if !c.source.is_empty() {
            if !c.draft.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "**{}**", escape(&c.source));
        }
        at = c.draft_range.end;
    }
    out.push_str(&escape(draft.get(at..inner.end).unwrap_or("")));
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Quick fixes for a finding: the source's wording, the source's speaker, ignore.
pub fn code_actions(
    finding: &Finding,
    uri: &Uri,
    rope: &Rope,
    draft: &str,
    format: Format,
    enc: Encoding,
    diagnostic: Option<&Diagnostic>,
) -> Vec<CodeAction> {
    let quote = &finding.quote;
    let mut actions = Vec::new();
    let action = |title: String, edits: Vec<TextEdit>, preferred: bool| CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    };
    if let Some(edits) = fix::source_wording(finding, draft) {
        actions.push(action(
            "Use the source's wording".to_string(),
            edits
                .into_iter()
                .map(|e| TextEdit::new(position::range(rope, e.range, enc), e.text))
                .collect(),
            true,
        ));
    }
    if finding.attribution == AttributionVerdict::Conflicts
        && let Some(name) = finding.source.as_ref().and_then(|s| s.speaker.as_deref())
        && let Some(speaker) = &quote.speaker
        && !speaker.mention.is_empty()
    {
        actions.push(action(
            format!("Attribute to {name}"),
            vec![TextEdit::new(
                position::range(rope, speaker.mention.clone(), enc),
                name.to_string(),
            )],
            finding.wording == Wording::Exact,
        ));
    }
    if !quote.ignored {
        let marker = match format {
            Format::Markdown => IGNORE_MARKER,
            Format::Plain => "verbatim-ignore ",
        };
        actions.push(action(
            "Ignore this quote".to_string(),
            vec![TextEdit::new(
                position::range(rope, quote.start..quote.start, enc),
                marker.to_string(),
            )],
            false,
        ));
    }
    actions
}

/// `“first words…” — Speaker`: a quotation as an outline entry.
pub fn symbol(
    quote: &Quote,
    finding: Option<&Finding>,
    rope: &Rope,
    enc: Encoding,
) -> DocumentSymbol {
    let words: Vec<&str> = quote.text.split_whitespace().collect();
    let mut name = format!(
        "“{}",
        words.iter().take(6).copied().collect::<Vec<_>>().join(" ")
    );
    if words.len() > 6 {
        name.push('…');
    }
    name.push('”');
    if let Some(s) = &quote.speaker {
        let _ = write!(name, " — {}", s.name);
    }
    let range = position::range(rope, quote.range(), enc);
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail: finding.map(|f| Verdict::of(f).title()),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// After a verified quote: the source's title.
pub fn inlay_hint(finding: &Finding, rope: &Rope, enc: Encoding) -> Option<InlayHint> {
    let source = finding.source.as_ref()?;
    let verified = finding.wording == Wording::Exact
        && finding.attribution != AttributionVerdict::Conflicts
        && source.quoted
        && !finding.quote.ignored;
    verified.then(|| InlayHint {
        position: position::position(rope, finding.quote.end, enc),
        // A transcript's passage by who said it and when (`✓ Marta Kowalczyk, 00:03:12`).
        label: InlayHintLabel::String(match crate::check::verdict::said_when(source) {
            Some(when) if !when.is_empty() => format!("✓ {when}"),
            _ => format!("✓ {}", short_title(&source.title)),
        }),
        kind: None::<InlayHintKind>,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    })
}

/// The summary lens: the same line `verbatim check` ends with (`check::verdict::Summary`).
pub fn summary(findings: &[Finding]) -> String {
    Summary::of(findings).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Change;
    use crate::draft::QuoteKind;
    use crate::draft::Speaker;

    const DRAFT: &str = "Ще — 😀 “We will always give up,” said Jane Doe.\n";

    fn finding(wording: Wording, attribution: AttributionVerdict) -> Finding {
        let start = DRAFT.find('“').unwrap();
        let end = DRAFT.find('”').unwrap() + '”'.len_utf8();
        let inner = start + '“'.len_utf8()..DRAFT.find('”').unwrap();
        let jane = DRAFT.find("Jane").unwrap();
        let always = DRAFT.find("always").unwrap();
        Finding {
            quote: Quote {
                start,
                end,
                pieces: vec![inner.clone()],
                text: DRAFT[inner].to_string(),
                kind: QuoteKind::Speech,
                block: false,
                speaker: Some(Speaker {
                    certain: true,
                    name: "Jane Doe".into(),
                    named: true,
                    cue: "said".into(),
                    mention: jane..jane + "Jane Doe".len(),
                    confidence: 1.0,
                }),
                ignored: false,
            },
            wording,
            attribution,
            similarity: 0.8,
            changes: vec![Change::words("always", "never", always..always + 6)],
            source: Some(Source {
                start: 7,
                end: 28,
                line: 3,
                text: "We will never give up".into(),
                ..Source::example("a.txt", "Title", Some("John Roe"))
            }),
            other_sources: 2,
            others: Vec::new(),
            too_short: false,
            unchecked: Vec::new(),
        }
    }

    fn apply(text: &str, rope: &Rope, edit: &TextEdit, enc: Encoding) -> String {
        let a = position::offset(rope, edit.range.start, enc).unwrap();
        let b = position::offset(rope, edit.range.end, enc).unwrap();
        format!("{}{}{}", &text[..a], edit.new_text, &text[b..])
    }

    #[test]
    fn diagnostic_ranges_count_utf16_units() {
        let f = finding(Wording::Altered, AttributionVerdict::Matches);
        let rope = Rope::from_str(DRAFT);
        let d = diagnostic(&f, &Severities::default(), &rope, Encoding::Utf16).unwrap();
        // Щ е space — space 😀(2) space = 8 units before the opening mark.
        assert_eq!(d.range.start, Position::new(0, 8));
        assert_eq!(d.range.end, Position::new(0, 8 + 25));
        assert_eq!(d.code, Some(NumberOrString::String("altered".into())));
        assert!(
            d.message.contains("\"always\" → \"never\""),
            "{}",
            d.message
        );
        let d8 = diagnostic(&f, &Severities::default(), &rope, Encoding::Utf8).unwrap();
        assert_eq!(d8.range.start.character as usize, f.quote.start);
    }

    #[test]
    fn actions_fix_wording_speaker_and_ignore() {
        let f = finding(Wording::Altered, AttributionVerdict::Conflicts);
        let rope = Rope::from_str(DRAFT);
        let uri: Uri = "file:///d/draft.md".parse().unwrap();
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let actions = code_actions(&f, &uri, &rope, DRAFT, Format::Markdown, enc, None);
            let results: Vec<String> = actions
                .iter()
                .map(|a| {
                    let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
                    apply(DRAFT, &rope, &edits[0], enc)
                })
                .collect();
            assert_eq!(
                results,
                [
                    "Ще — 😀 “We will never give up,” said Jane Doe.\n",
                    "Ще — 😀 “We will always give up,” said John Roe.\n",
                    "Ще — 😀 <!-- verbatim-ignore -->“We will always give up,” said Jane Doe.\n",
                ]
            );
        }
    }

    #[test]
    fn hover_shows_diff_and_sources() {
        let mut f = finding(Wording::Altered, AttributionVerdict::Matches);
        let h = hover(&f, DRAFT, None);
        assert!(h.contains("We will ~~always~~ **never** give up,"), "{h}");
        assert!(h.contains("Speaker in the source: John Roe"), "{h}");
        assert!(h.contains("Also in 2 other sources."), "{h}");
        assert!(!h.contains("a guess"), "{h}");
        let article = "Title\n\nOn Monday she said: We will never give up, and more — ça va.";
        let start = article.find("We").unwrap();
        f.source.as_mut().unwrap().start = start;
        f.source.as_mut().unwrap().end = start + "We will never give up".len();
        let h = hover(&f, DRAFT, Some(article));
        assert!(
            h.contains(
                "> …Title  On Monday she said: **We will never give up**, and more — ça va.…"
            ),
            "{h}"
        );
        assert_eq!(
            summary(&[
                f.clone(),
                finding(Wording::Exact, AttributionVerdict::Matches)
            ]),
            "2 quotes: 1 verified, 1 altered, 0 not found, 0 conflicts"
        );
        let rope = Rope::from_str(DRAFT);
        assert_eq!(
            symbol(&f.quote, Some(&f), &rope, Encoding::Utf16).name,
            "“We will always give up,” — Jane Doe"
        );
    }

    #[test]
    fn hover_says_when_the_draft_speaker_is_a_guess() {
        let mut f = finding(Wording::Exact, AttributionVerdict::Unknown);
        if let Some(s) = f.quote.speaker.as_mut() {
            s.cue = crate::draft::GUESSED.into();
        }
        let h = hover(&f, DRAFT, None);
        assert!(
            h.contains("Speaker in the draft: Jane Doe (a guess: named near the words"),
            "{h}"
        );
    }

    #[test]
    fn hover_says_where_the_words_first_appeared() {
        let mut f = finding(Wording::Exact, AttributionVerdict::Matches);
        let dated = |path: &str, outlet: &str, date: Option<&str>| Source {
            outlet: Some(outlet.into()),
            date: date.map(str::to_string),
            url: Some(format!("https://{outlet}.example/{path}")),
            ..Source::example(path, path, None)
        };
        f.source = Some(dated("later", "weekly", Some("2005-03-09")));
        f.others = vec![
            dated("first", "gazette", Some("2005-03-01T09:00:00+01:00")),
            dated("wire", "wire", Some("2005-03-02")),
            dated("undated", "blog", None),
        ];
        f.other_sources = 3;
        let h = hover(&f, DRAFT, None);
        assert!(
            h.contains(
                "First appeared in gazette, 2005-03-01T09:00:00+01:00: “first” (https://gazette.example/first); 2 later articles repeat them; 1 undated article carries them too."
            ),
            "{h}"
        );
        let carriers = crate::check::verdict::carriers(&f);
        let order: Vec<(&str, bool)> = carriers
            .iter()
            .map(|c| (c.path.as_str(), c.first))
            .collect();
        assert_eq!(
            order,
            [
                ("first", true),
                ("wire", false),
                ("later", false),
                ("undated", false)
            ]
        );
    }

    #[test]
    fn sources_open_where_their_place_says() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "Title\n\nOne — two words here.\n").unwrap();
        let start = "Title\n\nOne — ".len();
        let mut source = Source {
            place: Place::File {
                path: file.clone(),
                line: 3,
                bytes: Some(start..start + "two words".len()),
            },
            ..Source::example("a.txt", "Title", None)
        };
        let at = |l: &Location| {
            (
                l.range.start.line,
                l.range.start.character,
                l.range.end.character,
            )
        };
        let exact = source_location(&source, Encoding::Utf16, true).unwrap();
        assert_eq!(exact.uri, Uri::from_file_path(&file).unwrap());
        assert_eq!(at(&exact), (2, 6, 15));
        let line = source_location(&source, Encoding::Utf16, false).unwrap();
        assert_eq!(at(&line), (2, 0, 0));
        // One article a line: its line, whatever the offsets in its text.
        source.place = Place::Line {
            path: dir.path().join("w.jsonl"),
            line: 7,
        };
        assert_eq!(
            at(&source_location(&source, Encoding::Utf16, true).unwrap()),
            (6, 0, 0)
        );
        // A transcript: the line of the passage's first cue.
        source.place = Place::Cue {
            path: dir.path().join("harbour.vtt"),
            line: 8,
            start: Some(crate::sources::Timestamp(192_000)),
            end: None,
        };
        assert_eq!(
            at(&source_location(&source, Encoding::Utf16, true).unwrap()),
            (7, 0, 0)
        );
        source.speaker = Some("Marta Kowalczyk".into());
        source.path = "interviews/harbour.vtt".into();
        let f = Finding {
            source: Some(source.clone()),
            ..finding(Wording::Exact, AttributionVerdict::Matches)
        };
        let shown = hover(&f, "", None);
        assert!(
            shown.contains(
                "Source: **Marta Kowalczyk, 00:03:12, harbour.vtt** — `interviews/harbour.vtt`"
            ),
            "{shown}"
        );
        source.place = Place::Nowhere;
        assert_eq!(source_location(&source, Encoding::Utf16, true), None);
    }
}
