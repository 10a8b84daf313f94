//! Reading the words of articles for the app's word index, on a worker
//! thread: bodies held in memory are read there, bodies on disk are read
//! back from their files (one parse per file, however many of its
//! articles are asked about), and each article becomes its
//! [`ArticleTerms`]. Partial results go back as they come.

use std::time::{Duration, Instant};

use crate::app::{Action, BodyAt};
use crate::base::hash::hash_bytes;
use crate::corpus::load::parse_file;
use crate::text_index::ArticleTerms;

use super::bodies::body_at;

/// Reads the words of `items` `(article, title, body)`, calling `emit`
/// with what is read about every 50 ms and once at the end (`done`). A
/// body its file no longer holds (changed since it was listed) is
/// skipped: the article stays unsearchable by its words until read again.
pub fn read_words(items: Vec<(u32, String, BodyAt)>, mut emit: impl FnMut(Action)) {
    let mut held = Vec::new();
    let mut on_disk = Vec::new();
    for (a, title, at) in items {
        match at {
            BodyAt::Held(body) => held.push((a, title, body)),
            BodyAt::File { .. } => on_disk.push((a, title, at)),
        }
    }
    let mut out = Vec::new();
    let mut last = Instant::now();
    let mut flush = |out: &mut Vec<(u32, ArticleTerms)>, last: &mut Instant, force: bool| {
        if !out.is_empty() && (force || last.elapsed() > Duration::from_millis(50)) {
            emit(Action::WordsRead {
                terms: std::mem::take(out),
                done: false,
            });
            *last = Instant::now();
        }
    };
    for (a, title, body) in held {
        out.push((a, ArticleTerms::new(&title, &body)));
        flush(&mut out, &mut last, false);
    }
    // One parse per file: grouped by path, in the file's order.
    on_disk.sort_by(|x, y| match (&x.2, &y.2) {
        (
            BodyAt::File {
                path: p, index: i, ..
            },
            BodyAt::File {
                path: q, index: j, ..
            },
        ) => p.cmp(q).then(i.cmp(j)),
        _ => std::cmp::Ordering::Equal,
    });
    let mut k = 0;
    while k < on_disk.len() {
        let BodyAt::File { path, .. } = &on_disk[k].2 else {
            k += 1;
            continue;
        };
        let path = path.clone();
        let end = k + on_disk[k..]
            .iter()
            .take_while(|(_, _, at)| matches!(at, BodyAt::File { path: p, .. } if *p == path))
            .count();
        if end - k == 1 {
            // One article of its file: read alone (a JSON Lines record
            // by its line, without parsing the whole file).
            let (a, title, at) = &on_disk[k];
            if let Ok(body) = body_at(at) {
                out.push((*a, ArticleTerms::new(title, &body)));
            }
        } else {
            let parsed = parse_file(&path);
            for (a, title, at) in &on_disk[k..end] {
                let BodyAt::File {
                    index, len, hash, ..
                } = at
                else {
                    continue;
                };
                let Some(art) = parsed.articles.get(*index as usize) else {
                    continue;
                };
                let same =
                    art.body.len() as u64 == *len && hash_bytes(art.body.as_bytes()) == *hash;
                if same {
                    out.push((*a, ArticleTerms::new(title, &art.body)));
                }
            }
        }
        k = end;
        flush(&mut out, &mut last, false);
    }
    flush(&mut out, &mut last, true);
    emit(Action::WordsRead {
        terms: Vec::new(),
        done: true,
    });
}
