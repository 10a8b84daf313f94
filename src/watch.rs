//! The opened folders, watched while lede runs: report files that appear,
//! change or go are reported as [`Event`]s on a channel, a burst at a time.
//!
//! A thread of its own does everything: [`Watcher::start`] and
//! [`Watcher::rescan`] return at once, and the caller takes events with
//! [`Watcher::try_recv`] when it likes. The system's notifications
//! (inotify, FSEvents, kqueue, through the `notify` crate) say which paths
//! to look at; where they cannot be had (no support, too many folders for
//! the system's limit, a notification queue that overflowed) the folders
//! are rescanned on a timer instead, and an [`Event::Mode`] says so.
//!
//! What counts as a report file is what the load reads
//! ([`crate::corpus::load::walk`]): regular files, hidden ones skipped.
//! lede's own files are skipped too: the folders in [`Options::ignore`]
//! (the cache, the state...), and the temporary files of its atomic
//! writes. A burst (an unpacked archive, a sync) becomes one event once
//! the folders have been quiet for [`Options::settle`], or at most every
//! [`Options::max_delay`] while it goes on.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use notify::{RecursiveMode, Watcher as _};

use crate::corpus::Warning;
use crate::corpus::load::walk;

/// What the watcher tells its caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Report files that appeared, changed or went, since the last event.
    Changes(Changes),
    /// How the folders are watched now. The first event, sent once the
    /// baseline is taken: changes from then on are reported.
    Mode(Mode),
    /// A problem worth telling the user (a folder that cannot be read).
    Warning(Warning),
}

/// One burst of changes, each path once, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<PathBuf>,
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The system says what changed.
    Notify,
    /// The folders are rescanned every so often, and why.
    Polling(String),
}

#[derive(Clone, Debug)]
pub struct Options {
    /// Folders whose files are never reported (lede's own).
    pub ignore: Vec<PathBuf>,
    /// Quiet time that ends a burst.
    pub settle: Duration,
    /// Longest a burst is held before what it has so far is reported.
    pub max_delay: Duration,
    /// Time between rescans when polling (at least ten times what the last
    /// rescan took, so a huge archive is not rescanned without a pause).
    pub poll_every: Duration,
    /// Poll even where notifications work.
    pub force_polling: bool,
}

impl Default for Options {
    /// lede's own folders ignored (see [`crate::store`]); bursts settle in
    /// 200 ms; a rescan every 5 s when polling.
    fn default() -> Options {
        let ignore = [
            crate::store::cache_dir(),
            crate::store::state_dir(),
            crate::store::config_dir(),
            crate::store::data_dir(),
        ]
        .into_iter()
        .flatten()
        .collect();
        Options {
            ignore,
            settle: Duration::from_millis(200),
            max_delay: Duration::from_secs(1),
            poll_every: Duration::from_secs(5),
            force_polling: false,
        }
    }
}

/// What the watcher thread is told.
enum Input {
    Fs(notify::Result<notify::Event>),
    Rescan,
    Stop,
}

/// Watches folders until dropped.
pub struct Watcher {
    input: Sender<Input>,
    events: Receiver<Event>,
}

impl Watcher {
    /// Starts watching `roots` (folders and files, as the user named them).
    /// What is there now is the baseline: only what changes after is
    /// reported. Start it before the load's walk, so nothing created
    /// between the two is missed (a file the load found that the watcher
    /// also reports as added is to be taken as a change).
    pub fn start(roots: Vec<PathBuf>, options: Options) -> Watcher {
        let (input, inputs) = mpsc::channel();
        let (events_tx, events) = mpsc::channel();
        let to_self = input.clone();
        std::thread::Builder::new()
            .name("lede-watch".into())
            .spawn(move || {
                let mut w = Worker {
                    roots,
                    options,
                    known: HashMap::new(),
                    events: events_tx,
                };
                w.run(inputs, to_self);
            })
            .expect("a thread");
        Watcher { input, events }
    }

    /// The next event, if one is waiting.
    pub fn try_recv(&self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// The channel itself, to wait on (`recv_timeout`) where waiting is
    /// allowed.
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// Looks at every file again now (the `r` key), whatever the
    /// notifications said.
    pub fn rescan(&self) {
        let _ = self.input.send(Input::Rescan);
    }
}

impl Drop for Watcher {
    /// Tells the thread to stop; does not wait for it (it may be in the
    /// middle of a rescan).
    fn drop(&mut self) {
        let _ = self.input.send(Input::Stop);
    }
}

/// What is known of a file: enough to tell that it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }
}

struct Worker {
    roots: Vec<PathBuf>,
    options: Options,
    /// Every report file seen, as the last look found it.
    known: HashMap<PathBuf, Stamp>,
    events: Sender<Event>,
}

