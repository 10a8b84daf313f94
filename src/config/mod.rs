//! The user's settings: `$XDG_CONFIG_HOME/lede/config.toml` (or
//! `~/.config/lede/`, or `$LEDE_CONFIG_DIR`; `lede --config FILE` names
//! another). Everything in it is optional; what it leaves out keeps its
//! default, and [`default_text`] is the whole file with every default
//! (what `lede --print-config` writes).
//!
//! A bad value is an error naming the file, the line and the key, never a
//! panic; every problem of a file is reported at once ([`ConfigErrors`]).
//!
//! ```toml
//! [keys]          # action = ["key", ...], see keys::ACTIONS
//! [colors]        # kind or screen element = colour, see Element
//! [list]          # width = 48 | "40%", date_format = "%Y-%m-%d"
//! [reader]        # highlight = ["person", ...]
//! ```

pub mod color;
pub mod keys;

use std::fmt;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use color::{Color, Named};
pub use keys::{ACTIONS, ActionSpec, Bindings, Key, KeyCode, Scope};

use crate::entities::Kind;

/// The file's name in the config folder.
pub const FILE_NAME: &str = "config.toml";

/// A config file larger than this is refused unread: it is not one.
const MAX_BYTES: u64 = 1 << 20;

/// Everything the config sets, defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub keys: Bindings,
    pub colors: Colors,
    pub list_width: ListWidth,
    /// How the list shows a date (chrono's strftime; checked to format a
    /// date without error).
    pub date_format: String,
    /// The kinds of entity highlighted in the reader.
    pub highlight: Vec<Kind>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keys: Bindings::default(),
            colors: Colors::default(),
            list_width: ListWidth::Percent(50),
            date_format: "%Y-%m-%d".into(),
            highlight: Kind::ALL.to_vec(),
        }
    }
}

/// The list pane's width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListWidth {
    Columns(u16),
    /// Of the window's width.
    Percent(u8),
}

impl fmt::Display for ListWidth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListWidth::Columns(n) => write!(f, "{n}"),
            ListWidth::Percent(p) => write!(f, "\"{p}%\""),
        }
    }
}

/// The parts of the screen a colour can be set for (beside the kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    Text,
    Title,
    Heading,
    Dim,
    Border,
    BorderFocused,
    Unread,
    Matched,
    Error,
    Key,
}

impl Element {
    pub const ALL: [Element; 10] = [
        Element::Text,
        Element::Title,
        Element::Heading,
        Element::Dim,
        Element::Border,
        Element::BorderFocused,
        Element::Unread,
        Element::Matched,
        Element::Error,
        Element::Key,
    ];

    /// Its name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Element::Text => "text",
            Element::Title => "title",
            Element::Heading => "heading",
            Element::Dim => "dim",
            Element::Border => "border",
            Element::BorderFocused => "border_focused",
            Element::Unread => "unread",
            Element::Matched => "matched",
            Element::Error => "error",
            Element::Key => "key",
        }
    }

    fn about(self) -> &'static str {
        match self {
            Element::Text => "the text of articles",
            Element::Title => "an article's title in the reader",
            Element::Heading => "headings in articles",
            Element::Dim => "dates, paths, counts: there but quiet",
            Element::Border => "the borders of panes",
            Element::BorderFocused => "the border of the focused pane",
            Element::Unread => "the unread mark",
            Element::Matched => "what the filter matched in a title",
            Element::Error => "errors in the status line",
            Element::Key => "keys in the help",
        }
    }

    fn default_color(self) -> Color {
        match self {
            Element::Text | Element::Title | Element::Heading => Color::Default,
            Element::Dim | Element::Border => Color::Named(Named::DarkGray),
            Element::BorderFocused | Element::Unread | Element::Key => Color::Named(Named::Cyan),
            Element::Matched => Color::Named(Named::Yellow),
            Element::Error => Color::Named(Named::Red),
        }
    }
}

