//! Lists of known names (countries, cities, regions, demonyms, well-known
//! organizations), compiled into the binary from `assets/gazetteer/`.
//!
//! Matching works on token sequences, case-folded, except for short
//! all-capitals forms (`UN`, `WHO`, `U.S.`), which must match exactly so the
//! words `us` and `who` never do. Lookups hash tokens incrementally: no
//! string is built per candidate.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::kind::Kind;
use super::tokens::tokenize;
use crate::base::hash::{SEED, mix};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    Country = 0,
    City = 1,
    Region = 2,
    Demonym = 3,
    Organization = 4,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Country,
        Category::City,
        Category::Region,
        Category::Demonym,
        Category::Organization,
    ];

    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The kind of entity a name of this category is.
    pub fn kind(self) -> Kind {
        match self {
            Category::Country | Category::City | Category::Region => Kind::Location,
            Category::Demonym => Kind::Misc,
            Category::Organization => Kind::Organization,
        }
    }
}

/// What a known form is: the categories it belongs to, and the canonical
/// name of its first (most specific) category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub cats: u8,
    pub canonical: u32,
    /// The category `canonical` belongs to.
    pub primary: Category,
    /// Which tokens of the form start with a capital (bit i: token i), so
    /// `Islamic State` matches `Islamic State` but not `Islamic state`.
    caps: u16,
}

impl Hit {
    pub fn has(&self, c: Category) -> bool {
        self.cats & c.bit() != 0
    }
}

/// A match over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub hit: Hit,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    folded: HashMap<u64, Hit>,
    exact: HashMap<u64, Hit>,
    /// Folded hashes of every proper prefix of every form, to stop early.
    prefixes: HashSet<u64>,
    canon: Vec<String>,
    max_tokens: usize,
}

pub(crate) const SOURCES: &[(Category, &str)] = &[
    // Order is priority: a form in two lists takes its canonical name from
    // the first.
    (
        Category::Country,
        include_str!("../../assets/gazetteer/countries.tsv"),
    ),
    (
        Category::Region,
        include_str!("../../assets/gazetteer/regions.tsv"),
    ),
    (
        Category::Organization,
        include_str!("../../assets/gazetteer/organizations.tsv"),
    ),
    (
        Category::Demonym,
        include_str!("../../assets/gazetteer/demonyms.tsv"),
    ),
    (
        Category::City,
        include_str!("../../assets/gazetteer/cities.tsv"),
    ),
];

