//! What one resolution pass makes: the entities of the corpus, the
//! entity of every surface, and the articles of every entity. Immutable:
//! the app swaps a new one in whole.

use std::sync::Arc;
use std::time::Duration;

use crate::base::hash::FxHashMap;
use crate::entities::{DateValue, FoundMention, Kind};

use super::surfaces::SurfaceId;

/// An entity's number in one resolution (or among the provisional
/// entities after it): valid until the next resolution is adopted. To
/// hold on to an entity across resolutions, hold one of its surfaces
/// ([`Entity::surface`]).
pub type EntityId = u32;

/// One mention in an article's body, as byte offsets; `entity` is the
/// [`SurfaceId`] it names. The same shape as what extraction finds (whose
/// `entity` is an article-local number), so interning an article
/// renumbers its mentions in place instead of copying them.
pub type Mention = FoundMention;

/// An entity of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Stable, readable id: `khalifa-haftar`, `2020-01-06`.
    pub id: Arc<str>,
    /// The name shown: the fullest form seen.
    pub name: Arc<str>,
    pub kind: Kind,
    /// Every surface form seen, sorted, the name included.
    pub aliases: Vec<Arc<str>>,
    /// For a date entity, what it denotes.
    pub date: Option<DateValue>,
    pub mentions: u32,
    pub articles: u32,
    /// One of its surfaces: a handle on it that a later resolution maps
    /// to whatever entity it belongs to then.
    pub surface: SurfaceId,
}

/// How a resolution was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassStats {
    /// 1 for the first pass of a load (0: no pass, an empty resolution).
    pub number: u32,
    /// Articles whose entities the pass knew.
    pub articles: u32,
    /// How long this pass took, and all passes of the load so far.
    pub took: Duration,
    pub total: Duration,
}

/// The entities of the corpus as one pass found them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Resolution {
    /// The entity of every surface the pass knew.
    pub(super) entity_of: Vec<EntityId>,
    /// Surfaces whose entity has others, as bits: an article's entities
    /// are counted without sorting when it names none of them.
    pub(super) joined: Vec<u64>,
    /// Entities with mentions first, in order of first appearance in the
    /// corpus sorted newest first; then those without (surfaces whose
    /// mentions all went).
    pub(super) entities: Vec<Entity>,
    pub(super) mentioned: usize,
    /// Entity -> the articles that mention it, ascending, packed:
    /// `post[post_at[e]..post_at[e + 1]]`.
    pub(super) post_at: Vec<u32>,
    pub(super) post: Vec<u32>,
    pub(super) by_id: FxHashMap<Arc<str>, EntityId>,
    /// Where an article's surname alone names another entity than the
    /// surface's (a person the article's context points at): (article,
    /// surface, entity), sorted; and the surfaces so overridden somewhere,
    /// as bits, so that every other lookup costs one bit test.
    pub(super) overrides: Vec<(u32, SurfaceId, EntityId)>,
    pub(super) overridden: Vec<u64>,
    pub stats: PassStats,
}

impl Resolution {
    /// Surfaces the pass knew (`0..surfaces()`).
    pub fn surfaces(&self) -> usize {
        self.entity_of.len()
    }

    /// The entity of surface `s` (one the pass knew).
    pub fn entity_of(&self, s: SurfaceId) -> EntityId {
        self.entity_of[s as usize]
    }

    /// The entity surface `s` (one the pass knew) names in article
    /// `article`: [`Resolution::entity_of`] but where the article's own
    /// context settles which of several people a surname alone names.
    /// What every reading of an article's mentions goes by.
    pub fn entity_in(&self, article: u32, s: SurfaceId) -> EntityId {
        if bit(&self.overridden, s) {
            let key = (article, s);
            if let Ok(i) = self.overrides.binary_search_by(|o| (o.0, o.1).cmp(&key)) {
                return self.overrides[i].2;
            }
        }
        self.entity_of(s)
    }

    /// Whether surface `s` names another entity than its own in some
    /// article ([`Resolution::entity_in`]).
    pub fn is_overridden(&self, s: SurfaceId) -> bool {
        bit(&self.overridden, s)
    }

    /// Every (article, surface, entity) whose entity is not the surface's,
    /// sorted.
    pub fn overrides(&self) -> &[(u32, SurfaceId, EntityId)] {
        &self.overrides
    }

    /// Whether surface `s` (one the pass knew) shares its entity with
    /// other surfaces (or names another entity in some article).
    pub fn is_joined(&self, s: SurfaceId) -> bool {
        bit(&self.joined, s)
    }

    /// The entity of every surface the pass knew, by surface.
    pub fn entities_of_surfaces(&self) -> &[EntityId] {
        &self.entity_of
    }

    /// Every entity: those with mentions, then those without.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entities with mentions.
    pub fn mentioned(&self) -> &[Entity] {
        &self.entities[..self.mentioned]
    }

    pub fn entity(&self, e: EntityId) -> &Entity {
        &self.entities[e as usize]
    }

    /// The articles that mention entity `e`, ascending (as the pass knew
    /// them).
    pub fn articles_mentioning(&self, e: EntityId) -> &[u32] {
        let e = e as usize;
        match (self.post_at.get(e), self.post_at.get(e + 1)) {
            (Some(&s), Some(&t)) => &self.post[s as usize..t as usize],
            _ => &[],
        }
    }

    /// The entity with this readable id.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied()
    }

    /// The same resolution with its articles numbered anew: article `a`
    /// is `number[a]` (a place for every article it knew), as the batch
    /// path numbers them once sorted. What depends on an article's number
    /// (its postings, the entity a surname names in it) follows.
    pub fn renumbered(&self, number: &[u32]) -> Resolution {
        let renumber = |a: u32| number.get(a as usize).copied().unwrap_or(a);
        let mut post = self.post.clone();
        for e in 0..self.post_at.len().saturating_sub(1) {
            let list = &mut post[self.post_at[e] as usize..self.post_at[e + 1] as usize];
            for a in list.iter_mut() {
                *a = renumber(*a);
            }
            list.sort_unstable();
        }
        let mut overrides: Vec<(u32, SurfaceId, EntityId)> = self
            .overrides
            .iter()
            .map(|&(a, s, e)| (renumber(a), s, e))
            .collect();
        overrides.sort_unstable();
        Resolution {
            entity_of: self.entity_of.clone(),
            joined: self.joined.clone(),
            entities: self.entities.clone(),
            mentioned: self.mentioned,
            post_at: self.post_at.clone(),
            post,
            by_id: self.by_id.clone(),
            overrides,
            overridden: self.overridden.clone(),
            stats: self.stats,
        }
    }
}

/// Bit `s` of `bits` (none past the end).
fn bit(bits: &[u64], s: SurfaceId) -> bool {
    let s = s as usize;
    bits.get(s / 64).is_some_and(|w| w & (1 << (s % 64)) != 0)
}