impl Worker {
    fn run(&mut self, inputs: Receiver<Input>, to_self: Sender<Input>) {
        // Notifications first, then the baseline: a file created during the
        // walk is seen by one or the other.
        let (watcher, mut polling) = self.watch(to_self);
        self.known = self.scan_all();
        // The first event: watching has begun, from this baseline on.
        self.send(Event::Mode(match &polling {
            None => Mode::Notify,
            Some(why) => Mode::Polling(why.clone()),
        }));
        let mut dirty: HashSet<PathBuf> = HashSet::new();
        let mut rescan = false;
        let mut first_dirty: Option<Instant> = None;
        let mut next_poll = Instant::now() + self.options.poll_every;
        loop {
            let now = Instant::now();
            let wait = if first_dirty.is_some() {
                self.options.settle
            } else if polling.is_some() {
                next_poll.saturating_duration_since(now)
            } else {
                Duration::from_secs(3600)
            };
            match inputs.recv_timeout(wait) {
                Ok(Input::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(Input::Rescan) => {
                    rescan = true;
                    first_dirty.get_or_insert(now);
                }
                Ok(Input::Fs(Ok(event))) => {
                    if event.need_rescan() {
                        rescan = true;
                    }
                    if !matches!(event.kind, notify::EventKind::Access(_)) || is_close_write(&event)
                    {
                        dirty.extend(event.paths);
                    }
                    if rescan || !dirty.is_empty() {
                        first_dirty.get_or_insert(now);
                    }
                    // A burst goes on: report what it has so far now and then.
                    let held = first_dirty.is_some_and(|t| now - t < self.options.max_delay);
                    if held {
                        continue;
                    }
                }
                Ok(Input::Fs(Err(e))) => {
                    // The notifications broke down (a queue overflow, a
                    // watch lost): look at everything, then poll.
                    rescan = true;
                    first_dirty.get_or_insert(now);
                    if polling.is_none() {
                        let why = format!("notifications failed ({e})");
                        polling = Some(why.clone());
                        self.send(Event::Mode(Mode::Polling(why)));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if first_dirty.is_none() && polling.is_some() {
                        rescan = true;
                    }
                }
            }
            if first_dirty.is_none() && !rescan {
                continue;
            }
            let started = Instant::now();
            let changes = if rescan {
                let now_known = self.scan_all();
                diff(&mut self.known, now_known, |_| true)
            } else {
                self.look_at(std::mem::take(&mut dirty))
            };
            dirty.clear();
            if !changes.is_empty() {
                self.send(Event::Changes(changes));
            }
            if rescan && polling.is_some() {
                let pause = self.options.poll_every.max(started.elapsed() * 10);
                next_poll = Instant::now() + pause;
            }
            rescan = false;
            first_dirty = None;
        }
        drop(watcher);
    }

    fn send(&self, event: Event) {
        let _ = self.events.send(event);
    }

    /// The system's watches on every root, or why there are none.
    fn watch(
        &self,
        to_self: Sender<Input>,
    ) -> (Option<notify::RecommendedWatcher>, Option<String>) {
        if self.options.force_polling {
            return (None, Some("asked to poll".into()));
        }
        let handler = move |e: notify::Result<notify::Event>| {
            let _ = to_self.send(Input::Fs(e));
        };
        let mut watcher = match notify::recommended_watcher(handler) {
            Ok(w) => w,
            Err(e) => return (None, Some(format!("no notifications here ({e})"))),
        };
        for root in &self.roots {
            // A file is watched through its folder: editors replace files
            // by renaming a new one over them.
            let (target, mode) = if root.is_dir() {
                (root.as_path(), RecursiveMode::Recursive)
            } else {
                let parent = root.parent().filter(|p| !p.as_os_str().is_empty());
                (
                    parent.unwrap_or(Path::new(".")),
                    RecursiveMode::NonRecursive,
                )
            };
            if let Err(e) = watcher.watch(target, mode) {
                return (
                    None,
                    Some(format!("cannot watch {} ({e})", target.display())),
                );
            }
        }
        (Some(watcher), None)
    }

    /// Every report file under the roots now.
    fn scan_all(&self) -> HashMap<PathBuf, Stamp> {
        let mut found = HashMap::new();
        walk(
            &self.roots,
            &mut |path, meta| {
                if !self.ignored(&path) {
                    found.insert(path, Stamp::of(meta));
                }
                true
            },
            // The load reports what it cannot read; a watcher repeating it
            // at every rescan would only be noise.
            &mut |_| {},
        );
        found
    }

    /// The changes among the paths the system named (and under those that
    /// are folders: a folder moved in brings its files).
    fn look_at(&mut self, dirty: HashSet<PathBuf>) -> Changes {
        let mut changes = Changes::default();
        for path in dirty {
            if !self.under_a_root(&path) || self.ignored(&path) {
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    let mut now_known = HashMap::new();
                    walk(
                        std::slice::from_ref(&path),
                        &mut |p, m| {
                            if !self.ignored(&p) {
                                now_known.insert(p, Stamp::of(m));
                            }
                            true
                        },
                        &mut |_| {},
                    );
                    let part = diff(&mut self.known, now_known, |p| p.starts_with(&path));
                    merge(&mut changes, part);
                }
                Ok(meta) if meta.is_file() => {
                    let stamp = Stamp::of(&meta);
                    match self.known.insert(path.clone(), stamp) {
                        None => changes.added.push(path),
                        Some(old) if old != stamp => changes.changed.push(path),
                        Some(_) => {}
                    }
                }
                // Gone (or become a FIFO, a socket: not a report file).
                _ => {
                    if self.known.remove(&path).is_some() {
                        changes.removed.push(path.clone());
                    }
                    // A folder that went takes its files with it.
                    let under: Vec<PathBuf> = self
                        .known
                        .keys()
                        .filter(|k| k.starts_with(&path) && **k != path)
                        .cloned()
                        .collect();
                    for k in under {
                        self.known.remove(&k);
                        changes.removed.push(k);
                    }
                }
            }
        }
        sort_dedup(&mut changes);
        changes
    }

    /// Whether `path` is one of the roots or under one (a file root's
    /// folder is watched, not its other files).
    fn under_a_root(&self, path: &Path) -> bool {
        self.roots.iter().any(|r| {
            if r.is_dir() || !r.exists() {
                path.starts_with(r)
            } else {
                path == r
            }
        })
    }

    /// lede's own files, and hidden files or folders below a root.
    fn ignored(&self, path: &Path) -> bool {
        if self.options.ignore.iter().any(|d| path.starts_with(d)) {
            return true;
        }
        if is_lede_temporary(path) {
            return true;
        }
        let Some(root) = self.roots.iter().find(|r| path.starts_with(r)) else {
            return false;
        };
        path.strip_prefix(root)
            .map(|rel| {
                rel.components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
            .unwrap_or(false)
    }
}

/// The temporary file of [`crate::store::write_atomic`]: `name.tmp-PID`.
fn is_lede_temporary(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.rsplit_once(".tmp-")
        .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// A file closed after writing: the end of a write, worth a look.
fn is_close_write(event: &notify::Event) -> bool {
    matches!(
        event.kind,
        notify::EventKind::Access(notify::event::AccessKind::Close(
            notify::event::AccessMode::Write
        ))
    )
}

/// What changed between `known` and `now` among the paths `scope` covers;
/// `known` becomes `now` there.
fn diff(
    known: &mut HashMap<PathBuf, Stamp>,
    now: HashMap<PathBuf, Stamp>,
    scope: impl Fn(&Path) -> bool,
) -> Changes {
    let mut changes = Changes::default();
    let gone: Vec<PathBuf> = known
        .keys()
        .filter(|p| scope(p) && !now.contains_key(*p))
        .cloned()
        .collect();
    for p in gone {
        known.remove(&p);
        changes.removed.push(p);
    }
    for (p, stamp) in now {
        match known.insert(p.clone(), stamp) {
            None => changes.added.push(p),
            Some(old) if old != stamp => changes.changed.push(p),
            Some(_) => {}
        }
    }
    sort_dedup(&mut changes);
    changes
}

fn merge(into: &mut Changes, from: Changes) {
    into.added.extend(from.added);
    into.changed.extend(from.changed);
    into.removed.extend(from.removed);
}

fn sort_dedup(c: &mut Changes) {
    for v in [&mut c.added, &mut c.changed, &mut c.removed] {
        v.sort();
        v.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lede_temporaries_are_known_by_name() {
        assert!(is_lede_temporary(Path::new("/x/read-marks.tmp-1234")));
        assert!(!is_lede_temporary(Path::new("/x/report.tmp-notes.txt")));
        assert!(!is_lede_temporary(Path::new("/x/report.txt")));
    }

    #[test]
    fn a_diff_within_a_scope_leaves_the_rest_alone() {
        let stamp = |len| Stamp {
            len,
            modified: None,
            inode: 1,
        };
        let mut known: HashMap<PathBuf, Stamp> = [
            (PathBuf::from("/a/1"), stamp(1)),
            (PathBuf::from("/a/2"), stamp(2)),
            (PathBuf::from("/b/3"), stamp(3)),
        ]
        .into();
        let now = [
            (PathBuf::from("/a/1"), stamp(9)),
            (PathBuf::from("/a/4"), stamp(4)),
        ]
        .into();
        let c = diff(&mut known, now, |p| p.starts_with("/a"));
        assert_eq!(c.added, [PathBuf::from("/a/4")]);
        assert_eq!(c.changed, [PathBuf::from("/a/1")]);
        assert_eq!(c.removed, [PathBuf::from("/a/2")]);
        assert!(known.contains_key(Path::new("/b/3")));
    }
}
