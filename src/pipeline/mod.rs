//! The check pipeline: read -> extract -> engine -> findings with positions, for every
//! input in parallel, reported in path order.
//!
//! Each step is its own module: [`target`] reads and extracts one file, [`mbox`] streams
//! an mbox archive, [`document`] checks an extracted document and applies the project's
//! settings, [`finding`] turns an engine hit into a [`Finding`](crate::report::Finding)
//! with positions, [`sentence_fix`] plans the lawful rewording of a sentence.

mod collect;
mod document;
mod file_report;
mod finding;
mod mbox;
mod options;
mod place;
mod sentence_fix;
mod target;

use rayon::prelude::*;

use crate::extract::Format;
use crate::input::{Discovery, Target};
use crate::report::{RunReport, Tally};
use crate::rules::RuleSet;
use collect::Collected;
pub use collect::FileHook;
use file_report::problem_report;
use mbox::check_mbox;
pub use options::CheckOptions;
pub use target::MAX_FILE_BYTES;
use target::check_target;
pub(crate) use target::read_target;

/// What stands between two units in a file's checked text (`FileReport::text`), where
/// findings' `text_span`s point.
const UNIT_SEPARATOR: &str = "\n\n";

/// Checks every discovered target; files are processed in parallel and reported in
/// path order so that output is the same on every run.
pub fn check(discovery: Discovery, rules: &RuleSet, options: CheckOptions<'_>) -> RunReport {
    check_streaming(discovery, rules, options, &mut |_, _| {})
}

/// An input in the order of the report: a target to check or a problem found on the way.
enum Item {
    Target(Target),
    Problem(crate::input::Problem),
}

impl Item {
    /// An mbox archive: read on the thread that reports, in parallel batches of
    /// messages, so that its findings are passed on while it is read.
    fn mbox(&self) -> Option<&std::path::Path> {
        match self {
            Item::Target(Target::File {
                path,
                format: Format::Mbox,
                ..
            }) => Some(path),
            _ => None,
        }
    }
}

/// Like [`check`], passing each file through `hook` while later files are still being
/// checked, so that output can be streamed.
pub fn check_streaming(
    discovery: Discovery,
    rules: &RuleSet,
    options: CheckOptions<'_>,
    hook: &mut FileHook<'_>,
) -> RunReport {
    let mut items: Vec<(String, Item)> = discovery
        .targets
        .into_iter()
        .map(|target| (target.display(), Item::Target(target)))
        .chain(
            discovery
                .problems
                .into_iter()
                .map(|problem| (problem.path.clone(), Item::Problem(problem))),
        )
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files = Vec::with_capacity(items.len());
    let mut collected = Collected {
        hook,
        keep: options.keep_findings,
        findings: Vec::new(),
        tally: Tally::default(),
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    let items = &items;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            items
                .par_iter()
                .enumerate()
                .for_each_with(sender, |sender, (index, (path, item))| {
                    let result = match item {
                        _ if item.mbox().is_some() => None,
                        Item::Target(target) => Some(check_target(target, rules, options)),
                        Item::Problem(problem) => Some((
                            problem_report(path.clone(), None, &problem.issue, options.lang),
                            Vec::new(),
                        )),
                    };
                    // The receiver lives until every sender is gone.
                    let _ = sender.send((index, result));
                });
        });
        // Results arrive in any order; they are passed on in path order.
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for (index, result) in receiver {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&next) {
                let file = match (result, items[next].1.mbox()) {
                    (Some((mut file, findings)), _) => {
                        file.findings = collected.take(&file, findings);
                        file
                    }
                    (None, Some(mbox)) => {
                        check_mbox(items[next].0.clone(), mbox, rules, options, &mut collected)
                    }
                    (None, None) => continue,
                };
                if let Some(progress) = options.progress {
                    progress.file_done();
                }
                files.push(file);
                next += 1;
            }
        }
    });
    RunReport::from_tally(collected.findings, files, collected.tally, options.fail_on)
}
