//! Command-line interface definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
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
    /// Language of messages and explanations.
    #[arg(long, global = true, value_enum, default_value_t = Lang::De)]
    pub lang: Lang,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads stdin (the default when input is piped).
    /// Folders are searched recursively.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// In folders, check only files matching this glob (repeatable), e.g. `*.html`.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// In folders, skip files and folders matching this glob (repeatable), e.g. `archiv/**`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Leave out findings whose confidence (0–1) is lower.
    #[arg(long, value_name = "RATIO", default_value_t = 0.0)]
    pub min_confidence: f64,
    /// Show for every finding which pattern, vocabulary and context cues fired.
    #[arg(long)]
    pub explain: bool,
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
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Everything about one rule: norms, explanation, lawful wording, advice, examples.
    Explain {
        /// Rule id (FL101) or name (email-not-processed).
        id: String,
    },
    /// Run every rule's examples; exits 1 if one fails.
    Test {
        /// A folder of rule files to test (added to the built-in pack like --rules).
        dir: Option<PathBuf>,
    },
}
