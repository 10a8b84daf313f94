//! The app-state core: what the reader shows and how it changes. No
//! terminal types here; every change goes through [`update()`], and the ui
//! only reads the state.
//!
//! Inside, from the bottom up (a module imports only those below it;
//! `tests/layers.rs` checks it):
//! - data and pure helpers: `text`, `query` (the query language),
//!   `columns`, `bits`, `words` (the word index, built off the thread),
//!   `bodies`, `layout`, `help` (the keys' help, laid out), `timeline`
//!   (an entity's mentions over time), `company` (the entities in its
//!   sentences), `action` and
//!   `request` (what changes the state, what it asks of the world),
//!   `scroll`, `screen`, `matching` (a prepared query against one
//!   article), `select` (a query over a corpus held whole), `hits` (the
//!   filter's words and phrases in a body);
//! - the parts of the state, each with its methods: `storylines` (the
//!   stories as the load grouped them), `library` (the corpus as
//!   loaded), `list`, `reader`, `pane` (entities), `chrome`,
//!   then `filtered_list` (the list under a filter, at scale) and
//!   `navigation` (the current entity and where the cursor stands);
//! - `state`: the [`App`] of those parts, and the operations that touch
//!   several;
//! - the handlers: `loading`, `navigate`, `views` (the entity's
//!   timeline and company), `answers`, `reading` (the reading flow: next
//!   article, marks, stars, what is new, hits, and the effects `o` `e`
//!   `y`), then `pointer`, then `update`, which dispatches every action.

pub mod action;
mod answers;
pub mod bits;
pub mod bodies;
pub mod chrome;
pub mod columns;
pub mod company;
pub mod filtered_list;
pub mod help;
pub mod hits;
pub mod layout;
pub mod library;
pub mod list;
mod loading;
pub mod matching;
mod navigate;
pub mod navigation;
pub mod pane;
mod pointer;
pub mod query;
pub mod reader;
mod reading;
pub mod request;
pub mod screen;
pub mod scroll;
pub mod select;
pub mod state;
pub mod storylines;
pub mod text;
pub mod timeline;
mod update;
mod views;
pub mod words;

pub use action::{
    Action, Cancel, EntityScope, FetchGauge, Focus, Move, Overlay, PassagesOf, ReadBody,
};
pub use request::{BodyAt, Request, Shelf, Shelved};
pub use state::App;
pub use update::update;
