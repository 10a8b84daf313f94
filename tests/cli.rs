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
    // `extract` alone writes JSON now (issue 13); an unknown flag is wrong.
    assert_eq!(lede(&["extract", "--yaml"]).status.code(), Some(2));
    assert_eq!(
        lede(&["feeds", "prune", "--older-than", "soon"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn help_and_version() {
    let help = lede(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("extract"));
    let version = lede(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn extract_writes_json_without_being_asked() {
    let plain = lede(&["extract", "seeds/"]);
    let flagged = lede(&["extract", "--json", "seeds/"]);
    assert!(plain.status.success());
    assert_eq!(json(&plain), json(&flagged));
}

#[test]
fn completions_for_each_shell() {
    for (shell, marks) in [
        ("bash", ["_lede()", "complete -F"]),
        ("zsh", ["#compdef lede", "_lede"]),
        ("fish", ["complete -c lede", "__fish_lede"]),
    ] {
        let out = lede(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for m in marks {
            assert!(script.contains(m), "{shell}: {m}");
        }
        for sub in ["extract", "feeds", "fetch", "completions", "man"] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
        assert!(script.contains("print-config"), "{shell} completes options");
    }
    let out = lede(&["completions", "tcsh"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_man_page_is_roff_with_the_exit_status() {
    let out = lede(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH lede 1"));
    assert!(page.contains("Exit status"));
    assert!(page.contains("\\-\\-print\\-config"));
    let help = String::from_utf8(lede(&["--help"]).stdout).unwrap();
    assert!(help.contains("Exit status:\n  0  success"), "{help}");
}

#[test]
fn print_config_parses_back_to_the_defaults() {
    let out = lede(&["--print-config"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let parsed = lede::config::parse(&text, std::path::Path::new("printed")).unwrap();
    assert_eq!(parsed, lede::config::Config::default());
    assert_eq!(lede(&["--print-config", "seeds/"]).status.code(), Some(2));
}

#[test]
fn a_bad_config_is_a_usage_error_naming_its_line_unless_defaults_are_asked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("config.toml");
    std::fs::write(&bad, "[colors]\nperson = \"purple\"\n").unwrap();
    let bad = bad.to_str().unwrap();
    let out = lede(&["--config", bad, "seeds/"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2:10: colors.person: \"purple\" is not a colour"),
        "{err}"
    );
    assert!(err.contains("--no-config"), "{err}");
    // The same file from the config folder.
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("seeds/")
        .env("LEDE_CONFIG_DIR", dir.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // --no-config goes past it (to the reader, which needs a terminal).
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["--no-config", "seeds/"])
        .env("LEDE_CONFIG_DIR", dir.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
    let missing = lede(&["--config", "/nonexistent/lede.toml", "seeds/"]);
    assert_eq!(missing.status.code(), Some(2));
}

/// The ids of the articles of an extract document.
fn ids(doc: &serde_json::Value) -> Vec<String> {
    doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn extract_query_takes_the_readers_query_language() {
    let run = |q: &str| {
        let out = lede(&["extract", "--query", q, "seeds/"]);
        assert!(
            out.status.success(),
            "{q}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&out)
    };
    // A word of the body: only the later seed says "ceasefire".
    assert_eq!(ids(&run("ceasefire")), ["001_da01d0ee0641659d"]);
    assert_eq!(
        ids(&run("CEASEF")),
        ["001_da01d0ee0641659d"],
        "a word's start"
    );
    // Scattered letters do not count when a word matches: `erdo` starts
    // Erdogan's name, in one seed only.
    assert_eq!(ids(&run("@erdo")), ["001_da01d0ee0641659d"]);
    assert_eq!(
        ids(&run("@haftar date:2020-01-06")),
        ["000_468f2a0ab9fd8c3b"]
    );
    assert_eq!(ids(&run("@haftar")).len(), 2);
    assert!(ids(&run("date:..2019-12-31")).is_empty());
    // The entities are those of the articles kept.
    let doc = run("date:2020-01-06");
    let named: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(!named.iter().any(|n| n.contains("Borrell")), "{named:?}");
    assert!(named.iter().any(|n| n.contains("Haftar")), "{named:?}");
    // A query that does not parse is a clear error, before any work.
    let out = lede(&["extract", "--query", "date:2020-13", "seeds/"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--query") && err.contains("bad date"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn extract_csv_is_one_row_per_mention_and_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    // A name with a comma and quotes in its text, and a second article.
    std::fs::write(
        dir.path().join("a.txt"),
        " date 2020-01-06 Khalifa Haftar met \"Fayez al-Sarraj\" in Cairo, Egypt, on Monday.\n\n\
         Haftar said the talks in Cairo were useful.",
    )
    .unwrap();
    std::fs::copy("seeds/000_468f2a0ab9fd8c3b.txt", dir.path().join("b.txt")).unwrap();
    let d = dir.path().to_str().unwrap();
    let out = lede(&["extract", "--csv", d]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&lede(&["extract", d]));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "article", "date", "kind", "entity", "name", "text", "start", "end"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // The same mentions as the JSON document, in the same order.
    let mut want = Vec::new();
    for a in doc["articles"].as_array().unwrap() {
        for m in a["mentions"].as_array().unwrap() {
            let e = doc["entities"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == m["entity"])
                .unwrap();
            want.push(vec![
                a["id"].as_str().unwrap().to_string(),
                a["date"].as_str().unwrap_or("").to_string(),
                m["kind"].as_str().unwrap().to_string(),
                m["entity"].as_str().unwrap().to_string(),
                e["name"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
                m["start"].to_string(),
                m["end"].to_string(),
            ]);
        }
    }
    let got: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    assert_eq!(got, want);
    assert!(got.len() > 5, "{got:?}");
    assert!(got.iter().any(|r| r[4].contains("Haftar")));
    // With a query: the rows of the articles it keeps only.
    let out = lede(&["extract", "--csv", "--query", "cairo", d]);
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let articles: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(articles.into_iter().collect::<Vec<_>>(), ["a"]);
}

/// A surname two people of the corpus bear, written alone: in each
/// article the JSON names the person that article's company points at
/// (the running back beside his coach, the president beside Congress),
/// and the surname alone where nothing does; the entity table counts
/// each mention for the entity it names.
#[test]
fn extract_json_names_a_shared_surname_by_each_articles_company() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        (
            "p1",
            "Reggie Bush ran for two touchdowns as the New Orleans Saints beat Atlanta. Coach Sean Payton praised Drew Brees and Marques Colston after the game.",
        ),
        (
            "p2",
            "Reggie Bush caught six passes for the New Orleans Saints on Sunday. Sean Payton said Drew Brees and Pierre Thomas played well.",
        ),
        (
            "p3",
            "Reggie Bush returned a punt for a score. The New Orleans Saints coach Sean Payton and quarterback Drew Brees celebrated with Jeremy Shockey.",
        ),
        (
            "g1",
            "George W. Bush met leaders of Congress at the White House on Tuesday. Vice President Dick Cheney and Karl Rove attended the meeting.",
        ),
        (
            "g2",
            "George W. Bush signed the budget at the White House. Dick Cheney told Congress that Condoleezza Rice would travel to Moscow.",
        ),
        (
            "g3",
            "George W. Bush spoke to Congress about the war. Dick Cheney and Donald Rumsfeld stood beside him at the White House.",
        ),
        (
            "x1",
            "The running back Bush scored twice in the second half. Sean Payton said Drew Brees found Bush open near the end zone in the Superdome.",
        ),
        (
            "x2",
            "Congress gave Bush the money he asked for on Monday. Dick Cheney said the White House thanked the senators, and Bush signed the bill.",
        ),
        (
            "x3",
            "Mr. Bush arrived in Lisbon on a rainy morning, and Bush left for Oslo in the evening.",
        ),
    ];
    for (name, text) in texts {
        std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    }
    let out = lede(&[
        "extract",
        "--json",
        "--no-cache",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    // The entity each article's `Bush` alone names.
    let bush_in = |name: &str| -> Vec<String> {
        let a = doc["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| {
                a["path"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("{name}.txt"))
            })
            .unwrap();
        let ms = a["mentions"].as_array().unwrap();
        let bush = ms.iter().filter(|m| m["text"] == "Bush");
        bush.map(|m| m["entity"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(bush_in("x1"), ["reggie-bush", "reggie-bush"]);
    assert_eq!(bush_in("x2"), ["george-w-bush", "george-w-bush"]);
    assert_eq!(bush_in("x3"), ["bush", "bush"]);
    let entity = |id: &str| {
        let all = doc["entities"].as_array().unwrap();
        all.iter().find(|e| e["id"] == id).unwrap().clone()
    };
    assert_eq!(entity("reggie-bush")["mentions"], 5);
    assert_eq!(entity("reggie-bush")["articles"], 4);
    assert_eq!(entity("george-w-bush")["articles"], 4);
    assert_eq!(entity("bush")["articles"], 1);
}
