//! The current entity (what `n` / `N` follow) and where the mention
//! cursor stands among its mentions: the status line's
//! `Khalifa Haftar 3/12 · article 2/2`.

use super::library::Library;
use super::list::ListView;
use super::reader::Reader;
use crate::index::EntityId;

/// Where the mention cursor stands among the current entity's mentions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub entity: EntityId,
    /// 1-based, when the cursor is on a mention of the entity.
    pub index: Option<usize>,
    /// Mentions of the entity in the open article.
    pub in_article: usize,
    /// 1-based rank of the open article among the listed articles that
    /// mention the entity; `None` when it is not one of them.
    pub article: Option<usize>,
    /// Listed articles that mention the entity.
    pub articles: usize,
}

/// (entity, open article, cursor).
type MentionKey = (EntityId, Option<usize>, Option<usize>);
/// (entity, open article, list generation).
type ListedKey = (EntityId, Option<usize>, u64);

#[derive(Debug, Default)]
pub struct Navigation {
    /// The entity `n` / `N` follow.
    current: Option<EntityId>,
    position: Option<Position>,
    /// What `position` was computed for: the mention part, the article
    /// part.
    keys: (Option<MentionKey>, Option<ListedKey>),
}

impl Navigation {
    pub fn current(&self) -> Option<EntityId> {
        self.current
    }

    pub fn position(&self) -> Option<Position> {
        self.position
    }

    pub fn follow(&mut self, e: EntityId) {
        self.current = Some(e);
    }

    /// Entities were renumbered (`map`: old number to new one).
    pub fn renumber(&mut self, map: impl Fn(EntityId) -> Option<EntityId>) {
        self.current = self.current.and_then(map);
        self.position = None;
        self.keys = (None, None);
    }

    /// Recomputes the position when what it depends on changed: the
    /// mention part when the cursor moves (a walk over the open article's
    /// mentions), the article part when the list or the open article
    /// changes (a walk over the list). Never per frame.
    pub fn sync(&mut self, lib: &Library, reader: &Reader, list: &ListView) {
        let Some(e) = self.current else {
            self.position = None;
            self.keys = (None, None);
            return;
        };
        let mut p = self.position.filter(|p| p.entity == e).unwrap_or(Position {
            entity: e,
            ..Position::default()
        });
        let open = reader.open();
        let mention_key = (e, open, reader.cursor());
        if self.keys.0 != Some(mention_key) {
            let ms = open.map_or(&[][..], |a| lib.mentions(a));
            p.in_article = ms.iter().filter(|m| m.entity == e).count();
            p.index = reader.cursor().and_then(|c| {
                (ms.get(c)?.entity == e).then(|| ms[..=c].iter().filter(|m| m.entity == e).count())
            });
            self.keys.0 = Some(mention_key);
        }
        let article_key = (e, open, list.generation());
        if self.keys.1 != Some(article_key) {
            let posting = lib.index().articles_mentioning(e);
            p.articles = 0;
            p.article = None;
            for &a in list.view() {
                if posting.binary_search(&(a as u32)).is_ok() {
                    p.articles += 1;
                    if Some(a) == open {
                        p.article = Some(p.articles);
                    }
                }
            }
            self.keys.1 = Some(article_key);
        }
        self.position = Some(p);
    }
}
