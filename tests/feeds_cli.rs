//! `lede feeds`, `lede fetch` and `lede extract --json --feeds` as scripts
//! meet them, against an in-process HTTP server on 127.0.0.1.

mod feed_server;
mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use feed_server::{Reply, Request, Server};

/// A home for one test: its config and data folders.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn urls(&self) -> PathBuf {
        self.config().join("urls")
    }

    fn lede(&self, args: &[&str]) -> Output {
        self.lede_with(args, &[])
    }

    fn lede_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
        cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
        cmd.envs(self.env());
        for v in PROXY_VARS {
            cmd.env_remove(v);
        }
        cmd.envs(env.iter().copied());
        cmd.output().expect("lede runs")
    }

    /// Where lede keeps its files in this home.
    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("LEDE_CONFIG_DIR", self.config()),
            ("LEDE_DATA_DIR", self.data()),
            ("LEDE_CACHE_DIR", self.dir.path().join("cache")),
            ("LEDE_STATE_DIR", self.dir.path().join("state")),
        ]
    }
}

/// A proxy set on the machine must not take the local server's requests.
const PROXY_VARS: [&str; 6] = [
    "http_proxy",
    "https_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "all_proxy",
];

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/fixtures/feeds").join(name)).unwrap()
}

fn fixtures_server() -> Server {
    Server::start(|req: &Request| match req.path.as_str() {
        "/rss2.xml" => Reply::feed(req, &fixture("rss2.xml"), "application/rss+xml", "\"r2\""),
        "/rss1.rdf" => Reply::feed(req, &fixture("rss1.rdf"), "application/rdf+xml", "\"r1\""),
        "/atom.xml" => Reply::feed(req, &fixture("atom.xml"), "application/atom+xml", "\"a\""),
        "/feed.json" => Reply::feed(req, &fixture("feed.json"), "application/feed+json", "\"j\""),
        _ => Reply::Status(404),
    })
}

