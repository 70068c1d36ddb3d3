//! Walking folders and command-line arguments into targets (native build only: the
//! browser page gets its files from the user, one by one).

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

use super::{InputIssue, IoProblem, Problem, Target};
use crate::extract::Format;

/// Which walked files to check: `--include` and `--exclude` globs, matched against the
/// path below the folder given (`*` crosses folders, so `*.md` matches `a/b.md`).
/// Files named on the command line are always checked.
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl PathFilter {
    /// Builds the filter; an invalid glob is returned as its error message.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let build = |globs: &[String]| -> Result<Option<GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                builder.add(Glob::new(glob).map_err(|e| format!("{glob}: {e}"))?);
            }
            builder.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(Self {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    fn is_excluded(&self, relative: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|set| set.is_match(relative))
    }

    fn is_included(&self, relative: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(relative))
    }
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub targets: Vec<Target>,
    pub problems: Vec<Problem>,
}

impl Discovery {
    /// Keeps share `share` of `shares` (1-based): each file by a hash of its path as
    /// reported, so that the split is the same on every machine and every run, and N
    /// runs over the same inputs check every file (and report every unreadable one)
    /// exactly once. Stdin belongs to the first share.
    pub fn keep_shard(&mut self, share: u64, shares: u64) {
        let mine = |path: &str| shard_of(path, shares) == share;
        self.targets.retain(|target| match target {
            Target::Stdin => share == 1,
            Target::File { .. } => mine(&target.display()),
        });
        self.problems.retain(|problem| mine(&problem.path));
    }
}

/// The 1-based share of `shares` a path falls into: the first eight bytes of the SHA-256
/// of the path (a hash that no Rust or platform version changes).
pub fn shard_of(path: &str, shares: u64) -> u64 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(path.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % shares.max(1) + 1
}

/// Resolves command-line arguments into targets. Directories are walked without
/// following symbolic links; hidden files and folders (".git") are left out. A file
/// named explicitly is read as plain text when its extension is unknown (templates come
/// as .tpl, .j2, .hbs ...); while walking, files of unknown formats are skipped.
pub fn discover(args: &[String], filter: &PathFilter) -> Discovery {
    let mut discovery = Discovery::default();
    for arg in args {
        if arg == "-" {
            discovery.targets.push(Target::Stdin);
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Err(error) => discovery.problems.push(Problem {
                path: arg.clone(),
                issue: InputIssue::Open(IoProblem::from(&error)),
            }),
            Ok(meta) if meta.is_dir() => walk(path, filter, &mut discovery),
            Ok(_) => discovery.targets.push(Target::File {
                path: path.to_path_buf(),
                format: format_of(path).unwrap_or(Format::Text),
                walked: false,
            }),
        }
    }
    discovery
}

/// The format by extension; by content when the extension is missing or unknown.
fn format_of(path: &Path) -> Option<Format> {
    let by_name = path.extension().and_then(|_| Format::of_path(path));
    by_name.or_else(|| {
        let mut head = [0u8; 4096];
        let read = std::fs::File::open(path)
            .and_then(|mut file| std::io::Read::read(&mut file, &mut head))
            .unwrap_or(0);
        Format::sniff(&head[..read]).or_else(|| path.extension().is_none().then_some(Format::Text))
    })
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn walk(root: &Path, filter: &PathFilter, discovery: &mut Discovery) {
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            !is_hidden(entry)
                && (entry.depth() == 0 || !filter.is_excluded(&relative(entry.path())))
        });
    for entry in walker {
        match entry {
            Err(error) => discovery.problems.push(Problem {
                path: error.path().unwrap_or(root).display().to_string(),
                issue: InputIssue::Walk(match error.io_error() {
                    Some(io) => IoProblem::from(io),
                    // A symbolic-link loop: walkdir's own error, no system error.
                    None => IoProblem {
                        kind: std::io::ErrorKind::Other,
                        text: error.to_string(),
                    },
                }),
            }),
            Ok(entry)
                if entry.file_type().is_file() && filter.is_included(&relative(entry.path())) =>
            {
                let path = entry.into_path();
                match format_of(&path) {
                    Some(format) => discovery.targets.push(Target::File {
                        path,
                        format,
                        walked: true,
                    }),
                    None => discovery.problems.push(Problem {
                        path: path.display().to_string(),
                        issue: InputIssue::Unsupported,
                    }),
                }
            }
            Ok(_) => {}
        }
    }
}
