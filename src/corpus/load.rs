//! Finding and reading report files. One bad file never stops a load: each
//! problem becomes a [`Warning`] naming the file, and the rest goes on.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::article::{Article, Warning, sort_newest_first};
use super::formats::{Parsed, parse};

/// Files larger than this are skipped with a warning rather than read.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

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

/// Lists the regular files under `paths`, in a stable order. Hidden entries
/// inside directories are skipped (a hidden path the user names is read);
/// sockets, FIFOs and devices are reported and never opened (opening a FIFO
/// would block); directory symlink loops are detected and reported.
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
            if !seen_dirs.insert(dir_key(&path, &meta)) {
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
            if !on_file(path, &meta) {
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

#[cfg(unix)]
fn dir_key(_path: &Path, meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_key(path: &Path, _meta: &fs::Metadata) -> (u64, u64) {
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
pub fn read_bytes(path: &Path) -> Result<(Vec<u8>, fs::Metadata), String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if !meta.is_file() {
        return Err(format!("{}, skipped", special_file_kind(&meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "too large ({} MB; the limit is {} MB), skipped",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    Ok((bytes, meta))
}

/// Bytes to text: UTF-8 (lossily, with a note), UTF-16 with a byte-order
/// mark; binary content (a NUL byte near the start) and empty files are
/// refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file, skipped".into());
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

fn unique_ids(articles: &mut [Article]) {
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
            a.id = candidate;
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

    #[test]
    fn ids_are_made_unique() {
        let mk = |id: &str, path: &str| Article {
            id: id.into(),
            path: path.into(),
            date: None,
            title: String::new(),
            explicit_title: false,
            source: None,
            url: None,
            body: String::new(),
        };
        let mut v = vec![mk("r", "a/r.txt"), mk("r", "b/r.txt"), mk("s", "s.txt")];
        unique_ids(&mut v);
        let ids: Vec<_> = v.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["r", "r~2", "s"]);
    }
}
