//! Which surfaces of a corpus name one entity, and what kind it is: the
//! rules of corpus-wide linking. Extraction links the forms of a name
//! within one article; these rules join what only the whole corpus shows
//! to be one, and nothing without evidence:
//!
//! 1. **One name, one entity.** Surfaces that spell one name (the same
//!    `keys::loose_key`: `Watergate` tagged four ways,
//!    `U.S. Geological Survey` and `U. S. Geological Survey`; split into
//!    words otherwise or spelt the British way: `SeaMicro` and `Sea
//!    Micro`, `Centre` and `Center`, `Mt Cook` and `Mount Cook`) are one
//!    *unit*, of the kind most of their mentions have. Only a name the gazetteer knows as a place or
//!    a body, read firmly as a person too, and the surname of someone the
//!    corpus names in full, stays two (`Washington` the city, `Washington`
//!    the actor, beside `Denzel Washington`); so does a city or a region
//!    firmly read as a body in articles that read another place as a body
//!    too: its team (`Chicago beat Detroit 5-3`), and the place. A body's
//!    or a place's name whose last word has a plural's `s` or not is one
//!    name (`Indianapolis Colt`); a person's is not (`Mark Edwards`, `Mark
//!    Edward`).
//! 2. **What the gazetteer lists as one** (`ISIS` and `Islamic State`,
//!    whatever kind the tagger gave each) is one unit; never a city's
//!    alternate names, which are foreign, historical or lookalike names.
//! 3. **A short form joins the one longer name it is evidence for**: a
//!    name some article linked to it (a surname after the full name, a
//!    bracketed acronym, `also known as`); a person's surname alone (one
//!    word, or two: `Lo Presti`) when exactly one person of the corpus
//!    bears it; a person's name without a middle name or initials
//!    (`Christopher Simpson`, `Christopher Kenyon Simpson`) or with an
//!    initial for its middle name (`Frederick C. LaRue`, `Frederick
//!    Cheney LaRue`), the longer name a person's if shaped as only one is
//!    whatever the tagger read (`Raj K. Chohan`); a company without its
//!    `Inc.` or the country closing its name (its names with different
//!    suffixes are one: `T-Mobile USA`, `T-Mobile US`). Last, a
//!    person's name with its given name cut short joins the one person
//!    whose given name it starts (`Fred LaRue`, `Frederick LaRue`; by
//!    two letters or more: `Andrea` is not short for `Andreas`). Then
//!    the end of a body's, a thing's or a team's name used alone (its
//!    last word or two: `Nationals`, `Camry`, `Trail Blazers`) joins the
//!    one longer name of the corpus ending so, of a body, a misc name or
//!    a place (the tagger wavers between them on teams and products), as
//!    a surname joins the one person who bears it: articles that never
//!    write the full name still name the team. The names are indexed by
//!    their ends, so this costs one lookup a short form. Only a name's
//!    head is its end: after a word of the name's own, not after `of`
//!    (`Utah` is not the `University of Utah`), nor a place after a
//!    quarter's word (`West Texas`); and what the tagger read as a place,
//!    a person's name, a surname people of the corpus bear, a name the
//!    gazetteer knows, an acronym (`MVP` is no `World Series MVP`) or a
//!    name ending on a body's head word, which says what kind of body and
//!    not which (`Communist Party`, `Judiciary Committee`), joins no
//!    longer name so. A common English word is a name only by its
//!    capital, which a sentence's start gives too (the corpus keeps the
//!    names, not where they stood): alone and singular it never joins
//!    (`Police`, `House`), and a plural (`Lions`) or two common words
//!    (`Daily News`, `State Police`), each what many bodies may be
//!    called, join only where their articles share what the longer
//!    name's do (`context`). Among two to four longer names ending so
//!    (`Portland Trail Blazers`, `Hudson Trail Blazers`) that evidence
//!    picks one or none; more end on a common head (`Street`). A
//!    short form that
//!    is evidence for two entities joins neither (`Peterson` with `Laci
//!    Peterson` and `Scott Peterson`) unless the articles that use it
//!    alone are clearly about one of them (`context`: they share
//!    far more of what they mention with that one's articles), so two
//!    longer names never meet through it, and a unit that joined one name joins no other: joins
//!    only ever run from a short form to a long one, never by containment
//!    alone (`Senate` is no form of `U.S.`; a name's end joins only the
//!    one name of the corpus it ends).
//! 4. **A person's name written another way** joins the one other
//!    person's name of the corpus written so, and only when each is the
//!    other's only such name (`Alex Orsek` with `Alexander Orsek` and
//!    `Alexandra Orsek` joins neither). Both are people's (as in 3: a
//!    person, or shaped as only a person's name is), of as many words,
//!    the same but one (`variants`): the given name in another form
//!    the list of English given names gives directly (`Bill Hakim`,
//!    `William Hakim`; not `Fred` and `William`, which are each a form of
//!    `Bill`, nor `Jamie Rappaport Clark` and `James Clark`); or one word
//!    of five letters or more spelt one letter apart (`Duncan Rait`,
//!    `Duncan Raite`) in a name few people of the corpus bear, where no
//!    article names both and the rarer spelling's articles talk of what
//!    the other's do, clearly more than of what those of the other
//!    bearers of the surname do (`context`): one letter apart are also
//!    `Andrea` and `Andreas`.
//! 5. **The archive decides the kind**: a vote over an entity's mentions,
//!    where a name that joined a person counts as a person (`Erdogan`,
//!    tagged an organization where it stood alone).
//!
//! The rules see the surfaces in a canonical order (the order the
//! corpus's articles sort in, whatever order they were read in) and break
//! every tie by the names themselves, so the answer depends on the corpus
//! only.

