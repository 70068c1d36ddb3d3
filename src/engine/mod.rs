//! The checking engine: normalize -> sentences -> match -> context.
//!
//! Works on one text at a time and reports spans as byte offsets into that text; the
//! caller maps them on to the original file.

pub mod context;
pub mod letterhead;
pub mod normalize;
pub mod offsets;
pub mod sentences;

mod matcher;

pub use context::Context;
pub use context::Cue;

/// Compiles a regex written into formlos itself. Such a pattern is fixed at build time
/// and covered by the tests, so a failure is a bug in formlos, never in user input.
pub(crate) fn built_in(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}
pub use matcher::{Hit, check_text, check_text_with_evidence, confidence};
