//! Finding and reading report files. One bad file never stops a load: each
//! problem becomes a [`Warning`] naming the file, and the rest goes on.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::article::{Article, Warning, sort_newest_first};
use super::formats::{Parsed, parse};

/// Files larger than this are skipped with a warning rather than read.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A file still not read after this long is given up (a stalled network
/// mount, a special file that trickles for ever): far beyond what the
/// largest file takes from any working disk.
pub const READ_DEADLINE: Duration = Duration::from_secs(60);

/// Bytes asked of the system at a time, between looks at the deadline.
const READ_PIECE: usize = 1 << 20;

/// A run of this many NUL bytes is never text (in UTF-8 or UTF-16): it is
/// a hole of a sparse file, a disk image, padding of a binary format.
const NUL_RUN: usize = 512;

/// Whether `bytes` holds a run of [`NUL_RUN`] NUL bytes. Text has none at
/// all: one fast scan says so.
fn has_nul_run(bytes: &[u8]) -> bool {
    if !bytes.contains(&0) {
        return false;
    }
    bytes.split(|&b| b != 0).any(|run| run.len() >= NUL_RUN)
}

/// Articles and warnings from a set of inputs.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Sorts newest first and makes ids unique (`id`, `id~2`, ...), so two
    /// `report.txt` in different folders stay two articles.
    pub fn finish(&mut self) {
        sort_newest_first(&mut self.articles);
        unique_ids(&mut self.articles);
    }
}

/// Reads every file under `paths` (files and directories, recursively).
pub fn load(paths: &[PathBuf]) -> Corpus {
    let (files, mut warnings) = discover(paths);
    let mut corpus = Corpus::default();
    for file in &files {
        let parsed = parse_file(file);
        corpus.articles.extend(parsed.articles);
        warnings.extend(parsed.warnings);
    }
    corpus.warnings = warnings;
    corpus.finish();
    corpus
}

/// Lists the regular files under `paths`, in a stable order, each once
/// (a file named directly and through its folder, or through a link, is
/// the same file). Hidden entries inside directories are skipped (a hidden
/// path the user names is read); sockets, FIFOs and devices are reported
/// and never opened (opening a FIFO would block); directory symlink loops
/// are detected and reported.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    walk(
        paths,
        &mut |path, _| {
            files.push(path);
            true
        },
        &mut |w| warnings.push(w),
    );
    (files, warnings)
}

/// Walks `paths` as [`discover`] describes, handing each regular file (with
/// its metadata) to `on_file` as soon as it is found; `on_file` returning
/// false stops the walk. Depth-first with an explicit stack, so no tree is
/// too deep.
pub fn walk(
    paths: &[PathBuf],
    on_file: &mut dyn FnMut(PathBuf, &fs::Metadata) -> bool,
    on_warning: &mut dyn FnMut(Warning),
) {
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(path) = stack.pop() {
        // `metadata` follows symlinks: a link to a file is read like the file.
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let what = if fs::symlink_metadata(&path).is_ok() {
                    "broken symbolic link"
                } else {
                    "cannot read"
                };
                on_warning(Warning::new(&path, format!("{what}: {}", io_reason(&e))));
                continue;
            }
        };
        if meta.is_dir() {
            if !seen_dirs.insert(identity(&path, &meta)) {
                on_warning(Warning::new(
                    &path,
                    "directory already visited (symbolic link loop?), skipped",
                ));
                continue;
            }
            let entries = match fs::read_dir(&path) {
                Ok(rd) => rd,
                Err(e) => {
                    on_warning(Warning::new(
                        &path,
                        format!("cannot list directory: {}", io_reason(&e)),
                    ));
                    continue;
                }
            };
            let mut children: Vec<PathBuf> = Vec::new();
            for entry in entries {
                match entry {
                    Ok(entry) => {
                        let hidden = entry.file_name().to_string_lossy().starts_with('.');
                        if !hidden {
                            children.push(entry.path());
                        }
                    }
                    Err(e) => on_warning(Warning::new(
                        &path,
                        format!("cannot list an entry: {}", io_reason(&e)),
                    )),
                }
            }
            children.sort();
            stack.extend(children.into_iter().rev());
        } else if meta.is_file() {
            if seen_files.insert(identity(&path, &meta)) && !on_file(path, &meta) {
                return;
            }
        } else {
            on_warning(Warning::new(
                &path,
                format!("{}, skipped", special_file_kind(&meta)),
            ));
        }
    }
}

/// What a file or folder is, whatever the path to it.
#[cfg(unix)]
fn identity(_path: &Path, meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &fs::Metadata) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    (0, h.finish())
}

