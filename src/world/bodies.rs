//! Reading a body back from its file when the reader shows it, always on
//! a worker: a file can be slow, huge, or no longer a file at all, and
//! the UI thread never waits on one.
//!
//! Reads go through a small pool ([`READERS`] threads): a new read
//! supersedes the ones still waiting (dropped) and under way (told to
//! stop), since the reader only ever waits for the article it shows now;
//! so quick opens never pile up threads or memory. A record of a JSON
//! Lines file (a scraper's export of a million lines) is read alone: the
//! file's line offsets are found once (shared by every read of it, kept
//! for a few recent files) and only the record's line is read and parsed
//! after that.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::SystemTime;

use crate::app::{Action, BodyAt, ReadBody};
use crate::base::hash::hash_bytes;
use crate::corpus::formats::{Format, detect, json_lines_record};
use crate::corpus::load::{decode, parse_file, read_bytes, read_range};

/// Reads under way at once, at most.
pub const READERS: usize = 2;
/// Line indexes of this many files are kept.
const INDEXES: usize = 4;
/// What is read of a file to tell its format.
const HEAD_BYTES: u64 = 64 << 10;

/// The pool of body readers. Answers come back as [`Action::BodyRead`]
/// through [`BodyReader::try_answer`].
pub struct BodyReader {
    pool: Arc<Pool>,
    answers: Receiver<Action>,
}

struct Pool {
    state: Mutex<State>,
    ready: Condvar,
    indexes: LineIndexes,
    answers: Mutex<Sender<Action>>,
}

#[derive(Default)]
struct State {
    waiting: VecDeque<(usize, BodyAt, Arc<AtomicBool>)>,
    /// Stop flags of the reads under way.
    running: Vec<Arc<AtomicBool>>,
    threads: usize,
    stop: bool,
}

impl Default for BodyReader {
    fn default() -> Self {
        BodyReader::new()
    }
}

impl BodyReader {
    pub fn new() -> BodyReader {
        let (tx, answers) = channel();
        BodyReader {
            pool: Arc::new(Pool {
                state: Mutex::new(State::default()),
                ready: Condvar::new(),
                indexes: LineIndexes::default(),
                answers: Mutex::new(tx),
            }),
            answers,
        }
    }

    /// Reads the body of article `article`, `at` where it is, on a
    /// worker; every read asked for before and not answered yet is given
    /// up.
    pub fn read(&self, article: usize, at: BodyAt) {
        let mut st = self.pool.state.lock().expect("body readers");
        st.waiting.clear();
        for cancel in &st.running {
            cancel.store(true, Ordering::Relaxed);
        }
        st.waiting
            .push_back((article, at, Arc::new(AtomicBool::new(false))));
        if st.threads < READERS && st.threads <= st.running.len() {
            st.threads += 1;
            let pool = Arc::clone(&self.pool);
            std::thread::Builder::new()
                .name("lede-body".into())
                .spawn(move || pool.serve())
                .expect("spawn a body reader");
        }
        self.pool.ready.notify_one();
    }

    /// An answer, if one is ready.
    pub fn try_answer(&self) -> Option<Action> {
        self.answers.try_recv().ok()
    }

    /// Reads waiting or under way.
    pub fn busy(&self) -> usize {
        let st = self.pool.state.lock().expect("body readers");
        st.waiting.len() + st.running.len()
    }
}

impl Drop for BodyReader {
    fn drop(&mut self) {
        let mut st = self.pool.state.lock().expect("body readers");
        st.stop = true;
        st.waiting.clear();
        for cancel in &st.running {
            cancel.store(true, Ordering::Relaxed);
        }
        self.pool.ready.notify_all();
    }
}

impl Pool {
    fn serve(&self) {
        loop {
            let (article, at, cancel) = {
                let mut st = self.state.lock().expect("body readers");
                loop {
                    if st.stop {
                        st.threads -= 1;
                        return;
                    }
                    if let Some(next) = st.waiting.pop_front() {
                        st.running.push(Arc::clone(&next.2));
                        break next;
                    }
                    st = self.ready.wait(st).expect("body readers");
                }
            };
            let result = read_body_with(&at, &self.indexes, &cancel);
            {
                let mut st = self.state.lock().expect("body readers");
                st.running.retain(|c| !Arc::ptr_eq(c, &cancel));
            }
            if !cancel.load(Ordering::Relaxed) {
                let answer = Action::BodyRead { article, result };
                let _ = self.answers.lock().expect("answers").send(answer);
            }
        }
    }
}

/// Reads the body `at` names on this thread (the tests' and benchmarks'
/// way, without the pool): an error names the problem (the file
/// vanished, became unreadable, or no longer has that article).
pub fn read_body(at: &BodyAt) -> Result<ReadBody, String> {
    read_body_with(at, &LineIndexes::default(), &AtomicBool::new(false))
}