/// A colour for each kind of entity and each element of the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colors {
    kinds: [Color; 5],
    elements: [Color; 10],
}

impl Default for Colors {
    fn default() -> Colors {
        Colors {
            kinds: Kind::ALL.map(default_kind_color),
            elements: Element::ALL.map(Element::default_color),
        }
    }
}

fn default_kind_color(k: Kind) -> Color {
    Color::Named(match k {
        Kind::Person => Named::Cyan,
        Kind::Organization => Named::Magenta,
        Kind::Location => Named::Green,
        Kind::Misc => Named::Yellow,
        Kind::Date => Named::LightBlue,
    })
}

impl Colors {
    pub fn kind(&self, k: Kind) -> Color {
        self.kinds[k as usize]
    }

    pub fn element(&self, e: Element) -> Color {
        self.elements[e as usize]
    }
}

/// One problem with a config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the problem is the file itself (unreadable).
    pub line: usize,
    pub column: usize,
    /// The setting, dotted (`keys.quit`); empty for the file's syntax.
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a config file, in the file's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

/// Where the config file is looked for: [`FILE_NAME`] in
/// [`crate::store::config_dir`].
pub fn default_path() -> Option<PathBuf> {
    crate::store::config_dir().map(|d| d.join(FILE_NAME))
}

/// The config: from `explicit` (which must exist), else from
/// [`default_path`] when there is a file there, else the defaults.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigErrors> {
    match explicit {
        Some(path) => read(path),
        None => match default_path() {
            Some(path) if std::fs::symlink_metadata(&path).is_ok() => read(&path),
            _ => Ok(Config::default()),
        },
    }
}

