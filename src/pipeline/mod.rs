//! The check pipeline: read -> extract -> engine -> findings with positions, for every
//! input in parallel, reported in path order.
//!
//! Each step is its own module: [`run`] reads the inputs in parallel and reports them in
//! path order (native build only), [`target`] extracts and checks one file's bytes (also
//! in the browser), `mbox` streams an mbox archive, [`document`] checks an extracted document and applies the project's
//! settings, [`finding`] turns an engine hit into a [`Finding`](crate::report::Finding)
//! with positions, [`sentence_fix`] plans the lawful rewording of a sentence.

#[cfg(feature = "native")]
mod collect;
mod document;
mod file_report;
mod finding;
#[cfg(feature = "native")]
mod mbox;
mod options;
mod place;
#[cfg(feature = "native")]
mod run;
mod sentence_fix;
mod target;

pub use options::CheckOptions;
#[cfg(feature = "native")]
pub(crate) use run::read_target;
#[cfg(feature = "native")]
pub use run::{FileHook, check, check_streaming};
pub use target::{MAX_FILE_BYTES, check_bytes};

/// What stands between two units in a file's checked text (`FileReport::text`), where
/// findings' `text_span`s point.
const UNIT_SEPARATOR: &str = "\n\n";