use crate::base::hash::{FxHashMap, FxHashSet};
use crate::base::union_find::UnionFind;
use crate::entities::Kind;
use crate::entities::features::Lexicon;
use crate::entities::gazetteer::{Category, Hit};
use crate::entities::rules::{Suffix, lists, name_suffix};
use crate::entities::tagger::Tagger;

use super::context::{Articles, Context};
use super::keys::{without_company, words};
use super::variants;

/// A surface of the corpus (one kind and normalised name, or one date)
/// with the evidence gathered about it across every article.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub kind: Kind,
    /// Its loose key (`keys::loose_key`); empty for a date.
    pub loose: &'a str,
    /// The loose keys of its aliases: the forms articles linked to it.
    pub alias_keys: &'a [Box<str>],
    /// Mentions across the corpus.
    pub mentions: u32,
    /// What the gazetteer knows its name as.
    pub known: Option<Hit>,
    /// Every name articles gave it is written in capitals (`MVP`,
    /// `ASIC`): an acronym.
    pub capitals: bool,
}

/// What linking decides.
#[derive(Debug, PartialEq, Eq)]
pub struct Linking {
    /// `group[i]`: the first candidate (in the order given) of the entity
    /// candidate `i` belongs to. Candidates without mentions, and dates,
    /// stay alone.
    pub group: Vec<usize>,
    /// The kind of each candidate's entity.
    pub kind: Vec<Kind>,
    /// The unit of each candidate (rule 1), and the surnames alone that
    /// several people of the corpus bear: which one each names is decided
    /// article by article after linking (`pass`).
    pub unit_of: Vec<usize>,
    pub contested: Vec<Contested>,
}

/// A person's surname used alone that is evidence for several people.
#[derive(Debug, PartialEq, Eq)]
pub struct Contested {
    /// Its unit's candidates.
    pub short: Vec<usize>,
    /// A candidate of each person it may name (whose group is that
    /// person's entity).
    pub roots: Vec<usize>,
    /// The articles (by place in the order given) whose context says
    /// clearly which one it names there (`context::Context::choose_each`),
    /// with that one's place in `roots`.
    pub each: Vec<(u32, usize)>,
}

/// The shortest surname that names a person across the corpus by
/// itself: shorter ones (`Xi`, `Li`) join only where an article linked
/// them.
const MIN_SURNAME: usize = 3;

/// How much more often a short form of another kind may be mentioned
/// than the person it joins: a company called `Ford` mentioned far more
/// than any Ford of the corpus is the company.
const PERSON_PULL: u32 = 3;

