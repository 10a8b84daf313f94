//! A server's answer to entries: what [`crate::corpus::feed_format`] makes
//! of the bytes, with the checks that only make sense for a response — an
//! empty body, a web page where a feed should be (naming the feed the page
//! links to, when it does), a feed too long to keep whole — and a bug in
//! parsing contained to this feed.

use crate::corpus::feed_format::{ParsedFeed, parse_feed_bytes};
use crate::corpus::title::shorten;
use crate::guard;

/// Parses a fetched feed. `final_url` (after redirects) resolves relative
/// links; at most `max_items` entries are kept, the newest.
pub fn parse_response(
    bytes: &[u8],
    final_url: &str,
    content_type: Option<&str>,
    max_items: usize,
) -> Result<ParsedFeed, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the server sent an empty response".into());
    }
    let parsed = guard::contain(|| parse_feed_bytes(bytes, Some(final_url)))
        .map_err(|why| guard::warning_text("reading the feed", &why))?;
    let mut feed = match parsed {
        Ok(f) => f,
        Err(e) => return Err(explain(e, bytes, final_url, content_type)),
    };
    if feed.entries.len() > max_items {
        let total = feed.entries.len();
        // Newest first, undated after the dated in the feed's own order.
        feed.entries.sort_by(|a, b| {
            let (da, db) = (a.published.or(a.updated), b.published.or(b.updated));
            db.is_some().cmp(&da.is_some()).then(db.cmp(&da))
        });
        feed.entries.truncate(max_items);
        feed.notes.push(format!(
            "{total} entries; only the newest {max_items} are kept"
        ));
    }
    Ok(feed)
}

/// Why bytes that did not parse are not a feed, in the user's terms.
fn explain(error: String, bytes: &[u8], final_url: &str, content_type: Option<&str>) -> String {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]).to_ascii_lowercase();
    let page = mime == "text/html"
        || head.trim_start().starts_with("<!doctype html")
        || head.contains("<html");
    if !page {
        return match content_type {
            Some(c) => format!("{error} (the server said {})", shorten(c, 100)),
            None => error,
        };
    }
    match discover(&head, final_url) {
        Some(feed) => format!("not a feed but a web page; it names a feed at {feed}"),
        None => "not a feed but a web page".into(),
    }
}

/// The first feed a web page announces (`<link rel="alternate"
/// type="application/rss+xml" href="...">`), made absolute.
fn discover(page: &str, base: &str) -> Option<String> {
    let base = url::Url::parse(base).ok()?;
    let mut rest = page;
    while let Some(at) = rest.find("<link") {
        let tag_end = rest[at..].find('>').map(|e| at + e)?;
        let tag = &rest[at..tag_end];
        rest = &rest[tag_end..];
        let is_feed = ["rss+xml", "atom+xml", "feed+json"]
            .iter()
            .any(|t| tag.contains(t));
        if !(tag.contains("alternate") && is_feed) {
            continue;
        }
        let href = attribute(tag, "href")?;
        let url = base.join(href).ok()?;
        if matches!(url.scheme(), "http" | "https") {
            return Some(url.to_string());
        }
    }
    None
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let quote = value.chars().next()?;
    if quote == '"' || quote == '\'' {
        let v = &value[1..];
        Some(&v[..v.find(quote)?])
    } else {
        Some(
            value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_page_names_the_feed_it_links_to() {
        let page = br#"<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml">
            </head><body>Hi</body></html>"#;
        let e =
            parse_response(page, "https://site.example/blog/", Some("text/html"), 10).unwrap_err();
        assert_eq!(
            e,
            "not a feed but a web page; it names a feed at https://site.example/feed.xml"
        );
    }

    #[test]
    fn other_failures_say_what_the_server_sent() {
        let e = parse_response(
            b"%PDF-1.4 ...",
            "https://x.example/",
            Some("application/pdf"),
            10,
        )
        .unwrap_err();
        assert!(e.contains("application/pdf"), "{e}");
        assert!(
            parse_response(b"  \n", "https://x.example/", None, 10)
                .unwrap_err()
                .contains("empty")
        );
    }

    #[test]
    fn a_long_feed_keeps_its_newest_entries() {
        let mut xml = String::from("<rss version=\"2.0\"><channel><title>T</title>");
        for day in 1..=20 {
            xml.push_str(&format!(
                "<item><guid>{day}</guid><title>Day {day}</title><pubDate>{day:02} Jan 2020 10:00:00 +0000</pubDate></item>"
            ));
        }
        xml.push_str("</channel></rss>");
        let feed = parse_response(xml.as_bytes(), "https://x.example/", None, 5).unwrap();
        let titles: Vec<_> = feed
            .entries
            .iter()
            .map(|e| e.title.clone().unwrap())
            .collect();
        assert_eq!(titles, ["Day 20", "Day 19", "Day 18", "Day 17", "Day 16"]);
        assert!(feed.notes.last().unwrap().contains("20 entries"));
    }
}
