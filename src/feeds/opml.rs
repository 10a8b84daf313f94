//! OPML, the subscription lists other readers import and export.
//!
//! Import reads every `outline` with an `xmlUrl` as a feed, at any depth;
//! the outlines it sits in (folders) and its `category` attribute
//! (comma-separated, each a `/`-separated path) become its tags, and its
//! `title` (else `text`) its name. Export writes one folder per first tag
//! with every tag in `category`, so a reader that knows only folders and
//! one that knows categories both see them, and lede reads back exactly
//! the tags it wrote.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::subscriptions::{Subscription, check_url};
use crate::corpus::cleanup::{clean_line, decode_entities};

/// What an OPML document gave: feeds in document order (a URL once), and
/// outlines that were skipped, with why.
#[derive(Debug, Default)]
pub struct Imported {
    pub feeds: Vec<Subscription>,
    pub skipped: Vec<String>,
}

/// Reads an OPML document. `Err` when it is not well-formed XML or holds
/// no `opml` root.
pub fn import(text: &str) -> Result<Imported, String> {
    let mut reader = Reader::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut out = Imported::default();
    let mut seen = std::collections::HashSet::new();
    // One entry per open outline: the folder name it gives its children.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_root = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed OPML at byte {} ({e})", reader.error_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "opml" => {
                saw_root = true;
            }
            Event::Start(e) if e.local_name().as_ref() == "outline" => {
                let folder = outline(&e, &folders, &mut out, &mut seen);
                folders.push(folder);
            }
            Event::Empty(e) if e.local_name().as_ref() == "outline" => {
                outline(&e, &folders, &mut out, &mut seen);
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err("not an OPML document (no <opml> element)".into());
    }
    Ok(out)
}

/// Handles one `outline`: a feed is added to `out`; returns the folder
/// name it gives what it contains.
fn outline(
    e: &BytesStart,
    folders: &[Option<String>],
    out: &mut Imported,
    seen: &mut std::collections::HashSet<String>,
) -> Option<String> {
    let mut xml_url = None;
    let mut title = None;
    let mut text = None;
    let mut category = None;
    for a in e.attributes().flatten() {
        // XML's own entities; HTML's (`&eacute;`), which some exporters
        // write, through the cleanup's table instead.
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| decode_entities(&a.value));
        match a.key.local_name().as_ref().to_ascii_lowercase().as_str() {
            "xmlurl" => xml_url = Some(value),
            "title" => title = Some(value),
            "text" => text = Some(value),
            "category" => category = Some(value),
            _ => {}
        }
    }
    let name = title
        .or(text)
        .map(|t| clean_line(&t))
        .filter(|t| !t.is_empty());
    let Some(url) = xml_url else {
        return name;
    };
    let url = match check_url(&url) {
        Ok(u) => u,
        Err(why) => {
            out.skipped.push(why);
            return None;
        }
    };
    if !seen.insert(url.clone()) {
        return None;
    }
    let mut sub = Subscription::new(url);
    let from_folders = folders.iter().flatten().cloned();
    let from_category = category
        .iter()
        .flat_map(|c| c.split(','))
        .flat_map(|path| path.split('/'))
        .map(clean_line)
        .collect::<Vec<_>>();
    for tag in from_folders.chain(from_category) {
        if !tag.is_empty() && !sub.tags.contains(&tag) {
            sub.tags.push(tag);
        }
    }
    // A feed named only by its address has no name of its own.
    sub.title = name.filter(|n| *n != sub.url);
    out.feeds.push(sub);
    None
}

