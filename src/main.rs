use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = formlos::interface::parse();
    ExitCode::from(formlos::app::run(cli))
}
