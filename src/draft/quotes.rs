//! Finding quotation spans: the marks, how to tell an apostrophe from a single quote, the
//! British multi-paragraph convention, block quotes, and the speech/fragment kind.

use std::ops::Range;

use super::markup::Masked;
use super::{ExtractOptions, Quote, QuoteKind};
use crate::text::words;

/// Which marks pair with which: straight and curly doubles (and „ ‟) are one family, singles
/// another, guillemets a third. Inside a quotation only its own family can close it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

fn family(c: char) -> Option<Family> {
    match c {
        '"' | '“' | '”' | '„' | '‟' => Some(Family::Double),
        '\'' | '‘' | '’' | '‚' => Some(Family::Single),
        '«' | '»' | '‹' | '›' => Some(Family::Guillemet),
        _ => None,
    }
}

/// What a mark's place says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Could be either (a straight mark between two words or two spaces).
    Either,
    /// An apostrophe, or a mark that cannot be a quotation mark here.
    None,
}

fn is_open_context(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c) || family(c).is_some())
}

fn is_close_context(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-/…".contains(c) || family(c).is_some())
}

/// Words that begin with an apostrophe in English: 'n', 'em, 'tis, '90s.
fn elided_word(after: &str) -> bool {
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let lower = word.to_lowercase();
    if matches!(
        lower.as_str(),
        "n" | "em" | "tis" | "twas" | "cause" | "til" | "bout" | "s"
    ) {
        return true;
    }
    // '90s, '05
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits == 2 && (word.len() == 2 || word[2..].eq_ignore_ascii_case("s"))
}

fn role(text: &str, i: usize, c: char) -> Role {
    let prev = text[..i].chars().next_back();
    let after = &text[i + c.len_utf8()..];
    let next = after.chars().next();
    let open_ctx = is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace());
    let close_ctx = is_close_context(next) && prev.is_some_and(|p| !p.is_whitespace());
    match c {
        // (An opening mark right after a word or its punctuation and before a space closes:
        // typed wrong, `“It's unusual,“ said Noble`, or German style, `„Ja“, sagte er`.)
        '“' if close_ctx && !open_ctx => Role::Close,
        '“' | '„' | '«' | '‹' | '‚' => Role::Open,
        '”' | '»' | '›' => Role::Close,
        '‘' => {
            if elided_word(after) {
                Role::None
            } else if close_ctx && !open_ctx {
                Role::Close
            } else {
                Role::Open
            }
        }
        '’' | '\'' => {
            let letters =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if letters {
                Role::None
            } else if open_ctx && !close_ctx {
                if elided_word(after) {
                    Role::None
                } else {
                    Role::Open
                }
            } else if close_ctx && !open_ctx {
                Role::Close
            } else {
                Role::None
            }
        }
        _ => match (open_ctx, close_ctx) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        },
    }
}

/// A quotation being read.
struct Open {
    start: usize,
    family: Family,
    piece_start: usize,
    pieces: Vec<Range<usize>>,
    /// Opened with a curly mark (`“`), so a pair inside can be a title within it.
    curly: bool,
    /// Inside such a pair: whether its marks are straight.
    nested: Option<bool>,
}

/// A quotation mark in the text: one character, or two (`''` and ``` `` ``` as a double
/// mark, as older newspaper copy and LaTeX write them).
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    role: Role,
    /// A straight (typewriter) mark.
    straight: bool,
}

/// How many closing curly double marks stand between `from` and `to`.
fn closes_after(text: &str, from: usize, to: usize) -> usize {
    text[from..to].matches('”').count()
}

