//! tempsafe finds insecure temporary-file code in Python and rewrites it
//! into safe `tempfile` idioms.
//!
//! Data flows one way: [`discover`] files → [`source`] read and decode →
//! prefilter ([`settings::Settings::active_rules`]) → parse → one visit
//! ([`checker`]) that resolves names and calls the [`transforms`] → fixes
//! ([`fix`]) applied to a fixed point ([`engine`]) → [`printer`] or
//! [`writer`].

pub mod ast_util;
pub mod baseline;
pub mod checker;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod edits;
pub mod engine;
pub mod fingerprint;
pub mod fix;
pub mod fix_builder;
pub mod importer;
pub mod indentation;
pub mod nesting;
pub mod noqa;
pub mod package;
pub mod path_use;
pub mod printer;
pub mod reason;
pub mod runner;
pub mod semantic;
pub mod settings;
pub mod source;
pub mod summary;
pub mod suppression;
pub mod transforms;
pub mod wrap;
pub mod writer;

pub use diagnostic::{Diagnostic, FixStatus};
pub use engine::{FixedSource, SourceError, check_source, fix_source};
pub use settings::Settings;
pub use transforms::Rule;
