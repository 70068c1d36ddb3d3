//! The checking engine: normalize -> sentences -> match -> context.
//!
//! Works on one text at a time and reports spans as byte offsets into that text; the
//! caller maps them on to the original file.

pub mod agency;
pub mod context;
pub mod examples;
pub mod letterhead;
pub mod normalize;
pub mod offsets;
pub mod sentences;

mod spelled;

mod matcher;

pub use context::Context;
pub use context::Cue;

pub use matcher::{Hit, check_text, check_text_with_evidence, check_text_within, confidence};
