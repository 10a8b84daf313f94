//! The store of fetched items: an SQLite database of the user's own
//! (`$XDG_DATA_HOME/lede/feeds.sqlite3`), not a cache — a feed drops its
//! old items, so what was fetched cannot be fetched again.
//!
//! One row per feed (its address, its own title, and the validators of
//! its last answer for conditional GET) and one per version of an item.
//! An item is known by its GUID, else its link, else its title and date;
//! when it comes back edited (title, link, text, authors or categories
//! changed) the edit is stored as a new version and the old one is kept
//! out of the list. Read marks key on the body's fingerprint, so an edit
//! that leaves the text alone keeps its mark. Pruning deletes old items
//! and remembers their keys, so a feed still carrying them does not bring
//! them back as new.
//!
//! The file is lede's only if it says so (its `application_id`); any other
//! file is left alone with a message, and so is a symbolic link where the
//! database should be. SQLite's busy timeout waits out another lede
//! writing; a database still locked after it is busy, not damaged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};

use super::http::Validators;
use super::subscriptions::Subscription;
use crate::corpus::Article;
use crate::corpus::feed_format::Entry;

/// `ledF`: marks the file as lede's feed store.
pub const APPLICATION_ID: i32 = 0x6c65_6446;
/// The schema this build reads and writes.
pub const SCHEMA_VERSION: i32 = 1;
/// How long a write waits for another lede to finish its own.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SCHEMA: &str = "
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at INTEGER,
    error TEXT
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL,
    guid TEXT,
    title TEXT,
    url TEXT,
    published INTEGER,
    updated INTEGER,
    first_seen INTEGER NOT NULL,
    fetched INTEGER NOT NULL,
    authors TEXT NOT NULL,
    tags TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (feed_id, key, version)
);
CREATE INDEX items_current ON items (feed_id, key) WHERE current = 1;
CREATE TABLE pruned (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (feed_id, key)
);
";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{0}: busy (another lede is writing to it and did not finish within {BUSY_TIMEOUT:?}); try again"
    )]
    Busy(PathBuf),
    #[error("{path}: {why}; left alone")]
    NotOurs { path: PathBuf, why: String },
    #[error("{0}: {1}")]
    Sqlite(PathBuf, rusqlite::Error),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// How one fetch changed a feed's items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    /// Items seen for the first time.
    pub new: usize,
    /// Items that came back edited (stored as a new version).
    pub edited: usize,
    pub unchanged: usize,
    /// Items pruned before, still in the feed, not brought back.
    pub pruned: usize,
}

/// What the fetcher hands the store for one feed.
pub struct FeedUpdate<'a> {
    pub url: &'a str,
    pub title: Option<&'a str>,
    pub entries: &'a [Entry],
    pub validators: &'a Validators,
    /// Seconds since the epoch.
    pub fetched_at: i64,
}

/// What the store knows of a feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedState {
    pub title: Option<String>,
    pub validators: Validators,
    pub fetched_at: Option<i64>,
    pub error: Option<String>,
    pub items: usize,
}

/// A stored item as an article, with what an article does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredItem {
    /// `path` is the feed's address, `source` its name (the one the user
    /// gave, else the feed's own), `url` the item's page; `id` is
    /// `host/number`, which no file's id can be (a file name holds no `/`).
    pub article: Article,
    pub feed_url: String,
    pub authors: Vec<String>,
    /// The item's own categories.
    pub tags: Vec<String>,
    /// The tags the urls file gives its feed.
    pub feed_tags: Vec<String>,
    /// Its row in the store: a later version, or a later item, has a
    /// higher one.
    pub row: i64,
}

/// What a prune removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub items: usize,
}

pub struct ItemStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for ItemStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStore")
            .field("path", &self.path)
            .finish()
    }
}

impl ItemStore {
    /// `$LEDE_DATA_DIR/feeds.sqlite3`, else under `$XDG_DATA_HOME/lede`,
    /// else under `~/.local/share/lede`.
    pub fn default_path() -> Option<PathBuf> {
        crate::store::data_dir().map(|d| d.join("feeds.sqlite3"))
    }

