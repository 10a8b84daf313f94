//! Linking within one article: which mentions name the same entity, what
//! that entity is called, and what kind it is.
//!
//! Mentions join when they read the same (`LNA`, `LNA`), when a gazetteer
//! knows them as one (`UN`, `United Nations`), when the text says so (an
//! acronym in brackets, `also known as`), when a person is named by part of
//! a full name used in the article (`Haftar` for `Khalifa Haftar`), and when
//! a bare acronym spells exactly one longer name of the article (`GNA`).
//! Nothing else joins: the town `Sirte` and the `Sirte Protection Force`
//! stay apart.

use std::borrow::Cow;
use std::collections::HashMap;

use super::Kind;
use super::gazetteer::{Category, Gazetteer};
use super::rules::{
    Link, Span, Suffix, is_corporate, is_regnal_numeral, is_title_case, lists, person_verb_at,
    without_name_suffix,
};
use crate::base::names::normalize;
use crate::base::union_find::UnionFind;

/// An entity of the article and the spans that mention it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub kind: Kind,
    /// Surface forms in order of first appearance.
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Linked {
    pub groups: Vec<Group>,
    /// For each input span, its group.
    pub group_of: Vec<usize>,
}

/// Joins mention `i` to the entity the longer names `fulls` (mentions)
/// are of, where they are all of one (two owners: the short name is
/// neither's).
fn join_the_one_owner(uf: &mut UnionFind, i: usize, fulls: &[usize]) {
    let mut owners: Vec<usize> = fulls.iter().map(|&p| uf.find(p)).collect();
    owners.sort_unstable();
    owners.dedup();
    if let [owner] = owners.as_slice() {
        uf.union(i, *owner);
    }
}

/// How much more confidence one kind of a name must carry than another
/// for the other's mentions to join it (measured: 3 keeps `NEW YORK` the
/// dateline apart from the team on CoNLL sports pages, and still settles
/// a wavering tagger in news text).
const DOMINANT: f32 = 3.0;

/// The longest part of a full name that names its person alone
/// (`Tayyip Erdogan`, `Abdel Fattah al-Burhan`): longer spans are not
/// looked up as parts.
const MAX_PART: usize = 4;

