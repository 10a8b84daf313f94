//! Read marks and stars, remembered between runs.
//!
//! A mark is the fingerprint of an article's cleaned body (the cache's
//! content hash), not its path: a report keeps its mark when its folder is
//! moved or opened by another path, and a report whose text changed is
//! new again. The file is a header line then one fingerprint per line in
//! hex (a star: `*` and the fingerprint), replaced whole through
//! [`crate::store::write_atomic`]; one that is not ours or not whole is
//! set aside with a warning and lede starts over. A file without stars
//! keeps the first version's header, so an older lede still reads it.
//!
//! Two readers may share the state folder. Each save therefore merges:
//! under a lock file, the file is read again, this run's changes since
//! its last save (marks and un-marks, stars and un-stars) are applied to
//! what is there, and the result replaces it. Marks and stars made in
//! either reader survive the other's saves.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::base::hash::FxHashSet;
use crate::corpus::Warning;

const HEADER: &str = "lede read-marks 1";
/// The header of a file that holds stars too.
const HEADER_STARS: &str = "lede read-marks 2";
const FILE_NAME: &str = "read-marks";
/// Beside it: held while a save reads, merges and replaces the file.
const LOCK_NAME: &str = "read-marks.lock";
/// How long a save waits for another reader's save (which takes
/// milliseconds) before trying again at the next one.
const LOCK_WAIT: Duration = Duration::from_millis(200);
/// Bigger than any honest marks file (that is ~17 bytes per article
/// read): anything larger is not ours, and is not read into memory.
const MAX_BYTES: u64 = 256 << 20;

/// The articles read, and those starred, by body fingerprint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadMarks {
    keys: FxHashSet<u64>,
    stars: FxHashSet<u64>,
    /// Bumped by every change, so a saver knows when there is news.
    generation: u64,
}

impl ReadMarks {
    pub fn contains(&self, key: u64) -> bool {
        self.keys.contains(&key)
    }

    /// Marks `key` read or unread; whether that changed anything.
    pub fn set(&mut self, key: u64, read: bool) -> bool {
        let changed = if read {
            self.keys.insert(key)
        } else {
            self.keys.remove(&key)
        };
        if changed {
            self.generation += 1;
        }
        changed
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_starred(&self, key: u64) -> bool {
        self.stars.contains(&key)
    }

    /// Stars or unstars `key`; whether that changed anything.
    pub fn set_star(&mut self, key: u64, starred: bool) -> bool {
        let changed = if starred {
            self.stars.insert(key)
        } else {
            self.stars.remove(&key)
        };
        if changed {
            self.generation += 1;
        }
        changed
    }

    /// How many are starred.
    pub fn stars(&self) -> usize {
        self.stars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The file's bytes; sorted, so equal marks make equal files.
    pub fn encode(&self) -> Vec<u8> {
        let mut keys: Vec<u64> = self.keys.iter().copied().collect();
        keys.sort_unstable();
        let mut stars: Vec<u64> = self.stars.iter().copied().collect();
        stars.sort_unstable();
        let mut out = String::with_capacity(HEADER.len() + 1 + (keys.len() + stars.len()) * 18);
        out.push_str(if stars.is_empty() {
            HEADER
        } else {
            HEADER_STARS
        });
        out.push('\n');
        for k in keys {
            out.push_str(&format!("{k:016x}\n"));
        }
        for k in stars {
            out.push_str(&format!("*{k:016x}\n"));
        }
        out.into_bytes()
    }

    /// Reads what [`ReadMarks::encode`] wrote; `Err` says what is wrong.
    pub fn decode(bytes: &[u8]) -> Result<ReadMarks, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "not text".to_string())?;
        let mut lines = text.lines();
        let with_stars = match lines.next() {
            Some(HEADER) => false,
            Some(HEADER_STARS) => true,
            _ => return Err("not a lede read-marks file".into()),
        };
        let mut keys = FxHashSet::default();
        let mut stars = FxHashSet::default();
        for (n, line) in lines.enumerate() {
            let (set, hex) = match line.strip_prefix('*') {
                Some(hex) if with_stars => (&mut stars, hex),
                _ => (&mut keys, line),
            };
            let valid = hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            let key = u64::from_str_radix(hex, 16)
                .ok()
                .filter(|_| valid)
                .ok_or_else(|| format!("line {} is not a mark", n + 2))?;
            set.insert(key);
        }
        Ok(ReadMarks {
            keys,
            stars,
            generation: 0,
        })
    }
}

