//! The engine (normalize, split, match, context) on arbitrary text: spans must stay on
//! character boundaries of the input.
#![no_main]

use std::sync::LazyLock;

use formlos::engine::check_text;
use formlos::rules::{RuleSet, builtin_sources, load};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| load(&[builtin_sources()]).unwrap_or_else(|e| panic!("built-in rules: {e:?}")));

fuzz_target!(|text: &str| {
    for hit in check_text(&RULES, text) {
        assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
    }
});
