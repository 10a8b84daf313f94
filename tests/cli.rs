//! The `lede` binary as scripts meet it.

use std::process::{Command, Output};

/// `lede args`, with a cache of its own (not the user's).
fn lede(args: &[&str]) -> Output {
    let cache = tempfile::tempdir().unwrap();
    lede_cached(args, cache.path())
}

fn lede_cached(args: &[&str], cache: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env("LEDE_CACHE_DIR", cache)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("lede runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn extract_json_on_the_seeds() {
    let out = lede(&["extract", "--json", "seeds/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    let articles = doc["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["id"], "001_da01d0ee0641659d");
    assert_eq!(articles[0]["path"], "seeds/001_da01d0ee0641659d.txt");
    assert_eq!(articles[0]["date"], "2020-01-07");
    assert_eq!(articles[1]["date"], "2020-01-06");
    assert!(doc["entities"].is_array());
    assert_eq!(doc["warnings"].as_array().unwrap().len(), 0);
    // Every mention's offsets hold its text.
    for a in articles {
        let body = a["body"].as_str().unwrap();
        for m in a["mentions"].as_array().unwrap() {
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(&body[s as usize..e as usize], m["text"].as_str().unwrap());
        }
    }
}

/// `extract` keeps what it found in the cache, as the reader does; what it
/// prints does not depend on it.
#[test]
fn extract_prints_the_same_document_from_the_cache_and_without_it() {
    let cache = tempfile::tempdir().unwrap();
    let args = ["extract", "--json", "seeds/"];
    let cold = lede_cached(&args, cache.path());
    assert!(cold.status.success());
    assert!(cache.path().join("cache.sqlite3").exists());
    let warm = lede_cached(&args, cache.path());
    assert_eq!(
        String::from_utf8_lossy(&cold.stdout),
        String::from_utf8_lossy(&warm.stdout)
    );
    let none = lede(&["extract", "--json", "--no-cache", "seeds/"]);
    assert_eq!(
        String::from_utf8_lossy(&cold.stdout),
        String::from_utf8_lossy(&none.stdout)
    );
}

#[test]
fn extract_without_paths_uses_the_bundled_sample() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json"])
        .env("LEDE_CACHE_DIR", dir.path().join("cache"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json(&out)["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn warnings_are_in_the_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Some text.").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = lede(&["extract", "--json", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let doc = json(&out);
    let w = &doc["warnings"][0];
    assert!(w["path"].as_str().unwrap().ends_with("empty.txt"));
    assert!(w["message"].as_str().unwrap().contains("empty"));
}

#[test]
fn nothing_readable_exits_1_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = lede(&["extract", "--json", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no readable reports"), "{err}");
    assert!(err.contains("empty.txt"), "{err}");
    let missing = lede(&["extract", "--json", "/definitely/not/here"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(lede(&["--bogus-flag"]).status.code(), Some(2));
    assert_eq!(lede(&["extract"]).status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let help = lede(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("extract"));
    let version = lede(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}
