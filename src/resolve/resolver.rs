//! The evidence of corpus-wide resolution, gathered as articles arrive:
//! every article's surfaces (in the order it names them, and in the order
//! it first mentions them, with counts) and where it sorts; every
//! surface's names, aliases and mentions. A pass reads it all.

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::merge::merge_by;
use crate::corpus::{ArticleMeta, SortKey};
use crate::entities::ArticleEntities;

use super::evidence::{ArticleEvidence, Named};
use super::pass;
use super::resolution::{Mention, PassStats, Resolution};
use super::surfaces::{SurfaceId, SurfaceInfo, Surfaces};

/// An article's entities, interned.
#[derive(Debug)]
pub struct Added {
    /// Its mentions, each naming a surface.
    pub mentions: Vec<Mention>,
    /// Surfaces first seen in it.
    pub new_surfaces: Range<SurfaceId>,
}

/// The corpus-wide evidence, and the passes over it.
#[derive(Debug, Default)]
pub struct Resolver {
    surfaces: Surfaces,
    /// By article number.
    articles: Vec<ArticleEvidence>,
    /// Listed articles in the order the corpus sorts in, as of the last
    /// pass, and those listed since (placed at the next pass: a merge, not
    /// a sort of every article again).
    sorted: Vec<u32>,
    unplaced: Vec<u32>,
    extracted: usize,
    /// By surface: in how many articles' entities it is (`found`); and how
    /// many surfaces are in some article's. A pass's reading of the
    /// articles stops once it has seen all of those.
    found_in: Vec<u32>,
    found_surfaces: usize,
    /// The evidence changed since the last pass.
    changed: bool,
    passes: u32,
    total: Duration,
    scratch: Vec<u32>,
}

impl Resolver {
    pub fn new() -> Resolver {
        Resolver::default()
    }

    fn slot(&mut self, article: u32) -> &mut ArticleEvidence {
        let a = article as usize;
        if self.articles.len() <= a {
            self.articles.resize_with(a + 1, ArticleEvidence::default);
        }
        &mut self.articles[a]
    }

    /// Article `article` is listed: `key` says where it sorts, `tie`
    /// breaks ties (its place in the load).
    pub fn list(&mut self, article: u32, key: SortKey, tie: u64) {
        let slot = self.slot(article);
        let first_time = slot.order.is_none();
        slot.order = Some((key, tie));
        if first_time {
            self.unplaced.push(article);
        }
        self.changed = true;
    }

    /// Every article with entities, in the order the corpus sorts in
    /// (newest first, then path and id, then the tie-break; unlisted ones
    /// last, by number).
    fn canonical(&mut self) -> Vec<u32> {
        let articles = &self.articles;
        let key = |a: &u32| articles[*a as usize].order.as_ref();
        let by_key = |a: &u32, b: &u32| key(a).cmp(&key(b)).then(a.cmp(b));
        let mut new = std::mem::take(&mut self.unplaced);
        new.sort_by(by_key);
        self.sorted = merge_by(&self.sorted, &new, |a, b| by_key(a, b).is_le());
        let mut out: Vec<u32> = self
            .sorted
            .iter()
            .copied()
            .filter(|&a| articles[a as usize].found.is_some())
            .collect();
        out.extend(
            (0..articles.len() as u32)
                .filter(|&a| key(&a).is_none() && articles[a as usize].found.is_some()),
        );
        out
    }

    /// Article `article`'s entities (replacing any it had): interned to
    /// surfaces, its mentions renumbered to them in place.
    pub fn add(&mut self, article: u32, found: ArticleEntities) -> Added {
        let old = std::mem::take(&mut self.slot(article).mentioned);
        for n in old.iter() {
            self.surfaces.count(n.surface, n.form, n.mentions, false);
        }
        let old_found = self.articles[article as usize].found.take();
        self.extracted += usize::from(old_found.is_none());
        for s in old_found.unwrap_or_default() {
            let k = &mut self.found_in[s as usize];
            *k -= 1;
            self.found_surfaces -= usize::from(*k == 0);
        }
        let first_new = self.surfaces.len() as SurfaceId;
        let local: Vec<(SurfaceId, u32)> = found
            .entities
            .into_iter()
            .map(|e| {
                let (s, _, form) = self.surfaces.intern(article, e);
                (s, form)
            })
            .collect();
        let mut mentions = found.mentions;
        mentions.retain(|m| (m.entity as usize) < local.len());
        // The local entities in order of first mention, with their
        // mentions: `place[j]` is where entity `j` is in that order. (A
        // buffer kept between articles: nothing allocated but what is
        // kept.)
        let place = &mut self.scratch;
        place.clear();
        place.resize(local.len(), u32::MAX);
        let mut mentioned_len = 0;
        for m in &mentions {
            let p = &mut place[m.entity as usize];
            if *p == u32::MAX {
                *p = mentioned_len;
                mentioned_len += 1;
            }
        }
        let mut mentioned: Box<[Named]> =
            vec![Named::default(); mentioned_len as usize].into_boxed_slice();
        for m in &mut mentions {
            let j = m.entity as usize;
            let (surface, form) = local[j];
            let slot = &mut mentioned[place[j] as usize];
            *slot = Named {
                surface,
                mentions: slot.mentions + 1,
                form,
            };
            m.entity = surface;
        }
        for n in mentioned.iter() {
            self.surfaces.count(n.surface, n.form, n.mentions, true);
        }
        self.found_in.resize(self.surfaces.len(), 0);
        for &(s, _) in &local {
            let k = &mut self.found_in[s as usize];
            *k += 1;
            self.found_surfaces += usize::from(*k == 1);
        }
        let slot = self.slot(article);
        slot.found = Some(local.iter().map(|&(s, _)| s).collect());
        slot.mentioned = mentioned;
        self.changed = true;
        Added {
            mentions,
            new_surfaces: first_new..self.surfaces.len() as SurfaceId,
        }
    }

    /// What the app learns of surface `s` when it is first seen.
    pub fn surface(&self, s: SurfaceId) -> SurfaceInfo {
        self.surfaces.info(s)
    }

