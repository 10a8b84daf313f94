//! The JSON document of `lede extract --json`: stable field names, one
//! document, byte offsets into each article's cleaned body.

use serde::Serialize;

use crate::corpus::{Article, Warning};
use crate::entities::Kind;
use crate::resolve::{Mention, Resolution};

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
/// naming surfaces `resolution` knows. Entities are those with mentions.
pub fn document<'a>(
    articles: &'a [Article],
    mentions: &'a [Vec<Mention>],
    resolution: &'a Resolution,
    warnings: &[Warning],
) -> Document<'a> {
    Document {
        articles: articles
            .iter()
            .zip(mentions)
            .map(|(a, ms)| ArticleOut {
                id: &a.id,
                path: a.path.to_string_lossy().into_owned(),
                date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
                title: &a.title,
                body: &a.body,
                mentions: ms
                    .iter()
                    .map(|m| {
                        let e = resolution.entity(resolution.entity_of(m.entity));
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