/// Links `spans` (sorted, not overlapping). `surface(span)` is the text of a
/// span as it appears in the article.
pub fn link<'a>(
    words: &[&str],
    spans: &[Span],
    links: &[Link],
    surface: impl Fn(&Span) -> &'a str,
    gaz: &Gazetteer,
) -> Linked {
    let n = spans.len();
    let mut uf = UnionFind::new(n);
    let surfaces: Vec<&str> = spans.iter().map(&surface).collect();
    let keys: Vec<String> = surfaces.iter().map(|s| normalize(s)).collect();
    let mut kinds: Vec<Kind> = spans.iter().map(|s| s.kind).collect();

    // Known forms: the standard name of what a curated list (countries,
    // regions, organizations, demonyms) knows the words as, when its kind
    // agrees (`Britain`, `UK`: `United Kingdom`); it settles the kind,
    // names and joins them. The city list's other spellings are foreign,
    // historical or lookalike names (`Florida`, `Stalin`), and a city's
    // name is often a team's or a person's (`Nice`, `Duran`): a city is
    // shown and joined as the text writes it, of the kind its mentions say.
    let mut canon: Vec<Option<(&str, Kind)>> = spans
        .iter()
        .map(|s| {
            let hit = gaz.lookup(&words[s.start..s.end])?;
            let kind = hit.primary.kind();
            (kind == s.kind && hit.primary != Category::City).then(|| (gaz.canonical(hit), kind))
        })
        .collect();

    // 1. The same words, or the same known entity. Each text's readings:
    // its kinds, each with its first mention and summed confidence.
    let mut by_key: HashMap<&str, Vec<(Kind, usize, f32)>> = HashMap::new();
    let mut first_by_canon: HashMap<&str, usize> = HashMap::new();
    for i in 0..n {
        let readings = by_key.entry(keys[i].as_str()).or_default();
        let confidence = spans[i].origin.confidence().max(0.01);
        match readings.iter_mut().find(|r| r.0 == kinds[i]) {
            Some(r) => {
                uf.union(i, r.1);
                r.2 += confidence;
            }
            None => readings.push((kinds[i], i, confidence)),
        }
        if let Some((c, _)) = canon[i] {
            match first_by_canon.get(c) {
                Some(&j) => uf.union(i, j),
                None => {
                    first_by_canon.insert(c, i);
                }
            }
        }
    }

    // 1b. The same words tagged as different kinds: one name, one kind in
    // an article. A reading joins the strongest unless it holds firm
    // beside it ([`DOMINANT`]): then two entities stay (`NEW YORK` the
    // dateline and the team).
    for readings in by_key.values_mut().filter(|r| r.len() > 1) {
        readings.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1)));
        let (_, best_i, best_w) = readings[0];
        for &(_, i, w) in &readings[1..] {
            if best_w >= DOMINANT * w {
                uf.union(i, best_i);
            }
        }
    }

    // 2. What the text says: acronym definitions, `also known as`.
    let at = |r: (usize, usize)| {
        let i = spans.partition_point(|s| (s.start, s.end) < r);
        spans
            .get(i)
            .is_some_and(|s| (s.start, s.end) == r)
            .then_some(i)
    };
    for l in links {
        if let (Some(a), Some(b)) = (at(l.a), at(l.b)) {
            uf.union(a, b);
        }
    }

    // 3. People named by part of their full name: `Haftar`, `al-Mahjoub`,
    // `Tayyip Erdogan`, and by the first word of it alone where that is
    // the family name (`Xi` for `Xi Jinping`, `Kim` for `Kim Jong Un`).
    // Only when exactly one full name fits. The full names are indexed by
    // their tails and first words, so each mention costs a lookup; one
    // full name of each text stands for all (step 1 joined them).
    let mut by_tail: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_head: HashMap<String, Vec<usize>> = HashMap::new();
    let mut full_names: HashMap<&str, usize> = HashMap::new();
    for p in persons_by_surname(words, spans, &keys, &by_key, &canon, gaz) {
        kinds[p] = Kind::Person;
    }
    for p in 0..n {
        let s = spans[p];
        if !(kinds[p] == Kind::Person || s.kind == Kind::Misc && misc_name(&words[s.range()], gaz))
            || s.len() < 2
            || full_names.contains_key(keys[p].as_str())
        {
            continue;
        }
        full_names.insert(keys[p].as_str(), p);
        let full = &words[s.range()];
        for k in 1..full.len().min(MAX_PART) {
            by_tail
                .entry(name_key(&full[full.len() - k..]))
                .or_default()
                .push(p);
        }
        // `Comeaux`, `Joseph Comeaux` of `Arcade Joseph Comeaux Jr.`, and
        // `W. Mark Felt` of `W. Mark Felt Sr.`; never the father's name
        // for the son.
        // A numeral after a full name tells one bearer from another as
        // `Jr.` does (`L. Patrick Gray III`).
        let (base, suffix) = match without_name_suffix(full) {
            (_, None) if full.len() >= 3 && is_regnal_numeral(full[full.len() - 1]) => {
                (&full[..full.len() - 1], Some(Suffix::Junior))
            }
            found => found,
        };
        if let Some(suffix) = suffix {
            let whole = usize::from(suffix == Suffix::Senior);
            for k in 1..(base.len() + whole).min(MAX_PART) {
                by_tail
                    .entry(name_key(&base[base.len() - k..]))
                    .or_default()
                    .push(p);
            }
        }
        by_head.entry(name_key(&full[..1])).or_default().push(p);
    }
    let person_names: std::collections::HashSet<&str> = (0..n)
        .filter(|&p| kinds[p] == Kind::Person && spans[p].len() >= 2)
        .map(|p| keys[p].as_str())
        .collect();
    for i in (0..n).filter(|_| !full_names.is_empty()) {
        let s = spans[i];
        if (canon[i].is_some() && !speaks(words, &s))
            || is_acronym(surfaces[i])
            || s.len() >= MAX_PART
        {
            continue;
        }
        if s.kind != Kind::Person && s.origin.is_settled() && !speaks(words, &s) {
            continue;
        }
        let key = name_key(&words[s.range()]);
        let owners_of = |fulls: &[usize], uf: &mut UnionFind| {
            let mut owners: Vec<usize> = fulls.iter().map(|&p| uf.find(p)).collect();
            owners.sort_unstable();
            owners.dedup();
            owners
        };
        let named_before: Vec<usize>;
        let mut fulls: &[usize] = by_tail.get(&key).map_or(&[], Vec::as_slice);
        let mut owners = owners_of(fulls, &mut uf);
        // (A title's or a role's word opens a name without being anyone's
        // family name: `Doctor` is not `Doctor Who`.)
        if owners.is_empty()
            && s.len() == 1
            && let Some(f) = by_head.get(&key)
            && !lists().titles.contains(words[s.start])
            && !lists().roles.contains(&words[s.start].to_lowercase())
        {
            fulls = f;
            owners = owners_of(f, &mut uf);
        }
        // Where two full names fit, the one the article had named when it
        // first wrote the part alone is meant (`Vincent Gigante` ...
        // `Gigante was 77` ... `his brother, Louis Gigante`), and so are
        // its later uses (one text, one entity in an article); a part first
        // written once both are named is neither's.
        if owners.len() > 1 {
            named_before = fulls.iter().copied().filter(|&p| p < i).collect();
            let before = owners_of(&named_before, &mut uf);
            if before.len() == 1 {
                fulls = &named_before;
                owners = before;
            }
        }
        // A place or a body the gazetteer knows, read so with confidence,
        // is not someone's name (`Washington` the city beside `MaliVai
        // Washington`); a rule's never is. But where what follows it says
        // a person is meant, it is the person's (`Neil Jordan ... Jordan
        // said`, `Jordan, whose 1992 film`).
        let known_place = || {
            s.origin.confidence() >= 0.5
                && gaz.lookup(&words[s.range()]).is_some()
                && !speaks(words, &s)
        };
        // A full name the tagger called something else (`running back
        // Reggie Bush` read as a title) takes only its own bare surname,
        // as a person or something else alike: the article says whose
        // surname it is, whoever else in the corpus bears it.
        if let [owner] = owners.as_slice()
            && (s.kind == Kind::Person || !known_place())
        {
            // (Another mention of the same full name may be the person.)
            let person = fulls
                .iter()
                .any(|&p| person_names.contains(keys[p].as_str()));
            if person {
                kinds[i] = Kind::Person;
                uf.union(i, *owner);
                // The words are the person's in this article, not what
                // the gazetteer knows them as.
                if canon[i].is_some() {
                    for j in (0..n).filter(|&j| keys[j] == keys[i]) {
                        canon[j] = None;
                        kinds[j] = Kind::Person;
                    }
                }
            } else if matches!(s.kind, Kind::Person | Kind::Misc) {
                uf.union(i, *owner);
            }
        }
    }

    // 3b. Bodies named by the last words of their name: `Colts` after
    // `Indianapolis Colts`, `Senate` after `U.S. Senate`, when exactly one
    // body of the article ends so. Only the end of a name is its head
    // (`Sirte` is not the `Sirte Protection Force`), and only in a name
    // of capitalised words (`Utah` is not the `University of Utah`); a
    // name the gazetteer knows is its own thing.
    let mut body_tails: HashMap<String, Vec<usize>> = HashMap::new();
    let mut long_bodies: HashMap<&str, usize> = HashMap::new();
    for p in 0..n {
        let s = spans[p];
        if kinds[p] != Kind::Organization
            || s.len() < 2
            || long_bodies.insert(keys[p].as_str(), p).is_some()
        {
            continue;
        }
        let full = &words[s.range()];
        // In `University of Utah` the head comes first: the place after
        // `of` is what the body is of, not the body.
        if full
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        for k in 1..full.len().min(MAX_PART) {
            let tail = &full[full.len() - k..];
            if tail[0].chars().next().is_some_and(char::is_uppercase) {
                body_tails.entry(name_key(tail)).or_default().push(p);
            }
        }
    }
    for i in (0..n).filter(|_| !body_tails.is_empty()) {
        let s = spans[i];
        // The words must read as a body where they stand alone: one
        // doubtful reading among firm ones of a person (`Page` beside
        // `Bettie Page`) is the person's surname, not a body's tail.
        if kinds[i] != Kind::Organization
            || by_key[keys[i].as_str()][0].0 != Kind::Organization
            || canon[i].is_some()
            || is_acronym(surfaces[i])
            || gaz.lookup(&words[s.range()]).is_some()
        {
            continue;
        }
        if let Some(fulls) = body_tails.get(&name_key(&words[s.range()])) {
            join_the_one_owner(&mut uf, i, fulls);
        }
    }

    // 3c. Firms named by the first words of their legal name: `Goldman`
    // and `Goldman Sachs` after `Goldman Sachs Group Inc`, `Toyota` after
    // `Toyota Motor Corp`, when exactly one firm of the article opens so.
    // Only a name of capitalised words closing on a company's suffix says
    // it is a firm's whole name (not `Bank of America`: what comes before
    // `of` is no firm's name alone); a name the gazetteer knows is its own
    // thing (`New York` is not `New York Life Insurance Co`).
    let mut firm_heads: HashMap<String, Vec<usize>> = HashMap::new();
    for p in 0..n {
        let s = spans[p];
        let full = &words[s.range()];
        if kinds[p] != Kind::Organization
            || s.len() < 2
            || !is_corporate(full[full.len() - 1])
            || full
                .iter()
                .any(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        for k in 1..full.len() {
            if full[k - 1] == "&" || is_corporate(full[k - 1]) {
                continue;
            }
            let at = firm_heads.entry(name_key(&full[..k])).or_default();
            if !at.iter().any(|&q| keys[q] == keys[p]) {
                at.push(p);
            }
        }
    }
    for i in (0..n).filter(|_| !firm_heads.is_empty()) {
        let s = spans[i];
        if kinds[i] != Kind::Organization
            || canon[i].is_some()
            || gaz.lookup(&words[s.range()]).is_some()
        {
            continue;
        }
        if let Some(fulls) = firm_heads.get(&name_key(&words[s.range()])) {
            join_the_one_owner(&mut uf, i, fulls);
        }
    }

    // 4. A bare acronym that spells exactly one longer name of the article
    // (names indexed by their initials).
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    let mut long_names: HashMap<(&str, Kind), usize> = HashMap::new();
    let acronyms = surfaces.iter().any(|s| is_acronym(s));
    for j in (0..n).filter(|_| acronyms) {
        let spelled = initials(&words[spans[j].range()]);
        if spelled.chars().count() >= 2
            && !is_acronym(surfaces[j])
            && spans[j].kind != Kind::Person
            && long_names.insert((keys[j].as_str(), kinds[j]), j).is_none()
        {
            by_initials.entry(spelled).or_default().push(j);
        }
    }
    for (i, surface) in surfaces.iter().enumerate() {
        // An acronym the gazetteer knows is what it lists (`UN`, not the
        // `Upper Nile` state it also spells).
        if !is_acronym(surface) || canon[i].is_some() {
            continue;
        }
        let letters: String = surface.chars().filter(|c| c.is_alphabetic()).collect();
        let Some(names) = by_initials.get(&letters) else {
            continue;
        };
        // The numbers of an acronym are the long name's too: `IE8` is
        // `Internet Explorer 8`, not `Internet Explorer`.
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let numbered = digits(surface);
        let mut owners: Vec<usize> = names
            .iter()
            .filter(|&&j| j != i && digits(surfaces[j]) == numbered)
            .map(|&j| uf.find(j))
            .collect();
        owners.sort_unstable();
        owners.dedup();
        if let [owner] = owners.as_slice()
            && uf.find(i) != *owner
        {
            uf.union(i, *owner);
        }
    }

    // Groups in reading order of their first mention.
    let mut group_index: Vec<usize> = vec![usize::MAX; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![0; n];
    for (i, g) in group_of.iter_mut().enumerate() {
        let root = uf.find(i);
        if group_index[root] == usize::MAX {
            group_index[root] = members.len();
            members.push(Vec::new());
        }
        let gi = group_index[root];
        members[gi].push(i);
        *g = gi;
    }

    let groups = members
        .iter()
        .map(|m| {
            let kind = vote(m, spans, &kinds, &canon);
            let known = m.iter().find_map(|&i| canon[i].filter(|(_, k)| *k == kind));
            let name = match known {
                Some((c, _)) => c.to_string(),
                None => editors_name(
                    m.iter().map(|&i| {
                        let s = spans[i];
                        // Only a leading function word asks (`The Hague`).
                        let known = lists().leading_noise.contains(words[s.start])
                            && gaz.lookup(&words[s.range()]).is_some();
                        Mention {
                            surface: surfaces[i],
                            key: &keys[i],
                            known,
                            times: 1,
                        }
                    }),
                    0,
                ),
            };
            let name = in_known_case(name, kind, m, spans, words, gaz);
            let mut aliases: Vec<String> = Vec::new();
            for &i in m {
                if !aliases.iter().any(|a| a == surfaces[i]) {
                    aliases.push(surfaces[i].to_string());
                }
            }
            Group {
                name,
                kind,
                aliases,
            }
        })
        .collect();
    Linked { groups, group_of }
}

/// A name the article writes only in capitals (a dateline's `CHRISTCHURCH`)
/// as the gazetteer spells it, where the gazetteer's own name for it is
/// the same letters (`Christchurch`): an editor would not shout it. Any
/// other name in capitals stays as written (`MCDONALD` is no `Mcdonald`).
fn in_known_case(
    name: String,
    kind: Kind,
    members: &[usize],
    spans: &[Span],
    words: &[&str],
    gaz: &Gazetteer,
) -> String {
    if name.chars().any(char::is_lowercase) || kind == Kind::Person {
        return name;
    }
    let known = members.iter().find_map(|&i| {
        let hit = gaz.lookup(&words[spans[i].range()])?;
        let standard = gaz.canonical(hit);
        (hit.primary.kind() == kind && standard.eq_ignore_ascii_case(&name)).then_some(standard)
    });
    known.map_or(name, str::to_string)
}

/// Whether what follows a bare name read as a place says a person is
/// meant: a verb of saying (`Jordan said`), or `who` or `whose` after a
/// comma. (Bodies speak too: `Microsoft said` says nothing.)
fn speaks(words: &[&str], s: &Span) -> bool {
    s.kind == Kind::Location && person_verb_at(words, s.end)
}

/// Whether a span the tagger did not call a person reads like a person's
/// full name all the same: two or three capitalised words of letters
/// (`Reggie Bush`), none an acronym, an initial before them or between
/// them aside (`W. Mark Felt`), that the gazetteer does not know.
fn misc_name(full: &[&str], gaz: &Gazetteer) -> bool {
    let word = |w: &&str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && c.clone().next().is_some_and(char::is_lowercase)
            && c.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    let initial = |w: &&str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.as_str() == "."
    };
    let words = full.iter().filter(|w| word(w)).count();
    (2..=3).contains(&words)
        && full.len() <= words + 1
        && full.last().is_some_and(word)
        && full.iter().all(|w| word(w) || initial(w))
        && gaz.lookup(full).is_none()
}

