//! The entity index: every mention of every entity across the corpus.
//!
//! Extraction links mentions within one article ([`ArticleEntities`]); the
//! index gives each entity one id across the corpus, keyed by kind and
//! normalised name, and [`EntityIndex::finish`] joins what only the whole
//! corpus reveals: an article that says only `Haftar` joins the `Khalifa
//! Haftar` of the others, an article's bare `LNA` joins the `Libyan National
//! Army` it abbreviates elsewhere.

use std::collections::HashMap;

use crate::base::hash::FxHashMap;
use crate::base::names::{normalize, normalize_into, slug};
use crate::base::union_find::UnionFind;

use crate::entities::{ArticleEntities, DateValue, FoundMention, Kind};

pub type EntityId = u32;

/// One mention in an article's body, as byte offsets; `entity` is an id of
/// the index. The same shape as what extraction finds (whose `entity` is
/// an article-local number), so adding an article renumbers its mentions
/// in place instead of copying them: a warm start of 100,000 articles
/// allocates no second copy of 9 million mentions.
pub type Mention = FoundMention;

/// An entity of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Stable, readable id: `khalifa-haftar`, `2020-01-06`.
    pub id: String,
    /// Canonical name: the fullest form seen.
    pub name: String,
    pub kind: Kind,
    /// Every surface form seen, sorted, the name included.
    pub aliases: Vec<String>,
    /// For a date entity, what it denotes.
    pub date: Option<DateValue>,
    pub mentions: u32,
    pub articles: u32,
}

/// No entity in this slot (see [`EntityIndex::names`]).
const NONE: EntityId = EntityId::MAX;

fn slot(kind: Kind) -> usize {
    kind as usize
}

#[derive(Debug, Default, Clone)]
pub struct EntityIndex {
    entities: Vec<Entity>,
    /// Normalised name -> the entity of each kind with that name (by
    /// [`slot`]; unresolved dates in the date slot). Looked up by `&str`
    /// from a scratch buffer: a hit allocates nothing.
    names: FxHashMap<String, [EntityId; 5]>,
    /// Resolved dates -> their entity.
    dates: FxHashMap<DateValue, EntityId>,
    scratch: String,
    /// By article index; `None` until the article has been extracted.
    per_article: Vec<Option<Vec<Mention>>>,
    /// Entity -> indices of the articles that mention it, ascending.
    postings: Vec<Vec<u32>>,
}

