//! Which byte ranges of a text are prose: for Markdown, what pulldown-cmark reports as text
//! in headings, paragraphs, lists, block quotes and tables; for plain text, all of it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Format;

/// A run of prose and what kind of block it sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    pub range: Range<usize>,
    /// Nesting depth of Markdown block quotes (`> …`) around it; 0 outside any.
    pub block_quote: u8,
    /// Part of a heading (or a plain-text title line).
    pub heading: bool,
}

/// The text with every non-prose byte blanked (newlines kept), so that byte offsets stay
/// those of the original while quote and speaker finding see only prose.
#[derive(Debug, Clone)]
pub struct Masked {
    pub text: String,
    pub prose: Vec<Prose>,
    /// The Markdown block quotes at depth 1, as byte ranges of the original text.
    pub block_quotes: Vec<Range<usize>>,
}

/// The prose ranges of a text, in order and not overlapping.
pub fn prose_ranges(text: &str, format: Format) -> Vec<Prose> {
    mask(text, format).prose
}

/// Prose ranges and the masked text.
pub fn mask(text: &str, format: Format) -> Masked {
    let (prose, block_quotes) = match format {
        Format::Plain => (
            vec![Prose {
                range: 0..text.len(),
                block_quote: 0,
                heading: false,
            }],
            Vec::new(),
        ),
        Format::Markdown => markdown_prose(text),
    };
    let mut masked = String::with_capacity(text.len());
    let mut at = 0;
    for p in &prose {
        blank(&text[at..p.range.start], &mut masked);
        masked.push_str(&text[p.range.clone()]);
        at = p.range.end;
    }
    blank(&text[at..], &mut masked);
    Masked {
        text: masked,
        prose,
        block_quotes,
    }
}

/// Appends `s` with every character but newlines replaced by spaces of the same byte length.
fn blank(s: &str, out: &mut String) {
    for c in s.chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
}

fn markdown_prose(text: &str) -> (Vec<Prose>, Vec<Range<usize>>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut prose: Vec<Prose> = Vec::new();
    let mut block_quotes = Vec::new();
    let mut depth: u8 = 0;
    let mut heading = false;
    // Inside code blocks, metadata, images and HTML blocks, text is not prose.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                depth = depth.saturating_add(1);
                if depth == 1 {
                    block_quotes.push(range.clone());
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => heading = false,
            Event::Start(
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::HtmlBlock,
            ) => skip += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image | TagEnd::HtmlBlock,
            ) => skip = skip.saturating_sub(1),
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if skip == 0 => push(
                &mut prose,
                Prose {
                    range,
                    block_quote: depth,
                    heading,
                },
            ),
            _ => {}
        }
    }
    (prose, block_quotes)
}

/// Adds a range, merging it with the previous one when they touch and are of one kind.
fn push(prose: &mut Vec<Prose>, p: Prose) {
    if let Some(last) = prose.last_mut()
        && last.range.end == p.range.start
        && last.block_quote == p.block_quote
        && last.heading == p.heading
    {
        last.range.end = p.range.end;
        return;
    }
    prose.push(p);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::one_spaced;

    fn prose_text(md: &str) -> String {
        let m = mask(md, Format::Markdown);
        assert_eq!(m.text.len(), md.len());
        one_spaced(&m.text)
    }

    #[test]
    fn code_front_matter_html_and_link_targets_are_not_prose() {
        let md = "---\ntitle: \"A\"\n---\n# Head \"x\"\n\nSee [the \"site\"](http://a.b/?q=\"c\" \"T \\\"d\\\"\") and `\"code\"`.\n\n```\nq = \"no\"\n```\n\n    \"indented\"\n\n<div>\"html\"</div>\n\n![alt \"img\"](x.png)\n";
        assert_eq!(prose_text(md), "Head \"x\" See the \"site\" and .");
    }

    #[test]
    fn block_quotes_tables_and_lists_are_prose() {
        let md =
            "> \"One,\" he said.\n> Two\n\n| a | \"b\" |\n|---|---|\n| c | d |\n\n- \"item\"\n";
        let m = mask(md, Format::Markdown);
        assert_eq!(m.block_quotes.len(), 1);
        assert!(m.prose.iter().any(|p| p.block_quote == 1));
        assert_eq!(prose_text(md), "\"One,\" he said. Two a \"b\" c d \"item\"");
    }

    #[test]
    fn plain_text_is_all_prose() {
        let m = mask("```\n\"x\"\n```", Format::Plain);
        assert_eq!(m.text, "```\n\"x\"\n```");
    }
}
