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

/// The source of everything between a file's bytes and its entities:
/// parsing, cleanup, sentences, tokens, features, the tagger, the rules,
/// linking and dates. Hashed into [`fingerprint`], so any change to them
/// (even one thought harmless) empties the cache instead of serving what
/// an older build found. Formatting-only edits cost one re-extraction.
const PIPELINE_SOURCES: &[&str] = &[
    // How names are normalised: the keys an article's mentions link by.
    include_str!("../base/names.rs"),
    include_str!("../corpus/article.rs"),
    include_str!("../corpus/cleanup.rs"),
    include_str!("../corpus/dates.rs"),
    include_str!("../corpus/feed_format.rs"),
    include_str!("../corpus/formats.rs"),
    include_str!("../corpus/html.rs"),
    include_str!("../corpus/load.rs"),
    include_str!("../corpus/sentences.rs"),
    include_str!("../corpus/title.rs"),
    // The story sketch is made with the entities and cached with them.
    include_str!("../stories/mod.rs"),
    include_str!("../stories/sketch.rs"),
    include_str!("../stories/words.rs"),
    include_str!("dates.rs"),
    include_str!("extract.rs"),
    include_str!("features.rs"),
    include_str!("gazetteer.rs"),
    include_str!("kind.rs"),
    include_str!("link.rs"),
    include_str!("mod.rs"),
    include_str!("rules/aliases.rs"),
    include_str!("rules/clock.rs"),
    include_str!("rules/edges.rs"),
    include_str!("rules/events.rs"),
    include_str!("rules/firms.rs"),
    include_str!("rules/known.rs"),
    include_str!("rules/mod.rs"),
    include_str!("rules/names.rs"),
    include_str!("rules/places.rs"),
    include_str!("rules/repeats.rs"),
    include_str!("rules/spans.rs"),
    include_str!("rules/titles.rs"),
    include_str!("rules/works.rs"),
    include_str!("rules/words.rs"),
    include_str!("tokens.rs"),
    include_str!("tagger/decode.rs"),
    include_str!("tagger/mod.rs"),
    include_str!("tagger/model.rs"),
];

/// What every cached extraction depends on besides the input: the
/// gazetteers, the rules' word lists, the word clusters, the model, and
/// the code of the pipeline.
pub fn fingerprint() -> u64 {
    let mut h: u64 = 0;
    let lists = rules::WORD_LIST_SOURCES.iter().map(|(_, t)| t.as_bytes());
    let clusters = features::CLUSTER_SOURCES.iter().map(|(_, t)| t.as_bytes());
    let data = gazetteer::SOURCES
        .iter()
        .map(|(_, t)| t.as_bytes())
        .chain(lists)
        .chain(clusters);
    let code = PIPELINE_SOURCES.iter().map(|t| t.as_bytes());
    for bytes in data.chain(code).chain([tagger::MODEL_BYTES]) {
        h = h.rotate_left(7) ^ crate::base::hash::hash_bytes(bytes);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source file of `entities` is hashed into the fingerprint, but
    /// for the code that only trains and evaluates the tagger: a rule file
    /// added and forgotten here would let the cache serve stale entities.
    #[test]
    fn the_fingerprint_covers_every_extraction_source() {
        const NOT_EXTRACTION: &[&str] = &["tagger/conll.rs", "tagger/train.rs"];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entities");
        let mut dirs = vec![root.clone()];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let name = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if !name.ends_with(".rs") || NOT_EXTRACTION.contains(&name.as_str()) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    PIPELINE_SOURCES.contains(&text.as_str()),
                    "{name} is not in PIPELINE_SOURCES"
                );
                seen += 1;
            }
        }
        assert!(seen >= 10, "the walk found only {seen} files");
    }
}
