//! Times `lede fetch` over local feeds: 100 RSS feeds of 100 items each
//! (about 1.5 KB of HTML per item), served by the in-process test server
//! on 127.0.0.1, fetched by the real binary into an empty store, then
//! again (every feed answers 304).
//!
//! ```sh
//! cargo build --release && cargo run --release --example fetch_bench [FEEDS] [ITEMS]
//! ```
//! Target: the first fetch of 100 x 100 within 5 s.

#[path = "../tests/feed_server/mod.rs"]
mod feed_server;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use feed_server::{Reply, Request, Server};

const PARAGRAPHS: &[&str] = &[
    "Officials in the capital said on Monday that talks between the two governments would resume next week, after a pause of several months.",
    "The ministry of foreign affairs confirmed that a delegation led by the deputy minister had arrived for consultations with regional partners.",
    "Analysts at the institute warned that the agreement could unravel if the ceasefire along the coast were broken again by either side.",
    "Residents of the port city reported long queues for fuel and bread, and the local council appealed for help from aid agencies.",
    "A spokesman for the army said its forces had taken control of the airport road, a claim the other side denied in a statement.",
];

fn feed(n: usize, items: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Bench feed {n}</title><link>https://bench{n}.test/</link>\n"
    );
    for i in 0..items {
        let mut html = String::new();
        for k in 0..4 {
            html.push_str("&lt;p&gt;");
            html.push_str(PARAGRAPHS[(n + i + k) % PARAGRAPHS.len()]);
            html.push_str(" &amp;mdash; report ");
            html.push_str(&i.to_string());
            html.push_str(".&lt;/p&gt;");
        }
        let when = chrono::DateTime::from_timestamp(1_700_000_000 - (i as i64) * 3600, 0)
            .unwrap()
            .to_rfc2822();
        s.push_str(&format!(
            "<item><title>Report {i} of feed {n}</title><link>/reports/{n}/{i}</link><guid>bench-{n}-{i}</guid><pubDate>{when}</pubDate><category>bench</category><description>{html}</description></item>\n"
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let feeds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let items: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100);
    let bodies: Arc<Vec<String>> = Arc::new((0..feeds).map(|n| feed(n, items)).collect());
    let total_bytes: usize = bodies.iter().map(String::len).sum();
    let b = bodies.clone();
    let server = Server::start(move |req: &Request| {
        let n: usize = req
            .path
            .trim_start_matches("/feed/")
            .parse()
            .unwrap_or(usize::MAX);
        match b.get(n) {
            Some(body) => Reply::feed(req, body, "application/rss+xml", &format!("\"v{n}\"")),
            None => Reply::Status(404),
        }
    });

    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let urls: String = (0..feeds)
        .map(|n| format!("{} bench\n", server.url(&format!("/feed/{n}"))))
        .collect();
    std::fs::write(config.join("urls"), urls).unwrap();

    let exe = std::env::current_exe().unwrap();
    let lede: PathBuf = exe
        .parent()
        .and_then(|examples| examples.parent())
        .map(|dir| dir.join("lede"))
        .unwrap();
    assert!(
        lede.exists(),
        "{} not found: run `cargo build --release` first",
        lede.display()
    );
    let run = || {
        let started = Instant::now();
        let out = Command::new(&lede)
            .arg("fetch")
            .env("LEDE_CONFIG_DIR", &config)
            .env("LEDE_DATA_DIR", home.path().join("data"))
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .output()
            .unwrap();
        let took = started.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let summary = String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        (took, summary)
    };
    println!(
        "{feeds} feeds x {items} items, {:.1} MB of feeds, served on 127.0.0.1",
        total_bytes as f64 / 1e6
    );
    let (first, summary) = run();
    println!(
        "first fetch (empty store): {:.2} s   [{summary}]",
        first.as_secs_f64()
    );
    let (second, summary) = run();
    println!(
        "second fetch (all 304):    {:.2} s   [{summary}]",
        second.as_secs_f64()
    );
    println!(
        "target: first fetch of 100 x 100 within 5 s: {}",
        if first.as_secs_f64() < 5.0 {
            "met"
        } else {
            "NOT met"
        }
    );
}
