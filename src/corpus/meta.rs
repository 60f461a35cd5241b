//! An article's metadata as its file states it: HTML `<meta>` tags (`article:published_time`,
//! `og:url`, `author`, `og:site_name`, ...) and Markdown front matter (`date:`, `author:`, ...).
//! Where a quotation first appeared is read from these dates.

/// What a document says about itself; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
}

/// The `<meta>` tags (and `<link rel=canonical>`) of an HTML page, first of each kind wins.
pub fn html_meta(html: &str) -> Meta {
    let mut meta = Meta::default();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find('<') {
        let at = from + i;
        let Some(len) = lower[at..].find('>') else {
            break;
        };
        let tag = &html[at..at + len];
        from = at + len;
        let name = lower[at + 1..at + len]
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if name == "body" {
            break;
        }
        let key = attribute(tag, "property").or_else(|| attribute(tag, "name"));
        let slot = match (name, key.as_deref().map(str::to_ascii_lowercase).as_deref()) {
            ("meta", Some("article:published_time" | "datepublished" | "date" | "dc.date")) => {
                &mut meta.date
            }
            ("meta", Some("og:url")) => &mut meta.url,
            ("meta", Some("author" | "article:author" | "dc.creator")) => &mut meta.author,
            ("meta", Some("og:site_name" | "publisher")) => &mut meta.outlet,
            ("link", _)
                if attribute(tag, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if meta.url.is_none() {
                    meta.url = attribute(tag, "href");
                }
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = attribute(tag, "content");
        }
    }
    meta
}

/// The value of `name="…"` (or `'…'`, or unquoted) in a tag's text, entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest.len() + 1;
        let value = tag[value_at..].trim_start();
        let raw = match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?,
            _ => value.split(|c: char| c.is_whitespace()).next()?,
        };
        let v = super::formats::decode_entities(raw).trim().to_string();
        return (!v.is_empty()).then_some(v);
    }
    None
}

/// The lines (trimmed) of YAML (`---`) or TOML (`+++`) front matter at the top of a
/// Markdown file, up to its closing delimiter; none when the file has no front matter.
pub fn front_matter_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut lines = text.lines();
    let first = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}')
        .trim();
    let open = first == "---" || first == "+++";
    lines
        .take_while(move |_| open)
        .map(str::trim)
        .take_while(move |line| *line != first)
}

/// The fields of YAML (`---`) or TOML (`+++`) front matter at the top of a Markdown file.
pub fn front_matter(text: &str) -> Meta {
    let mut meta = Meta::default();
    for line in front_matter_lines(text) {
        // `key: value` (YAML) or `key = value` (TOML), split at whichever comes first: a TOML
        // value may hold a colon (`date = "2004-11-03T10:00:00Z"`).
        let Some((key, value)) = line.find([':', '=']).map(|i| (&line[..i], &line[i + 1..])) else {
            continue;
        };
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "date" | "published" | "published_at" | "pubdate" => &mut meta.date,
            "url" | "link" | "canonical" => &mut meta.url,
            "author" | "byline" => &mut meta.author,
            "outlet" | "publisher" | "source" | "site" => &mut meta.outlet,
            _ => continue,
        };
        let v = unquote(value.trim());
        if slot.is_none() && !v.is_empty() {
            *slot = Some(v.to_string());
        }
    }
    meta
}

/// A front-matter value without its quotes.
pub fn unquote(v: &str) -> &str {
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_meta_tags() {
        let html = r#"<html><head><title>T</title>
            <meta property="article:published_time" content="2005-03-01T10:00:00+01:00">
            <meta name="author" content="Jane &amp; John">
            <meta property='og:site_name' content='BBC News'/>
            <link rel="canonical" href="https://news.example/a">
            </head><body><meta name="author" content="not this"></body></html>"#;
        let m = html_meta(html);
        assert_eq!(m.date.as_deref(), Some("2005-03-01T10:00:00+01:00"));
        assert_eq!(m.author.as_deref(), Some("Jane & John"));
        assert_eq!(m.outlet.as_deref(), Some("BBC News"));
        assert_eq!(m.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(html_meta("<p>no head</p>"), Meta::default());
    }

    #[test]
    fn markdown_front_matter() {
        let m = front_matter(
            "---\ntitle: X\ndate: 2004-11-02\nauthor: \"A B\"\noutlet: Wire\nurl: https://w/1\n---\n# X\n",
        );
        assert_eq!(m.date.as_deref(), Some("2004-11-02"));
        assert_eq!(m.author.as_deref(), Some("A B"));
        assert_eq!(m.outlet.as_deref(), Some("Wire"));
        assert_eq!(m.url.as_deref(), Some("https://w/1"));
        let toml = front_matter("+++\ndate = '2004-11-03'\n+++\n");
        assert_eq!(toml.date.as_deref(), Some("2004-11-03"));
        let toml =
            front_matter("+++\ndate = \"2004-11-03T10:00:00Z\"\nurl = \"https://w/2\"\n+++\n");
        assert_eq!(toml.date.as_deref(), Some("2004-11-03T10:00:00Z"));
        assert_eq!(toml.url.as_deref(), Some("https://w/2"));
        assert_eq!(
            front_matter("# No front matter\ndate: 1999-01-01\n"),
            Meta::default()
        );
    }
}
