//! The persistent cache: what parsing and extraction made of each file, so a
//! second start over an unchanged archive reads no report at all.
//!
//! SQLite (bundled, through rusqlite) holds one row per file, keyed by
//! the bytes of its absolute path (not a lossy string: two names that
//! differ only in bytes that are not UTF-8 are two files), with the file's size, modification time and content hash, and a
//! compact binary record of its articles (metadata, not bodies: bodies are
//! re-read from the file when shown) and their entities. SQLite's atomic
//! commit means a crash mid-write leaves the previous state, never a torn
//! file. A cache written by another version of the extractor (another
//! model, other gazetteers, another format) is cleared; one that SQLite
//! cannot read, and a database that is not lede's (another schema,
//! another program's `application_id`, or a symbolic link to one), is
//! moved aside with its journal (never written to, never deleted) and a
//! new one made, with a warning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags, params};

use crate::base::codec::{Damaged, Reader, Writer};
use crate::base::hash::FxHashSet;
use crate::corpus::{ArticleMeta, Fingerprint, Warning};
use crate::entities::{ArticleEntities, DateValue, FoundEntity, FoundMention, Kind};
use crate::stories::Sketch;

/// Bumped whenever the record layout or anything that shapes cached data
/// outside the model (parsing, cleanup, rules) changes meaning.
pub const FORMAT_VERSION: u64 = 3;

/// The cache's file in its folder.
const FILE_NAME: &str = "cache.sqlite3";

/// lede's mark in the database header (`PRAGMA application_id`): "lede".
/// A database without it is not adopted, unless it is empty or has the
/// first layout's tables (written before the mark existed).
const APPLICATION_ID: i32 = 0x6c65_6465;

/// How long to wait for another process's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// A file's row: the bytes of its absolute path as the operating system
/// has them (on Unix, exactly; elsewhere, the platform's own encoding).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(Vec<u8>);

impl Key {
    /// The key of the file at `path` (made absolute; not resolved through
    /// symbolic links, which is how the user named it).
    pub fn of(path: &Path) -> Key {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Key(abs.into_os_string().into_encoded_bytes())
    }

    /// The prefix every file under the folder `path` has.
    pub fn folder(path: &Path) -> Key {
        let mut k = Key::of(path);
        let sep = std::path::MAIN_SEPARATOR as u8;
        if k.0.last() != Some(&sep) {
            k.0.push(sep);
        }
        k
    }

    pub fn starts_with(&self, prefix: &Key) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The path again.
    pub fn to_path(&self) -> PathBuf {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            PathBuf::from(std::ffi::OsStr::from_bytes(&self.0))
        }
        #[cfg(not(unix))]
        {
            // Bytes from the database are not trusted to be the
            // platform's encoding: decoded lossily.
            PathBuf::from(String::from_utf8_lossy(&self.0).into_owned())
        }
    }
}

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

/// What the cache keeps of one article: its metadata (the body's
/// fingerprint included, to check a re-read body is the one the mentions
/// point into), its entities and its story sketch. The path is the
/// file's, not stored per article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRecord {
    pub meta: ArticleMeta,
    pub entities: ArticleEntities,
    pub sketch: Sketch,
}

/// What the cache keeps of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub stamp: Stamp,
    /// Hash of the file's bytes: a touched but unchanged file is still hit.
    pub hash: u64,
    pub articles: Vec<ArticleRecord>,
    /// Messages of the warnings parsing gave (the path is the file's).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Another process holds the database locked (longer than
    /// two seconds): busy, not damaged. Left alone.
    #[error("busy: another process holds it locked; not used this run")]
    Busy,
    #[error("cache database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Neither written nor read where it is, and why.
    #[error("cache database: {0}")]
    Unwritable(String),
    #[error("cache directory: {0}")]
    Io(#[from] std::io::Error),
}

pub struct Cache {
    conn: Connection,
    path: PathBuf,
    access: Access,
    /// Whether [`Cache::store`] still writes: not once a write failed, or
    /// when the cache could only be opened for reading (said once).
    writing: bool,
}

/// How the database is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
    /// Read as a file nobody changes: what is left on a file system where
    /// SQLite cannot make the shared-memory file a WAL database needs to
    /// be read (read-only, or full), and where nobody can write either.
    Immutable,
}

