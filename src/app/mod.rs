//! The app-state core: what the reader shows and how it changes. No
//! terminal types here; every change goes through [`update`], and the ui
//! only reads the state.

pub mod action;
pub mod bodies;
pub mod columns;
pub mod filtered_list;
pub mod help;
pub mod layout;
pub mod loading;
pub mod matching;
pub mod query;
pub mod request;
pub mod screen;
pub mod state;
pub mod text;
pub mod update;

pub use action::{Action, Cancel, EntityScope, Focus, Move, Overlay, ReadBody};
pub use request::Request;
pub use state::App;
pub use update::update;
