//! Discovering what to check: files, directories (walked recursively) and stdin.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

use crate::extract::{ExtractError, Format};
use crate::i18n::Lang;

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin,
    /// A file and the format to read it in; `walked` when found in a folder rather than
    /// named on the command line.
    File {
        path: PathBuf,
        format: Format,
        walked: bool,
    },
}

impl Target {
    /// The path as shown in reports; stdin is `<stdin>`.
    pub fn display(&self) -> String {
        match self {
            Target::Stdin => STDIN_NAME.to_string(),
            Target::File { path, .. } => path.display().to_string(),
        }
    }
}

pub const STDIN_NAME: &str = "<stdin>";

/// An input that is not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub issue: InputIssue,
}

/// Why an input is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputIssue {
    /// The path does not exist or cannot be opened (the system's reason).
    Open(String),
    /// Part of a folder cannot be walked: permissions, a symlink loop.
    Walk(String),
    /// The file cannot be read.
    Read(String),
    /// The file's bytes cannot be turned into text.
    Extract(ExtractError),
    /// Found while walking a folder, in a format formlos does not read.
    Unsupported,
    /// Found while walking a folder: binary content behind a text extension.
    BinaryInFolder,
    /// Reading and checking the file took longer than its time budget (`--file-timeout`);
    /// what it found so far is dropped.
    OverBudget { seconds: u64, bytes: u64 },
}

impl InputIssue {
    /// Whether this makes the run fail with exit code 2. Unsupported files met while
    /// walking a folder are skipped on purpose and only noted.
    pub fn is_error(&self) -> bool {
        !matches!(self, InputIssue::Unsupported | InputIssue::BinaryInFolder)
    }

    /// The reason and what to do, for a person.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputIssue::Open(e), Lang::De) => {
                format!("kann nicht geöffnet werden: {e}; bitte den Pfad prüfen")
            }
            (InputIssue::Open(e), Lang::En) => format!("cannot open: {e}; check the path"),
            (InputIssue::Walk(e), Lang::De) => {
                format!("Teil des Ordners nicht lesbar: {e}; bitte Zugriffsrechte prüfen")
            }
            (InputIssue::Walk(e), Lang::En) => {
                format!("cannot read this part of the folder: {e}; check permissions")
            }
            (InputIssue::Read(e), Lang::De) => {
                format!(
                    "kann nicht gelesen werden: {e}; bitte prüfen, ob die Datei existiert und lesbar ist"
                )
            }
            (InputIssue::Read(e), Lang::En) => {
                format!("cannot read: {e}; check that the file exists and is readable")
            }
            (InputIssue::Extract(e), lang) => e.describe(lang),
            (InputIssue::Unsupported, Lang::De) => {
                "Format nicht unterstützt; formlos liest Text-, Markdown- und HTML-Dateien".into()
            }
            (InputIssue::BinaryInFolder, Lang::De) => {
                "Binärdatei übersprungen (enthält NUL-Bytes)".into()
            }
            (InputIssue::BinaryInFolder, Lang::En) => {
                "binary file skipped (contains NUL bytes)".into()
            }
            (InputIssue::Unsupported, Lang::En) => {
                "format not supported; formlos reads plain text, Markdown and HTML".into()
            }
            (InputIssue::OverBudget { seconds, bytes }, Lang::De) => format!(
                "zu aufwendig zu prüfen: nach {seconds} s abgebrochen ({}), Funde verworfen; bitte die Datei aufteilen oder mit `--file-timeout` mehr Zeit geben",
                megabytes(*bytes, lang)
            ),
            (InputIssue::OverBudget { seconds, bytes }, Lang::En) => format!(
                "too costly to check: stopped after {seconds} s ({}), findings dropped; split the file or allow more time with `--file-timeout`",
                megabytes(*bytes, lang)
            ),
        }
    }
}

/// A file size for a person, in megabytes with one decimal ("8,0 MB" in German).
fn megabytes(bytes: u64, lang: Lang) -> String {
    let size = format!("{:.1} MB", bytes as f64 / 1e6);
    match lang {
        Lang::De => size.replace('.', ","),
        Lang::En => size,
    }
}

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
                issue: InputIssue::Open(error.to_string()),
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
                issue: InputIssue::Walk(error.to_string()),
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
