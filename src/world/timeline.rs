//! What the entity views need of bodies, on a worker: the second series
//! of an entity's timeline (the bodies of the articles that mention it
//! and dates too are read one at a time, from memory or from their
//! files, and split into sentences: [`crate::app::timeline::text_dates`])
//! and its company ([`crate::app::company::company_in`]).

use std::sync::atomic::{AtomicBool, Ordering};

use crate::app::BodyAt;
use crate::app::company::{Mentioned, Shared, company_in};
use crate::app::timeline::{DatedText, text_dates};
use crate::entities::DateValue;
use crate::resolve::EntityId;

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

/// The company of `entity` in these bodies (each with its mentions);
/// `None` once `cancel` is set. A body that cannot be read adds nothing.
pub fn company(
    entity: EntityId,
    items: &[(BodyAt, Mentioned)],
    cancel: &AtomicBool,
) -> Option<Vec<(EntityId, Shared)>> {
    let mut read = Vec::with_capacity(items.len());
    for (at, mentions) in items {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        if let Ok(body) = body_at(at) {
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