fn read_body_with(
    at: &BodyAt,
    indexes: &LineIndexes,
    cancel: &AtomicBool,
) -> Result<ReadBody, String> {
    let (path, id, index, len, hash) = match at {
        BodyAt::Held(body) => {
            return Ok(ReadBody {
                body: body.clone(),
                changed: false,
            });
        }
        BodyAt::File {
            path,
            id,
            index,
            len,
            hash,
        } => (path, id, *index, *len, *hash),
    };
    let body = match record_line(id) {
        Some(line) => match read_record(path, id, line, indexes, cancel) {
            Some(Ok(body)) => body,
            Some(Err(why)) => return Err(why),
            // Given up: no one waits for it, the whole file is not parsed.
            None if cancel.load(Ordering::Relaxed) => return Err("superseded".into()),
            None => whole_file(path, index)?,
        },
        None => whole_file(path, index)?,
    };
    let changed = body.len() as u64 != len || hash_bytes(body.as_bytes()) != hash;
    Ok(ReadBody {
        body: body.into(),
        changed,
    })
}

/// The file at `path` parsed whole, for its article `index`.
fn whole_file(path: &Path, index: u32) -> Result<String, String> {
    let parsed = parse_file(path);
    let Some(a) = parsed.articles.into_iter().nth(index as usize) else {
        let why = parsed
            .warnings
            .first()
            .map(|w| w.message.clone())
            .unwrap_or_else(|| "the article is no longer in the file".into());
        return Err(why);
    };
    Ok(a.body)
}

/// The line an id of a JSON Lines record names (`stem#12`: line 12).
fn record_line(id: &str) -> Option<usize> {
    let (_, n) = id.rsplit_once('#')?;
    n.parse().ok().filter(|&n| n > 0)
}

/// The body of the record on line `line` of the file at `path`, read
/// alone: `None` when the file is not JSON Lines (or is UTF-16, or the
/// line is no record), for the whole file to be parsed instead.
fn read_record(
    path: &Path,
    id: &str,
    line: usize,
    indexes: &LineIndexes,
    cancel: &AtomicBool,
) -> Option<Result<String, String>> {
    let (head, meta) = match read_range(path, 0, HEAD_BYTES) {
        Ok(h) => h,
        Err(why) => return Some(Err(why)),
    };
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // As the whole file's parse sees it: every line ending one `\n`.
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    if detect(path, &normalized) != Format::JsonLines {
        return None;
    }
    let stamp = Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    };
    let index = indexes.get(path, stamp, cancel)?;
    let range = index.line(line)?;
    let (bytes, _) = match read_range(path, range.0, range.1 - range.0) {
        Ok(b) => b,
        Err(why) => return Some(Err(why)),
    };
    let Ok((text, _)) = decode(&bytes) else {
        return None;
    };
    let text = text.trim_end_matches(['\r', '\n']);
    json_lines_record(path, id.to_string(), text)
        .ok()
        .map(|a| Ok(a.body))
}

/// What a file's line index is good for: its size and modification time
/// when it was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// Where each line of a file starts, as the parse counts lines (`\r\n`,
/// `\r` and `\n` each end one).
#[derive(Debug)]
struct LineIndex {
    starts: Vec<u64>,
    len: u64,
}

impl LineIndex {
    fn of(bytes: &[u8]) -> LineIndex {
        let mut starts = vec![0u64];
        let mut i = 0;
        while let Some(k) = bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r') {
            let at = i + k;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next as u64);
            i = next;
        }
        LineIndex {
            starts,
            len: bytes.len() as u64,
        }
    }

    /// The byte range of 1-based line `n`, its ending included.
    fn line(&self, n: usize) -> Option<(u64, u64)> {
        let start = *self.starts.get(n - 1)?;
        let end = self.starts.get(n).copied().unwrap_or(self.len);
        (start < end).then_some((start, end))
    }
}

type Slot = Arc<OnceLock<Option<Arc<LineIndex>>>>;

/// The line indexes of recent files. A file's index is made once, by the
/// first read that needs it; a read of the same file meanwhile waits for
/// it rather than reading the file again.
#[derive(Default)]
struct LineIndexes {
    recent: Mutex<VecDeque<(PathBuf, Stamp, Slot)>>,
}

impl LineIndexes {
    fn get(&self, path: &Path, stamp: Stamp, cancel: &AtomicBool) -> Option<Arc<LineIndex>> {
        let slot = {
            let mut recent = self.recent.lock().expect("line indexes");
            let found = recent.iter().position(|(p, s, _)| p == path && *s == stamp);
            let slot = match found {
                Some(i) => recent.remove(i).expect("position is valid").2,
                None => Slot::default(),
            };
            recent.push_front((path.to_path_buf(), stamp, Arc::clone(&slot)));
            recent.truncate(INDEXES);
            slot
        };
        // A read given up leaves the index to the next read that wants
        // it: an index of `None` made for it would stay, and every later
        // read of the file would parse all of it.
        if cancel.load(Ordering::Relaxed) && slot.get().is_none() {
            return None;
        }
        slot.get_or_init(|| {
            read_bytes(path)
                .ok()
                .filter(|(_, meta)| meta.len() == stamp.len)
                .map(|(bytes, _)| Arc::new(LineIndex::of(&bytes)))
        })
        .clone()
    }
}