impl Gazetteer {
    /// The lists compiled into the binary, loaded once.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut g = Gazetteer::default();
            for (cat, text) in SOURCES {
                g.add_list(*cat, text);
            }
            g
        })
    }

    /// Adds a list in the `name<TAB>alias|alias` format.
    pub fn add_list(&mut self, cat: Category, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            // Demonym lists name the place in their second column, which is
            // not another spelling of the demonym.
            let aliases = if cat == Category::Demonym {
                ""
            } else {
                cols.next().unwrap_or("")
            };
            let canonical = self.canon.len() as u32;
            self.canon.push(name.to_string());
            for form in std::iter::once(name).chain(aliases.split('|')) {
                let form = form.trim();
                if !form.is_empty() {
                    self.add_form(form, cat, canonical);
                }
            }
        }
    }

    fn add_form(&mut self, form: &str, cat: Category, canonical: u32) {
        let tokens: Vec<&str> = tokenize(form).iter().map(|t| t.text(form)).collect();
        if tokens.is_empty() {
            return;
        }
        self.max_tokens = self.max_tokens.max(tokens.len());
        let exact = is_exact_form(form);
        let caps = caps_of(&tokens);
        let mut folded_hash = SEED;
        for (i, t) in tokens.iter().enumerate() {
            folded_hash = mix(folded_hash, hash_folded(t));
            if i + 1 < tokens.len() {
                self.prefixes.insert(folded_hash);
            }
        }
        let key = if exact {
            tokens.iter().fold(SEED, |h, t| mix(h, hash_exact(t)))
        } else {
            folded_hash
        };
        let table = if exact {
            &mut self.exact
        } else {
            &mut self.folded
        };
        table
            .entry(key)
            .and_modify(|h| h.cats |= cat.bit())
            .or_insert(Hit {
                cats: cat.bit(),
                canonical,
                primary: cat,
                caps,
            });
    }

    pub fn canonical(&self, hit: Hit) -> &str {
        &self.canon[hit.canonical as usize]
    }

    /// The known form that is exactly `words`, if any.
    pub fn lookup(&self, words: &[&str]) -> Option<Hit> {
        let folded = words.iter().fold(SEED, |h, w| mix(h, hash_folded(w)));
        let exact = words.iter().fold(SEED, |h, w| mix(h, hash_exact(w)));
        self.exact
            .get(&exact)
            .or_else(|| self.folded.get(&folded).filter(|h| same_shape(h, words)))
            .copied()
    }

    /// Longest matches, left to right, not overlapping, capitalised as the
    /// known forms are (`Islamic State`, not `Islamic state`). `words` are
    /// token texts; matches never start on a lowercase word (`the gulf` is
    /// not a place), so callers need not filter.
    pub fn matches(&self, words: &[&str]) -> Vec<Match> {
        self.scan(words, true)
    }

    /// Like [`Gazetteer::matches`] but case-folded throughout: the
    /// tagger's gazetteer features, which the model was trained on (it
    /// weighs the capitalisation itself).
    pub fn matches_folded(&self, words: &[&str]) -> Vec<Match> {
        self.scan(words, false)
    }

    fn scan(&self, words: &[&str], shaped: bool) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i, shaped) {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest match starting at token `start`.
    fn longest_at(&self, words: &[&str], start: usize, shaped: bool) -> Option<Match> {
        let first = words[start].chars().next()?;
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            return None;
        }
        let mut best = None;
        let mut folded = SEED;
        let mut exact = SEED;
        for (end, w) in words.iter().enumerate().skip(start).take(self.max_tokens) {
            folded = mix(folded, hash_folded(w));
            exact = mix(exact, hash_exact(w));
            let words = &words[start..=end];
            let hit = self.exact.get(&exact).or_else(|| {
                self.folded
                    .get(&folded)
                    .filter(|h| !shaped || same_shape(h, words))
            });
            if let Some(hit) = hit {
                best = Some(Match {
                    start,
                    end: end + 1,
                    hit: *hit,
                });
            }
            if !self.prefixes.contains(&folded) {
                break;
            }
        }
        best
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn caps_of(tokens: &[&str]) -> u16 {
    tokens
        .iter()
        .take(16)
        .enumerate()
        .filter(|(_, t)| starts_upper(t))
        .fold(0, |m, (i, _)| m | (1 << i))
}

/// Whether `words` are capitalised where the form is. A word in capitals
/// (`ISLAMIC STATE` in a headline) fits either way.
fn same_shape(hit: &Hit, words: &[&str]) -> bool {
    words.iter().take(16).enumerate().all(|(i, w)| {
        let form_upper = hit.caps & (1 << i) != 0;
        form_upper == starts_upper(w) || !w.chars().any(char::is_lowercase)
    })
}

/// Short all-capitals forms (`UN`, `U.S.`, `NATO`) match only as written.
fn is_exact_form(form: &str) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 5 && form.chars().all(|c| !c.is_lowercase())
}

fn hash_exact(s: &str) -> u64 {
    s.bytes().fold(SEED, |h, b| mix(h, b as u64))
}

