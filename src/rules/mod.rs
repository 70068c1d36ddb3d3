//! Rules: the YAML model, loading with exact error positions, and compiling.

pub mod ascii;
mod compile;
mod load;
pub mod model;
mod prefilter;

pub use compile::{CompiledPattern, Evidence, Exception, LazyRegex, Rule, RuleSet};
pub(crate) use load::yaml_error;
pub use load::{RuleError, RuleSource, builtin_sources, load, sources_from_dir};
pub use model::{Scope, Severity};
pub use prefilter::{KeywordHit, Openings, fits_offsets};
