//! Syndication feeds (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed) as entries
//! ready to become articles: the pure parsing step, shared by local feed
//! files (read like any report) and fetched feeds (`crate::feeds`).
//!
//! feed-rs reads the formats; this module decides what lede keeps of an
//! entry: a title and a body cleaned like any report's (HTML turned into
//! text, entities decoded, paragraphs kept), the date as the feed wrote it,
//! authors, categories, and a link only when it is an absolute `http(s)`
//! URL (relative links resolved against the feed's address; `javascript:`,
//! `data:` and the like dropped). Feed text is untrusted: nothing here
//! interprets it beyond that, and a parser panic is contained by the caller.

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use feed_rs::model;

use super::article::{Article, ArticleMeta};
use super::cleanup::{clean_body, clean_line};
use super::dates::parse_date;
use super::html::{html_to_text, looks_like_html};
use super::title::derive_title;

/// Most categories kept of one entry, and most authors: a feed that lists
/// thousands is not describing its entry.
const MAX_TAGS: usize = 32;
const MAX_AUTHORS: usize = 16;
/// Longest category or author name kept, in characters.
const MAX_NAME_CHARS: usize = 200;

/// What one feed document holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed's own title, cleaned; `None` when it gives none.
    pub title: Option<String>,
    /// The feed's web site (its alternate link), when absolute http(s).
    pub site: Option<String>,
    /// Entries in document order. Entries without any text are left out
    /// (and counted in `notes`).
    pub entries: Vec<Entry>,
    /// Problems worth a warning that did not stop the parse (invalid
    /// UTF-8, dropped links, empty entries).
    pub notes: Vec<String>,
}

/// One entry (an RSS item, an Atom entry, a JSON Feed item).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The entry's own identifier (RSS `guid`, Atom `id`, JSON Feed `id`);
    /// `None` when the feed gives none.
    pub guid: Option<String>,
    /// The entry's web page: absolute, `http` or `https`.
    pub url: Option<String>,
    /// Cleaned title; `None` when the feed gives none.
    pub title: Option<String>,
    /// Publication and update time as the feed wrote them, in the
    /// publisher's own offset (so the calendar date is the publisher's,
    /// as lede reads dates everywhere).
    pub published: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
    pub authors: Vec<String>,
    /// The entry's categories.
    pub tags: Vec<String>,
    /// Cleaned text of the content, else of the summary.
    pub body: String,
}

impl Entry {
    /// Published, else updated.
    pub fn date(&self) -> Option<NaiveDate> {
        self.published.or(self.updated).map(|t| t.date())
    }

    /// The entry as an article: its date, else `fallback_date` (when it
    /// was fetched); without a title, the body's first sentence.
    pub fn to_article(
        &self,
        id: String,
        path: &Path,
        source: Option<&str>,
        fallback_date: Option<NaiveDate>,
    ) -> Article {
        let explicit_title = self.title.is_some();
        let meta = ArticleMeta {
            id,
            path: path.to_path_buf(),
            date: self.date().or(fallback_date),
            title: self
                .title
                .clone()
                .unwrap_or_else(|| derive_title(&self.body)),
            explicit_title,
            source: source.map(clean_line).filter(|s| !s.is_empty()),
            url: self.url.clone(),
            ..ArticleMeta::default()
        };
        Article::new(meta, self.body.clone())
    }
}

/// Whether a file is a feed: by its extension (`.rss`, `.atom`, `.rdf`),
/// or by its content (an XML document whose root is `rss`, `feed` or
/// `RDF`, or a JSON object that declares a JSON Feed version).
pub fn looks_like_feed(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("rss" | "atom" | "rdf")) {
        return true;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    if text.starts_with('{') {
        return is_json_feed(text);
    }
    matches!(xml_root(text), Some(root) if is_feed_root(root))
}

fn is_feed_root(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    matches!(local, "rss" | "feed" | "RDF")
}

/// A JSON Feed names its version at the top level
/// (`"version": "https://jsonfeed.org/version/1.1"`).
fn is_json_feed(text: &str) -> bool {
    let head_end = floor_boundary(text, 4096);
    if !text[..head_end].contains("jsonfeed.org/version") {
        return false;
    }
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("version")?.as_str().map(str::to_string))
        .is_some_and(|v| v.contains("jsonfeed.org/version"))
}

