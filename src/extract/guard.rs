//! Running code that may panic on hostile input without letting the panic reach the
//! user: pdf-extract panics on damaged files by design, and a bug anywhere in reading a
//! file must cost that file, not the run.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while guarded code runs on this thread, so its panics stay quiet.
    static IN_EXTRACTOR: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that is silent for panics inside guarded code and prints
/// every other panic as before.
fn quiet_extractor_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_EXTRACTOR.with(Cell::get) {
                default_hook(info);
            }
        }));
    });
}

/// Runs `f` with panics caught and kept quiet; `None` when it panicked.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    quiet_extractor_panics();
    IN_EXTRACTOR.with(|flag| flag.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f)).ok();
    IN_EXTRACTOR.with(|flag| flag.set(false));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_none_and_results_pass_through() {
        assert_eq!(guarded(|| 7), Some(7));
        assert_eq!(guarded(|| -> i32 { panic!("hostile input") }), None);
    }
}