    /// Surfaces seen so far.
    pub fn surfaces(&self) -> usize {
        self.surfaces.len()
    }

    /// Articles whose entities are known.
    pub fn extracted(&self) -> usize {
        self.extracted
    }

    /// Whether anything changed since the last pass.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// A pass: the entities of the corpus as the evidence now shows them.
    pub fn resolve(&mut self) -> Resolution {
        let start = Instant::now();
        let order = self.canonical();
        let mut r = pass::run(&self.surfaces, &self.articles, &order, self.found_surfaces);
        let took = start.elapsed();
        self.passes += 1;
        self.total += took;
        self.changed = false;
        r.stats = PassStats {
            number: self.passes,
            articles: self.extracted as u32,
            took,
            total: self.total,
        };
        r
    }
}

/// A corpus resolved at once: what the batch path, tests and benchmarks
/// build an app from.
#[derive(Debug)]
pub struct Resolved {
    /// Each article's mentions, naming surfaces.
    pub mentions: Vec<Vec<Mention>>,
    pub resolution: Arc<Resolution>,
}

/// Resolves articles given with their entities, numbered in the order
/// given (which is also the tie-break of their sort order).
pub fn resolve_corpus<'a>(
    articles: impl IntoIterator<Item = (&'a ArticleMeta, ArticleEntities)>,
) -> Resolved {
    let mut r = Resolver::new();
    let mut mentions = Vec::new();
    for (i, (meta, found)) in articles.into_iter().enumerate() {
        r.list(i as u32, meta.sort_key(), i as u64);
        mentions.push(r.add(i as u32, found).mentions);
    }
    Resolved {
        mentions,
        resolution: Arc::new(r.resolve()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{FoundEntity, FoundMention, Kind};

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

    /// Articles `a0`, `a1`, ... of one undated file: they sort in the
    /// order given.
    fn corpus(docs: Vec<ArticleEntities>) -> Resolved {
        let metas: Vec<ArticleMeta> = (0..docs.len())
            .map(|i| ArticleMeta {
                id: format!("a{i}"),
                path: "r.jsonl".into(),
                ..ArticleMeta::default()
            })
            .collect();
        resolve_corpus(metas.iter().zip(docs))
    }

    fn names(r: &Resolution) -> Vec<&str> {
        r.mentioned().iter().map(|e| &*e.name).collect()
    }

    #[test]
    fn same_entity_across_articles_gets_one_id() {
        let r = corpus(vec![
            doc(
                &[(
                    "Khalifa Haftar",
                    Kind::Person,
                    &["Khalifa Haftar", "Haftar"],
                )],
                &[(0, 14, 0), (20, 26, 0)],
            ),
            doc(&[("Haftar", Kind::Person, &["Haftar"])], &[(5, 11, 0)]),
        ]);
        let res = &r.resolution;
        assert_eq!(res.mentioned().len(), 1);
        let e = res.entity(0);
        assert_eq!(&*e.id, "khalifa-haftar");
        assert_eq!(&*e.name, "Khalifa Haftar");
        let aliases: Vec<&str> = e.aliases.iter().map(|a| &**a).collect();
        assert_eq!(aliases, ["Haftar", "Khalifa Haftar"]);
        assert_eq!((e.mentions, e.articles), (3, 2));
        assert_eq!(res.articles_mentioning(0), [0, 1]);
        assert_eq!(res.entity_of(r.mentions[1][0].entity), 0);
        assert_eq!(res.find("khalifa-haftar"), Some(0));
    }

    #[test]
    fn a_short_form_joins_the_one_fuller_name_it_is_an_alias_of() {
        let r = corpus(vec![
            doc(&[("Egypt", Kind::Location, &[])], &[(0, 5, 0)]),
            doc(
                &[
                    ("Omar Bashir", Kind::Person, &["Bashir"]),
                    ("Bashir", Kind::Person, &[]),
                ],
                &[(0, 11, 0)],
            ),
            doc(&[("Bashir", Kind::Person, &[])], &[(0, 6, 0)]),
        ]);
        let res = &r.resolution;
        assert_eq!(names(res), ["Egypt", "Omar Bashir"]);
        assert_eq!(res.entity_of(r.mentions[2][0].entity), 1);
        assert_eq!(res.entity(1).articles, 2);
    }

    #[test]
    fn a_surname_typed_otherwise_joins_a_much_mentioned_person() {
        let r = corpus(vec![
            doc(
                &[("Omar Bashir", Kind::Person, &["Omar Bashir", "Bashir"])],
                &[(0, 11, 0), (20, 26, 0), (30, 36, 0)],
            ),
            doc(&[("Bashir", Kind::Organization, &[])], &[(0, 6, 0)]),
            // A city mentioned as often as a person of that name stays a city.
            doc(
                &[("Jackson Smith", Kind::Person, &["Jackson"])],
                &[(0, 13, 0)],
            ),
            doc(&[("Jackson", Kind::Location, &[])], &[(0, 7, 0)]),
        ]);
        assert_eq!(
            names(&r.resolution),
            ["Omar Bashir", "Jackson Smith", "Jackson"]
        );
        assert_eq!(r.resolution.entity(0).mentions, 4);
    }

    #[test]
    fn ambiguous_short_forms_stay_apart() {
        let r = corpus(vec![
            doc(
                &[("Khalifa Haftar", Kind::Person, &["Haftar"])],
                &[(0, 6, 0)],
            ),
            doc(
                &[("Saddam Haftar", Kind::Person, &["Haftar"])],
                &[(0, 6, 0)],
            ),
            doc(&[("Haftar", Kind::Person, &["Haftar"])], &[(0, 6, 0)]),
        ]);
        assert_eq!(r.resolution.mentioned().len(), 3);
    }

    #[test]
    fn a_surname_alone_joins_the_one_person_of_the_corpus_who_bears_it() {
        let r = corpus(vec![
            // The full name once, never the surname alone in that article.
            doc(&[("Khalifa Haftar", Kind::Person, &[])], &[(0, 14, 0)]),
            doc(&[("Haftar", Kind::Person, &[])], &[(0, 6, 0)]),
            // Two people called Smith: `Smith` alone is neither.
            doc(
                &[
                    ("John Smith", Kind::Person, &[]),
                    ("Brad Smith", Kind::Person, &[]),
                ],
                &[(0, 10, 0), (20, 30, 1)],
            ),
            doc(&[("Smith", Kind::Person, &[])], &[(0, 5, 0)]),
            // A place is not a person's surname (`Washington`).
            doc(
                &[
                    ("George Washington", Kind::Person, &[]),
                    ("Washington", Kind::Location, &[]),
                ],
                &[(0, 17, 0), (30, 40, 1)],
            ),
        ]);
        let got: Vec<(&str, u32)> = r
            .resolution
            .mentioned()
            .iter()
            .map(|e| (&*e.name, e.articles))
            .collect();
        assert_eq!(
            got,
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

    /// A document of people and things, one mention each.
    fn about(items: &[(&str, Kind)]) -> ArticleEntities {
        let list: Vec<(&str, Kind, &[&str])> =
            items.iter().map(|&(n, k)| (n, k, &[][..])).collect();
        let mentions: Vec<(u32, u32, u32)> = (0..items.len() as u32)
            .map(|i| (i * 10, i * 10 + 5, i))
            .collect();
        doc(&list, &mentions)
    }

    #[test]
    fn a_surname_two_people_bear_joins_the_one_its_articles_are_about() {
        use Kind::{Location, Organization, Person};
        let r = corpus(vec![
            about(&[
                ("Vincent Gigante", Person),
                ("Genovese family", Organization),
                ("Greenwich Village", Location),
            ]),
            about(&[
                ("Louis Gigante", Person),
                ("South Bronx", Location),
                ("St. Athanasius Church", Organization),
            ]),
            // Only the surname, among Vincent's things.
            about(&[
                ("Gigante", Person),
                ("Genovese family", Organization),
                ("Greenwich Village", Location),
            ]),
        ]);
        let res = &r.resolution;
        let gigante = res.entity_of(r.mentions[2][0].entity);
        assert_eq!(gigante, res.entity_of(r.mentions[0][0].entity));
        assert_ne!(gigante, res.entity_of(r.mentions[1][0].entity));
        assert_eq!(&*res.entity(gigante).name, "Vincent Gigante");
    }

    #[test]
    fn a_surname_whose_articles_are_about_both_people_stays_apart() {
        use Kind::{Location, Person};
        let r = corpus(vec![
            about(&[("John Smith", Person), ("Leeds", Location)]),
            about(&[("Brad Smith", Person), ("Redmond", Location)]),
            // As much of one as of the other, or nothing of either.
            about(&[
                ("Smith", Person),
                ("Leeds", Location),
                ("Redmond", Location),
            ]),
            about(&[("Jones", Person), ("Paris", Location), ("Oslo", Location)]),
            about(&[("Ann Jones", Person), ("Lima", Location)]),
            about(&[("Tom Jones", Person), ("Quito", Location)]),
        ]);
        let res = &r.resolution;
        for (a, b) in [(2, 0), (2, 1), (3, 4), (3, 5)] {
            assert_ne!(
                res.entity_of(r.mentions[a][0].entity),
                res.entity_of(r.mentions[b][0].entity),
                "articles {a} and {b}"
            );
        }
    }

    /// `Bush` alone (the article links no other name to it), then
    /// `items`, one mention each.
    fn bush_beside(items: &[(&str, Kind)]) -> ArticleEntities {
        let mut list: Vec<(&str, Kind, &[&str])> = vec![("Bush", Kind::Person, &["Bush"][..])];
        list.extend(items.iter().map(|&(n, k)| (n, k, &[][..])));
        let mentions: Vec<(u32, u32, u32)> = (0..list.len() as u32)
            .map(|i| (i * 10, i * 10 + 5, i))
            .collect();
        doc(&list, &mentions)
    }

    /// Three articles about a running back, three about a president,
    /// then `Bush` alone beside each one's world, and beside neither.
    fn two_bushes() -> Vec<ArticleEntities> {
        use Kind::{Location, Organization, Person};
        let player = |mate: &str| {
            about(&[
                ("Reggie Bush", Person),
                ("Sean Payton", Person),
                ("Drew Brees", Person),
                ("New Orleans Saints", Organization),
                (mate, Person),
            ])
        };
        let president = |aide: &str| {
            about(&[
                ("George W. Bush", Person),
                ("White House", Organization),
                ("Congress", Organization),
                ("Dick Cheney", Person),
                (aide, Person),
            ])
        };
        vec![
            player("Marques Colston"),
            player("Pierre Thomas"),
            player("Jeremy Shockey"),
            president("Karl Rove"),
            president("Condoleezza Rice"),
            president("Donald Rumsfeld"),
            bush_beside(&[
                ("Sean Payton", Person),
                ("Drew Brees", Person),
                ("Superdome", Location),
            ]),
            bush_beside(&[
                ("Congress", Organization),
                ("Dick Cheney", Person),
                ("White House", Organization),
            ]),
            bush_beside(&[("Lisbon", Location), ("Oslo", Location)]),
        ]
    }

    #[test]
    fn a_surname_two_people_bear_names_the_one_each_article_is_about() {
        let r = corpus(two_bushes());
        let res = &r.resolution;
        let of = |a: usize| res.entity_in(a as u32, r.mentions[a][0].entity);
        let (player, president) = (of(0), of(3));
        assert_ne!(player, president);
        assert_eq!(of(6), player, "Bush beside the Saints");
        assert_eq!(of(7), president, "Bush beside Congress");
        let alone = of(8);
        assert!(alone != player && alone != president);
        assert_eq!(&*res.entity(alone).name, "Bush");
        // One surface, three entities: the override is per article.
        let bush = r.mentions[6][0].entity;
        assert_eq!(bush, r.mentions[8][0].entity);
        assert_eq!(res.entity_of(bush), alone);
        // The table counts each mention for the entity it names there.
        let counts = |e: crate::resolve::EntityId| (res.entity(e).mentions, res.entity(e).articles);
        assert_eq!(counts(player), (4, 4));
        assert_eq!(counts(president), (4, 4));
        assert_eq!(counts(alone), (1, 1));
        assert_eq!(res.articles_mentioning(player), [0, 1, 2, 6]);
        assert_eq!(res.articles_mentioning(president), [3, 4, 5, 7]);
        assert_eq!(res.articles_mentioning(alone), [8]);
        let aliases = |e: crate::resolve::EntityId| -> Vec<&str> {
            res.entity(e).aliases.iter().map(|a| &**a).collect()
        };
        assert!(aliases(player).contains(&"Bush"), "{:?}", aliases(player));
        assert_eq!(&*res.entity(player).name, "Reggie Bush");
        assert_eq!(&*res.entity(president).name, "George W. Bush");
    }

    #[test]
    fn a_surname_with_nothing_to_go_by_keeps_its_own_entity() {
        let mut docs = two_bushes();
        docs.truncate(6);
        // Only one thing shared with the player's articles: not enough.
        docs.push(bush_beside(&[
            ("Drew Brees", Kind::Person),
            ("Lisbon", Kind::Location),
        ]));
        let r = corpus(docs);
        let res = &r.resolution;
        let bush = r.mentions[6][0].entity;
        assert_eq!(res.entity_in(6, bush), res.entity_of(bush));
        assert_eq!(&*res.entity(res.entity_of(bush)).name, "Bush");
        assert!(res.overrides().is_empty());
    }

    #[test]
    fn an_article_overrides_a_surname_the_corpus_gave_the_other_person() {
        use Kind::{Organization, Person};
        let mut docs = two_bushes();
        docs.truncate(7);
        // More articles write `Bush` beside Congress: pooled, `Bush` is
        // the president's; the football article's is still the player.
        for _ in 0..3 {
            docs.push(bush_beside(&[
                ("Congress", Organization),
                ("Dick Cheney", Person),
                ("White House", Organization),
                ("Karl Rove", Person),
                ("Condoleezza Rice", Person),
            ]));
        }
        let r = corpus(docs);
        let res = &r.resolution;
        let of = |a: usize| res.entity_in(a as u32, r.mentions[a][0].entity);
        let bush = r.mentions[6][0].entity;
        assert_eq!(res.entity_of(bush), of(3), "pooled: the president");
        assert_eq!(of(6), of(0), "the football article: the player");
        assert_eq!(of(7), of(3));
        assert_eq!(res.entity(of(0)).mentions, 4);
        assert_eq!(res.entity(of(3)).mentions, 6);
        assert_eq!(res.entity(of(3)).articles, 6);
        assert_eq!(res.articles_mentioning(of(0)), [0, 1, 2, 6]);
    }

    /// Per-article surnames in any order of arrival: each mention names
    /// the same entity, the table the same counts.
    #[test]
    fn per_article_surnames_do_not_depend_on_arrival_order() {
        use Kind::{Organization, Person};
        let mut docs = two_bushes();
        docs.push(bush_beside(&[
            ("Congress", Organization),
            ("Dick Cheney", Person),
        ]));
        let metas: Vec<ArticleMeta> = (0..docs.len())
            .map(|i| ArticleMeta {
                id: format!("a{i}"),
                path: format!("r/{i}.txt").into(),
                date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1 + (i as u32 % 3)),
                ..ArticleMeta::default()
            })
            .collect();
        let run = |order: &[usize]| {
            let mut r = Resolver::new();
            let mut mentions = vec![(0, Vec::new()); docs.len()];
            for (number, &i) in order.iter().enumerate() {
                r.list(number as u32, metas[i].sort_key(), i as u64);
                mentions[i] = (
                    number as u32,
                    r.add(number as u32, docs[i].clone()).mentions,
                );
            }
            let res = r.resolve();
            let named: Vec<Vec<String>> = mentions
                .iter()
                .map(|(a, ms)| {
                    let of = |m: &Mention| res.entity(res.entity_in(*a, m.entity)).id.to_string();
                    ms.iter().map(of).collect()
                })
                .collect();
            let table: Vec<(String, Vec<String>, u32, u32)> = res
                .mentioned()
                .iter()
                .map(|e| {
                    let aliases = e.aliases.iter().map(|a| a.to_string()).collect();
                    (e.id.to_string(), aliases, e.mentions, e.articles)
                })
                .collect();
            (named, table, res.overrides().len())
        };
        let order: Vec<usize> = (0..docs.len()).collect();
        let first = run(&order);
        assert_eq!(first.0[6][0], first.0[0][0], "{:?}", first.0);
        assert_eq!(first.0[7][0], first.0[3][0]);
        assert!(first.2 >= 2);
        let reversed: Vec<usize> = order.iter().rev().copied().collect();
        assert_eq!(run(&reversed), first);
        assert_eq!(run(&[5, 9, 0, 7, 2, 8, 4, 1, 6, 3]), first);
    }

    /// Whether the first mentions of articles `a` and `b` name one entity.
    fn together(r: &Resolved, a: usize, b: usize) -> bool {
        let res = &r.resolution;
        res.entity_of(r.mentions[a][0].entity) == res.entity_of(r.mentions[b][0].entity)
    }

    /// A team the tagger read three ways, its nickname alone beside what
    /// the team's articles talk of; a car's model alone beside nothing.
    fn nationals_and_camry() -> Vec<ArticleEntities> {
        use Kind::{Location, Misc, Organization, Person};
        vec![
            about(&[
                ("Washington Nationals", Location),
                ("Mark Teixeira", Person),
                ("Boston Red Sox", Organization),
            ]),
            about(&[("Washington Nationals", Organization), ("Orsa", Location)]),
            about(&[("Washington Nationals", Organization)]),
            about(&[
                ("Nationals", Misc),
                ("Mark Teixeira", Person),
                ("Boston Red Sox", Organization),
            ]),
            about(&[("Toyota Camry", Misc)]),
            about(&[("Camry", Misc), ("Velm", Location)]),
        ]
    }

    #[test]
    fn the_end_of_a_body_or_a_things_name_joins_the_one_longer_name_ending_so() {
        let r = corpus(nationals_and_camry());
        for a in 1..4 {
            assert!(together(&r, a, 0), "article {a}");
        }
        assert!(together(&r, 5, 4), "Camry, Toyota Camry");
        assert!(!together(&r, 4, 0));
        let res = &r.resolution;
        let team = res.entity(res.entity_of(r.mentions[3][0].entity));
        assert_eq!(&*team.name, "Washington Nationals");
        assert_eq!(team.kind, Kind::Organization, "the vote over its mentions");
        let car = res.entity(res.entity_of(r.mentions[5][0].entity));
        assert_eq!((&*car.name, car.kind), ("Toyota Camry", Kind::Misc));
        // The articles in another order: the same entities.
        let mut docs = nationals_and_camry();
        docs.reverse();
        let r = corpus(docs);
        assert!(together(&r, 2, 5) && together(&r, 3, 5) && together(&r, 0, 1));
    }

    #[test]
    fn the_end_of_a_name_joins_no_other_entity_it_may_not_name() {
        use Kind::{Location, Misc, Organization, Person};
        let r = corpus(vec![
            // Two longer names end so.
            about(&[("Arlen Vornaks", Organization)]),
            about(&[("Dunmore Vornaks", Organization)]),
            about(&[("Vornaks", Organization)]),
            // What follows `of` is what a body is of; a place's end is
            // another place; a place the gazetteer knows is the place.
            about(&[("University of Utah", Organization)]),
            about(&[("Utah", Organization)]),
            about(&[("West Texas", Location)]),
            about(&[("Texas", Organization)]),
            about(&[("Hotel Paris", Organization)]),
            about(&[("Paris", Organization)]),
            // A person's name; a surname people of the corpus bear.
            about(&[("Seattle Seahawks", Organization)]),
            about(&[("Seahawks", Person)]),
            about(&[("Becoming Hansbrough", Misc), ("Tyler Hansbrough", Person)]),
            about(&[("Hansbrough", Misc)]),
            // A common word's capital, which a sentence's start gives too,
            // even beside what the longer name's articles talk of.
            about(&[
                ("Surrey Police", Organization),
                ("Guildford", Location),
                ("Ann Crane", Person),
            ]),
            about(&[
                ("Police", Organization),
                ("Guildford", Location),
                ("Ann Crane", Person),
            ]),
            // A common word's plural where its articles share nothing with
            // the longer name's; a word before a body's head word.
            about(&[("Detroit Lions", Organization), ("Ford Field", Location)]),
            about(&[("Lions", Organization), ("Velm", Location)]),
            about(&[("Orsa Harbour Board", Organization)]),
            about(&[("Harbour Board", Organization)]),
            about(&[("Sierra Nevada", Location)]),
            about(&[("Nevada", Location)]),
            about(&[("Ben Hansbrough", Person)]),
            // What kind of body, not which, and an acronym, whatever their
            // articles share.
            about(&[
                ("Velm Judiciary Committee", Organization),
                ("Dal Orsk", Person),
            ]),
            about(&[("Judiciary Committee", Organization), ("Dal Orsk", Person)]),
            about(&[("Velm Series MVQX", Organization), ("Tova Renn", Person)]),
            about(&[("MVQX", Organization), ("Tova Renn", Person)]),
        ]);
        for (a, b) in [
            (2, 0),
            (2, 1),
            (0, 1),
            (4, 3),
            (6, 5),
            (8, 7),
            (10, 9),
            (14, 13),
            (16, 15),
            (18, 17),
            (20, 19),
            (23, 22),
            (25, 24),
        ] {
            assert!(!together(&r, a, b), "articles {a} and {b}");
        }
        let res = &r.resolution;
        let film = res.entity_of(r.mentions[11][0].entity);
        assert_ne!(res.entity_of(r.mentions[12][0].entity), film, "Hansbrough");
    }

    #[test]
    fn a_name_in_capitals_in_one_article_only_is_no_acronym_in_any_order() {
        use Kind::Organization;
        // A headline writes the end in capitals, running text does not:
        // which article comes first must not decide whether it joins.
        let docs = || {
            vec![
                about(&[("Velm Orsk Quennel", Organization)]),
                about(&[("ORSK QUENNEL", Organization)]),
                about(&[("Orsk Quennel", Organization)]),
            ]
        };
        let r = corpus(docs());
        assert!(together(&r, 1, 0) && together(&r, 2, 0));
        let mut reversed = docs();
        reversed.reverse();
        let r = corpus(reversed);
        assert!(together(&r, 1, 2) && together(&r, 0, 2));
    }

    #[test]
    fn the_end_of_two_names_joins_the_one_its_articles_are_about() {
        use Kind::{Location, Organization, Person};
        let r = corpus(vec![
            about(&[
                ("Portland Trail Blazers", Organization),
                ("Moda Center", Location),
                ("Greg Oden", Person),
            ]),
            about(&[
                ("Hudson Trail Blazers", Organization),
                ("Hudson Valley", Location),
                ("Ann Crane", Person),
            ]),
            about(&[
                ("Trail Blazers", Organization),
                ("Moda Center", Location),
                ("Greg Oden", Person),
            ]),
        ]);
        assert!(together(&r, 2, 0));
        assert!(!together(&r, 2, 1) && !together(&r, 0, 1));
    }

    #[test]
    fn a_company_is_one_entity_whatever_its_suffix() {
        use Kind::{Location, Organization};
        let r = corpus(vec![
            about(&[("Velmco Corp.", Organization)]),
            about(&[("Velmco Corporation", Organization)]),
            about(&[("Velmco Company", Organization)]),
            about(&[("Velmco", Organization)]),
            // Its arm in a country, as the arm writes itself.
            about(&[("Velmco USA", Organization)]),
            about(&[("Velmco US", Organization)]),
            // Another name that holds it is another company; an acronym's
            // arm abroad is a thing of its own.
            about(&[("Velmco Bank", Organization), ("Orsa", Location)]),
            about(&[("VTB", Organization)]),
            about(&[("VTB America", Organization)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        for a in 1..6 {
            assert_eq!(of(a), of(0), "article {a}");
        }
        assert_ne!(of(6), of(0));
        assert_ne!(of(7), of(8));
    }

    #[test]
    fn containment_alone_joins_nothing() {
        use Kind::{Location, Organization};
        let r = corpus(vec![
            about(&[("Orsa Harbour Board", Organization)]),
            about(&[("Harbour Board", Organization)]),
            about(&[("Orsa", Location)]),
            about(&[("Velm Valley", Location), ("Velm", Location)]),
        ]);
        let res = &r.resolution;
        assert_eq!(
            names(res),
            [
                "Orsa Harbour Board",
                "Harbour Board",
                "Orsa",
                "Velm Valley",
                "Velm"
            ]
        );
    }

    #[test]
    fn a_surname_of_two_words_joins_the_one_person_who_bears_it() {
        use Kind::Person;
        let r = corpus(vec![
            about(&[("Gaetano Lo Presti", Person)]),
            about(&[("Lo Presti", Person)]),
            // Borne by two: neither.
            about(&[("Ana de la Vega", Person)]),
            about(&[("Rui de la Vega", Person)]),
            about(&[("la Vega", Person)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        assert_eq!(of(1), of(0));
        assert_ne!(of(4), of(2));
        assert_ne!(of(4), of(3));
        assert_eq!(&*res.entity(of(1)).name, "Gaetano Lo Presti");
    }

    #[test]
    fn spellings_that_split_a_name_differently_are_one_name() {
        use Kind::{Location, Organization, Person};
        let r = corpus(vec![
            doc(&[("OrsaNet", Organization, &[])], &[(0, 7, 0), (9, 16, 0)]),
            about(&[("Orsa Net", Person)]),
            about(&[("Velm Arts Centre", Organization)]),
            about(&[("Velm Arts Center", Organization)]),
            about(&[("Kim Dal-sun", Person)]),
            about(&[("Kim Dal Sun", Person)]),
            // Other words are another name.
            about(&[("Orsa Network", Organization)]),
            about(&[("Mt. Velm", Location)]),
            about(&[("Mount Velm", Location)]),
            // Only a name's first word is a place's, cut short.
            about(&[("Velm Mt", Location)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        assert_eq!(of(1), of(0));
        assert_eq!(
            res.entity(of(0)).kind,
            Organization,
            "the kind of most mentions"
        );
        assert_eq!(of(3), of(2));
        assert_eq!(of(5), of(4));
        assert_ne!(of(6), of(0));
        assert_eq!(of(8), of(7));
        assert_ne!(of(9), of(7));
        assert_ne!(of(9), of(8));
    }

    #[test]
    fn a_names_last_word_with_or_without_a_plurals_s_is_one_name() {
        use Kind::{Organization, Person};
        let r = corpus(vec![
            about(&[("Velm Colts", Organization)]),
            about(&[("Velm Colt", Organization)]),
            // A person's surname, a name of one word, an `s` of the word.
            about(&[("Dal Edwards", Person)]),
            about(&[("Dal Edward", Person)]),
            about(&[("Orsek", Organization)]),
            about(&[("Orseks", Organization)]),
            about(&[("Velm Press", Organization)]),
            about(&[("Velm Pres", Organization)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        assert_eq!(of(1), of(0));
        assert_ne!(of(3), of(2));
        assert_ne!(of(5), of(4));
        assert_ne!(of(7), of(6));
    }

    #[test]
    fn a_persons_name_read_as_a_body_still_joins_the_person() {
        use Kind::{Location, Organization, Person};
        let r = corpus(vec![
            doc(&[("Dal Orsek", Person, &[])], &[(0, 9, 0), (20, 29, 0)]),
            doc(&[("Dal K. Orsek", Organization, &[])], &[(0, 12, 0)]),
            doc(
                &[("Tano Lo Vemme", Organization, &["Lo Vemme"])],
                &[(0, 13, 0), (20, 28, 0)],
            ),
            doc(&[("Lo Vemme", Person, &[])], &[(0, 8, 0)]),
            // Middle initials that differ are two people, and the name
            // without one is neither; a place with an initial in its
            // name is no person.
            about(&[("Ana R. Velm", Organization)]),
            about(&[("Ana T. Velm", Person)]),
            about(&[("Ana Velm", Person)]),
            about(&[("Orsa Airport", Location)]),
            about(&[("Orsa F. Airport", Organization)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        assert_eq!(of(1), of(0));
        assert_eq!(res.entity(of(0)).kind, Person);
        assert_eq!(of(3), of(2));
        assert_eq!(
            res.entity(of(2)).kind,
            Person,
            "a person's name is a person's"
        );
        assert_ne!(of(4), of(5));
        assert_ne!(of(6), of(4));
        assert_ne!(of(6), of(5));
        assert_ne!(of(8), of(7));
    }

    #[test]
    fn a_middle_name_or_a_given_name_written_short_is_one_person() {
        use Kind::Person;
        let r = corpus(vec![
            about(&[("Tobias Orsek", Person)]),
            about(&[("Tobias C. Orsek", Person)]),
            about(&[("Tobias Corm Orsek", Person)]),
            about(&[("Tob Orsek", Person)]),
            // A middle name its initial does not start, and a given name
            // two longer ones start, are evidence of no one.
            about(&[("Dale R. Velm", Person)]),
            about(&[("Dale Tarn Velm", Person)]),
            about(&[("Chri Quell", Person)]),
            about(&[("Chrissa Quell", Person)]),
            about(&[("Chrism Quell", Person)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        for a in 1..4 {
            assert_eq!(of(a), of(0), "article {a}");
        }
        assert_ne!(of(5), of(4));
        assert_ne!(of(6), of(7));
        assert_ne!(of(6), of(8));
        assert_ne!(of(7), of(8));
    }

    #[test]
    fn a_son_is_not_his_father_and_a_father_is_his_name() {
        use Kind::Person;
        let r = corpus(vec![
            about(&[("Tobias Orsek", Person)]),
            about(&[("Tobias Orsek Jr.", Person)]),
            about(&[("Tobias C. Orsek Jr.", Person)]),
            about(&[("Dale Velm Sr.", Person)]),
            about(&[("Dale Velm", Person)]),
            // His surname alone, and his name without a given name
            // before it, join the son.
            about(&[("Arno Lusk Quell Jr.", Person)]),
            about(&[("Lusk Quell Jr.", Person)]),
            about(&[("Quell", Person)]),
        ]);
        let res = &r.resolution;
        let of = |a: usize| res.entity_of(r.mentions[a][0].entity);
        assert_ne!(of(1), of(0), "the son apart from the father");
        assert_ne!(of(2), of(0));
        assert_eq!(of(2), of(1), "a middle initial: one son");
        assert_eq!(of(4), of(3), "`Sr.` names the father");
        assert_eq!(of(6), of(5));
        assert_eq!(of(7), of(5));
        assert_eq!(&*res.entity(of(5)).name, "Arno Lusk Quell Jr.");
    }

    #[test]
    fn different_kinds_do_not_merge_by_alias() {
        let r = corpus(vec![
            doc(
                &[("Sirte Protection Force", Kind::Organization, &[])],
                &[(0, 22, 0)],
            ),
            doc(&[("Sirte", Kind::Location, &[])], &[(0, 5, 0)]),
        ]);
        let res = &r.resolution;
        assert_eq!(res.mentioned().len(), 2);
        assert_ne!(res.entity(0).id, res.entity(1).id);
    }

    #[test]
    fn a_dominant_kind_absorbs_tagger_noise() {
        let loc = doc(
            &[("Misrata", Kind::Location, &[])],
            &[(0, 7, 0), (9, 16, 0)],
        );
        let r = corpus(vec![
            loc.clone(),
            loc,
            doc(&[("Misrata", Kind::Organization, &[])], &[(0, 7, 0)]),
        ]);
        let res = &r.resolution;
        assert_eq!(res.mentioned().len(), 1);
        assert_eq!(res.entity(0).kind, Kind::Location);
        assert_eq!(res.entity(0).mentions, 5);
    }

    #[test]
    fn a_city_read_as_a_team_beside_another_team_is_the_team_apart_from_the_city() {
        // `Chicago beat Detroit 5-3` twice, and `a fire in Chicago` twice.
        let game = doc(
            &[
                ("Chicago", Kind::Organization, &[]),
                ("Detroit", Kind::Organization, &[]),
            ],
            &[(0, 7, 0), (13, 20, 1)],
        );
        let city = doc(
            &[("Chicago", Kind::Location, &[])],
            &[(0, 7, 0), (9, 16, 0)],
        );
        let r = corpus(vec![game.clone(), game, city.clone(), city]);
        let mut found: Vec<(&str, Kind, u32)> = r
            .resolution
            .mentioned()
            .iter()
            .map(|e| (&*e.name, e.kind, e.mentions))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                ("Chicago", Kind::Organization, 2),
                ("Chicago", Kind::Location, 4),
                ("Detroit", Kind::Organization, 2),
            ]
        );
    }

    #[test]
    fn a_city_read_as_a_body_with_no_other_team_beside_it_stays_the_city() {
        // `Chicago police said` read as a body, in articles naming no
        // other place's body: tagger noise, the city.
        let police = doc(
            &[
                ("Chicago", Kind::Organization, &[]),
                ("Detroit", Kind::Location, &[]),
            ],
            &[(0, 7, 0), (13, 20, 1)],
        );
        let city = doc(
            &[("Chicago", Kind::Location, &[])],
            &[(0, 7, 0), (9, 16, 0)],
        );
        let r = corpus(vec![police.clone(), police, city.clone(), city]);
        let found = r.resolution.mentioned();
        let chicago: Vec<(Kind, u32)> = found
            .iter()
            .filter(|e| &*e.name == "Chicago")
            .map(|e| (e.kind, e.mentions))
            .collect();
        assert_eq!(chicago, [(Kind::Location, 6)], "{found:#?}");
    }

    #[test]
    fn re_adding_an_article_replaces_it() {
        let mut r = Resolver::new();
        r.list(0, ArticleMeta::default().sort_key(), 0);
        r.add(0, doc(&[("Egypt", Kind::Location, &[])], &[(0, 5, 0)]));
        r.add(0, doc(&[("Jordan", Kind::Location, &[])], &[(0, 6, 0)]));
        let res = r.resolve();
        assert_eq!(names(&res), ["Jordan"]);
        // Egypt's surface is known still, an entity without mentions.
        assert_eq!(res.entities().len(), 2);
        assert_eq!(res.entity(1).mentions, 0);
    }

    /// Articles replaced and emptied between passes: the next pass finds
    /// what a pass over the final evidence alone finds (what the
    /// resolver counts as it goes, to read less of the corpus, is kept
    /// right).
    #[test]
    fn passes_after_replacements_match_a_fresh_resolution() {
        use Kind::{Location, Organization, Person};
        let first = [
            about(&[("Khalifa Haftar", Person), ("Sirte", Location)]),
            about(&[("Haftar", Person), ("Misrata", Location)]),
            about(&[("Egypt", Location), ("LNA", Organization)]),
            about(&[("Saddam Haftar", Person), ("Tobruk", Location)]),
        ];
        let last = [
            about(&[("Khalifa Haftar", Person), ("Sirte", Location)]),
            about(&[("Haftar", Person), ("Tobruk", Location)]),
            // Emptied, as a forgotten article is.
            ArticleEntities::default(),
            about(&[("Jordan", Location), ("Egypt", Location)]),
        ];
        let meta = |i: usize| ArticleMeta {
            id: format!("a{i}"),
            path: "r.jsonl".into(),
            ..ArticleMeta::default()
        };
        // Each mention as its entity's id, and the mentioned entities.
        let seen = |r: &mut Resolver, mentions: &[Vec<Mention>]| {
            let res = r.resolve();
            let named: Vec<Vec<String>> = mentions
                .iter()
                .map(|ms| {
                    let of = |m: &Mention| res.entity(res.entity_of(m.entity)).id.to_string();
                    ms.iter().map(of).collect()
                })
                .collect();
            let table: Vec<(String, String, Kind, u32, u32)> = res
                .mentioned()
                .iter()
                .map(|e| {
                    (
                        e.id.to_string(),
                        e.name.to_string(),
                        e.kind,
                        e.mentions,
                        e.articles,
                    )
                })
                .collect();
            (named, table)
        };
        let mut again = Resolver::new();
        let mut mentions = Vec::new();
        for (i, d) in first.iter().enumerate() {
            again.list(i as u32, meta(i).sort_key(), i as u64);
            mentions.push(again.add(i as u32, d.clone()).mentions);
        }
        again.resolve();
        for (i, d) in last.iter().enumerate().rev() {
            mentions[i] = again.add(i as u32, d.clone()).mentions;
        }
        let mut fresh = Resolver::new();
        let mut fresh_mentions = Vec::new();
        for (i, d) in last.iter().enumerate() {
            fresh.list(i as u32, meta(i).sort_key(), i as u64);
            fresh_mentions.push(fresh.add(i as u32, d.clone()).mentions);
        }
        let want = seen(&mut fresh, &fresh_mentions);
        assert_eq!(want.1.len(), 5, "{:?}", want.1);
        assert_eq!(seen(&mut again, &mentions), want);
    }

    #[test]
    fn ids_are_unique_and_readable() {
        // The country and a person called Jordan, each read firmly, where
        // people bear the surname (two: it joins neither).
        let r = corpus(vec![
            doc(
                &[
                    ("Jordan", Kind::Location, &[]),
                    ("Jordan", Kind::Person, &[]),
                ],
                &[(0, 6, 0), (7, 13, 0), (20, 26, 1), (30, 36, 1)],
            ),
            about(&[("Dal Jordan", Kind::Person)]),
            about(&[("Ana Jordan", Kind::Person)]),
        ]);
        let ids: Vec<&str> = r.resolution.mentioned().iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["jordan", "jordan-person", "dal-jordan", "ana-jordan"]);
    }

    #[test]
    fn a_known_place_read_as_a_person_no_one_is_named_after_is_the_place() {
        // `Palmer voters`, `Palmer firefighters`: the tagger reads the
        // town as a person, but the corpus names no one Palmer.
        let r = corpus(vec![
            doc(&[("Jordan", Kind::Location, &[])], &[(0, 6, 0), (7, 13, 0)]),
            doc(&[("Jordan", Kind::Person, &[])], &[(0, 6, 0), (7, 13, 0)]),
            doc(&[("Jordan", Kind::Person, &[])], &[(0, 6, 0)]),
        ]);
        let found = r.resolution.mentioned();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!((&*found[0].id, found[0].mentions), ("jordan", 5));
    }

    /// The same articles in any order of arrival: the same entities, the
    /// same ids, each mention naming the same one.
    #[test]
    fn the_order_articles_arrive_in_does_not_matter() {
        let docs = [
            doc(
                &[("Khalifa Haftar", Kind::Person, &["Haftar"])],
                &[(0, 14, 0)],
            ),
            doc(
                &[
                    ("Haftar", Kind::Person, &[]),
                    ("Misrata", Kind::Organization, &[]),
                ],
                &[(0, 6, 0), (9, 16, 1)],
            ),
            doc(
                &[
                    ("Misrata", Kind::Location, &[]),
                    ("Jordan", Kind::Person, &[]),
                ],
                &[(0, 7, 0), (9, 16, 0), (20, 26, 1)],
            ),
            doc(
                &[
                    ("Jordan", Kind::Location, &[]),
                    ("Libyan National Army", Kind::Organization, &["LNA"]),
                    ("LNA", Kind::Organization, &[]),
                ],
                &[(0, 6, 0), (9, 29, 1), (30, 33, 2)],
            ),
            doc(&[("LNA", Kind::Organization, &[])], &[(0, 3, 0)]),
        ];
        let metas: Vec<ArticleMeta> = (0..docs.len())
            .map(|i| ArticleMeta {
                id: format!("a{i}"),
                path: format!("r/{i}.txt").into(),
                date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1 + (i as u32 % 2)),
                ..ArticleMeta::default()
            })
            .collect();
        // What each article's mentions name, by entity id, and the table.
        let run = |order: &[usize]| {
            let mut r = Resolver::new();
            let mut mentions = vec![Vec::new(); docs.len()];
            for (number, &i) in order.iter().enumerate() {
                r.list(number as u32, metas[i].sort_key(), i as u64);
                mentions[i] = r.add(number as u32, docs[i].clone()).mentions;
            }
            let res = r.resolve();
            let named: Vec<Vec<String>> = mentions
                .iter()
                .map(|ms| {
                    ms.iter()
                        .map(|m| res.entity(res.entity_of(m.entity)).id.to_string())
                        .collect()
                })
                .collect();
            let table: Vec<(String, String, Kind, Vec<String>, u32, u32)> = res
                .mentioned()
                .iter()
                .map(|e| {
                    let aliases = e.aliases.iter().map(|a| a.to_string()).collect();
                    (
                        e.id.to_string(),
                        e.name.to_string(),
                        e.kind,
                        aliases,
                        e.mentions,
                        e.articles,
                    )
                })
                .collect();
            (named, table)
        };
        let first = run(&[0, 1, 2, 3, 4]);
        assert!(first.1.len() >= 4, "{:?}", first.1);
        for order in [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2]] {
            assert_eq!(run(&order), first, "arrival order {order:?}");
        }
    }
}