impl EntityIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    /// Mentions of one article in reading order; empty until extracted.
    pub fn mentions(&self, article: usize) -> &[Mention] {
        self.per_article
            .get(article)
            .and_then(|m| m.as_deref())
            .unwrap_or(&[])
    }

    pub fn is_extracted(&self, article: usize) -> bool {
        self.per_article.get(article).is_some_and(Option::is_some)
    }

    /// Indices of the articles mentioning `entity`, ascending.
    pub fn articles_mentioning(&self, entity: EntityId) -> &[u32] {
        &self.postings[entity as usize]
    }

    /// The distinct entities of one article with their mention counts,
    /// most mentioned first (ties by first appearance).
    pub fn article_entities(&self, article: usize) -> Vec<(EntityId, u32)> {
        let mut counts: Vec<(EntityId, u32, usize)> = Vec::new();
        for (pos, m) in self.mentions(article).iter().enumerate() {
            match counts.iter_mut().find(|(e, _, _)| *e == m.entity) {
                Some(c) => c.1 += 1,
                None => counts.push((m.entity, 1, pos)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts.into_iter().map(|(e, n, _)| (e, n)).collect()
    }

    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.id == id)
            .map(|p| p as EntityId)
    }

    /// Adds the extraction of article `article` (an index into the corpus).
    /// Adding an article twice replaces its earlier mentions.
    pub fn add_article(&mut self, article: usize, found: ArticleEntities) {
        if self.per_article.len() <= article {
            self.per_article.resize(article + 1, None);
        }
        if let Some(old) = self.per_article[article].take() {
            self.forget(article, &old);
        }
        let local_to_global: Vec<EntityId> = found
            .entities
            .into_iter()
            .map(|e| {
                let id = self.intern(e.kind, &e.name, e.date);
                let entity = &mut self.entities[id as usize];
                for alias in e.aliases {
                    if !entity.aliases.contains(&alias) {
                        entity.aliases.push(alias);
                    }
                }
                if e.date.is_none() && fuller_name(&e.name, &entity.name) {
                    entity.name = e.name;
                }
                id
            })
            .collect();
        let mut mentions = found.mentions;
        for m in &mut mentions {
            m.entity = local_to_global[m.entity as usize];
        }
        self.remember(article, &mentions);
        self.per_article[article] = Some(mentions);
    }

    /// The entity a kind and name (or a resolved date) stand for, created
    /// on first sight.
    fn intern(&mut self, kind: Kind, name: &str, date: Option<DateValue>) -> EntityId {
        let next = self.entities.len() as EntityId;
        let id = match (kind, date) {
            (Kind::Date, Some(d)) => *self.dates.entry(d).or_insert(next),
            _ => {
                normalize_into(name, &mut self.scratch);
                let slots = match self.names.get_mut(self.scratch.as_str()) {
                    Some(slots) => slots,
                    None => self.names.entry(self.scratch.clone()).or_insert([NONE; 5]),
                };
                let s = &mut slots[slot(kind)];
                if *s == NONE {
                    *s = next;
                }
                *s
            }
        };
        if id == next {
            self.entities.push(Entity {
                id: String::new(),
                name: match date {
                    Some(d) => d.to_string(),
                    None => name.to_string(),
                },
                kind,
                aliases: Vec::new(),
                date,
                mentions: 0,
                articles: 0,
            });
            self.postings.push(Vec::new());
        }
        id
    }

    fn remember(&mut self, article: usize, mentions: &[Mention]) {
        let a = article as u32;
        for m in mentions {
            let e = &mut self.entities[m.entity as usize];
            e.mentions += 1;
            let post = &mut self.postings[m.entity as usize];
            // Articles mostly arrive in order, and an entity's mentions in
            // one article come together: look at the end first.
            match post.last() {
                Some(&last) if last == a => {}
                Some(&last) if last > a => {
                    if let Err(pos) = post.binary_search(&a) {
                        post.insert(pos, a);
                        e.articles += 1;
                    }
                }
                _ => {
                    post.push(a);
                    e.articles += 1;
                }
            }
        }
    }

    fn forget(&mut self, article: usize, mentions: &[Mention]) {
        let a = article as u32;
        for m in mentions {
            let e = &mut self.entities[m.entity as usize];
            e.mentions = e.mentions.saturating_sub(1);
            let post = &mut self.postings[m.entity as usize];
            if let Ok(pos) = post.binary_search(&a) {
                post.remove(pos);
                e.articles = e.articles.saturating_sub(1);
            }
        }
    }

    /// Corpus-wide linking, then ids. Call after the last `add_article`
    /// (again after later additions): it merges entities that only the
    /// whole corpus shows to be one, drops entities left without mentions,
    /// and gives every entity its readable id. Entity numbers change:
    /// the result maps each old number to its new one (`None`: gone).
    pub fn finish(&mut self) -> Vec<Option<EntityId>> {
        let n = self.entities.len();
        let mut sets = UnionFind::new(n);

        // 1. One name, several kinds: the tagger disagreed with itself
        // across articles. A kind holding two thirds of the mentions wins.
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind != Kind::Date && e.mentions > 0 {
                by_name.entry(normalize(&e.name)).or_default().push(i);
            }
        }
        for group in by_name.values().filter(|g| g.len() > 1) {
            let total: u32 = group.iter().map(|&i| self.entities[i].mentions).sum();
            let &best = group
                .iter()
                .max_by_key(|&&i| self.entities[i].mentions)
                .expect("group is not empty");
            if self.entities[best].mentions * 3 >= total * 2 {
                for &i in group {
                    sets.attach(i, best);
                }
            }
        }

        // 2. Short forms: an entity whose whole name is an alias of exactly
        // one fuller entity of a compatible kind joins it (`Haftar` alone in
        // one article, `Khalifa Haftar` with alias `Haftar` in another).
        let mut alias_owners: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind == Kind::Date || e.mentions == 0 {
                continue;
            }
            for a in &e.aliases {
                let key = normalize(a);
                if key != normalize(&e.name) {
                    let owners = alias_owners.entry(key).or_default();
                    if !owners.contains(&i) {
                        owners.push(i);
                    }
                }
            }
        }
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind == Kind::Person
                && e.mentions > 0
                && let Some((_, last)) = e.name.trim_end().rsplit_once(char::is_whitespace)
                && last.chars().count() >= 3
            {
                surnames.entry(normalize(last)).or_default().push(i);
            }
        }
        for i in 0..n {
            let e = &self.entities[i];
            if e.kind == Kind::Date || e.mentions == 0 {
                continue;
            }
            let key = normalize(&e.name);
            // A person named by surname alone, in an article that never
            // gives the full name, is the one person of the corpus with
            // that surname (`Haftar`, `Khalifa Haftar` elsewhere): people
            // only, and only when the surname is nobody else's.
            let by_surname = (e.kind == Kind::Person)
                .then(|| surnames.get(&key))
                .flatten()
                .into_iter()
                .flatten()
                .copied();
            let owners: Vec<usize> = alias_owners
                .get(&key)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&o| joins(&self.entities[o], e))
                .chain(by_surname)
                .filter(|&o| o != i)
                .collect();
            if owners.is_empty() {
                continue;
            }
            let distinct: Vec<usize> = {
                let mut r: Vec<usize> = owners.iter().map(|&o| sets.find(o)).collect();
                r.sort_unstable();
                r.dedup();
                r
            };
            if let [target] = distinct.as_slice() {
                sets.attach(i, *target);
            }
        }

        self.rebuild(|i| sets.find(i))
    }

    /// Applies a merge map and drops entities without mentions.
    fn rebuild(&mut self, mut target_of: impl FnMut(usize) -> usize) -> Vec<Option<EntityId>> {
        let n = self.entities.len();
        let targets: Vec<usize> = (0..n).map(&mut target_of).collect();
        // Fold merged entities into their target.
        for (i, &t) in targets.iter().enumerate() {
            if t == i {
                continue;
            }
            let src = std::mem::take(&mut self.entities[i].aliases);
            let src_name = self.entities[i].name.clone();
            let dst = &mut self.entities[t];
            for a in src {
                if !dst.aliases.contains(&a) {
                    dst.aliases.push(a);
                }
            }
            if fuller_name(&src_name, &dst.name) && dst.kind != Kind::Date {
                // Keep the target's kind, take the fuller name.
                dst.name = src_name;
            }
        }
        // Renumber in order of first appearance.
        let mut new_id: Vec<Option<EntityId>> = vec![None; n];
        let mut order: Vec<usize> = Vec::new();
        for mentions in self.per_article.iter().flatten() {
            for m in mentions {
                let t = targets[m.entity as usize];
                if new_id[t].is_none() {
                    new_id[t] = Some(order.len() as EntityId);
                    order.push(t);
                }
            }
        }
        let mut old: Vec<Option<Entity>> = std::mem::take(&mut self.entities)
            .into_iter()
            .map(Some)
            .collect();
        let mut entities: Vec<Entity> = order
            .iter()
            .map(|&t| old[t].take().expect("each target is numbered once"))
            .collect();
        for e in &mut entities {
            e.mentions = 0;
            e.articles = 0;
            e.aliases.sort();
            e.aliases.dedup();
        }
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); entities.len()];
        for (a, mentions) in self.per_article.iter_mut().enumerate() {
            let Some(mentions) = mentions else { continue };
            for m in mentions.iter_mut() {
                let id = new_id[targets[m.entity as usize]].expect("numbered above");
                m.entity = id;
                let e = &mut entities[id as usize];
                e.mentions += 1;
                let post = &mut postings[id as usize];
                if post.last() != Some(&(a as u32)) {
                    post.push(a as u32);
                    e.articles += 1;
                }
            }
        }
        // The lookups follow the entities.
        let renumber = |old: EntityId| -> EntityId {
            if old == NONE {
                return NONE;
            }
            new_id[targets[old as usize]].unwrap_or(NONE)
        };
        for slots in self.names.values_mut() {
            for s in slots.iter_mut() {
                *s = renumber(*s);
            }
        }
        // Two kinds of one name merged into one entity: one slot keeps it.
        for slots in self.names.values_mut() {
            for k in 0..slots.len() {
                if slots[k] != NONE && slots[..k].contains(&slots[k]) {
                    let kept = slots[k];
                    if entities[kept as usize].kind as usize != k {
                        slots[k] = NONE;
                    }
                }
            }
        }
        self.names
            .retain(|_, slots| slots.iter().any(|&s| s != NONE));
        self.dates.retain(|_, id| {
            *id = renumber(*id);
            *id != NONE
        });
        assign_ids(&mut entities);
        self.entities = entities;
        self.postings = postings;
        targets.iter().map(|&t| new_id[t]).collect()
    }
}