/// A connection to `path` with `access`.
fn connect(path: &Path, access: Access) -> rusqlite::Result<Connection> {
    let conn = match access {
        Access::ReadWrite => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?,
        Access::ReadOnly => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?,
        Access::Immutable => Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?,
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// `file:<path>?immutable=1`, the path's bytes percent-encoded but for
/// the unreserved ones and `/`.
fn immutable_uri(path: &Path) -> PathBuf {
    let mut uri = b"file:".to_vec();
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b);
        } else {
            uri.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    uri.extend_from_slice(b"?immutable=1");
    // Only ASCII went in.
    PathBuf::from(String::from_utf8_lossy(&uri).into_owned())
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("path", &self.path).finish()
    }
}

impl Cache {
    /// Opens (or creates) the cache in `dir` for extractor `fingerprint`.
    /// What is at the cache path is looked at before it is written to: a
    /// damaged database, or one that is not lede's, is moved aside and a
    /// fresh one created; one that cannot be written here (a read-only
    /// file system, a full disk) is read all the same. The warnings say
    /// so. `Err` only when no cache can be had at all (lede then runs
    /// without one).
    pub fn open(dir: &Path, fingerprint: u64) -> Result<(Cache, Vec<Warning>), CacheError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(FILE_NAME);
        let mut warnings = Vec::new();
        let problem = match inspect(&path) {
            Ok(Found::Nothing | Found::Ours) => None,
            Ok(Found::Foreign(why)) => Some(format!("not a lede cache ({why})")),
            // Another process's live database: never moved, its log
            // never touched.
            Err(e) if is_busy(&e) => return Err(CacheError::Busy),
            Err(e) if is_damage(&e) => Some(format!("cache unreadable ({e})")),
            // Not the database's fault: the place it is in.
            Err(e) => return Self::read_only(&path, fingerprint, e),
        };
        if let Some(problem) = problem {
            warnings.push(set_aside(&path, &problem)?);
        }
        match Self::open_at(&path, fingerprint) {
            Ok(c) => Ok((c, warnings)),
            Err(CacheError::Sqlite(e)) if is_busy(&e) => Err(CacheError::Busy),
            Err(CacheError::Sqlite(e)) if is_damage(&e) => {
                // Ours by its header, yet not whole inside.
                warnings.push(set_aside(&path, &format!("cache unreadable ({e})"))?);
                let c = Self::open_at(&path, fingerprint)?;
                Ok((c, warnings))
            }
            Err(CacheError::Sqlite(e)) => {
                let (c, more) = Self::read_only(&path, fingerprint, e)?;
                warnings.extend(more);
                Ok((c, warnings))
            }
            Err(e) => Err(e),
        }
    }

    /// The cache at `path` cannot be opened for writing (`why`): read it
    /// if it is current, and say once that it will not be updated.
    fn read_only(
        path: &Path,
        fingerprint: u64,
        why: rusqlite::Error,
    ) -> Result<(Cache, Vec<Warning>), CacheError> {
        for access in [Access::ReadOnly, Access::Immutable] {
            if let Ok(conn) = connect(path, access)
                && holds(&conn, fingerprint_value(fingerprint))
            {
                let warning = Warning::new(
                    path,
                    format!(
                        "the cache cannot be written ({}); read, not updated this run",
                        reason(path, &why)
                    ),
                );
                let cache = Cache {
                    conn,
                    path: path.to_path_buf(),
                    access,
                    writing: false,
                };
                return Ok((cache, vec![warning]));
            }
        }
        Err(CacheError::Unwritable(reason(path, &why)))
    }

    /// Opens the database at `path`, which [`inspect`] found to be ours or
    /// nothing yet, for reading and writing, and settles its layout.
    fn open_at(path: &Path, fingerprint: u64) -> Result<Cache, CacheError> {
        let mut conn = connect(path, Access::ReadWrite)?;
        // WAL: readers never block the writer; NORMAL sync is durable
        // enough for a cache and keeps commits cheap.
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let want = fingerprint_value(fingerprint);
        // Only reads while the cache is current: another process writing
        // to it is no reason to wait here.
        if !holds(&conn, want) {
            // New, or made by another extractor or in another layout: its
            // rows would be wrong. Made anew in one transaction (an older
            // layout's columns go too), and marked as lede's.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", FORMAT_VERSION as i64)?;
            tx.execute_batch(&format!(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                 DROP TABLE IF EXISTS files;
                 {FILES_TABLE}"
            ))?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1)",
                params![want],
            )?;
            tx.commit()?;
        }
        // Not whole: this fails, and the file is set aside. (A full
        // integrity check would read the whole file on every start; a row
        // that is damaged later reads as a miss instead.)
        conn.prepare("SELECT path, size, mtime, hash, data FROM files LIMIT 1")?;
        Ok(Cache {
            conn,
            path: path.to_path_buf(),
            access: Access::ReadWrite,
            writing: true,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every entry, by key (its articles' path is the key's). Rows that
    /// fail to decode are left out (and will be rewritten when their file
    /// is read again).
    pub fn entries(&self) -> Result<HashMap<Key, FileEntry>, CacheError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime, hash, data FROM files")?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let key = Key(row.get(0)?);
            if let Some(e) = entry_of(row, 1, &key.to_path())? {
                out.insert(key, e);
            }
        }
        Ok(out)
    }

    /// A second connection to an opened cache, for reading beside the
    /// writer (SQLite's write-ahead log lets readers and one writer work
    /// at once). Opened after [`Cache::open`], which settled the schema.
    pub fn reader(&self) -> Result<Cache, CacheError> {
        let access = match self.access {
            Access::ReadWrite => Access::ReadOnly,
            a => a,
        };
        Ok(Cache {
            conn: connect(&self.path, access)?,
            path: self.path.clone(),
            access,
            writing: false,
        })
    }

    /// The entry of the file at `key`, its articles' path `path` (the
    /// file as the user named it); `None` when there is none or it does
    /// not decode (it will be rewritten when the file is read again).
    pub fn get(&self, key: &Key, path: &Path) -> Result<Option<FileEntry>, CacheError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT size, mtime, hash, data FROM files WHERE path = ?1")?;
        let mut rows = stmt.query(params![key.0])?;
        match rows.next()? {
            Some(row) => entry_of(row, 0, path),
            None => Ok(None),
        }
    }

    /// Stores entries, as [`Cache::put`] does, for a run that goes on
    /// whatever happens to the cache: the first failure (a full disk, a
    /// lock held too long) is the warning to show, and nothing more is
    /// written this run; later calls, and calls on a cache opened for
    /// reading only (which said so when it opened), do nothing.
    pub fn store(&mut self, entries: &[(Key, FileEntry)]) -> Option<Warning> {
        if !self.writing {
            return None;
        }
        let why = match self.put(entries).err()? {
            CacheError::Sqlite(e) => reason(&self.path, &e),
            e => e.to_string(),
        };
        self.writing = false;
        Some(Warning::new(
            &self.path,
            format!("cannot write to the cache ({why}); not updated for the rest of this run"),
        ))
    }

    /// Stores entries in one transaction.
    pub fn put(&mut self, entries: &[(Key, FileEntry)]) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO files (path, size, mtime, hash, data) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (key, e) in entries {
                stmt.execute(params![
                    key.0,
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
    pub fn paths(&self) -> Result<Vec<PathBuf>, CacheError> {
        Ok(self.keys()?.iter().map(Key::to_path).collect())
    }

    fn keys(&self) -> Result<Vec<Key>, CacheError> {
        let mut stmt = self.conn.prepare_cached("SELECT path FROM files")?;
        let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0).map(Key))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// After a complete walk of the folders `prefixes` (each a
    /// [`Key::folder`]): forgets the files under them that the walk did not
    /// find, so the cache does not grow without bound as reports are
    /// deleted. Entries of other folders stay. Returns how many went.
    pub fn prune(&mut self, prefixes: &[Key], found: &FxHashSet<Key>) -> Result<usize, CacheError> {
        let gone: Vec<Key> = self
            .keys()?
            .into_iter()
            .filter(|k| prefixes.iter().any(|d| k.starts_with(d)) && !found.contains(k))
            .collect();
        self.remove(&gone)?;
        Ok(gone.len())
    }

    /// Forgets these files.
    pub fn remove(&mut self, keys: &[Key]) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM files WHERE path = ?1")?;
            for k in keys {
                stmt.execute(params![k.0])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// What is at the cache path before lede adopts it.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// Nothing yet (no file, an empty one, a database without tables):
    /// lede makes its own.
    Nothing,
    /// A cache of lede's, of this version or another (which is cleared).
    Ours,
    /// Not lede's, and why: moved aside, never written to.
    Foreign(String),
}

/// Looks at what is at `path` without writing to it: its file type first
/// (a FIFO is never opened: that would block), then, read-only, the
/// database header's mark and its tables. A symbolic link is followed
/// only to a cache of lede's: anything else it points to is someone
/// else's. `Err` when SQLite cannot read it (damaged, or busy).
fn inspect(path: &Path) -> Result<Found, rusqlite::Error> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m.file_type().is_symlink(),
        Err(_) => return Ok(Found::Nothing),
    };
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(Found::Foreign("a broken symbolic link".into()));
    };
    if !meta.is_file() {
        return Ok(Found::Foreign("not a regular file".into()));
    }
    if meta.len() == 0 && !link {
        return Ok(Found::Nothing);
    }
    let conn = connect(path, Access::ReadOnly)?;
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tables.sort();
    Ok(
        if id == APPLICATION_ID || (id == 0 && first_layout(&conn, &tables)) {
            Found::Ours
        } else if id == 0 && tables.is_empty() && !link {
            Found::Nothing
        } else if link {
            Found::Foreign("a symbolic link to a database of another program".into())
        } else if id != 0 {
            Found::Foreign(format!(
                "a database of another program, application id {id:#x}"
            ))
        } else {
            Found::Foreign(format!("a database with tables {}", tables.join(", ")))
        },
    )
}

