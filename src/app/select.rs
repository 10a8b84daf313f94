//! The query language over a corpus held whole, as `lede extract --query`
//! asks it: the same terms, judged the same way as the reader's filter
//! ([`super::matching`]), with the word index built at once. A word that
//! matches by words never brings in articles that only match by
//! scattered letters (no weak tail).

use std::sync::Arc;

use super::matching::{Facts, Prepared, Verdict};
use super::query::{Query, QueryError, fold};
use super::words::Words;
use crate::corpus::Article;
use crate::resolve::{EntityTable, Mention, Resolution, SurfaceId};

/// The articles (by position) that `query` lists, in corpus order.
/// `mentions[i]` are the mentions of `articles[i]`; `tags[i]`, when
/// given, the tags of a feed item. Nothing is read: every article counts
/// as unread.
pub fn select(
    query: &str,
    articles: &[Article],
    mentions: &[Vec<Mention>],
    resolution: &Arc<Resolution>,
    tags: &[Vec<String>],
) -> Result<Vec<usize>, QueryError> {
    let query = Query::parse(query)?;
    if query.is_empty() {
        return Ok((0..articles.len()).collect());
    }
    let words = Words::built_now(articles.iter().map(|a| (a.title.as_str(), a.body.as_str())));
    let table = EntityTable::new(Arc::clone(resolution));
    let prep = Prepared::with_index(query, &table, None, Some(&words));
    let folded: Vec<Vec<String>> = tags
        .iter()
        .map(|t| t.iter().map(|t| fold(t)).collect())
        .collect();
    Ok(articles
        .iter()
        .enumerate()
        .filter(|&(i, a)| {
            let mut surfaces: Vec<SurfaceId> = mentions
                .get(i)
                .map(|ms| ms.iter().map(|m| m.entity).collect())
                .unwrap_or_default();
            surfaces.sort_unstable();
            surfaces.dedup();
            let facts = Facts {
                article: i,
                title: &a.title,
                date: a.date,
                body: Some(&a.body),
                surfaces: &surfaces,
                read: false,
                starred: false,
                source: a.source.as_deref(),
                path: &a.path,
                tags: folded.get(i).map_or(&[][..], Vec::as_slice),
            };
            prep.verdict(&facts) == Verdict::Pass
        })
        .map(|(i, _)| i)
        .collect())
}