/// The quotation marks of a range, in order.
fn marks(text: &str, range: Range<usize>) -> Vec<Mark> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut iter = s.char_indices().peekable();
    while let Some((rel, c)) = iter.next() {
        let at = range.start + rel;
        if c == '`' && s[rel + 1..].starts_with('`') {
            iter.next();
            out.push(Mark {
                at,
                len: 2,
                family: Family::Double,
                role: Role::Open,
                straight: true,
            });
            continue;
        }
        if c == '\'' && s[rel + 1..].starts_with('\'') {
            // A run of apostrophes: two are a double mark; of three, the single one is inside
            // the double (closing a single then the double, or opening the double first).
            let run = s[rel..].chars().take_while(|&x| x == '\'').count();
            for _ in 1..run {
                iter.next();
            }
            let before = text[..at].chars().next_back();
            let after = text[at + run..].chars().next();
            let open_ctx = is_open_context(before) && after.is_some_and(|n| !n.is_whitespace());
            let close_ctx = is_close_context(after) && before.is_some_and(|p| !p.is_whitespace());
            let role = match (open_ctx, close_ctx) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                _ => Role::Either,
            };
            let mark = |at, len, family| Mark {
                at,
                len,
                family,
                role,
                straight: true,
            };
            match run {
                2 => out.push(mark(at, 2, Family::Double)),
                3 if role == Role::Open => {
                    out.push(mark(at, 2, Family::Double));
                    out.push(mark(at + 2, 1, Family::Single));
                }
                3 => {
                    out.push(mark(at, 1, Family::Single));
                    out.push(mark(at + 1, 2, Family::Double));
                }
                _ => {
                    for k in (0..run - 1).step_by(2) {
                        out.push(mark(at + k, 2, Family::Double));
                    }
                }
            }
            continue;
        }
        let Some(family) = family(c) else { continue };
        out.push(Mark {
            at,
            len: c.len_utf8(),
            family,
            role: role(text, at, c),
            straight: matches!(c, '"' | '\''),
        });
    }
    out
}

/// A paragraph (or line, in a plain text with one paragraph a line) of the masked text.
fn paragraphs(text: &str, lines_are_paragraphs: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        let end = at + line.trim_end_matches(['\n', '\r']).len();
        if blank {
            if let Some(s) = start.take() {
                out.push(s..at.saturating_sub(1).max(s));
            }
        } else if lines_are_paragraphs {
            out.push(at..end);
        } else if start.is_none() {
            start = Some(at);
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.trim_end().len().max(s));
    }
    out
}

/// Plain text written one paragraph a line with no blank lines between (as many exports are).
pub(crate) fn one_paragraph_a_line(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines.len() > 2 && lines.iter().all(|l| !l.trim().is_empty())
}

