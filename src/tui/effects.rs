//! The effects of the reading flow that need the terminal: a pager or a
//! browser run in the foreground (the screen put back first, as for
//! Ctrl-Z, and drawn whole after), the system's opener started in the
//! background, and text put on the clipboard with OSC 52. The app only
//! queued them ([`Request::OpenUrl`], [`Request::Pager`],
//! [`Request::Copy`]); what went wrong comes back as a note.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::app::Request;

/// How an effect went, for the status line.
pub type Said = Option<String>;

/// Programs run in the foreground while the screen is put back.
pub trait Foreground {
    /// Runs `cmd` with the terminal as the shell left it, then sets the
    /// screen up again.
    fn run(&mut self, cmd: &mut Command) -> io::Result<std::process::ExitStatus>;
}

/// Carries out one effect; what to tell the user, if anything.
pub fn carry_out(request: Request, fg: &mut impl Foreground) -> Said {
    match request {
        Request::Copy(text) => copy(&text),
        Request::Pager(path) => pager(&path, fg),
        Request::OpenUrl(url) => open_url(&url, fg),
        _ => None,
    }
}

/// The largest text sent to the clipboard: terminals drop longer OSC 52
/// sequences (xterm's limit is about 100 kB of base64).
const MAX_COPY: usize = 64 * 1024;

/// Puts `text` on the terminal's clipboard: OSC 52, base64 (so nothing in
/// it can act on the terminal), cut at [`MAX_COPY`] bytes.
fn copy(text: &str) -> Said {
    let mut end = text.len().min(MAX_COPY);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let seq = osc52(&text[..end]);
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(seq.as_bytes()).and_then(|_| out.flush()) {
        return Some(format!("cannot copy: {e}"));
    }
    (end < text.len()).then(|| format!("copied the first {} kB", MAX_COPY / 1024))
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64, padded.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The words of a command held in an environment variable (no shell:
/// split at spaces); `None` when unset or empty.
fn command_in(var: &str) -> Option<Vec<String>> {
    let v = std::env::var(var).ok()?;
    // $BROWSER may list several, `:`-separated: the first is used.
    let first = v.split(':').next().unwrap_or("");
    let words: Vec<String> = first.split_whitespace().map(String::from).collect();
    (!words.is_empty()).then_some(words)
}

/// `$PAGER` (else `less`) on the article's file, in the foreground.
fn pager(path: &Path, fg: &mut impl Foreground) -> Said {
    let shown = crate::base::inert::inert(&path.to_string_lossy()).into_owned();
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        _ => {
            return Some(format!(
                "{shown} is not a file lede can page (a feed item?)"
            ));
        }
    }
    let words = command_in("PAGER").unwrap_or_else(|| vec!["less".into()]);
    let mut cmd = Command::new(&words[0]);
    cmd.args(&words[1..]).arg(path);
    match fg.run(&mut cmd) {
        Ok(_) => None,
        Err(e) => Some(format!(
            "cannot run the pager {}: {e}",
            inert_word(&words[0])
        )),
    }
}

/// `$BROWSER` in the foreground (as newsboat does: a terminal browser
/// needs the terminal; `%s` in it stands for the address, else the
/// address goes last); without one, the system's opener in the
/// background.
fn open_url(url: &str, fg: &mut impl Foreground) -> Said {
    if let Some(words) = command_in("BROWSER") {
        let mut args: Vec<String> = words[1..].to_vec();
        if args.iter().any(|a| a.contains("%s")) {
            for a in &mut args {
                *a = a.replace("%s", url);
            }
        } else {
            args.push(url.to_string());
        }
        let mut cmd = Command::new(&words[0]);
        cmd.args(&args);
        return match fg.run(&mut cmd) {
            Ok(_) => None,
            Err(e) => Some(format!(
                "cannot run $BROWSER {}: {e}",
                inert_word(&words[0])
            )),
        };
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let started = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match started {
        Ok(mut child) => {
            // Reaped in the background: the opener may take its time.
            std::thread::spawn(move || child.wait());
            None
        }
        Err(e) => Some(format!(
            "no browser: set $BROWSER ({opener} could not start: {e})"
        )),
    }
}

fn inert_word(w: &str) -> String {
    crate::base::inert::inert(w).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_standard_has_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("Erdoğan".as_bytes()), "RXJkb8SfYW4=");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    struct Recorder(Vec<String>);

    impl Foreground for Recorder {
        fn run(&mut self, cmd: &mut Command) -> io::Result<std::process::ExitStatus> {
            let mut words = vec![cmd.get_program().to_string_lossy().into_owned()];
            words.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
            self.0.push(words.join(" "));
            Command::new("true").status()
        }
    }

    #[test]
    fn a_feed_item_without_a_file_is_not_paged() {
        let mut r = Recorder(Vec::new());
        let said = pager(Path::new("https://example.org/feed#1"), &mut r);
        assert!(said.unwrap().contains("not a file"));
        assert!(r.0.is_empty());
    }
}
