//! Where article bodies come from. A list of 100,000 reports holds their
//! metadata only; a body is read from its file when the article is shown
//! (and kept among a few recent ones), or held in memory when the app was
//! given it (the bundled sample, tests).

use std::collections::VecDeque;
use std::sync::Arc;

/// How many file bodies stay in memory after being shown.
const RECENT: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodySource {
    /// Held in memory.
    Resident(Arc<str>),
    /// Article `index` of what parsing its file gives (the article's
    /// fingerprint is that of the body its entities were found in).
    File { index: u32 },
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_and_recent_bodies() {
        let mut b = Bodies::default();
        b.push(BodySource::Resident("held".into()));
        b.push(BodySource::File { index: 0 });
        assert_eq!(b.get(0).as_deref(), Some("held"));
        assert_eq!(b.get(1), None);
        b.remember(1, "read".into());
        assert_eq!(b.get(1).as_deref(), Some("read"));
        for k in 0..RECENT + 1 {
            b.push(BodySource::File { index: 0 });
            b.remember(2 + k, "x".into());
        }
        assert_eq!(b.get(1), None, "the oldest recent body is dropped");
    }
}
