//! The app-state core: what the reader shows and how it changes. No
//! terminal types here; every change goes through [`update()`], and the ui
//! only reads the state.

pub mod action;
pub mod bodies;
pub mod columns;
pub mod filter;
pub mod filtering;
pub mod help;
pub mod layout;
pub mod loading;
pub mod screen;
pub mod search;
pub mod state;
pub mod text;
pub mod update;

pub use action::{Action, Cancel, EntityScope, Focus, Move, Overlay, Request};
pub use state::App;
pub use update::{serve_here, update};
