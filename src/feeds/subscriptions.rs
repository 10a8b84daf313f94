//! The subscriptions: a plain `urls` file in newsboat's format, read as
//! is, so a newsboat user can point lede at theirs.
//!
//! One feed a line: the URL, then tags separated by spaces, a tag with
//! spaces in double quotes (`\"` and `\\` escape), and a quoted tag that
//! starts with `~` naming the feed (`"~Al Jazeera"`). A line that starts
//! with `#` is a comment; blank lines are kept. Lines lede cannot fetch
//! (newsboat's `query:`, `exec:` and `filter:` feeds) are kept as they are
//! and skipped when fetching. Adding and removing edit the file line by
//! line: every other line, comment and blank stays byte for byte.

use std::path::{Path, PathBuf};

use crate::corpus::Warning;
use crate::corpus::load::{decode, io_reason, read_bytes};
use crate::corpus::title::shorten;

/// One subscribed feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub tags: Vec<String>,
    /// The name the user gave the feed (`"~Title"`), over the feed's own.
    pub title: Option<String>,
}

impl Subscription {
    pub fn new(url: impl Into<String>) -> Self {
        Subscription {
            url: url.into(),
            tags: Vec::new(),
            title: None,
        }
    }

    /// The line newsboat and lede read back as this subscription. Control
    /// characters in tags and the name become spaces: a line break there
    /// would split the line.
    pub fn to_line(&self) -> String {
        let mut line = self.url.clone();
        for tag in &self.tags {
            line.push(' ');
            line.push_str(&quote_if_needed(tag));
        }
        if let Some(t) = &self.title {
            line.push(' ');
            line.push_str(&quote(&format!("~{t}")));
        }
        line
    }
}

/// A line of the file: a feed, or anything else, kept as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Feed(Subscription),
    Other(String),
}

/// The urls file, as read, ready to be edited and written back.
#[derive(Clone, Debug)]
pub struct UrlsFile {
    path: PathBuf,
    lines: Vec<(Line, String)>,
    /// Whether the file ended without a newline (kept that way).
    ends_without_newline: bool,
}

impl UrlsFile {
    /// `$LEDE_CONFIG_DIR/urls`, else `$XDG_CONFIG_HOME/lede/urls`, else
    /// `~/.config/lede/urls`.
    pub fn default_path() -> Option<PathBuf> {
        crate::store::config_dir().map(|d| d.join("urls"))
    }

