//! Where each file's findings go while the run goes on.

use crate::report::{FileReport, Finding, Tally};

/// Called with each file's findings in path order, as soon as the file and every file
/// before it are done (for an mbox archive: batch by batch while it is read): where
/// baselines filter, redaction rewrites and streaming formats write. The findings left
/// in the vector are what the file is counted with.
pub type FileHook<'h> = dyn FnMut(&FileReport, &mut Vec<Finding>) + 'h;

/// The findings collected for the report and the counts of all findings.
pub(super) struct Collected<'h, 'f> {
    pub hook: &'h mut FileHook<'f>,
    pub keep: bool,
    pub findings: Vec<Finding>,
    pub tally: Tally,
}

impl Collected<'_, '_> {
    /// Passes findings of `file` through the hook, counts and (maybe) keeps them;
    /// returns how many are left.
    pub fn take(&mut self, file: &FileReport, mut findings: Vec<Finding>) -> usize {
        (self.hook)(file, &mut findings);
        findings.iter().for_each(|finding| self.tally.add(finding));
        let left = findings.len();
        // The first file's vector is kept as it is: on keyword-dense text a copy would
        // hold every finding twice while it is made.
        if self.keep && self.findings.is_empty() {
            self.findings = findings;
        } else if self.keep {
            self.findings.extend(findings);
        }
        left
    }
}
