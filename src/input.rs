//! Discovering what to check: files, directories (walked recursively) and stdin.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::extract::Format;

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin,
    /// A file and the format to read it in.
    File { path: PathBuf, format: Format },
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
    pub reason: String,
    /// `true` for inputs that cannot be read (exit code 2); `false` for files skipped
    /// on purpose while walking a directory (unsupported formats).
    pub is_error: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub targets: Vec<Target>,
    pub problems: Vec<Problem>,
}

/// Resolves command-line arguments into targets. Directories are walked without
/// following symbolic links; hidden files and folders (".git") are left out. A file
/// named explicitly is read as plain text when its extension is unknown (templates come
/// as .tpl, .j2, .hbs ...); while walking, files of unknown formats are skipped.
pub fn discover(args: &[String]) -> Discovery {
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
                reason: format!("cannot open: {error}; check the path"),
                is_error: true,
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut discovery),
            Ok(_) => discovery.targets.push(Target::File {
                path: path.to_path_buf(),
                format: Format::of_path(path).unwrap_or(Format::Text),
            }),
        }
    }
    discovery
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn walk(root: &Path, discovery: &mut Discovery) {
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_hidden(entry));
    for entry in walker {
        match entry {
            Err(error) => discovery.problems.push(Problem {
                path: error
                    .path()
                    .unwrap_or(root)
                    .display()
                    .to_string(),
                reason: format!("cannot read this part of the folder: {error}; check permissions"),
                is_error: true,
            }),
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                match Format::of_path(&path) {
                    Some(format) => discovery.targets.push(Target::File { path, format }),
                    None => discovery.problems.push(Problem {
                        path: path.display().to_string(),
                        reason: "format not supported; formlos reads plain text and Markdown".into(),
                        is_error: false,
                    }),
                }
            }
            Ok(_) => {}
        }
    }
}
