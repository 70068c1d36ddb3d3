//! Properties that must hold for any input: the engine never panics, every reported
//! span lies on character boundaries of the checked text, and offset maps are monotonic.

use std::sync::LazyLock;

use formlos::engine::check_text;
use formlos::engine::normalize::normalize;
use formlos::engine::sentences::split;
use formlos::extract::mbox::MboxMessages;
use formlos::extract::{Format, extract};
use formlos::rules::{RuleSet, builtin_sources, load};
use proptest::prelude::*;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    load(&[builtin_sources()]).unwrap_or_else(|e| panic!("built-in rules: {e:?}"))
});

/// Text that looks like agency prose: German words, restriction vocabulary, line
/// breaks, hyphens at line ends, soft hyphens, quotes and reply markers.
fn letterish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "E-Mails",
        "werden",
        "nicht",
        "mehr",
        "bearbeitet",
        "ausschließlich",
        "über",
        "das",
        "Portal",
        "Kommuni-\n",
        "kation",
        "\u{ad}",
        "„",
        "“",
        ".",
        ",",
        "?",
        "\n",
        "\n\n",
        "> ",
        "- ",
        "Abs.",
        "1.",
        "Oktober",
        "Anträge",
        "telefonisch",
        "Fax",
        "Ku\u{308}ndigung",
        "\u{a0}",
        "\r\n",
        "ß",
        "ẞ",
        "\t",
        "Widerspruch",
        "sei",
        "teilte",
        "mit",
        "Sie",
        "🙂",
        "{{ name }}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn engine_never_panics_and_spans_are_boundaries(text in "\\PC{0,200}") {
        for hit in check_text(&RULES, &text) {
            prop_assert!(hit.span.start <= hit.span.end && hit.span.end <= text.len());
            prop_assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
        }
    }

    #[test]
    fn letter_like_text_keeps_spans_in_bounds(text in letterish()) {
        for hit in check_text(&RULES, &text) {
            prop_assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
            prop_assert!(text.is_char_boundary(hit.sentence.start) && text.is_char_boundary(hit.sentence.end));
            prop_assert!(hit.sentence.start <= hit.span.start && hit.span.end <= hit.sentence.end);
        }
    }

    #[test]
    fn offset_map_is_monotonic_and_in_bounds(text in letterish()) {
        let normalized = normalize(&text);
        let mut last = 0;
        for offset in 0..=normalized.text.len() {
            let origin = normalized.map.map(offset);
            prop_assert!(origin >= last, "map went backwards at {}", offset);
            prop_assert!(origin <= text.len());
            last = origin;
        }
    }

    #[test]
    fn sentences_are_ordered_trimmed_and_inside_their_paragraphs(text in letterish()) {
        let normalized = normalize(&text).text;
        let segmentation = split(&normalized);
        let mut end = 0;
        for sentence in &segmentation.sentences {
            prop_assert!(sentence.range.start >= end);
            let slice = &normalized[sentence.range.clone()];
            prop_assert_eq!(slice, slice.trim());
            let paragraph = &segmentation.paragraphs[sentence.paragraph];
            prop_assert!(paragraph.start <= sentence.range.start && sentence.range.end <= paragraph.end);
            end = sentence.range.end;
        }
    }

    #[test]
    fn every_reader_survives_arbitrary_bytes(
        selector in 0usize..Format::ALL.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let format = Format::ALL[selector];
        if format == Format::Mbox {
            for message in MboxMessages::new(&bytes[..]).flatten() {
                let _ = extract(Format::Email, &message.bytes);
            }
        } else {
            let _ = extract(format, &bytes);
        }
    }

    #[test]
    fn readers_survive_damaged_real_files(
        file in prop::sample::select(vec![
            "letter-two-pages.pdf", "letter-runs.docx", "notice-fax.odt", "auto-reply-html-only.eml",
            "archive.mbox", "webpage-portal-only.html",
        ]),
        cut in 0usize..4096,
        flip in any::<u8>(),
    ) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/documents").join(file);
        let mut bytes = std::fs::read(&path).unwrap_or_default();
        if !bytes.is_empty() {
            let at = cut % bytes.len();
            bytes[at] ^= flip;
            bytes.truncate(bytes.len() - cut % (bytes.len() / 2 + 1));
        }
        let format = Format::of_path(&path).unwrap_or(Format::Text);
        let _ = extract(format, &bytes);
    }
}