    /// Opens the store at `path`, creating it (and its folder) when there
    /// is no file. A file that is not lede's feed store, a store of a newer
    /// lede, or a symbolic link is refused and left as it is.
    pub fn open(path: &Path) -> Result<ItemStore, StoreError> {
        let not_ours = |why: &str| StoreError::NotOurs {
            path: path.to_path_buf(),
            why: why.to_string(),
        };
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            if let Ok(m) = std::fs::symlink_metadata(&p) {
                if m.file_type().is_symlink() {
                    return Err(not_ours(&format!(
                        "{} is a symbolic link, which lede does not write through",
                        Path::new(&p).display()
                    )));
                }
                if suffix.is_empty() && !m.is_file() {
                    return Err(not_ours("not a regular file"));
                }
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        }
        let sqlite = |e: rusqlite::Error| classify(path, e);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NOFOLLOW
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        // Read before anything is written: a file that is not ours must
        // not be touched.
        // The three read in one transaction: one snapshot, never half of
        // a store being made.
        let state = |conn: &Connection| -> rusqlite::Result<(i32, i32, i64)> {
            Ok((
                conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
                conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?,
            ))
        };
        conn.execute_batch("BEGIN").map_err(sqlite)?;
        let (mut app_id, mut version, objects) = state(&conn).map_err(sqlite)?;
        conn.execute_batch("COMMIT").map_err(sqlite)?;
        if app_id == 0 && version == 0 && objects == 0 {
            conn.execute_batch("BEGIN IMMEDIATE").map_err(sqlite)?;
            // Another thread or lede may have made the store since it was
            // looked at (the app's fetch and its stored items open it at
            // once): looked at again under the write lock, it is made
            // once. An error drops the connection, which rolls back.
            let now = state(&conn).map_err(sqlite)?;
            if now == (0, 0, 0) {
                conn.execute_batch(&format!(
                    "{SCHEMA} PRAGMA application_id = {APPLICATION_ID}; \
                     PRAGMA user_version = {SCHEMA_VERSION};"
                ))
                .map_err(sqlite)?;
                (app_id, version) = (APPLICATION_ID, SCHEMA_VERSION);
            } else {
                (app_id, version) = (now.0, now.1);
            }
            conn.execute_batch("COMMIT").map_err(sqlite)?;
            if now == (0, 0, 0) {
                // The switch to WAL needs the file to itself, and SQLite
                // says busy at once rather than wait while another
                // opener reads it: tried again for as long as a lock is
                // waited for.
                let start = std::time::Instant::now();
                loop {
                    match conn.pragma_update(None, "journal_mode", "WAL") {
                        Ok(()) => break,
                        Err(e) => match classify(path, e) {
                            StoreError::Busy(_) if start.elapsed() < BUSY_TIMEOUT => {
                                std::thread::sleep(std::time::Duration::from_millis(5));
                            }
                            e => return Err(e),
                        },
                    }
                }
            }
        }
        if app_id != APPLICATION_ID {
            return Err(not_ours(
                "not lede's feed store (another program's database)",
            ));
        } else if version > SCHEMA_VERSION {
            return Err(not_ours(&format!(
                "written by a newer lede (schema {version}; this one reads {SCHEMA_VERSION})"
            )));
        } else if version < 1 {
            return Err(not_ours("an incomplete feed store (no schema version)"));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sqlite)?;
        Ok(ItemStore {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    /// Every feed the store knows, by address.
    pub fn feeds(&self) -> Result<HashMap<String, FeedState>, StoreError> {
        let run = || -> rusqlite::Result<HashMap<String, FeedState>> {
            let mut stmt = self.conn.prepare(
                "SELECT f.url, f.title, f.etag, f.last_modified, f.fetched_at, f.error,
                        (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.current = 1)
                 FROM feeds f",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    FeedState {
                        title: r.get(1)?,
                        validators: Validators {
                            etag: r.get(2)?,
                            last_modified: r.get(3)?,
                        },
                        fetched_at: r.get(4)?,
                        error: r.get(5)?,
                        items: r.get::<_, i64>(6)? as usize,
                    },
                ))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Stores what one fetch of a feed gave, in one transaction.
    pub fn update(&mut self, u: &FeedUpdate) -> Result<Stored, StoreError> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<Stored> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let feed_id = feed_id(&tx, u.url)?;
            tx.execute(
                "UPDATE feeds SET title = coalesce(?2, title), etag = ?3, last_modified = ?4,
                        fetched_at = ?5, error = NULL WHERE id = ?1",
                params![
                    feed_id,
                    u.title,
                    u.validators.etag,
                    u.validators.last_modified,
                    u.fetched_at
                ],
            )?;
            let stored = store_entries(&tx, feed_id, u.entries, u.fetched_at)?;
            tx.commit()?;
            Ok(stored)
        };
        run(&mut self.conn).map_err(|e| classify(&path, e))
    }

    /// Records a 304: the feed is as it was; its validators stay.
    pub fn not_modified(&mut self, url: &str, fetched_at: i64) -> Result<(), StoreError> {
        let run = |conn: &Connection| -> rusqlite::Result<()> {
            let id = feed_id(conn, url)?;
            conn.execute(
                "UPDATE feeds SET fetched_at = ?2, error = NULL WHERE id = ?1",
                params![id, fetched_at],
            )?;
            Ok(())
        };
        run(&self.conn).map_err(|e| self.err(e))
    }

    /// Records why a fetch failed (shown by `lede feeds list`).
    pub fn failed(&mut self, url: &str, message: &str) -> Result<(), StoreError> {
        let run = |conn: &Connection| -> rusqlite::Result<()> {
            let id = feed_id(conn, url)?;
            conn.execute(
                "UPDATE feeds SET error = ?2 WHERE id = ?1",
                params![id, message],
            )?;
            Ok(())
        };
        run(&self.conn).map_err(|e| self.err(e))
    }

    /// The current version of every stored item, as articles. `subs` gives
    /// the names and tags the user set for their feeds.
    pub fn items(&self, subs: &[Subscription]) -> Result<Vec<StoredItem>, StoreError> {
        self.items_after(subs, 0)
    }

    /// The rows of every current item, ascending: what is still there of
    /// what was read before.
    pub fn current_rows(&self) -> Result<Vec<i64>, StoreError> {
        let run = || -> rusqlite::Result<Vec<i64>> {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM items WHERE current = 1 ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// The current items stored in rows after `after` (those a reader
    /// that read up to `after` has not seen), as [`ItemStore::items`].
    pub fn items_after(
        &self,
        subs: &[Subscription],
        after: i64,
    ) -> Result<Vec<StoredItem>, StoreError> {
        let by_url: HashMap<&str, &Subscription> =
            subs.iter().map(|s| (s.url.as_str(), s)).collect();
        let run = || -> rusqlite::Result<Vec<StoredItem>> {
            let mut stmt = self.conn.prepare(
                "SELECT i.id, f.url, f.title, i.guid, i.title, i.url, i.published, i.updated,
                        i.first_seen, i.authors, i.tags, i.body
                 FROM items i JOIN feeds f ON f.id = i.feed_id
                 WHERE i.current = 1 AND i.id > ?1 ORDER BY i.id",
            )?;
            let rows = stmt.query_map([after], |r| {
                let id: i64 = r.get(0)?;
                let feed_url: String = r.get(1)?;
                let feed_title: Option<String> = r.get(2)?;
                let entry = Entry {
                    guid: r.get(3)?,
                    title: r.get(4)?,
                    url: r.get(5)?,
                    published: r.get::<_, Option<i64>>(6)?.and_then(wall_time),
                    updated: r.get::<_, Option<i64>>(7)?.and_then(wall_time),
                    authors: split_list(&r.get::<_, String>(9)?),
                    tags: split_list(&r.get::<_, String>(10)?),
                    body: r.get(11)?,
                };
                let first_seen: i64 = r.get(8)?;
                Ok((id, feed_url, feed_title, entry, first_seen))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, feed_url, feed_title, entry, first_seen) = row?;
                let sub = by_url.get(feed_url.as_str());
                let host = url::Url::parse(&feed_url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_else(|| "feed".into());
                let source = sub
                    .and_then(|s| s.title.clone())
                    .or(feed_title)
                    .unwrap_or_else(|| host.clone());
                let article = entry.to_article(
                    format!("{host}/{id}"),
                    Path::new(&feed_url),
                    Some(&source),
                    local_date(first_seen),
                );
                out.push(StoredItem {
                    row: id,
                    article,
                    feed_tags: sub.map(|s| s.tags.clone()).unwrap_or_default(),
                    feed_url,
                    authors: entry.authors,
                    tags: entry.tags,
                });
            }
            Ok(out)
        };
        run().map_err(|e| self.err(e))
    }

    /// Deletes every item dated before `cutoff` (its publication date, else
    /// its update, else when it was first fetched), every version of it,
    /// and remembers its key so the feed does not bring it back. Keys of
    /// pruned items that their feed stopped carrying before `cutoff` are
    /// forgotten.
    pub fn prune(&mut self, cutoff: NaiveDateTime, now: i64) -> Result<Pruned, StoreError> {
        let cutoff_secs = cutoff.and_utc().timestamp();
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<Pruned> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // The date of an item is its current version's.
            tx.execute(
                "INSERT OR REPLACE INTO pruned (feed_id, key, last_seen)
                 SELECT feed_id, key, ?2 FROM items
                 WHERE current = 1 AND coalesce(published, updated, first_seen) < ?1",
                params![cutoff_secs, now],
            )?;
            let items = tx.execute(
                "DELETE FROM items WHERE (feed_id, key) IN (SELECT feed_id, key FROM items
                 WHERE current = 1 AND coalesce(published, updated, first_seen) < ?1)",
                params![cutoff_secs],
            )?;
            // A key needs remembering while its feed may still carry it:
            // forget those the feed's last fetch no longer had.
            tx.execute(
                "DELETE FROM pruned WHERE last_seen < ?1 AND last_seen <
                 (SELECT coalesce(fetched_at, 0) FROM feeds WHERE feeds.id = pruned.feed_id)",
                params![cutoff_secs],
            )?;
            tx.commit()?;
            Ok(Pruned { items })
        };
        run(&mut self.conn).map_err(|e| classify(&path, e))
    }

    /// Forgets a feed and everything stored of it; how many items went.
    pub fn remove_feed(&mut self, url: &str) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<usize> {
            let tx = conn.transaction()?;
            let n = tx.execute(
                "DELETE FROM items WHERE feed_id IN (SELECT id FROM feeds WHERE url = ?1)
                 AND current = 1",
                params![url],
            )?;
            tx.execute("DELETE FROM feeds WHERE url = ?1", params![url])?;
            tx.commit()?;
            Ok(n)
        };
        run(&mut self.conn).map_err(|e| classify(&path, e))
    }
}

/// SQLite's errors, with a locked database told apart from a damaged one.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Busy(path.to_path_buf())
        }
        Some(ErrorCode::NotADatabase) => StoreError::NotOurs {
            path: path.to_path_buf(),
            why: "not an SQLite database (damaged, or another kind of file)".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::NotOurs {
            path: path.to_path_buf(),
            why: "the database is damaged".into(),
        },
        _ => StoreError::Sqlite(path.to_path_buf(), e),
    }
}

