//! The config file through its API: the printed default parses back to
//! the defaults, every setting takes effect, and every bad value is an
//! error naming the file, the line and the key.

use std::path::Path;

use lede::config::{
    self, Color, Config, ConfigError, Element, Key, ListWidth, Named, Scope, default_text,
};
use lede::entities::Kind;

fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
    config::parse(text, Path::new("cfg.toml")).map_err(|e| e.0)
}

/// The one error of `text`, as (line, key, message).
fn error(text: &str) -> (usize, String, String) {
    let errors = parse(text).expect_err("an error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.path, Path::new("cfg.toml"));
    (e.line, e.key.clone(), e.message.clone())
}

fn key(s: &str) -> Key {
    Key::parse(s).unwrap()
}

#[test]
fn the_printed_default_parses_back_to_the_defaults() {
    let text = default_text();
    assert_eq!(parse(&text).unwrap(), Config::default());
    // Every action, kind and element is in it.
    for a in config::ACTIONS {
        assert!(text.contains(&format!("\n{} = [", a.name)), "{}", a.name);
    }
    for k in Kind::ALL {
        assert!(text.contains(&format!("\n{} = \"", k.as_str())));
    }
    for e in Element::ALL {
        assert!(text.contains(&format!("\n{} = \"", e.name())));
    }
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# nothing\n").unwrap(), Config::default());
}

#[test]
fn settings_take_effect() {
    let c = parse(
        r##"
[keys]
quit = "Q"
next_pane = ["Tab", "Ctrl-l"]
help = []

[colors]
person = "#ff8800"
date = 208
border = "Light Blue"

[list]
width = 48
date_format = "%d %b"

[reader]
highlight = ["location", "person", "person"]
"##,
    )
    .unwrap();
    assert_eq!(c.keys.keys("quit"), [key("Q")]);
    assert_eq!(c.keys.keys("next_pane"), [key("Tab"), key("Ctrl-l")]);
    assert!(c.keys.keys("help").is_empty());
    assert_eq!(c.keys.action(Scope::List, key("?")), None);
    assert_eq!(c.colors.kind(Kind::Person), Color::Rgb(255, 136, 0));
    assert_eq!(c.colors.kind(Kind::Date), Color::Indexed(208));
    assert_eq!(c.colors.kind(Kind::Location), Color::Named(Named::Green));
    assert_eq!(
        c.colors.element(Element::Border),
        Color::Named(Named::LightBlue)
    );
    assert_eq!(c.list_width, ListWidth::Columns(48));
    assert_eq!(c.date_format, "%d %b");
    assert_eq!(c.highlight, [Kind::Person, Kind::Location]);
    assert_eq!(
        parse("[list]\nwidth = \"35%\"").unwrap().list_width,
        ListWidth::Percent(35)
    );
}

#[test]
fn a_key_bound_by_the_user_leaves_the_defaults_it_clashes_with() {
    let c = parse("[keys]\nquit = [\"j\"]").unwrap();
    assert_eq!(c.keys.keys("down"), [key("Down")], "j left `down`");
    assert_eq!(c.keys.action(Scope::List, key("j")), Some("quit"));
    assert_eq!(c.keys.action(Scope::List, key("q")), None);
    // A pane's own key does not clash with another pane's.
    let c = parse("[keys]\nopen = [\"f\"]").unwrap();
    assert_eq!(c.keys.keys("filter_by_entity"), [key("f")]);
}

#[test]
fn syntax_errors_name_the_line() {
    let (line, key, msg) = error("[keys]\nquit = [\"q\"\nhelp = \"?\"\n");
    assert!(line == 2 || line == 3, "{line}");
    assert_eq!(key, "");
    assert!(msg.starts_with("not valid TOML"), "{msg}");
    let (line, _, msg) = error("[list]\nwidth = 40\nwidth = 50\n");
    assert_eq!(line, 3);
    assert!(msg.contains("not valid TOML"), "{msg}");
}

#[test]
fn sections_must_be_known_tables() {
    assert_eq!(error("keys = 3").1, "keys");
    assert!(error("keys = 3").2.contains("expected a table"));
    let (line, key, msg) = error("\n[colours]\nperson = \"red\"");
    assert_eq!((line, key.as_str()), (2, "colours"));
    assert!(msg.contains("not a section"));
}

#[test]
fn key_errors() {
    let (line, key, msg) = error("[keys]\nquit = [\"q\"]\nqiut = [\"x\"]");
    assert_eq!((line, key.as_str()), (3, "keys.qiut"));
    assert!(msg.contains("not an action"));

    let (line, key, msg) = error("[keys]\n\nquit = [\"q\", \"PageDwn\"]");
    assert_eq!((line, key.as_str()), (3, "keys.quit"));
    assert!(msg.contains("\"PageDwn\" is not a key"), "{msg}");

    assert!(
        error("[keys]\nquit = 5")
            .2
            .contains("expected a list of keys")
    );
    assert!(
        error("[keys]\nquit = [\"q\", 5]")
            .2
            .contains("expected a key")
    );
    assert!(error("[keys]\nquit = [\"Shift-1\"]").2.contains("Shift"));
    assert!(error("[keys]\nquit = [\"\"]").2.contains("empty"));

    // While typing a filter, a plain character is text.
    let (_, key, msg) = error("[keys]\nfilter_accept = [\"x\"]");
    assert_eq!(key, "keys.filter_accept");
    assert!(msg.contains("typed into the filter"), "{msg}");
    assert!(parse("[keys]\nfilter_accept = [\"Ctrl-x\", \"F2\"]").is_ok());

    // Two actions the user binds to one key, read in one place.
    let (line, key, msg) = error("[keys]\nquit = [\"x\"]\nhelp = [\"x\"]");
    assert_eq!((line, key.as_str()), (3, "keys.help"));
    assert!(msg.contains("x is also bound to quit"), "{msg}");
}

#[test]
fn colour_errors() {
    let (line, key, msg) = error("[colors]\nperson = \"purple\"");
    assert_eq!((line, key.as_str()), (2, "colors.person"));
    assert!(msg.contains("not a colour"));
    assert!(error("[colors]\nperson = 256").2.contains("0 to 255"));
    assert!(error("[colors]\nperson = -1").2.contains("0 to 255"));
    assert!(
        error("[colors]\nperson = \"#12345\"")
            .2
            .contains("six hex digits")
    );
    assert!(
        error("[colors]\nperson = true")
            .2
            .contains("expected a colour")
    );
    let (_, key, msg) = error("[colors]\npersons = \"red\"");
    assert_eq!(key, "colors.persons");
    assert!(msg.contains("nothing is called that"));
}

#[test]
fn list_errors() {
    assert!(error("[list]\nwidth = 5").2.contains("10 to 1000"));
    assert!(error("[list]\nwidth = \"95%\"").2.contains("10% to 90%"));
    assert!(error("[list]\nwidth = \"48\"").2.contains("as a number"));
    assert!(error("[list]\nwidth = 4.5").2.contains("found float"));
    let (line, key, msg) = error("[list]\ndate_format = \"%Y-%Q\"");
    assert_eq!((line, key.as_str()), (2, "list.date_format"));
    assert!(msg.contains("not a strftime format"), "{msg}");
    assert!(
        error("[list]\ndate_format = \"%H:%M\"")
            .2
            .contains("a time")
    );
    assert!(
        error("[list]\ndate_format = \"%z\"")
            .2
            .contains("a time zone")
    );
    assert!(error("[list]\ndate_format = \"\"").2.contains("empty"));
    assert!(
        error("[list]\ndate_format = 3")
            .2
            .contains("expected a format")
    );
    assert!(
        error("[list]\nsort = \"date\"")
            .2
            .contains("not a setting of [list]")
    );
}

#[test]
fn reader_errors() {
    let (line, key, msg) = error("[reader]\nhighlight = [\"person\", \"people\"]");
    assert_eq!((line, key.as_str()), (2, "reader.highlight"));
    assert!(msg.contains("not a kind"));
    assert!(
        error("[reader]\nhighlight = \"person\"")
            .2
            .contains("expected a list of kinds")
    );
    assert!(
        error("[reader]\nwrap = 80")
            .2
            .contains("not a setting of [reader]")
    );
    assert_eq!(parse("[reader]\nhighlight = []").unwrap().highlight, []);
}

#[test]
fn every_problem_is_reported_in_the_file_order() {
    let errors =
        parse("[list]\nwidth = 1\n[colors]\nperson = \"x\"\n[keys]\nnope = []\n").unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 4, 6]);
    let shown = config::ConfigErrors(errors).to_string();
    assert!(shown.starts_with("cfg.toml:2:9: list.width: "), "{shown}");
    assert_eq!(shown.lines().count(), 3);
}

#[test]
fn files_that_cannot_be_a_config() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let e = config::load(Some(&missing)).unwrap_err();
    assert!(e.to_string().contains("missing.toml: cannot read"), "{e}");

    let e = config::load(Some(dir.path())).unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");

    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[list]\ndate_format = \"%d \xe9\"\n").unwrap();
    assert!(
        config::read(&latin1)
            .unwrap_err()
            .to_string()
            .contains("not UTF-8")
    );

    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(2 << 20)).unwrap();
    assert!(
        config::read(&big)
            .unwrap_err()
            .to_string()
            .contains("too large")
    );

    let good = dir.path().join("good.toml");
    std::fs::write(&good, "[list]\nwidth = 50\n").unwrap();
    assert_eq!(
        config::load(Some(&good)).unwrap().list_width,
        ListWidth::Columns(50)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let e = config::read(&fifo).unwrap_err();
    assert!(
        e.to_string().contains("FIFO") || e.to_string().contains("fifo"),
        "{e}"
    );
}
