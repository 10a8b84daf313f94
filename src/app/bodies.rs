//! Where article bodies come from. A list of 100,000 reports holds their
//! metadata only; a body is read from its file when the article is shown
//! (and kept among a few recent ones), or held in memory when the app was
//! given it (the bundled sample, tests).

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;

use crate::base::hash::hash_bytes;
use crate::corpus::load::parse_file;

/// How many file bodies stay in memory after being shown.
const RECENT: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodySource {
    /// Held in memory.
    Resident(Arc<str>),
    /// Article `index` of what parsing its file gives; `len` and `hash` are
    /// those of the body its entities were found in.
    File { index: u32, len: u64, hash: u64 },
}

#[derive(Debug, Default)]
pub struct Bodies {
    sources: Vec<BodySource>,
    recent: VecDeque<(usize, Arc<str>)>,
}

impl Bodies {
    pub fn push(&mut self, source: BodySource) {
        self.sources.push(source);
    }

    pub fn source(&self, article: usize) -> Option<&BodySource> {
        self.sources.get(article)
    }

    /// What identifies the body's text: its content hash (see
    /// [`crate::marks`]).
    pub fn fingerprint(&self, article: usize) -> Option<u64> {
        match self.sources.get(article)? {
            BodySource::Resident(b) => Some(hash_bytes(b.as_bytes())),
            BodySource::File { hash, .. } => Some(*hash),
        }
    }

    /// The body, if it is in memory.
    pub fn get(&self, article: usize) -> Option<Arc<str>> {
        match self.sources.get(article)? {
            BodySource::Resident(b) => Some(b.clone()),
            BodySource::File { .. } => self
                .recent
                .iter()
                .find(|(a, _)| *a == article)
                .map(|(_, b)| b.clone()),
        }
    }

    /// Keeps a body read from a file among the recent ones.
    pub fn remember(&mut self, article: usize, body: Arc<str>) {
        self.recent.retain(|(a, _)| *a != article);
        self.recent.push_front((article, body));
        self.recent.truncate(RECENT);
    }

    /// After the file changed: the body now read is what mentions point
    /// into.
    pub fn replace(&mut self, article: usize, body: &str) {
        if let Some(s) = self.sources.get_mut(article) {
            *s = match s {
                BodySource::Resident(_) => BodySource::Resident(body.into()),
                BodySource::File { index, .. } => BodySource::File {
                    index: *index,
                    len: body.len() as u64,
                    hash: hash_bytes(body.as_bytes()),
                },
            };
        }
    }

    /// Memory held in file bodies kept after showing, in bytes.
    pub fn recent_bytes(&self) -> usize {
        self.recent.iter().map(|(_, b)| b.len()).sum()
    }
}

/// A body read back from its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadBody {
    pub body: Arc<str>,
    /// The file no longer holds the body the entities were found in.
    pub changed: bool,
}

/// Reads article `index` of `path` again. An error names the problem (the
/// file vanished, became unreadable, or no longer has that article).
pub fn read_body(path: &Path, index: u32, len: u64, hash: u64) -> Result<ReadBody, String> {
    let parsed = parse_file(path);
    let Some(a) = parsed.articles.into_iter().nth(index as usize) else {
        let why = parsed
            .warnings
            .first()
            .map(|w| w.message.clone())
            .unwrap_or_else(|| "the article is no longer in the file".into());
        return Err(why);
    };
    let changed = a.body.len() as u64 != len || hash_bytes(a.body.as_bytes()) != hash;
    Ok(ReadBody {
        body: a.body.into(),
        changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_and_recent_bodies() {
        let mut b = Bodies::default();
        b.push(BodySource::Resident("held".into()));
        b.push(BodySource::File {
            index: 0,
            len: 4,
            hash: 0,
        });
        assert_eq!(b.get(0).as_deref(), Some("held"));
        assert_eq!(b.get(1), None);
        b.remember(1, "read".into());
        assert_eq!(b.get(1).as_deref(), Some("read"));
        for k in 0..RECENT + 1 {
            b.push(BodySource::File {
                index: 0,
                len: 0,
                hash: 0,
            });
            b.remember(2 + k, "x".into());
        }
        assert_eq!(b.get(1), None, "the oldest recent body is dropped");
    }

    #[test]
    fn read_body_checks_the_file_still_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "Some body text.").unwrap();
        let body = "Some body text.";
        let (len, hash) = (body.len() as u64, hash_bytes(body.as_bytes()));
        let r = read_body(&p, 0, len, hash).unwrap();
        assert_eq!(&*r.body, body);
        assert!(!r.changed);
        std::fs::write(&p, "Another text now.").unwrap();
        assert!(read_body(&p, 0, len, hash).unwrap().changed);
        assert!(read_body(&p, 3, len, hash).is_err());
        std::fs::remove_file(&p).unwrap();
        let e = read_body(&p, 0, len, hash).unwrap_err();
        assert!(e.contains("no such file"), "{e}");
    }
}
