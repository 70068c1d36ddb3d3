//! formlos finds statements in German agency communication that unlawfully restrict
//! formless contact (§ 9 SGB X, § 37 SGB II) and explains them.
//!
//! The data flows input -> extract -> normalize -> sentences/context -> match -> report;
//! each step is its own module.

pub mod app;
pub mod atomic;
pub mod budget;
mod builtin_regex;
pub mod cli;
pub mod config;
pub mod engine;
pub mod eval;
pub mod extract;
pub mod fix;
pub mod i18n;
pub mod input;
pub mod pipeline;
pub mod present;
pub mod progress;
pub mod reading;
pub mod redact;
pub mod report;
pub mod rules;