/// Reads and parses one file. Never blocks on a FIFO, never reads more
/// than 1 MB.
pub fn read(path: &Path) -> Result<Config, ConfigErrors> {
    let whole = |message: String| {
        ConfigErrors(vec![ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            key: String::new(),
            message,
        }])
    };
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_BYTES {
        return Err(whole(format!("too large for a config file ({size} bytes)")));
    }
    let (bytes, _) = crate::corpus::load::read_bytes(path)
        .map_err(|e| whole(e.trim_end_matches(", skipped").to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        whole(format!(
            "not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse(&text, path)
}

/// Parses a config file's text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
    let mut p = Parser {
        text,
        path,
        errors: Vec::new(),
    };
    let config = p.config();
    if p.errors.is_empty() {
        Ok(config)
    } else {
        p.errors.sort_by_key(|e| (e.line, e.column));
        Err(ConfigErrors(p.errors))
    }
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

struct Parser<'t> {
    text: &'t str,
    path: &'t Path,
    errors: Vec<ConfigError>,
}

impl Parser<'_> {
    fn error(&mut self, span: Range<usize>, key: &str, message: impl Into<String>) {
        let mut at = span.start.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.errors.push(ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            key: key.to_string(),
            message: message.into(),
        });
    }

    fn config(&mut self) -> Config {
        let mut config = Config::default();
        let doc = match DeTable::parse(self.text) {
            Ok(doc) => doc,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().to_string();
                self.error(span, "", format!("not valid TOML: {message}"));
                return config;
            }
        };
        for (name, value) in sorted(doc.get_ref()) {
            let section = name.get_ref().as_ref();
            let Some(table) = value.get_ref().as_table() else {
                self.error(
                    value.span(),
                    section,
                    format!(
                        "expected a table ([{section}]), found {}",
                        value.get_ref().type_str()
                    ),
                );
                continue;
            };
            match section {
                "keys" => self.keys(table, &mut config.keys),
                "colors" => self.colors(table, &mut config.colors),
                "list" => self.list(table, &mut config),
                "reader" => self.reader(table, &mut config),
                other => self.error(
                    name.span(),
                    other,
                    "not a section of lede's config (they are keys, colors, list, reader)",
                ),
            }
        }
        config
    }

    fn keys(&mut self, table: &DeTable, bindings: &mut Bindings) {
        let entries = sorted(table);
        let user: Vec<&str> = entries
            .iter()
            .filter_map(|(n, _)| keys::action_named(n.get_ref()).map(|a| a.name))
            .collect();
        for (name, value) in entries {
            let key = format!("keys.{}", name.get_ref());
            let Some(action) = keys::action_named(name.get_ref()) else {
                self.error(
                    name.span(),
                    &key,
                    "not an action (`lede --print-config` lists them)",
                );
                continue;
            };
            let specs: Vec<(&str, Range<usize>)> = match value.get_ref() {
                DeValue::String(s) => vec![(s.as_ref(), value.span())],
                DeValue::Array(items) => {
                    let mut specs = Vec::new();
                    for item in items.iter() {
                        match item.get_ref() {
                            DeValue::String(s) => specs.push((s.as_ref(), item.span())),
                            other => self.error(
                                item.span(),
                                &key,
                                format!(
                                    "expected a key such as \"Ctrl-w\", found {}",
                                    other.type_str()
                                ),
                            ),
                        }
                    }
                    specs
                }
                other => {
                    self.error(
                        value.span(),
                        &key,
                        format!(
                            "expected a list of keys such as [\"j\", \"Down\"], found {}",
                            other.type_str()
                        ),
                    );
                    continue;
                }
            };
            let mut parsed: Vec<Key> = Vec::new();
            let mut ok = true;
            for (spec, span) in specs {
                match Key::parse(spec) {
                    Ok(k) if action.scope == Scope::Filter && is_typed(k) => {
                        self.error(
                            span,
                            &key,
                            format!("{spec:?} is typed into the filter; bind a key with Ctrl- or Alt-, or a named key"),
                        );
                        ok = false;
                    }
                    Ok(k) => {
                        if !parsed.contains(&k) {
                            parsed.push(k);
                        }
                    }
                    Err(why) => {
                        self.error(span, &key, why);
                        ok = false;
                    }
                }
            }
            if !ok {
                continue;
            }
            if let Err((k, other)) = bindings.set(action.name, parsed, &user) {
                self.error(
                    value.span(),
                    &key,
                    format!("{k} is also bound to {other}, and both are read in the same place"),
                );
            }
        }
    }

    fn colors(&mut self, table: &DeTable, colors: &mut Colors) {
        for (name, value) in sorted(table) {
            let n = name.get_ref().as_ref();
            let key = format!("colors.{n}");
            let slot = if let Some(k) = Kind::ALL.iter().find(|k| k.as_str() == n) {
                &mut colors.kinds[*k as usize]
            } else if let Some(e) = Element::ALL.iter().find(|e| e.name() == n) {
                &mut colors.elements[*e as usize]
            } else {
                let names: Vec<&str> = Kind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .chain(Element::ALL.iter().map(|e| e.name()))
                    .collect();
                self.error(
                    name.span(),
                    &key,
                    format!(
                        "nothing is called that (colours are set for {})",
                        names.join(", ")
                    ),
                );
                continue;
            };
            let parsed = match value.get_ref() {
                DeValue::String(s) => s.parse::<Color>(),
                DeValue::Integer(i) => integer(i)
                    .and_then(|i| u8::try_from(i).ok())
                    .map(Color::Indexed)
                    .ok_or_else(|| {
                        format!("{} is not a colour: indices go from 0 to 255", i.as_str())
                    }),
                other => Err(format!(
                    "expected a colour such as \"cyan\", 208 or \"#ff8800\", found {}",
                    other.type_str()
                )),
            };
            match parsed {
                Ok(c) => *slot = c,
                Err(why) => self.error(value.span(), &key, why),
            }
        }
    }

    fn list(&mut self, table: &DeTable, config: &mut Config) {
        for (name, value) in sorted(table) {
            let n = name.get_ref().as_ref();
            let key = format!("list.{n}");
            match n {
                "width" => match list_width(value.get_ref()) {
                    Ok(w) => config.list_width = w,
                    Err(why) => self.error(value.span(), &key, why),
                },
                "date_format" => match value.get_ref().as_str() {
                    Some(f) => match check_date_format(f) {
                        Ok(()) => config.date_format = f.to_string(),
                        Err(why) => self.error(value.span(), &key, why),
                    },
                    None => self.error(
                        value.span(),
                        &key,
                        format!(
                            "expected a format such as \"%Y-%m-%d\", found {}",
                            value.get_ref().type_str()
                        ),
                    ),
                },
                _ => self.error(
                    name.span(),
                    &key,
                    "not a setting of [list] (width, date_format)",
                ),
            }
        }
    }

    fn reader(&mut self, table: &DeTable, config: &mut Config) {
        for (name, value) in sorted(table) {
            let n = name.get_ref().as_ref();
            let key = format!("reader.{n}");
            if n != "highlight" {
                self.error(name.span(), &key, "not a setting of [reader] (highlight)");
                continue;
            }
            let Some(items) = value.get_ref().as_array() else {
                self.error(
                    value.span(),
                    &key,
                    format!(
                        "expected a list of kinds such as [\"person\", \"location\"], found {}",
                        value.get_ref().type_str()
                    ),
                );
                continue;
            };
            let mut kinds = Vec::new();
            let mut ok = true;
            for item in items.iter() {
                let found = item
                    .get_ref()
                    .as_str()
                    .and_then(|s| Kind::ALL.iter().find(|k| k.as_str() == s));
                match found {
                    Some(k) => {
                        if !kinds.contains(k) {
                            kinds.push(*k);
                        }
                    }
                    None => {
                        ok = false;
                        self.error(
                            item.span(),
                            &key,
                            "not a kind (person, organization, location, misc, date)",
                        );
                    }
                }
            }
            if ok {
                kinds.sort();
                config.highlight = kinds;
            }
        }
    }
}

