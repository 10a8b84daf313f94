//! Fetching feeds from a local server: formats, conditional GET,
//! de-duplication, retries, limits, and every kind of hostile answer.
//! Nothing here touches the network: the server is in-process on
//! 127.0.0.1, and the clocks are short so the suite stays fast.

mod feed_server;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use feed_server::{Reply, Request, Server};
use lede::feeds::http::HttpOptions;
use lede::feeds::items::Stored;
use lede::feeds::{
    FeedReport, FetchOptions, FetchRun, ItemStore, Outcome, Progress, StoredItem, Subscription,
    Summary,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/fixtures/feeds").join(name)).unwrap()
}

/// Short clocks, no proxy, quick retries.
fn options() -> FetchOptions {
    FetchOptions {
        http: HttpOptions {
            connect_timeout: Duration::from_secs(2),
            read_timeout: Duration::from_secs(2),
            total_timeout: Duration::from_secs(5),
            retries: 2,
            backoff: Duration::from_millis(10),
            proxy_from_env: false,
            ..HttpOptions::default()
        },
        ..FetchOptions::default()
    }
}

/// Runs a fetch to its end: the reports in the order of `urls`, the
/// summary, and the events in the order they came.
fn fetch(
    store: &Path,
    urls: &[String],
    opts: FetchOptions,
) -> (Vec<FeedReport>, Summary, Vec<Progress>) {
    let subs: Vec<Subscription> = urls.iter().map(|u| Subscription::new(u.clone())).collect();
    let mut run = FetchRun::start(ItemStore::open(store).unwrap(), subs, opts);
    assert_eq!(run.total(), urls.len());
    let mut reports: Vec<Option<FeedReport>> = vec![None; urls.len()];
    let mut events = Vec::new();
    let mut summary = None;
    for p in run.by_ref() {
        match &p {
            Progress::Finished { feed, report } => reports[*feed] = Some(report.clone()),
            Progress::Done(s) => summary = Some(s.clone()),
            Progress::Started { .. } => {}
        }
        events.push(p);
    }
    let reports = reports
        .into_iter()
        .map(|r| r.expect("every feed reports"))
        .collect();
    (reports, summary.expect("a run ends with Done"), events)
}

fn items(store: &Path) -> Vec<StoredItem> {
    ItemStore::open(store).unwrap().items(&[]).unwrap()
}

fn stored(r: &FeedReport) -> Stored {
    match &r.outcome {
        Outcome::Stored(s) => *s,
        other => panic!("{}: {other:?}", r.url),
    }
}

fn failure(r: &FeedReport) -> String {
    match &r.outcome {
        Outcome::Failed(why) => why.clone(),
        other => panic!("{} should have failed: {other:?}", r.url),
    }
}

fn fixtures_server() -> Server {
    Server::start(|req: &Request| match req.path.as_str() {
        "/rss2.xml" => Reply::feed(req, &fixture("rss2.xml"), "application/rss+xml", "\"r2\""),
        "/rss1.rdf" => Reply::feed(req, &fixture("rss1.rdf"), "application/rdf+xml", "\"r1\""),
        "/atom.xml" => {
            Reply::feed_dated(req, &fixture("atom.xml"), "Wed, 08 Jan 2020 12:00:00 GMT")
        }
        "/feed.json" => Reply::feed(req, &fixture("feed.json"), "application/feed+json", "\"j\""),
        _ => Reply::Status(404),
    })
}

/// The four fixtures' addresses: RSS 2.0, RSS 1.0, Atom, JSON Feed.
fn fixture_urls(server: &Server) -> Vec<String> {
    ["/rss2.xml", "/rss1.rdf", "/atom.xml", "/feed.json"]
        .iter()
        .map(|p| server.url(p))
        .collect()
}

