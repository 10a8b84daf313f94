//! What the entity views need of bodies, on a worker: the second series
//! of an entity's timeline (the bodies of the articles that mention it
//! and dates too are read one at a time, from memory or from their
//! files, and split into sentences: [`crate::app::timeline::text_dates`])
//! and its company ([`crate::app::company::company_in`]).

use std::sync::atomic::{AtomicBool, Ordering};

use crate::app::company::{Mentioned, Shared, company_in};
use crate::app::timeline::{DatedText, Timeline, TimelineOf, text_dates};
use crate::app::{BodyAt, Shelf};
use crate::entities::DateValue;
use crate::resolve::{EntityId, EntityMap};

use super::bodies::body_at;

/// The dates the text gives for the mentions of every item; `None` once
/// `cancel` is set. A body that cannot be read adds nothing.
pub fn dates_in_texts(
    items: &[(BodyAt, DatedText)],
    cancel: &AtomicBool,
) -> Option<Vec<DateValue>> {
    let mut out = Vec::new();
    for (at, text) in items {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        if let Ok(body) = body_at(at) {
            out.extend(text_dates(&body, text));
        }
    }
    Some(out)
}

/// The timeline `of` over these articles (those of the list that
/// mention its entity): counted by the articles' dates, with what the
/// second series needs (the bodies of the articles with both its
/// mentions and dates, each with their ranges); `None` once `cancel` is
/// set.
#[allow(clippy::type_complexity)]
pub fn timeline(
    of: TimelineOf,
    articles: &Shelf,
    map: &EntityMap,
    cancel: &AtomicBool,
) -> Option<(Option<Timeline>, Vec<(BodyAt, DatedText)>)> {
    let e = of.entity;
    let mut dated = Vec::new();
    let mut undated = 0;
    let mut items = Vec::new();
    for h in articles.iter() {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut text = DatedText {
            mentions: Vec::new(),
            dates: Vec::new(),
        };
        for m in h.mentions.iter() {
            let x = map.entity_in(h.article as u32, m.entity);
            if x == e {
                text.mentions.push(m.range());
            } else if let Some(v) = map.date_of(x) {
                text.dates.push((m.range(), v));
            }
        }
        let n = text.mentions.len() as u32;
        if n == 0 {
            continue;
        }
        match h.meta.date {
            Some(d) => dated.push((d, n)),
            None => undated += n,
        }
        if !text.dates.is_empty() {
            items.push((h.body_at(), text));
        }
    }
    Some((Timeline::new(of, &dated, undated, of.width), items))
}

/// The company of `entity` in these articles (those that mention it);
/// `None` once `cancel` is set. A body that cannot be read adds nothing,
/// nor does an article where the entity is alone.
pub fn company(
    entity: EntityId,
    articles: &Shelf,
    map: &EntityMap,
    cancel: &AtomicBool,
) -> Option<Vec<(EntityId, Shared)>> {
    let mut read = Vec::with_capacity(articles.len());
    for h in articles.iter() {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mentions: Mentioned = h
            .mentions
            .iter()
            .map(|m| (m.range(), map.entity_in(h.article as u32, m.entity)))
            .collect();
        if !mentions.iter().any(|m| m.1 != entity) {
            continue;
        }
        if let Ok(body) = body_at(&h.body_at()) {
            read.push((body, mentions));
        }
    }
    Some(company_in(
        entity,
        read.iter().map(|(b, m)| (&**b, m.as_slice())),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hash::hash_bytes;

    #[test]
    fn bodies_from_memory_and_files_and_a_cancel() {
        let text = "Rebels took Varna on Monday. They left.";
        let monday = DateValue::Day("2021-03-01".parse().unwrap());
        let dated = DatedText {
            mentions: std::iter::once(12..17).collect(),
            dates: vec![(21..27, monday)],
        };
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, text).unwrap();
        let file = BodyAt::File {
            path: p.clone(),
            id: "a".into(),
            index: 0,
            len: text.len() as u64,
            hash: hash_bytes(text.as_bytes()),
        };
        let items = vec![
            (BodyAt::Held(text.into()), dated.clone()),
            (file.clone(), dated.clone()),
        ];
        let never = AtomicBool::new(false);
        assert_eq!(dates_in_texts(&items, &never), Some(vec![monday, monday]));
        std::fs::remove_file(&p).unwrap();
        assert_eq!(
            dates_in_texts(&[(file, dated)], &never),
            Some(vec![]),
            "a file gone adds nothing"
        );
        assert_eq!(dates_in_texts(&items, &AtomicBool::new(true)), None);
    }
}