    /// Reads the file at `path`; a missing file is an empty list. The
    /// warnings name lines that are not feeds lede fetches, and repeated
    /// URLs. `Err` when the file exists but cannot be read as text.
    pub fn load(path: &Path) -> Result<(UrlsFile, Vec<Warning>), String> {
        // No file yet: no subscriptions. (A link to nowhere is an error.)
        if std::fs::symlink_metadata(path).is_err() {
            return Ok(Self::parse(path, ""));
        }
        let bytes = read_bytes(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .0;
        let text = match decode(&bytes) {
            Ok((text, _)) => text,
            // An empty file is an empty list; binary is refused.
            Err(_) if bytes.iter().all(u8::is_ascii_whitespace) => {
                String::from_utf8_lossy(&bytes).into_owned()
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        Ok(Self::parse(path, &text))
    }

    /// Reads `text` as the contents of the file at `path`.
    pub fn parse(path: &Path, text: &str) -> (UrlsFile, Vec<Warning>) {
        let mut warnings = Vec::new();
        let mut lines = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (n, raw) in text.lines().enumerate() {
            let line = match parse_line(raw) {
                Ok(Some(sub)) if !seen.insert(sub.url.clone()) => {
                    warnings.push(Warning::new(
                        path,
                        format!(
                            "line {}: {} is listed twice; the first is used",
                            n + 1,
                            sub.url
                        ),
                    ));
                    Line::Other(raw.to_string())
                }
                Ok(Some(sub)) => Line::Feed(sub),
                Ok(None) => Line::Other(raw.to_string()),
                Err(why) => {
                    warnings.push(Warning::new(
                        path,
                        format!("line {}: {why}; not fetched", n + 1),
                    ));
                    Line::Other(raw.to_string())
                }
            };
            lines.push((line, raw.to_string()));
        }
        let file = UrlsFile {
            path: path.to_path_buf(),
            lines,
            ends_without_newline: !text.is_empty() && !text.ends_with('\n'),
        };
        (file, warnings)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The feeds, in the file's order.
    pub fn subscriptions(&self) -> Vec<Subscription> {
        self.lines
            .iter()
            .filter_map(|(l, _)| match l {
                Line::Feed(s) => Some(s.clone()),
                Line::Other(_) => None,
            })
            .collect()
    }

    pub fn contains(&self, url: &str) -> bool {
        self.lines
            .iter()
            .any(|(l, _)| matches!(l, Line::Feed(s) if s.url == url))
    }

    /// Appends `sub`; false (and nothing changed) when its URL is already
    /// subscribed.
    pub fn add(&mut self, sub: Subscription) -> bool {
        if self.contains(&sub.url) {
            return false;
        }
        let raw = sub.to_line();
        self.lines.push((Line::Feed(sub), raw));
        true
    }

    /// Removes the feed with this URL; false when there is none.
    pub fn remove(&mut self, url: &str) -> bool {
        let before = self.lines.len();
        self.lines
            .retain(|(l, _)| !matches!(l, Line::Feed(s) if s.url == url));
        self.lines.len() != before
    }

    /// The file's text: every line as it was read, added ones after.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (_, raw) in &self.lines {
            out.push_str(raw);
            out.push('\n');
        }
        if self.ends_without_newline && !out.is_empty() {
            out.pop();
        }
        out
    }

    /// Writes the file back, atomically. A urls file that is a symbolic
    /// link (to newsboat's, say) is written where the link points, and the
    /// link stays.
    pub fn save(&self) -> Result<(), String> {
        let target = match std::fs::symlink_metadata(&self.path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(&self.path)
                .map_err(|e| format!("{}: {}", self.path.display(), io_reason(&e)))?,
            _ => self.path.clone(),
        };
        crate::store::write_atomic(&target, self.to_text().as_bytes())
            .map_err(|e| format!("{}: cannot write: {}", target.display(), io_reason(&e)))
    }
}

/// One line: `Ok(None)` for a comment or a blank line, `Err` for a line
/// that names something lede does not fetch.
fn parse_line(raw: &str) -> Result<Option<Subscription>, String> {
    let tokens = tokenize(raw)?;
    let Some((url, rest)) = tokens.split_first() else {
        return Ok(None);
    };
    let url = check_url(url)?;
    let mut sub = Subscription::new(url);
    for t in rest {
        if let Some(title) = t.strip_prefix('~') {
            sub.title = Some(title.to_string()).filter(|t| !t.is_empty());
        } else if !t.is_empty() && !sub.tags.contains(t) {
            sub.tags.push(t.clone());
        }
    }
    Ok(Some(sub))
}

/// Splits a line into tokens as newsboat does: whitespace between them,
/// double quotes around a token with spaces, `#` at the start of a token
/// ending the line.
fn tokenize(line: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        if c == '#' {
            break;
        }
        let mut token = String::new();
        if c == '"' {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(n) = chars.next() {
                            token.push(n);
                        }
                    }
                    '"' => {
                        closed = true;
                        break;
                    }
                    c => token.push(c),
                }
            }
            if !closed {
                return Err("a quote is not closed".into());
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                token.push(c);
                chars.next();
            }
        }
        tokens.push(token);
    }
    Ok(tokens)
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars().map(|c| if c.is_control() { ' ' } else { c }) {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn quote_if_needed(tag: &str) -> String {
    let plain = !tag.is_empty()
        && !tag.starts_with(['#', '~'])
        && !tag
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\\');
    if plain { tag.to_string() } else { quote(tag) }
}

/// Checks a feed address's form (nothing is fetched): an absolute `http`
/// or `https` URL with a host, without spaces or control characters.
/// Returns it as given, trimmed.
pub fn check_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    // Quoted in the message, shortened: the address may be anything.
    let shown = shorten(s, 200);
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{shown} is not a feed address (it holds spaces or control characters)"
        ));
    }
    if let Some(scheme) = ["query:", "exec:", "filter:"]
        .iter()
        .find(|p| s.starts_with(**p))
    {
        return Err(format!(
            "{shown} is a newsboat `{}` feed, which lede does not run",
            scheme.trim_end_matches(':')
        ));
    }
    match url::Url::parse(s) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty()) =>
        {
            Ok(s.to_string())
        }
        Ok(u) => Err(format!(
            "{shown} is not a feed address (lede fetches http and https, not {}:)",
            u.scheme()
        )),
        Err(e) => Err(format!("{shown} is not a feed address ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (UrlsFile, Vec<Warning>) {
        UrlsFile::parse(Path::new("urls"), text)
    }

    #[test]
    fn newsboat_lines_are_read_as_is() {
        let text = "# my feeds\n\nhttps://a.example/rss news \"long tag\" \"~Al \\\"A\\\" Feed\"\n  http://b.example/atom#frag tech # a comment\n\"query:Unread:unread = \\\"yes\\\"\"\nexec:~/bin/feed\n";
        let (file, warnings) = parsed(text);
        let subs = file.subscriptions();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].url, "https://a.example/rss");
        assert_eq!(subs[0].tags, ["news", "long tag"]);
        assert_eq!(subs[0].title.as_deref(), Some("Al \"A\" Feed"));
        assert_eq!(subs[1].url, "http://b.example/atom#frag");
        assert_eq!(subs[1].tags, ["tech"]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].message.starts_with("line 5:"));
        assert!(warnings[1].message.contains("exec"));
        // Unchanged, it writes back byte for byte.
        assert_eq!(file.to_text(), text);
    }

    #[test]
    fn add_and_remove_keep_every_other_line() {
        let text = "# keep me\nhttps://a.example/rss\n\nhttps://b.example/rss x\n";
        let (mut file, _) = parsed(text);
        let mut sub = Subscription::new("https://c.example/feed");
        sub.tags = vec!["two words".into(), "plain".into()];
        sub.title = Some("C".into());
        assert!(file.add(sub.clone()));
        assert!(!file.add(Subscription::new("https://a.example/rss")));
        assert!(file.remove("https://b.example/rss"));
        assert!(!file.remove("https://nope.example/"));
        assert_eq!(
            file.to_text(),
            "# keep me\nhttps://a.example/rss\n\nhttps://c.example/feed \"two words\" plain \"~C\"\n"
        );
        let (again, w) = parsed(&file.to_text());
        assert!(w.is_empty());
        assert_eq!(again.subscriptions()[1], sub);
    }

    #[test]
    fn a_line_break_in_a_tag_or_name_cannot_split_the_line() {
        let mut sub = Subscription::new("https://a.example/");
        sub.tags = vec!["two\nlines".into(), "esc\u{1b}".into()];
        sub.title = Some("x\ny".into());
        let line = sub.to_line();
        assert_eq!(line, "https://a.example/ \"two lines\" \"esc \" \"~x y\"");
        let (file, w) = parsed(&line);
        assert!(w.is_empty());
        assert_eq!(file.subscriptions()[0].tags, ["two lines", "esc "]);
    }

    #[test]
    fn a_repeated_url_is_read_once() {
        let (file, warnings) = parsed("https://a.example/\nhttps://a.example/ t\n");
        assert_eq!(file.subscriptions().len(), 1);
        assert!(warnings[0].message.contains("twice"));
    }

    #[test]
    fn only_absolute_http_urls_are_feeds() {
        assert!(check_url(" https://x.example/feed ").is_ok());
        assert!(check_url("http://127.0.0.1:8080/a?b=c").is_ok());
        for bad in [
            "x.example/feed",
            "ftp://x.example/",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https://x.example/\u{1b}[2J",
            "exec:ls",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_a_warning_and_the_line_is_kept() {
        let (file, warnings) = parsed("https://a.example/ \"open\n");
        assert!(file.subscriptions().is_empty());
        assert!(warnings[0].message.contains("quote"));
        assert_eq!(file.to_text(), "https://a.example/ \"open\n");
    }

    #[test]
    fn the_file_is_saved_through_a_link_and_the_link_stays() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("newsboat-urls");
        std::fs::write(&real, "https://a.example/\n").unwrap();
        let link = dir.path().join("urls");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let (mut file, _) = UrlsFile::load(&link).unwrap();
        file.add(Subscription::new("https://b.example/"));
        file.save().unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            "https://a.example/\nhttps://b.example/\n"
        );
    }

    #[test]
    fn a_missing_file_is_an_empty_list_and_binary_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (file, w) = UrlsFile::load(&dir.path().join("none")).unwrap();
        assert!(file.subscriptions().is_empty() && w.is_empty());
        let bin = dir.path().join("bin");
        std::fs::write(&bin, b"\x00\x01\x02binary").unwrap();
        assert!(UrlsFile::load(&bin).unwrap_err().contains("binary"));
    }
}
