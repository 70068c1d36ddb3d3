//! The time budget of one file: a deadline that reading and checking look at between
//! steps, so that no input can hold a run for minutes and the run goes on with the next
//! file. Cooperative rather than a killed thread: the engine stops at the next sentence
//! and leaves nothing running behind.
//!
//! On `wasm32-unknown-unknown` there is no clock (`Instant::now` panics there), and a
//! page in a browser checks one letter at a time: every deadline is endless there.

use std::time::Duration;

/// How long one file may take by default (`--file-timeout`).
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(60);

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
type Clock = std::time::Instant;

/// A stand-in for the clock where there is none: never reached.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[derive(Debug, Clone, Copy)]
enum Clock {}

/// The moment by which a file must be done, if any.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: Option<Clock>,
    /// The budget it was set with, for the message.
    budget: Duration,
}

/// Reading or checking a file ran past its [`Deadline`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget {
    /// The budget that was exceeded.
    pub budget: Duration,
}

impl Deadline {
    /// No deadline: for callers that check one text and wait for it.
    pub const NONE: Deadline = Deadline {
        at: None,
        budget: Duration::MAX,
    };

    /// `budget` from now (endless where there is no clock, or when it overflows).
    pub fn after(budget: Duration) -> Self {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        let at = Clock::now().checked_add(budget);
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        let at = None;
        Self { at, budget }
    }

    /// The time left, `None` when there is no deadline.
    pub fn remaining(&self) -> Option<Duration> {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        return self.at.map(|at| at.saturating_duration_since(Clock::now()));
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        return self.at.map(|never| match never {});
    }

    /// `Err` once the deadline has passed.
    pub fn check(&self) -> Result<(), OverBudget> {
        match self.remaining() {
            Some(left) if left.is_zero() => Err(OverBudget {
                budget: self.budget,
            }),
            _ => Ok(()),
        }
    }

    /// The budget it was set with.
    pub fn budget(&self) -> Duration {
        self.budget
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_passes_after_its_budget_and_none_never_does() {
        let zero = Deadline::after(Duration::ZERO);
        assert_eq!(
            zero.check(),
            Err(OverBudget {
                budget: Duration::ZERO
            })
        );
        let long = Deadline::after(Duration::from_secs(3600));
        assert_eq!(long.check(), Ok(()));
        assert!(
            long.remaining()
                .is_some_and(|left| left > Duration::from_secs(3500))
        );
        assert_eq!(Deadline::NONE.check(), Ok(()));
        assert_eq!(Deadline::NONE.remaining(), None);
        assert_eq!(Deadline::after(Duration::MAX).check(), Ok(()));
    }
}