/// The names of two words read as a body or a misc name that the
/// article's own uses show to be a person's (`Bettie Page` read as a body,
/// then `Page` alone twice or more, read as a person): names nothing
/// lists, in plain capitals, whose last word no person's full name of the
/// article ends with.
fn persons_by_surname(
    words: &[&str],
    spans: &[Span],
    keys: &[String],
    by_key: &HashMap<&str, Vec<(Kind, usize, f32)>>,
    canon: &[Option<(&str, Kind)>],
    gaz: &Gazetteer,
) -> Vec<usize> {
    let mut alone: HashMap<&str, usize> = HashMap::new();
    let mut borne: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (i, s) in spans.iter().enumerate() {
        if s.kind != Kind::Person {
            continue;
        }
        if s.len() == 1 {
            *alone.entry(keys[i].as_str()).or_default() += 1;
        } else {
            let (full, _) = without_name_suffix(&words[s.range()]);
            borne.insert(normalize(full[full.len() - 1]));
        }
    }
    if !alone.values().any(|&k| k >= 2) {
        return Vec::new();
    }
    (0..spans.len())
        .filter(|&p| {
            let s = spans[p];
            let name = &words[s.range()];
            let last = normalize(name[name.len() - 1]);
            s.len() == 2
                && matches!(s.kind, Kind::Organization | Kind::Misc)
                && !s.origin.is_settled()
                && canon[p].is_none()
                && name.iter().all(|w| is_title_case(w))
                && gaz.lookup(name).is_none()
                && !borne.contains(&last)
                && alone.get(last.as_str()).is_some_and(|&k| k >= 2)
                && by_key[last.as_str()][0].0 == Kind::Person
        })
        .collect()
}