/// The subscriptions as an OPML 2.0 document.
pub fn export(subs: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>lede subscriptions</title>\n  </head>\n  <body>\n",
    );
    // Folders in order of first appearance; untagged feeds at the top level.
    let mut folders: Vec<&str> = Vec::new();
    for s in subs {
        if let Some(first) = s.tags.first()
            && !folders.contains(&first.as_str())
        {
            folders.push(first);
        }
    }
    for s in subs.iter().filter(|s| s.tags.is_empty()) {
        push_feed(&mut out, s, 2);
    }
    for folder in folders {
        let name = attr(folder);
        out.push_str(&format!("    <outline text=\"{name}\" title=\"{name}\">\n"));
        for s in subs
            .iter()
            .filter(|s| s.tags.first().map(String::as_str) == Some(folder))
        {
            push_feed(&mut out, s, 3);
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn push_feed(out: &mut String, s: &Subscription, depth: usize) {
    let name = attr(s.title.as_deref().unwrap_or(&s.url));
    out.push_str(&"  ".repeat(depth));
    out.push_str(&format!(
        "<outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{}\"",
        attr(&s.url)
    ));
    if !s.tags.is_empty() {
        // A tag holding `,` or `/` would split on the way back: those
        // characters become spaces in the category list.
        let cats: Vec<String> = s.tags.iter().map(|t| t.replace([',', '/'], " ")).collect();
        out.push_str(&format!(" category=\"{}\"", attr(&cats.join(","))));
    }
    out.push_str("/>\n");
}

/// Text as an XML attribute value: markup characters escaped, characters
/// XML 1.0 forbids (most control characters) dropped.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_and_categories_become_tags() {
        let opml = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="News">
    <outline text="Africa" title="Africa">
      <outline type="rss" text="AJ" title="Al Jazeera &amp; Co" xmlUrl="https://aj.example/rss" category="/world/mena,libya"/>
    </outline>
    <outline type="rss" text="Wire" xmlUrl="https://wire.example/feed"/>
  </outline>
  <outline type="rss" text="Top" xmlURL="http://top.example/atom"></outline>
  <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="Again" xmlUrl="https://wire.example/feed"/>
</body></opml>"#;
        let got = import(opml).unwrap();
        let urls: Vec<_> = got.feeds.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://aj.example/rss",
                "https://wire.example/feed",
                "http://top.example/atom"
            ]
        );
        assert_eq!(
            got.feeds[0].tags,
            ["News", "Africa", "world", "mena", "libya"]
        );
        assert_eq!(got.feeds[0].title.as_deref(), Some("Al Jazeera & Co"));
        assert_eq!(got.feeds[1].tags, ["News"]);
        assert_eq!(got.feeds[1].title.as_deref(), Some("Wire"));
        assert!(got.feeds[2].tags.is_empty());
        assert_eq!(got.skipped.len(), 1);
    }

    #[test]
    fn export_then_import_gives_the_same_subscriptions() {
        let mut a = Subscription::new("https://a.example/rss?x=1&y=2");
        a.tags = vec!["news".into(), "two words".into(), "a/b".into()];
        a.title = Some("A \"quoted\" <feed>".into());
        let b = Subscription::new("https://b.example/");
        let mut c = Subscription::new("https://c.example/");
        c.tags = vec!["news".into()];
        let subs = vec![a, b, c];
        let doc = export(&subs);
        let back = import(&doc).unwrap();
        let mut want = subs.clone();
        want[0].tags[2] = "a b".into();
        // Untagged feeds come first in the document.
        let want = vec![want[1].clone(), want[0].clone(), want[2].clone()];
        assert_eq!(back.feeds, want);
    }

    #[test]
    fn malformed_opml_is_an_error() {
        assert!(import("<opml><body><outline></body></opml>").is_err());
        assert!(import("<html></html>").unwrap_err().contains("not an OPML"));
        assert!(import("").is_err());
    }

    #[test]
    fn control_characters_never_reach_the_document() {
        let mut s = Subscription::new("https://a.example/");
        s.title = Some("bad\u{1b}[2J\u{7}".into());
        let doc = export(&[s]);
        assert!(!doc.contains('\u{1b}') && !doc.contains('\u{7}'));
        assert!(import(&doc).is_ok());
    }
}