/// Where read marks are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarksFile {
    path: PathBuf,
}

/// What [`MarksFile::load`] found.
#[derive(Debug)]
pub struct Restored {
    pub marks: ReadMarks,
    /// Where to save them; `None` when saving could destroy marks that
    /// could not be read (the file is there but could not be opened or
    /// moved aside).
    pub save_to: Option<MarksFile>,
    pub warnings: Vec<Warning>,
}

impl MarksFile {
    pub fn in_dir(dir: &Path) -> MarksFile {
        MarksFile {
            path: dir.join(FILE_NAME),
        }
    }

    /// In [`crate::store::state_dir`].
    pub fn default_location() -> Option<MarksFile> {
        crate::store::state_dir().map(|d| MarksFile::in_dir(&d))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The marks saved last time: none when there is no file yet; a file
    /// that is damaged or not ours is set aside and lede starts afresh,
    /// with a warning either way.
    pub fn load(self) -> Restored {
        let bytes = match read_limited(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Restored {
                    marks: ReadMarks::default(),
                    save_to: Some(self),
                    warnings: Vec::new(),
                };
            }
            Err(e) => {
                let warning = Warning::new(
                    &self.path,
                    format!("read marks not loaded ({e}); they will not be saved this time"),
                );
                return Restored {
                    marks: ReadMarks::default(),
                    save_to: None,
                    warnings: vec![warning],
                };
            }
        };
        match ReadMarks::decode(&bytes) {
            Ok(marks) => Restored {
                marks,
                save_to: Some(self),
                warnings: Vec::new(),
            },
            Err(why) => match crate::store::set_aside(&self.path) {
                Ok(aside) => Restored {
                    marks: ReadMarks::default(),
                    warnings: vec![Warning::new(
                        &self.path,
                        format!(
                            "read marks unreadable ({why}); set aside as {}, starting afresh",
                            aside.display()
                        ),
                    )],
                    save_to: Some(self),
                },
                Err(e) => Restored {
                    marks: ReadMarks::default(),
                    warnings: vec![Warning::new(
                        &self.path,
                        format!(
                            "read marks unreadable ({why}) and cannot be set aside ({e}); \
                             they will not be saved this time"
                        ),
                    )],
                    save_to: None,
                },
            },
        }
    }

    /// Replaces the file with `marks`, whatever it holds.
    pub fn save(&self, marks: &ReadMarks) -> io::Result<()> {
        crate::store::write_atomic(&self.path, &marks.encode())
    }

