//! The current entity (what `n` / `N` follow) and where the mention
//! cursor stands among its mentions: the status line's
//! `Khalifa Haftar 3/12 · article 2/2`.

use super::library::Library;
use super::list::ListView;
use super::reader::Reader;
use crate::resolve::{EntityId, SurfaceId};

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

/// (entity, resolution, open article, cursor).
type MentionKey = (EntityId, u64, Option<usize>, Option<usize>);
/// (entity, resolution, open article, list generation).
type ListedKey = (EntityId, u64, Option<usize>, u64);

#[derive(Debug, Default)]
pub struct Navigation {
    /// The entity `n` / `N` follow, held by one of its surfaces: a new
    /// resolution moves it to whatever entity that surface joins.
    current: Option<SurfaceId>,
    /// The current entity is the one a kept filter's `@name` chose: it
    /// goes when the filter does.
    from_filter: bool,
    position: Option<Position>,
    /// What `position` was computed for: the mention part, the article
    /// part.
    keys: (Option<MentionKey>, Option<ListedKey>),
}

impl Navigation {
    /// The entity `n` / `N` follow.
    pub fn current(&self, lib: &Library) -> Option<EntityId> {
        self.current.map(|s| lib.entities().entity_of(s))
    }

    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// Follows the entity of surface `s`.
    pub fn follow(&mut self, s: SurfaceId) {
        self.current = Some(s);
        self.from_filter = false;
    }

    /// The entity just followed was chosen by the filter.
    pub fn set_from_filter(&mut self) {
        self.from_filter = true;
    }

    /// Follows no entity.
    pub fn forget(&mut self) {
        self.current = None;
        self.from_filter = false;
    }

    /// The filter went: the entity it chose goes too.
    pub fn forget_if_from_filter(&mut self) {
        if self.from_filter {
            self.forget();
        }
    }

    /// The open article's mentions changed: the position is computed
    /// again.
    pub fn mentions_changed(&mut self) {
        self.keys = (None, None);
    }

    /// Recomputes the position when what it depends on changed: the
    /// mention part when the cursor moves (a walk over the open article's
    /// mentions), the article part when the list or the open article
    /// changes (a walk over the list); both when the entities were
    /// resolved again. Never per frame.
    pub fn sync(&mut self, lib: &Library, reader: &Reader, list: &ListView) {
        let Some(e) = self.current(lib) else {
            self.position = None;
            self.keys = (None, None);
            return;
        };
        let generation = lib.entities().generation();
        let mut p = self.position.filter(|p| p.entity == e).unwrap_or(Position {
            entity: e,
            ..Position::default()
        });
        let open = reader.open();
        let mention_key = (e, generation, open, reader.cursor());
        if self.keys.0 != Some(mention_key) {
            let ms = open.map_or(&[][..], |a| lib.mentions(a));
            let of = |i: usize| lib.entity_of(open.unwrap_or_default(), &ms[i]) == e;
            p.in_article = (0..ms.len()).filter(|&i| of(i)).count();
            p.index = reader
                .cursor()
                .filter(|&c| c < ms.len() && of(c))
                .map(|c| (0..=c).filter(|&i| of(i)).count());
            self.keys.0 = Some(mention_key);
        }
        let article_key = (e, generation, open, list.generation());
        if self.keys.1 != Some(article_key) {
            p.articles = 0;
            p.article = None;
            for &a in list.reports() {
                if lib.mentions_entity(a, e) {
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
