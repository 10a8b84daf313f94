//! The seeds scored against the hand-made gold annotations in
//! `../shared/eval` (names F1 >= 0.95, dates F1 >= 0.9, every alias group
//! linked). Skips, saying so, where `../shared` or python3 is missing: a
//! user's clone has neither, CI has both.

mod scorer;

use std::process::Command;

#[test]
fn seeds_meet_the_gold_bars() {
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json", "--no-cache", "seeds/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("lede runs");
    assert!(out.status.success());
    let args = [
        "--min-f1",
        "0.95",
        "--min-date-f1",
        "0.9",
        "--all-links",
        "-v",
    ];
    if let Some((passed, report)) = scorer::score("score_seeds.py", &args, &out.stdout) {
        assert!(passed, "below the bars:\n{report}");
    }
}
