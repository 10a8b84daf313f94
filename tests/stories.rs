//! Stories in `lede extract --json`: the two seeds are one story, the
//! later one's new passages are valid byte ranges of its body, and the
//! paragraphs it repeats from the earlier one are not marked. Then, when
//! `../shared` and python3 are there, the gold of `score_new.py --strict`
//! (skipped, saying so, where they are not: a user's clone has neither).

mod scorer;

use std::process::{Command, Output};

fn extract_seeds() -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json", "--no-cache", "seeds/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("lede runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_seeds_are_one_story_with_valid_new_ranges() {
    let doc: serde_json::Value = serde_json::from_slice(&extract_seeds().stdout).unwrap();
    let articles = doc["articles"].as_array().unwrap();
    let by_id = |id: &str| articles.iter().find(|a| a["id"] == id).unwrap();
    let (first, later) = (by_id("000_468f2a0ab9fd8c3b"), by_id("001_da01d0ee0641659d"));
    assert_eq!(first["story"], later["story"]);
    assert_eq!(
        first["story"], "000_468f2a0ab9fd8c3b",
        "named by its first report"
    );
    assert_eq!(first["new"].as_array().unwrap().len(), 0);

    let body = later["body"].as_str().unwrap();
    let ranges: Vec<(usize, usize)> = later["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert!(!ranges.is_empty());
    let mut prev_end = 0;
    for &(s, e) in &ranges {
        assert!(prev_end <= s && s < e && e <= body.len(), "{s}..{e}");
        assert!(body.is_char_boundary(s) && body.is_char_boundary(e));
        assert_eq!(body[s..e].trim(), &body[s..e], "trimmed");
        prev_end = e;
    }
    let marked = |needle: &str| {
        let at = body.find(needle).expect("in the body");
        ranges.iter().any(|&(s, e)| s <= at && at < e)
    };
    // Word for word from the first report, and reworded from it.
    assert!(!marked("Khaled al-Mahjoub, a spokesman"));
    assert!(!marked("Maintaining Sirte would be an important gain"));
    // Only in the later report.
    assert!(marked("Turkish President Recep Tayyip Erdogan said Sunday"));
    assert!(marked("According to UN data"));
}

#[test]
fn the_seeds_meet_the_new_passage_gold() {
    let out = extract_seeds();
    if let Some((passed, report)) = scorer::score("score_new.py", &["--strict", "-v"], &out.stdout)
    {
        assert!(passed, "below the bar:\n{report}");
    }
}
