//! Exit codes, and how a failed write to the output becomes one.

use crate::i18n::{Lang, t};

/// Exit code for an error (unreadable input, invalid rules or configuration).
pub const EXIT_ERROR: u8 = 2;

/// The exit code for an output result: broken pipes are normal (`| head`), other
/// write errors are errors.
pub fn finish<T>(result: std::io::Result<T>, lang: Lang) -> u8 {
    match result {
        Ok(_) => 0,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "Ausgabe fehlgeschlagen", "cannot write output")
            );
            EXIT_ERROR
        }
    }
}