/// The entities of `c`; `articles` lists the candidates each article
/// mentions.
pub fn link(c: &[Candidate], articles: &Articles) -> Linking {
    let n = c.len();
    let named = |i: usize| c[i].kind != Kind::Date && c[i].mentions > 0;
    let mut sets = UnionFind::new(n);

    // 1. Units: one per loose key, unless a known place's name is firmly
    // a person's too.
    let keys: Vec<u64> = c.iter().map(|x| unit_key(x.loose, false)).collect();
    let mut by_loose: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for i in (0..n).filter(|&i| named(i)) {
        by_loose.entry(keys[i]).or_default().push(i);
    }
    // The last words of the people's full names of the corpus: a word
    // alone read as a person is someone's surname only if someone bears it.
    let borne: FxHashSet<&str> = (0..n)
        .filter(|&i| named(i) && c[i].kind == Kind::Person)
        .filter_map(|i| {
            let mut w = words(c[i].loose);
            let last = w.next_back()?;
            w.next().is_some().then_some(last)
        })
        .collect();
    let teams = teams(c, articles);
    let mut unit_kind: Vec<Kind> = c.iter().map(|x| x.kind).collect();
    let mut units: Vec<usize> = Vec::new();
    for i in (0..n).filter(|&i| named(i)) {
        let same = &by_loose[&keys[i]];
        if same[0] != i {
            continue;
        }
        let known = same.iter().find_map(|&j| c[j].known);
        let person = |j: &&usize| c[**j].kind == Kind::Person;
        let total: u32 = same.iter().map(|&j| c[j].mentions).sum();
        let people: u32 = same.iter().filter(person).map(|&j| c[j].mentions).sum();
        let others = total - people;
        let firm = |x: u32| x >= 2 && x * 4 >= total;
        let apart = known.is_some()
            && words(c[i].loose).count() == 1
            && borne.contains(c[i].loose)
            && firm(people)
            && firm(others);
        // A place firmly read as a team is also the team, which is not
        // the place (`Chicago beat Detroit 5-3`).
        let body = |j: &&usize| teams.contains(*j);
        let bodies: u32 = same.iter().filter(body).map(|&j| c[j].mentions).sum();
        let team = !apart && firm(bodies) && firm(total - bodies);
        let parts: Vec<Vec<usize>> = if apart {
            let (p, o): (Vec<usize>, Vec<usize>) =
                same.iter().partition(|&&j| c[j].kind == Kind::Person);
            vec![p, o]
        } else if team {
            let (b, o): (Vec<usize>, Vec<usize>) = same.iter().partition(body);
            vec![b, o]
        } else {
            vec![same.clone()]
        };
        for part in parts {
            let kind = vote(part.iter().map(|&j| (c[j].kind, c[j].mentions)));
            for &j in &part {
                sets.union(j, part[0]);
            }
            let root = sets.find(part[0]);
            unit_kind[root] = kind;
            units.push(root);
        }
    }
    // A body's or a place's name of two words or more, its last word with
    // a plural's `s` or without, is one name (`Indianapolis Colt`); a
    // person's is not (`Mark Edwards` is not `Mark Edward`).
    let mut by_stem: FxHashMap<(u64, Kind), usize> = FxHashMap::default();
    let mut joined_stems = false;
    for &u in &units {
        let kind = unit_kind[u];
        if kind == Kind::Person || words(c[u].loose).nth(1).is_none() {
            continue;
        }
        let stem = unit_key(c[u].loose, true);
        match by_stem.get(&(stem, kind)) {
            Some(&first) => {
                sets.union(u, first);
                let root = sets.find(u);
                unit_kind[root] = kind;
                joined_stems = true;
            }
            None => {
                by_stem.insert((stem, kind), u);
            }
        }
    }
    if joined_stems {
        units.retain(|&u| sets.find(u) == u);
    }
    // Each candidate's unit, and each unit's candidates.
    let unit_of: Vec<usize> = (0..n).map(|i| sets.find(i)).collect();
    let mut unit_members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in (0..n).filter(|&i| named(i)) {
        unit_members.entry(unit_of[i]).or_default().push(i);
    }
    let mut context: Option<Context> = None;
    let mut contested: Vec<Contested> = Vec::new();
    // What each unit is: its kind, mentions, words, whether the gazetteer
    // knows it, and the aliases of its members.
    let mut info: FxHashMap<usize, Unit> = FxHashMap::default();
    for &u in &units {
        info.insert(
            u,
            Unit {
                loose: c[u].loose,
                kind: unit_kind[u],
                mentions: 0,
                words: words(c[u].loose).count(),
                person: false,
                known: None,
                capitals: c[u].capitals,
                aliases: Vec::new(),
            },
        );
    }
    for i in (0..n).filter(|&i| named(i)) {
        let u = sets.find(i);
        let x = info.get_mut(&u).expect("every named candidate has a unit");
        x.mentions += c[i].mentions;
        x.known = x.known.or(c[i].known);
        x.person = x.kind == Kind::Person || x.known.is_none() && initialled(x.loose);
        for a in c[i].alias_keys {
            if **a != *x.loose && !x.aliases.contains(&&**a) {
                x.aliases.push(a);
            }
        }
    }
    // 2. What the gazetteer lists as one thing (never a city's other
    // names), of kinds that may be it.
    let mut settled: FxHashMap<usize, bool> = FxHashMap::default();
    let mut by_listing: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for &u in &units {
        if let Some(hit) = info[&u].known
            && hit.primary != Category::City
            && compatible(info[&u].kind, hit.primary.kind())
        {
            by_listing.entry(hit.canonical).or_default().push(u);
        }
    }
    for listed in by_listing.values().filter(|l| l.len() > 1) {
        for &u in listed {
            sets.union(u, listed[0]);
            settled.insert(u, true);
        }
    }

    // 3. Short forms join the one longer name they are evidence for.
    let mut alias_owners: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut surnames: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut full_names: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    let mut companies: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &u in &units {
        let x = &info[&u];
        for a in &x.aliases {
            alias_owners.entry(a).or_default().push(u);
        }
        if x.person && x.words >= 2 {
            // A son's name is indexed by the words before his suffix
            // (`comeaux` of `arcade joseph comeaux jr`).
            let (name, _) = without_junior(x.loose);
            let w: Vec<&str> = words(name).collect();
            let last = w[w.len() - 1];
            surnames.entry(last).or_default().push(u);
            if w.len() >= 3 {
                // A surname of two words (`Lo Presti` of `Gaetano Lo
                // Presti`, `bin Laden`).
                let before_last = name[..name.len() - last.len()].trim_end();
                let two = before_last.rfind(' ').map_or(0, |i| i + 1);
                surnames.entry(&name[two..]).or_default().push(u);
                full_names.entry((w[0], last)).or_default().push(u);
                if let Some(&given) = w.iter().find(|w| !is_initial(w))
                    && given != w[0]
                {
                    full_names.entry((given, last)).or_default().push(u);
                }
            }
        }
        if x.kind == Kind::Organization {
            let stem = without_company(x.loose);
            if stem != x.loose {
                companies.entry(stem).or_default().push(u);
            }
        }
    }
    // A company's names but for their suffix are one name (`Electronic
    // Data Systems Corp.`, `Electronic Data Systems Corporation`): they
    // are one owner for the bare name, not two.
    for variants in companies.values() {
        for &u in variants {
            sets.union(u, variants[0]);
        }
    }
    // Longer names first, so the names a short form may join have joined
    // what they join; ties by the name, then the kind.
    let mut order = units.clone();
    order.sort_by(|&a, &b| {
        let (x, y) = (&info[&a], &info[&b]);
        y.words
            .cmp(&x.words)
            .then(x.loose.cmp(y.loose))
            .then(x.kind.cmp(&y.kind))
    });
    let mut joined_person: FxHashMap<usize, bool> = FxHashMap::default();
    // The short forms that joined a longer name: they join no other.
    let mut joined_short: FxHashSet<usize> = FxHashSet::default();
    for &s in &order {
        if settled.contains_key(&s) {
            continue;
        }
        let short = &info[&s];
        let mut owners: Vec<usize> = Vec::new();
        // Owners of another kind that the evidence says are people.
        let mut people: Vec<usize> = Vec::new();
        for &l in alias_owners.get(short.loose).into_iter().flatten() {
            if l == s {
                continue;
            }
            if by_alias(short, &info[&l]) {
                owners.push(l);
            } else if ends_full_name(short, &info[&l]) {
                owners.push(l);
                people.push(l);
            }
        }
        // (A son's name is looked up without his suffix: `joseph comeaux`
        // of `joseph comeaux jr`.)
        let (short_name, _) = without_junior(short.loose);
        let surname = match words(short_name).count() {
            1 => short_name.chars().count() >= MIN_SURNAME,
            2 => short.kind == Kind::Person,
            _ => false,
        };
        if surname {
            for &l in surnames.get(short_name).into_iter().flatten() {
                if by_surname(short, &info[&l]) {
                    owners.push(l);
                }
            }
        }
        if short.kind == Kind::Person && short.words >= 2 {
            // A son's name is another's than his father's: both or
            // neither end on a son's suffix.
            let (name, junior) = without_junior(short.loose);
            let w: Vec<&str> = words(name).collect();
            for &l in full_names
                .get(&(w[0], w[w.len() - 1]))
                .into_iter()
                .flatten()
            {
                let long = &info[&l];
                let (long_name, long_junior) = without_junior(long.loose);
                if long_junior != junior {
                    continue;
                }
                let long_words = words(long_name).count();
                if long_words > w.len() && shortens(&w, long_name)
                    || long_words == w.len() && l != s && spells_out(&w, long_name)
                {
                    owners.push(l);
                }
            }
        }
        if matches!(short.kind, Kind::Organization | Kind::Misc) {
            owners.extend(companies.get(short.loose).into_iter().flatten().copied());
        }
        let own = sets.find(s);
        let mut roots: Vec<usize> = owners
            .iter()
            .map(|&l| sets.find(l))
            .filter(|&r| r != own)
            .collect();
        roots.sort_unstable();
        roots.dedup();
        let chosen = match roots[..] {
            [] => None,
            [root] => Some(root),
            // Several people: the one the short form's articles are
            // about. (Other names that several longer ones hold are
            // common words of names, `Street`, `News`, `Alabama`: their
            // articles' subjects say nothing of which one they mean.)
            _ if owners.iter().all(|l| info[l].person || people.contains(l)) => {
                let ctx = context.get_or_insert_with(|| Context::new(articles, &unit_of));
                let options = candidates_of(&roots, &owners, &mut sets, &unit_members);
                let skip = |u: usize| u == s || owners.contains(&u);
                let short = &unit_members[&s];
                if surname {
                    let (chosen, each) = ctx.choose_each(short, &options, &skip);
                    contested.push(Contested {
                        short: short.clone(),
                        roots: roots.clone(),
                        each,
                    });
                    chosen.map(|k| roots[k])
                } else {
                    ctx.choose(short, &options, &skip).map(|k| roots[k])
                }
            }
            _ => None,
        };
        if let Some(root) = chosen {
            let of_root: Vec<usize> = owners
                .iter()
                .copied()
                .filter(|&l| sets.find(l) == root)
                .collect();
            let person = |l: &usize| info[l].person || people.contains(l);
            sets.union(s, root);
            joined_short.insert(s);
            if of_root.iter().any(person) {
                joined_person.insert(s, true);
                // A name a person's name joined, shaped as a person's,
                // is the person's whatever the tagger read it as.
                if short.kind == Kind::Person {
                    for l in of_root.iter().filter(|l| person(l)) {
                        joined_person.insert(*l, true);
                    }
                }
            }
        }
    }

    // 3b. The end of a body's, a product's or a team's name used alone
    // (`Nationals`, `Camry`, `Trail Blazers`) joins the one longer name of the
    // corpus that ends so, as a surname joins the one person who bears it.
    let tails = name_tails(&units, &info, &joined_person);
    let lexicon = Tagger::embedded().lexicon();
    for &s in &order {
        let short = &info[&s];
        let Some(tail) = as_tail(short, &surnames, lexicon) else {
            continue;
        };
        if settled.contains_key(&s) || joined_short.contains(&s) || joined_person.contains_key(&s) {
            continue;
        }
        let owners: Vec<usize> = tails
            .get(tail.name)
            .into_iter()
            .flatten()
            .copied()
            .filter(|l| info[l].words > tail.words)
            .collect();
        let own = sets.find(s);
        let mut roots: Vec<usize> = owners.iter().map(|&l| sets.find(l)).collect();
        roots.sort_unstable();
        roots.dedup();
        // Already one of them (an article linked it): joining another
        // would join two longer names through it.
        if roots.is_empty() || roots.contains(&own) {
            continue;
        }
        let chosen = match roots[..] {
            [root] if !tail.common => Some(root),
            // Two or a few names end so (`Portland Trail Blazers`, `Hudson
            // Trail Blazers`), or a common word's plural (`Lions`): the one
            // the short form's
            // articles are clearly about, if any; many (`Street`,
            // `University`) end on a common head word.
            _ if roots.len() <= MAX_TAIL_OWNERS => {
                let ctx = context.get_or_insert_with(|| Context::new(articles, &unit_of));
                let options = candidates_of(&roots, &owners, &mut sets, &unit_members);
                let skip = |u: usize| u == s || owners.contains(&u);
                ctx.choose(&unit_members[&s], &options, &skip)
                    .map(|k| roots[k])
            }
            _ => None,
        };
        if let Some(root) = chosen {
            sets.union(s, root);
        }
    }

    // 3c. A person's name with a short form of the given name of one
    // other person of the corpus (`Fred LaRue`, `Frederick C. LaRue`):
    // after the joins above, so that the one person is one entity.
    for &s in &order {
        let short = &info[&s];
        if short.kind != Kind::Person || short.words < 2 || settled.contains_key(&s) {
            continue;
        }
        let w: Vec<&str> = words(short.loose).collect();
        if w[0].chars().count() < MIN_GIVEN {
            continue;
        }
        let own = sets.find(s);
        let mut roots: Vec<usize> = surnames
            .get(w[w.len() - 1])
            .into_iter()
            .flatten()
            .filter(|&&l| info[&l].person && given_shortened(&w, info[&l].loose))
            .map(|&l| sets.find(l))
            .filter(|&r| r != own)
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            sets.union(s, root);
        }
    }

    // 4. A person's name with another form of its given name (`Bill
    // Hakim`, `William Hakim`), then with a slip in one long word
    // (`Duncan Rait`, `Duncan Raite`): between two people each of whom
    // is the other's only such name, after the joins above so that each
    // person is one entity.
    let people: Vec<(usize, &str)> = order
        .iter()
        .filter(|u| {
            let x = &info[u];
            x.words >= 2 && !settled.contains_key(u) && (x.person || joined_person.contains_key(u))
        })
        .map(|&u| (u, info[&u].loose))
        .collect();
    for (a, b) in only_partners(&mut sets, &variants::nickname_pairs(&people)) {
        sets.union(a, b);
    }
    let slips = only_partners(&mut sets, &variants::slip_pairs(&people));
    if !slips.is_empty() {
        let root: Vec<usize> = (0..n).map(|i| sets.find(i)).collect();
        // The people of the corpus who bear a surname of a pair's:
        // rivals for what its articles talk of.
        let mut names_of: FxHashMap<usize, Vec<&str>> = FxHashMap::default();
        for &(u, loose) in &people {
            names_of.entry(root[u]).or_default().push(loose);
        }
        // A slip is read in a name few others bear (`MAX_RIVALS`).
        let weighed: Vec<((usize, usize), Vec<usize>)> = slips
            .iter()
            .filter_map(|&(a, b)| {
                let mut r: Vec<usize> = [a, b]
                    .iter()
                    .flat_map(|x| names_of.get(x).into_iter().flatten())
                    .filter_map(|loose| words(loose).next_back())
                    .flat_map(|last| surnames.get(last).into_iter().flatten())
                    .map(|&l| root[l])
                    .filter(|&r| r != a && r != b)
                    .collect();
                r.sort_unstable();
                r.dedup();
                (r.len() <= MAX_RIVALS).then_some(((a, b), r))
            })
            .collect();
        let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for ((a, b), rivals) in &weighed {
            for r in [a, b].into_iter().chain(rivals) {
                members.insert(*r, Vec::new());
            }
        }
        for (&u, of_u) in unit_members.iter().filter(|_| !weighed.is_empty()) {
            if let Some(m) = members.get_mut(&root[u]) {
                m.extend(of_u);
            }
        }
        for v in members.values_mut() {
            v.sort_unstable();
        }
        let mentions = |r: usize| -> u32 { members[&r].iter().map(|&i| c[i].mentions).sum() };
        for &((a, b), ref rivals) in &weighed {
            let ctx = context.get_or_insert_with(|| Context::new(articles, &unit_of));
            if ctx.named_together(&members[&a], &members[&b]) {
                continue;
            }
            // The rarer spelling is the slip: are its articles about
            // the other spelling's subject, clearly more than about any
            // other bearer of the surname?
            let (slip, other) = if (mentions(b), a) < (mentions(a), b) {
                (b, a)
            } else {
                (a, b)
            };
            let skip = |u: usize| root[u] == a || root[u] == b || rivals.contains(&root[u]);
            let options: Vec<Vec<usize>> = std::iter::once(other)
                .chain(rivals.iter().copied())
                .map(|r| members[&r].clone())
                .collect();
            if ctx.choose(&members[&slip], &options, &skip) == Some(0) {
                sets.union(a, b);
            }
        }
    }

    // 5. Kinds: a vote over each entity's units, a unit that joined a
    // person counting as one.
    let mut tally: FxHashMap<usize, Vec<(Kind, u32)>> = FxHashMap::default();
    for &u in &units {
        let x = &info[&u];
        let kind = if joined_person.contains_key(&u) {
            Kind::Person
        } else {
            x.kind
        };
        tally
            .entry(sets.find(u))
            .or_default()
            .push((kind, x.mentions));
    }
    let group: Vec<usize> = (0..n).map(|i| sets.find(i)).collect();
    let entity_kind: FxHashMap<usize, Kind> = tally
        .into_iter()
        .map(|(root, votes)| (root, vote(votes.into_iter())))
        .collect();
    let kind = (0..n)
        .map(|i| match entity_kind.get(&group[i]) {
            Some(&k) if named(i) => k,
            _ => c[i].kind,
        })
        .collect();
    Linking {
        group,
        kind,
        unit_of,
        contested,
    }
}

