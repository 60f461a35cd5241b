//! Reading one corpus file into articles: the title and text rules of each format (.txt,
//! .md, .html, .jsonl, and transcripts: .vtt, .srt, and .txt/.md shaped as speaker-labelled
//! turns, read by `transcript`). Pure functions over bytes; no file system access here.

use std::path::Path;

use serde::Deserialize;

use super::transcript::{self, Spoken, Transcript};
use crate::text::one_spaced;

/// The formats a corpus file can be in, chosen by extension. A .txt or .md file whose
/// lines are speaker-labelled turns is read as a transcript (`transcript::looks_labelled`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Text,
    Markdown,
    Html,
    JsonLines,
    /// WebVTT captions (.vtt).
    WebVtt,
    /// SubRip captions (.srt).
    SubRip,
}

/// One article as a format reads it, before it gets an id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// Who published it (`outlet` in .jsonl, `og:site_name` in HTML, front matter).
    pub outlet: Option<String>,
    pub text: String,
    /// For .jsonl: the 1-based line, and the byte range of that line in the file, so the
    /// article can be read again without parsing the whole file.
    pub line: u32,
    pub offset: u64,
    pub len: u64,
    /// For a transcript: its speakers' turns and its cues (times and lines).
    pub spoken: Option<Spoken>,
}

/// What reading a file gave: its articles and what was wrong with it (one message a
/// problem; the caller adds the path).
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<Parsed>,
    pub problems: Vec<String>,
}

/// The fields of a .jsonl line; `text` is the only one required.
#[derive(Deserialize)]
struct JsonArticle {
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
}

impl FileFormat {
    /// By extension; `None` for files the corpus ignores.
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(FileFormat::Text),
            "md" | "markdown" => Some(FileFormat::Markdown),
            "html" | "htm" => Some(FileFormat::Html),
            "jsonl" => Some(FileFormat::JsonLines),
            "vtt" => Some(FileFormat::WebVtt),
            "srt" => Some(FileFormat::SubRip),
            _ => None,
        }
    }

    pub fn code(self) -> u8 {
        match self {
            FileFormat::Text => 0,
            FileFormat::Markdown => 1,
            FileFormat::Html => 2,
            FileFormat::JsonLines => 3,
            FileFormat::WebVtt => 4,
            FileFormat::SubRip => 5,
        }
    }

    pub fn from_code(code: u8) -> Option<FileFormat> {
        match code {
            0 => Some(FileFormat::Text),
            1 => Some(FileFormat::Markdown),
            2 => Some(FileFormat::Html),
            3 => Some(FileFormat::JsonLines),
            4 => Some(FileFormat::WebVtt),
            5 => Some(FileFormat::SubRip),
            _ => None,
        }
    }

    /// How the quotation extractor should read an article of this format.
    pub fn draft_format(self) -> crate::draft::Format {
        match self {
            FileFormat::Markdown => crate::draft::Format::Markdown,
            _ => crate::draft::Format::Plain,
        }
    }
}

/// Reads the articles out of a whole file's bytes. `name` is the file name, the title of
/// last resort.
pub fn parse_file(bytes: Vec<u8>, format: FileFormat, name: &str) -> FileRead {
    let mut read = FileRead::default();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        read.problems.push("empty file, skipped".to_string());
        return read;
    }
    if crate::text::looks_binary(&bytes) {
        read.problems
            .push("binary file (NUL bytes), skipped".to_string());
        return read;
    }
    if format == FileFormat::JsonLines {
        return parse_jsonl(&bytes);
    }
    let text = decode(bytes, &mut read.problems);
    let (parsed, problems) = read_document(text, format, name);
    read.problems.extend(problems);
    read.articles.extend(parsed);
    read
}

/// One .jsonl line (its bytes, without the newline) as an article; `Err` says what is wrong.
pub fn parse_jsonl_line(bytes: &[u8]) -> Result<Parsed, String> {
    // The strict check is the fast one (the lossy decoder walks the bytes in chunks).
    let line = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let json: JsonArticle = serde_json::from_str(&line).map_err(|e| e.to_string())?;
    if json.text.trim().is_empty() {
        return Err("empty `text`".to_string());
    }
    let title = json
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| first_line(&json.text).to_string());
    Ok(Parsed {
        title: title.trim().to_string(),
        url: json.url,
        date: json.date,
        author: json.author,
        outlet: json.outlet,
        text: json.text,
        ..Parsed::default()
    })
}

