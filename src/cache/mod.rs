//! The persistent cache: what parsing and extraction made of each file, so a
//! second start over an unchanged archive reads no report at all.
//!
//! SQLite (bundled, through rusqlite) holds one row per file, keyed by
//! path, with the file's size, modification time and content hash, and a
//! compact binary record of its articles (metadata, not bodies: bodies are
//! re-read from the file when shown) and their entities. SQLite's atomic
//! commit means a crash mid-write leaves the previous state, never a torn
//! file. A cache written by another version of the extractor (another
//! model, other gazetteers, another format) is cleared; one that SQLite
//! cannot read is set aside and rebuilt, with a warning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags, params};

use crate::base::codec::{Damaged, Reader, Writer};
use crate::base::hash::{FxHashSet, hash_bytes};
use crate::corpus::{Article, Warning};
use crate::entities::{ArticleEntities, DateValue, FoundEntity, FoundMention, Kind};

/// Bumped whenever the record layout or anything that shapes cached data
/// outside the model (parsing, cleanup, rules) changes meaning.
pub const FORMAT_VERSION: u64 = 1;

/// A file's identity on disk, cheap to read: no content needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos().min(i64::MAX as u128) as i64)
            .unwrap_or(0);
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

/// What the cache keeps of one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedArticle {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub explicit_title: bool,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Length and hash of the cleaned body, to check a re-read body is the
    /// one the mentions point into.
    pub body_len: u64,
    pub body_hash: u64,
    pub entities: ArticleEntities,
}

impl CachedArticle {
    pub fn new(article: &Article, entities: ArticleEntities) -> Self {
        CachedArticle {
            id: article.id.clone(),
            date: article.date,
            title: article.title.clone(),
            explicit_title: article.explicit_title,
            source: article.source.clone(),
            url: article.url.clone(),
            body_len: article.body.len() as u64,
            body_hash: hash_bytes(article.body.as_bytes()),
            entities,
        }
    }
}

/// What the cache keeps of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub stamp: Stamp,
    /// Hash of the file's bytes: a touched but unchanged file is still hit.
    pub hash: u64,
    pub articles: Vec<CachedArticle>,
    /// Messages of the warnings parsing gave (the path is the file's).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cache database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cache directory: {0}")]
    Io(#[from] std::io::Error),
}

pub struct Cache {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("path", &self.path).finish()
    }
}