/// The kind of a group: a known entity's kind, else the kind with the most
/// confidence summed over its mentions (ties: the fullest mention's kind).
fn vote(members: &[usize], spans: &[Span], kinds: &[Kind], canon: &[Option<(&str, Kind)>]) -> Kind {
    if let Some((_, k)) = members.iter().find_map(|&i| canon[i]) {
        return k;
    }
    let mut weight: Vec<(Kind, f32)> = Vec::new();
    for &i in members {
        let w = spans[i].origin.confidence().max(0.01) * (spans[i].end - spans[i].start) as f32;
        match weight.iter_mut().find(|(k, _)| *k == kinds[i]) {
            Some(e) => e.1 += w,
            None => weight.push((kinds[i], w)),
        }
    }
    weight
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| *k)
        .unwrap_or(kinds[members[0]])
}

/// The name an editor would give an entity from its mentions (each with
/// whether the gazetteer knows it as written): its most frequent complete
/// proper form. Each mention is cleaned of what is not the name (a leading
/// function word, unless the gazetteer knows the name with it: `The
/// Hague`; a possessive; quotes). Forms that read the same but for case
/// are one, written as the article most often writes it in mixed case
/// (`Xi Jinping`, not `XI JINPING`). A form is complete unless another
/// holds all its words and more (`Trump` in `Donald Trump`; a company's
/// `Inc.` does not count); acronyms only when nothing else names it. The
/// most frequent complete form wins; ties go to the one with more words,
/// then to the first. `rare` (0 for none): a longer form that holds
/// fewer than one in `rare` of a form's mentions leaves it complete, as
/// one stray headline form (`Nominates Regina Benjamin`) is no name of
/// an entity a corpus names `Regina Benjamin` a hundred times; within an
/// article every longer form counts (`Donald Trump` once, `Trump` forty
/// times).
pub(crate) fn editors_name<'a>(
    mentions: impl Iterator<Item = Mention<'a>> + Clone,
    rare: usize,
) -> String {
    // Most entities are named one way throughout.
    let mut all = mentions.clone();
    if let Some(first) = all.next()
        && all.all(|m| m.surface == first.surface)
    {
        return clean_name(first.surface, first.known).to_string();
    }
    struct Form<'a> {
        /// The normalised form, and its words but a company's suffix.
        key: Cow<'a, str>,
        words: usize,
        count: usize,
        first: usize,
        /// Renderings and how often each is written.
        written: Vec<(&'a str, usize)>,
    }
    // Beyond this many forms, new ones are not counted: a name is among
    // the first.
    const FORMS: usize = 64;
    let mut forms: Vec<Form> = Vec::new();
    for (n, m) in mentions.enumerate() {
        let clean = clean_name(m.surface, m.known);
        if clean.is_empty() {
            continue;
        }
        // The mention's own key serves unless cleaning changed it.
        let key = if clean == m.surface {
            Cow::Borrowed(m.key)
        } else {
            Cow::Owned(normalize(clean))
        };
        let f = match forms.iter().position(|f| f.key == key) {
            Some(f) => f,
            None if forms.len() < FORMS => {
                forms.push(Form {
                    words: without_suffix(&key).split(' ').count(),
                    key,
                    count: 0,
                    first: n,
                    written: Vec::new(),
                });
                forms.len() - 1
            }
            None => continue,
        };
        let form = &mut forms[f];
        form.count += m.times as usize;
        match form.written.iter_mut().find(|(w, _)| *w == clean) {
            Some(w) => w.1 += m.times as usize,
            None => form.written.push((clean, m.times as usize)),
        }
    }
    let complete: Vec<bool> = forms
        .iter()
        .map(|f| {
            let short = without_suffix(&f.key);
            !forms.iter().any(|g| {
                g.words > f.words
                    && (rare == 0 || g.count * rare >= f.count)
                    && holds_words(without_suffix(&g.key), short)
            })
        })
        .collect();
    let acronym = |f: &Form| is_acronym(f.written[0].0);
    let any_long = forms.iter().zip(&complete).any(|(f, c)| *c && !acronym(f));
    let best = forms
        .iter()
        .zip(&complete)
        .filter(|(f, c)| **c && (!any_long || !acronym(f)))
        .map(|(f, _)| f)
        .max_by(|a, b| {
            (a.count, a.words, std::cmp::Reverse(a.first)).cmp(&(
                b.count,
                b.words,
                std::cmp::Reverse(b.first),
            ))
        });
    let Some(best) = best else {
        return String::new();
    };
    // Mixed case over capitals, then the most written, then the first.
    best.written
        .iter()
        .enumerate()
        .max_by_key(|(n, (w, count))| {
            (
                w.chars().any(char::is_lowercase),
                *count,
                std::cmp::Reverse(*n),
            )
        })
        .map(|(_, (w, _))| w.to_string())
        .unwrap_or_default()
}