    /// Saves the changes from `base` to `marks` (marks and stars added,
    /// taken away) into what the file holds now, which another reader
    /// may have saved to since: read again, merged and replaced under the
    /// lock. A file that is no longer ours is set aside first, as at
    /// start.
    pub fn merge(&self, base: &ReadMarks, marks: &ReadMarks) -> io::Result<()> {
        let lock = self.path.with_file_name(LOCK_NAME);
        let _held = crate::store::lock(&lock, LOCK_WAIT)?;
        let mut merged = match read_limited(&self.path) {
            Ok(bytes) => match ReadMarks::decode(&bytes) {
                Ok(m) => m,
                Err(_) => {
                    crate::store::set_aside(&self.path)?;
                    ReadMarks::default()
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => ReadMarks::default(),
            Err(e) => return Err(e),
        };
        apply_changes(&mut merged.keys, &base.keys, &marks.keys);
        apply_changes(&mut merged.stars, &base.stars, &marks.stars);
        crate::store::write_atomic(&self.path, &merged.encode())
    }
}

/// Applies to `to` what was added to and taken from `base` to make `now`.
fn apply_changes(to: &mut FxHashSet<u64>, base: &FxHashSet<u64>, now: &FxHashSet<u64>) {
    to.extend(now.difference(base));
    for gone in base.difference(now) {
        to.remove(gone);
    }
}

/// Saves marks as they change, without getting in the way: at most every
/// [`Saver::EVERY`] while the user is busy, and once more at the end.
#[derive(Debug)]
pub struct Saver {
    file: MarksFile,
    /// The marks (and stars) last saved (or loaded): what changed since
    /// is what the next save merges into the file.
    base: ReadMarks,
    /// Their generation.
    saved: u64,
    last: Option<std::time::Instant>,
    /// The last save failed: say so once, not on every try.
    failing: bool,
}

impl Saver {
    pub const EVERY: std::time::Duration = std::time::Duration::from_secs(5);

    /// For `marks` as they came from `file` (or new).
    pub fn new(file: MarksFile, marks: &ReadMarks) -> Saver {
        Saver {
            file,
            base: marks.clone(),
            saved: marks.generation(),
            last: None,
            failing: false,
        }
    }

    /// Saves if the marks changed and the last save is long enough ago.
    /// `Err` (once per run of failures) says why it could not.
    pub fn tick(&mut self, marks: &ReadMarks, now: std::time::Instant) -> Result<(), Warning> {
        if self
            .last
            .is_some_and(|t| now.duration_since(t) < Self::EVERY)
        {
            return Ok(());
        }
        self.flush(marks, now)
    }

    /// Saves now if the marks changed.
    pub fn flush(&mut self, marks: &ReadMarks, now: std::time::Instant) -> Result<(), Warning> {
        if marks.generation() == self.saved {
            return Ok(());
        }
        self.last = Some(now);
        match self.file.merge(&self.base, marks) {
            Ok(()) => {
                self.base.clone_from(marks);
                self.saved = marks.generation();
                self.failing = false;
                Ok(())
            }
            Err(e) if !self.failing => {
                self.failing = true;
                Err(Warning::new(
                    &self.file.path,
                    format!("cannot save read marks: {e}"),
                ))
            }
            Err(_) => Ok(()),
        }
    }
}

fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    // A FIFO planted here must not block the start.
    let file = crate::base::files::nonblocking().read(true).open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        // Decoding says "not ours" without looking at all of it.
        bytes.truncate(0);
        bytes.extend_from_slice(b"too big");
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_survive_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut marks = ReadMarks::default();
        assert!(marks.set(7, true));
        assert!(marks.set(u64::MAX, true));
        assert!(!marks.set(7, true), "already read");
        assert_eq!(marks.generation(), 2);
        MarksFile::in_dir(dir.path()).save(&marks).unwrap();
        let back = MarksFile::in_dir(dir.path()).load();
        assert!(back.warnings.is_empty());
        assert!(back.save_to.is_some());
        assert!(back.marks.contains(7) && back.marks.contains(u64::MAX));
        assert!(!back.marks.contains(8));
        assert_eq!(back.marks.len(), 2);
    }

    #[test]
    fn stars_are_kept_beside_the_marks_and_a_file_without_is_version_one() {
        let mut marks = ReadMarks::default();
        marks.set(1, true);
        assert!(marks.encode().starts_with(b"lede read-marks 1\n"));
        assert!(marks.set_star(1, true));
        assert!(marks.set_star(9, true));
        assert!(!marks.set_star(9, true));
        let bytes = marks.encode();
        assert!(bytes.starts_with(b"lede read-marks 2\n"));
        let back = ReadMarks::decode(&bytes).unwrap();
        assert!(back.is_starred(1) && back.is_starred(9) && !back.is_starred(2));
        assert_eq!((back.len(), back.stars()), (1, 2));
        assert!(marks.set_star(9, false) && marks.set_star(1, false));
        assert!(marks.encode().starts_with(b"lede read-marks 1\n"));
        // A star in a first-version file is not ours.
        assert!(ReadMarks::decode(b"lede read-marks 1\n*0000000000000001\n").is_err());
        assert!(ReadMarks::decode(b"lede read-marks 2\n*00000000000001\n").is_err());
    }