#[test]
fn add_list_remove() {
    let home = Home::new();
    let out = home.lede(&[
        "feeds",
        "add",
        "https://a.test/rss",
        "news",
        "two words",
        "--title",
        "A wire",
    ]);
    assert!(ok(&out).contains("subscribed: https://a.test/rss"));
    ok(&home.lede(&["feeds", "add", "http://b.test/atom"]));
    let again = ok(&home.lede(&["feeds", "add", "https://a.test/rss"]));
    assert!(again.contains("already subscribed"));
    assert_eq!(
        std::fs::read_to_string(home.urls()).unwrap(),
        "https://a.test/rss news \"two words\" \"~A wire\"\nhttp://b.test/atom\n"
    );
    let list = ok(&home.lede(&["feeds", "list"]));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        "https://a.test/rss\tA wire\tnews,two words\t0 items\tnot fetched yet"
    );

    // Only the form of the address is checked, and a bad one is a usage error.
    let bad = home.lede(&["feeds", "add", "javascript:alert(1)"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a feed address"));

    let removed = ok(&home.lede(&["feeds", "remove", "https://a.test/rss"]));
    assert!(removed.contains("unsubscribed: https://a.test/rss"));
    assert_eq!(
        std::fs::read_to_string(home.urls()).unwrap(),
        "http://b.test/atom\n"
    );
    let missing = home.lede(&["feeds", "remove", "https://a.test/rss"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("not subscribed"));
}

#[test]
fn a_newsboat_urls_file_is_read_as_is_and_kept_as_it_was() {
    let home = Home::new();
    std::fs::create_dir_all(home.config()).unwrap();
    let text = "# newsboat\nhttps://a.test/rss tech \"~Tech feed\"\n\"query:Unread:unread = \\\"yes\\\"\"\n\nhttps://b.test/feed\n";
    std::fs::write(home.urls(), text).unwrap();
    let list = home.lede(&["feeds", "list"]);
    let stdout = ok(&list);
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.starts_with("https://a.test/rss\tTech feed\ttech\t"));
    assert!(stderr(&list).contains("line 3"), "{}", stderr(&list));
    ok(&home.lede(&["feeds", "add", "https://c.test/x"]));
    assert_eq!(
        std::fs::read_to_string(home.urls()).unwrap(),
        format!("{text}https://c.test/x\n")
    );
}

#[test]
fn opml_import_and_export() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><head/><body>
        <outline text="World"><outline text="Africa">
          <outline type="rss" text="Coastal" xmlUrl="https://wire.test/rss" category="libya"/>
        </outline></outline>
        <outline type="rss" text="Desk" xmlUrl="https://desk.test/rss"/>
        <outline type="rss" text="Bad" xmlUrl="ftp://x.test/"/>
        </body></opml>"#,
    )
    .unwrap();
    let out = home.lede(&["feeds", "import", opml.to_str().unwrap()]);
    assert!(ok(&out).contains("imported 2 feeds (0 already subscribed, 1 skipped)"));
    assert!(stderr(&out).contains("ftp://x.test/"));
    let again = ok(&home.lede(&["feeds", "import", opml.to_str().unwrap()]));
    assert!(again.contains("imported 0 feeds (2 already subscribed"));
    assert_eq!(
        std::fs::read_to_string(home.urls()).unwrap(),
        "https://wire.test/rss World Africa libya \"~Coastal\"\nhttps://desk.test/rss \"~Desk\"\n"
    );
    // Exported, then imported into another home: the same subscriptions.
    let exported = ok(&home.lede(&["feeds", "export"]));
    assert!(exported.starts_with("<?xml"));
    let file = dir.path().join("out.opml");
    std::fs::write(&file, &exported).unwrap();
    let other = Home::new();
    ok(&other.lede(&["feeds", "import", file.to_str().unwrap()]));
    let mut a: Vec<String> = std::fs::read_to_string(home.urls())
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let mut b: Vec<String> = std::fs::read_to_string(other.urls())
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);

    let broken = dir.path().join("broken.opml");
    std::fs::write(&broken, "<opml><body><outline></body>").unwrap();
    let out = home.lede(&["feeds", "import", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.opml") && stderr(&out).contains("malformed OPML"));
}

#[test]
fn fetch_then_extract_the_items_with_their_entities() {
    let server = fixtures_server();
    let home = Home::new();
    for p in ["/rss2.xml", "/rss1.rdf", "/atom.xml", "/feed.json"] {
        ok(&home.lede(&["feeds", "add", &server.url(p), "africa"]));
    }
    let out = home.lede(&["fetch"]);
    let summary = ok(&out);
    assert!(
        summary.contains(&format!(
            "    2 new  Coastal Wire  {}",
            server.url("/rss2.xml")
        )),
        "{summary}"
    );
    assert!(
        summary.contains(&format!(
            "    1 new  Evening Desk  {}",
            server.url("/rss1.rdf")
        )),
        "{summary}"
    );
    assert!(
        summary.contains("7 new items from 4 feeds (0 unchanged, 0 failed)"),
        "{summary}"
    );
    // No terminal: no progress line.
    assert!(!stderr(&out).contains('⟳'));

    let second = ok(&home.lede(&["fetch"]));
    assert!(
        second.contains("0 new items from 4 feeds (4 unchanged, 0 failed)"),
        "{second}"
    );
    assert!(second.contains(&format!(
        "unchanged  Coastal Wire  {}",
        server.url("/rss2.xml")
    )));

    let list = ok(&home.lede(&["feeds", "list"]));
    assert!(
        list.contains(&format!(
            "{}\tCoastal Wire\tafrica\t2 items\tfetched ",
            server.url("/rss2.xml")
        )),
        "{list}"
    );

    let out = ok(&home.lede(&["extract", "--json", "--feeds"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let articles = doc["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 7);
    let envoy = articles
        .iter()
        .find(|a| a["title"] == "Envoy meets premier in Tripoli")
        .unwrap();
    assert_eq!(envoy["source"], "Coastal Wire");
    assert_eq!(
        envoy["url"],
        server.url("/world/2020/01/envoy-meets-premier")
    );
    assert_eq!(envoy["date"], "2020-01-07");
    assert_eq!(envoy["authors"][0], "Amira Haddad");
    assert_eq!(envoy["tags"], serde_json::json!(["Libya", "Diplomacy"]));
    assert_eq!(envoy["feed_tags"], serde_json::json!(["africa"]));
    let mentions: Vec<(&str, &str)> = envoy["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["kind"].as_str().unwrap()))
        .collect();
    assert!(mentions.contains(&("Tripoli", "location")), "{mentions:?}");
    assert!(
        mentions.contains(&("United Nations", "organization")),
        "{mentions:?}"
    );
    assert!(
        mentions
            .iter()
            .any(|(t, k)| t.contains("Sarraj") && *k == "person"),
        "{mentions:?}"
    );
    let body = envoy["body"].as_str().unwrap();
    for m in envoy["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[s..e], m["text"].as_str().unwrap());
    }

    // Beside files: the seeds and the items, one corpus.
    let both = ok(&home.lede(&["extract", "--json", "--feeds", "seeds/"]));
    let doc: serde_json::Value = serde_json::from_str(&both).unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 9);

    // Pruning everything older than a day (the fixtures are from 2020).
    let pruned = ok(&home.lede(&["feeds", "prune", "--older-than", "1d"]));
    assert!(pruned.contains("deleted 7 items"), "{pruned}");
    let empty = home.lede(&["extract", "--json", "--feeds"]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("no stored feed items"),
        "{}",
        stderr(&empty)
    );
}

#[test]
fn a_failing_feed_is_named_the_others_stored_and_the_exit_status_is_1() {
    let server = Server::start(|req: &Request| match req.path.as_str() {
        "/good" => Reply::bytes(fixture("rss1.rdf"), "application/rss+xml"),
        "/evil" => Reply::bytes(
            "<rss version=\"2.0\"><channel><title>Evil\u{1b}[2J\u{1b}]52;c;aGk=\u{7}</title><item><title>T</title><link>javascript:x()</link><description>Body \u{1b}[31m.</description></item></channel></rss>",
            "application/rss+xml",
        ),
        "/gone" => Reply::Status(404),
        _ => Reply::Status(404),
    });
    let home = Home::new();
    for p in ["/good", "/evil", "/gone"] {
        ok(&home.lede(&["feeds", "add", &server.url(p)]));
    }
    let out = home.lede(&["fetch"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let err = stderr(&out);
    assert!(
        stdout.contains(&format!(
            "failed  {}  {}: the server answered 404",
            server.url("/gone"),
            server.url("/gone")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 new items from 3 feeds (0 unchanged, 1 failed)"),
        "{stdout}"
    );
    assert!(err.contains("1 of 3 feeds failed"), "{err}");
    assert!(
        err.contains(&format!("{}: 1 link(s)", server.url("/evil"))),
        "{err}"
    );
    // The evil feed's name reached both streams only made inert.
    assert!(stdout.contains("Evil␛[2J␛]52;c;aGk=␇"), "{stdout}");
    for stream in [&out.stdout, &out.stderr] {
        assert!(!stream.contains(&0x1b) && !stream.contains(&0x07));
    }
}

#[test]
fn no_feeds_to_fetch_is_a_message() {
    let home = Home::new();
    let out = home.lede(&["fetch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no feeds to fetch"));
}

#[test]
fn a_foreign_store_is_left_alone() {
    let server = fixtures_server();
    let home = Home::new();
    ok(&home.lede(&["feeds", "add", &server.url("/rss1.rdf")]));
    std::fs::create_dir_all(home.data()).unwrap();
    let db = home.data().join("feeds.sqlite3");
    std::fs::write(&db, "my notes, not a database\n").unwrap();
    let out = home.lede(&["fetch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("feeds.sqlite3"), "{}", stderr(&out));
    assert!(stderr(&out).contains("left alone"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "my notes, not a database\n"
    );
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn local_feed_files_open_like_any_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json", "tests/fixtures/feeds"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&ok(&out).into_bytes()).unwrap();
    let articles = doc["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 7);
    let berlin = articles.iter().find(|a| a["id"] == "atom#1").unwrap();
    assert_eq!(berlin["title"], "Talks in Berlin set for January");
    assert_eq!(berlin["source"], "Atlas & Partners");
    assert_eq!(berlin["url"], "https://atlas.test/news/2020/berlin-talks");
    assert_eq!(berlin["path"], "tests/fixtures/feeds/atom.xml");
    // A relative link in a local file resolves against the feed's site.
    let envoy = articles.iter().find(|a| a["id"] == "rss2#1").unwrap();
    assert_eq!(
        envoy["url"],
        "https://wire.test/world/2020/01/envoy-meets-premier"
    );
    let w = doc["warnings"].as_array().unwrap();
    assert!(
        w.iter()
            .any(|w| w["path"] == "tests/fixtures/feeds/atom.xml"
                && w["message"].as_str().unwrap().contains("javascript"))
    );
}

#[test]
fn the_proxy_the_environment_names_is_used() {
    // The local server plays the proxy: it is asked to tunnel to a host
    // that does not exist, and answers the request inside with a feed.
    let proxy = Server::start(|req: &Request| {
        if req.path == "/rss" && req.header("host") == Some("feeds.invalid") {
            Reply::bytes(fixture("rss1.rdf"), "application/rss+xml")
        } else {
            Reply::Status(502)
        }
    });
    let home = Home::new();
    ok(&home.lede(&["feeds", "add", "http://feeds.invalid/rss"]));
    let out = home.lede_with(&["fetch"], &[("http_proxy", &proxy.url(""))]);
    assert!(ok(&out).contains("1 new items from 1 feeds"));
    assert_eq!(proxy.hits("feeds.invalid:80"), 1, "{:?}", proxy.requests());
    assert_eq!(proxy.hits("/rss"), 1);
}

#[test]
fn on_a_terminal_fetch_shows_a_progress_line() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let server = fixtures_server();
    let home = Home::new();
    ok(&home.lede(&["feeds", "add", &server.url("/rss1.rdf")]));
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
    cmd.arg("fetch");
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    for v in PROXY_VARS {
        cmd.env_remove(v);
    }
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends at end of file, or EIO once the child is gone.
        while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(all);
    });
    let status = child.wait().unwrap();
    drop(pty.master);
    let out = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the terminal's output");
    let text = String::from_utf8_lossy(&out);
    assert!(status.success(), "{text}");
    assert!(
        text.contains("⟳ fetching 1/1 feeds · 1 new items · 0 failed"),
        "{text}"
    );
    assert!(text.contains("1 new items from 1 feeds"), "{text}");
}

/// Issue 14: `lede --feeds` fetches the subscribed feeds in the background
/// on start, and again with `R`. While a slow feed is pending the status
/// line shows the gauge and keys are answered; the items join the list as
/// they come; a failing feed is a warning naming it; a hostile feed's
/// escape sequences never reach the terminal.
#[test]
fn the_reader_fetches_in_the_background_with_a_gauge() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    let hold = Arc::new(AtomicBool::new(true));
    let held = Arc::clone(&hold);
    let (rss1, rss2) = (fixture("rss1.rdf"), fixture("rss2.xml"));
    let escapes = "<rss version=\"2.0\"><channel><title>Evil\u{1b}]52;c;aGk=\u{7}</title>\
        <item><guid>e1</guid><title>Click \u{1b}[2Jhere</title>\
        <description>Text \u{1b}]0;PWNED\u{7} body.</description></item></channel></rss>";
    let server = Server::start(move |req: &Request| match req.path.as_str() {
        "/good" => Reply::bytes(rss1.clone(), "application/rss+xml"),
        "/slow" => {
            // Answers once the test lets it (or after 30 s).
            let start = Instant::now();
            while held.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(30) {
                std::thread::sleep(Duration::from_millis(10));
            }
            Reply::bytes(rss2.clone(), "application/rss+xml")
        }
        "/escapes" => Reply::bytes(escapes, "application/rss+xml"),
        _ => Reply::Status(404),
    });
    let home = Home::new();
    for p in ["/good", "/slow", "/escapes", "/missing"] {
        ok(&home.lede(&["feeds", "add", &server.url(p)]));
    }
    let env = home.env();
    let env: Vec<(&str, &str)> = env
        .iter()
        .filter(|(k, _)| *k == "LEDE_CONFIG_DIR" || *k == "LEDE_DATA_DIR")
        .map(|(k, v)| (*k, v.to_str().unwrap()))
        .collect();
    let mut s = pty::Session::start(&["--feeds"], 120, 40, &env);
    let status = |sc: &vt100::Screen| sc.contents().lines().last().unwrap_or("").to_string();
    s.wait("three feeds of four fetched, the slow one pending", |sc| {
        status(sc).contains("⟳ feeds 3/4")
    });
    s.wait_text("Minister visits Cairo");
    s.wait_text("Click ␛[2Jhere");
    // Keys are answered while the slow feed is pending.
    s.send("?");
    s.wait_within("the help", Duration::from_secs(3), |sc| {
        sc.contents().contains("Anywhere")
    });
    s.send("q");
    // (The frame that closes the help may be read half written: waited
    // for whole.)
    s.wait("the help closed, the slow feed still pending", |sc| {
        !sc.contents().contains("Anywhere") && status(sc).contains("⟳ feeds 3/4")
    });
    hold.store(false, Ordering::SeqCst);
    s.wait("the slow feed's items", |sc| {
        sc.contents().contains("Envoy meets premier in Tripoli") && !status(sc).contains('⟳')
    });
    // The failing feed is a warning that names it.
    s.send("w");
    s.wait_text(&server.url("/missing"));
    s.send("q");
    s.wait("the warnings closed", |sc| {
        !sc.contents().contains("/missing")
    });

    // `R`: again, with the gauge while the slow one is held.
    hold.store(true, Ordering::SeqCst);
    s.send("R");
    s.wait("the gauge again", |sc| status(sc).contains("⟳ feeds"));
    hold.store(false, Ordering::SeqCst);
    s.wait("the second fetch over", |sc| !status(sc).contains('⟳'));
    assert_eq!(server.hits("/slow"), 2);
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
    let raw = String::from_utf8_lossy(s.raw()).into_owned();
    assert!(!raw.contains("\u{1b}]52"), "OSC 52 reached the terminal");
    assert!(
        !raw.contains("\u{1b}]0;PWNED"),
        "a title reached the terminal"
    );
    assert!(!raw.contains('\u{7}'), "a bell reached the terminal");
}
