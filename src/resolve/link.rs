//! Which surfaces of a corpus name one entity: the rules of corpus-wide
//! linking. Extraction links the forms of a name within one article; these
//! rules join what only the whole corpus shows to be one (an article that
//! says only `Haftar` joins the `Khalifa Haftar` of the others; an
//! article's bare `LNA` joins the `Libyan National Army` it abbreviates
//! elsewhere).
//!
//! This is the part a better resolution algorithm replaces: it sees the
//! surfaces in a canonical order (the order the corpus's articles sort in,
//! whatever order they were read in) and answers with a group for each.

use crate::base::hash::FxHashMap;
use crate::base::names::normalize;
use crate::base::union_find::UnionFind;
use crate::entities::Kind;

/// A surface of the corpus (one kind and normalised name, or one resolved
/// date) with the evidence gathered about it across every article.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub kind: Kind,
    /// The normalised name: what every form of it normalises to.
    pub key: &'a str,
    /// The fullest form of the name seen.
    pub name: &'a str,
    /// The normalised forms of its aliases (the surface forms the articles
    /// linked to it).
    pub alias_keys: &'a [Box<str>],
    /// Mentions across the corpus.
    pub mentions: u32,
}

/// The group of each candidate: `groups[i]` is the index of the candidate
/// whose entity `i` belongs to (itself when it stands alone). Candidates
/// without mentions, and dates, stay alone.
pub fn link(c: &[Candidate]) -> Vec<usize> {
    let n = c.len();
    let mut sets = UnionFind::new(n);
    let named = |e: &Candidate| e.kind != Kind::Date && e.mentions > 0;

    // 1. One name, several kinds: the tagger disagreed with itself across
    // articles. A kind holding two thirds of the mentions wins.
    let mut by_name: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, e) in c.iter().enumerate() {
        if named(e) {
            by_name.entry(e.key).or_default().push(i);
        }
    }
    for group in by_name.values().filter(|g| g.len() > 1) {
        let total: u32 = group.iter().map(|&i| c[i].mentions).sum();
        let &best = group
            .iter()
            .max_by_key(|&&i| c[i].mentions)
            .expect("group is not empty");
        if c[best].mentions * 3 >= total * 2 {
            for &i in group {
                sets.attach(i, best);
            }
        }
    }

    // 2. Short forms: an entity whose whole name is an alias of exactly one
    // fuller entity of a compatible kind joins it (`Haftar` alone in one
    // article, `Khalifa Haftar` with alias `Haftar` in another).
    let mut alias_owners: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, e) in c.iter().enumerate() {
        if !named(e) {
            continue;
        }
        for a in e.alias_keys {
            if **a != *e.key {
                let owners = alias_owners.entry(a).or_default();
                if !owners.contains(&i) {
                    owners.push(i);
                }
            }
        }
    }
    let mut surnames: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, e) in c.iter().enumerate() {
        if e.kind == Kind::Person
            && e.mentions > 0
            && let Some((_, last)) = e.name.trim_end().rsplit_once(char::is_whitespace)
            && last.chars().count() >= 3
        {
            surnames.entry(normalize(last)).or_default().push(i);
        }
    }
    for (i, e) in c.iter().enumerate() {
        if !named(e) {
            continue;
        }
        // A person named by surname alone, in an article that never gives
        // the full name, is the one person of the corpus with that surname
        // (`Haftar`, `Khalifa Haftar` elsewhere): people only, and only
        // when the surname is nobody else's.
        let by_surname = (e.kind == Kind::Person)
            .then(|| surnames.get(e.key))
            .flatten()
            .into_iter()
            .flatten()
            .copied();
        let owners: Vec<usize> = alias_owners
            .get(e.key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&o| joins(&c[o], e))
            .chain(by_surname)
            .filter(|&o| o != i)
            .collect();
        if owners.is_empty() {
            continue;
        }
        let mut distinct: Vec<usize> = owners.iter().map(|&o| sets.find(o)).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if let [target] = distinct.as_slice() {
            sets.attach(i, *target);
        }
    }
    (0..n).map(|i| sets.find(i)).collect()
}

/// Whether `short`, named by an alias of `owner`, is `owner` named short.
/// Kinds must agree (organization and location count as agreeing: an
/// acronym such as `UAE` may be tagged either way), except that a person
/// mentioned far more often absorbs a surname the tagger typed otherwise
/// in an article that never gave the full name (`Haftar`, tagged an
/// organization); a place mentioned as often as the person stays apart
/// (`Washington` the city beside `George Washington`).
fn joins(owner: &Candidate, short: &Candidate) -> bool {
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