    #[test]
    fn unmarking_forgets() {
        let mut marks = ReadMarks::default();
        marks.set(1, true);
        assert!(marks.set(1, false));
        assert!(!marks.contains(1));
        assert!(!marks.set(1, false));
        assert_eq!(ReadMarks::decode(&marks.encode()).unwrap().len(), 0);
    }

    #[test]
    fn no_file_is_no_marks_and_no_warning() {
        let dir = tempfile::tempdir().unwrap();
        let r = MarksFile::in_dir(&dir.path().join("not-yet")).load();
        assert!(r.marks.is_empty() && r.warnings.is_empty() && r.save_to.is_some());
    }

    #[test]
    fn damaged_or_foreign_files_are_set_aside_with_a_warning() {
        for bytes in [
            &b"lede read-marks 1\n00000000000000zz\n"[..],
            b"lede read-marks 1\n0123\n",
            b"[settings]\ntheme = dark\n",
            b"\xff\xfe\x00binary",
            b"",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let file = MarksFile::in_dir(dir.path());
            std::fs::write(file.path(), bytes).unwrap();
            let r = file.clone().load();
            assert!(r.marks.is_empty());
            assert_eq!(r.warnings.len(), 1, "{bytes:?}");
            let w = &r.warnings[0];
            assert_eq!(w.path, file.path());
            assert!(w.message.contains("set aside"), "{}", w.message);
            // The old bytes are kept aside; saving starts a fresh file.
            assert!(!file.path().exists());
            let aside: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert_eq!(aside.len(), 1);
            assert_eq!(std::fs::read(&aside[0]).unwrap(), bytes);
            r.save_to.unwrap().save(&ReadMarks::default()).unwrap();
            assert!(file.path().exists());
        }
    }

    #[test]
    fn the_saver_writes_changes_at_most_every_few_seconds_and_flushes_at_the_end() {
        use std::time::{Duration, Instant};
        let dir = tempfile::tempdir().unwrap();
        let file = MarksFile::in_dir(dir.path());
        let mut marks = ReadMarks::default();
        let mut saver = Saver::new(file.clone(), &marks);
        let t0 = Instant::now();
        saver.tick(&marks, t0).unwrap();
        assert!(!file.path().exists(), "nothing changed, nothing written");
        marks.set(1, true);
        saver.tick(&marks, t0).unwrap();
        assert_eq!(file.clone().load().marks.len(), 1);
        marks.set(2, true);
        saver.tick(&marks, t0 + Duration::from_secs(1)).unwrap();
        assert_eq!(file.clone().load().marks.len(), 1, "too soon");
        saver.tick(&marks, t0 + Saver::EVERY).unwrap();
        assert_eq!(file.clone().load().marks.len(), 2);
        marks.set(3, true);
        saver.flush(&marks, t0 + Saver::EVERY).unwrap();
        assert_eq!(file.load().marks.len(), 3);
    }

    #[test]
    fn a_failing_save_is_reported_once() {
        use std::time::Instant;
        let dir = tempfile::tempdir().unwrap();
        // The state folder is a file: nothing can be written under it.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, b"").unwrap();
        let mut marks = ReadMarks::default();
        let mut saver = Saver::new(MarksFile::in_dir(&blocked), &marks);
        marks.set(1, true);
        let w = saver.flush(&marks, Instant::now()).unwrap_err();
        assert!(
            w.message.contains("cannot save read marks"),
            "{}",
            w.message
        );
        marks.set(2, true);
        assert!(saver.flush(&marks, Instant::now()).is_ok(), "said once");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_for_a_marks_file_does_not_block_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = MarksFile::in_dir(dir.path());
        let made = std::process::Command::new("mkfifo")
            .arg(file.path())
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(file.load());
        });
        let r = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("loading returns");
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].message.contains("not a regular file"));
        assert!(r.save_to.is_none(), "nothing is saved over it");
    }

    #[test]
    fn a_marks_path_that_is_a_folder_is_not_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = MarksFile::in_dir(dir.path());
        std::fs::create_dir(file.path()).unwrap();
        let r = file.load();
        assert_eq!(r.warnings.len(), 1);
        assert!(r.save_to.is_none(), "{}", r.warnings[0].message);
    }
}