/// Whether `conn` holds a cache of lede's for fingerprint `want` (stored
/// as [`Cache::open_at`] stores it), in this layout.
fn holds(conn: &Connection, want: i64) -> bool {
    let id: Option<i32> = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .ok();
    let version: Option<i64> = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .ok();
    let stored: Option<i64> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'fingerprint'",
            [],
            |r| r.get(0),
        )
        .ok();
    id == Some(APPLICATION_ID)
        && version == Some(FORMAT_VERSION as i64)
        && stored == Some(want)
        && conn
            .prepare("SELECT path, size, mtime, hash, data FROM files LIMIT 0")
            .is_ok()
}

/// The fingerprint as the `meta` table stores it: the extractor's and
/// the record layout's together.
fn fingerprint_value(fingerprint: u64) -> i64 {
    (fingerprint ^ FORMAT_VERSION.wrapping_mul(0x9e37_79b9_7f4a_7c15)) as i64
}

/// What stopped SQLite, in words a user can act on: SQLite says "disk
/// I/O error" when the disk is full as it makes its shared-memory file,
/// and "unable to open" on a read-only file system.
fn reason(path: &Path, e: &rusqlite::Error) -> String {
    if let rusqlite::Error::SqliteFailure(f, _) = e
        && (f.code == rusqlite::ErrorCode::DiskFull
            || f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE)
    {
        return "the disk is full".into();
    }
    if read_only_file_system(path.parent().unwrap_or(path)) {
        return "on a read-only file system".into();
    }
    e.to_string()
}