/// What makes two loose keys one name's (rule 1): the key without its
/// spaces and hyphens (`SeaMicro` and `Sea Micro`, `Trail Blazers` and
/// `Trailblazers`, `Kim Jong-un` and `Kim Jong Un`: how a name is split
/// into words is a spelling), with the British spelling of the words of
/// place names that have one (`Betty Ford Centre`), and with a first
/// `Mt` or `Ft` written out (`Mt Cook`, `Mount Cook`); with
/// `singular`, its last word without a plural's `s` too (`Indianapolis
/// Colt`, `Ford Motors`). A hash of the letters so written: a pass
/// allocates nothing for it.
fn unit_key(loose: &str, singular: bool) -> u64 {
    const BRITISH: &[(&str, &str)] = &[("centre", "center"), ("theatre", "theater")];
    // A place's first word cut short (`Mt Cook`, `Ft. Worth`).
    const SHORT: &[(&str, &str)] = &[("mt", "mount"), ("ft", "fort")];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = loose.split([' ', '-']).peekable();
    let mut first = true;
    while let Some(word) = words.next() {
        let spelt = if first && words.peek().is_some() {
            SHORT.iter().chain(BRITISH).find(|(b, _)| *b == word)
        } else {
            BRITISH.iter().find(|(b, _)| *b == word)
        };
        let mut word = spelt.map_or(word, |&(_, long)| long);
        if singular && words.peek().is_none() && !first {
            word = without_plural_s(word);
        }
        first = false;
        for &b in word.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A word without the `s` that may make it a plural: not a short word's,
/// nor one after `s`, `u`, `i`, `e` or an apostrophe (`Press`, `Marcus`,
/// `Lewis`, `Angeles`, `Times`).
fn without_plural_s(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with(['s', 'u', 'i', 'e', '\'']) => stem,
        _ => word,
    }
}

/// The kind most mentions have; ties go to the first in [`Kind::ALL`].
fn vote(votes: impl Iterator<Item = (Kind, u32)>) -> Kind {
    let mut sum = [0u32; 5];
    for (k, m) in votes {
        sum[k as usize] += m;
    }
    let best = (0..5)
        .max_by_key(|&k| (sum[k], std::cmp::Reverse(k)))
        .expect("five kinds");
    Kind::ALL[best]
}

/// The candidates that name a city's or a region's team: read as a body
/// in an article that reads another place as a body too (`Chicago beat
/// Detroit 5-3`), where a body named for one place alone is most likely
/// something else of the place (`Surrey` for its police).
fn teams(c: &[Candidate], articles: &Articles) -> FxHashSet<usize> {
    let placed: Vec<bool> = c
        .iter()
        .map(|x| {
            x.kind == Kind::Organization
                && x.mentions > 0
                && x.known
                    .is_some_and(|h| matches!(h.primary, Category::City | Category::Region))
        })
        .collect();
    let mut teams = FxHashSet::default();
    if !placed.contains(&true) {
        return teams;
    }
    for a in 0..articles.len() {
        let mut here = articles
            .of(a)
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| placed[i]);
        let Some(first) = here.next() else {
            continue;
        };
        for other in here.filter(|&i| c[i].loose != c[first].loose) {
            teams.insert(first);
            teams.insert(other);
        }
    }
    teams
}