/// Whether `short`, named by an alias of `owner`, is `owner` named short.
/// Kinds must agree (organization and location count as agreeing: an
/// acronym such as `UAE` may be tagged either way), except that a person
/// mentioned far more often absorbs a surname the tagger typed otherwise
/// in an article that never gave the full name (`Haftar`, tagged an
/// organization); a place mentioned as often as the person stays apart
/// (`Washington` the city beside `George Washington`).
fn joins(owner: &Entity, short: &Entity) -> bool {
    compatible(owner.kind, short.kind)
        || (owner.kind == Kind::Person
            && short.kind != Kind::Date
            && owner.mentions >= 3 * short.mentions)
}

/// Person/person, and organization/location (an acronym such as `UAE`
/// may be tagged either way), may merge; other pairs never do.
fn compatible(a: Kind, b: Kind) -> bool {
    a == b
        || matches!(
            (a, b),
            (Kind::Organization, Kind::Location) | (Kind::Location, Kind::Organization)
        )
}

/// Whether `candidate` is a fuller name than `current`: more words, then
/// longer, then (for a stable choice) alphabetically first.
fn fuller_name(candidate: &str, current: &str) -> bool {
    let words = |s: &str| s.split_whitespace().count();
    (
        words(candidate),
        candidate.len(),
        std::cmp::Reverse(candidate),
    ) > (words(current), current.len(), std::cmp::Reverse(current))
}

