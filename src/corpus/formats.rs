//! The input formats lede reads, detected per file: plain text with an
//! optional header, Markdown, JSON Lines, JSON exports of scrapers, and
//! syndication feeds (RSS, Atom, JSON Feed; parsed in [`super::feed_format`]).

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::article::{Article, ArticleMeta, Fingerprint, Warning};
use super::cleanup::{clean_body, clean_line};
use super::dates::parse_date;
use super::feed_format::{looks_like_feed, parse_feed_text};
use super::html::{html_to_text, looks_like_html};
use super::title::derive_title;

/// The most text one article keeps: the rest of a longer one is cut off,
/// with a warning, so no one record costs more than this (and what
/// cleaning it takes). Far beyond any real report (the hostile suite
/// opens a 100 MB one whole); small in unit tests, to test the cut.
const MAX_ARTICLE_BYTES: usize = if cfg!(test) { 64 << 10 } else { 128 << 20 };

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    JsonLines,
    Json,
    Feed,
}

/// What one file yielded: its articles and the problems met on the way.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// Picks the format from the extension, then from the content. A feed is
/// recognised first: a JSON Feed is also a `.json` file, and an RSS file is
/// often named `.xml`.
pub fn detect(path: &Path, text: &str) -> Format {
    if looks_like_feed(path, text) {
        return Format::Feed;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl" | "ndjson") => return Format::JsonLines,
        Some("json") => return Format::Json,
        Some("md" | "markdown") => return Format::Markdown,
        _ => {}
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        let first_line = trimmed.lines().next().unwrap_or("");
        if serde_json::from_str::<Map<String, Value>>(first_line).is_ok() {
            return Format::JsonLines;
        }
    }
    if trimmed.starts_with('[') && serde_json::from_str::<Value>(trimmed).is_ok() {
        return Format::Json;
    }
    if text.starts_with("---\n") || text.starts_with("---\r\n") || trimmed.starts_with("# ") {
        return Format::Markdown;
    }
    Format::Text
}

/// Parses one file's text. `stem` names the articles (`stem`, `stem#line`).
pub fn parse(path: &Path, stem: &str, text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = &*unix_newlines(text);
    match detect(path, text) {
        Format::Text => single(path, |notes| parse_text(path, stem, text, notes)),
        Format::Markdown => single(path, |notes| parse_markdown(path, stem, text, notes)),
        Format::JsonLines => parse_json_lines(path, stem, text),
        Format::Json => parse_json(path, stem, text),
        Format::Feed => parse_feed_file(path, stem, text),
    }
}

/// A feed file: one article per entry (`stem#n`, or `stem` for a feed of
/// one), its source the feed's title. An entry without a date is undated:
/// a file has no time it was fetched.
fn parse_feed_file(path: &Path, stem: &str, text: &str) -> Parsed {
    let feed = match parse_feed_text(text, None) {
        Ok(f) => f,
        Err(message) => {
            return Parsed {
                articles: vec![],
                warnings: vec![Warning::new(path, format!("{message}, skipped"))],
            };
        }
    };
    let mut parsed = Parsed {
        articles: Vec::with_capacity(feed.entries.len()),
        warnings: feed
            .notes
            .iter()
            .map(|n| Warning::new(path, n.as_str()))
            .collect(),
    };
    let single = feed.entries.len() == 1;
    for (n, e) in feed.entries.iter().enumerate() {
        let id = if single {
            stem.to_string()
        } else {
            format!("{stem}#{}", n + 1)
        };
        parsed
            .articles
            .push(e.to_article(id, path, feed.title.as_deref(), None));
    }
    if parsed.articles.is_empty() && parsed.warnings.is_empty() {
        parsed
            .warnings
            .push(Warning::new(path, "a feed without entries, skipped"));
    }
    parsed
}

