//! The JSON document of `lede extract --json`: stable field names, one
//! document, byte offsets into each article's cleaned body; and the
//! entities' co-occurrence edges (`lede extract --cooccurrence`), as CSV.

use std::ops::Range;

use serde::Serialize;

use crate::app::company::{Shared, Tally, sentence_pairs};
use crate::base::inert::inert;
use crate::corpus::{Article, Warning};
use crate::entities::Kind;
use crate::resolve::{EntityId, Mention, Resolution};
use crate::stories::Stories;

#[derive(Serialize)]
pub struct Document<'a> {
    pub articles: Vec<ArticleOut<'a>>,
    pub entities: Vec<EntityOut<'a>>,
    pub warnings: Vec<WarningOut>,
}

#[derive(Serialize)]
pub struct ArticleOut<'a> {
    pub id: &'a str,
    pub path: String,
    pub date: Option<String>,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub authors: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub tags: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub feed_tags: &'a [String],
    pub body: &'a str,
    pub mentions: Vec<MentionOut<'a>>,
    /// The id shared by every report of the article's story.
    pub story: &'a str,
    /// Byte ranges `[start, end]` of `body` that no earlier report of the
    /// story carried; empty for a story's first report.
    pub new: Vec<[usize; 2]>,
}

/// What a feed item carries beyond an article: its authors, its own
/// categories, and the tags its feed has in the urls file.
#[derive(Clone, Copy, Debug, Default)]
pub struct Byline<'a> {
    pub authors: &'a [String],
    pub tags: &'a [String],
    pub feed_tags: &'a [String],
}

#[derive(Serialize)]
pub struct MentionOut<'a> {
    pub start: u32,
    pub end: u32,
    pub text: &'a str,
    pub kind: Kind,
    pub entity: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

#[derive(Serialize)]
pub struct EntityOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: Kind,
    pub aliases: Vec<&'a str>,
    pub mentions: u32,
    pub articles: u32,
}

#[derive(Serialize)]
pub struct WarningOut {
    pub path: String,
    pub message: String,
}

/// Builds the document; `mentions[i]` are the mentions of `articles[i]`,
/// naming surfaces `resolution` knows (entities are those with mentions);
/// `articles[i]` is the article the stories know as `i`, and `new[i]` its
/// new passages.
pub fn document<'a>(
    articles: &'a [Article],
    mentions: &'a [Vec<Mention>],
    resolution: &'a Resolution,
    stories: &'a Stories,
    new: &[Vec<Range<usize>>],
    warnings: &[Warning],
) -> Document<'a> {
    document_with(
        articles,
        mentions,
        resolution,
        stories,
        new,
        warnings,
        &|_| None,
    )
}

/// [`document`], with the byline `byline` gives an article (feed items).
pub fn document_with<'a>(
    articles: &'a [Article],
    mentions: &'a [Vec<Mention>],
    resolution: &'a Resolution,
    stories: &'a Stories,
    new: &[Vec<Range<usize>>],
    warnings: &[Warning],
    byline: &dyn Fn(&Article) -> Option<Byline<'a>>,
) -> Document<'a> {
    Document {
        articles: articles
            .iter()
            .zip(mentions)
            .enumerate()
            .map(|(i, (a, ms))| {
                let by = byline(a).unwrap_or_default();
                ArticleOut {
                    id: &a.id,
                    path: a.path.to_string_lossy().into_owned(),
                    date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    title: &a.title,
                    source: a.source.as_deref(),
                    url: a.url.as_deref(),
                    authors: by.authors,
                    tags: by.tags,
                    feed_tags: by.feed_tags,
                    body: &a.body,
                    mentions: ms
                        .iter()
                        .map(|m| {
                            let e = resolution.entity(resolution.entity_in(i as u32, m.entity));
                            MentionOut {
                                start: m.start,
                                end: m.end,
                                text: &a.body[m.range()],
                                kind: e.kind,
                                entity: &e.id,
                                resolved: e.date.map(|d| d.to_string()),
                            }
                        })
                        .collect(),
                    story: stories.story_of(i as u32).map_or(&a.id, |s| &s.id),
                    new: new
                        .get(i)
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                }
            })
            .collect(),
        entities: resolution
            .mentioned()
            .iter()
            .map(|e| EntityOut {
                id: &e.id,
                name: &e.name,
                kind: e.kind,
                aliases: e.aliases.iter().map(|a| &**a).collect(),
                mentions: e.mentions,
                articles: e.articles,
            })
            .collect(),
        warnings: warnings
            .iter()
            .map(|w| WarningOut {
                path: w.path.to_string_lossy().into_owned(),
                message: w.message.clone(),
            })
            .collect(),
    }
}

/// One edge of `lede extract --cooccurrence`: two entities (by their
/// index in the resolution, `a < b`) and the sentences and articles in
/// which both are mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub a: EntityId,
    pub b: EntityId,
    pub shared: Shared,
}