/// Case-folded, with typographic apostrophes unified.
fn hash_folded(s: &str) -> u64 {
    if s.is_ascii() {
        return s
            .bytes()
            .fold(SEED, |h, b| mix(h, b.to_ascii_lowercase() as u64));
    }
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .fold(SEED, |h, c| {
            let mut buf = [0u8; 4];
            c.encode_utf8(&mut buf)
                .bytes()
                .fold(h, |h, b| mix(h, b as u64))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn finds_countries_cities_regions_and_orgs() {
        let g = Gazetteer::embedded();
        let text = "Troops from the United Arab Emirates reached Benghazi near the Mediterranean , said the UN .";
        let w = words(text);
        let found: Vec<(String, Category)> = g
            .matches(&w)
            .iter()
            .map(|m| (w[m.start..m.end].join(" "), m.hit.primary))
            .collect();
        assert_eq!(
            found,
            [
                ("United Arab Emirates".to_string(), Category::Country),
                ("Benghazi".to_string(), Category::City),
                ("Mediterranean".to_string(), Category::Region),
                ("UN".to_string(), Category::Organization),
            ]
        );
    }

    #[test]
    fn short_capital_forms_match_only_as_written() {
        let g = Gazetteer::embedded();
        assert!(g.lookup(&["UN"]).is_some());
        assert!(g.lookup(&["Un"]).is_none());
        assert!(g.lookup(&["us"]).is_none());
        assert!(g.lookup(&["WHO"]).is_some());
        assert!(g.lookup(&["Who"]).is_none());
    }

    #[test]
    fn aliases_point_to_the_canonical_name() {
        let g = Gazetteer::embedded();
        let hit = g.lookup(&["U.S."]).unwrap();
        assert_eq!(g.canonical(hit), "United States");
        let hit = g.lookup(&["ISIL"]).unwrap();
        assert_eq!(g.canonical(hit), "Islamic State");
        let hit = g.lookup(&["Misrata"]).unwrap();
        assert!(hit.has(Category::City));
        // Agencies news names by their letters.
        for (short, long) in [
            ("CDC", "Centers for Disease Control and Prevention"),
            ("FDA", "Food and Drug Administration"),
            ("USGS", "U.S. Geological Survey"),
        ] {
            let hit = g.lookup(&[short]).unwrap();
            assert_eq!(
                (g.canonical(hit), hit.primary),
                (long, Category::Organization)
            );
        }
    }

    #[test]
    fn demonyms_are_misc_not_places() {
        let g = Gazetteer::embedded();
        let hit = g.lookup(&["Turkish"]).unwrap();
        assert_eq!(hit.primary, Category::Demonym);
        assert_eq!(g.canonical(hit), "Turkish");
        let w = words("the North African country");
        let m = g.matches(&w);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (1, 3));
    }

    #[test]
    fn capitals_must_match_the_form_except_in_headlines() {
        let g = Gazetteer::embedded();
        assert!(g.lookup(&["Islamic", "State"]).is_some());
        assert!(g.lookup(&["Islamic", "state"]).is_none());
        assert!(g.lookup(&["ISLAMIC", "STATE"]).is_some());
        assert!(
            g.matches(&words("an Islamic state was declared"))
                .is_empty()
        );
    }

    #[test]
    fn a_city_keeps_its_own_name_and_english_words_are_no_spellings() {
        let g = Gazetteer::embedded();
        // GeoNames lists `Islamabad` among Chattogram's other names.
        let hit = g.lookup(&["Islamabad"]).unwrap();
        assert_eq!(g.canonical(hit), "Islamabad");
        // Other spellings that are English words name the word.
        for word in ["God", "Hire"] {
            assert!(g.lookup(&[word]).is_none(), "{word}");
        }
        // Other spellings that are not stay, for recognition.
        let hit = g.lookup(&["Chittagong"]).unwrap();
        assert!(hit.has(Category::City));
    }

    #[test]
    fn lowercase_words_never_start_a_match() {
        let g = Gazetteer::embedded();
        assert!(g.matches(&words("across the gulf and the nile")).is_empty());
    }
}
