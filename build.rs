//! Embeds every YAML file under rules/ into the binary, so that formlos works from any
//! directory and adding a rule file never touches Rust code.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut files: Vec<_> = fs::read_dir(&rules_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.extension()
                        .is_some_and(|ext| ext == "yaml" || ext == "yml")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            format!("rules/{name}"),
            path.display().to_string()
        );
    }
    code.push(']');
    let out =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("builtin_rules.rs");
    if let Err(error) = fs::write(&out, code) {
        panic!("cannot write {}: {error}", out.display());
    }
}
