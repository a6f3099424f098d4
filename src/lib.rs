//! tempsafe finds insecure temporary-file code in Python and rewrites it
//! into safe `tempfile` idioms.
//!
//! Data flows one way: [`discover`] files → [`source`] read and decode →
//! prefilter ([`settings::Settings::active_rules`]) → parse → one visit
//! ([`checker`]) that resolves names and calls the [`transforms`] → fixes
//! ([`fix`]) applied to a fixed point ([`engine`]) → [`printer`] or
//! [`writer`].

pub(crate) mod ast_util;
pub(crate) mod baseline;
pub mod checker;
pub mod cli;
pub(crate) mod config;
pub mod diagnostic;
pub mod discover;
pub(crate) mod edits;
pub mod engine;
pub(crate) mod fingerprint;
pub(crate) mod fix;
pub(crate) mod fix_builder;
pub mod importer;
pub(crate) mod indentation;
pub(crate) mod module_parts;
pub(crate) mod nesting;
pub(crate) mod noqa;
pub(crate) mod package;
pub(crate) mod path_use;
pub mod printer;
pub mod reason;
pub mod runner;
pub(crate) mod semantic;
pub mod settings;
pub mod source;
pub(crate) mod stdlib_modules;
pub mod summary;
pub(crate) mod suppression;
pub(crate) mod test_lifetime;
pub mod transforms;
pub(crate) mod wrap;
pub(crate) mod writer;

pub use diagnostic::{Diagnostic, FixStatus};
pub use engine::{FixedSource, SourceError, check_source, fix_source};
pub use settings::Settings;
pub use transforms::Rule;