/// A mention as [`editors_name`] weighs it: its text, its normalised
/// text ([`normalize`]), whether the gazetteer knows it as written, and
/// how many times it counts (one mention of an article; the mentions a
/// name stands for across a corpus).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention<'a> {
    pub surface: &'a str,
    pub key: &'a str,
    pub known: bool,
    pub times: u32,
}

/// A normalised name without the company suffixes it ends with
/// (`advanced micro devices inc.`).
pub(crate) fn without_suffix(key: &str) -> &str {
    let mut k = key;
    while let Some((rest, last)) = k.rsplit_once(' ')
        && is_corporate(last)
    {
        k = rest;
    }
    k
}

/// Whether normalised name `long` holds the words of `short` in a row.
fn holds_words(long: &str, short: &str) -> bool {
    !short.is_empty()
        && long.match_indices(short).any(|(at, _)| {
            let end = at + short.len();
            (at == 0 || long[..at].ends_with(' '))
                && (end == long.len() || long[end..].starts_with(' '))
        })
}

/// A mention's text without what is not part of its name: quotes around
/// it, a possessive after it, and a leading function word (`The`, `And`)
/// unless the gazetteer knows the name with it (`known`).
fn clean_name(surface: &str, known: bool) -> &str {
    const QUOTES: &[char] = &['"', '“', '”', '„', '‘', '’', '\'', '«', '»', '`'];
    let mut s = surface.trim().trim_matches(QUOTES).trim();
    for possessive in ["'s", "’s"] {
        if let Some(rest) = s.strip_suffix(possessive)
            && !rest.is_empty()
        {
            s = rest.trim_end().trim_end_matches(QUOTES);
        }
    }
    if !known
        && let Some((first, rest)) = s.split_once(char::is_whitespace)
        && (lists().leading_noise.contains(first) || matches!(first, "the" | "a" | "an"))
        && !rest.trim().is_empty()
    {
        s = rest.trim_start();
    }
    s
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters) && s.chars().all(|c| !c.is_lowercase())
}

/// How a part of a person's name is compared with the end of a full
/// name: case folded, Arabic particles off (`Mahjoub` ends `Khaled
/// al-Mahjoub`).
fn name_key(part: &[&str]) -> String {
    let mut key = String::new();
    for w in part {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(strip_particle(w).chars().flat_map(char::to_lowercase));
    }
    key
}

fn strip_particle(w: &str) -> &str {
    for p in ["al-", "el-", "Al-", "El-"] {
        if let Some(rest) = w.strip_prefix(p) {
            return rest;
        }
    }
    w
}