/// The id of the feed at `url`, added when new.
fn feed_id(conn: &Connection, url: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT (url) DO NOTHING",
        params![url],
    )?;
    conn.query_row("SELECT id FROM feeds WHERE url = ?1", params![url], |r| {
        r.get(0)
    })
}

/// What identifies an item across fetches: its GUID, else its link, else
/// its title and date.
pub fn item_key(e: &Entry) -> String {
    if let Some(g) = &e.guid {
        return format!("guid:{g}");
    }
    if let Some(u) = &e.url {
        return format!("url:{u}");
    }
    let date = e
        .published
        .or(e.updated)
        .map(|d| d.to_string())
        .unwrap_or_default();
    format!(
        "title:{}\u{1f}{date}\u{1f}{}",
        e.title.as_deref().unwrap_or(""),
        // Neither title nor date: the text is all there is.
        if e.title.is_none() && date.is_empty() {
            e.body.as_str()
        } else {
            ""
        }
    )
}

fn store_entries(
    tx: &Transaction,
    feed_id: i64,
    entries: &[Entry],
    now: i64,
) -> rusqlite::Result<Stored> {
    let mut stored = Stored::default();
    let mut seen = std::collections::HashSet::new();
    let mut find = tx.prepare_cached(
        "SELECT id, version, first_seen, title, url, body, authors, tags FROM items
         WHERE feed_id = ?1 AND key = ?2 AND current = 1",
    )?;
    let mut was_pruned =
        tx.prepare_cached("UPDATE pruned SET last_seen = ?3 WHERE feed_id = ?1 AND key = ?2")?;
    let mut retire = tx.prepare_cached("UPDATE items SET current = 0 WHERE id = ?1")?;
    let mut touch = tx.prepare_cached(
        "UPDATE items SET fetched = ?2, published = ?3, updated = ?4 WHERE id = ?1",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO items (feed_id, key, version, current, guid, title, url, published,
                            updated, first_seen, fetched, authors, tags, body)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for e in entries {
        let key = item_key(e);
        // A feed that lists an item twice: the first is the one kept.
        if !seen.insert(key.clone()) {
            continue;
        }
        if was_pruned.execute(params![feed_id, key, now])? > 0 {
            stored.pruned += 1;
            continue;
        }
        let authors = join_list(&e.authors);
        let tags = join_list(&e.tags);
        let published = e.published.map(|t| t.and_utc().timestamp());
        let updated = e.updated.map(|t| t.and_utc().timestamp());
        type Row = (
            i64,
            i64,
            i64,
            Option<String>,
            Option<String>,
            String,
            String,
            String,
        );
        let old: Option<Row> = find
            .query_row(params![feed_id, key], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })
            .optional()?;
        let (version, first_seen) = match old {
            Some((id, _, _, title, url, body, a, t))
                if title == e.title
                    && url == e.url
                    && body == e.body
                    && a == authors
                    && t == tags =>
            {
                // Unchanged; a new date alone is kept, not a new version.
                touch.execute(params![id, now, published, updated])?;
                stored.unchanged += 1;
                continue;
            }
            Some((id, version, first_seen, ..)) => {
                retire.execute(params![id])?;
                stored.edited += 1;
                (version + 1, first_seen)
            }
            None => {
                stored.new += 1;
                (1, now)
            }
        };
        insert.execute(params![
            feed_id, key, version, e.guid, e.title, e.url, published, updated, first_seen, now,
            authors, tags, e.body
        ])?;
    }
    Ok(stored)
}