#[cfg(unix)]
fn special_file_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let ft = meta.file_type();
    if ft.is_fifo() {
        "a named pipe (FIFO), not a file"
    } else if ft.is_socket() {
        "a socket, not a file"
    } else if ft.is_block_device() || ft.is_char_device() {
        "a device, not a file"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_meta: &fs::Metadata) -> &'static str {
    "not a regular file"
}

/// A short reason for an I/O error, without Rust's `(os error 2)` noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(p) => s[..p].to_string(),
                None => s,
            }
        }
    }
}

/// Reads and parses one file; every problem is a warning naming it.
pub fn parse_file(path: &Path) -> Parsed {
    match read_text(path) {
        Ok((text, note)) => {
            let mut parsed = parse_text(path, &text);
            if let Some(note) = note {
                parsed.warnings.insert(0, Warning::new(path, note));
            }
            parsed
        }
        Err(message) => Parsed {
            articles: vec![],
            warnings: vec![Warning::new(path, message)],
        },
    }
}

/// The articles in the text of the file at `path` (ids from its stem).
/// A bug that panics on this text costs this file only: a warning, no
/// articles.
pub fn parse_text(path: &Path, text: &str) -> Parsed {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    crate::guard::contain(|| parse(path, &stem, text)).unwrap_or_else(|why| Parsed {
        articles: vec![],
        warnings: vec![Warning::new(
            path,
            crate::guard::warning_text("reading it", &why),
        )],
    })
}

/// Reads a file as text. `Err` means skip it (unreadable, binary, empty,
/// too large); `Ok` may carry a note, such as a lossy UTF-8 decoding.
pub fn read_text(path: &Path) -> Result<(String, Option<String>), String> {
    decode(&read_bytes(path)?.0)
}

/// The one reader of report files: a regular file's bytes, up to
/// [`MAX_FILE_BYTES`], with the metadata they were read under. `Err` is
/// the warning's message.
///
/// Never blocks on what is not a regular file: it is opened without
/// blocking (a FIFO that took a file's place since the walk would wait
/// for a writer for ever) and refused once its type is seen. A regular
/// file is read as far as its size says, no further: a special file that
/// claims to be regular and never ends (`/proc/kmsg`, size 0) reads as
/// empty. And [`READ_DEADLINE`] bounds the whole read. Reading stops at
/// a long run of NUL bytes: the file is binary ([`decode`] says so), and
/// a sparse file's 500 MB of holes need not be read to know it.
pub fn read_bytes(path: &Path) -> Result<(Vec<u8>, fs::Metadata), String> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "too large ({} MB; the limit is {} MB), skipped",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = read_sized(file, meta.len(), Instant::now() + READ_DEADLINE)?;
    Ok((bytes, meta))
}

/// `len` bytes from `offset` of the regular file at `path` (fewer at its
/// end), read as [`read_bytes`] reads a whole file: without blocking on
/// what is not a regular file, within [`READ_DEADLINE`]. What one record
/// of a big file costs to read back.
pub fn read_range(path: &Path, offset: u64, len: u64) -> Result<(Vec<u8>, fs::Metadata), String> {
    use std::io::{Seek, SeekFrom};
    let (mut file, meta) = open_regular(path)?;
    let want = len.min(meta.len().saturating_sub(offset));
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    let bytes = read_sized(file, want, Instant::now() + READ_DEADLINE)?;
    Ok((bytes, meta))
}

/// The file at `path` opened without blocking (a FIFO that took a
/// file's place since the walk would wait for a writer for ever), and
/// refused unless it is a regular file.
fn open_regular(path: &Path) -> Result<(fs::File, fs::Metadata), String> {
    let cannot = |e: std::io::Error| format!("cannot read: {}", io_reason(&e));
    let file = crate::base::files::nonblocking()
        .read(true)
        .open(path)
        .map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(format!("{}, skipped", special_file_kind(&meta)));
    }
    Ok((file, meta))
}