/// A table's entries in the file's order (the parser's map sorts them by
/// name), so errors and clashes are met as the file has them.
fn sorted<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut v: Vec<Entry> = table.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

fn integer(i: &toml::de::DeInteger) -> Option<i64> {
    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
}

/// A key the filter takes as text: a character without Ctrl or Alt.
fn is_typed(k: Key) -> bool {
    matches!(k.code, KeyCode::Char(_)) && !k.ctrl && !k.alt
}

fn list_width(v: &DeValue) -> Result<ListWidth, String> {
    const COLUMNS: std::ops::RangeInclusive<i64> = 10..=1000;
    const PERCENT: std::ops::RangeInclusive<i64> = 10..=90;
    match v {
        DeValue::Integer(i) => match integer(i) {
            Some(n) if COLUMNS.contains(&n) => Ok(ListWidth::Columns(n as u16)),
            _ => Err(format!(
                "{} columns: give 10 to 1000, or a percentage such as \"40%\"",
                i.as_str()
            )),
        },
        DeValue::String(s) => match s.trim().strip_suffix('%').map(|n| n.trim().parse::<i64>()) {
            Some(Ok(p)) if PERCENT.contains(&p) => Ok(ListWidth::Percent(p as u8)),
            Some(_) => Err(format!("{s:?}: give a percentage from 10% to 90%")),
            None => Err(format!(
                "{s:?}: write columns as a number (48) or a percentage as \"40%\""
            )),
        },
        other => Err(format!(
            "expected columns (48) or a percentage (\"40%\"), found {}",
            other.type_str()
        )),
    }
}