fn ends_sentence(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with(['.', '?', '!', '…', ':']) || t.ends_with(".\"") || t.ends_with(".”")
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

/// Finds the quotation spans of a masked text (speakers not yet set).
pub fn find_quotes(
    original: &str,
    masked: &Masked,
    options: &ExtractOptions,
    plain: bool,
) -> Vec<Quote> {
    let text = masked.text.as_str();
    let mut spans: Vec<(usize, usize, Vec<Range<usize>>, bool)> = Vec::new();

    // Block quotes whose text has no marks of its own are quotations as a whole.
    let mut block_done: Vec<Range<usize>> = Vec::new();
    for b in &masked.block_quotes {
        let inner = &text[b.clone()];
        if inner
            .chars()
            .any(|c| matches!(family(c), Some(Family::Double | Family::Guillemet)))
        {
            continue;
        }
        let mut pieces = Vec::new();
        let mut at = b.start;
        for line in inner.split_inclusive('\n') {
            let r = trimmed(text, at..at + line.len());
            if !r.is_empty() {
                pieces.push(r);
            }
            at += line.len();
        }
        if let (Some(first), Some(last)) = (pieces.first(), pieces.last()) {
            spans.push((first.start, last.end, pieces.clone(), true));
            block_done.push(b.clone());
        }
    }

    let paras = paragraphs(text, plain && one_paragraph_a_line(text));
    let mut open: Option<Open> = None;
    let mut pi = 0;
    while pi < paras.len() {
        let para = paras[pi].clone();
        pi += 1;
        if block_done
            .iter()
            .any(|b| b.start <= para.start && para.end <= b.end)
        {
            continue;
        }
        if let Some(o) = &mut open {
            // A continuation paragraph: its opening mark starts a new piece.
            o.piece_start = para.start;
        }
        for mark in marks(text, para.clone()) {
            let (i, fam, r) = (mark.at, mark.family, mark.role);
            if r == Role::None {
                continue;
            }
            let after = mark.at + mark.len;
            // A title inside a quotation: `“I read "The Long Road" again,” she said`, or with
            // curly marks on both levels when two closing marks follow (`“I read “The Long
            // Road” again,” she said`). Its pair does not end the quotation.
            if let Some(o) = &mut open
                && o.family == fam
                && fam == Family::Double
            {
                if let Some(straight) = o.nested {
                    if straight == mark.straight && r != Role::Open {
                        o.nested = None;
                        continue;
                    }
                } else if r == Role::Open
                    && o.curly
                    && (mark.straight || closes_after(text, after, para.end) >= 2)
                {
                    o.nested = Some(mark.straight);
                    continue;
                }
            }
            match &mut open {
                None => {
                    if r == Role::Close {
                        continue;
                    }
                    if fam == Family::Single && !has_single_close(text, after, para.end) {
                        continue;
                    }
                    open = Some(Open {
                        start: i,
                        family: fam,
                        piece_start: after,
                        pieces: Vec::new(),
                        curly: !mark.straight,
                        nested: None,
                    });
                }
                Some(o) if o.family != fam => {}
                Some(o) => {
                    if r == Role::Close || r == Role::Either {
                        if fam == Family::Single && possessive(text, i, para.end) {
                            continue;
                        }
                        o.pieces.push(trimmed(text, o.piece_start..i));
                        let o = open.take().expect("open quote");
                        spans.push((o.start, after, o.pieces, false));
                    } else if ends_sentence(&text[para.start..i])
                        || text[para.start..i].trim().is_empty()
                    {
                        // Paragraphs run together: `… end. "Next` keeps the quote going.
                        o.pieces.push(trimmed(text, o.piece_start..i));
                        o.piece_start = after;
                    } else {
                        // An opening mark in mid-sentence: the earlier mark never closed.
                        // Drop it rather than let it swallow the text.
                        open = Some(Open {
                            start: i,
                            family: fam,
                            piece_start: after,
                            pieces: Vec::new(),
                            curly: !mark.straight,
                            nested: None,
                        });
                    }
                }
            }
        }
        // End of paragraph with a quotation open: the next paragraph continues it only if
        // it opens with a mark of the same family.
        if let Some(o) = &mut open {
            let next_opens = paras.get(pi).and_then(|n| {
                let first = text[n.clone()]
                    .char_indices()
                    .find(|(_, c)| !c.is_whitespace())?;
                let mark = marks(text, n.start + first.0..n.end).into_iter().next()?;
                (mark.at == n.start + first.0
                    && mark.family == o.family
                    && matches!(mark.role, Role::Open | Role::Either))
                .then_some(mark.at + mark.len)
            });
            o.pieces.push(trimmed(text, o.piece_start..para.end));
            match next_opens {
                // The next paragraph's scan meets that mark first and starts a new piece.
                Some(_) => {}
                None => {
                    let o = open.take().expect("open quote");
                    let end = o.pieces.last().map_or(para.end, |p| p.end);
                    spans.push((o.start, end, o.pieces, false));
                }
            }
        }
    }
    if let Some(o) = open {
        let end = o.pieces.last().map_or(o.piece_start, |p| p.end);
        spans.push((o.start, end, o.pieces, false));
    }

    spans.sort_by_key(|s| s.0);
    spans
        .into_iter()
        .filter_map(|(start, end, pieces, block)| {
            let pieces: Vec<Range<usize>> = pieces.into_iter().filter(|p| !p.is_empty()).collect();
            let text_joined = join_pieces(text, &pieces);
            if words(&text_joined).is_empty() {
                return None;
            }
            let kind = kind_of(text, start, &text_joined, options);
            Some(Quote {
                start,
                end,
                pieces,
                text: text_joined,
                kind,
                block,
                speaker: None,
                ignored: ignored(original, start),
            })
        })
        .collect()
}

/// Is there a closing single mark later in the paragraph? A lone `'` is an apostrophe.
fn has_single_close(text: &str, from: usize, to: usize) -> bool {
    text[from..to]
        .char_indices()
        .any(|(i, c)| matches!(c, '\'' | '’') && role(text, from + i, c) == Role::Close)
}

/// `players' boots`: a plural possessive, when another closing mark follows in the paragraph.
fn possessive(text: &str, i: usize, para_end: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let mark_len = text[i..].chars().next().map_or(1, char::len_utf8);
    let after = &text[i + mark_len..];
    let mut rest = after.chars();
    prev == Some('s')
        && rest.next() == Some(' ')
        && rest.next().is_some_and(char::is_lowercase)
        && has_single_close(text, i + mark_len, para_end)
}

fn join_pieces(text: &str, pieces: &[Range<usize>]) -> String {
    let mut out = String::new();
    for p in pieces {
        for w in text[p.clone()].split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by", "with", "from", "de",
    "la", "le",
];

const COINING_CUES: &[&str] = &[
    "so-called",
    "called",
    "dubbed",
    "named",
    "titled",
    "entitled",
    "nicknamed",
    "term",
    "word",
    "phrase",
    "slogan",
    "motto",
    "as",
];

fn kind_of(text: &str, start: usize, inner: &str, options: &ExtractOptions) -> QuoteKind {
    // Words as a reader counts them: `right-wing` is one.
    let count = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if count < options.min_speech_words || named_thing(text, start, inner) {
        QuoteKind::Fragment
    } else {
        QuoteKind::Speech
    }
}

/// A title (every word capitalised but the small ones, no sentence punctuation) or a coined
/// term (`so-called "…"`, `known as "…"`): quoted words that are no one's speech.
fn named_thing(text: &str, start: usize, inner: &str) -> bool {
    let ws: Vec<&str> = inner.split_whitespace().collect();
    let n = words(inner).len();
    let title_case = ws.len() <= 8
        && !inner.trim_end().ends_with(['.', ',', '!', '?', ';', ':'])
        && ws.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_none_or(|c| c.is_uppercase() || c.is_numeric())
                || SMALL_WORDS.contains(
                    &w.to_lowercase()
                        .trim_matches(|c: char| !c.is_alphanumeric()),
                )
        });
    if title_case {
        return true;
    }
    let before = text[..start].trim_end();
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    if n <= 6 && COINING_CUES.contains(&last.as_str()) {
        return last != "as" || before.to_lowercase().ends_with("known as");
    }
    false
}