/// Whether `dir` is on a read-only file system: asked of the file system
/// by trying to make a file there (on an error path only, in lede's own
/// cache folder), which needs no unsafe call.
fn read_only_file_system(dir: &Path) -> bool {
    let probe = dir.join(format!(".lede-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => e.kind() == std::io::ErrorKind::ReadOnlyFilesystem,
    }
}

/// Whether SQLite says the file itself is damaged (or not a database):
/// only then is it moved aside. Any other failure is the place it is in
/// (a read-only file system, a full disk, permissions).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// Whether SQLite gave up waiting for another connection's lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Whether `conn` holds the tables lede wrote before its databases were
/// marked: `meta` with a fingerprint, and `files`.
fn first_layout(conn: &Connection, tables: &[String]) -> bool {
    tables == ["files", "meta"]
        && conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'fingerprint'",
                [],
                |_| Ok(()),
            )
            .is_ok()
        && conn
            .prepare("SELECT path, size, mtime, hash, data FROM files LIMIT 0")
            .is_ok()
}

/// Moves what is at `path` out of the way, its journals with it (a
/// write-ahead log holds committed rows: it is never deleted), so the
/// set-aside database stays whole. A symbolic link is moved, not its
/// target. The warning says why and where it went.
fn set_aside(path: &Path, problem: &str) -> Result<Warning, CacheError> {
    let aside = crate::store::set_aside(path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let companion = with_suffix(path, suffix);
        if std::fs::symlink_metadata(&companion).is_ok() {
            std::fs::rename(&companion, with_suffix(&aside, suffix))?;
        }
    }
    Ok(Warning::new(
        path,
        format!(
            "{problem}; set aside as {} and a new cache made",
            aside.display()
        ),
    ))
}

