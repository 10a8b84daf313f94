//! The layers of the code, checked: every file under `src/` imports only
//! modules below its own in the order declared here, and no files import
//! each other, directly or round a loop. `farm-studio look` draws the same
//! graph; this makes a step back up a failing test.
//!
//! Imports are read from the source: `use` declarations (groups
//! expanded) and paths written in code (`crate::store::cache_dir()`), with
//! comments and string literals left out. A module's `mod.rs` declares and
//! re-exports its parts, so its own imports of them are not counted (its
//! parts may use what it defines); everything else is an edge between two
//! files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules from the ground up: a module may import those in
/// groups before its own.
const LAYERS: &[&[&str]] = &[
    &["base"],
    &["guard", "store"],
    &["corpus"],
    &["entities"],
    &["config"],
    // Corpus-wide stages: the cache keeps the sketches `stories` makes.
    &["resolve", "stories", "text_index"],
    &["cache"],
    &["marks", "feeds", "watch"],
    &["ingest"],
    &["app"],
    &["world"],
    &["ui"],
    &["tui"],
    &["output"],
    &["main"],
];

/// Inside `app`, from the bottom up (see `src/app/mod.rs`): data and pure
/// helpers, the parts of the state, the state, the handlers.
const APP: &[&str] = &[
    "text",
    "query",
    "columns",
    "bits",
    "words",
    "bodies",
    "layout",
    "help",
    "timeline",
    "company",
    "action",
    "request",
    "scroll",
    "screen",
    "matching",
    "select",
    "hits",
    "storylines",
    "library",
    "list",
    "reader",
    "pane",
    "chrome",
    "filtered_list",
    "navigation",
    "state",
    "loading",
    "navigate",
    "views",
    "answers",
    "reading",
    "pointer",
    "update",
];

type Module = Vec<String>;

struct File {
    path: PathBuf,
    module: Module,
    /// A `mod.rs` (or `lib.rs`): the face of its module.
    face: bool,
}

