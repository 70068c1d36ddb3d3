//! Checking the inputs of a run: files and stdin are read and checked in parallel and
//! reported in path order; an mbox archive is streamed. Native build only (threads, the
//! file system); the browser page checks one file's bytes with [`super::check_bytes`].

use std::io::Read;

use rayon::prelude::*;

use super::collect::Collected;
pub use super::collect::FileHook;
use super::file_report::problem_report;
use super::mbox::check_mbox;
use super::options::CheckOptions;
use super::target::{MAX_FILE_BYTES, check_bytes};
use crate::extract::{ExtractError, Format};
use crate::input::{Discovery, InputIssue, IoProblem, Target};
use crate::report::{FileReport, Finding, RunReport, Tally};
use crate::rules::RuleSet;

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

/// The bytes of a file (or stdin) and the format its name promises, within the size
/// limit.
pub(crate) fn read_target(target: &Target) -> Result<(Vec<u8>, Format), InputIssue> {
    let too_large = || {
        InputIssue::Extract(ExtractError::TooLarge(format!(
            "more than {} MiB",
            MAX_FILE_BYTES >> 20
        )))
    };
    let read_error = |error: std::io::Error| InputIssue::Read(IoProblem::from(&error));
    let (reader, format): (Box<dyn Read>, Format) = match target {
        Target::Stdin => (Box::new(std::io::stdin()), Format::Text),
        Target::File { path, format, .. } => {
            let file = std::fs::File::open(path).map_err(read_error)?;
            if file.metadata().map_err(read_error)?.len() > MAX_FILE_BYTES {
                return Err(too_large());
            }
            (Box::new(file), *format)
        }
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok((bytes, format))
}

pub(super) fn check_target(
    target: &Target,
    rules: &RuleSet,
    options: CheckOptions<'_>,
) -> (FileReport, Vec<Finding>) {
    let path = target.display();
    match read_target(target) {
        Ok((bytes, _)) if bytes.is_empty() && matches!(target, Target::File { .. }) => {
            let named = matches!(target, Target::File { walked: false, .. });
            let issue = InputIssue::Empty { named };
            (problem_report(path, None, &issue, options.lang), Vec::new())
        }
        Ok((bytes, format)) => {
            if let Some(progress) = options.progress {
                progress.advance(bytes.len() as u64);
            }
            let walked = matches!(target, Target::File { walked: true, .. });
            check_bytes(path, (bytes.into(), format), walked, rules, options)
        }
        Err(issue) => (problem_report(path, None, &issue, options.lang), Vec::new()),
    }
}