/// `path` with `suffix` after its name, as SQLite names its companions.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The table of files (its key is a BLOB: see [`Key`]).
const FILES_TABLE: &str = "CREATE TABLE IF NOT EXISTS files (
    path BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    data BLOB NOT NULL);";

/// The entry in the columns `size, mtime, hash, data` of `row`, from
/// column `first` on, for the file at `path`; `None` when the data does
/// not decode.
fn entry_of(
    row: &rusqlite::Row,
    first: usize,
    path: &Path,
) -> Result<Option<FileEntry>, CacheError> {
    let size: i64 = row.get(first)?;
    let mtime_ns: i64 = row.get(first + 1)?;
    let hash: i64 = row.get(first + 2)?;
    let data = row
        .get_ref(first + 3)?
        .as_blob()
        .map_err(rusqlite::Error::from)?;
    Ok(decode(data, path).ok().map(|(articles, notes)| FileEntry {
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

fn encode(articles: &[ArticleRecord], notes: &[String]) -> Vec<u8> {
    let mut w = Writer::default();
    w.u64(notes.len() as u64);
    for n in notes {
        w.str(n);
    }
    w.u64(articles.len() as u64);
    for ArticleRecord {
        meta: a,
        entities,
        sketch,
    } in articles
    {
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
        w.u64(a.fingerprint.len);
        w.u64(a.fingerprint.hash);
        let e = entities;
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
        w.blob(&sketch.encode());
    }
    w.buf
}

fn day(n: i64) -> Result<NaiveDate, Damaged> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or(Damaged)
}

type Decoded = (Vec<ArticleRecord>, Vec<String>);

fn decode(data: &[u8], path: &Path) -> Result<Decoded, Damaged> {
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
        let sketch = Sketch::decode(r.blob()?).map_err(|_| Damaged)?;
        let meta = ArticleMeta {
            id,
            path: path.to_path_buf(),
            date,
            title,
            explicit_title,
            source,
            url,
            fingerprint: Fingerprint {
                len: body_len,
                hash: body_hash,
            },
        };
        articles.push(ArticleRecord {
            meta,
            entities: ArticleEntities { mentions, entities },
            sketch,
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

    fn k(path: &str) -> Key {
        Key::of(Path::new(path))
    }

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
            articles: vec![ArticleRecord {
                meta: ArticleMeta {
                    id: "a#1".into(),
                    path: "/r/a.txt".into(),
                    date: NaiveDate::from_ymd_opt(2020, 1, 7),
                    title: "Title ✓".into(),
                    explicit_title: true,
                    source: Some("Wire".into()),
                    url: None,
                    fingerprint: Fingerprint { len: 100, hash: 7 },
                },
                sketch: Sketch::new(
                    "Khalifa Haftar's forces entered Sirte on Monday, in April.",
                    NaiveDate::from_ymd_opt(2020, 1, 7),
                    &crate::stories::entity_keys(&entities),
                ),
                entities,
            }],
            notes: vec!["invalid UTF-8".into()],
        }
    }

    #[test]
    fn records_round_trip() {
        let e = sample_entry();
        let (articles, notes) =
            decode(&encode(&e.articles, &e.notes), Path::new("/r/a.txt")).unwrap();
        assert_eq!(articles, e.articles);
        assert_eq!(notes, e.notes);
    }

    #[test]
    fn damaged_records_are_errors() {
        let e = sample_entry();
        let bytes = encode(&e.articles, &e.notes);
        for cut in 0..bytes.len() {
            assert!(
                decode(&bytes[..cut], Path::new("x")).is_err(),
                "cut at {cut}"
            );
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra, Path::new("x")).is_err());
    }

    #[test]
    fn store_reopen_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, w) = Cache::open(dir.path(), 1).unwrap();
        assert!(w.is_empty());
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
        drop(c);
        let (c, _) = Cache::open(dir.path(), 1).unwrap();
        let all = c.entries().unwrap();
        assert_eq!(all.get(&k("/r/a.txt")), Some(&sample_entry()));
    }

    #[test]
    fn a_reader_gets_one_entry() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
        let r = c.reader().unwrap();
        let p = Path::new("/r/a.txt");
        assert_eq!(r.get(&k("/r/a.txt"), p).unwrap(), Some(sample_entry()));
        assert_eq!(r.get(&k("/r/b.txt"), p).unwrap(), None);
    }

    #[test]
    fn another_extractor_clears_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
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
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
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
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
        assert_eq!(c.entries().unwrap().len(), 1);
    }

    #[test]
    fn a_cache_of_the_first_layout_is_cleared_not_misread() {
        let dir = tempfile::tempdir().unwrap();
        let fingerprint = 1u64;
        {
            // What FORMAT_VERSION 1 wrote: text keys.
            let c = Connection::open(dir.path().join("cache.sqlite3")).unwrap();
            c.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                 CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL,
                     mtime INTEGER NOT NULL, hash INTEGER NOT NULL, data BLOB NOT NULL);",
            )
            .unwrap();
            let old = (fingerprint ^ 0x9e37_79b9_7f4a_7c15) as i64;
            c.execute("INSERT INTO meta VALUES ('fingerprint', ?1)", params![old])
                .unwrap();
            c.execute("INSERT INTO files VALUES ('/r/a.txt', 1, 2, 3, x'00')", [])
                .unwrap();
        }
        let (mut c, _) = Cache::open(dir.path(), fingerprint).unwrap();
        assert!(c.entries().unwrap().is_empty());
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
        assert_eq!(
            c.get(&k("/r/a.txt"), Path::new("/r/a.txt")).unwrap(),
            Some(sample_entry())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_cache_of_ours_is_used() {
        let real = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(real.path(), 1).unwrap();
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
        drop(c);
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(real.path().join(FILE_NAME), dir.path().join(FILE_NAME))
            .unwrap();
        let (c, w) = Cache::open(dir.path(), 1).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.entries().unwrap().len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_cache_path_is_set_aside_unopened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(FILE_NAME);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (tx, rx) = std::sync::mpsc::channel();
        let d = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(Cache::open(&d, 1).map(|(_, w)| w));
        });
        let w = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("opening does not block on a FIFO")
            .unwrap();
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("not a regular file"), "{w:?}");
        assert!(std::fs::metadata(&fifo).unwrap().is_file());
    }

    #[test]
    fn another_process_writing_does_not_stop_an_open() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[(k("/r/a.txt"), sample_entry())]).unwrap();
        drop(c);
        let other = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        other
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM files;")
            .unwrap();
        let t = std::time::Instant::now();
        let (mut c, w) = Cache::open(dir.path(), 1).unwrap();
        assert!(t.elapsed() < BUSY_TIMEOUT, "no wait for the writer");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.entries().unwrap().len(), 1, "the last commit is read");
        let e = c.put(&[(k("/r/b.txt"), sample_entry())]).unwrap_err();
        assert!(matches!(&e, CacheError::Sqlite(s) if is_busy(s)), "{e}");
        other.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn a_failed_write_is_said_once_and_not_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        // A database that may not grow: what a full disk does to it.
        let pages: i64 = c
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        c.conn.pragma_update(None, "max_page_count", pages).unwrap();
        let mut big = sample_entry();
        big.notes = vec!["x".repeat(64 << 10)];
        let w = c.store(&[(k("/r/a.txt"), big.clone())]).expect("a warning");
        assert!(w.message.contains("the disk is full"), "{}", w.message);
        assert!(c.store(&[(k("/r/b.txt"), big)]).is_none(), "said once");
        assert!(c.store(&[(k("/r/c.txt"), sample_entry())]).is_none());
        assert!(c.entries().unwrap().is_empty(), "nothing written after");
    }

    #[test]
    fn remove_forgets_paths() {
        let dir = tempfile::tempdir().unwrap();
        let (mut c, _) = Cache::open(dir.path(), 1).unwrap();
        c.put(&[(k("/a"), sample_entry()), (k("/b"), sample_entry())])
            .unwrap();
        c.remove(&[k("/a")]).unwrap();
        let all = c.entries().unwrap();
        assert_eq!(all.len(), 1);
        assert!(all.contains_key(&k("/b")));
    }
}
