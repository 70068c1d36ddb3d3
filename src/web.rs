//! The browser page's entry points (feature `web`, compiled to WebAssembly and bound to
//! JavaScript with wasm-bindgen). The page hands over the bytes of the letters the user
//! chose; everything else happens here with the library's own pipeline, rules and
//! presentation, exactly as `formlos check`, `formlos report` and `formlos reply` do it
//! with their defaults — the page's script only moves bytes and strings.
//!
//! Nothing here reads a clock, a file or the network: the page passes today's date, and
//! the letters never leave the browser.

use std::sync::OnceLock;

use wasm_bindgen::prelude::*;

use crate::config::{Choices, Config, DEFAULT_PLACEHOLDERS, Settings};
use crate::extract::{ExtractError, Format};
use crate::i18n::{Lang, t};
use crate::input::InputIssue;
use crate::pipeline::{CheckOptions, check_bytes};
use crate::present::html::{HtmlOptions, render, render_main};
use crate::present::reply::{Recipient, ReplyOptions, Sender, compose};
use crate::present::{Date, Letter, Provenance, Unchecked, letters_of, rule_pack_label};
use crate::report::{FileReport, FileStatus, Finding, RunReport, print_json};
use crate::rules::{RuleSet, Severity, builtin_sources, load};

/// The built-in rule pack with the settings `formlos check` uses without a
/// configuration file. Compiled once per page: it is the slowest part of a first check.
struct Engine {
    rules: RuleSet,
    settings: Settings,
}

fn engine() -> Result<&'static Engine, JsError> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut rules = load(&[builtin_sources()]).map_err(|errors| format!("{errors:?}"))?;
            let choices = Choices {
                placeholders: DEFAULT_PLACEHOLDERS.iter().map(|p| p.to_string()).collect(),
                require_reason: true,
                ..Choices::default()
            };
            let settings = Settings::new(choices, &rules, &Config::default())
                .map_err(|errors| format!("{errors:?}"))?;
            rules.disable_unless(|rule| settings.enables(rule.key()));
            Ok(Engine { rules, settings })
        })
        .as_ref()
        .map_err(|error| JsError::new(error))
}

/// Compiles the rule pack and checks a small PDF once while the page loads: the browser
/// compiles WebAssembly functions on their first call, and the PDF reader's tables are
/// built on first use, which made the first letter take most of a second.
#[wasm_bindgen]
pub fn prepare() -> Result<(), JsError> {
    let mut letters = Letters::new("de", "2026-01-01")?;
    letters.add("probe.pdf", &probe_pdf())?;
    letters.report_main().map(|_| ())
}

/// A one-page PDF with one sentence, made with lopdf (the PDF reader's own library).
fn probe_pdf() -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let font_id = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id =
        document.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 720.into()]),
            Operation::new(
                "Tj",
                vec![Object::string_literal("E-Mails werden nicht bearbeitet.")],
            ),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = document.add_object(Stream::new(
        dictionary! {},
        content.encode().unwrap_or_default(),
    ));
    let page_id = document.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    let _ = document.save_to(&mut bytes);
    bytes
}

/// The letters checked on the page, in the order they were added.
#[wasm_bindgen]
pub struct Letters {
    lang: Lang,
    today: Date,
    files: Vec<FileReport>,
    findings: Vec<Finding>,
}

#[wasm_bindgen]
impl Letters {
    /// `lang` is `de` or `en`; `today` the day of the check as `YYYY-MM-DD`, from the
    /// page's clock (for the report's footer and the reply's date and deadline).
    #[wasm_bindgen(constructor)]
    pub fn new(lang: &str, today: &str) -> Result<Letters, JsError> {
        let lang = match lang {
            "de" => Lang::De,
            "en" => Lang::En,
            other => return Err(JsError::new(&format!("unknown language {other:?}"))),
        };
        let today = Date::parse_iso(today)
            .ok_or_else(|| JsError::new(&format!("not a date: {today:?}")))?;
        Ok(Letters {
            lang,
            today,
            files: Vec::new(),
            findings: Vec::new(),
        })
    }