/// Up to `size` bytes of `from`, given up at `deadline` (looked at after
/// every read, so a source that trickles a byte at a time is caught too),
/// and no further than the end of the first long run of NUL bytes.
fn read_sized(mut from: impl Read, size: u64, deadline: Instant) -> Result<Vec<u8>, String> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES as usize));
    let mut filled = 0;
    while filled < size {
        if filled == bytes.len() {
            bytes.resize(filled + (size - filled).min(READ_PIECE), 0);
        }
        match from.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                // The new bytes, and enough before them for a run that
                // started in the last read.
                let seen = filled.saturating_sub(NUL_RUN - 1);
                filled += n;
                if has_nul_run(&bytes[seen..filled]) {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                return Err("not a plain file (reading it would wait), skipped".into());
            }
            Err(e) => return Err(format!("cannot read: {}", io_reason(&e))),
        }
        if filled < size && Instant::now() >= deadline {
            return Err(format!(
                "still not read after {} s ({filled} of {size} bytes), skipped",
                READ_DEADLINE.as_secs()
            ));
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Bytes to text: UTF-8 (lossily, with a note), UTF-16 with a byte-order
/// mark; binary content (a NUL byte near the start, or a long run of NUL
/// bytes anywhere) and empty files are refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file, skipped".into());
    }
    if has_nul_run(bytes) {
        return Err("binary file (long runs of NUL bytes: sparse, or not text), skipped".into());
    }
    if let Some(text) = decode_utf16(bytes) {
        return Ok((text, None));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (not text), skipped".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => Ok((
            String::from_utf8_lossy(bytes).into_owned(),
            Some("invalid UTF-8; undecodable bytes shown as �".into()),
        )),
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xff, 0xfe, rest @ ..] => (true, rest),
        [0xfe, 0xff, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Makes ids unique (`id`, `id~2`, ...), in the order given.
pub fn unique_ids(articles: &mut [Article]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for a in articles.iter() {
        *counts.entry(a.id.clone()).or_default() += 1;
    }
    let mut used: HashSet<String> = HashSet::new();
    for a in articles.iter_mut() {
        if counts[&a.id] > 1 || used.contains(&a.id) {
            let mut n = 1;
            let mut candidate = a.id.clone();
            while used.contains(&candidate) {
                n += 1;
                candidate = format!("{}~{n}", a.id);
            }
            a.meta.id = candidate;
        }
        used.insert(a.id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_binary_and_empty() {
        assert!(decode(b"").is_err());
        assert!(decode(b" \n\t").is_err());
        assert!(
            decode(b"PK\x03\x04\x00\x00")
                .unwrap_err()
                .contains("binary")
        );
    }

    #[test]
    fn long_runs_of_nul_are_binary_wherever_they_are() {
        let mut text = b"A report. ".repeat(2000);
        text.extend(std::iter::repeat_n(0u8, NUL_RUN));
        assert!(decode(&text).unwrap_err().contains("NUL"));
        // UTF-16 has lone NULs in every ASCII letter, never a run.
        let mut utf16 = vec![0xff, 0xfe];
        for u in "Hi there, envoys.".repeat(100).encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert!(decode(&utf16).is_ok());
        let mut sparse = utf16;
        sparse.extend(std::iter::repeat_n(0u8, 4096));
        assert!(decode(&sparse).is_err());
        // Reading stops at the run, wherever the reads split it.
        let mut file = b"text ".repeat(100_000);
        file.extend(std::iter::repeat_n(0u8, 1 << 20));
        file.extend(b"more text".repeat(100_000));
        let far = Instant::now() + Duration::from_secs(60);
        let read = read_sized(&file[..], file.len() as u64, far).unwrap();
        assert!(read.len() < 500_000 + READ_PIECE, "{}", read.len());
        assert!(decode(&read).is_err());
    }

    #[test]
    fn decode_is_lossy_with_a_note() {
        let (text, note) = decode(b"caf\xe9 au lait").unwrap();
        assert_eq!(text, "caf\u{fffd} au lait");
        assert!(note.unwrap().contains("invalid UTF-8"));
    }

    #[test]
    fn decode_utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hi é".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().0, "Hi é");
    }

    /// Gives one byte a call, slowly, for ever.
    struct Trickle;

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            std::thread::sleep(Duration::from_millis(1));
            buf[0] = b'a';
            Ok(1)
        }
    }

    #[test]
    fn reading_stops_at_the_size_and_at_the_deadline() {
        let far = Instant::now() + Duration::from_secs(60);
        assert_eq!(read_sized(Trickle, 3, far).unwrap(), b"aaa");
        assert_eq!(read_sized(Trickle, 0, far).unwrap(), b"");
        let soon = Instant::now() + Duration::from_millis(30);
        let t = Instant::now();
        let e = read_sized(Trickle, 100_000, soon).unwrap_err();
        assert!(e.contains("still not read"), "{e}");
        assert!(t.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn ids_are_made_unique() {
        let mk = |id: &str, path: &str| {
            let meta = crate::corpus::ArticleMeta {
                id: id.into(),
                path: path.into(),
                ..Default::default()
            };
            Article::new(meta, String::new())
        };
        let mut v = vec![mk("r", "a/r.txt"), mk("r", "b/r.txt"), mk("s", "s.txt")];
        unique_ids(&mut v);
        let ids: Vec<_> = v.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["r", "r~2", "s"]);
    }
}