/// The name of the first element of an XML document, past the XML
/// declaration, comments, processing instructions and a doctype.
fn xml_root(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(r.len());
            return Some(&r[..end]);
        } else {
            return None;
        }
    }
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Parses a feed from the bytes a server sent. The XML declaration's
/// encoding is honoured; bytes that are not valid UTF-8 in a document that
/// declares no other encoding are decoded with replacement characters,
/// with a note. `base` (the feed's address) resolves relative links.
pub fn parse_feed_bytes(bytes: &[u8], base: Option<&str>) -> Result<ParsedFeed, String> {
    let declares_other = declared_encoding(bytes)
        .is_some_and(|e| !e.eq_ignore_ascii_case("utf-8") && !e.eq_ignore_ascii_case("utf8"));
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    if declares_other || utf16 || std::str::from_utf8(bytes).is_ok() {
        return parse_with_feed_rs(bytes, base);
    }
    let text = String::from_utf8_lossy(bytes);
    let mut feed = parse_with_feed_rs(text.as_bytes(), base)?;
    feed.notes
        .insert(0, "invalid UTF-8; undecodable bytes shown as �".into());
    Ok(feed)
}

/// Parses a feed from text already decoded (a local file). The text is
/// UTF-8 whatever its XML declaration says, so the declaration's encoding
/// is set aside before the parser sees it.
pub fn parse_feed_text(text: &str, base: Option<&str>) -> Result<ParsedFeed, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match declaration_without_encoding(text) {
        Some(fixed) => parse_with_feed_rs(fixed.as_bytes(), base),
        None => parse_with_feed_rs(text.as_bytes(), base),
    }
}

/// The `encoding` of an XML declaration at the start of `bytes`.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(256)];
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let value = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// `text` with the `encoding="..."` of its XML declaration removed, or
/// `None` when it has none.
fn declaration_without_encoding(text: &str) -> Option<String> {
    let decl_end = text.strip_prefix("<?xml")?.find("?>")? + "<?xml".len();
    let decl = &text[..decl_end];
    let at = decl.find("encoding")?;
    let after = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let after = after.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let close = after[1..].find(quote)? + 2;
    let end = decl.len() - after.len() + close;
    Some(format!("{}{}", &text[..at], &text[end..]))
}

fn parse_with_feed_rs(bytes: &[u8], base: Option<&str>) -> Result<ParsedFeed, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        // Keep "no id" visible: lede then keys the entry by its link, or
        // its title and date, rather than by a hash feed-rs would invent.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(feed_timestamp)
        .build();
    let feed = parser.parse(bytes).map_err(|e| describe_error(&e))?;
    Ok(convert(feed, base))
}

fn describe_error(e: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "not a feed (no RSS, Atom or JSON Feed document found)".into()
        }
        ParseFeedError::XmlReader(e) => format!("malformed XML ({e})"),
        ParseFeedError::JsonSerde(e) => format!("malformed JSON Feed ({e})"),
        other => format!("unreadable feed ({other})"),
    }
}

/// A feed's timestamp, in the offset the feed wrote it in: RFC 3339 and
/// RFC 2822, else any form [`parse_date`] knows (at midnight).
fn feed_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let wall = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .map(|t| t.naive_local())
        .ok()
        .or_else(|| parse_date(s).and_then(|d| d.and_hms_opt(0, 0, 0)))?;
    // Carried through feed-rs's UTC type unchanged: the wall time is what
    // lede keeps (see `Entry::published`).
    Some(wall.and_utc())
}

