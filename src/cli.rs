//! Command-line interface definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::report::OutputFormat;

use crate::extract::ocr::OcrMode;
use crate::i18n::{Lang, say};
use crate::rules::Severity;

/// formlos: finds statements in agency letters, notices and templates that unlawfully
/// restrict formless contact with a social-benefit agency (§ 9 SGB X, § 37 SGB II).
#[derive(Debug, Parser)]
#[command(name = "formlos", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Language of messages, explanations and help: de or en [default: de, or `lang` in
    /// formlos.yaml; help and usage errors also follow an English locale (LANG=en…)].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Read settings from this file instead of the formlos.yaml (or .formlos.yaml)
    /// found in the current folder or its parents.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files; use only flags and defaults.
    #[arg(long, global = true)]
    pub isolated: bool,
    /// Add the rule files (*.yaml) in this folder; a rule with a built-in id replaces it.
    #[arg(long = "rules", global = true, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the rules given with --rules, not the built-in rule pack.
    #[arg(long, global = true)]
    pub no_default_rules: bool,
    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check letters, notices and templates (files, folders, or - for stdin).
    Check(CheckArgs),
    /// List, explain and test the rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Measure the rules on a labelled corpus (a folder with labels.yaml).
    Eval(EvalArgs),
    /// Count findings by rule family, sender, month and format (for archives).
    Stats(StatsArgs),
    /// Print the text of files exactly as the checks read it: units, paragraphs,
    /// pages and lines marked (`--format json` for the same as data).
    Text(TextArgs),
    /// Replace reported sentences with the rules' lawful wording (plain text, Markdown
    /// and HTML files only); shows a diff or writes the files.
    Fix(FixArgs),
    /// Write a self-contained HTML report for the person who got the letter: what each
    /// finding means, what they can do, the norms and decisions (German alias: bericht).
    #[command(alias = "bericht")]
    Report(ReportArgs),
    /// Draft a reply to the agency from the findings: text, Markdown or Word (DOCX)
    /// (German alias: antwort).
    #[command(alias = "antwort")]
    Reply(ReplyArgs),
    /// Write a commented formlos.yaml into the current folder.
    Init {
        /// Overwrite an existing formlos.yaml.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (roff): without --dir the main page to stdout, with --dir
    /// a page for every command into the folder.
    Man {
        /// Write a page for every command into this folder (formlos.1, formlos-check.1,
        /// formlos-rules-list.1 …).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// What to check and which rules apply: shared by `check`, `stats`, `fix` and `text`.
#[derive(Debug, Args)]
pub struct InputArgs {
    #[command(flatten)]
    pub paths: PathArgs,
    /// Run only these rules: ids (FL101), prefixes (FL1), names, families or ALL
    /// (comma-separated, repeatable); replaces `select` of formlos.yaml.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated, repeatable); added to `ignore`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Severity of a rule or family, e.g. `FL302=error` (repeatable).
    #[arg(long, value_name = "RULE=LEVEL", value_parser = parse_severity)]
    pub severity: Vec<(String, Severity)>,
    /// Rules not applied to files matching a glob, e.g. `zitate/**=FL101,FL102`
    /// (repeatable); added to `per-file-ignores`.
    #[arg(long, value_name = "GLOB=RULES", value_parser = parse_per_file_ignore)]
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// Mail-merge placeholder pattern (regex) hidden from the rules (repeatable);
    /// replaces the defaults and `placeholders`.
    #[arg(long, value_name = "REGEX")]
    pub placeholder: Vec<String>,
    /// Leave out findings whose confidence (0–1) is lower [default: 0].
    #[arg(long, value_name = "RATIO")]
    pub min_confidence: Option<f64>,
    /// Read scans and photos with OCR (Tesseract): auto (images, and PDF pages that are
    /// scans), always (every PDF page), never.
    #[arg(long, value_enum, default_value_t = OcrMode::Auto)]
    pub ocr: OcrMode,
    /// Keep OCR results in DIR (readable by the owner only), keyed by the file's
    /// SHA-256, so that a second run is quick. Off by default: letters hold personal
    /// data. Runs with --redact read it but never write to it.
    #[arg(long, value_name = "DIR")]
    pub ocr_cache: Option<PathBuf>,
    /// Seconds reading and checking one file may take; a file that takes longer is
    /// reported as an error (too costly to check) and the run goes on.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub file_timeout: u64,
}

/// Which files: paths, lists of paths, folder filters and a share of the whole.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// Files or folders to check; `-` reads stdin (the default when input is piped).
    /// Folders are searched recursively.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Also check the paths listed in FILE (`-` for stdin), separated by NUL bytes
    /// (`find -print0`) or, without any NUL, by line breaks.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<String>,
    /// Check only share K of N (`--shard 2/8`): files are split by a hash of their
    /// path, so that N runs on N machines check every file exactly once.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
    /// In folders, check only files matching this glob (repeatable), e.g. `*.html`;
    /// replaces `include` of formlos.yaml.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// In folders, skip files and folders matching this glob (repeatable), e.g.
    /// `archiv/**`; added to `exclude` of formlos.yaml.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

fn parse_shard(value: &str) -> Result<(u64, u64), String> {
    let parsed = value
        .split_once('/')
        .and_then(|(k, n)| Some((k.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?)));
    match parsed {
        Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok((k, n)),
        _ => Err(say(
            "erwartet K/N mit 1 ≤ K ≤ N, z. B. 3/8",
            "expected K/N with 1 ≤ K ≤ N, e.g. 3/8",
        )
        .to_string()),
    }
}

fn parse_severity(value: &str) -> Result<(String, Severity), String> {
    let (rule, level) = value.split_once('=').ok_or_else(|| {
        say(
            "erwartet REGEL=STUFE, z. B. FL302=error",
            "expected RULE=LEVEL, e.g. FL302=error",
        )
        .to_string()
    })?;
    let level = match level.trim() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => {
            return Err(format!(
                "{} {other:?}; {}",
                say("unbekannte Stufe", "unknown level"),
                say(
                    "möglich sind error, warning oder info",
                    "use error, warning or info"
                )
            ));
        }
    };
    Ok((rule.trim().to_string(), level))
}

fn parse_per_file_ignore(value: &str) -> Result<(String, Vec<String>), String> {
    let (glob, rules) = value.rsplit_once('=').ok_or_else(|| {
        say(
            "erwartet MUSTER=REGELN, z. B. zitate/**=FL101,FL102",
            "expected GLOB=RULES, e.g. zitate/**=FL101,FL102",
        )
        .to_string()
    })?;
    let rules: Vec<String> = rules
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    if rules.is_empty() {
        return Err(say(
            "nach = mindestens eine Regel nennen",
            "name at least one rule after =",
        )
        .into());
    }
    Ok((glob.to_string(), rules))
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print a unified diff of the changes (the default).
    #[arg(long, conflicts_with = "write")]
    pub diff: bool,
    /// Write the changes into the files (atomically).
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The corpus folder: documents plus labels.yaml.
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Exit with 1 when overall recall is lower.
    #[arg(long, value_name = "RATIO")]
    pub min_recall: Option<f64>,
    /// Exit with 1 when overall precision is lower.
    #[arg(long, value_name = "RATIO")]
    pub min_precision: Option<f64>,
    /// Exit with 1 when context accuracy is lower.
    #[arg(long, value_name = "RATIO")]
    pub min_context_accuracy: Option<f64>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Also write a format to a file, e.g. `sarif=formlos.sarif` (repeatable).
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub output: Vec<(OutputFormat, PathBuf)>,
    /// Exit with 1 when a finding has at least this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Show for every finding which pattern, vocabulary and context cues fired.
    #[arg(long)]
    pub explain: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings as the baseline in FILE (and exit 0 unless an input
    /// could not be checked).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Insert a `formlos-disable-next-line` comment above every finding in plain text,
    /// Markdown and HTML files, with a reason to fill in.
    #[arg(long)]
    pub add_suppressions: bool,
    /// Whether inline suppressions need a reason after `--` [default: true].
    #[arg(long, value_name = "BOOL")]
    pub require_reason: Option<bool>,
    /// Show each distinct wording once, with how often and in how many documents it
    /// was found and the first and last date (formats human, json, csv).
    #[arg(long)]
    pub group: bool,
    /// Replace personal data (private e-mail addresses, phone numbers, IBANs,
    /// BG-/customer numbers, names, addresses, dates of birth) in all output.
    #[arg(long)]
    pub redact: bool,
    /// No progress bar (it is shown only when stderr is a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write one report for all letters to FILE (`-` for stdout). Without it, each
    /// letter gets its own report in the current folder: NAME-bericht.html
    /// (NAME-report.html with --lang en).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace personal data (names, addresses, numbers, private e-mail addresses) in
    /// the letter's text, the sentences and the reference numbers.
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Args)]
pub struct ReplyArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Who the reply is for: the agency, its supervising authority (a complaint,
    /// Dienstaufsichtsbeschwerde) or the counsellor's file (a note).
    #[arg(long, value_enum, default_value_t = ReplyTo::Agency)]
    pub to: ReplyTo,
    /// The sender's name [default: a marked placeholder].
    #[arg(long)]
    pub name: Option<String>,
    /// The sender's address, lines separated by commas [default: a marked placeholder].
    #[arg(long)]
    pub address: Option<String>,
    /// The sender's customer or BG number [default: the letter's, else a placeholder].
    #[arg(long)]
    pub reference: Option<String>,
    /// Days the agency is given to confirm in writing.
    #[arg(long, value_name = "DAYS", default_value_t = 14)]
    pub deadline: u32,
    /// Output format [default: from the extension of --output, else text].
    #[arg(long, value_enum)]
    pub format: Option<ReplyFormat>,
    /// Write the reply to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplyTo {
    Agency,
    Supervisor,
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplyFormat {
    Text,
    Markdown,
    Docx,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Tables, or all tables as one CSV or JSON.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
    /// Replace personal data in the tables (senders that are private persons).
    #[arg(long)]
    pub redact: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Text with markers, or the same as JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Csv,
    Json,
}

fn parse_output(value: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, file) = value.split_once('=').ok_or_else(|| {
        say(
            "erwartet FORMAT=DATEI, z. B. sarif=formlos.sarif",
            "expected FORMAT=FILE, e.g. sarif=formlos.sarif",
        )
        .to_string()
    })?;
    let format = OutputFormat::from_str(format, true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        format!(
            "{} {format:?}; {} {}",
            say("unbekanntes Format", "unknown format"),
            say("möglich sind", "use one of"),
            names.join(", ")
        )
    })?;
    if file.is_empty() {
        return Err(say("nach = eine Datei nennen", "name a file after =").into());
    }
    Ok((format, PathBuf::from(file)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List all rules.
    List {
        /// A table, or JSON.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Everything about one rule: norms, explanation, lawful wording, advice, examples.
    Explain {
        /// Rule id (FL101) or name (email-not-processed).
        id: String,
        /// Also show the patterns and the exceptions' regular expressions (for rule
        /// authors).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Print what the rule pack's prefilter searches for, one regex per line (e.g. for
    /// `rg -i -f`; used by scripts/bench.py).
    Triggers,
    /// Run every rule's examples; exits 1 if one fails.
    Test {
        /// A folder of rule files to test (added to the built-in pack like --rules).
        dir: Option<PathBuf>,
    },
}
