//! Output selection: where each file's findings go while the run goes on (kept for the
//! end, streamed as JSON Lines or CSV, grouped, counted), and what is written at the end
//! (stdout in the chosen format, `--output` files, the GitHub job summary).

use std::io::Write;

use crate::cli::{CheckArgs, OutputFormat};
use crate::i18n::{Lang, t};
use crate::report::group::Groups;
use crate::report::stats::Stats;
use crate::report::{
    CSV_COLUMNS, FileReport, Finding, RenderContext, RunReport, csv_record, render, write_jsonl,
};

/// What happens to each file's findings while the run goes on.
pub(super) enum Sink {
    /// Kept for formats written at the end.
    Keep,
    /// Written as JSON Lines at once.
    Jsonl,
    /// Written as CSV rows at once.
    Csv(Box<csv::Writer<std::io::Stdout>>),
    /// Counted as distinct wordings (`--group`).
    Group(Groups),
    /// Counted in statistics tables (`formlos stats`).
    Stats(Stats),
}

impl Sink {
    pub fn keeps_findings(&self) -> bool {
        matches!(self, Sink::Keep)
    }

    /// Takes one file's findings.
    pub fn take(&mut self, file: &FileReport, findings: &[Finding]) -> std::io::Result<()> {
        match self {
            Sink::Keep => Ok(()),
            Sink::Jsonl => {
                let mut out = std::io::stdout().lock();
                findings
                    .iter()
                    .try_for_each(|finding| write_jsonl(finding, &mut out))?;
                out.flush()
            }
            Sink::Csv(writer) => {
                for finding in findings {
                    writer.write_record(csv_record(finding))?;
                }
                writer.flush()
            }
            Sink::Group(groups) => {
                findings.iter().for_each(|finding| groups.add(finding));
                Ok(())
            }
            Sink::Stats(stats) => {
                let format = file.format.as_deref().unwrap_or("?");
                findings
                    .iter()
                    .for_each(|finding| stats.add(finding, format));
                Ok(())
            }
        }
    }
}

/// The sink for `formlos check`: streaming when nothing needs the whole report, groups
/// with `--group`; `None` (after a message) when `--group` is asked of another format.
pub(super) fn check_sink(args: &CheckArgs, lang: Lang) -> std::io::Result<Option<Sink>> {
    let whole_report_needed =
        !args.output.is_empty() || args.write_baseline.is_some() || args.add_suppressions;
    Ok(Some(match args.format {
        _ if args.group => {
            if !matches!(
                args.format,
                OutputFormat::Human | OutputFormat::Json | OutputFormat::Csv
            ) {
                eprintln!(
                    "formlos: {}",
                    t(
                        lang,
                        "--group gibt es als human, json und csv",
                        "--group comes as human, json and csv"
                    )
                );
                return Ok(None);
            }
            Sink::Group(Groups::default())
        }
        OutputFormat::Jsonl if !whole_report_needed => Sink::Jsonl,
        OutputFormat::Csv if !whole_report_needed => {
            let mut writer = csv::Writer::from_writer(std::io::stdout());
            writer.write_record(CSV_COLUMNS)?;
            Sink::Csv(Box::new(writer))
        }
        _ => Sink::Keep,
    }))
}

/// Writes what is left to write on stdout at the end of `formlos check`, and the
/// GitHub job summary with `--format github`.
pub(super) fn print_check(
    format: OutputFormat,
    sink: &Sink,
    report: &RunReport,
    context: RenderContext<'_>,
) -> std::io::Result<()> {
    let lang = context.lang;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match sink {
        Sink::Keep => write_format(format, report, context, &mut out)?,
        Sink::Group(groups) => match format {
            OutputFormat::Json => groups.print_json(&mut out)?,
            OutputFormat::Csv => groups.print_csv(&mut out)?,
            _ => groups.print_table(lang, &mut out)?,
        },
        Sink::Jsonl | Sink::Csv(_) | Sink::Stats(_) => {}
    }
    out.flush()?;
    if format == OutputFormat::Github {
        write_github_summary(report, lang);
    }
    Ok(())
}

/// Writes the report in `format`: the HTML report from the presentation, every other
/// format from [`render`].
fn write_format(
    format: OutputFormat,
    report: &RunReport,
    context: RenderContext<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if format != OutputFormat::Html {
        return render(format, report, context, out);
    }
    let (letters, unchecked) = crate::present::letters_of(report);
    let options = crate::present::html::HtmlOptions {
        lang: context.lang,
        redact: context.redact,
        provenance: crate::present::Provenance::today(context.rules, context.lang),
    };
    let page = crate::present::html::render(&letters, &unchecked, context.rules, &options);
    out.write_all(page.as_bytes())
}

/// Writes each `--output FORMAT=FILE`; a file that cannot be written is an error.
pub(super) fn write_outputs(
    args: &CheckArgs,
    report: &RunReport,
    context: RenderContext<'_>,
) -> bool {
    let mut ok = true;
    for (format, path) in &args.output {
        let written = std::fs::File::create(path).and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            write_format(*format, report, context, &mut out)?;
            out.flush()
        });
        if let Err(error) = written {
            eprintln!("formlos: {}: {error}", path.display());
            ok = false;
        }
    }
    ok
}

/// With `--format github` inside GitHub Actions, the Markdown summary goes to the job
/// summary page as well (annotations beyond GitHub's limit are not lost).
fn write_github_summary(report: &RunReport, lang: Lang) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path);
    if let Ok(mut file) = file {
        let mut summary = Vec::new();
        if crate::report::print_markdown(report, lang, &mut summary).is_ok() {
            let _ = file.write_all(&summary);
        }
    }
}
