//! Rules: the YAML model, loading with exact error positions, and compiling.

pub mod ascii;
mod compile;
mod key;
mod load;
pub mod meta;
pub mod model;
mod order;
mod prefilter;
mod source;

pub(crate) use compile::ascii_variant;
pub use compile::{CompiledPattern, Evidence, Exception, LazyRegex, Rule, RuleSet};
pub use key::RuleKey;
pub use load::{builtin_sources, load, sources_from_dir};
pub use model::{Scope, Severity};
pub use order::{RuleId, compare_ids};
pub(crate) use prefilter::ElementFilter;
pub use prefilter::{KeywordHit, Openings, fits_offsets};
pub(crate) use source::yaml_error;
pub use source::{RuleError, RuleSource};
