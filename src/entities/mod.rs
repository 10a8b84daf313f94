//! Named entities and dates: recognised, typed, linked within an article,
//! and resolved against the article's date. Knows nothing of the terminal.

pub mod dates;
pub mod extract;
pub mod features;
pub mod gazetteer;
pub mod kind;
pub mod link;
pub mod rules;
pub mod tagger;
pub mod tokens;

pub use extract::Extractor;
pub use kind::{DateValue, Kind};

/// A mention in one article, pointing into [`ArticleEntities::entities`]
/// (and, once in the index, at an entity of the index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundMention {
    /// Byte offsets into the article's body.
    pub start: u32,
    pub end: u32,
    pub entity: u32,
}

impl FoundMention {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// An entity as one article names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundEntity {
    pub name: String,
    pub kind: Kind,
    /// Surface forms seen in the article.
    pub aliases: Vec<String>,
    /// For a date, what it denotes; `None` when it cannot be resolved.
    pub date: Option<DateValue>,
}

/// What extraction found in one article: mentions in reading order, not
/// overlapping, each linked to one of the article's entities.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleEntities {
    pub mentions: Vec<FoundMention>,
    pub entities: Vec<FoundEntity>,
}

/// What every cached extraction depends on besides the input: the
/// gazetteers, the model, and the version of the rules and the parser.
/// Bump `RULES_VERSION` when rules, linking, dates or parsing change output.
pub fn fingerprint() -> u64 {
    const RULES_VERSION: u64 = 1;
    let mut h = crate::cache::hash_bytes(&RULES_VERSION.to_le_bytes());
    for text in gazetteer::SOURCES.iter().map(|(_, t)| t) {
        h = h.rotate_left(7) ^ crate::cache::hash_bytes(text.as_bytes());
    }
    h.rotate_left(7) ^ crate::cache::hash_bytes(tagger::MODEL_BYTES)
}
