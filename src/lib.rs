//! formlos finds statements in German agency communication that unlawfully restrict
//! formless contact (§ 9 SGB X, § 37 SGB II) and explains them.
//!
//! The data flows input -> extract -> normalize -> sentences/context -> match -> report;
//! each step is its own module.
//!
//! The feature `native` (on by default) adds what needs an operating system: the
//! command line (`cli`, `app`), walking folders and threads (`input::walk`,
//! `pipeline::run`), the progress bar and files written in place. Without it the
//! library builds for the browser (feature `web`, see `web.rs`).

#[cfg(feature = "native")]
pub mod app;
#[cfg(feature = "native")]
pub mod atomic;
pub mod budget;
mod builtin_regex;
#[cfg(feature = "native")]
pub mod cli;
pub mod config;
pub mod engine;
#[cfg(feature = "native")]
pub mod eval;
pub mod extract;
#[cfg(feature = "native")]
pub mod fix;
pub mod i18n;
pub mod input;
#[cfg(feature = "native")]
pub mod interface;
pub mod pipeline;
pub mod present;
#[cfg(feature = "native")]
pub mod progress;
#[cfg(feature = "native")]
pub mod reading;
pub mod redact;
pub mod report;
pub mod rules;
#[cfg(feature = "web")]
pub mod web;