fn convert(feed: model::Feed, base: Option<&str>) -> ParsedFeed {
    let mut out = ParsedFeed {
        title: feed.title.as_ref().map(text_line).filter(|t| !t.is_empty()),
        ..ParsedFeed::default()
    };
    let base = base
        .and_then(|b| url::Url::parse(b).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let site = page_link(&feed.links, base.as_ref(), &mut 0);
    // A local file has no address: its site resolves its relative links.
    let base = base.or_else(|| site.as_deref().and_then(|s| url::Url::parse(s).ok()));
    out.site = site;
    let mut unsafe_links = 0usize;
    let mut empty = 0usize;
    let mut controls = 0usize;
    for e in feed.entries {
        let entry = convert_entry(e, base.as_ref(), &mut unsafe_links);
        if entry.body.is_empty() && entry.title.is_none() {
            empty += 1;
            continue;
        }
        let fields = [entry.title.as_deref().unwrap_or(""), entry.body.as_str()];
        if fields
            .into_iter()
            .chain(entry.authors.iter().map(String::as_str))
            .chain(entry.tags.iter().map(String::as_str))
            .any(has_controls)
        {
            controls += 1;
        }
        out.entries.push(entry);
    }
    let in_title = out.title.as_deref().is_some_and(has_controls);
    if in_title || controls > 0 {
        let mut places = Vec::new();
        if in_title {
            places.push("the feed's title".to_string());
        }
        if controls > 0 {
            places.push(format!("{controls} entr(ies)"));
        }
        out.notes.push(format!(
            "control characters or escape sequences in {}; kept as text, shown inert",
            places.join(" and ")
        ));
    }
    if unsafe_links > 0 {
        out.notes.push(format!(
            "{unsafe_links} link(s) that were not http(s) addresses (such as javascript:) dropped"
        ));
    }
    if empty > 0 {
        out.notes
            .push(format!("{empty} entr(ies) without any text skipped"));
    }
    out
}

/// Control characters other than the line breaks and tabs of a body: what
/// a terminal would take as a command.
fn has_controls(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

fn convert_entry(e: model::Entry, base: Option<&url::Url>, unsafe_links: &mut usize) -> Entry {
    let body = e
        .content
        .as_ref()
        .and_then(|c| {
            let html = c.content_type.subty().as_str().contains("html");
            c.body.as_deref().map(|b| (b, html))
        })
        .filter(|(b, _)| !b.trim().is_empty())
        .or_else(|| e.summary.as_ref().map(|t| (t.content.as_str(), is_html(t))))
        .map(|(b, html)| {
            if html || looks_like_html(b) {
                clean_body(&html_to_text(b))
            } else {
                clean_body(b)
            }
        })
        .unwrap_or_default();
    let guid = Some(e.id.trim().to_string()).filter(|g| !g.is_empty());
    Entry {
        guid,
        url: page_link(&e.links, base, unsafe_links),
        title: e.title.as_ref().map(text_line).filter(|t| !t.is_empty()),
        published: e.published.map(|t| t.naive_utc()),
        updated: e.updated.map(|t| t.naive_utc()),
        authors: names(
            e.authors.iter().filter_map(|p| p.name.as_deref()),
            MAX_AUTHORS,
        ),
        tags: names(
            e.categories
                .iter()
                .map(|c| c.label.as_deref().unwrap_or(&c.term)),
            MAX_TAGS,
        ),
        body,
    }
}

fn is_html(t: &model::Text) -> bool {
    t.content_type.subty().as_str().contains("html")
}

/// A one-line field (a title) as text: markup dropped when it is HTML.
fn text_line(t: &model::Text) -> String {
    if is_html(t) || looks_like_html(&t.content) {
        clean_line(&html_to_text(&t.content))
    } else {
        clean_line(&t.content)
    }
}

/// Cleaned, distinct, non-empty names, at most `max`.
fn names<'a>(raw: impl Iterator<Item = &'a str>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let n = clean_line(r);
        let n: String = n.chars().take(MAX_NAME_CHARS).collect();
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
            if out.len() == max {
                break;
            }
        }
    }
    out
}