/// Every pair of entities mentioned in one sentence somewhere in the
/// articles `keep` (`mentions[i]` are those of `articles[i]`, article
/// `i` of `resolution`), most shared sentences first.
pub fn cooccurrence(
    articles: &[Article],
    mentions: &[Vec<Mention>],
    resolution: &Resolution,
    keep: &[usize],
) -> Vec<Edge> {
    let mut tally = Tally::default();
    for &i in keep {
        let (Some(a), Some(ms)) = (articles.get(i), mentions.get(i)) else {
            continue;
        };
        let ms: Vec<(Range<usize>, EntityId)> = ms
            .iter()
            .map(|m| (m.range(), resolution.entity_in(i as u32, m.entity)))
            .collect();
        tally.add_article(sentence_pairs(&a.body, &ms));
    }
    tally
        .ranked()
        .into_iter()
        .map(|((a, b), shared)| Edge { a, b, shared })
        .collect()
}

/// The edges as CSV for graph tools: a header, then `source,target,
/// sentences,articles,source_name,target_name` a row (entity ids, then
/// their names made inert), quoted where the format needs it.
pub fn write_cooccurrence_csv(
    edges: &[Edge],
    resolution: &Resolution,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "source",
        "target",
        "sentences",
        "articles",
        "source_name",
        "target_name",
    ])?;
    for e in edges {
        let (a, b) = (resolution.entity(e.a), resolution.entity(e.b));
        w.write_record([
            &*a.id,
            &*b.id,
            &e.shared.sentences.to_string(),
            &e.shared.articles.to_string(),
            &inert(&a.name),
            &inert(&b.name),
        ])?;
    }
    w.flush()
}

impl Document<'_> {
    /// Keeps the articles at the positions `keep` (ascending) names, and
    /// the entities they mention.
    pub fn keep_only(&mut self, keep: &[usize]) {
        let mut wanted = vec![false; self.articles.len()];
        for &i in keep {
            if let Some(w) = wanted.get_mut(i) {
                *w = true;
            }
        }
        let mut k = 0;
        self.articles.retain(|_| {
            k += 1;
            wanted[k - 1]
        });
        let named: std::collections::HashSet<&str> = self
            .articles
            .iter()
            .flat_map(|a| a.mentions.iter().map(|m| m.entity))
            .collect();
        self.entities.retain(|e| named.contains(e.id));
    }
}

/// The columns of `lede extract --csv`, one row per mention.
pub const CSV_HEADER: [&str; 8] = [
    "article", "date", "kind", "entity", "name", "text", "start", "end",
];

/// Writes one CSV row per mention of the articles `keep` names (by
/// position in `articles`; `mentions[i]` are those of `articles[i]`),
/// after a header ([`CSV_HEADER`]): the article's id and date, the
/// entity's kind, id and name, the text mentioned and its byte range in
/// the body. Fields are quoted as RFC 4180 says (commas, quotes and line
/// breaks inside quotes, a quote doubled); rows end with CRLF.
pub fn write_csv(
    out: &mut impl std::io::Write,
    articles: &[Article],
    mentions: &[Vec<Mention>],
    resolution: &Resolution,
    keep: &[usize],
) -> std::io::Result<()> {
    write_row(out, CSV_HEADER.iter().map(|s| s.to_string()))?;
    for &i in keep {
        let (Some(a), Some(ms)) = (articles.get(i), mentions.get(i)) else {
            continue;
        };
        let date = a.date.map(|d| d.format("%Y-%m-%d").to_string());
        for m in ms {
            let e = resolution.entity(resolution.entity_in(i as u32, m.entity));
            write_row(
                out,
                [
                    a.id.clone(),
                    date.clone().unwrap_or_default(),
                    e.kind.as_str().to_string(),
                    e.id.to_string(),
                    e.name.to_string(),
                    a.body.get(m.range()).unwrap_or_default().to_string(),
                    m.start.to_string(),
                    m.end.to_string(),
                ]
                .into_iter(),
            )?;
        }
    }
    Ok(())
}

fn write_row(
    out: &mut impl std::io::Write,
    fields: impl Iterator<Item = String>,
) -> std::io::Result<()> {
    for (k, f) in fields.enumerate() {
        if k > 0 {
            out.write_all(b",")?;
        }
        out.write_all(csv_field(&f).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// A field as CSV writes it: quoted when it holds a comma, a quote, a
/// line break or starts or ends with a space; quotes doubled inside.
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_field("Khalifa Haftar"), "Khalifa Haftar");
        assert_eq!(csv_field("Tripoli, Libya"), "\"Tripoli, Libya\"");
        assert_eq!(csv_field("the \"LNA\""), "\"the \"\"LNA\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(""), "");
    }
}