/// The initials of the capitalised words of `name`: what an acronym of it
/// spells. Each part of a hyphenated word counts (`Hewlett-Packard`: HP),
/// and an abbreviation with points gives all its capitals (`U.S.
/// Geological Survey`: USGS).
fn initials(name: &[&str]) -> String {
    let mut out = String::new();
    for w in name {
        if w.contains('.') && w.chars().all(|c| c.is_uppercase() || c == '.') {
            out.extend(w.chars().filter(|c| c.is_uppercase()));
            continue;
        }
        out.extend(
            w.split('-')
                .filter_map(|part| part.chars().next())
                .filter(|c| c.is_uppercase()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::rules::Origin;
    use crate::entities::tokens::tokenize;

    struct Case<'a> {
        words: Vec<&'a str>,
        spans: Vec<Span>,
    }

    fn case<'a>(text: &'a str, names: &[(&str, Kind)]) -> Case<'a> {
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        let mut spans = Vec::new();
        let mut from = 0;
        for (phrase, kind) in names {
            let p: Vec<&str> = tokenize(phrase).iter().map(|t| t.text(phrase)).collect();
            let start = (from..words.len())
                .find(|&i| words[i..].starts_with(&p))
                .unwrap_or_else(|| panic!("{phrase} in text"));
            spans.push(Span::new(
                start,
                start + p.len(),
                *kind,
                Origin::Tagger(0.9),
            ));
            from = start + p.len();
        }
        Case { words, spans }
    }

    fn run(c: &Case, links: &[Link]) -> (Linked, Vec<String>) {
        let surfaces: Vec<String> = c
            .spans
            .iter()
            .map(|s| c.words[s.start..s.end].join(" "))
            .collect();
        let linked = link(
            &c.words,
            &c.spans,
            links,
            |s| {
                let i = c.spans.iter().position(|x| x == s).unwrap();
                surfaces[i].as_str()
            },
            Gazetteer::embedded(),
        );
        let names = linked
            .group_of
            .iter()
            .map(|&g| linked.groups[g].name.clone())
            .collect();
        (linked, names)
    }

    #[test]
    fn surnames_join_the_full_name() {
        let c = case(
            "Marshal Omar Bashir spoke . Bashir 's men and al-Tayeb , Ali al-Tayeb 's aide , left .",
            &[
                ("Omar Bashir", Kind::Person),
                ("Bashir", Kind::Organization),
                ("al-Tayeb", Kind::Person),
                ("Ali al-Tayeb", Kind::Person),
            ],
        );
        // The tagger was unsure what `Bashir 's men` named.
        let mut c = c;
        c.spans[1].origin = Origin::Tagger(0.3);
        let (linked, names) = run(&c, &[]);
        assert_eq!(
            names,
            ["Omar Bashir", "Omar Bashir", "Ali al-Tayeb", "Ali al-Tayeb"]
        );
        assert_eq!(linked.groups[0].kind, Kind::Person);
        assert_eq!(linked.groups[0].aliases, ["Omar Bashir", "Bashir"]);
    }

    #[test]
    fn a_known_place_that_speaks_is_the_person_the_article_named() {
        let c = case(
            "Director Neil Jordan spoke . Jordan defends the film , Jordan said . \
             A man from Jordan came .",
            &[
                ("Neil Jordan", Kind::Person),
                ("Jordan", Kind::Location),
                ("Jordan", Kind::Location),
                ("Jordan", Kind::Location),
            ],
        );
        // The gazetteer settled the place.
        let mut c = c;
        for s in &mut c.spans[1..] {
            s.origin = Origin::Rule("gazetteer");
        }
        let (linked, names) = run(&c, &[]);
        assert_eq!(names, ["Neil Jordan"; 4]);
        assert_eq!(linked.groups[0].kind, Kind::Person);
        // Without a word of a person after it, the place stays the place.
        let c = case(
            "Director Neil Jordan spoke . A man from Jordan came .",
            &[("Neil Jordan", Kind::Person), ("Jordan", Kind::Location)],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(names, ["Neil Jordan", "Jordan"]);
        assert_eq!(linked.groups[1].kind, Kind::Location);
    }

    #[test]
    fn a_known_place_written_only_in_capitals_is_named_as_the_gazetteer_spells_it() {
        let c = case(
            "CHRISTCHURCH ( Reuters ) - VELMSBY and ORSA TARN said so .",
            &[
                ("CHRISTCHURCH", Kind::Location),
                ("Reuters", Kind::Organization),
                ("VELMSBY", Kind::Location),
                ("ORSA TARN", Kind::Person),
            ],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(names, ["Christchurch", "Reuters", "VELMSBY", "ORSA TARN"]);
    }

    #[test]
    fn a_sons_surname_joins_him_and_his_fathers_name_does_not() {
        let c = case(
            "Tobias Orsek Jr. met his father , Tobias Orsek . Orsek Jr. left ; Dale Velm Sr. \
             stayed with Velm and Dale Velm .",
            &[
                ("Tobias Orsek Jr.", Kind::Person),
                ("Tobias Orsek", Kind::Person),
                ("Dale Velm Sr.", Kind::Person),
                ("Velm", Kind::Person),
                ("Dale Velm", Kind::Person),
            ],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(
            names,
            [
                "Tobias Orsek Jr.",
                "Tobias Orsek",
                "Dale Velm Sr.",
                "Dale Velm Sr.",
                "Dale Velm Sr."
            ]
        );
    }

    #[test]
    fn a_name_read_as_a_body_whose_last_word_alone_is_a_person_is_that_person() {
        // `Tova Renn` read as a body, `Renn` alone twice as a person.
        let c = case(
            "Tova Renn , the model , died . Renn was 85 . Tova Renn posters sold . Renn smiled .",
            &[
                ("Tova Renn", Kind::Organization),
                ("Renn", Kind::Person),
                ("Tova Renn", Kind::Organization),
                ("Renn", Kind::Person),
            ],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(names, ["Tova Renn"; 4]);
        assert_eq!(linked.groups[0].kind, Kind::Person);
        // Not a body's name whose last word a person of the article
        // bears, nor on one use alone, nor a name some list knows.
        let c = case(
            "Velm Partners grew . Velm said so . Sara Velm agreed . Velm left .",
            &[
                ("Velm Partners", Kind::Organization),
                ("Velm", Kind::Person),
                ("Sara Velm", Kind::Person),
                ("Velm", Kind::Person),
            ],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(linked.groups[linked.group_of[0]].kind, Kind::Organization);
        assert_eq!(names[0], "Velm Partners");
        let c = case(
            "Harlo Group rose . Harlo said so .",
            &[("Harlo Group", Kind::Organization), ("Harlo", Kind::Person)],
        );
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups[linked.group_of[0]].kind, Kind::Organization);
        let c = case(
            "Costa Rica voted . Rica said so . Rica left .",
            &[
                ("Costa Rica", Kind::Organization),
                ("Rica", Kind::Person),
                ("Rica", Kind::Person),
            ],
        );
        let (linked, _) = run(&c, &[]);
        assert_ne!(linked.groups[linked.group_of[0]].kind, Kind::Person);
    }

    #[test]
    fn a_full_name_tagged_otherwise_takes_its_bare_surname() {
        // The tagger read the full name as something else; the article
        // still says whose surname `Dale` is.
        let c = case(
            "Dale hurt his knee . The Hawks placed tight end Corey Dale on the list . Dale will rest .",
            &[
                ("Dale", Kind::Misc),
                ("Hawks", Kind::Organization),
                ("Corey Dale", Kind::Misc),
                ("Dale", Kind::Person),
            ],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(names, ["Corey Dale", "Hawks", "Corey Dale", "Corey Dale"]);
        assert_eq!(linked.groups.len(), 2);
        // An initial before the name is still a person's name's.
        let c = case(
            "The death of W. Mark Velm was announced . Velm was 95 .",
            &[("W. Mark Velm", Kind::Misc), ("Velm", Kind::Person)],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(names, ["W. Mark Velm", "W. Mark Velm"]);
        // A name of something else (`Ocean Cup`, a body's `Hawks`) takes
        // no bare word of another kind, and an acronym-like or one-word
        // misc is no full name.
        let c = case(
            "The Ocean Cup ended . Cup holders left . The Sea Hawks and the Hawks met .",
            &[
                ("Ocean Cup", Kind::Misc),
                ("Cup", Kind::Organization),
                ("Sea Hawks", Kind::Misc),
                ("Hawks", Kind::Location),
            ],
        );
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 4);
    }

    #[test]
    fn a_confident_place_is_not_a_surname() {
        let c = case(
            "MaliVai Washington won . In Washington , Washington lost .",
            &[
                ("MaliVai Washington", Kind::Person),
                ("Washington", Kind::Location),
                ("Washington", Kind::Location),
            ],
        );
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 2);
        assert_eq!(linked.groups[0].kind, Kind::Person);
        assert_eq!(linked.groups[1].kind, Kind::Location);
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        let c = case(
            "Omar Bashir and Salma Bashir met ; Bashir left .",
            &[
                ("Omar Bashir", Kind::Person),
                ("Salma Bashir", Kind::Person),
                ("Bashir", Kind::Person),
            ],
        );
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 3);
    }

    #[test]
    fn a_surname_before_its_second_bearer_is_named_is_the_first() {
        let c = case(
            "Omar Bashir spoke . Bashir left . His cousin Salma Bashir stayed ; Bashir wept .",
            &[
                ("Omar Bashir", Kind::Person),
                ("Bashir", Kind::Person),
                ("Salma Bashir", Kind::Person),
                ("Bashir", Kind::Person),
            ],
        );
        let (linked, names) = run(&c, &[]);
        // The article goes on writing it for him (one text, one entity).
        assert_eq!(
            names,
            ["Omar Bashir", "Omar Bashir", "Salma Bashir", "Omar Bashir"]
        );
        assert_eq!(linked.groups.len(), 2);
    }

    #[test]
    fn known_aliases_share_the_canonical_name() {
        let c = case(
            "The UN and the United Nations , with ISIS and ISIL and the Islamic State .",
            &[
                ("UN", Kind::Organization),
                ("United Nations", Kind::Organization),
                ("ISIS", Kind::Organization),
                ("ISIL", Kind::Organization),
                ("Islamic State", Kind::Organization),
            ],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 2);
        assert_eq!(
            names,
            [
                "United Nations",
                "United Nations",
                "Islamic State",
                "Islamic State",
                "Islamic State"
            ]
        );
    }

    #[test]
    fn acronyms_join_by_definition_and_by_spelling() {
        let c = case(
            "The Syrian Democratic Forces ( SDF ) fought ; later SDF units and the Free Patriotic Movement , or FPM , met .",
            &[
                ("Syrian Democratic Forces", Kind::Organization),
                ("SDF", Kind::Organization),
                ("SDF", Kind::Organization),
                ("Free Patriotic Movement", Kind::Organization),
                ("FPM", Kind::Location),
            ],
        );
        let links = [Link {
            a: (1, 4),
            b: (5, 6),
        }];
        let (linked, names) = run(&c, &links);
        assert_eq!(linked.groups.len(), 2);
        assert_eq!(names[2], "Syrian Democratic Forces");
        assert_eq!(names[4], "Free Patriotic Movement");
        assert_eq!(linked.groups[1].kind, Kind::Organization);
    }

    #[test]
    fn a_bare_acronym_spells_hyphenated_and_dotted_names() {
        let c = case(
            "Hewlett-Packard bought EDS ; HP said the U.S. Geological Survey , or rather USGS , and IBM agreed .",
            &[
                ("Hewlett-Packard", Kind::Organization),
                ("EDS", Kind::Organization),
                ("HP", Kind::Organization),
                ("U.S. Geological Survey", Kind::Organization),
                ("USGS", Kind::Organization),
                ("IBM", Kind::Organization),
            ],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(names[2], "Hewlett-Packard");
        assert_eq!(names[4], "U.S. Geological Survey");
        // Acronyms that spell nothing of the article stay themselves.
        assert_eq!((names[1].as_str(), names[5].as_str()), ("EDS", "IBM"));
        assert_eq!(linked.groups.len(), 4);
        // An acronym's number is the long name's too.
        let c = case(
            "Velm Orsa fixed a flaw in VO8 ; Velm Orsa 9 and VO9 follow .",
            &[
                ("Velm Orsa", Kind::Organization),
                ("VO8", Kind::Organization),
                ("Velm Orsa 9", Kind::Organization),
                ("VO9", Kind::Organization),
            ],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(names, ["Velm Orsa", "VO8", "Velm Orsa 9", "Velm Orsa 9"]);
    }

    #[test]
    fn a_town_and_an_organization_named_after_it_stay_apart() {
        let c = case(
            "The Derna Protection Force left Derna .",
            &[
                ("Derna Protection Force", Kind::Organization),
                ("Derna", Kind::Location),
            ],
        );
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 2);
    }

    #[test]
    fn a_firm_is_named_by_the_first_words_of_its_legal_name() {
        let c = case(
            "Velmar Orsk Group Inc cut jobs . Velmar declined to comment , and Velmar Orsk \
             staff left . Bank of Tarnia Corp and Tarnia Bank fell .",
            &[
                ("Velmar Orsk Group Inc", Kind::Organization),
                ("Velmar", Kind::Organization),
                ("Velmar Orsk", Kind::Organization),
                ("Bank of Tarnia Corp", Kind::Organization),
                ("Tarnia Bank", Kind::Organization),
            ],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(names[..3], ["Velmar Orsk Group Inc"; 3]);
        assert_eq!(names[3..], ["Bank of Tarnia Corp", "Tarnia Bank"]);
        // Two firms open so: the short name is neither's.
        let c = case(
            "Velmar Orsk Inc and Velmar Tarn Corp merged ; Velmar said so .",
            &[
                ("Velmar Orsk Inc", Kind::Organization),
                ("Velmar Tarn Corp", Kind::Organization),
                ("Velmar", Kind::Organization),
            ],
        );
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 3);
    }

    #[test]
    fn a_persons_surname_read_once_as_a_body_is_no_bodys_tail() {
        // The film `The Notorious Tova Brannagh` read as a body; `Brannagh` a
        // person twice, and once, unsure, a body.
        let mut c = case(
            "Brannagh was 85 . The Notorious Tova Brannagh ran . Tributes to Brannagh poured in . Brannagh smiled .",
            &[
                ("Brannagh", Kind::Person),
                ("Notorious Tova Brannagh", Kind::Organization),
                ("Brannagh", Kind::Organization),
                ("Brannagh", Kind::Person),
            ],
        );
        c.spans[2].origin = Origin::Tagger(0.1);
        let (linked, names) = run(&c, &[]);
        assert_eq!(
            names,
            [
                "Brannagh",
                "Notorious Tova Brannagh",
                "Brannagh",
                "Brannagh"
            ]
        );
        assert_eq!(linked.groups[linked.group_of[0]].kind, Kind::Person);
    }

    #[test]
    fn a_place_after_of_is_not_the_body_it_names() {
        let c = case(
            "A professor at the University of Velmar said Velmar prosecutors and the \
             Velmar Bar Council disagreed ; the Council met .",
            &[
                ("University of Velmar", Kind::Organization),
                ("Velmar", Kind::Organization),
                ("Velmar Bar Council", Kind::Organization),
                ("Council", Kind::Organization),
            ],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(
            names,
            [
                "University of Velmar",
                "Velmar",
                "Velmar Bar Council",
                "Velmar Bar Council"
            ]
        );
    }

    #[test]
    fn a_known_acronym_is_not_another_name_it_spells() {
        let c = case(
            "Bombs fell in Upper Nile state , the UN said .",
            &[("Upper Nile", Kind::Location), ("UN", Kind::Organization)],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 2);
        assert_eq!(names, ["Upper Nile", "United Nations"]);
    }

    fn named(forms: &[(&str, bool)]) -> String {
        let keys: Vec<String> = forms.iter().map(|(s, _)| normalize(s)).collect();
        editors_name(
            forms
                .iter()
                .zip(&keys)
                .map(|((surface, known), key)| Mention {
                    surface,
                    key,
                    known: *known,
                    times: 1,
                }),
            0,
        )
    }

    #[test]
    fn an_entity_is_named_by_its_most_frequent_complete_form() {
        // The full name, though the surname alone is more frequent.
        assert_eq!(
            named(&[
                ("Trump", false),
                ("Donald Trump", false),
                ("Trump’s", false),
                ("Trump", false),
                ("Donald Trump", false),
                ("Donald J. Trump", false),
            ]),
            "Donald Trump"
        );
        // Mixed case over capitals, however often the capitals come.
        assert_eq!(
            named(&[
                ("XI JINPING", false),
                ("XI JINPING", false),
                ("Xi Jinping", false),
            ]),
            "Xi Jinping"
        );
        // No leading function word, quote or possessive; a company's
        // suffix does not make another name.
        assert_eq!(
            named(&[
                ("The Associated Press", false),
                ("Associated Press'", false)
            ]),
            "Associated Press"
        );
        assert_eq!(
            named(&[
                ("Advanced Micro Devices", false),
                ("Advanced Micro Devices Inc.", false),
                ("Advanced Micro Devices", false),
                ("AMD", false),
                ("AMD", false),
                ("AMD", false),
            ]),
            "Advanced Micro Devices"
        );
        // Known with its article, a name keeps it.
        assert_eq!(
            named(&[("The Hague", true), ("The Hague", true)]),
            "The Hague"
        );
        assert_eq!(named(&[("LNA", false)]), "LNA");
    }

    #[test]
    fn a_family_name_alone_joins_the_one_full_name_it_starts() {
        let c = case(
            "Kim Jong Un met Moon Jae-in . Kim and Moon spoke ; Lee Jae and Lee Su met , Lee left .",
            &[
                ("Kim Jong Un", Kind::Person),
                ("Moon Jae-in", Kind::Person),
                ("Kim", Kind::Person),
                ("Moon", Kind::Location),
                ("Lee Jae", Kind::Person),
                ("Lee Su", Kind::Person),
                ("Lee", Kind::Person),
            ],
        );
        let mut c = c;
        c.spans[3].origin = Origin::Tagger(0.2);
        let (linked, names) = run(&c, &[]);
        assert_eq!(names[2], "Kim Jong Un");
        assert_eq!(names[3], "Moon Jae-in");
        assert_eq!(linked.groups[linked.group_of[3]].kind, Kind::Person);
        // Two full names start with it: nobody's.
        assert_eq!(names[6], "Lee");
        // A numeral tells a son from his father as `Jr.` does: the
        // surname is his.
        let c = case(
            "L. Tarn Velm III spoke . Velm left .",
            &[("L. Tarn Velm III", Kind::Person), ("Velm", Kind::Person)],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(names, ["L. Tarn Velm III"; 2]);
        // A title's or a role's word is no one's family name.
        let c = case(
            "Doctor Velm appeared . The Doctor said so .",
            &[("Doctor Velm", Kind::Person), ("Doctor", Kind::Person)],
        );
        let (_, names) = run(&c, &[]);
        assert_eq!(names, ["Doctor Velm", "Doctor"]);
    }

    #[test]
    fn cities_are_named_and_joined_as_written() {
        // `Islamabad` and `Chittagong` are other cities' alternate names in
        // GeoNames' lists of other spellings, `Florida` a Colombian
        // city's; `Britain` is a listed name of a country.
        let c = case(
            "Flights from Chittagong , Islamabad and Florida to Britain and the UK left .",
            &[
                ("Chittagong", Kind::Location),
                ("Islamabad", Kind::Location),
                ("Florida", Kind::Location),
                ("Britain", Kind::Location),
                ("UK", Kind::Location),
            ],
        );
        let (linked, names) = run(&c, &[]);
        assert_eq!(
            names,
            [
                "Chittagong",
                "Islamabad",
                "Florida",
                "United Kingdom",
                "United Kingdom"
            ]
        );
        assert_eq!(linked.groups.len(), 4);
    }

    #[test]
    fn kind_follows_the_most_confident_majority() {
        let mut c = case(
            "Kivu said . Kivu left . Kivu won .",
            &[
                ("Kivu", Kind::Location),
                ("Kivu", Kind::Person),
                ("Kivu", Kind::Location),
            ],
        );
        c.spans[1].origin = Origin::Tagger(0.5);
        let (linked, _) = run(&c, &[]);
        assert_eq!(linked.groups.len(), 1);
        assert_eq!(linked.groups[0].kind, Kind::Location);
    }
}