fn files(src: &Path) -> Vec<File> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src).unwrap().with_extension("");
            let mut module: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let last = module.last().cloned().unwrap_or_default();
            let face = last == "mod" || last == "lib";
            if face {
                module.pop();
            }
            out.push(File {
                path: p,
                module,
                face,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Colons,
    Open,
    Close,
    Comma,
    Semi,
    Other,
}

/// The tokens of Rust source that matter for paths: comments, strings and
/// character literals removed.
fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' || ((ch == 'r' || ch == 'b') && matches!(next, Some('"' | '#' | 'r'))) {
            // A string, raw or not (`r#"..."#`, `b"..."`, `br"..."`).
            let start = i;
            if ch == 'b' {
                i += 1;
            }
            let raw = c.get(i) == Some(&'r');
            if raw {
                i += 1;
            }
            let mut hashes = 0;
            while c.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            if c.get(i) != Some(&'"') {
                // Not a string after all: an identifier starting with r/b.
                i = start;
                let (id, end) = ident(&c, i);
                out.push(Tok::Ident(id));
                i = end;
                continue;
            }
            i += 1;
            while i < c.len() {
                if !raw && c[i] == '\\' {
                    i += 2;
                    continue;
                }
                if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
        } else if ch == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), or a lifetime.
            if next == Some('\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                let (_, end) = ident(&c, i);
                i = end;
            }
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphabetic() || ch == '_' {
            let (id, end) = ident(&c, i);
            out.push(Tok::Ident(id));
            i = end;
        } else {
            out.push(match ch {
                ':' if next == Some(':') => {
                    i += 1;
                    Tok::Colons
                }
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                ';' => Tok::Semi,
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

fn ident(c: &[char], mut i: usize) -> (String, usize) {
    let start = i;
    while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
        i += 1;
    }
    (c[start..i].iter().collect(), i)
}

/// The paths of a `use` tree starting at `t[*i]` (after `use`), expanded.
fn use_tree(t: &[Tok], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    while *i < t.len() {
        match &t[*i] {
            Tok::Ident(id) => {
                path.push(id.clone());
                *i += 1;
            }
            Tok::Colons => *i += 1,
            Tok::Open => {
                *i += 1;
                loop {
                    use_tree(t, i, &path, out);
                    match t.get(*i) {
                        Some(Tok::Comma) => *i += 1,
                        Some(Tok::Close) => {
                            *i += 1;
                            return;
                        }
                        _ => return,
                    }
                    if t.get(*i) == Some(&Tok::Close) {
                        *i += 1;
                        return;
                    }
                }
            }
            _ => break,
        }
    }
    // `as name` renames; `*` globs: the path so far is what is imported.
    if let Some(p) = path.iter().position(|s| s == "as") {
        path.truncate(p);
    }
    while t
        .get(*i)
        .is_some_and(|x| !matches!(x, Tok::Comma | Tok::Close | Tok::Semi))
    {
        *i += 1;
    }
    out.push(path);
}

/// Every module path a file names, with the inline modules (`mod tests
/// { .. }`) it stands in when it names it.
fn imports(src: &str) -> Vec<(usize, Vec<String>)> {
    let t = tokens(src);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Braces depth at which each inline module opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match &t[i] {
            Tok::Ident(k) if k == "mod" => {
                if let (Some(Tok::Ident(_)), Some(Tok::Open)) = (t.get(i + 1), t.get(i + 2)) {
                    depth += 1;
                    inline.push(depth);
                    i += 3;
                    continue;
                }
                i += 1;
            }
            Tok::Ident(k) if k == "use" => {
                i += 1;
                let mut paths = Vec::new();
                use_tree(&t, &mut i, &[], &mut paths);
                for p in paths {
                    out.push((inline.len(), p));
                }
            }
            Tok::Ident(k)
                if matches!(k.as_str(), "crate" | "super" | "lede")
                    && t.get(i + 1) == Some(&Tok::Colons) =>
            {
                let mut p = vec![k.clone()];
                i += 1;
                while t.get(i) == Some(&Tok::Colons) {
                    match t.get(i + 1) {
                        Some(Tok::Ident(id)) => {
                            p.push(id.clone());
                            i += 2;
                        }
                        _ => break,
                    }
                }
                out.push((inline.len(), p));
            }
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                if inline.last() == Some(&depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The file a path names from `from` (standing `inline` modules deep in
/// it), if it names one of the crate's: the deepest module of the path
/// that is a file.
fn resolve(
    path: &[String],
    from: &File,
    inline: usize,
    modules: &BTreeSet<Module>,
    in_bin: bool,
) -> Option<Module> {
    let mut scope: Module = from.module.clone();
    let mut rest = path;
    let mut levels = inline;
    match path.first().map(String::as_str) {
        Some("crate") => {
            scope.clear();
            rest = &path[1..];
        }
        Some("lede") if in_bin => {
            scope.clear();
            rest = &path[1..];
        }
        Some("self") => rest = &path[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                if levels > 0 {
                    levels -= 1;
                } else {
                    scope.pop()?;
                }
                rest = &rest[1..];
            }
        }
        Some(first) => {
            // A child module of this one (`use keys::KeyContext`), or
            // another crate.
            let mut child = scope.clone();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return None;
            }
        }
        None => return None,
    }
    let mut best = scope.clone();
    let mut m = scope;
    for seg in rest {
        m.push(seg.clone());
        if modules.contains(&m) {
            best = m.clone();
        }
    }
    Some(best)
}

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().position(|g| g.contains(&top))
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// Import edges between the crate's files (by module path), and where
/// each was seen.
fn graph() -> (BTreeMap<Module, BTreeSet<Module>>, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = files(&src);
    let modules: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut unknown = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(&f.path).unwrap();
        let in_bin = f.module == ["main"];
        for (inline, path) in imports(&text) {
            let Some(to) = resolve(&path, f, inline, &modules, in_bin) else {
                continue;
            };
            if to == f.module || to.is_empty() || f.module.is_empty() {
                continue;
            }
            // A module's face and its own parts.
            if f.face && to.starts_with(&f.module) {
                continue;
            }
            for m in [&f.module, &to] {
                if layer(&m[0]).is_none() {
                    unknown.push(format!("{} (in {})", m[0], f.path.display()));
                }
            }
            edges.entry(f.module.clone()).or_default().insert(to);
        }
    }
    (edges, unknown)
}

#[test]
fn every_module_has_a_declared_layer() {
    let (_, unknown) = graph();
    assert!(
        unknown.is_empty(),
        "declare the layer of: {unknown:?} in tests/layers.rs"
    );
}

#[test]
fn no_import_runs_back_up_the_layers() {
    let (edges, _) = graph();
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            let (a, b) = (layer(&from[0]), layer(&to[0]));
            if from[0] != to[0] {
                if let (Some(a), Some(b)) = (a, b)
                    && b >= a
                {
                    wrong.push(format!("{} -> {}", name(from), name(to)));
                }
                continue;
            }
            if from[0] == "app" {
                let place = |m: &Module| match m.get(1) {
                    Some(part) => APP.iter().position(|p| p == part),
                    // The face of app, above every part.
                    None => Some(APP.len()),
                };
                match (place(from), place(to)) {
                    (Some(a), Some(b)) if b < a => {}
                    (Some(_), Some(_)) => wrong.push(format!("{} -> {}", name(from), name(to))),
                    _ => wrong.push(format!(
                        "{} -> {}: declare it in APP in tests/layers.rs",
                        name(from),
                        name(to)
                    )),
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports running back up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_modules_import_each_other() {
    let (edges, _) = graph();
    // Tarjan's strongly connected components: any of two or more files
    // is a loop of imports.
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        loops: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Module) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    comp.push(name(w));
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.loops.push(comp);
                }
            }
        }
    }
    let mut walk = Walk {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        loops: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    assert!(
        walk.loops.is_empty(),
        "files importing each other: {:?}",
        walk.loops
    );
}

/// The reader of imports itself: groups, `super` from inline modules,
/// child modules, strings and comments.
#[test]
fn imports_are_read_as_rust_reads_them() {
    let src = r##"
        // use crate::nope::in_a_comment;
        /* crate::nor::here */
        use crate::app::{Action, screen::{Rect, Screen}, self};
        use super::sibling as other;
        use keys::KeyContext;
        const S: &str = "crate::not::a::path";
        const R: &str = r#"super::neither"#;
        fn f<'a>(c: char) -> bool { c == '"' || crate::store::cache_dir().is_some() }
        mod tests {
            use super::*;
            use crate::base::hash::hash_bytes;
        }
    "##;
    let got: Vec<(usize, String)> = imports(src)
        .into_iter()
        .map(|(d, p)| (d, p.join("::")))
        .collect();
    assert_eq!(
        got,
        [
            (0, "crate::app::Action".to_string()),
            (0, "crate::app::screen::Rect".into()),
            (0, "crate::app::screen::Screen".into()),
            (0, "crate::app::self".into()),
            (0, "super::sibling".into()),
            (0, "keys::KeyContext".into()),
            (0, "crate::store::cache_dir".into()),
            (1, "super".into()),
            (1, "crate::base::hash::hash_bytes".into()),
        ]
    );
    let modules: BTreeSet<Module> = [
        vec!["tui".to_string()],
        vec!["tui".into(), "keys".into()],
        vec!["app".into()],
        vec!["app".into(), "screen".into()],
    ]
    .into_iter()
    .collect();
    let tui = File {
        path: "src/tui/mod.rs".into(),
        module: vec!["tui".into()],
        face: true,
    };
    let m = |p: &str, inline| {
        let path: Vec<String> = p.split("::").map(String::from).collect();
        resolve(&path, &tui, inline, &modules, false).map(|m| m.join("::"))
    };
    assert_eq!(m("keys::KeyContext", 0).as_deref(), Some("tui::keys"));
    assert_eq!(
        m("crate::app::screen::Rect", 0).as_deref(),
        Some("app::screen")
    );
    assert_eq!(m("crate::app::Action", 0).as_deref(), Some("app"));
    assert_eq!(
        m("super", 1).as_deref(),
        Some("tui"),
        "super from a test module"
    );
    assert_eq!(m("ratatui::Frame", 0), None);
}