impl Cache {
    /// Opens (or creates) the cache in `dir` for extractor `fingerprint`.
    /// A damaged database is moved aside and a fresh one created; the
    /// warnings say so. `Err` only when no cache can be had at all (lede
    /// then runs without one).
    pub fn open(dir: &Path, fingerprint: u64) -> Result<(Cache, Vec<Warning>), CacheError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("cache.sqlite3");
        let mut warnings = Vec::new();
        match Self::open_at(&path, fingerprint) {
            Ok(c) => Ok((c, warnings)),
            Err(e) => {
                // Move the damaged file out of the way (never delete what
                // we cannot read), and its journal with it.
                let aside = crate::store::set_aside(&path)?;
                for ext in ["sqlite3-wal", "sqlite3-shm"] {
                    let _ = std::fs::remove_file(path.with_extension(ext));
                }
                warnings.push(Warning::new(
                    &path,
                    format!(
                        "cache unreadable ({e}); set aside as {} and rebuilt",
                        aside.display()
                    ),
                ));
                let c = Self::open_at(&path, fingerprint)?;
                Ok((c, warnings))
            }
        }
    }

    fn open_at(path: &Path, fingerprint: u64) -> Result<Cache, CacheError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        // WAL: readers never block the writer; NORMAL sync is durable
        // enough for a cache and keeps commits cheap.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS files (
                 path TEXT PRIMARY KEY,
                 size INTEGER NOT NULL,
                 mtime INTEGER NOT NULL,
                 hash INTEGER NOT NULL,
                 data BLOB NOT NULL);",
        )?;
        // Not ours, or not whole: these fail, and the file is set aside.
        // (A full integrity check would read the whole file on every
        // start; a row that is damaged later reads as a miss instead.)
        conn.query_row("SELECT value FROM meta LIMIT 1", [], |_| Ok(()))
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(()),
                e => Err(e),
            })?;
        conn.prepare("SELECT path, size, mtime, hash, data FROM files LIMIT 1")?;
        let stored: Option<i64> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'fingerprint'",
                [],
                |r| r.get(0),
            )
            .ok();
        let want = (fingerprint ^ FORMAT_VERSION.wrapping_mul(0x9e37_79b9_7f4a_7c15)) as i64;
        if stored != Some(want) {
            // Another extractor made these rows: they would be wrong.
            conn.execute_batch("DELETE FROM files;")?;
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1)",
                params![want],
            )?;
        }
        Ok(Cache {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every entry, by path. Rows that fail to decode are left out (and
    /// will be rewritten when their file is read again).
    pub fn entries(&self) -> Result<HashMap<String, FileEntry>, CacheError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime, hash, data FROM files")?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let path: String = row.get(0)?;
            if let Some(e) = entry_of(row, 1)? {
                out.insert(path, e);
            }
        }
        Ok(out)
    }

    /// A second connection to an opened cache, for reading beside the
    /// writer (SQLite's write-ahead log lets readers and one writer work
    /// at once). Opened after [`Cache::open`], which settled the schema.
    pub fn reader(&self) -> Result<Cache, CacheError> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        Ok(Cache {
            conn,
            path: self.path.clone(),
        })
    }

    /// The entry of one file; `None` when there is none or it does not
    /// decode (it will be rewritten when the file is read again).
    pub fn get(&self, path: &str) -> Result<Option<FileEntry>, CacheError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT size, mtime, hash, data FROM files WHERE path = ?1")?;
        let mut rows = stmt.query(params![path])?;
        match rows.next()? {
            Some(row) => entry_of(row, 0),
            None => Ok(None),
        }
    }

    /// Stores entries in one transaction.
    pub fn put(&mut self, entries: &[(String, FileEntry)]) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO files (path, size, mtime, hash, data) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (path, e) in entries {
                stmt.execute(params![
                    path,
                    e.stamp.size as i64,
                    e.stamp.mtime_ns,
                    e.hash as i64,
                    encode(&e.articles, &e.notes)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every path with an entry.
    pub fn paths(&self) -> Result<Vec<String>, CacheError> {
        let mut stmt = self.conn.prepare_cached("SELECT path FROM files")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// After a complete walk of the folders `prefixes` (each ending in a
    /// separator): forgets the files under them that the walk did not
    /// find, so the cache does not grow without bound as reports are
    /// deleted. Entries of other folders stay. Returns how many went.
    pub fn prune(
        &mut self,
        prefixes: &[String],
        found: &FxHashSet<String>,
    ) -> Result<usize, CacheError> {
        let gone: Vec<String> = self
            .paths()?
            .into_iter()
            .filter(|p| prefixes.iter().any(|d| p.starts_with(d.as_str())) && !found.contains(p))
            .collect();
        self.remove(&gone)?;
        Ok(gone.len())
    }

    /// Forgets these files.
    pub fn remove(&mut self, paths: &[String]) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM files WHERE path = ?1")?;
            for p in paths {
                stmt.execute(params![p])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// The entry in the columns `size, mtime, hash, data` of `row`, from
/// column `first` on; `None` when the data does not decode.
fn entry_of(row: &rusqlite::Row, first: usize) -> Result<Option<FileEntry>, CacheError> {
    let size: i64 = row.get(first)?;
    let mtime_ns: i64 = row.get(first + 1)?;
    let hash: i64 = row.get(first + 2)?;
    let data = row
        .get_ref(first + 3)?
        .as_blob()
        .map_err(rusqlite::Error::from)?;
    Ok(decode(data).ok().map(|(articles, notes)| FileEntry {
        stamp: Stamp {
            size: size as u64,
            mtime_ns,
        },
        hash: hash as u64,
        articles,
        notes,
    }))
}

fn kind_code(k: Kind) -> u64 {
    match k {
        Kind::Person => 0,
        Kind::Organization => 1,
        Kind::Location => 2,
        Kind::Misc => 3,
        Kind::Date => 4,
    }
}

fn kind_of(code: u64) -> Result<Kind, Damaged> {
    Ok(match code {
        0 => Kind::Person,
        1 => Kind::Organization,
        2 => Kind::Location,
        3 => Kind::Misc,
        4 => Kind::Date,
        _ => return Err(Damaged),
    })
}

fn encode(articles: &[CachedArticle], notes: &[String]) -> Vec<u8> {
    let mut w = Writer::default();
    w.u64(notes.len() as u64);
    for n in notes {
        w.str(n);
    }
    w.u64(articles.len() as u64);
    for a in articles {
        w.str(&a.id);
        w.i64(
            a.date
                .map(|d| d.num_days_from_ce() as i64)
                .unwrap_or(i64::MIN),
        );
        w.str(&a.title);
        w.bool(a.explicit_title);
        w.opt_str(a.source.as_deref());
        w.opt_str(a.url.as_deref());
        w.u64(a.body_len);
        w.u64(a.body_hash);
        let e = &a.entities;
        w.u64(e.entities.len() as u64);
        for ent in &e.entities {
            w.str(&ent.name);
            w.u64(kind_code(ent.kind));
            w.u64(ent.aliases.len() as u64);
            for al in &ent.aliases {
                w.str(al);
            }
            match ent.date {
                None => w.u64(0),
                Some(DateValue::Year(y)) => {
                    w.u64(1);
                    w.i64(y as i64);
                }
                Some(DateValue::Month(y, m)) => {
                    w.u64(2);
                    w.i64(y as i64);
                    w.u64(m as u64);
                }
                Some(DateValue::Day(d)) => {
                    w.u64(3);
                    w.i64(d.num_days_from_ce() as i64);
                }
            }
        }
        w.u64(e.mentions.len() as u64);
        let mut prev = 0u32;
        for m in &e.mentions {
            // Mentions are in reading order: store gaps, not offsets.
            w.u64(m.start.wrapping_sub(prev) as u64);
            w.u64((m.end - m.start) as u64);
            w.u64(m.entity as u64);
            prev = m.start;
        }
    }
    w.buf
}

fn day(n: i64) -> Result<NaiveDate, Damaged> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or(Damaged)
}

type Decoded = (Vec<CachedArticle>, Vec<String>);

fn decode(data: &[u8]) -> Result<Decoded, Damaged> {
    let mut r = Reader::new(data);
    // Counts come from the data: cap pre-allocation so a damaged count
    // cannot ask for gigabytes.
    let cap = |n: u64| (n as usize).min(1 << 12);
    let n_notes = r.u64()?;
    let mut notes = Vec::with_capacity(cap(n_notes));
    for _ in 0..n_notes {
        notes.push(r.str()?.to_string());
    }
    let n_articles = r.u64()?;
    let mut articles = Vec::with_capacity(cap(n_articles));
    for _ in 0..n_articles {
        let id = r.str()?.to_string();
        let date = match r.i64()? {
            i64::MIN => None,
            n => Some(day(n)?),
        };
        let title = r.str()?.to_string();
        let explicit_title = r.bool()?;
        let source = r.opt_str()?.map(str::to_string);
        let url = r.opt_str()?.map(str::to_string);
        let body_len = r.u64()?;
        let body_hash = r.u64()?;
        let n_ent = r.u64()?;
        let mut entities = Vec::with_capacity(cap(n_ent));
        for _ in 0..n_ent {
            let name = r.str()?.to_string();
            let kind = kind_of(r.u64()?)?;
            let n_al = r.u64()?;
            let mut aliases = Vec::with_capacity(cap(n_al));
            for _ in 0..n_al {
                aliases.push(r.str()?.to_string());
            }
            let date = match r.u64()? {
                0 => None,
                1 => Some(DateValue::Year(r.i64()? as i32)),
                2 => {
                    let y = r.i64()? as i32;
                    Some(DateValue::month(y, r.u32()?).ok_or(Damaged)?)
                }
                3 => Some(DateValue::Day(day(r.i64()?)?)),
                _ => return Err(Damaged),
            };
            entities.push(FoundEntity {
                name,
                kind,
                aliases,
                date,
            });
        }
        let n_m = r.u64()?;
        let mut mentions = Vec::with_capacity(cap(n_m));
        let mut prev = 0u32;
        for _ in 0..n_m {
            let start = prev.checked_add(r.u32()?).ok_or(Damaged)?;
            let end = start.checked_add(r.u32()?).ok_or(Damaged)?;
            let entity = r.u32()?;
            if entity as usize >= entities.len() || end as u64 > body_len {
                return Err(Damaged);
            }
            mentions.push(FoundMention { start, end, entity });
            prev = start;
        }
        articles.push(CachedArticle {
            id,
            date,
            title,
            explicit_title,
            source,
            url,
            body_len,
            body_hash,
            entities: ArticleEntities { mentions, entities },
        });
    }
    if !r.at_end() {
        return Err(Damaged);
    }
    Ok((articles, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_entry() -> FileEntry {
        let entities = ArticleEntities {
            entities: vec![
                FoundEntity {
                    name: "Khalifa Haftar".into(),
                    kind: Kind::Person,
                    aliases: vec!["Khalifa Haftar".into(), "Haftar".into()],
                    date: None,
                },
                FoundEntity {
                    name: "Monday".into(),
                    kind: Kind::Date,
                    aliases: vec!["Monday".into()],
                    date: DateValue::parse("2020-01-06"),
                },
                FoundEntity {
                    name: "April".into(),
                    kind: Kind::Date,
                    aliases: vec![],
                    date: DateValue::parse("2019-04"),
                },
            ],
            mentions: vec![
                FoundMention {
                    start: 3,
                    end: 17,
                    entity: 0,
                },
                FoundMention {
                    start: 30,
                    end: 36,
                    entity: 1,
                },
                FoundMention {
                    start: 40,
                    end: 45,
                    entity: 2,
                },
            ],
        };
        FileEntry {
            stamp: Stamp {
                size: 120,
                mtime_ns: 1_600_000_000_000_000_000,
            },
            hash: 42,
            articles: vec![CachedArticle {
                id: "a#1".into(),
                date: NaiveDate::from_ymd_opt(2020, 1, 7),
                title: "Title ✓".into(),
                explicit_title: true,
                source: Some("Wire".into()),
                url: None,
                body_len: 100,
                body_hash: 7,
                entities,
            }],
            notes: vec!["invalid UTF-8".into()],
        }
    }

    #[test]
    fn records_round_trip() {
        let e = sample_entry();
        let (articles, notes) = decode(&encode(&e.articles, &e.notes)).unwrap();
        assert_eq!(articles, e.articles);
        assert_eq!(notes, e.notes);
    }

    #[test]
    fn damaged_records_are_errors() {
        let e = sample_entry();
        let bytes = encode(&e.articles, &e.notes);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra).is_err());
    }

    #[test]
    fn store_reopen_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, w) = Cache::open(dir.path(), 1).unwrap();
        assert!(w.is_empty());
        c.put(&[("/r/a.txt".into(), sample_entry())]).unwrap();
        drop(c);
        let (c, _) = Cache::open(dir.path(), 1).unwrap();
        let all = c.entries().unwrap();
        assert_eq!(all.get("/r/a.txt"), Some(&sample_entry()));
    }

    #[test]
    fn a_reader_gets_one_entry() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[("/r/a.txt".into(), sample_entry())]).unwrap();
        let r = c.reader().unwrap();
        assert_eq!(r.get("/r/a.txt").unwrap(), Some(sample_entry()));
        assert_eq!(r.get("/r/b.txt").unwrap(), None);
    }

    #[test]
    fn another_extractor_clears_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[("/r/a.txt".into(), sample_entry())]).unwrap();
        drop(c);
        let (c, _) = Cache::open(dir.path(), 2).unwrap();
        assert!(c.entries().unwrap().is_empty());
    }

    #[test]
    fn a_corrupt_cache_is_set_aside_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let garbage = b"this is not a database, just bytes that look wrong".repeat(100);
        std::fs::write(dir.path().join("cache.sqlite3"), &garbage).unwrap();
        let (mut c, w) = Cache::open(dir.path(), 1).unwrap();
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("set aside"), "{}", w[0].message);
        c.put(&[("/r/a.txt".into(), sample_entry())]).unwrap();
        assert_eq!(c.entries().unwrap().len(), 1);
        // The damaged file is kept, not deleted.
        let kept = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().contains("corrupt"))
            .expect("set-aside file");
        assert_eq!(std::fs::read(kept.path()).unwrap(), garbage);
    }

    #[test]
    fn a_foreign_database_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        {
            let c = Connection::open(dir.path().join("cache.sqlite3")).unwrap();
            c.execute_batch("CREATE TABLE files (name TEXT); INSERT INTO files VALUES ('x');")
                .unwrap();
        }
        let (mut c, w) = Cache::open(dir.path(), 1).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        c.put(&[("/r/a.txt".into(), sample_entry())]).unwrap();
        assert_eq!(c.entries().unwrap().len(), 1);
    }

    #[test]
    fn remove_forgets_paths() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[("/a".into(), sample_entry()), ("/b".into(), sample_entry())])
            .unwrap();
        c.remove(&["/a".into()]).unwrap();
        let all = c.entries().unwrap();
        assert_eq!(all.len(), 1);
        assert!(all.contains_key("/b"));
    }
}
