//! The entities as the app knows them: the latest resolution, and the
//! surfaces seen after it, each a provisional entity of its own until the
//! next pass places it. Adopting a new resolution is O(surfaces seen
//! since): nothing that points at a surface changes.

use std::sync::Arc;

use crate::base::hash::FxHashMap;
use crate::entities::{DateValue, Kind};

use super::naming::Ids;
use super::resolution::{Entity, EntityId, Mention, Resolution};
use super::surfaces::{SurfaceId, SurfaceInfo};

/// The entity surface `s` belongs to (in article `article`, when given:
/// see [`Resolution::entity_in`]), surfaces after `resolution`'s being
/// provisional entities of their own, numbered after its entities.
fn entity_at(resolution: &Resolution, article: Option<u32>, s: SurfaceId) -> EntityId {
    let covered = resolution.surfaces();
    let i = s as usize;
    match article {
        _ if i >= covered => (resolution.entities().len() + (i - covered)) as EntityId,
        Some(a) => resolution.entity_in(a, s),
        None => resolution.entity_of(s),
    }
}

/// What a date entity denotes (`None` for any other).
fn date_of(e: &Entity) -> Option<DateValue> {
    if e.kind == Kind::Date { e.date } else { None }
}

/// The surfaces' entities and the dates' values of an [`EntityTable`],
/// as a worker reads them (see [`EntityTable::map`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMap {
    resolution: Arc<Resolution>,
    provisional_dates: Vec<Option<DateValue>>,
}

impl EntityMap {
    /// The entity surface `s` belongs to.
    pub fn entity_of(&self, s: SurfaceId) -> EntityId {
        entity_at(&self.resolution, None, s)
    }

    /// The entity surface `s` names in article `article`.
    pub fn entity_in(&self, article: u32, s: SurfaceId) -> EntityId {
        entity_at(&self.resolution, Some(article), s)
    }

    /// What entity `e` denotes, if it is a date.
    pub fn date_of(&self, e: EntityId) -> Option<DateValue> {
        let resolved = self.resolution.entities();
        match resolved.get(e as usize) {
            Some(x) => date_of(x),
            None => self
                .provisional_dates
                .get(e as usize - resolved.len())
                .copied()
                .flatten(),
        }
    }
}

#[derive(Debug, Default)]
pub struct EntityTable {
    resolution: Arc<Resolution>,
    /// One entity per surface from `resolution.surfaces()` on.
    provisional: Vec<Entity>,
    provisional_ids: FxHashMap<Arc<str>, EntityId>,
    /// The last article counted for each provisional entity.
    counted_in: Vec<u32>,
    /// Bumped by every resolution adopted: entity numbers from before
    /// mean nothing after.
    generation: u64,
}

impl EntityTable {
    pub fn new(resolution: Arc<Resolution>) -> EntityTable {
        EntityTable {
            resolution,
            ..EntityTable::default()
        }
    }