/// Kinds one thing may be tagged as in different articles: the same, an
/// organization and a place (`UAE`, a city's team), an organization and
/// a misc name (`Hunger Games`).
fn compatible(a: Kind, b: Kind) -> bool {
    use Kind::{Location, Misc, Organization};
    a == b
        || matches!(
            (a, b),
            (Organization, Location)
                | (Location, Organization)
                | (Organization, Misc)
                | (Misc, Organization)
        )
}

/// Whether `short` may be the name some article linked to `long`: kinds
/// that may be one thing, or a name of any kind that is a person's
/// (`Obama` tagged a place where it stood alone) unless it is a place or
/// a body the gazetteer knows (`The Hague`, `Washington`), or far better
/// known than the person.
fn by_alias<'a>(short: &Unit<'a>, long: &Unit<'a>) -> bool {
    compatible(short.kind, long.kind) || (long.kind == Kind::Person && pulled(short, long))
}

/// Whether `short`, a person's name an article linked to `long`, is
/// `long` without its first word (`Lo Presti` of `Gaetano Lo Presti`):
/// then `long` is a given name and a surname, a person's, whatever kind
/// the tagger gave it (never a name the gazetteer knows).
fn ends_full_name<'a>(short: &Unit<'a>, long: &Unit<'a>) -> bool {
    short.kind == Kind::Person
        && short.words >= 2
        && long.words == short.words + 1
        && long.known.is_none()
        && long
            .loose
            .strip_suffix(short.loose)
            .is_some_and(|first| first.ends_with(' '))
}

