//! `formlos eval`.

use super::exit::EXIT_ERROR;
use crate::cli::{EvalArgs, ListFormat};
use crate::config::Settings;
use crate::eval::{evaluate, print_eval, read_labels};
use crate::i18n::{Lang, t};
use crate::input::{PathFilter, discover};
use crate::pipeline::{CheckOptions, check};
use crate::report::print_file_errors;
use crate::rules::{RuleSet, Severity};

pub(super) fn run_eval(args: &EvalArgs, rules: &RuleSet, lang: Lang) -> std::io::Result<u8> {
    let labels = match read_labels(&args.dir) {
        Ok(labels) => labels,
        Err(error) => {
            eprintln!(
                "formlos: {}: {error}",
                t(lang, "Markierungen nicht lesbar", "cannot read labels")
            );
            return Ok(EXIT_ERROR);
        }
    };
    let dir = args.dir.to_string_lossy().into_owned();
    let settings = Settings::default();
    let options = CheckOptions {
        settings: &settings,
        lang,
        fail_on: Severity::Info,
        min_confidence: 0.0,
        file_timeout: crate::budget::DEFAULT_FILE_TIMEOUT,
        explain: false,
        keep_text: true,
        keep_findings: true,
        progress: None,
    };
    let report = check(discover(&[dir], &PathFilter::default()), rules, options);
    print_file_errors(&report, lang, false, &mut std::io::stderr())?;
    let evaluation = evaluate(&labels, &report);
    let mut out = std::io::stdout().lock();
    print_eval(&evaluation, args.format == ListFormat::Json, lang, &mut out)?;
    let below = |minimum: Option<f64>, value: f64| minimum.is_some_and(|m| value < m);
    let failed = below(args.min_recall, evaluation.overall.recall)
        || below(args.min_precision, evaluation.overall.precision)
        || below(args.min_context_accuracy, evaluation.context_accuracy);
    Ok(if report.summary.files_with_errors > 0 {
        EXIT_ERROR
    } else {
        u8::from(failed)
    })
}
