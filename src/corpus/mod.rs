//! Files in, clean articles out: format detection, parsing, cleanup and
//! loading. Knows nothing of entities or the terminal.

pub mod article;
pub mod bundled;
pub mod cleanup;
pub mod dates;
pub mod feed_format;
pub mod formats;
pub mod html;
pub mod load;
pub mod sentences;
pub mod title;

pub use article::{Article, ArticleMeta, Block, Fingerprint, SortKey, Warning, blocks};
pub use load::{Corpus, load};