/// `text` with every line ending one `\n`: Windows' `\r\n` and old Mac
/// files' lone `\r` too. (In JSON a raw CR can only be whitespace
/// between tokens.) Borrowed when there is no CR, the common case.
fn unix_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(cr) = rest.find('\r') {
        out.push_str(&rest[..cr]);
        out.push('\n');
        rest = &rest[cr + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A file that is one article: what `parse` makes of it, and the notes
/// it took on the way.
fn single(path: &Path, parse: impl FnOnce(&mut Vec<Warning>) -> Result<Article, String>) -> Parsed {
    let mut warnings = Vec::new();
    match parse(&mut warnings) {
        Ok(a) => Parsed {
            articles: vec![a],
            warnings,
        },
        Err(message) => {
            warnings.push(Warning::new(path, message));
            Parsed {
                articles: vec![],
                warnings,
            }
        }
    }
}

/// Fields a header or a record may give before the body.
#[derive(Default)]
struct Fields {
    title: Option<String>,
    date: Option<NaiveDate>,
    source: Option<String>,
    url: Option<String>,
}

/// The article: fields and body cleaned, the body cut at
/// [`MAX_ARTICLE_BYTES`] (said in `notes`).
fn build(
    path: &Path,
    id: String,
    fields: Fields,
    raw_body: &str,
    notes: &mut Vec<Warning>,
) -> Result<Article, String> {
    let kept = bounded(raw_body, MAX_ARTICLE_BYTES);
    if kept.len() < raw_body.len() {
        notes.push(Warning::new(
            path,
            format!(
                "{id}: text of {} bytes cut to its first {} (the most one article keeps)",
                raw_body.len(),
                kept.len()
            ),
        ));
    }
    let body = clean_body(kept);
    let title = fields
        .title
        .map(|t| clean_line(&t))
        .filter(|t| !t.is_empty());
    if body.is_empty() && title.is_none() {
        return Err("no text, skipped".into());
    }
    let explicit_title = title.is_some();
    let title = title.unwrap_or_else(|| derive_title(&body));
    let meta = ArticleMeta {
        id,
        path: path.to_path_buf(),
        date: fields.date,
        title,
        explicit_title,
        source: fields
            .source
            .map(|s| clean_line(&s))
            .filter(|s| !s.is_empty()),
        url: fields.url.map(|s| clean_line(&s)).filter(|s| !s.is_empty()),
        fingerprint: Fingerprint::of(&body),
    };
    Ok(Article { meta, body })
}

/// The first `max` bytes of `text` or less: cut after the last paragraph
/// that fits, or at a character boundary when paragraphs are too long.
fn bounded(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind("\n\n") {
        Some(p) if p >= end / 2 => &head[..p],
        _ => head,
    }
}

// ---- plain text ----

fn parse_text(
    path: &Path,
    stem: &str,
    text: &str,
    notes: &mut Vec<Warning>,
) -> Result<Article, String> {
    let (fields, body) = text_header(text);
    build(path, stem.to_string(), fields, body, notes)
}

/// Reads a text file's header: either the seeds' ` date 2020-01-06 Body...`
/// glued to the first paragraph, or `Key: value` lines before a blank line.
fn text_header(text: &str) -> (Fields, &str) {
    let mut fields = Fields::default();
    // ` date 2020-01-06 The forces of...`
    let trimmed = text.trim_start();
    if let Some(rest) = strip_prefix_ci(trimmed, "date")
        && rest.starts_with([' ', '\t'])
    {
        let rest = rest.trim_start_matches([' ', '\t']);
        let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if let Some(date) = parse_date(&rest[..token_end]) {
            fields.date = Some(date);
            return (fields, &rest[token_end..]);
        }
    }
    // `Title: ...` / `Date: ...` lines, up to the first blank line.
    let mut rest = text;
    let mut seen_any = false;
    loop {
        let (line, next) = match rest.find('\n') {
            Some(n) => (&rest[..n], &rest[n + 1..]),
            None => (rest, ""),
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if seen_any {
                return (fields, next);
            }
            if next.is_empty() {
                break;
            }
            rest = next;
            continue;
        }
        match header_line(line) {
            Some((key, value)) => {
                seen_any = true;
                apply_field(&mut fields, key, value);
                rest = next;
                if rest.is_empty() {
                    return (fields, rest);
                }
            }
            None if seen_any => return (fields, rest),
            None => break,
        }
    }
    (Fields::default(), text)
}

fn header_line(line: &str) -> Option<(&'static str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = match key.trim().to_ascii_lowercase().as_str() {
        "title" | "headline" => "title",
        "date" | "published" | "pubdate" => "date",
        "source" | "publisher" => "source",
        "url" | "link" => "url",
        "author" | "byline" => "author",
        _ => return None,
    };
    Some((key, value.trim()))
}

fn apply_field(fields: &mut Fields, key: &str, value: &str) {
    let value = value.trim().trim_matches('"').trim();
    match key {
        "title" => fields.title = Some(value.to_string()),
        "date" => fields.date = parse_date(value).or(fields.date),
        "source" => fields.source = Some(value.to_string()),
        "url" => fields.url = Some(value.to_string()),
        _ => {}
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

// ---- Markdown ----

fn parse_markdown(
    path: &Path,
    stem: &str,
    text: &str,
    notes: &mut Vec<Warning>,
) -> Result<Article, String> {
    let mut fields = Fields::default();
    let mut rest = text;
    if let Some(after) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        && let Some(end) = find_front_matter_end(after)
    {
        for line in after[..end].lines() {
            if let Some((key, value)) = header_line(line) {
                apply_field(&mut fields, key, value);
            }
        }
        rest = &after[end..];
        rest = rest.split_once('\n').map(|(_, r)| r).unwrap_or("");
    }
    let body_start = rest.trim_start_matches(['\n', '\r', ' ']);
    let mut body = body_start;
    if let Some(h1) = body_start.strip_prefix("# ") {
        let (line, after) = h1.split_once('\n').unwrap_or((h1, ""));
        if fields.title.is_none() {
            fields.title = Some(line.trim().trim_end_matches('#').trim().to_string());
        }
        body = after;
    }
    build(
        path,
        stem.to_string(),
        fields,
        &markdown_to_text(body),
        notes,
    )
}

/// Byte offset of the closing `---` line of front matter, if any.
fn find_front_matter_end(after: &str) -> Option<usize> {
    let mut offset = 0;
    for line in after.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Markdown to the plain text the reader shows: headings become their own
/// paragraphs, links their text, emphasis and code markers go. Words stay.
fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut in_fence = false;
    for line in md.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            out.push('\n');
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            let heading = t[hashes..].trim().trim_end_matches('#').trim();
            out.push_str("\n\n");
            out.push_str(&markdown_inline(heading));
            out.push_str("\n\n");
            continue;
        }
        if matches!(t.trim_end(), "---" | "***" | "___") {
            out.push_str("\n\n");
            continue;
        }
        let mut t = t;
        while let Some(q) = t.strip_prefix('>') {
            t = q.trim_start();
        }
        out.push_str(&markdown_inline(t));
        out.push('\n');
    }
    out
}

/// Inline Markdown: `[text](url)` and `![alt](src)` keep their text; `**`,
/// `__` and backticks go; single `*`/`_` go only where they open or close
/// emphasis, so `snake_case` and `2 * 3` survive.
fn markdown_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Links and images.
        if c == '[' || (c == '!' && chars.get(i + 1) == Some(&'[')) {
            let open = if c == '!' { i + 1 } else { i };
            if let Some((text_end, url_end)) = link_at(&chars, open) {
                out.extend(&chars[open + 1..text_end]);
                i = url_end + 1;
                continue;
            }
        }
        if c == '`' {
            i += 1;
            continue;
        }
        if (c == '*' || c == '_') && chars.get(i + 1) == Some(&c) {
            i += 2;
            continue;
        }
        if c == '*' || c == '_' {
            let prev = if i == 0 { None } else { Some(chars[i - 1]) };
            let next = chars.get(i + 1).copied();
            let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
            let opens = !word(prev) && word(next);
            let closes = word(prev) && !word(next);
            if opens || closes {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// At `chars[open] == '['`: the index of the closing `]` and of the `)` of a
/// `[text](url)` link, if there is one.
fn link_at(chars: &[char], open: usize) -> Option<(usize, usize)> {
    if chars.get(open) != Some(&'[') {
        return None;
    }
    let text_end = open + chars[open..].iter().position(|&c| c == ']')?;
    if chars.get(text_end + 1) != Some(&'(') {
        return None;
    }
    let url_end = text_end + 1 + chars[text_end + 1..].iter().position(|&c| c == ')')?;
    Some((text_end, url_end))
}

// ---- JSON Lines and JSON ----

fn parse_json_lines(path: &Path, stem: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(obj)) => match record(
                path,
                format!("{stem}#{line_no}"),
                &obj,
                &mut parsed.warnings,
            ) {
                Ok(a) => parsed.articles.push(a),
                Err(e) => parsed
                    .warnings
                    .push(Warning::new(path, format!("line {line_no}: {e}"))),
            },
            Ok(_) => parsed.warnings.push(Warning::new(
                path,
                format!("line {line_no}: not a JSON object, skipped"),
            )),
            Err(e) => parsed.warnings.push(Warning::new(
                path,
                format!("line {line_no}: invalid JSON ({e}), skipped"),
            )),
        }
    }
    if parsed.articles.is_empty() && parsed.warnings.is_empty() {
        parsed
            .warnings
            .push(Warning::new(path, "no records, skipped"));
    }
    parsed
}