/// Whether a one-word name is the surname of `long`, a person of the
/// corpus: a person's, or one of another kind the person pulls.
fn by_surname<'a>(short: &Unit<'a>, long: &Unit<'a>) -> bool {
    long.person && (short.kind == Kind::Person || pulled(short, long))
}

/// Whether a name tagged otherwise is a person's after all.
fn pulled<'a>(short: &Unit<'a>, long: &Unit<'a>) -> bool {
    short.kind != Kind::Date
        && short.known.is_none()
        && !short.loose.starts_with("the ")
        && short.mentions <= PERSON_PULL * long.mentions
}

/// The most longer names ending alike among which the articles of their
/// short form may choose: more end on a common head word (`Street`,
/// `University`), whose articles say nothing of which one they mean.
const MAX_TAIL_OWNERS: usize = 4;

/// Words that join the words of a name: what follows one is what the name
/// is of or for (`Utah` of the `University of Utah`), not its head.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "in", "on", "at", "to", "a", "an", "de", "du", "des", "del", "la",
    "le", "el", "da", "di", "von", "van", "&",
];

/// Words that make a place's name a part of the place named after them
/// (`West Texas`, `Northern Iowa`, `Southern California`): the end of such
/// a name is another place, not its head.
const QUARTERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "new",
];

