//! The stories of the corpus as the app knows them: the latest grouping
//! the load sent, swapped in whole (no grouping happens here). An article
//! the grouping does not name (listed, or sketched, since) is a story of
//! its own until the next.

use std::sync::Arc;

use crate::stories::{Grouping, Story};

#[derive(Debug, Default)]
pub struct Storylines {
    grouping: Arc<Grouping>,
    version: u64,
}

/// The story of one article: a view valid until the next grouping.
#[derive(Clone, Copy, Debug)]
pub struct StoryOf<'a> {
    story: Option<&'a Story>,
    /// The article asked about, its own story when `story` is `None`.
    alone: u32,
}

impl Storylines {
    /// A new grouping, swapped in whole.
    pub fn adopt(&mut self, grouping: Arc<Grouping>) {
        self.grouping = grouping;
        self.version += 1;
    }

    /// The latest grouping (empty before the first).
    pub fn grouping(&self) -> &Grouping {
        &self.grouping
    }

    /// Changes with every grouping adopted.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The story of each article by its first report, by article number
    /// ([`crate::stories::Stories::NONE`] for an article not grouped, a story of its own):
    /// made with the grouping, so adopting one costs this thread nothing.
    pub fn firsts(&self) -> Arc<[u32]> {
        self.grouping.stories.firsts()
    }

    pub fn story_of(&self, article: usize) -> StoryOf<'_> {
        StoryOf {
            story: self.grouping.stories.story_of(article as u32),
            alone: article as u32,
        }
    }
}

impl<'a> StoryOf<'a> {
    /// Its reports (article indices), earliest first: by date, undated
    /// last, then id.
    pub fn reports(&self) -> &[u32] {
        match self.story {
            Some(s) => &s.reports,
            None => std::slice::from_ref(&self.alone),
        }
    }

    /// Its reports, earliest first, as an iterator of article indices
    /// that outlives this view.
    pub fn iter(&self) -> impl Iterator<Item = usize> + use<'a> {
        let (grouped, alone) = match self.story {
            Some(s) => (&s.reports[..], None),
            None => (&[][..], Some(self.alone as usize)),
        };
        grouped.iter().map(|&r| r as usize).chain(alone)
    }

    /// Its first report, which stands for the story (two articles are of
    /// one story when their stories' first reports are the same).
    pub fn first(&self) -> usize {
        self.reports()[0] as usize
    }

    /// How many reports it has.
    pub fn len(&self) -> usize {
        self.reports().len()
    }

    /// Whether it has no report (never: an article is in its own story).
    pub fn is_empty(&self) -> bool {
        self.reports().is_empty()
    }

    /// The story's id as the grouping names it (the id of its first
    /// report); `None` for an article not grouped yet.
    pub fn id(&self) -> Option<&'a str> {
        self.story.map(|s| s.id.as_str())
    }

    /// The reports before `article` (earliest first): those whose
    /// passages are not new in it. Empty for its first report, and for
    /// an article not of this story.
    pub fn earlier(&self, article: usize) -> &[u32] {
        let reports = self.reports();
        let at = reports
            .iter()
            .position(|&r| r as usize == article)
            .unwrap_or(0);
        &reports[..at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::{Sketch, Threader};

    #[test]
    fn an_article_the_grouping_does_not_name_is_a_story_of_its_own() {
        let text = "Rain flooded the river towns of the valley for a third day, \
                    officials in Lorvik said, closing the northern bridge.";
        let d = chrono::NaiveDate::from_ymd_opt(2021, 3, 1);
        let mut t = Threader::new();
        t.add(0, "b", Sketch::new(text, d, &[]));
        t.add(2, "a", Sketch::new(text, d, &[]));
        let mut lines = Storylines::default();
        assert_eq!(lines.story_of(0).reports(), [0]);
        assert_eq!(lines.story_of(0).id(), None);
        lines.adopt(Arc::new(Grouping {
            stories: t.group(),
            ..Grouping::default()
        }));
        assert_eq!(lines.version(), 1);
        let s = lines.story_of(0);
        assert_eq!(
            (s.reports(), s.first(), s.id()),
            (&[2, 0][..], 2, Some("a"))
        );
        assert_eq!(s.earlier(0), [2]);
        assert!(s.earlier(2).is_empty());
        let alone = lines.story_of(1);
        assert_eq!(
            (alone.reports(), alone.first(), alone.len()),
            (&[1][..], 1, 1)
        );
        assert_eq!(alone.iter().collect::<Vec<_>>(), [1]);
        assert_eq!(s.iter().collect::<Vec<_>>(), [2, 0]);
        assert!(alone.earlier(1).is_empty());
    }
}