    /// Which resolution the entity numbers are of.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn resolution(&self) -> &Arc<Resolution> {
        &self.resolution
    }

    /// Entities, resolved and provisional.
    pub fn len(&self) -> usize {
        self.resolution.entities().len() + self.provisional.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Surfaces known (`0..surfaces()`).
    pub fn surfaces(&self) -> usize {
        self.resolution.surfaces() + self.provisional.len()
    }

    /// The entity surface `s` belongs to: typed or held, outside any
    /// article (an article's mentions go by [`EntityTable::entity_in`]).
    pub fn entity_of(&self, s: SurfaceId) -> EntityId {
        entity_at(&self.resolution, None, s)
    }

    /// The entity surface `s` names in article `article` (a surname
    /// alone may name another person there than elsewhere).
    pub fn entity_in(&self, article: u32, s: SurfaceId) -> EntityId {
        entity_at(&self.resolution, Some(article), s)
    }

    /// What a worker needs of the table to read mentions: which entity
    /// each surface is, and what a date entity denotes. A handle on the
    /// resolution and the dates of the provisional entities (few once a
    /// resolution placed them): no copy of the resolution.
    pub fn map(&self) -> EntityMap {
        EntityMap {
            resolution: Arc::clone(&self.resolution),
            provisional_dates: self.provisional.iter().map(date_of).collect(),
        }
    }

    /// Whether surface `s` shares its entity with other surfaces, or
    /// names another in some article (never, for a provisional one).
    pub fn is_joined(&self, s: SurfaceId) -> bool {
        self.resolution.is_joined(s)
    }

    pub fn entity(&self, e: EntityId) -> &Entity {
        let resolved = self.resolution.entities();
        match resolved.get(e as usize) {
            Some(x) => x,
            None => &self.provisional[e as usize - resolved.len()],
        }
    }

    /// Every entity, by number.
    pub fn iter(&self) -> impl Iterator<Item = &Entity> {
        self.resolution.entities().iter().chain(&self.provisional)
    }

    /// The entity with this readable id.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.resolution
            .find(id)
            .or_else(|| self.provisional_ids.get(id).copied())
    }

    /// The articles that mention resolved entity `e`, as the resolution
    /// knew them (none for a provisional one).
    pub fn articles_mentioning(&self, e: EntityId) -> &[u32] {
        self.resolution.articles_mentioning(e)
    }

    /// Surfaces seen for the first time, in surface order: provisional
    /// entities of their own.
    pub fn add_surfaces(&mut self, infos: impl IntoIterator<Item = SurfaceInfo>) {
        let mut ids = Ids::default();
        for info in infos {
            self.add_provisional(info, &mut ids);
        }
    }

    fn add_provisional(&mut self, info: SurfaceInfo, ids: &mut Ids) {
        let surface = self.surfaces() as SurfaceId;
        let number = self.len() as EntityId;
        let resolution = &self.resolution;
        let taken = &self.provisional_ids;
        let id: Arc<str> = ids
            .assign_unless(&info.name, info.kind, info.date, |id| {
                resolution.find(id).is_some() || taken.contains_key(id)
            })
            .into();
        self.provisional_ids.insert(id.clone(), number);
        let mut aliases = info.aliases;
        aliases.sort();
        aliases.dedup();
        self.counted_in.push(u32::MAX);
        self.provisional.push(Entity {
            id,
            name: info.name,
            kind: info.kind,
            aliases,
            date: info.date,
            mentions: 0,
            articles: 0,
            surface,
        });
    }

    /// Counts article `article`'s mentions for the provisional entities
    /// they name (a resolution counts its own). Articles come one at a
    /// time: O(1) a mention.
    pub fn count(&mut self, article: u32, mentions: &[Mention]) {
        let covered = self.resolution.surfaces();
        for m in mentions {
            let Some(k) = (m.entity as usize).checked_sub(covered) else {
                continue;
            };
            let (Some(e), Some(last)) = (self.provisional.get_mut(k), self.counted_in.get_mut(k))
            else {
                continue;
            };
            e.mentions += 1;
            if *last != article {
                *last = article;
                e.articles += 1;
            }
        }
    }

    /// Takes back what [`EntityTable::count`] counted for mentions an
    /// article no longer has.
    pub fn uncount(&mut self, mentions: &[Mention]) {
        let covered = self.resolution.surfaces();
        let mut seen: Vec<usize> = Vec::new();
        for m in mentions {
            let Some(k) = (m.entity as usize).checked_sub(covered) else {
                continue;
            };
            let Some(e) = self.provisional.get_mut(k) else {
                continue;
            };
            e.mentions = e.mentions.saturating_sub(1);
            if !seen.contains(&k) {
                seen.push(k);
                e.articles = e.articles.saturating_sub(1);
                self.counted_in[k] = u32::MAX;
            }
        }
    }

    /// A new resolution: the surfaces it places stop being provisional;
    /// those after it stay provisional (their ids made unique again).
    pub fn adopt(&mut self, resolution: Arc<Resolution>) {
        let placed = resolution
            .surfaces()
            .saturating_sub(self.resolution.surfaces())
            .min(self.provisional.len());
        let rest: Vec<Entity> = self.provisional.drain(placed..).collect();
        let counted: Vec<u32> = self.counted_in.drain(placed..).collect();
        self.provisional.clear();
        self.counted_in.clear();
        self.provisional_ids.clear();
        self.resolution = resolution;
        self.generation += 1;
        let mut ids = Ids::default();
        for (e, counted) in rest.into_iter().zip(counted) {
            let (mentions, articles) = (e.mentions, e.articles);
            self.add_provisional(
                SurfaceInfo {
                    kind: e.kind,
                    name: e.name,
                    date: e.date,
                    aliases: e.aliases,
                },
                &mut ids,
            );
            let last = self.provisional.last_mut().expect("just added");
            (last.mentions, last.articles) = (mentions, articles);
            *self.counted_in.last_mut().expect("just added") = counted;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    fn info(name: &str, kind: Kind) -> SurfaceInfo {
        SurfaceInfo {
            kind,
            name: name.into(),
            date: None,
            aliases: vec![name.into()],
        }
    }

    #[test]
    fn provisional_entities_until_a_resolution_places_them() {
        let mut t = EntityTable::default();
        t.add_surfaces([info("Sirte", Kind::Location), info("Haftar", Kind::Person)]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.entity_of(1), 1);
        assert_eq!(&*t.entity(1).id, "haftar");
        assert_eq!(t.find("sirte"), Some(0));
        let m = |s: SurfaceId| Mention {
            start: 0,
            end: 1,
            entity: s,
        };
        t.count(0, &[m(1), m(1)]);
        assert_eq!((t.entity(1).mentions, t.entity(1).articles), (2, 1));
        // A resolution of the first surface only: the second stays
        // provisional, numbered after the resolved entities.
        let mut r = crate::resolve::Resolver::new();
        let meta = crate::corpus::ArticleMeta::default();
        r.list(0, meta.sort_key(), 0);
        let found = crate::entities::ArticleEntities {
            mentions: vec![m(0)],
            entities: vec![crate::entities::FoundEntity {
                name: "Sirte".into(),
                kind: Kind::Location,
                aliases: vec!["Sirte".into()],
                date: None,
            }],
        };
        r.add(0, found);
        let before = t.generation();
        t.adopt(Arc::new(r.resolve()));
        assert_ne!(t.generation(), before);
        assert_eq!(t.len(), 2);
        assert_eq!(t.entity_of(0), 0);
        assert_eq!(&*t.entity(0).name, "Sirte");
        assert_eq!(t.entity_of(1), 1);
        assert_eq!(&*t.entity(1).name, "Haftar");
        assert_eq!(t.entity(1).mentions, 2, "provisional counts kept");
        assert_eq!(t.find("haftar"), Some(1));
    }
}