/// The longer names of bodies and things (of two words or more, not a
/// person's, not a place or a people the gazetteer knows) by their last
/// word and, of three words or more, their last two (`nationals` and
/// `washington nationals` hold `the washington nationals`), where the
/// word before is a name's own word: the end of a name is its head, what
/// follows `of` is not (`University of Utah`), nor a place after a
/// quarter's word (`West Texas`).
fn name_tails<'a>(
    units: &[usize],
    info: &FxHashMap<usize, Unit<'a>>,
    joined_person: &FxHashMap<usize, bool>,
) -> FxHashMap<&'a str, Vec<usize>> {
    let mut tails: FxHashMap<&'a str, Vec<usize>> = FxHashMap::default();
    for &u in units {
        let x = &info[&u];
        if x.words < 2 || x.person || joined_person.contains_key(&u) || !thing(x.kind) || place(x) {
            continue;
        }
        let w: Vec<&str> = words(x.loose).collect();
        if w.len() == 2 && QUARTERS.contains(&w[0]) {
            continue;
        }
        for k in 1..=2.min(w.len() - 1) {
            if CONNECTORS.contains(&w[w.len() - 1 - k]) {
                continue;
            }
            // The last `k` words, as the key writes them.
            let from =
                x.loose.len() - w[w.len() - k..].iter().map(|w| w.len() + 1).sum::<usize>() + 1;
            let at = tails.entry(&x.loose[from..]).or_default();
            if !at.contains(&u) {
                at.push(u);
            }
        }
    }
    tails
}

/// The kinds rule 3b joins: a body, a thing's or a team's misc name, and
/// a place (which the tagger reads a team or a product as too).
fn thing(kind: Kind) -> bool {
    matches!(kind, Kind::Organization | Kind::Misc | Kind::Location)
}

/// Whether a word of a loose key is one that ends the names of bodies
/// (`board`, `party`).
fn body_head(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|first| {
        let capitalised: String = first.to_uppercase().chain(chars).collect();
        lists().body_heads.contains(&capitalised)
    })
}

/// Whether the gazetteer knows a unit's name as a place or a people's.
fn place(x: &Unit) -> bool {
    x.known.is_some_and(|h| {
        [
            Category::Country,
            Category::City,
            Category::Region,
            Category::Demonym,
        ]
        .iter()
        .any(|&c| h.has(c))
    })
}

/// The name a short form would be the end of a longer one by.
struct Tail<'a> {
    /// Its loose key without a leading `the` (`the Nationals`).
    name: &'a str,
    words: usize,
    /// A common English word: it joins only where its articles share
    /// what the longer name's do.
    common: bool,
}

/// The name `x` would be the end of a longer one by, if it may be: one
/// word of three letters or more, or two; a body's or a thing's (a place's
/// end is another place, `West Texas`), that the gazetteer does not know
/// (`Utah`), that no person of the corpus bears as a surname; one common
/// English word only as a plural (a team: `Lions`), as a singular's
/// capital may be only a sentence's or a headline's (`Television`,
/// `House`). A plural or two common words (`State Police`, `Daily News`)
/// may name many bodies: it is marked common. Not a name in capitals
/// (`MVP`, `ASIC`: an acronym a longer name holds is a title or a term
/// after a maker's name, `World Series MVP`), nor a name ending on a
/// body's head word, which says what kind of body, not which (`Communist
/// Party`, `Judiciary Committee`).
fn as_tail<'a>(
    x: &Unit<'a>,
    surnames: &FxHashMap<&str, Vec<usize>>,
    lexicon: &Lexicon,
) -> Option<Tail<'a>> {
    if !matches!(x.kind, Kind::Organization | Kind::Misc)
        || x.person
        || x.known.is_some()
        || x.capitals
    {
        return None;
    }
    let name = x.loose.strip_prefix("the ").unwrap_or(x.loose);
    if words(name).next_back().is_some_and(body_head) {
        return None;
    }
    let mut w = words(name);
    let first = w.next()?;
    let (words, common) = match (w.next(), w.next()) {
        (None, _) => {
            let common = lexicon.is_common(first);
            if first.chars().count() < MIN_SURNAME || common && without_plural_s(first) == first {
                return None;
            }
            (1, common)
        }
        (Some(second), None) => (2, lexicon.is_common(first) && lexicon.is_common(second)),
        _ => return None,
    };
    (!surnames.contains_key(name)).then_some(Tail {
        name,
        words,
        common,
    })
}