/// The page a list of links points to: the first `alternate` (or
/// unlabelled) link, resolved against `base`, kept only when it is an
/// absolute `http(s)` URL. Links of other schemes are counted.
fn page_link(
    links: &[model::Link],
    base: Option<&url::Url>,
    unsafe_links: &mut usize,
) -> Option<String> {
    let link = links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or_else(|| links.first())?;
    let href = link.href.trim();
    if href.is_empty() {
        return None;
    }
    let resolved = match url::Url::parse(href) {
        Ok(u) => Some(u),
        Err(url::ParseError::RelativeUrlWithoutBase) => base.and_then(|b| b.join(href).ok()),
        Err(_) => None,
    };
    match resolved {
        Some(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Some(u.to_string())
        }
        Some(_) => {
            *unsafe_links += 1;
            None
        }
        // Relative with nothing to resolve against, or unparseable.
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_detected_by_root_element_and_json_version() {
        let p = Path::new("x");
        assert!(looks_like_feed(
            p,
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel/></rss>"
        ));
        assert!(looks_like_feed(
            p,
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"
        ));
        assert!(looks_like_feed(p, "<rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>"));
        assert!(looks_like_feed(
            p,
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"
        ));
        assert!(!looks_like_feed(p, "<html><body>no</body></html>"));
        assert!(!looks_like_feed(p, "{\"title\": \"jsonfeed.org/version\"}"));
        assert!(!looks_like_feed(p, "Plain text about <rss feeds."));
        assert!(looks_like_feed(Path::new("a.atom"), "anything"));
    }

    #[test]
    fn rss_items_become_entries_with_clean_text_and_absolute_links() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
<item><title>Talks in &lt;b&gt;Geneva&lt;/b&gt;</title><link>/news/1</link>
<guid isPermaLink="false">id-1</guid><pubDate>Mon, 06 Jan 2020 23:30:00 -0500</pubDate>
<description>&lt;p&gt;First &amp;amp; foremost.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;&lt;p&gt;Second.&lt;/p&gt;</description>
<category>Libya</category><author>a@b.c (Ann Writer)</author></item>
<item><title>Bad link</title><link>javascript:alert(1)</link><description>Text.</description></item>
<item><title></title><description></description></item>
</channel></rss>"#;
        let feed = parse_feed_bytes(xml.as_bytes(), Some("https://wire.example/rss.xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Wire & Co"));
        assert_eq!(feed.entries.len(), 2);
        let e = &feed.entries[0];
        assert_eq!(e.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(e.url.as_deref(), Some("https://wire.example/news/1"));
        assert_eq!(e.guid.as_deref(), Some("id-1"));
        assert_eq!(e.body, "First & foremost.\n\nSecond.");
        // The publisher's calendar date, not UTC's.
        assert_eq!(e.date(), "2020-01-06".parse().ok());
        assert_eq!(e.tags, ["Libya"]);
        assert_eq!(feed.entries[1].url, None);
        assert!(feed.notes.iter().any(|n| n.contains("javascript")));
        assert!(feed.notes.iter().any(|n| n.contains("without any text")));
    }

    #[test]
    fn entries_without_a_guid_say_so() {
        let xml = "<rss version=\"2.0\"><channel><item><title>T</title><link>http://x.example/a</link></item></channel></rss>";
        let feed = parse_feed_bytes(xml.as_bytes(), None).unwrap();
        assert_eq!(feed.entries[0].guid, None);
        assert_eq!(feed.entries[0].url.as_deref(), Some("http://x.example/a"));
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_note() {
        let mut xml = b"<rss version=\"2.0\"><channel><item><title>caf".to_vec();
        xml.push(0xe9);
        xml.extend(b"</title></item></channel></rss>");
        let feed = parse_feed_bytes(&xml, None).unwrap();
        assert_eq!(feed.entries[0].title.as_deref(), Some("caf\u{fffd}"));
        assert!(feed.notes[0].contains("invalid UTF-8"));
    }

    #[test]
    fn a_declared_latin1_feed_is_decoded() {
        let mut xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>caf".to_vec();
        xml.push(0xe9);
        xml.extend(b"</title></item></channel></rss>");
        let feed = parse_feed_bytes(&xml, None).unwrap();
        assert_eq!(feed.entries[0].title.as_deref(), Some("café"));
        assert!(feed.notes.is_empty());
    }

    #[test]
    fn decoded_text_ignores_the_declared_encoding() {
        let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>café</title></item></channel></rss>";
        let feed = parse_feed_text(xml, None).unwrap();
        assert_eq!(feed.entries[0].title.as_deref(), Some("café"));
    }

    #[test]
    fn malformed_documents_are_errors_not_panics() {
        assert!(
            parse_feed_bytes(b"<html><p>page</p></html>", None)
                .unwrap_err()
                .contains("not a feed")
        );
        assert!(
            parse_feed_bytes(b"<rss version=\"2.0\"><channel><item><title>x</item>", None).is_err()
        );
        assert!(parse_feed_bytes(b"", None).is_err());
        assert!(parse_feed_bytes(b"{\"version\": 3", None).is_err());
    }

    #[test]
    fn odd_dates_fall_back_to_the_date_parser() {
        assert_eq!(
            feed_timestamp("January 6, 2020").map(|t| t.date_naive()),
            "2020-01-06".parse().ok()
        );
        assert_eq!(
            feed_timestamp("2020-01-06T23:30:00-05:00").map(|t| t.date_naive()),
            "2020-01-06".parse().ok()
        );
        assert_eq!(feed_timestamp("soon"), None);
    }
}
