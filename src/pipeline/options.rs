//! The settings of one check run.

use crate::config::Settings;
use crate::i18n::Lang;
#[cfg(feature = "native")]
use crate::progress::Progress;
use crate::rules::Severity;

/// Settings of one check run.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions<'a> {
    /// Selection, severity overrides, per-file ignores, placeholders, suppressions.
    pub settings: &'a Settings,
    pub lang: Lang,
    pub fail_on: Severity,
    /// Findings below this confidence are dropped.
    pub min_confidence: f64,
    /// How long reading and checking one file may take (an mbox archive: one message).
    pub file_timeout: std::time::Duration,
    /// Attach an [`Explanation`] to every finding.
    pub explain: bool,
    /// Keep each file's checked text in its report (for `formlos eval`).
    pub keep_text: bool,
    /// Keep the findings in the report. Streaming outputs (JSON Lines, CSV, groups,
    /// statistics) take them from the hook instead, so that memory stays flat however
    /// large the archive.
    pub keep_findings: bool,
    /// Where reading progress is shown, if anywhere.
    #[cfg(feature = "native")]
    pub progress: Option<&'a Progress>,
}