#[test]
fn four_formats_into_an_empty_store_then_a_conditional_fetch_that_transfers_nothing() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("feeds.sqlite3");
    let urls = fixture_urls(&server);
    let (reports, summary, events) = fetch(&db, &urls, options());
    let news: Vec<usize> = reports.iter().map(|r| stored(r).new).collect();
    assert_eq!(news, [2, 1, 2, 2]);
    assert_eq!(summary.new_items, 7);
    assert_eq!((summary.failed, summary.feeds), (0, 4));
    // Every feed started before it finished, and Done came last.
    for i in 0..4 {
        let started = events
            .iter()
            .position(|e| matches!(e, Progress::Started { feed } if *feed == i));
        let finished = events
            .iter()
            .position(|e| matches!(e, Progress::Finished { feed, .. } if *feed == i));
        assert!(started.unwrap() < finished.unwrap());
    }
    assert!(matches!(events.last(), Some(Progress::Done(_))));
    let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Coastal Wire",
            "Evening Desk",
            "Atlas & Partners",
            "Dispatch JSON"
        ]
    );
    // The Atom feed's javascript: link was dropped, with a warning naming it.
    assert!(
        reports[2]
            .warnings
            .iter()
            .any(|w| w.message.contains("javascript") && w.path == Path::new(&urls[2]))
    );

    let sent = server.body_bytes_sent();
    let (again, summary, _) = fetch(&db, &urls, options());
    assert!(
        again.iter().all(|r| r.outcome == Outcome::NotModified),
        "{again:?}"
    );
    assert_eq!(summary.not_modified, 4);
    assert_eq!(server.body_bytes_sent(), sent, "a 304 sends no body");
    let second: Vec<Request> = server.requests().into_iter().skip(4).collect();
    assert_eq!(second.len(), 4);
    for r in &second {
        assert!(
            r.header("if-none-match").is_some() || r.header("if-modified-since").is_some(),
            "{r:?}"
        );
        assert!(r.header("user-agent").unwrap().starts_with("lede/"));
        assert!(r.header("accept-encoding").unwrap_or("").contains("gzip"));
    }
    assert_eq!(items(&db).len(), 7);
}

#[test]
fn items_become_articles_with_clean_text_absolute_links_and_dates() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("feeds.sqlite3");
    let urls = fixture_urls(&server);
    fetch(&db, &urls, options());
    let all = items(&db);
    let by_title = |t: &str| {
        all.iter()
            .find(|i| i.article.title == t)
            .unwrap_or_else(|| panic!("no item titled {t}"))
    };

    let envoy = by_title("Envoy meets premier in Tripoli");
    let a = &envoy.article;
    assert_eq!(a.source.as_deref(), Some("Coastal Wire"));
    // Relative link, resolved against where the feed was found.
    assert_eq!(
        a.url.as_deref(),
        Some(server.url("/world/2020/01/envoy-meets-premier").as_str())
    );
    assert_eq!(a.date, "2020-01-07".parse().ok());
    assert!(
        a.body
            .starts_with("The United Nations envoy Ghassan Salamé met"),
        "{}",
        a.body
    );
    assert!(a.body.contains(
        "\n\nThe talks in the capital followed clashes near Misrata & Sirte. “We want a ceasefire,”"
    ));
    assert!(
        !a.body.contains("tracking") && !a.body.contains("color"),
        "{}",
        a.body
    );
    assert_eq!(envoy.authors, ["Amira Haddad"]);
    assert_eq!(envoy.tags, ["Libya", "Diplomacy"]);
    assert_eq!(a.path, Path::new(&urls[0]));
    assert!(a.id.starts_with("127.0.0.1/"), "{}", a.id);

    // A date without a time; an HTML description.
    let port = by_title("Port reopens after storm");
    assert_eq!(port.article.date, "2020-01-06".parse().ok());
    assert!(
        port.article
            .body
            .starts_with("The port of Benghazi reopened")
    );

    // RSS 1.0: the publisher's calendar date.
    let cairo = by_title("Minister visits Cairo");
    assert_eq!(cairo.article.date, "2020-01-05".parse().ok());
    assert_eq!(cairo.article.url.as_deref(), Some("https://desk.test/a/1"));

    // Atom: an HTML title, xml:base resolving a relative link, the label of
    // a category.
    let berlin = by_title("Talks in Berlin set for January");
    assert_eq!(
        berlin.article.url.as_deref(),
        Some("https://atlas.test/news/2020/berlin-talks")
    );
    assert_eq!(berlin.article.date, "2020-01-08".parse().ok());
    assert_eq!(berlin.article.source.as_deref(), Some("Atlas & Partners"));
    assert_eq!(berlin.tags, ["Europe"]);
    assert_eq!(
        berlin.article.body,
        "Chancellor Angela Merkel will host a conference on Libya in Berlin, officials in Germany said on Wednesday.\n\nRussia and Turkey have been invited."
    );
    let odd = by_title("Odd date, plain summary");
    assert_eq!(
        odd.article.date,
        "2020-01-08".parse().ok(),
        "a spelled-out date"
    );
    assert_eq!(odd.article.url, None, "javascript: is no link");

    // JSON Feed: an untitled item gets its first sentence as title; dates
    // fall back from published to modified.
    let oil = by_title("Oil output rises");
    assert_eq!(oil.tags, ["oil", "Libya"]);
    assert_eq!(oil.authors, ["Omar Saleh"]);
    let untitled = all
        .iter()
        .find(|i| i.article.body.starts_with("A text-only item"))
        .unwrap();
    assert!(!untitled.article.explicit_title);
    assert_eq!(untitled.article.title, "A text-only item without a title.");
    assert_eq!(untitled.article.date, "2020-01-03".parse().ok());
}