/// The article of one line of a JSON Lines file (its line ending
/// removed), named `id`: what parsing the whole file gives for that line,
/// without the rest. Notes (a text cut short) are dropped: the whole
/// file's parse said them.
pub fn json_lines_record(path: &Path, id: String, line: &str) -> Result<Article, String> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(obj)) => record(path, id, &obj, &mut Vec::new()),
        Ok(_) => Err("not a JSON object".into()),
        Err(e) => Err(format!("invalid JSON ({e})")),
    }
}

fn parse_json(path: &Path, stem: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let value = match serde_json::from_str::<Value>(text) {
        Ok(v) => v,
        Err(e) => {
            parsed
                .warnings
                .push(Warning::new(path, format!("invalid JSON ({e}), skipped")));
            return parsed;
        }
    };
    let items: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(obj) => match ["articles", "items", "entries", "data"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(Value::as_array))
        {
            Some(items) => items.iter().collect(),
            None => vec![&value],
        },
        _ => vec![],
    };
    for (n, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            parsed.warnings.push(Warning::new(
                path,
                format!("item {}: not a JSON object, skipped", n + 1),
            ));
            continue;
        };
        let id = if items.len() == 1 {
            stem.to_string()
        } else {
            format!("{stem}#{}", n + 1)
        };
        match record(path, id, obj, &mut parsed.warnings) {
            Ok(a) => parsed.articles.push(a),
            Err(e) => parsed
                .warnings
                .push(Warning::new(path, format!("item {}: {e}", n + 1))),
        }
    }
    if parsed.articles.is_empty() && parsed.warnings.is_empty() {
        parsed
            .warnings
            .push(Warning::new(path, "no articles in the JSON, skipped"));
    }
    parsed
}