/// The most other people a name one letter from another may share its
/// surname with: a slip is read in a rare name, where the articles can
/// tell whom they are about; among many bearers of a surname, a name one
/// letter apart is as likely another of them (and weighing every one
/// would cost a pass dearly).
const MAX_RIVALS: usize = 4;

/// The shortest given name that may be short for a longer one (`Fred`;
/// not `Al`, `Jo`).
const MIN_GIVEN: usize = 3;

/// Whether the words `short` are the person `long` by a given name cut
/// short (`fred larue`, `frederick c larue`): a given name at least two
/// letters longer that starts with `short`'s, then `short`'s other words
/// in order. One letter more is another name more often than a short
/// form (`Andrea` and `Andreas`, `Paul` and `Paula`): that is for the
/// rule of slips, which weighs the articles.
fn given_shortened(short: &[&str], long: &str) -> bool {
    let mut rest = words(long).skip_while(|w| is_initial(w));
    let Some(given) = rest.next() else {
        return false;
    };
    given.len() > short[0].len() + 1
        && given.starts_with(short[0])
        && words(long).next_back() == short.last().copied()
        && short[1..].iter().all(|w| rest.any(|l| l == *w))
}

/// Whether `short` and `long`, of as many words, name one person with a
/// middle name that one of them writes as its initial (`frederick c
/// larue`, `frederick cheney larue`): the same first and last words, the
/// others each the same or an initial of the other's; at least one
/// initial where the other has a name.
fn spells_out(short: &[&str], long: &str) -> bool {
    let long: Vec<&str> = words(long).collect();
    let initial_of = |a: &str, b: &str| is_initial(a) && !is_initial(b) && b.starts_with(a);
    short.len() == long.len()
        && short.len() >= 3
        && short[0] == long[0]
        && short.last() == long.last()
        && short.iter().zip(&long).any(|(a, b)| initial_of(a, b))
        && short
            .iter()
            .zip(&long)
            .all(|(a, b)| a == b || initial_of(a, b) || initial_of(b, a))
}

/// A person's loose name without a son's suffix closing it (`arcade
/// joseph comeaux` of `arcade joseph comeaux jr`), and whether it had
/// one.
fn without_junior(loose: &str) -> (&str, bool) {
    let name = loose.trim_end();
    match name.rsplit_once(' ') {
        Some((rest, last)) if rest.contains(' ') && name_suffix(last) == Some(Suffix::Junior) => {
            (rest.trim_end(), true)
        }
        _ => (name, false),
    }
}

/// A single letter, as an initial is (`w` in `george w bush`).
fn is_initial(w: &str) -> bool {
    w.chars().count() == 1
}

/// Whether the words `short` name the person `long` without some of the
/// words between (`christopher simpson`, `christopher kenyon simpson`;
/// `mark felt`, `w mark felt`): the same last word, the others in order,
/// and nothing but initials before the first.
fn shortens(short: &[&str], long: &str) -> bool {
    let long: Vec<&str> = words(long).collect();
    if short.last() != long.last() {
        return false;
    }
    let Some(start) = long.iter().position(|w| *w == short[0]) else {
        return false;
    };
    if !long[..start].iter().all(|w| is_initial(w)) {
        return false;
    }
    let mut rest = long[start..].iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

/// The candidates of each entity of `roots` (in `sets`) that is one of
/// `owners`' (units): what a short form's articles are weighed against.
fn candidates_of(
    roots: &[usize],
    owners: &[usize],
    sets: &mut UnionFind,
    unit_members: &FxHashMap<usize, Vec<usize>>,
) -> Vec<Vec<usize>> {
    roots
        .iter()
        .map(|&r| {
            let of_r = owners.iter().filter(|&&l| sets.find(l) == r);
            of_r.flat_map(|l| unit_members[l].iter().copied()).collect()
        })
        .collect()
}

/// What step 3 weighs of a unit.
struct Unit<'a> {
    loose: &'a str,
    kind: Kind,
    mentions: u32,
    words: usize,
    /// A person, or named as only a person is whatever the tagger read
    /// it as: a given name, initials, a surname (`Raj K. Chohan`).
    person: bool,
    known: Option<Hit>,
    /// Written in capitals (an acronym).
    capitals: bool,
    aliases: Vec<&'a str>,
}

/// Whether a loose key is shaped as only a person's name is: three words
/// or more, the first and last full words, every word between an
/// initial (`raj k chohan`; not `john f kennedy airport`).
fn initialled(loose: &str) -> bool {
    let w: Vec<&str> = words(loose).collect();
    w.len() >= 3
        && !is_initial(w[0])
        && !is_initial(w[w.len() - 1])
        && w[1..w.len() - 1].iter().all(|w| is_initial(w))
}

/// Of `pairs` (of candidates), those whose entities are each the
/// other's only partner, as pairs of entities (their roots in `sets`),
/// sorted: a name that could be two people's joins neither, so two
/// entities never meet through a third.
fn only_partners(sets: &mut UnionFind, pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut roots: Vec<(usize, usize)> = pairs
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (sets.find(a), sets.find(b));
            (a.min(b), a.max(b))
        })
        .filter(|(a, b)| a != b)
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let mut partners: FxHashMap<usize, u32> = FxHashMap::default();
    for &(a, b) in &roots {
        *partners.entry(a).or_default() += 1;
        *partners.entry(b).or_default() += 1;
    }
    roots.retain(|(a, b)| partners[a] == 1 && partners[b] == 1);
    roots
}