/// A non-.jsonl file's text as one article (none for a transcript with no speech in it),
/// and what was wrong with it.
pub fn read_document(
    text: String,
    format: FileFormat,
    name: &str,
) -> (Option<Parsed>, Vec<String>) {
    let transcript = match format {
        FileFormat::WebVtt => transcript::parse_vtt(&text),
        FileFormat::SubRip => transcript::parse_srt(&text),
        FileFormat::Text | FileFormat::Markdown if transcript::looks_labelled(&text) => {
            transcript::parse_labelled(&text)
        }
        _ => return (Some(parse_document(text, format, name)), Vec::new()),
    };
    // A Markdown transcript's front matter or heading names it, as an article's does.
    // (Its first line is no title: it is a speaker's turn.)
    let titled = text.trim_start_matches('\u{feff}').starts_with("---")
        || text.trim_start_matches('\u{feff}').starts_with("+++")
        || text.lines().any(|l| l.trim_start().starts_with("# "));
    let title = transcript.title.or_else(|| {
        (format == FileFormat::Markdown && titled)
            .then(|| markdown_title(&text))
            .filter(|t| !t.is_empty())
    });
    let Transcript {
        text,
        spoken,
        problems,
        ..
    } = transcript;
    if spoken.cues.is_empty() {
        return (None, problems);
    }
    let parsed = Parsed {
        title: title.unwrap_or_else(|| name.to_string()),
        text,
        spoken: Some(spoken),
        ..Parsed::default()
    };
    (Some(parsed), problems)
}

/// A non-.jsonl file's text as one article, read as an article whatever its shape.
pub fn parse_document(text: String, format: FileFormat, name: &str) -> Parsed {
    let (title, text, meta) = match format {
        FileFormat::Html => {
            let body = html_text(&text);
            let title = html_title(&text).unwrap_or_else(|| first_line(&body).to_string());
            (title, body, super::meta::html_meta(&text))
        }
        FileFormat::Markdown => {
            let meta = super::meta::front_matter(&text);
            (markdown_title(&text), text, meta)
        }
        FileFormat::Text | FileFormat::JsonLines | FileFormat::WebVtt | FileFormat::SubRip => (
            first_line(&text).to_string(),
            text,
            super::meta::Meta::default(),
        ),
    };
    let title = if title.is_empty() {
        name.to_string()
    } else {
        title
    };
    Parsed {
        title,
        text,
        url: meta.url,
        date: meta.date,
        author: meta.author,
        outlet: meta.outlet,
        ..Parsed::default()
    }
}

/// UTF-8 text (without a copy), or the lossy decoding of it with a problem noted.
fn decode(bytes: Vec<u8>, problems: &mut Vec<String>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| {
        problems.push(format!(
            "invalid UTF-8 at byte {}, decoded with replacement characters",
            e.utf8_error().valid_up_to()
        ));
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    })
}

fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// Every line of a .jsonl file that holds an article; broken lines are told by number and
/// the others kept.
fn parse_jsonl(bytes: &[u8]) -> FileRead {
    use rayon::prelude::*;

    let mut lines = Vec::new();
    let mut start = 0usize;
    for (n, chunk) in bytes.split(|&b| b == b'\n').enumerate() {
        let end = start + chunk.len();
        let mut line = chunk.strip_suffix(b"\r").unwrap_or(chunk);
        let mut at = start;
        // A byte-order mark (editors on Windows add one) is not part of the first object.
        if n == 0 {
            if let Some(rest) = line.strip_prefix(b"\xef\xbb\xbf") {
                line = rest;
                at += 3;
            }
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            lines.push((n as u32 + 1, at, line));
        }
        start = end + 1;
    }
    // A big .jsonl file is one task for the caller: share its lines among the cores.
    let results: Vec<_> = lines
        .par_iter()
        .map(|&(line, offset, bytes)| {
            let mut p =
                parse_jsonl_line(bytes).map_err(|e| format!("line {line}: {e}, line skipped"))?;
            p.line = line;
            p.offset = offset as u64;
            p.len = bytes.len() as u64;
            let warn = std::str::from_utf8(bytes).is_err().then(|| {
                format!("line {line}: invalid UTF-8, decoded with replacement characters")
            });
            Ok::<_, String>((p, warn))
        })
        .collect();
    let mut read = FileRead::default();
    for r in results {
        match r {
            Ok((p, warn)) => {
                read.articles.push(p);
                read.problems.extend(warn);
            }
            Err(e) => read.problems.push(e),
        }
    }
    if read.problems.len() > MAX_LINE_PROBLEMS {
        let more = read.problems.len() - MAX_LINE_PROBLEMS;
        read.problems.truncate(MAX_LINE_PROBLEMS);
        read.problems
            .push(format!("and {more} more lines with problems"));
    }
    if read.articles.is_empty() && read.problems.is_empty() {
        read.problems.push("no articles in file".to_string());
    }
    read
}

/// Line problems told one by one for a .jsonl file; past this, a count (a file of a
/// million bad lines is one problem, not a million).
const MAX_LINE_PROBLEMS: usize = 20;

/// The title of a Markdown file: `title` in YAML (`---`) or TOML (`+++`) front matter,
/// else the first `#` heading, else the first line.
fn markdown_title(text: &str) -> String {
    for line in super::meta::front_matter_lines(text) {
        let value = line
            .strip_prefix("title:")
            .or_else(|| line.strip_prefix("title ="))
            .or_else(|| line.strip_prefix("title="));
        if let Some(v) = value {
            let v = super::meta::unquote(v.trim());
            if !v.is_empty() {
                return v.to_string();
            }
        }
    }
    for line in text.lines() {
        if let Some(h) = line.trim_start().strip_prefix("# ") {
            return h.trim().trim_end_matches('#').trim().to_string();
        }
    }
    first_line(text).to_string()
}

/// The `<title>` of an HTML page, else its first `<h1>`.
fn html_title(html: &str) -> Option<String> {
    ["title", "h1"].iter().find_map(|tag| {
        let inner = element_inner(html, tag)?;
        let text = one_spaced(&decode_entities(&strip_tags(inner)));
        (!text.is_empty()).then_some(text)
    })
}

/// The inner HTML of the first `<tag ...>...</tag>`, tag names matched case-insensitively.
fn element_inner<'a>(html: &'a str, tag: &str) -> Option<&'a str> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = lower[from..].find(&open) {
        let at = from + i + open.len();
        // `<title` must not match `<titles`; the next byte ends the name.
        if lower[at..].starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            let body = at + lower[at..].find('>')? + 1;
            let end = body + lower[body..].find(&format!("</{tag}"))?;
            return Some(&html[body..end]);
        }
        from = at;
    }
    None
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "title", "svg",
];
/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "table",
    "tr",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "dd",
    "dt",
];

/// The text of an HTML page's body: tags removed, scripts and styles dropped, entities
/// decoded, one paragraph a line with a blank line between (as the .txt corpus has it).
pub fn html_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush_text = |current: &mut String, raw: &str| {
        current.push_str(&decode_entities(raw));
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        flush_text(&mut current, &html[text_start..i]);
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            text_start = i;
            continue;
        }
        let starts_tag = bytes
            .get(i + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!');
        let Some(close) = starts_tag.then(|| tag_end(&html[i..])).flatten() else {
            // A `<` that opens no tag ("a < b", or never closed) is text.
            text_start = i;
            i += 1;
            continue;
        };
        let tag = &html[i + 1..i + close];
        let end_tag = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i += close + 1;
        text_start = i;
        if !end_tag && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching end tag; its content is not text.
            i = find_ascii_ci(&html[i..], &format!("</{name}"))
                .and_then(|e| html[i + e..].find('>').map(|g| i + e + g + 1))
                .unwrap_or(bytes.len());
            text_start = i;
        } else if name == "br" {
            current.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            push_paragraph(&mut paragraphs, &mut current);
        }
    }
    flush_text(&mut current, &html[text_start.min(bytes.len())..]);
    push_paragraph(&mut paragraphs, &mut current);
    paragraphs.join("\n\n")
}

