//! One resolution pass: the evidence in canonical order, the linking
//! rules over it, and the immutable result.

use std::sync::Arc;

use crate::base::hash::FxHashMap;
use crate::entities::Kind;

use super::context::Articles;
use super::evidence::ArticleEvidence;
use super::link::{Candidate, Linking, link};
use super::naming::{Form, Ids, entity_name};
use super::resolution::{Entity, EntityId, Resolution};
use super::surfaces::{SurfaceId, Surfaces};

const NONE: u32 = u32::MAX;

/// The resolution of everything `surfaces` and `articles` hold, the
/// articles with entities given in the order the corpus sorts in (newest
/// first, then by path and id, then their place in the load). Whatever
/// order articles arrived in, a pass reads them in that order and the
/// surfaces in the order those articles name them: what linking sees, and
/// the order entities are numbered and given ids in, depend on the corpus
/// only. `found_surfaces` surfaces are among the articles' entities.
pub(super) fn run(
    surfaces: &Surfaces,
    articles: &[ArticleEvidence],
    sorted: &[u32],
    found_surfaces: usize,
) -> Resolution {
    let n = surfaces.len();
    let arts: Vec<usize> = sorted.iter().map(|&a| a as usize).collect();

    // Surfaces in canonical order: as the sorted articles name them, then
    // those no article names any more. (Once every surface an article
    // names is placed, the older articles name none for the first time:
    // where a corpus repeats its names, most of it is not read.)
    let mut pos = vec![NONE; n];
    let mut canon: Vec<SurfaceId> = Vec::with_capacity(n);
    for &a in &arts {
        if canon.len() >= found_surfaces {
            break;
        }
        for &s in articles[a].found.as_deref().unwrap_or_default() {
            if pos[s as usize] == NONE {
                pos[s as usize] = canon.len() as u32;
                canon.push(s);
            }
        }
    }
    for s in 0..n as SurfaceId {
        if pos[s as usize] == NONE {
            pos[s as usize] = canon.len() as u32;
            canon.push(s);
        }
    }
    let candidates: Vec<Candidate> = canon
        .iter()
        .map(|&s| {
            let x = &surfaces.list[s as usize];
            Candidate {
                kind: x.kind,
                loose: &x.loose,
                alias_keys: &x.alias_keys,
                mentions: x.mentions,
                known: x.known,
                // Every name articles gave it, not the first seen, which
                // depends on the order articles arrive in (`BBC ONE` in
                // one headline, `BBC One` elsewhere).
                capitals: !x.forms.is_empty()
                    && x.forms
                        .iter()
                        .all(|(f, _)| crate::entities::rules::in_capitals(f)),
            }
        })
        .collect();
    let mentioned_by = Articles::from_lists(arts.iter().map(|&a| {
        let named = articles[a].mentioned.iter();
        named.map(|m| pos[m.surface as usize])
    }));
    let linking = link(&candidates, &mentioned_by);
    let groups = &linking.group;

    // A surname alone that several people bear names, in each article
    // whose context says clearly, that person: (article, surface, group),
    // sorted. Elsewhere a surface names its group's entity.
    let moved = per_article(&linking, &mentioned_by, &arts, &canon);
    let mut moved_bits = vec![0u64; n.div_ceil(64)];
    for &(_, s, _) in &moved {
        moved_bits[s as usize / 64] |= 1 << (s % 64);
    }
    let group_in = |a: usize, s: SurfaceId| -> usize {
        if moved_bits[s as usize / 64] & (1 << (s % 64)) != 0
            && let Ok(i) = moved.binary_search_by(|m| (m.0, m.1).cmp(&(a as u32, s)))
        {
            return moved[i].2;
        }
        groups[pos[s as usize] as usize]
    };
    // The mentions so moved: out of each surface's own entity (by surface,
    // and by surface and form), into another's.
    let mut out_of: FxHashMap<SurfaceId, u32> = FxHashMap::default();
    let mut out_of_form: FxHashMap<(SurfaceId, u32), u32> = FxHashMap::default();
    let mut moved_in: Vec<(usize, SurfaceId, u32, u32)> = Vec::new();
    for &(a, s, g) in &moved {
        if let Some(named) = articles[a as usize]
            .mentioned
            .iter()
            .find(|m| m.surface == s)
        {
            *out_of.entry(s).or_default() += named.mentions;
            *out_of_form.entry((s, named.form)).or_default() += named.mentions;
            moved_in.push((g, s, named.form, named.mentions));
        }
    }
    moved_in.sort_unstable();
    let left = |s: SurfaceId| {
        let m = surfaces.list[s as usize].mentions;
        m - out_of.get(&s).copied().unwrap_or(0).min(m)
    };

    // Entities numbered in order of first mention in the sorted corpus;
    // then those without mentions. (Reading stops once every entity with
    // mentions has its number: a surface has mentions exactly when some
    // article mentions it.)
    let mut entity_of_group = vec![NONE; n];
    let mut with_mentions = vec![false; n];
    for (c, &g) in groups.iter().enumerate() {
        with_mentions[g] |= left(canon[c]) > 0;
    }
    for &(g, _, _, n) in &moved_in {
        with_mentions[g] |= n > 0;
    }
    let to_number = with_mentions.iter().filter(|&&m| m).count();
    let mut roots: Vec<usize> = Vec::new();
    for &a in &arts {
        if roots.len() >= to_number {
            break;
        }
        for named in articles[a].mentioned.iter() {
            let g = group_in(a, named.surface);
            if entity_of_group[g] == NONE {
                entity_of_group[g] = roots.len() as u32;
                roots.push(g);
            }
        }
    }
    let mentioned = roots.len();
    for &g in groups {
        if entity_of_group[g] == NONE {
            entity_of_group[g] = roots.len() as u32;
            roots.push(g);
        }
    }
    let entity_of: Vec<EntityId> = (0..n)
        .map(|s| entity_of_group[groups[pos[s] as usize]])
        .collect();

    // Members of each entity, in canonical order, packed.
    let mut member_at = vec![0u32; roots.len() + 1];
    for &g in groups {
        member_at[entity_of_group[g] as usize + 1] += 1;
    }
    for e in 0..roots.len() {
        member_at[e + 1] += member_at[e];
    }
    let mut fill = member_at.clone();
    let mut members = vec![0 as SurfaceId; n];
    for (c, &g) in groups.iter().enumerate() {
        let e = entity_of_group[g] as usize;
        members[fill[e] as usize] = canon[c];
        fill[e] += 1;
    }
    let mut joined = vec![0u64; n.div_ceil(64)];
    for (s, &e) in entity_of.iter().enumerate() {
        if member_at[e as usize + 1] - member_at[e as usize] > 1 {
            joined[s / 64] |= 1 << (s % 64);
        }
    }
    // An article's entities are counted with care where a surface names
    // another entity in it.
    for (w, &m) in joined.iter_mut().zip(&moved_bits) {
        *w |= m;
    }
    let entity_in = |a: usize, s: SurfaceId| entity_of_group[group_in(a, s)] as usize;

    // Entity -> articles, ascending, packed.
    let mut post_at = vec![0u32; roots.len() + 1];
    let mut last = vec![NONE; roots.len()];
    for (a, ev) in articles.iter().enumerate() {
        for n in ev.mentioned.iter() {
            let e = entity_in(a, n.surface);
            if last[e] != a as u32 {
                last[e] = a as u32;
                post_at[e + 1] += 1;
            }
        }
    }
    for e in 0..roots.len() {
        post_at[e + 1] += post_at[e];
    }
    let mut post = vec![0u32; post_at[roots.len()] as usize];
    let mut fill = post_at.clone();
    last.fill(NONE);
    for (a, ev) in articles.iter().enumerate() {
        for n in ev.mentioned.iter() {
            let e = entity_in(a, n.surface);
            if last[e] != a as u32 {
                last[e] = a as u32;
                post[fill[e] as usize] = a as u32;
                fill[e] += 1;
            }
        }
    }

    let mut ids = Ids::default();
    let mut by_id = FxHashMap::default();
    let mut forms: Vec<Form> = Vec::new();
    let entities: Vec<Entity> = roots
        .iter()
        .enumerate()
        .map(|(e, &g)| {
            let root = &surfaces.list[canon[g] as usize];
            let group = &members[member_at[e] as usize..member_at[e + 1] as usize];
            let mut aliases: Vec<Arc<str>> = Vec::new();
            let mut mentions = 0;
            forms.clear();
            // Its surfaces' mentions, less those that name another entity
            // in their article, and those of other surfaces that name it.
            let from = moved_in.partition_point(|x| x.0 < g);
            let to = moved_in.partition_point(|x| x.0 <= g);
            let moved_here = moved_in[from..to].iter();
            let moved_here = moved_here.map(|&(_, s, form, n)| (s, Some((form, n))));
            for (s, only) in group.iter().map(|&s| (s, None)).chain(moved_here) {
                let m = &surfaces.list[s as usize];
                let here = match only {
                    Some((_, n)) => n,
                    None => left(s),
                };
                if here > 0 || m.mentions == 0 {
                    aliases.extend(m.aliases.iter().cloned());
                }
                mentions += here;
                let named_so = m.forms.iter().enumerate().filter_map(|(f, (written, n))| {
                    let n = match only {
                        Some((form, n)) => n * u32::from(form as usize == f),
                        None => {
                            n - out_of_form
                                .get(&(s, f as u32))
                                .copied()
                                .unwrap_or(0)
                                .min(*n)
                        }
                    };
                    (n > 0).then_some((written, n))
                });
                forms.extend(named_so.map(|(written, n)| Form {
                    written,
                    loose: &m.loose,
                    known: m.known.is_some(),
                    mentions: n,
                }));
            }
            aliases.sort();
            aliases.dedup();
            // A date keeps its value; a name without mentions, the first
            // it was given.
            let name: Arc<str> = match root.kind {
                Kind::Date => root.name.clone(),
                _ => entity_name(&mut forms).map_or_else(|| root.name.clone(), Arc::from),
            };
            let kind = linking.kind[g];
            let id: Arc<str> = ids.assign(&name, kind, root.date).into();
            by_id.insert(id.clone(), e as EntityId);
            Entity {
                id,
                name,
                kind,
                aliases,
                date: root.date,
                mentions,
                articles: post_at[e + 1] - post_at[e],
                surface: canon[g],
            }
        })
        .collect();
    let overrides = moved
        .iter()
        .map(|&(a, s, g)| (a, s, entity_of_group[g]))
        .collect();
    Resolution {
        entity_of,
        joined,
        entities,
        mentioned,
        post_at,
        post,
        by_id,
        overrides,
        overridden: moved_bits,
        stats: Default::default(),
    }
}

/// Where a surname alone that several people of the corpus bear
/// ([`Linking::contested`]) names one of them in the article that writes
/// it, by that article's context and not by the pooled answer: (article, surface, group) where the group is not
/// the surface's, sorted. `mentioned_by` lists the articles `arts` (in
/// canonical order) as candidates (`canon`'s positions).
fn per_article(
    linking: &Linking,
    mentioned_by: &Articles,
    arts: &[usize],
    canon: &[SurfaceId],
) -> Vec<(u32, SurfaceId, usize)> {
    if linking.contested.is_empty() {
        return Vec::new();
    }
    let (group, unit_of) = (&linking.group, &linking.unit_of);
    let mut moved = Vec::new();
    for c in &linking.contested {
        let short = unit_of[c.short[0]];
        for &(a, k) in &c.each {
            let target = group[c.roots[k]];
            for &x in mentioned_by.of(a as usize) {
                let x = x as usize;
                if unit_of[x] == short && group[x] != target {
                    moved.push((arts[a as usize] as u32, canon[x], target));
                }
            }
        }
    }
    moved.sort_unstable();
    moved.dedup_by_key(|m| (m.0, m.1));
    moved
}