/// A strftime format that formats a date without error: known
/// specifiers only, and none a date has not (hours, time zones).
pub fn check_date_format(f: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if f.trim().is_empty() {
        return Err("an empty format shows no date".into());
    }
    let items: Vec<Item> = StrftimeItems::new(f).collect();
    if items.iter().any(|i| matches!(i, Item::Error)) {
        return Err(format!(
            "{f:?} is not a strftime format (%Y-%m-%d, %d %b, %e %B %Y ...)"
        ));
    }
    let day = NaiveDate::from_ymd_opt(2020, 1, 6).expect("a date");
    let mut out = String::new();
    write!(out, "{}", day.format_with_items(items.into_iter()))
        .map_err(|_| format!("{f:?} asks for what a date has not (a time, a time zone)"))
}

/// The whole config file with every default and what each setting does:
/// what `lede --print-config` writes. It parses back to the defaults.
pub fn default_text() -> String {
    let d = Config::default();
    let mut s = String::new();
    let _ = write!(
        s,
        "\
# lede's configuration, in $XDG_CONFIG_HOME/lede/{FILE_NAME} (or ~/.config/lede/,
# or $LEDE_CONFIG_DIR; `lede --config FILE` reads another). Every setting is
# optional: one left out keeps the default written here. A bad value stops
# lede with a message naming its line; `lede --no-config` starts with the
# defaults anyway.

[keys]
# An action and its keys: a list of keys, one key as a string, or [] for
# none. A key is a character (j, G, ?, /) or a name (Enter, Esc, Tab,
# Backspace, Delete, Insert, Home, End, PageUp, PageDown, Up, Down, Left,
# Right, Space, F1-F12), after any of Ctrl-, Alt-, Shift- (Ctrl-w,
# Shift-Tab, Alt-Backspace). A key you bind is taken from the defaults of
# the actions it would clash with.
"
    );
    let mut scope = None;
    for a in ACTIONS {
        if scope != Some(a.scope) {
            scope = Some(a.scope);
            let _ = writeln!(s, "\n# {}", scope_title(a.scope));
        }
        let keys: Vec<String> = d
            .keys
            .keys(a.name)
            .iter()
            .map(|k| format!("{:?}", k.to_string()))
            .collect();
        let line = format!("{} = [{}]", a.name, keys.join(", "));
        let _ = writeln!(s, "{line:<48} # {}", a.does);
    }
    let _ = write!(
        s,
        "
[colors]
# A colour: a terminal colour's name (default, black, red, green, yellow,
# blue, magenta, cyan, gray, dark-gray, light-red, light-green,
# light-yellow, light-blue, light-magenta, light-cyan, white), a
# 256-colour index (0-255), or \"#rrggbb\". With NO_COLOR set, none is used.

# Entities, by kind
"
    );
    for k in Kind::ALL {
        let _ = writeln!(s, "{} = \"{}\"", k.as_str(), d.colors.kind(k));
    }
    let _ = writeln!(s, "\n# The screen");
    for e in Element::ALL {
        let line = format!("{} = \"{}\"", e.name(), d.colors.element(e));
        let _ = writeln!(s, "{line:<32} # {}", e.about());
    }
    let kinds: Vec<String> = d.highlight.iter().map(|k| format!("\"{k}\"")).collect();
    let _ = write!(
        s,
        "
[list]
# The list's width: columns (48), or a percentage of the window (\"40%\").
width = {}
# How the list shows a date: chrono's strftime (%Y year, %m month, %d day,
# %b month name, %e day without a zero...).
date_format = \"{}\"

[reader]
# The kinds of entity highlighted in the reader (person, organization,
# location, misc, date).
highlight = [{}]
",
        d.list_width,
        d.date_format,
        kinds.join(", ")
    );
    s
}

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Anywhere",
        Scope::Panes => "Moving, in a list, the reader or an overlay",
        Scope::List => "The list",
        Scope::Reader => "The reader",
        Scope::Entities => "The entities",
        Scope::Overlay => "An overlay (help, warnings)",
        Scope::Filter => "While typing a filter",
    }
}