/// The offset of the `>` that closes the tag `html` starts with, skipping quoted attribute
/// values (`<a title="x > y">`).
fn tag_end(html: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Where `needle` (ASCII, lower case) first occurs in `haystack`, ignoring ASCII case;
/// without lower-casing the rest of the page once per script tag.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

fn push_paragraph(paragraphs: &mut Vec<String>, current: &mut String) {
    let lines: Vec<String> = current
        .split('\n')
        .map(one_spaced)
        .filter(|l| !l.is_empty())
        .collect();
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
    current.clear();
}

/// Decodes HTML character references: the named ones news pages use and all numeric ones.
/// Unknown names are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| entity(&rest[1..1 + semi]).map(|c| (c, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "pound" => '£',
        "euro" => '€',
        "dollar" => '$',
        "cent" => '¢',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "szlig" => 'ß',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(bytes: &str, format: FileFormat) -> Parsed {
        let read = parse_file(bytes.as_bytes().to_vec(), format, "name.x");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.articles.len(), 1);
        read.articles.into_iter().next().unwrap()
    }

    #[test]
    fn txt_title_is_first_line_text_is_whole_file() {
        let a = one(
            "Ministers back plan\n\nThe plan was backed.\n",
            FileFormat::Text,
        );
        assert_eq!(a.title, "Ministers back plan");
        assert_eq!(a.text, "Ministers back plan\n\nThe plan was backed.\n");
    }

    #[test]
    fn transcripts_are_read_by_extension_and_shape() {
        let vtt = "WEBVTT - Harbour call\n\n00:01.000 --> 00:02.000\n<v Ann Lee>We will.\n";
        let a = one(vtt, FileFormat::WebVtt);
        assert_eq!(a.title, "Harbour call");
        assert_eq!(a.text, "Ann Lee: We will.\n");
        assert_eq!(a.spoken.unwrap().labels[0].speaker, "Ann Lee");
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nAnn Lee: We will.\n";
        assert_eq!(one(srt, FileFormat::SubRip).title, "name.x");
        let turns = "Ann Lee: We will.\nTom Reed: When?\nAnn Lee: Soon.\n";
        let md = format!("---\ntitle: The call\n---\n{turns}");
        let a = one(&md, FileFormat::Markdown);
        assert_eq!(a.title, "The call");
        assert!(a.spoken.is_some());
        assert_eq!(one(turns, FileFormat::Markdown).title, "name.x");
        assert_eq!(one(turns, FileFormat::Text).title, "name.x");
        // An article is read as one whatever lines it holds.
        let article = one("Rates held\n\nNote: provisional.\n", FileFormat::Text);
        assert!(article.spoken.is_none());
        assert_eq!(
            FileFormat::from_path(Path::new("a/Call.VTT")),
            Some(FileFormat::WebVtt)
        );
        assert_eq!(
            FileFormat::from_path(Path::new("b.srt")),
            Some(FileFormat::SubRip)
        );
        // No speech at all: no article, and a problem that says so.
        let read = parse_file(
            b"WEBVTT\n\nNOTE nothing\n".to_vec(),
            FileFormat::WebVtt,
            "n.vtt",
        );
        assert!(read.articles.is_empty());
        assert!(
            read.problems.iter().any(|p| p.contains("no speech")),
            "{:?}",
            read.problems
        );
    }

    #[test]
    fn markdown_titles() {
        let yaml = "---\nauthor: x\ntitle: \"Rates held\"\n---\n# Other\n\nBody.";
        assert_eq!(one(yaml, FileFormat::Markdown).title, "Rates held");
        let toml = "+++\ntitle = 'Toml title'\n+++\nBody.";
        assert_eq!(one(toml, FileFormat::Markdown).title, "Toml title");
        let heading = "Intro line\n\n# The heading #\n\nBody.";
        let a = one(heading, FileFormat::Markdown);
        assert_eq!(a.title, "The heading");
        assert_eq!(a.text, heading);
    }

    #[test]
    fn html_title_body_entities_and_blocks() {
        let html = "<html><head><title>Fish &amp; chips</title><style>p{x:1}</style>\
                    <script>var a = '<p>';</SCRIPT></head><body><h1>Head</h1>\
                    <p>He said &#8220;no&#8221; &amp; left&rsquo;s &quot;x&quot;.</p>\
                    <!-- <p>hidden</p> --><div>Line<br>two &unknown; &#x41;</div>\
                    <ul><li>one</li><li>two</li></ul><p><a title=\"a > b\">x</a> < y</p></body></html>";
        let a = one(html, FileFormat::Html);
        assert_eq!(a.title, "Fish & chips");
        assert_eq!(
            a.text,
            "Head\n\nHe said “no” & left’s \"x\".\n\nLine\ntwo &unknown; A\n\none\n\ntwo\n\nx < y"
        );
        let no_title = one("<h1 class=x>Only <b>h1</b></h1><p>t</p>", FileFormat::Html);
        assert_eq!(no_title.title, "Only h1");
    }

    #[test]
    fn jsonl_fields_and_broken_lines() {
        let file = "{\"text\":\"First text.\",\"title\":\"One\",\"url\":\"http://a\",\"date\":\"2024-01-02\",\"author\":\"Ann\"}\n\
                    {broken\n\
                    \n\
                    {\"title\":\"no text\"}\n\
                    {\"text\":\"Second.\\nMore.\"}\n";
        let read = parse_file(file.as_bytes().to_vec(), FileFormat::JsonLines, "f.jsonl");
        assert_eq!(read.articles.len(), 2);
        let a = &read.articles[0];
        assert_eq!((a.title.as_str(), a.line), ("One", 1));
        assert_eq!(a.url.as_deref(), Some("http://a"));
        assert_eq!(a.date.as_deref(), Some("2024-01-02"));
        assert_eq!(a.author.as_deref(), Some("Ann"));
        let b = &read.articles[1];
        assert_eq!((b.title.as_str(), b.line), ("Second.", 5));
        let line = &file.as_bytes()[b.offset as usize..(b.offset + b.len) as usize];
        assert_eq!(parse_jsonl_line(line).unwrap().text, "Second.\nMore.");
        assert_eq!(read.problems.len(), 2, "{:?}", read.problems);
        assert!(read.problems[0].starts_with("line 2:"));
        assert!(read.problems[1].starts_with("line 4:"));
    }

    #[test]
    fn jsonl_many_broken_lines_are_counted() {
        let file = "{\"text\":\"ok\"}\n".to_string() + &"oops\n".repeat(50);
        let read = parse_file(file.into_bytes(), FileFormat::JsonLines, "m.jsonl");
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.problems.len(), MAX_LINE_PROBLEMS + 1);
        assert_eq!(
            read.problems.last().unwrap(),
            "and 30 more lines with problems"
        );
    }

    #[test]
    fn jsonl_byte_order_mark_and_crlf() {
        let file = b"\xef\xbb\xbf{\"text\":\"One.\"}\r\n{\"text\":\"Two.\"}\r\n";
        let read = parse_file(file.to_vec(), FileFormat::JsonLines, "b.jsonl");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        for a in &read.articles {
            let line = &file[a.offset as usize..(a.offset + a.len) as usize];
            assert_eq!(parse_jsonl_line(line).unwrap().text, a.text);
        }
    }

    #[test]
    fn bad_bytes() {
        let empty = parse_file(b"  \n".to_vec(), FileFormat::Text, "e.txt");
        assert!(empty.articles.is_empty());
        assert!(empty.problems[0].contains("empty"));
        let binary = parse_file(b"abc\0def".to_vec(), FileFormat::Text, "b.txt");
        assert!(binary.articles.is_empty());
        assert!(binary.problems[0].contains("binary"));
        let latin1 = parse_file(b"Caf\xe9 news\n\nText.".to_vec(), FileFormat::Text, "l.txt");
        assert_eq!(latin1.articles.len(), 1);
        assert_eq!(latin1.articles[0].title, "Caf\u{fffd} news");
        assert!(latin1.problems[0].contains("UTF-8"));
    }
}