/// A fragment only for being short: not a title nor a coined term, so a whole utterance
/// when the text gives it to someone (`"Any," she said`).
pub(crate) fn short_only(text: &str, quote: &Quote) -> bool {
    quote.kind == QuoteKind::Fragment
        && !quote.block
        && !named_thing(text, quote.start, &quote.text)
}

/// The writer's marker `verbatim-ignore` on the quotation's line before it, or on the line above.
fn ignored(original: &str, start: usize) -> bool {
    let line_start = original[..start].rfind('\n').map_or(0, |i| i + 1);
    if original[line_start..start].contains("verbatim-ignore") {
        return true;
    }
    if line_start == 0 {
        return false;
    }
    let prev_start = original[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    original[prev_start..line_start].contains("verbatim-ignore")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Format;
    use crate::draft::markup::mask;

    // The quotation forms themselves are fixture cases: tests/fixtures/quotes-*/ and form-*/.

    #[test]
    fn markdown_block_quote_is_one_quotation() {
        let md = "Blair said:\n\n> There is no question of a veto.\n> We secured the right.\n\n— Tony Blair\n";
        let m = mask(md, Format::Markdown);
        let q = find_quotes(md, &m, &ExtractOptions::default(), false);
        assert_eq!(q.len(), 1);
        assert!(q[0].block);
        assert_eq!(
            q[0].text,
            "There is no question of a veto. We secured the right."
        );
        assert_eq!(
            &md[q[0].pieces[0].clone()],
            "There is no question of a veto."
        );
    }
}