    /// Checks the file `name` (its name decides the format, its content confirms it, as
    /// in the CLI). Returns how many findings it has; a file that cannot be read is
    /// listed in the report with the reason and what to do.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<usize, JsError> {
        let engine = engine()?;
        let path = self.unique(name);
        let format = Format::of_path(std::path::Path::new(&path)).unwrap_or(Format::Text);
        let options = CheckOptions {
            settings: &engine.settings,
            lang: self.lang,
            fail_on: Severity::Warning,
            min_confidence: 0.0,
            explain: false,
            keep_text: true,
            keep_findings: true,
            // The browser has no clock for a deadline (see `budget`); closing the page
            // stops a letter that takes too long.
            file_timeout: crate::budget::DEFAULT_FILE_TIMEOUT,
        };
        let (mut file, mut findings) =
            check_bytes(path, (bytes.into(), format), false, &engine.rules, options);
        let scan = InputIssue::Extract(ExtractError::NoTextLayer).describe(self.lang);
        if is_image(bytes) || file.error.as_deref() == Some(scan.as_str()) {
            file.status = FileStatus::Error;
            file.error = Some(text_only(self.lang));
            file.findings = 0;
            findings.clear();
        }
        let count = findings.len();
        self.files.push(file);
        self.findings.extend(findings);
        Ok(count)
    }

    /// The run as `formlos check --format json` prints it (docs/json.md).
    pub fn json(&self) -> Result<String, JsError> {
        let mut out = Vec::new();
        print_json(&self.report(), &mut out).map_err(|e| JsError::new(&e.to_string()))?;
        String::from_utf8(out).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The report's content for the page (what `formlos report` puts in `<main>`).
    pub fn report_main(&self) -> Result<String, JsError> {
        self.with_letters(render_main)
    }

    /// The report as a page of its own, as `formlos report -o FILE` writes it: to save.
    pub fn report_page(&self) -> Result<String, JsError> {
        self.with_letters(render)
    }

    /// How many letters were read (the ones `reply` can answer, numbered from 0).
    pub fn letters(&self) -> usize {
        self.files
            .iter()
            .filter(|file| file.status == FileStatus::Ok)
            .count()
    }

    /// The name of letter `index` as shown in the report.
    pub fn letter_name(&self, index: usize) -> Option<String> {
        self.files
            .iter()
            .filter(|file| file.status == FileStatus::Ok)
            .nth(index)
            .map(|file| file.path.clone())
    }

    /// The reply to the agency for letter `index`, as `formlos reply` drafts it with
    /// placeholders for name and address: `text`, `markdown` or `docx`. None when the
    /// letter has no statement of its own to object to.
    pub fn reply(&self, index: usize, format: &str) -> Result<Option<Vec<u8>>, JsError> {
        let engine = engine()?;
        let report = self.report();
        let (letters, _) = letters_of(&report);
        let Some(letter) = letters.get(index) else {
            return Ok(None);
        };
        let options = ReplyOptions {
            lang: self.lang,
            to: Recipient::Agency,
            sender: Sender::default(),
            today: self.today,
            deadline_days: 14,
        };
        let Some(reply) = compose(letter, &engine.rules, &options) else {
            return Ok(None);
        };
        match format {
            "text" => Ok(Some(reply.to_text().into_bytes())),
            "markdown" => Ok(Some(reply.to_markdown().into_bytes())),
            "docx" => reply.to_docx().map(Some).map_err(|e| JsError::new(&e)),
            other => Err(JsError::new(&format!("unknown reply format {other:?}"))),
        }
    }
}

impl Letters {
    /// The files and findings so far as one run.
    fn report(&self) -> RunReport {
        RunReport::new(self.findings.clone(), self.files.clone(), Severity::Warning)
    }

    /// `name`, numbered when a letter of that name is already on the page (the report
    /// tells letters apart by name).
    fn unique(&self, name: &str) -> String {
        let name = if name.trim().is_empty() {
            t(self.lang, "eingefügter Text", "pasted text")
        } else {
            name
        };
        let taken = |candidate: &str| self.files.iter().any(|file| file.path == candidate);
        let mut candidate = name.to_string();
        let mut number = 2;
        while taken(&candidate) {
            candidate = format!("{name} ({number})");
            number += 1;
        }
        candidate
    }

    fn with_letters(
        &self,
        render: impl Fn(&[Letter<'_>], &[Unchecked<'_>], &RuleSet, &HtmlOptions) -> String,
    ) -> Result<String, JsError> {
        let engine = engine()?;
        let report = self.report();
        let (letters, unchecked) = letters_of(&report);
        let options = HtmlOptions {
            lang: self.lang,
            redact: false,
            provenance: Provenance {
                version: env!("CARGO_PKG_VERSION").to_string(),
                date: self.today,
                rule_pack: rule_pack_label(&engine.rules, self.lang),
            },
        };
        Ok(render(&letters, &unchecked, &engine.rules, &options))
    }
}

/// Whether the bytes are a photo or a scan: PNG, JPEG, GIF, TIFF, WebP, HEIC or AVIF.
fn is_image(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 5] = [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"GIF8",
        b"II*\x00",
        b"MM\x00*",
    ];
    let heif = bytes.get(4..8) == Some(b"ftyp")
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"avif")
        );
    let webp = bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP");
    heif || webp || MAGIC.iter().any(|magic| bytes.starts_with(magic))
}

/// What a person with a scan or a photo of a letter can do: the page reads text only.
fn text_only(lang: Lang) -> String {
    t(
        lang,
        "Das ist ein Bild oder ein eingescanntes Schreiben ohne Text. Diese Seite liest nur \
         Text – sie kann keine Schrift auf Bildern erkennen. Was Sie tun können: Laden Sie \
         das Schreiben als PDF mit Text oder als Word-Datei (etwa aus dem Postfach der \
         Behörde), tippen Sie die wichtigen Sätze ab und fügen Sie sie oben ein, oder fragen \
         Sie Ihre Beratungsstelle: formlos auf dem Computer (formlos check) kann Scans mit \
         Texterkennung lesen.",
        "This is a picture or a scanned letter without text. This page reads text only – it \
         cannot recognise writing in pictures. What you can do: load the letter as a PDF \
         with text or as a Word file (for example from the agency's online mailbox), type \
         the important sentences and paste them above, or ask your advice centre: formlos \
         on a computer (formlos check) can read scans with text recognition.",
    )
    .to_string()
}
