//! The seeds scored against the hand-made gold annotations in
//! `../shared/eval` (names F1 >= 0.95, dates F1 >= 0.9, every alias group
//! linked). Skips, saying so, where `../shared` or python3 is missing: a
//! user's clone has neither, CI has both.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn seeds_meet_the_gold_bars() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scorer = root.join("../shared/eval/score_seeds.py");
    if !scorer.exists() {
        eprintln!(
            "skipped: {} not found (no ../shared beside the project)",
            scorer.display()
        );
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 not found");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json", "--no-cache", "seeds/"])
        .current_dir(root)
        .output()
        .expect("lede runs");
    assert!(out.status.success());
    let mut score = Command::new("python3")
        .arg(&scorer)
        .args([
            "--min-f1",
            "0.95",
            "--min-date-f1",
            "0.9",
            "--all-links",
            "-v",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    score
        .stdin
        .take()
        .expect("stdin")
        .write_all(&out.stdout)
        .expect("write to the scorer");
    let result = score.wait_with_output().expect("scorer finishes");
    let report = String::from_utf8_lossy(&result.stdout);
    println!("{report}");
    assert!(result.status.success(), "below the bars:\n{report}");
}