/// Readable, unique ids: the slug of the name, the ISO value of a date,
/// with the kind (then a number) appended where two would collide.
fn assign_ids(entities: &mut [Entity]) {
    let mut used: HashMap<String, usize> = HashMap::new();
    for e in entities.iter_mut() {
        let base = match e.date {
            Some(d) => d.to_string(),
            None => slug(&e.name),
        };
        let mut id = base.clone();
        if used.contains_key(&id) {
            id = format!("{base}-{}", e.kind.as_str());
        }
        let mut n = 2;
        while used.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone(), 1);
        e.id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{FoundEntity, FoundMention};

    fn doc(items: &[(&str, Kind, &[&str])], mentions: &[(u32, u32, u32)]) -> ArticleEntities {
        ArticleEntities {
            entities: items
                .iter()
                .map(|(name, kind, aliases)| FoundEntity {
                    name: name.to_string(),
                    kind: *kind,
                    aliases: aliases.iter().map(|s| s.to_string()).collect(),
                    date: None,
                })
                .collect(),
            mentions: mentions
                .iter()
                .map(|&(start, end, entity)| FoundMention { start, end, entity })
                .collect(),
        }
    }

    #[test]
    fn same_entity_across_articles_gets_one_id() {
        let mut idx = EntityIndex::new();
        idx.add_article(
            0,
            doc(
                &[(
                    "Khalifa Haftar",
                    Kind::Person,
                    &["Khalifa Haftar", "Haftar"],
                )],
                &[(0, 14, 0), (20, 26, 0)],
            ),
        );
        idx.add_article(
            1,
            doc(&[("Haftar", Kind::Person, &["Haftar"])], &[(5, 11, 0)]),
        );
        idx.finish();
        assert_eq!(idx.entities().len(), 1);
        let e = idx.entity(0);
        assert_eq!(e.id, "khalifa-haftar");
        assert_eq!(e.name, "Khalifa Haftar");
        assert_eq!(e.aliases, ["Haftar", "Khalifa Haftar"]);
        assert_eq!((e.mentions, e.articles), (3, 2));
        assert_eq!(idx.articles_mentioning(0), [0, 1]);
        assert_eq!(idx.mentions(1)[0].entity, 0);
    }

    #[test]
    fn finish_maps_old_entity_numbers_to_new_ones() {
        let mut idx = EntityIndex::new();
        idx.add_article(0, doc(&[("Egypt", Kind::Location, &[])], &[(0, 5, 0)]));
        idx.add_article(
            1,
            doc(
                &[
                    ("Omar Bashir", Kind::Person, &["Bashir"]),
                    ("Bashir", Kind::Person, &[]),
                ],
                &[(0, 11, 0)],
            ),
        );
        idx.add_article(2, doc(&[("Bashir", Kind::Person, &[])], &[(0, 6, 0)]));
        // Before: 0 Egypt, 1 Omar Bashir, 2 Bashir (no mentions in 1, one in 2).
        let map = idx.finish();
        assert_eq!(map, [Some(0), Some(1), Some(1)]);
        assert_eq!(idx.entity(1).name, "Omar Bashir");
    }

    #[test]
    fn a_surname_typed_otherwise_joins_a_much_mentioned_person() {
        let mut idx = EntityIndex::new();
        let person = doc(
            &[("Omar Bashir", Kind::Person, &["Omar Bashir", "Bashir"])],
            &[(0, 11, 0), (20, 26, 0), (30, 36, 0)],
        );
        idx.add_article(0, person);
        idx.add_article(1, doc(&[("Bashir", Kind::Organization, &[])], &[(0, 6, 0)]));
        // A city mentioned as often as a person of that name stays a city.
        idx.add_article(
            2,
            doc(
                &[("Jackson Smith", Kind::Person, &["Jackson"])],
                &[(0, 13, 0)],
            ),
        );
        idx.add_article(3, doc(&[("Jackson", Kind::Location, &[])], &[(0, 7, 0)]));
        idx.finish();
        let names: Vec<&str> = idx.entities().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Omar Bashir", "Jackson Smith", "Jackson"]);
        assert_eq!(idx.entity(0).mentions, 4);
    }

    #[test]
    fn ambiguous_short_forms_stay_apart() {
        let mut idx = EntityIndex::new();
        idx.add_article(
            0,
            doc(
                &[("Khalifa Haftar", Kind::Person, &["Haftar"])],
                &[(0, 6, 0)],
            ),
        );
        idx.add_article(
            1,
            doc(
                &[("Saddam Haftar", Kind::Person, &["Haftar"])],
                &[(0, 6, 0)],
            ),
        );
        idx.add_article(
            2,
            doc(&[("Haftar", Kind::Person, &["Haftar"])], &[(0, 6, 0)]),
        );
        idx.finish();
        assert_eq!(idx.entities().len(), 3);
    }

    #[test]
    fn a_surname_alone_joins_the_one_person_of_the_corpus_who_bears_it() {
        let mut idx = EntityIndex::new();
        // The full name once, never the surname alone in that article.
        idx.add_article(
            0,
            doc(&[("Khalifa Haftar", Kind::Person, &[])], &[(0, 14, 0)]),
        );
        idx.add_article(1, doc(&[("Haftar", Kind::Person, &[])], &[(0, 6, 0)]));
        // Two people called Smith: `Smith` alone is neither.
        idx.add_article(
            2,
            doc(
                &[
                    ("John Smith", Kind::Person, &[]),
                    ("Brad Smith", Kind::Person, &[]),
                ],
                &[(0, 10, 0), (20, 30, 1)],
            ),
        );
        idx.add_article(3, doc(&[("Smith", Kind::Person, &[])], &[(0, 5, 0)]));
        // A place is not a person's surname (`Washington`).
        idx.add_article(
            4,
            doc(
                &[
                    ("George Washington", Kind::Person, &[]),
                    ("Washington", Kind::Location, &[]),
                ],
                &[(0, 17, 0), (30, 40, 1)],
            ),
        );
        idx.finish();
        let names: Vec<(&str, u32)> = idx
            .entities()
            .iter()
            .map(|e| (e.name.as_str(), e.articles))
            .collect();
        assert_eq!(
            names,
            [
                ("Khalifa Haftar", 2),
                ("John Smith", 1),
                ("Brad Smith", 1),
                ("Smith", 1),
                ("George Washington", 1),
                ("Washington", 1)
            ]
        );
    }

    #[test]
    fn different_kinds_do_not_merge_by_alias() {
        let mut idx = EntityIndex::new();
        idx.add_article(
            0,
            doc(
                &[("Sirte Protection Force", Kind::Organization, &[])],
                &[(0, 22, 0)],
            ),
        );
        idx.add_article(1, doc(&[("Sirte", Kind::Location, &[])], &[(0, 5, 0)]));
        idx.finish();
        assert_eq!(idx.entities().len(), 2);
        assert_ne!(idx.entity(0).id, idx.entity(1).id);
    }

    #[test]
    fn a_dominant_kind_absorbs_tagger_noise() {
        let mut idx = EntityIndex::new();
        let loc = doc(
            &[("Misrata", Kind::Location, &[])],
            &[(0, 7, 0), (9, 16, 0)],
        );
        idx.add_article(0, loc.clone());
        idx.add_article(1, loc);
        idx.add_article(
            2,
            doc(&[("Misrata", Kind::Organization, &[])], &[(0, 7, 0)]),
        );
        idx.finish();
        assert_eq!(idx.entities().len(), 1);
        assert_eq!(idx.entity(0).kind, Kind::Location);
        assert_eq!(idx.entity(0).mentions, 5);
    }

    #[test]
    fn re_adding_an_article_replaces_it() {
        let mut idx = EntityIndex::new();
        idx.add_article(0, doc(&[("Egypt", Kind::Location, &[])], &[(0, 5, 0)]));
        idx.add_article(0, doc(&[("Jordan", Kind::Location, &[])], &[(0, 6, 0)]));
        idx.finish();
        assert_eq!(idx.entities().len(), 1);
        assert_eq!(idx.entity(0).name, "Jordan");
    }

    #[test]
    fn ids_are_unique_and_readable() {
        let mut idx = EntityIndex::new();
        idx.add_article(
            0,
            doc(
                &[
                    ("Jordan", Kind::Location, &[]),
                    ("Jordan", Kind::Person, &[]),
                ],
                &[(0, 6, 0), (10, 16, 1)],
            ),
        );
        idx.finish();
        let ids: Vec<_> = idx.entities().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["jordan", "jordan-person"]);
    }

    #[test]
    fn article_entities_sorted_by_count() {
        let mut idx = EntityIndex::new();
        idx.add_article(
            0,
            doc(
                &[("A", Kind::Location, &[]), ("B", Kind::Person, &[])],
                &[(0, 1, 0), (2, 3, 1), (4, 5, 1)],
            ),
        );
        idx.finish();
        assert_eq!(idx.article_entities(0), [(1, 2), (0, 1)]);
    }
}
