//! Regexes written into formlos itself (not rule data).

/// Compiles a regex written into formlos itself. Such a pattern is fixed at build time
/// and covered by the tests, so a failure is a bug in formlos, never in user input.
pub(crate) fn built_in(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}