#[test]
fn the_urls_file_names_and_tags_feeds() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("feeds.sqlite3");
    fetch(&db, &[server.url("/rss1.rdf")], options());
    let mut sub = Subscription::new(server.url("/rss1.rdf"));
    sub.title = Some("My desk".into());
    sub.tags = vec!["africa".into()];
    let got = ItemStore::open(&db).unwrap().items(&[sub]).unwrap();
    assert_eq!(got[0].article.source.as_deref(), Some("My desk"));
    assert_eq!(got[0].feed_tags, ["africa"]);
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("<rss version=\"2.0\"><channel><title>Edits</title>");
    for (guid, title, body) in items {
        s.push_str(&format!(
            "<item><guid>{guid}</guid><title>{title}</title><pubDate>Mon, 06 Jan 2020 10:00:00 +0000</pubDate><description>{body}</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn items_are_deduplicated_and_an_edit_is_a_new_version() {
    // The feed changes between fetches (no validators: always a full body).
    let round = Arc::new(AtomicUsize::new(0));
    let r = round.clone();
    let server = Server::start(move |_req: &Request| {
        let body = match r.load(Ordering::SeqCst) {
            0 => rss(&[("a", "A", "Text A."), ("b", "B", "Text B.")]),
            1 => rss(&[("a", "A", "Text A."), ("b", "B", "Text B.")]),
            _ => rss(&[
                ("a", "A", "Text A, corrected."),
                ("b", "B retitled", "Text B."),
                ("b", "dup", "dup"),
                ("c", "C", "Text C."),
            ]),
        };
        Reply::bytes(body, "application/rss+xml")
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("feeds.sqlite3");
    let url = vec![server.url("/edits.xml")];
    let rounds = [
        // New; the same again; two edits, a duplicate and a new one.
        Stored {
            new: 2,
            ..Stored::default()
        },
        Stored {
            unchanged: 2,
            ..Stored::default()
        },
        Stored {
            new: 1,
            edited: 2,
            ..Stored::default()
        },
    ];
    for (n, want) in rounds.into_iter().enumerate() {
        round.store(n, Ordering::SeqCst);
        let (r, _, _) = fetch(&db, &url, options());
        assert_eq!(stored(&r[0]), want, "round {n}");
    }
    let all = items(&db);
    let mut titles: Vec<&str> = all.iter().map(|i| i.article.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["A", "B retitled", "C"]);
    let b = all
        .iter()
        .find(|i| i.article.title == "B retitled")
        .unwrap();
    // Retitled, same text: the body a read mark keys on is unchanged.
    assert_eq!(b.article.body, "Text B.");
}

#[test]
fn a_500_then_a_200_is_retried_and_stored() {
    let server = Server::start(|req: &Request| {
        if req.nth == 0 {
            Reply::Status(500)
        } else {
            Reply::bytes(fixture("rss2.xml"), "application/rss+xml")
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let (r, _, _) = fetch(
        &dir.path().join("f.sqlite3"),
        &[server.url("/flaky")],
        options(),
    );
    assert_eq!(stored(&r[0]).new, 2);
    assert_eq!(server.hits("/flaky"), 2);

    let down = Server::start(|_: &Request| Reply::Status(503));
    let (r, _, _) = fetch(
        &dir.path().join("g.sqlite3"),
        &[down.url("/down")],
        options(),
    );
    let why = failure(&r[0]);
    assert!(why.contains("503") && why.contains("3 attempts"), "{why}");
    assert_eq!(down.hits("/down"), 3);

    // A 404 is not retried.
    let gone = Server::start(|_: &Request| Reply::Status(404));
    let (r, _, _) = fetch(
        &dir.path().join("h.sqlite3"),
        &[gone.url("/gone")],
        options(),
    );
    assert!(failure(&r[0]).contains("404"));
    assert_eq!(gone.hits("/gone"), 1);
}

#[test]
fn gzip_is_asked_for_and_decoded() {
    let server = Server::start(|_: &Request| Reply::Body {
        body: fixture("atom.xml").into_bytes(),
        content_type: "application/atom+xml".into(),
        etag: None,
        last_modified: None,
        gzip: true,
    });
    let dir = tempfile::tempdir().unwrap();
    let (r, _, _) = fetch(
        &dir.path().join("f.sqlite3"),
        &[server.url("/z")],
        options(),
    );
    assert_eq!(stored(&r[0]).new, 2);
    assert!(
        server.body_bytes_sent() < fixture("atom.xml").len() as u64,
        "sent compressed"
    );
}

#[test]
fn no_host_gets_more_than_its_share_and_the_global_limit_holds() {
    let peak = Arc::new(AtomicUsize::new(0));
    let now = Arc::new(AtomicUsize::new(0));
    let (p, n) = (peak.clone(), now.clone());
    let server = Server::start(move |_: &Request| {
        let c = n.fetch_add(1, Ordering::SeqCst) + 1;
        p.fetch_max(c, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        n.fetch_sub(1, Ordering::SeqCst);
        Reply::bytes(rss(&[("x", "X", "Text.")]), "application/rss+xml")
    });
    let urls: Vec<String> = (0..8).map(|i| server.url(&format!("/f{i}"))).collect();
    let dir = tempfile::tempdir().unwrap();
    let opts = FetchOptions {
        workers: 8,
        per_host: 2,
        ..options()
    };
    let (_, s, _) = fetch(&dir.path().join("a.sqlite3"), &urls, opts);
    assert_eq!(s.failed, 0);
    assert_eq!(peak.load(Ordering::SeqCst), 2, "one host, two at a time");

    peak.store(0, Ordering::SeqCst);
    let opts = FetchOptions {
        workers: 3,
        per_host: 100,
        ..options()
    };
    let (_, s, _) = fetch(&dir.path().join("b.sqlite3"), &urls, opts);
    assert_eq!(s.failed, 0);
    assert_eq!(peak.load(Ordering::SeqCst), 3, "three workers in all");
}

// ---- hostile answers ----

fn big_feed(n: usize) -> String {
    let mut s = String::with_capacity(n * 120);
    s.push_str("<rss version=\"2.0\"><channel><title>Flood</title>");
    for i in 0..n {
        s.push_str(&format!(
            "<item><guid>g{i}</guid><title>Item {i}</title><pubDate>{}</pubDate><description>Body {i}.</description></item>",
            chrono::DateTime::from_timestamp(1_577_836_800 + i as i64 * 60, 0).unwrap().to_rfc2822()
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn hostile_feeds_each_fail_alone_with_a_warning_naming_them() {
    let good = fixture("rss1.rdf");
    let flood = big_feed(50_000);
    let mut invalid_utf8 = fixture("rss1.rdf").into_bytes();
    let at = invalid_utf8
        .windows(6)
        .position(|w| w == b"Cairo<")
        .unwrap();
    invalid_utf8[at + 1] = 0xff;
    let escapes = "<rss version=\"2.0\"><channel><title>Evil\u{1b}]52;c;aGk=\u{7}\u{1b}[2J</title>\
        <item><title>Click \u{1b}[31mhere\u{1b}[0m</title><link>javascript:fetch('//x')</link>\
        <description>&lt;a href=\"javascript:alert(1)\"&gt;Text&lt;/a&gt; \u{1b}[2J body.</description></item></channel></rss>";
    let page = "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/real.atom\"></head><body>Blog</body></html>";
    let server = Server::start(move |req: &Request| match req.path.as_str() {
        "/good" => Reply::bytes(good.clone(), "application/rss+xml"),
        "/malformed" => Reply::bytes(
            "<rss version=\"2.0\"><channel><item><title>x</channel>",
            "application/rss+xml",
        ),
        "/flood" => Reply::bytes(flood.clone(), "application/rss+xml"),
        "/huge-announced" => Reply::Huge {
            len: 100_000_000,
            announce: true,
        },
        "/huge-streamed" => Reply::Huge {
            len: 100_000_000,
            announce: false,
        },
        "/trickle" => Reply::Trickle {
            every: Duration::from_millis(100),
        },
        "/loop-a" => Reply::Redirect("/loop-b".into()),
        "/loop-b" => Reply::Redirect("/loop-a".into()),
        "/page" => Reply::bytes(page, "text/html; charset=utf-8"),
        "/mislabelled" => Reply::bytes(fixture("atom.xml"), "application/octet-stream"),
        "/utf8" => Reply::bytes(invalid_utf8.clone(), "application/rss+xml"),
        "/escapes" => Reply::bytes(escapes, "application/rss+xml"),
        "/binary" => Reply::bytes(vec![0u8, 159, 146, 150, 1, 2, 3], "image/png"),
        _ => Reply::Status(404),
    });
    let paths = [
        "/good",
        "/malformed",
        "/flood",
        "/huge-announced",
        "/huge-streamed",
        "/trickle",
        "/loop-a",
        "/page",
        "/mislabelled",
        "/utf8",
        "/escapes",
        "/binary",
    ];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.sqlite3");
    let mut opts = options();
    opts.http.total_timeout = Duration::from_millis(1500);
    opts.http.read_timeout = Duration::from_millis(500);
    opts.http.retries = 0;
    opts.http.max_body_bytes = 16 * 1024 * 1024;
    opts.max_items = 5_000;
    let started = Instant::now();
    let (r, summary, _) = fetch(&db, &urls, opts);
    let took = started.elapsed();
    let by = |p: &str| &r[paths.iter().position(|x| *x == p).unwrap()];

    assert_eq!(stored(by("/good")).new, 1);
    assert!(
        failure(by("/malformed")).contains("malformed XML"),
        "{}",
        failure(by("/malformed"))
    );

    let flood = by("/flood");
    assert_eq!(stored(flood).new, 5_000);
    assert!(
        flood
            .warnings
            .iter()
            .any(|w| w.message.contains("50000 entries")),
        "{:?}",
        flood.warnings
    );

    assert!(failure(by("/huge-announced")).contains("larger than the limit"));
    assert!(
        failure(by("/huge-streamed")).contains("larger than the limit"),
        "{}",
        failure(by("/huge-streamed"))
    );
    assert!(
        server.body_bytes_sent() < 60_000_000,
        "the streamed body was not read to its end"
    );
    assert!(
        failure(by("/trickle")).contains("timed out"),
        "{}",
        failure(by("/trickle"))
    );
    assert!(failure(by("/loop-a")).contains("too many redirects"));
    assert!(server.hits("/loop-a") <= 4, "the loop stops at the limit");
    let page = failure(by("/page"));
    assert_eq!(
        page,
        format!(
            "not a feed but a web page; it names a feed at {}",
            server.url("/real.atom")
        )
    );
    assert_eq!(
        stored(by("/mislabelled")).new,
        2,
        "a feed under the wrong type is still read"
    );

    let utf8 = by("/utf8");
    assert_eq!(stored(utf8).new, 1);
    assert!(
        utf8.warnings
            .iter()
            .any(|w| w.message.contains("invalid UTF-8"))
    );

    let evil = by("/escapes");
    assert_eq!(stored(evil).new, 1);
    assert!(
        evil.warnings
            .iter()
            .any(|w| w.message.contains("javascript"))
    );
    assert!(
        evil.warnings.iter().any(|w| w.message
            == "control characters or escape sequences in the feed's title and 1 entr(ies); kept as text, shown inert"),
        "{:?}",
        evil.warnings
    );
    assert!(
        failure(by("/binary")).contains("not a feed")
            || failure(by("/binary")).contains("malformed"),
        "{}",
        failure(by("/binary"))
    );

    // Each failure is a warning that names its feed.
    for rep in &r {
        if let Some(w) = rep.error() {
            assert_eq!(w.path, Path::new(&rep.url));
        }
    }
    assert_eq!(summary.failed, 7);
    assert!(took < Duration::from_secs(20), "the run took {took:?}");

    let all = items(&db);
    let evil = all
        .iter()
        .find(|i| i.article.title.starts_with("Click"))
        .unwrap();
    assert_eq!(evil.article.url, None);
    assert_eq!(
        evil.article.body, "Text \u{1b}[2J body.",
        "text is kept as data, made inert where shown"
    );
}

#[test]
fn a_trickling_server_is_cut_off_at_the_deadline() {
    let server = Server::start(|_: &Request| Reply::Trickle {
        every: Duration::from_millis(50),
    });
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options();
    opts.http.total_timeout = Duration::from_millis(700);
    opts.http.retries = 0;
    let started = Instant::now();
    let (r, _, _) = fetch(&dir.path().join("f.sqlite3"), &[server.url("/slow")], opts);
    assert!(failure(&r[0]).contains("timed out"));
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(600) && took < Duration::from_secs(4),
        "{took:?}"
    );
}

#[test]
fn a_cancelled_run_stops_starting_feeds_and_still_ends() {
    let server = Server::start(|_: &Request| {
        std::thread::sleep(Duration::from_millis(100));
        Reply::bytes(rss(&[("x", "X", "Text.")]), "application/rss+xml")
    });
    let urls: Vec<Subscription> = (0..20)
        .map(|i| Subscription::new(server.url(&format!("/f{i}"))))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let store = ItemStore::open(&dir.path().join("f.sqlite3")).unwrap();
    let opts = FetchOptions {
        workers: 1,
        ..options()
    };
    let mut run = FetchRun::start(store, urls, opts);
    run.cancel();
    let mut done = None;
    for p in run.by_ref() {
        if let Progress::Done(s) = p {
            done = Some(s);
        }
    }
    let s = done.unwrap();
    assert!(s.cancelled);
    assert!(server.requests().len() < 20);
}

#[test]
fn the_store_is_not_written_through_a_symlink_and_a_foreign_file_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, "not a database").unwrap();
    let link = dir.path().join("feeds.sqlite3");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(ItemStore::open(&link).is_err());
    assert!(ItemStore::open(&target).is_err());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "not a database");
}

#[test]
fn a_gzip_bomb_stops_at_the_limit_on_the_decompressed_bytes() {
    let mut bomb = b"<rss version=\"2.0\"><channel><title>".to_vec();
    bomb.resize(8 * 1024 * 1024, b'a');
    let server = Server::start(move |_: &Request| Reply::Body {
        body: bomb.clone(),
        content_type: "application/rss+xml".into(),
        etag: None,
        last_modified: None,
        gzip: true,
    });
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options();
    opts.http.max_body_bytes = 1024 * 1024;
    let (r, _, _) = fetch(&dir.path().join("f.sqlite3"), &[server.url("/bomb")], opts);
    assert!(
        failure(&r[0]).contains("larger than the limit"),
        "{}",
        failure(&r[0])
    );
    assert!(
        server.body_bytes_sent() < 100_000,
        "sent compressed: {}",
        server.body_bytes_sent()
    );
}

#[test]
fn a_run_of_no_feeds_ends_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, summary, events) = fetch(&dir.path().join("f.sqlite3"), &[], options());
    assert!(reports.is_empty());
    assert_eq!(summary.feeds, 0);
    assert_eq!(events.len(), 1);
}
