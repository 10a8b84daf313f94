//! Reading a body back from its file when the reader shows it (or when
//! its passages are compared with a later report's).

use std::path::Path;
use std::sync::Arc;

use crate::app::{BodyAt, ReadBody};
use crate::base::hash::hash_bytes;
use crate::corpus::load::parse_file;

/// Reads article `index` of `path` again. An error names the problem (the
/// file vanished, became unreadable, or no longer has that article).
pub fn read_body(path: &Path, index: u32, len: u64, hash: u64) -> Result<ReadBody, String> {
    let parsed = parse_file(path);
    let Some(a) = parsed.articles.into_iter().nth(index as usize) else {
        let why = parsed
            .warnings
            .first()
            .map(|w| w.message.clone())
            .unwrap_or_else(|| "the article is no longer in the file".into());
        return Err(why);
    };
    let changed = a.body.len() as u64 != len || hash_bytes(a.body.as_bytes()) != hash;
    Ok(ReadBody {
        body: a.body.into(),
        changed,
    })
}

/// The body `at` names: held already, or read from its file as it is now.
pub fn body_at(at: &BodyAt) -> Result<Arc<str>, String> {
    match at {
        BodyAt::Held(body) => Ok(body.clone()),
        BodyAt::File {
            path,
            index,
            len,
            hash,
        } => read_body(path, *index, *len, *hash).map(|r| r.body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_body_checks_the_file_still_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "Some body text.").unwrap();
        let body = "Some body text.";
        let (len, hash) = (body.len() as u64, hash_bytes(body.as_bytes()));
        let r = read_body(&p, 0, len, hash).unwrap();
        assert_eq!(&*r.body, body);
        assert!(!r.changed);
        std::fs::write(&p, "Another text now.").unwrap();
        assert!(read_body(&p, 0, len, hash).unwrap().changed);
        assert!(read_body(&p, 3, len, hash).is_err());
        std::fs::remove_file(&p).unwrap();
        let e = read_body(&p, 0, len, hash).unwrap_err();
        assert!(e.contains("no such file"), "{e}");
    }
}
