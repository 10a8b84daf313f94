//! An article's new passages, found on a worker: the bodies of its
//! story's earlier reports are read one at a time (from memory or from
//! their files) and compared with it.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::app::BodyAt;
use crate::stories::Seen;

use super::bodies::body_at;

/// The byte ranges of `body` that none of the bodies `earlier` carried
/// ([`crate::stories::new_passages`], reading one earlier body at a
/// time); `None` once `cancel` is set. An earlier report that cannot be
/// read adds nothing (the reader says why when it is shown).
pub fn new_passages(
    body: &str,
    earlier: &[BodyAt],
    cancel: &AtomicBool,
) -> Option<Vec<Range<usize>>> {
    let mut seen = Seen::new();
    for at in earlier {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        if let Ok(text) = body_at(at) {
            seen.add(&text);
        }
    }
    (!cancel.load(Ordering::Relaxed)).then(|| seen.new_in(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hash::hash_bytes;

    const OLD: &str = "Rebels entered the port city of Varna on Monday.\n\n\
                       The mayor fled north, officials said.";
    const NEW: &str = "Rebels entered the port city of Varna on Monday.\n\n\
                       By Tuesday they had taken the airport and the main bridge.";

    #[test]
    fn earlier_bodies_from_memory_and_files_as_new_passages_finds_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.txt");
        std::fs::write(&p, OLD).unwrap();
        let from_file = BodyAt::File {
            path: p.clone(),
            id: "old".into(),
            index: 0,
            len: OLD.len() as u64,
            hash: hash_bytes(OLD.as_bytes()),
        };
        let want = crate::stories::new_passages(NEW, &[OLD]);
        assert!(!want.is_empty());
        let never = AtomicBool::new(false);
        assert_eq!(
            new_passages(NEW, std::slice::from_ref(&from_file), &never),
            Some(want.clone())
        );
        assert_eq!(
            new_passages(NEW, &[BodyAt::Held(OLD.into())], &never),
            Some(want)
        );
        // A file gone adds nothing; a cancelled search answers nothing.
        std::fs::remove_file(&p).unwrap();
        assert_eq!(new_passages(NEW, &[from_file], &never), Some(Vec::new()));
        let cancelled = AtomicBool::new(true);
        assert_eq!(
            new_passages(NEW, &[BodyAt::Held(OLD.into())], &cancelled),
            None
        );
    }
}
