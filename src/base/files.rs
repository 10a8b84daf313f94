//! Opening files without ever blocking. A path that was a regular file a
//! moment ago may be a FIFO now (swapped in after a folder was walked, or
//! planted where lede keeps its state): opening a FIFO for reading waits
//! for a writer, for ever. With `O_NONBLOCK` the open returns at once and
//! the caller, looking at what it opened, refuses what is not a regular
//! file; reads from a regular file are not affected by the flag.

use std::fs::OpenOptions;

/// Options that open without blocking (and never make a terminal the
/// controlling one); set read, write, create as needed. Callers check
/// the type of what they opened.
pub fn nonblocking() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_opens_at_once_and_shows_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let f = nonblocking().read(true).open(&fifo).unwrap();
            let _ = tx.send(f.metadata().unwrap().is_file());
        });
        let is_file = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the open returns");
        assert!(!is_file);
    }
}
