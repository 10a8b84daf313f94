//! The JSON document of `lede extract --json`: stable field names, one
//! document, byte offsets into each article's cleaned body.

use std::ops::Range;

use serde::Serialize;

use crate::corpus::{Article, Warning};
use crate::entities::Kind;
use crate::index::EntityIndex;
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
    pub body: &'a str,
    pub mentions: Vec<MentionOut<'a>>,
    /// The id shared by every report of the article's story.
    pub story: &'a str,
    /// Byte ranges `[start, end]` of `body` that no earlier report of the
    /// story carried; empty for a story's first report.
    pub new: Vec<[usize; 2]>,
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
    pub aliases: &'a [String],
    pub mentions: u32,
    pub articles: u32,
}

#[derive(Serialize)]
pub struct WarningOut {
    pub path: String,
    pub message: String,
}

/// Builds the document; `articles[i]` must be the article the index and
/// the stories know as `i`, and `new[i]` its new passages.
pub fn document<'a>(
    articles: &'a [Article],
    index: &'a EntityIndex,
    stories: &'a Stories,
    new: &[Vec<Range<usize>>],
    warnings: &[Warning],
) -> Document<'a> {
    Document {
        articles: articles
            .iter()
            .enumerate()
            .map(|(i, a)| ArticleOut {
                id: &a.id,
                path: a.path.to_string_lossy().into_owned(),
                date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
                title: &a.title,
                body: &a.body,
                mentions: index
                    .mentions(i)
                    .iter()
                    .map(|m| {
                        let e = index.entity(m.entity);
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
            })
            .collect(),
        entities: index
            .entities()
            .iter()
            .map(|e| EntityOut {
                id: &e.id,
                name: &e.name,
                kind: e.kind,
                aliases: &e.aliases,
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