/// Lists are stored one name a line (names are single lines: cleaned).
fn join_list(v: &[String]) -> String {
    v.join("\n")
}

fn split_list(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn wall_time(secs: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(secs, 0).map(|t| t.naive_utc())
}

/// The calendar date here when lede fetched an item: the date of an item
/// whose feed gave none.
fn local_date(secs: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&Local).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(guid: Option<&str>, title: &str, body: &str) -> Entry {
        Entry {
            guid: guid.map(Into::into),
            url: Some(format!("https://x.example/{title}")),
            title: Some(title.into()),
            published: NaiveDate::from_ymd_opt(2020, 1, 6).and_then(|d| d.and_hms_opt(10, 0, 0)),
            body: body.into(),
            ..Entry::default()
        }
    }

    fn update<'a>(entries: &'a [Entry], v: &'a Validators, at: i64) -> FeedUpdate<'a> {
        FeedUpdate {
            url: "https://x.example/feed",
            title: Some("X"),
            entries,
            validators: v,
            fetched_at: at,
        }
    }

    #[test]
    fn items_are_deduplicated_and_edits_become_versions() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = ItemStore::open(&dir.path().join("f.sqlite3")).unwrap();
        let v = Validators {
            etag: Some("\"e1\"".into()),
            last_modified: None,
        };
        let one = vec![
            entry(Some("g1"), "a", "Body A."),
            entry(None, "b", "Body B."),
        ];
        let s = store.update(&update(&one, &v, 1_000)).unwrap();
        assert_eq!((s.new, s.edited, s.unchanged), (2, 0, 0));
        // The same again, an edit of one, a duplicate within the feed.
        let mut two = one.clone();
        two[0].body = "Body A, corrected.".into();
        two.push(two[1].clone());
        let s = store.update(&update(&two, &v, 2_000)).unwrap();
        assert_eq!((s.new, s.edited, s.unchanged), (0, 1, 1));
        let items = store.items(&[]).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].article.body, "Body A, corrected.");
        assert_eq!(items[0].article.source.as_deref(), Some("X"));
        assert!(items[0].article.id.starts_with("x.example/"));
        let feeds = store.feeds().unwrap();
        assert_eq!(feeds["https://x.example/feed"].validators, v);
        assert_eq!(feeds["https://x.example/feed"].items, 2);
        let versions: i64 = store
            .conn
            .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
            .unwrap();
        assert_eq!(versions, 3, "the old version is kept");
    }

    /// The app's fetch and its stored items open a new store at once: it
    /// is made once, and every opener gets it (one used to fail with
    /// "table feeds already exists").
    #[test]
    fn a_new_store_opened_at_once_is_made_once() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f.sqlite3");
            let barrier = std::sync::Barrier::new(4);
            std::thread::scope(|s| {
                let opens: Vec<_> = (0..4)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            ItemStore::open(&path).map(|_| ())
                        })
                    })
                    .collect();
                for o in opens {
                    o.join().unwrap().unwrap();
                }
            });
        }
    }

    #[test]
    fn keys_fall_back_from_guid_to_link_to_title_and_date() {
        let mut e = entry(Some("g"), "t", "b");
        assert_eq!(item_key(&e), "guid:g");
        e.guid = None;
        assert_eq!(item_key(&e), "url:https://x.example/t");
        e.url = None;
        assert!(item_key(&e).starts_with("title:t\u{1f}2020-01-06 10:00:00"));
    }

    #[test]
    fn pruned_items_do_not_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = ItemStore::open(&dir.path().join("f.sqlite3")).unwrap();
        let v = Validators::default();
        let mut old = entry(Some("old"), "old", "Old.");
        old.published = NaiveDate::from_ymd_opt(2019, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        let entries = vec![old, entry(Some("new"), "new", "New.")];
        store.update(&update(&entries, &v, 1_000)).unwrap();
        let cutoff = NaiveDate::from_ymd_opt(2020, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap();
        assert_eq!(store.prune(cutoff, 2_000).unwrap().items, 1);
        let s = store.update(&update(&entries, &v, 3_000)).unwrap();
        assert_eq!((s.new, s.pruned, s.unchanged), (0, 1, 1));
        assert_eq!(store.items(&[]).unwrap().len(), 1);
    }

    #[test]
    fn a_foreign_database_or_a_link_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.sqlite3");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let before = std::fs::read(&other).unwrap();
        let e = ItemStore::open(&other).unwrap_err();
        assert!(matches!(e, StoreError::NotOurs { .. }), "{e}");
        assert_eq!(std::fs::read(&other).unwrap(), before);

        let junk = dir.path().join("junk.sqlite3");
        std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
        let e = ItemStore::open(&junk).unwrap_err();
        assert!(e.to_string().contains("not an SQLite database"), "{e}");
        assert_eq!(std::fs::read(&junk).unwrap(), vec![b'x'; 4096]);

        let link = dir.path().join("link.sqlite3");
        std::os::unix::fs::symlink(&other, &link).unwrap();
        let e = ItemStore::open(&link).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
    }

    #[test]
    fn a_locked_database_is_busy_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.sqlite3");
        let mut store = ItemStore::open(&path).unwrap();
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
        store.conn.busy_timeout(Duration::from_millis(50)).unwrap();
        let v = Validators::default();
        let e = store.update(&update(&[], &v, 1)).unwrap_err();
        assert!(matches!(e, StoreError::Busy(_)), "{e}");
        other.execute_batch("ROLLBACK;").unwrap();
        assert!(store.update(&update(&[], &v, 1)).is_ok());
    }
}
