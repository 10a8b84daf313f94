//! Files lede writes of its own (never the reports it reads): where they
//! live, how they are replaced without ever leaving a torn file, and how a
//! damaged one is moved out of the way instead of deleted.

use std::fs::{File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

/// `$LEDE_STATE_DIR`, else `$XDG_STATE_HOME/lede`, else
/// `~/.local/state/lede`: what lede remembers between runs (read marks).
pub fn state_dir() -> Option<PathBuf> {
    xdg_dir("LEDE_STATE_DIR", "XDG_STATE_HOME", ".local/state")
}

/// `$LEDE_CACHE_DIR`, else `$XDG_CACHE_HOME/lede`, else `~/.cache/lede`:
/// what can be rebuilt from the reports.
pub fn cache_dir() -> Option<PathBuf> {
    xdg_dir("LEDE_CACHE_DIR", "XDG_CACHE_HOME", ".cache")
}

/// `$LEDE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/lede`, else
/// `~/.config/lede`: what the user sets (the feed subscriptions).
pub fn config_dir() -> Option<PathBuf> {
    xdg_dir("LEDE_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")
}

/// `$LEDE_DATA_DIR`, else `$XDG_DATA_HOME/lede`, else
/// `~/.local/share/lede`: the user's data lede keeps (fetched feed items,
/// which cannot be rebuilt once a feed has dropped them).
pub fn data_dir() -> Option<PathBuf> {
    xdg_dir("LEDE_DATA_DIR", "XDG_DATA_HOME", ".local/share")
}

/// lede's own variable, else the XDG base directory's `lede`, else its
/// default under the home folder (the XDG Base Directory rules; unset and
/// empty are the same).
fn xdg_dir(ours: &str, xdg: &str, under_home: &str) -> Option<PathBuf> {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(d) = non_empty(ours) {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = non_empty(xdg) {
        return Some(PathBuf::from(d).join("lede"));
    }
    non_empty("HOME").map(|h| PathBuf::from(h).join(under_home).join("lede"))
}

/// Replaces `path` with `bytes`: written to a temporary file beside it,
/// flushed to disk, then renamed over it. A crash at any point leaves the
/// old file or the new one, never half of either.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// An exclusive lock taken through the lock file `path` (created if need
/// be, never deleted: deleting a lock file races the next taker), held
/// until the returned file is dropped. Waits at most `wait` for another
/// process to let go, then gives up (`WouldBlock`). Where the file system
/// cannot lock at all, goes on unlocked.
pub fn lock(path: &Path, wait: Duration) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = crate::base::files::nonblocking()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the lock file is not a regular file",
        ));
    }
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(file);
            }
            Err(TryLockError::Error(e)) => return Err(e),
            Err(TryLockError::WouldBlock) if Instant::now() >= deadline => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "locked by another process",
                ));
            }
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Moves a file lede cannot use out of the way, as `<name>.corrupt-<secs>`
/// (`-2`, `-3`... when that is taken: nothing set aside before is
/// replaced), and says where it went. Never deletes it: it may be worth a
/// look. A symbolic link is moved itself, its target left alone.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut n = 1;
    let aside = loop {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".corrupt-{secs}"));
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let aside = path.with_file_name(name);
        if std::fs::symlink_metadata(&aside).is_err() {
            break aside;
        }
        n += 1;
    };
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("state");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state")]);
    }

    #[test]
    fn write_atomic_keeps_the_old_file_when_the_new_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state");
        std::fs::write(&path, b"old").unwrap();
        // A directory where the temporary file would go: creating it fails.
        let tmp = dir.path().join(format!("state.tmp-{}", std::process::id()));
        std::fs::create_dir(&tmp).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn a_lock_is_held_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = lock(&path, Duration::ZERO).unwrap();
        let e = lock(&path, Duration::from_millis(20)).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        drop(held);
        lock(&path, Duration::ZERO).unwrap();
        assert!(path.exists(), "the lock file stays");
    }

    #[test]
    fn set_aside_keeps_the_bytes_under_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state");
        std::fs::write(&path, b"junk").unwrap();
        let aside = set_aside(&path).unwrap();
        assert!(!path.exists());
        assert_eq!(std::fs::read(&aside).unwrap(), b"junk");
        assert!(
            aside
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("state.corrupt-")
        );
    }

    #[test]
    fn set_aside_twice_in_a_second_keeps_both() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state");
        std::fs::write(&path, b"first").unwrap();
        let one = set_aside(&path).unwrap();
        std::fs::write(&path, b"second").unwrap();
        let two = set_aside(&path).unwrap();
        assert_ne!(one, two);
        assert_eq!(std::fs::read(&one).unwrap(), b"first");
        assert_eq!(std::fs::read(&two).unwrap(), b"second");
    }
}
