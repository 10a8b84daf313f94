//! The evaluation scorers of `../shared/eval`, run on lede's output. A
//! user's clone has no `../shared` (and maybe no python3): then a test
//! skips, saying so, instead of failing.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `../shared/eval/<script> <args>` with `input` on stdin: whether it
/// passed and what it printed, or `None` (after saying why) when the
/// scorer or python3 is missing.
pub fn score(script: &str, args: &[&str], input: &[u8]) -> Option<(bool, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scorer = root.join("../shared/eval").join(script);
    if !scorer.exists() {
        eprintln!(
            "skipped: {} not found (no ../shared beside the project)",
            scorer.display()
        );
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 not found");
        return None;
    }
    let mut run = Command::new("python3")
        .arg(&scorer)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    run.stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write to the scorer");
    let result = run.wait_with_output().expect("scorer finishes");
    let report = String::from_utf8_lossy(&result.stdout).into_owned();
    println!("{report}");
    Some((result.status.success(), report))
}
