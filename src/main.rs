use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = formlos::cli::Cli::parse();
    ExitCode::from(formlos::app::run(cli))
}