/// The body `at` names: held already, or read from its file as it is now.
pub fn body_at(at: &BodyAt) -> Result<Arc<str>, String> {
    read_body(at).map(|r| r.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(path: &Path, id: &str, index: u32, body: &str) -> BodyAt {
        BodyAt::File {
            path: path.to_path_buf(),
            id: id.into(),
            index,
            len: body.len() as u64,
            hash: hash_bytes(body.as_bytes()),
        }
    }

    #[test]
    fn read_body_checks_the_file_still_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "Some body text.").unwrap();
        let body = "Some body text.";
        let r = read_body(&job(&p, "a", 0, body)).unwrap();
        assert_eq!(&*r.body, body);
        assert!(!r.changed);
        std::fs::write(&p, "Another text now.").unwrap();
        assert!(read_body(&job(&p, "a", 0, body)).unwrap().changed);
        assert!(read_body(&job(&p, "a", 3, body)).is_err());
        std::fs::remove_file(&p).unwrap();
        let e = read_body(&job(&p, "a", 0, body)).unwrap_err();
        assert!(e.contains("no such file"), "{e}");
    }

    /// A record read alone is what the whole file's parse gives it, with
    /// every kind of line ending, a byte-order mark, blank and bad lines.
    #[test]
    fn a_json_lines_record_read_alone_is_the_whole_parse_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.jsonl");
        let text = "\u{feff}{\"title\": \"One\", \"body\": \"<p>Envoys met in <b>Cairo</b>.</p>\"}\r\n\
                    \n\
                    not json\n\
                    {\"title\": \"Three\", \"text\": \"Talks resumed.\"}\r\
                    [1, 2]\n\
                    {\"title\": \"Five\", \"body\": \"A last record, with no line ending.\"}";
        std::fs::write(&p, text).unwrap();
        let whole = crate::corpus::load::parse_file(&p);
        assert_eq!(whole.articles.len(), 3);
        let indexes = LineIndexes::default();
        let no = AtomicBool::new(false);
        for (i, a) in whole.articles.iter().enumerate() {
            let line = record_line(&a.id).expect("a line in the id");
            let alone = read_record(&p, &a.id, line, &indexes, &no);
            assert_eq!(alone, Some(Ok(a.body.clone())), "{}", a.id);
            let r = read_body(&job(&p, &a.id, i as u32, &a.body)).unwrap();
            assert!(!r.changed, "{}", a.id);
        }
        assert_eq!(indexes.recent.lock().unwrap().len(), 1, "one index");
        // A text file whose id has a # reads whole.
        let t = dir.path().join("x#2.txt");
        std::fs::write(&t, "Plain text here.").unwrap();
        assert_eq!(read_record(&t, "x#2", 2, &indexes, &no), None);
        assert_eq!(
            &*read_body(&job(&t, "x#2", 0, "Plain text here."))
                .unwrap()
                .body,
            "Plain text here."
        );
    }

    /// A read given up before the file's line index was made does not
    /// leave it unmade for good: the next read makes it.
    #[test]
    fn a_read_given_up_leaves_the_line_index_to_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.jsonl");
        std::fs::write(&p, "{\"title\": \"One\", \"body\": \"Envoys met.\"}\n").unwrap();
        let meta = std::fs::metadata(&p).unwrap();
        let stamp = Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        };
        let indexes = LineIndexes::default();
        assert!(indexes.get(&p, stamp, &AtomicBool::new(true)).is_none());
        let index = indexes.get(&p, stamp, &AtomicBool::new(false));
        assert_eq!(index.and_then(|i| i.line(1)), Some((0, meta.len())));
    }

    #[test]
    fn a_new_read_supersedes_the_ones_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut bodies = Vec::new();
        for i in 0..20 {
            let p = dir.path().join(format!("r{i}.txt"));
            let body = format!("Report number {i}.");
            std::fs::write(&p, &body).unwrap();
            bodies.push((p, body));
        }
        let reader = BodyReader::new();
        for (i, (p, body)) in bodies.iter().enumerate() {
            reader.read(i, job(p, &format!("r{i}"), 0, body));
            assert!(reader.busy() <= READERS + 1, "bounded");
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut answered = Vec::new();
        while reader.busy() > 0 || answered.is_empty() {
            assert!(std::time::Instant::now() < deadline, "answered");
            while let Some(Action::BodyRead { article, result }) = reader.try_answer() {
                assert!(result.is_ok());
                answered.push(article);
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        while let Some(Action::BodyRead { article, .. }) = reader.try_answer() {
            answered.push(article);
        }
        assert_eq!(answered.last(), Some(&19), "the last asked is answered");
    }
}
