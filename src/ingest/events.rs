//! What a load tells the app, and how it names articles.

use std::sync::Arc;

use crate::corpus::{ArticleMeta, Warning};
use crate::resolve::{Mention, Resolution, SurfaceInfo};
use crate::stories::{Grouping, Sketch};

use super::progress::Progress;

/// Identifies an article across the run: the file it came from (in
/// discovery order) and its place in that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: u32,
    pub index: u32,
}

/// An article as the list needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// Its number: articles are numbered 0, 1, 2, ... in the order they
    /// are listed, and everything the load says of one uses it.
    pub article: u32,
    pub origin: Origin,
    pub meta: ArticleMeta,
    /// Its body, when the load keeps bodies (reports given as text, and
    /// [`super::Options::keep_bodies`]); otherwise it is read back from
    /// its file when shown.
    pub body: Option<Arc<str>>,
    /// Its mentions, when known as it is listed (the cache had them);
    /// otherwise an [`Event::Mentions`] follows.
    pub mentions: Option<Vec<Mention>>,
}

/// Where a warning arose, for a stable order: the walk's own in the
/// order it met them, then each file's, in the order files were found,
/// then the cache writer's (a write that failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Where {
    Walk(u64),
    File(u32),
    Cache,
}

/// A warning of the load, and where it arose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub at: Where,
    pub warning: Warning,
}

#[derive(Debug)]
pub enum Event {
    /// Surfaces seen for the first time, numbered on from the last one
    /// (sent before anything that mentions them).
    Surfaces(Vec<SurfaceInfo>),
    Listed(Vec<Listed>),
    /// The mentions of these articles (by number), newly extracted.
    Mentions(Vec<(u32, Vec<Mention>)>),
    /// The story sketches of these articles (by number), as their
    /// extraction becomes known; only for a load that keeps bodies
    /// ([`super::Options::keep_bodies`]): `lede extract` groups stories
    /// with them (the others are grouped by the load: [`Event::Stories`]).
    Sketches(Vec<(u32, Sketch)>),
    /// A resolution pass is done: the corpus's entities as it found them,
    /// for everything sent before it.
    Resolved(Arc<Resolution>),
    /// A grouping into stories is done, of every article sent before it
    /// whose sketch was known (an article it does not name is a story of
    /// its own until the next); not for a load that keeps bodies.
    Stories(Arc<Grouping>),
    Warnings(Vec<Note>),
    Progress(Progress),
    /// Everything is listed, extracted, resolved and cached; the last event
    /// (but for what [`super::Ingest::reextract`] asks later).
    Finished(Progress),
}
