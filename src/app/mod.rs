//! The app-state core: what the reader shows and how it changes. No
//! terminal types here; every change goes through [`update`].

pub mod action;
pub mod state;
pub mod update;

pub use action::{Action, Focus};
pub use state::App;
pub use update::update;
