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

/// A letter made of salutations, restrictions that have a lawful replacement, neutral
/// sentences and placeholders in several template syntaxes, in one line or several.
fn template_letter() -> impl Strategy<Value = String> {
    let lead = prop::sample::select(vec![
        "",
        "Guten Tag {{name}}, ",
        "Sehr geehrte Frau «Nachname», ",
        "Hallo ${vorname}, ",
        "{{ anrede }}, ",
        "Guten Tag, ",
        "Wir bitten um Verständnis, dass ",
        "Liebe [[kunde]]: ",
    ]);
    let sentence = prop::sample::select(vec![
        "Anhänge werden nicht geöffnet.",
        "E-Mails werden nicht bearbeitet.",
        "Faxe werden nicht angenommen.",
        "Anträge können nur mit Formular gestellt werden.",
        "Anträge per E-Mail an {{ email }} werden nicht bearbeitet.",
        "Faxe an {% fax %} werden nicht angenommen.",
        "E-Mails werden nicht bearbeitet, {{name}}.",
        "Vielen Dank für Ihre Nachricht.",
        "Ihr Jobcenter {{ort}}.",
    ]);
    let separator = prop::sample::select(vec![" ", "\n", "\n\n", "\r\n"]);
    prop::collection::vec((lead, sentence, separator), 1..6).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(lead, sentence, separator)| format!("{lead}{sentence}{separator}"))
            .collect()
    })
}

/// Every placeholder in `text` (the default placeholder syntaxes), in order.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = formlos::config::DEFAULT_PLACEHOLDERS
        .iter()
        .filter_map(|pattern| regex::Regex::new(pattern).ok())
        .flat_map(|regex| {
            regex
                .find_iter(text)
                .map(|m| (m.start(), m.as_str().to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, text)| text).collect()
}

/// Whether `changed` is `original` with some of the `fixes` (offset, length,
/// replacement) applied and every other byte as it was.
fn only_spans_changed(original: &str, changed: &str, fixes: &[(usize, usize, String)]) -> bool {
    if original == changed {
        return true;
    }
    fixes
        .iter()
        .enumerate()
        .any(|(index, (offset, length, replacement))| {
            let (before, after) = (&original[..*offset], &original[offset + length..]);
            changed.starts_with(before)
                && changed[before.len()..].starts_with(replacement.as_str())
                && only_spans_changed_from(
                    after,
                    &changed[before.len() + replacement.len()..],
                    &fixes[index + 1..],
                    offset + length,
                )
        })
}

/// [`only_spans_changed`] for the rest of the text from byte `from` of the original.
fn only_spans_changed_from(
    rest: &str,
    changed: &str,
    fixes: &[(usize, usize, String)],
    from: usize,
) -> bool {
    let shifted: Vec<(usize, usize, String)> = fixes
        .iter()
        .filter(|(offset, _, _)| *offset >= from)
        .map(|(offset, length, replacement)| (offset - from, *length, replacement.clone()))
        .collect();
    only_spans_changed(rest, changed, &shifted)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `formlos fix` changes each reported span and nothing else: every byte outside the
    /// spans stays, every placeholder stays, and each span covers its restriction.
    #[test]
    fn fix_changes_nothing_outside_its_spans(
        letter in template_letter(),
        extension in prop::sample::select(vec!["txt", "md", "txt.hbs"]),
    ) {
        use formlos::config::{DEFAULT_PLACEHOLDERS, Settings};
        use formlos::input::{PathFilter, discover};
        use formlos::pipeline::{CheckOptions, check};

        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(format!("brief.{extension}"));
        std::fs::write(&path, &letter).unwrap_or_else(|e| panic!("{e}"));
        let settings = Settings {
            placeholders: DEFAULT_PLACEHOLDERS
                .iter()
                .filter_map(|pattern| regex::Regex::new(pattern).ok())
                .collect(),
            ..Settings::default()
        };
        let options = CheckOptions {
            settings: &settings,
            lang: formlos::i18n::Lang::De,
            fail_on: formlos::rules::Severity::Info,
            min_confidence: 0.0,
            file_timeout: formlos::budget::DEFAULT_FILE_TIMEOUT,
            explain: false,
            keep_text: false,
            keep_findings: true,
            progress: None,
        };
        let report = check(
            discover(&[path.display().to_string()], &PathFilter::default()),
            &RULES,
            options,
        );
        let mut fixes = Vec::new();
        for finding in &report.findings {
            let Some(fix) = &finding.fix else { continue };
            prop_assert_eq!(&letter[fix.offset..fix.offset + fix.length], &*fix.original);
            let hit = finding.location["offset"].as_u64().unwrap_or_default() as usize;
            let hit_end = hit + finding.location["length"].as_u64().unwrap_or_default() as usize;
            prop_assert!(fix.offset <= hit && hit_end <= fix.offset + fix.length,
                "the fix {:?} does not cover the restriction {}..{}", fix.original, hit, hit_end);
            fixes.push((fix.offset, fix.length, fix.replacement.to_string()));
        }
        fixes.sort();
        let (edits, _) = formlos::fix::plan_fixes(&report, formlos::i18n::Lang::De);
        let changed = edits.first().map_or(letter.clone(), |edit| edit.changed.clone());
        prop_assert!(only_spans_changed(&letter, &changed, &fixes),
            "bytes outside the fixes changed:\n{}\n---\n{}", letter, changed);
        prop_assert_eq!(placeholders(&letter), placeholders(&changed));
    }
}