/// One scraped record: `title`, `date`/`published`, `body`/`text`/`content`,
/// `url`, `source` (a string, or an object with a `name`).
fn record(
    path: &Path,
    id: String,
    obj: &Map<String, Value>,
    notes: &mut Vec<Warning>,
) -> Result<Article, String> {
    let field = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| match obj.get(*n)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(x) => Some(x.to_string()),
            Value::Object(o) => o
                .get("name")
                .or_else(|| o.get("title"))
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        })
    };
    let body = field(&[
        "body",
        "text",
        "content",
        "article",
        "description",
        "summary",
    ])
    .unwrap_or_default();
    let body = if looks_like_html(&body) {
        html_to_text(&body)
    } else {
        body
    };
    let fields = Fields {
        title: field(&["title", "headline"]),
        date: field(&[
            "date",
            "published",
            "published_at",
            "publishedAt",
            "pubDate",
            "datetime",
            "time",
        ])
        .and_then(|d| parse_date(&d)),
        source: field(&["source", "site", "publisher", "feed"]),
        url: field(&["url", "link"]),
    };
    build(path, id, fields, &body, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn one(path: &str, text: &str) -> Article {
        let p = PathBuf::from(path);
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        let parsed = parse(&p, &stem, text);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(parsed.articles.len(), 1);
        parsed.articles.into_iter().next().unwrap()
    }

    #[test]
    fn seed_style_header_glued_to_the_first_paragraph() {
        let a = one(
            "x.txt",
            " date 2020-01-06 The forces of Libya said so.\n\nSecond paragraph.",
        );
        assert_eq!(a.date, "2020-01-06".parse().ok());
        assert_eq!(a.body, "The forces of Libya said so.\n\nSecond paragraph.");
        assert_eq!(a.title, "The forces of Libya said so.");
        assert!(!a.explicit_title);
    }

    #[test]
    fn header_lines_before_a_blank_line() {
        let a = one(
            "x.txt",
            "Title: Talks &amp; truce\nDate: Mon, 06 Jan 2020 10:00:00 +0000\nSource: Wire\nURL: https://example.com/a\n\nBody text here.",
        );
        assert_eq!(a.title, "Talks & truce");
        assert!(a.explicit_title);
        assert_eq!(a.date, "2020-01-06".parse().ok());
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.body, "Body text here.");
    }

    #[test]
    fn text_without_header_is_undated() {
        let a = one("x.txt", "Just a body. With two sentences.");
        assert_eq!(a.date, None);
        assert_eq!(a.title, "Just a body.");
        assert_eq!(a.body, "Just a body. With two sentences.");
    }

    #[test]
    fn a_colon_in_the_first_line_is_not_a_header() {
        let a = one("x.txt", "Warning: the city fell.\n\nMore.");
        assert_eq!(a.body, "Warning: the city fell.\n\nMore.");
    }

    #[test]
    fn markdown_with_front_matter_and_title() {
        let a = one(
            "x.md",
            "---\ntitle: \"Front title\"\ndate: 2020-01-07\n---\n# Heading title\n\nSome **bold** and [a link](http://x) and snake_case.\n\n## Section\n\nMore text.",
        );
        assert_eq!(a.title, "Front title");
        assert_eq!(a.date, "2020-01-07".parse().ok());
        assert_eq!(
            a.body,
            "Some bold and a link and snake_case.\n\nSection\n\nMore text."
        );
    }

    #[test]
    fn markdown_title_from_first_line() {
        let a = one("x.md", "# The title\nBody *here*.");
        assert_eq!(a.title, "The title");
        assert_eq!(a.body, "Body here.");
        assert_eq!(a.date, None);
    }

    #[test]
    fn json_lines_records_and_bad_lines() {
        let p = PathBuf::from("feed.jsonl");
        let text = "{\"title\":\"A\",\"published\":\"2020-01-06T10:00:00Z\",\"text\":\"<p>One.</p><p>Two &amp; three.</p>\",\"url\":\"u\",\"source\":{\"name\":\"Wire\"}}\n\nnot json\n{\"date\":\"2020-01-05\",\"content\":\"Body only here.\"}\n[1]\n";
        let parsed = parse(&p, "feed", text);
        assert_eq!(parsed.articles.len(), 2);
        let a = &parsed.articles[0];
        assert_eq!(a.id, "feed#1");
        assert_eq!(a.title, "A");
        assert_eq!(a.body, "One.\n\nTwo & three.");
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.date, "2020-01-06".parse().ok());
        assert_eq!(parsed.articles[1].id, "feed#4");
        assert_eq!(parsed.articles[1].title, "Body only here.");
        assert_eq!(parsed.warnings.len(), 2);
        assert!(
            parsed.warnings[0]
                .message
                .starts_with("line 3: invalid JSON")
        );
        assert!(
            parsed.warnings[1]
                .message
                .starts_with("line 5: not a JSON object")
        );
    }

    #[test]
    fn json_array_export() {
        let p = PathBuf::from("export.json");
        let parsed = parse(
            &p,
            "export",
            r#"{"articles":[{"title":"A","body":"x"},{"title":"B","body":"y"}]}"#,
        );
        let ids: Vec<_> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["export#1", "export#2"]);
    }

    #[test]
    fn detection_by_content() {
        let p = PathBuf::from("noext");
        assert_eq!(detect(&p, "{\"title\": 1}\n"), Format::JsonLines);
        assert_eq!(detect(&p, "# Title\n"), Format::Markdown);
        assert_eq!(detect(&p, " date 2020-01-01 x"), Format::Text);
        assert_eq!(detect(&p, "{not json"), Format::Text);
    }

    #[test]
    fn an_article_keeps_at_most_its_bound_cut_after_a_paragraph() {
        let para = "Envoys met in Cairo on Monday, officials said. ".repeat(20);
        let n = MAX_ARTICLE_BYTES / para.len() + 5;
        let text = vec![para.trim(); n].join("\n\n");
        let p = PathBuf::from("long.txt");
        let parsed = parse(&p, "long", &text);
        let a = &parsed.articles[0];
        assert!(a.body.len() <= MAX_ARTICLE_BYTES, "{}", a.body.len());
        assert!(a.body.len() > MAX_ARTICLE_BYTES / 2);
        assert!(a.body.ends_with("officials said."), "cut after a paragraph");
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        assert!(parsed.warnings[0].message.contains("cut"));
        // One long paragraph: cut at a character boundary.
        let wide = "Ωμέγα ".repeat(MAX_ARTICLE_BYTES / 4);
        assert!(bounded(&wide, MAX_ARTICLE_BYTES).len() <= MAX_ARTICLE_BYTES);
        // A record of a JSON Lines file, the same.
        let line = serde_json::json!({ "title": "Long", "body": text }).to_string();
        let parsed = parse(&PathBuf::from("feed.jsonl"), "feed", &line);
        assert!(parsed.articles[0].body.len() <= MAX_ARTICLE_BYTES);
        assert!(parsed.warnings[0].message.starts_with("feed#1: text of"));
    }

    #[test]
    fn every_line_ending_is_one() {
        for nl in ["\n", "\r\n", "\r"] {
            let text = format!("Title: T{nl}Date: 2020-01-06{nl}{nl}One{nl}line.{nl}{nl}Two.{nl}");
            let a = one("x.txt", &text);
            assert_eq!(
                (a.title.as_str(), a.body.as_str()),
                ("T", "One line.\n\nTwo.")
            );
            assert_eq!(a.date, "2020-01-06".parse().ok(), "{nl:?}");
        }
        let lines = "{\"title\":\"A\",\"body\":\"x\"}\r{\"title\":\"B\",\"body\":\"y\"}\r";
        let parsed = parse(&PathBuf::from("f.jsonl"), "f", lines);
        assert_eq!(parsed.articles.len(), 2, "{:?}", parsed.warnings);
    }

    #[test]
    fn a_feed_file_gives_one_article_per_entry() {
        let p = PathBuf::from("wire.xml");
        let text = r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<link rel="alternate" href="https://wire.example/"/>
<entry><id>urn:1</id><title type="html">One &amp;amp; two</title><updated>2020-01-07T09:00:00Z</updated>
<link href="a/1"/><content type="html">&lt;p&gt;Body one.&lt;/p&gt;</content></entry>
<entry><id>urn:2</id><title>Two</title><summary>Body two.</summary></entry>
</feed>"#;
        assert_eq!(detect(&p, text), Format::Feed);
        let parsed = parse(&p, "wire", text);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let a = &parsed.articles[0];
        assert_eq!(a.id, "wire#1");
        assert_eq!(a.title, "One & two");
        assert_eq!(a.body, "Body one.");
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://wire.example/a/1"));
        assert_eq!(a.date, "2020-01-07".parse().ok());
        assert_eq!(parsed.articles[1].date, None);
        assert_eq!(parsed.articles[1].body, "Body two.");
    }

    #[test]
    fn a_broken_feed_file_is_a_warning() {
        let p = PathBuf::from("broken.rss");
        let parsed = parse(&p, "broken", "<rss version=\"2.0\"><channel><item>");
        assert!(parsed.articles.is_empty());
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].message.contains("skipped"));
    }

    #[test]
    fn empty_documents_are_reported() {
        let p = PathBuf::from("e.txt");
        let parsed = parse(&p, "e", "   \n\n ");
        assert!(parsed.articles.is_empty());
        assert_eq!(parsed.warnings.len(), 1);
    }
}
