//! Who is speaking in a sentence: the document itself, a quotation, or a report.
//!
//! An advocacy letter that quotes an agency, a press article that reports an e-mail
//! refusal and a reply that keeps the citizen's text below `>` all contain restriction
//! sentences that the document does not make. They are still shown (a journalist wants
//! them), but marked, so that they do not count as the document's own statement.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::spelled::SpelledRegex;
use crate::builtin_regex::built_in;
use serde::{Deserialize, Serialize};

/// The speaker of a matched sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// The document makes the statement itself.
    Direct,
    /// The statement is quoted: reply lines (`>`), or inside quotation marks.
    Quoted,
    /// The statement is reported, asked about or denied.
    Reported,
}

impl Context {
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Direct => "direct",
            Context::Quoted => "quoted",
            Context::Reported => "reported",
        }
    }

    /// The name shown to people.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (de, en) = match self {
            Context::Direct => ("direkt", "direct"),
            Context::Quoted => ("zitiert", "quoted"),
            Context::Reported => ("berichtet", "reported"),
        };
        crate::i18n::t(lang, de, en)
    }
}

/// Verbs and phrases of saying that introduce reported speech.
static SAYING: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(
        r"(?i)\b(?:teilte\w*|teilt|teilen|mitgeteilt|mitteilte|erklärte?n?|erklärt|sagte?n?|sagt|gesagt|schreibt|meinte?n?|antwortete?n?|las|hieß\s+es|heißt\s+es|es\s+hieß|es\s+heißt|berichten|erklären|sagen|behaupten|kritisieren|beklagen|monieren|schildern|schilderte\w*|laut|nach\s+angaben|berichtete?n?|berichtet|behauptete?n?|behauptet|schrieb(?:en)?|geschrieben|betonte?n?|räumte?n?|zufolge|so\s+die|so\s+der|so\s+ein|so\s+eine|gegenüber|wurde\w*\s+(?:\w+\s+){0,3}informiert|hätten\s+erfahren|erfuhren|äußerte?n?|kritisiert\w*|beklagt\w*|wirft|vorgeworfen|moniert\w*|erhielte?n?|bekame?n?|feststellen|stellten\s+fest|erlebten|bemerkten|beantwortete?n?|mit\s+dem\s+hinweis|veröffentlicht\w*|(?-i:schreiben))\b",
    )
});

/// Words that introduce what others wrote or did as content: "ein Textbaustein, wonach
/// …", "Fälle, in denen Krankenkassen …", "Bescheide, in denen …", "Beschwerde über meine
/// Krankenkasse - Faxe werden nicht mehr angenommen". What follows them is
/// reported, whoever writes the sentence.
static REPORTED_CONTENT: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(
        r"(?i)\bwonach\b|\b(?:beschwerde|kritik)\s+(?:über|wegen|gegen|an)\b|\b(?:fälle|fällen|bescheide\w*|berichte\w*|beschwerden|schreiben|briefe\w*|e-?mails|nachrichten|antworten)(?:\s+(?:[^\s,;:]+\s+){0,4}?[^\s,;:]+)?\s*,\s*(?:in|nach)\s+denen\b",
    )
});

/// A sentence that tells what happened at or with agencies, in the words of a third
/// party (journalist, advocate, blogger): agencies in the plural ("Immer mehr Jobcenter
/// gehen dazu über", "nehmen Jobcenter … nicht mehr entgegen"), an agency named by its
/// town as outsiders do ("Das Hamburger Jobcenter"), an agency as the agent of a past
/// measure ("wurde von der BA … abgeschaltet", "hat in ihren Jobcentern … eingestellt"),
/// the writer's judgement of a measure ("faktisch", "mit Verweis auf"), a staff member or
/// a claimant as the subject of a story ("Der Mitarbeiter empfand es als spaßig", "der
/// Antrag der Frau wurde nicht entgegengenommen", "wartet sie seit Monaten"), someone's
/// view introduced by a colon ("Thomé sieht ein anderes Problem: …"). An agency
/// states its own restrictions to the reader or in its own name, never like this; the
/// cue counts only in sentences without first or second person (see [`classify`]).
static THIRD_PARTY_NARRATIVE: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(concat!(
        r"(?i)\b(?:immer\s+mehr|viele|einige|manche|zahlreiche|mehrere|etliche|die\s+meisten)\s+(?:[^\s,;:]+\s+)?(?:jobcenter|behörden|ämter|sozialämter|krankenkassen|kassen|pflegekassen|familienkassen|ausländerbehörden|agenturen|jugendämter|leistungsträger|sozialleistungsträger)\b",
        r"|\b(?:nehmen|verlangen|lehnen|akzeptieren|bearbeiten|verweigern|schicken|weisen|gehen|verweisen)\s+(?:die\s+)?(?:jobcenter|behörden|sozialämter|krankenkassen|ausländerbehörden|familienkassen)\s+(?:[^\s,;:]+\s+){0,3}?(?:nicht|kein\w*|nur|ab|zurück|entgegen|dazu)\b",
        r"|\b(?:jobcenter|behörden|sozialämter|krankenkassen|ausländerbehörden|familienkassen)\s+(?:nehmen|verlangen|lehnen|akzeptieren|bearbeiten|verweigern|schicken|weisen|gehen|verweisen)\b",
        r"|(?-i:\b(?:[Dd]as|[Dd]ie|[Dd]er|[Dd]es|[Dd]em|[Dd]en)\s+[A-ZÄÖÜ][a-zäöüß]+er\s+)(?:jobcenter|ausländerbehörde|sozialamt|sozialamts|arbeitsagentur|agentur|krankenkasse|familienkasse|jugendamt|jugendamts|behörde|wohngeldstelle|einwanderungsamt|landratsamt|bezirksamt|rathaus|amt|amts)\b",
        r"|\bwurden?\s+(?:[^\s,;:]+\s+){0,3}?(?:von|vom)\s+(?:der\s+|dem\s+)?(?:ba|bundesagentur|jobcenter|behörde|agentur|sozialamt|\w*kasse|ausländerbehörde|stadt|verwaltung)\b",
        // An instruction or law as the subject that binds the agencies ("Die
        // Dienstanweisung verpflichtet alle Agenturen, …", "Ein Erlass zwingt die
        // Jobcenter, …"): the agency's own instruction names the duty, not who imposes it.
        r"|\b(?:verpflichtet|verpflichtete|verpflichten|zwingt|zwang|zwingen|weist|wies)\s+(?:[^\s,;:]+\s+){0,2}?(?:alle|sämtliche|die)\s+(?:[^\s,;:]+\s+)?(?:jobcenter|agenturen|behörden|ämter|sozialämter|krankenkassen|kassen|pflegekassen|familienkassen|jugendämter|leistungsträger|sozialleistungsträger)\b",
        r"|\b(?:hat|haben|hatte|hatten)\s+in\s+(?:ihren|seinen|allen|vielen)\s+(?:jobcentern|dienststellen|agenturen|filialen|geschäftsstellen|standorten|ämtern)\b",
        r"|\b(?:faktisch|de\s+facto|kurzerhand|klammheimlich|angeblich|offenbar|ausgerechnet)\b|\bmit\s+verweis\s+auf\b|\bunter\s+berufung\s+auf\b",
        r"|\b(?:der|die|ein|eine)\s+(?:[^\s,;:]+\s+)?(?:mitarbeiter\w*|sachbearbeiter\w*|angestellte\w*|beamt\w*|pförtner\w*|sicherheitsdienst\w*|security|wachmann|fallmanager\w*)\s+(?:[^\s,;:]+\s+){0,3}?(?:empfand|fand|sagte|meinte|schickte|wies|verweigerte|lehnte|nahm|weigerte|wollte|hatte|war|ließ|verlangte|forderte)\b",
        r"|\b(?:antrag|anträge|widerspruch|unterlagen)\s+(?:der|des)\s+(?:frau|mannes|klägerin|klägers|betroffenen|antragstellerin|antragstellers|familie|mutter|vaters|kundin|mandantin|mandanten|ratsuchenden)\s+(?:[^\s,;:]+\s+){0,3}?(?:nicht|kein\w*)\b",
        r"|\b(?:sieht|sah|sehen|nennt|nannte|beschreibt|beschrieb)\s+(?:[^\s,;:]+\s+){0,4}?(?:problem\w*|gefahr\w*|schwierigkeit\w*|missstand\w*|hürde\w*)\s*:",
        // A claimant's story told about her ("Seit März wartet sie …"): the verb stands
        // second, after a word of the same clause. Verb-first ("Versucht er, …, ist …")
        // is a condition in the agency's own instruction, not a story.
        r"|(?-i:\b[^\s,;:.!?]+\s+(?:wartet|wartete|hofft|hoffte|versucht|versuchte|lebt|lebte|bezieht|bezog)\s+(?:sie|er)\b)",
    ))
});

/// The reader addressed ("Sie", "Ihr Antrag"): an agency speaking to the person.
static SECOND_PERSON: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"\b(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b"));

/// Konjunktiv I forms: in German they occur (almost) only in indirect speech, so on
/// their own they mark a sentence as reported ("E-Mails werde man nicht bearbeiten").
/// These forms are no other form of their verb.
static SUBJUNCTIVE_I: LazyLock<SpelledRegex> =
    LazyLock::new(|| SpelledRegex::new(r"(?i)\b(?:sei|seien|könne|dürfe|müsse|solle|wolle)\b"));

/// Konjunktiv I forms that are also the first person singular ("man nehme Anträge nur
/// noch auf Papier an" / "Ich nehme Anträge nur noch persönlich entgegen"): reported
/// speech only in a sentence without "ich" — an employee's own auto-reply speaks in the
/// first person. Written in small letters and matched so, because several are nouns too
/// ("im Laufe", "die zuständige Stelle", "eine Bleibe").
static SUBJUNCTIVE_I_OR_FIRST_PERSON: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(concat!(
        r"(?i:\b(?:werde|habe|gebe|nehme|bearbeite|beantworte|lese|erfolge|bestehe|gelte|finde|akzeptiere)\b)",
        r"|\b(?:beginne|laufe|bleibe|reiche|genüge|komme|gehe|liege|brauche|erfasse|stelle|trete|zähle|wirke|erhalte|bekomme|lasse|sende|schicke|leite|prüfe|bediene|empfange)\b",
    ))
});

/// The writer in the first person singular.
static FIRST_PERSON_SINGULAR: LazyLock<SpelledRegex> =
    LazyLock::new(|| SpelledRegex::new(r"(?i)\bich\b"));

/// Konjunktiv II and dass-clauses mark reported speech only after a verb of saying.
static SUBJUNCTIVE_II_OR_DASS: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(r"(?i)\b(?:würden?|könnten|hätten?|dürften|müssten|dass)\b")
});

/// The agency speaking in the first person ("Wir teilen Ihnen mit, dass ...").
static FIRST_PERSON: LazyLock<SpelledRegex> =
    LazyLock::new(|| SpelledRegex::new(r"(?i)\b(?:wir|uns|unser\w*)\b"));

/// The first person as a pronoun, without the possessive.
static FIRST_PERSON_PRONOUN: LazyLock<SpelledRegex> =
    LazyLock::new(|| SpelledRegex::new(r"(?i)\b(?:wir|uns)\b"));

/// Denials and questions about a restriction, and what a staff instruction forbids
/// ("Es ist nicht zulässig, Anrufende ausschließlich auf den Vordruck zu verweisen").
static DENIAL: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(
        r"(?i)\b(?:(?:es\s+)?(?:trifft|stimmt)\s+nicht(?:\s+zu)?,?\s+dass|(?:ist|wäre)\s+(?:es\s+)?(?:nicht\s+richtig|falsch|unzutreffend|nicht\s+zutreffend),?\s+dass|stimmt\s+es,?\s+dass|ist\s+es\s+(?:richtig|wahr|zulässig|rechtens),?\s+dass|nicht\s+hinnehmen,?\s+dass|unzulässig,?\s+(?:dass|wenn)|(?:es\s+ist|ist\s+es)\s+(?:nicht\s+zulässig|unzulässig|nicht\s+erlaubt|nicht\s+gestattet|untersagt),?\s+(?:[^\s,;:]+\s+){1,8}?zu\s+\w+)",
    )
});

/// Lines that start a forwarded or original message below a reply: everything after
/// them is someone else's text.
static FORWARDED: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?im)^[ \t]*(?:-{2,}[ \t]*(?:ursprüngliche[ \t]+nachricht|original[ \t]+message|weitergeleitete[ \t]+nachricht|forwarded[ \t]+message)[ \t]*-{2,}|(?:von|from):[^\n]*\n[ \t]*(?:gesendet|sent|datum|date):|am[ \t][^\n]{4,80}[ \t]schrieb[^\n]{0,80}:[ \t]*$|on[ \t][^\n]{4,80}[ \t]wrote:[ \t]*$)",
    )
});

/// Letter and notice markers: a document that greets or signs speaks for itself.
static LETTER_MARKERS: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(
        r"(?im)^[ \t]*(?:sehr\s+geehrte|guten\s+tag|hallo\b|liebe[rs]?\s)|mit\s+freundlichen\s+grüßen|freundliche\s+grüße|hochachtungsvoll|\bwir\s+bitten\s+sie\b|\bbitte\s+(?:beachten|wenden|senden|nutzen)\s+sie\b",
    )
});

/// Narrative verbs of saying in the past tense, as press reports use them.
static REPORTING: LazyLock<SpelledRegex> = LazyLock::new(|| {
    SpelledRegex::new(
        r"(?i)\b(?:teilte\w*\s+(?:\S+\s+){0,4}?mit|erklärte\w*|sagte\w*|sagt|heißt\s+es|berichtete\w*|kritisierte\w*|schrieb\w*|betonte\w*|räumte\w*|hieß\s+es|so\s+(?:ein|eine|der|die)\s+\w*sprecher\w*|wie\s+(?:\S+\s+){1,4}mitteilte|erfuhren|bestätigte\w*)\b",
    )
});

/// Whether a document reports about others rather than speaking for itself: no
/// salutation, closing or request to the reader, and at least two narrative verbs of
/// saying. In such a text (a press article, a blog post) an indicative "Das Jobcenter ist
/// nicht mehr per E-Mail erreichbar" is the author's report, not the agency's notice.
/// `spelled` is the ASCII spelling of a long text, if it has one
/// ([`crate::rules::ascii::long_text_spelling`]), to rule the markers out quickly.
pub fn is_report(text: &str, spelled: Option<&str>) -> bool {
    written_by_an_adviser(text)
        || (!LETTER_MARKERS.is_match_in(text, spelled)
            && REPORTING.find_iter_in(text, spelled).take(2).count() == 2)
}

/// Writers who are no agency: advice centres, welfare and tenants' associations, lawyers
/// and ombudspersons, named in the document's first line (its letterhead or title).
static ADVISER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?i)\b(?:beratungsstelle\w*|beratungszentrum|\w*beratung\s+e\.\s?v\.|sozialberatung|schuldnerberatung|erwerbslosenberatung|sozialverband|wohlfahrtsverband|mieterverein|verbraucherzentrale|kanzlei|rechtsanw[aä]lt\w*|ombudsstelle|ombudsperson)\b",
    )
});

/// Whether the document's first non-empty line names a writer who is no agency
/// ([`ADVISER_HEAD`]): what such a writer's text says about contact restrictions is
/// what an agency said or did — a counsellor's case note, an association's leaflet, a
/// lawyer's letter — never the writer's own rule.
fn written_by_an_adviser(text: &str) -> bool {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| {
            // A letterhead or title, not a sentence ("Ihr Rechtsanwalt kann … nicht …").
            let line = line.trim();
            !line.ends_with(['.', '!', '?'])
                && line.split_whitespace().count() <= 14
                && ADVISER_HEAD.is_match(line)
        })
}

/// Where forwarded or original messages start in normalized text (`usize::MAX` when none).
pub fn forwarded_from(text: &str) -> usize {
    FORWARDED.find(text).map_or(usize::MAX, |m| m.start())
}

/// The cue that decided a context, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cue", content = "text", rename_all = "snake_case")]
pub enum Cue {
    /// No quotation or report marker: the document's own statement.
    None,
    ReplyLine,
    ForwardedMessage,
    Question,
    Denial(String),
    Quotation,
    SubjunctiveI(String),
    /// A verb of saying, with the Konjunktiv II form or "dass" that follows it.
    Saying(String, String),
    /// A third party tells what an agency did (see `THIRD_PARTY_NARRATIVE`).
    ThirdPartyNarrative(String),
    /// The document is a report about others (press article), and the sentence does not
    /// speak in the first person.
    ReportingDocument,
}

/// A context and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub context: Context,
    pub cue: Cue,
}

/// What the classifier looks at besides the sentence.
#[derive(Debug, Clone, Copy)]
pub struct Surroundings<'a> {
    /// Ranges of lines that carried reply markers (`>`).
    pub quoted_lines: &'a [Range<usize>],
    /// Ranges inside quotation marks (see [`quotations`]).
    pub quotations: &'a [Range<usize>],
    /// Start of a forwarded or original message (`usize::MAX` when none).
    pub forwarded_from: usize,
    /// The whole document is a report about others (see [`is_report`]).
    pub report: bool,
}

/// Classifies the sentence `sentence` (a range of `text`) whose restriction lies at `span`.
/// `spelled` is the sentence spelled in ASCII with the same offsets, if it has such a
/// spelling ([`crate::rules::ascii::ascii_spelling`]): it lets the sentence's cues be
/// ruled out quickly.
pub fn classify(
    text: &str,
    sentence: Range<usize>,
    span: Range<usize>,
    around: Surroundings<'_>,
    spelled: Option<&str>,
) -> Judgement {
    let judged = |context, cue| Judgement { context, cue };
    let overlaps = |r: &Range<usize>| r.start < span.end && span.start < r.end;
    if around.quoted_lines.iter().any(overlaps) {
        return judged(Context::Quoted, Cue::ReplyLine);
    }
    if span.start >= around.forwarded_from {
        return judged(Context::Quoted, Cue::ForwardedMessage);
    }
    let sentence_text = &text[sentence.clone()];
    if sentence_text
        .trim_end_matches(['"', '\'', ')'])
        .ends_with('?')
    {
        return judged(Context::Reported, Cue::Question);
    }
    if let Some(denial) = DENIAL.find_in(sentence_text, spelled) {
        return judged(Context::Reported, Cue::Denial(denial.as_str().to_string()));
    }
    if inside_quotation(text, around.quotations, &span) {
        return judged(Context::Quoted, Cue::Quotation);
    }
    let subjunctive = SUBJUNCTIVE_I.find_in(sentence_text, spelled).or_else(|| {
        SUBJUNCTIVE_I_OR_FIRST_PERSON
            .find_in(sentence_text, spelled)
            .filter(|_| !FIRST_PERSON_SINGULAR.is_match_in(sentence_text, spelled))
    });
    if let Some(form) = subjunctive {
        return judged(
            Context::Reported,
            Cue::SubjunctiveI(form.as_str().to_string()),
        );
    }
    if let (Some(verb), Some(marker)) = (
        SAYING.find_in(sentence_text, spelled),
        SUBJUNCTIVE_II_OR_DASS.find_in(sentence_text, spelled),
    ) && !speaks_in_first_person(sentence_text, spelled)
    {
        return judged(
            Context::Reported,
            Cue::Saying(verb.as_str().to_string(), marker.as_str().to_string()),
        );
    }
    let before_span = span.start.saturating_sub(sentence.start);
    let spelled_before = spelled.and_then(|spelled| spelled.get(..before_span));
    if let Some(cue) = sentence_text
        .get(..before_span)
        .and_then(|before| REPORTED_CONTENT.find_in(before, spelled_before))
    {
        return judged(
            Context::Reported,
            Cue::Saying(cue.as_str().to_string(), ",".to_string()),
        );
    }
    if let Some(verb) = introduced_by_saying(sentence_text, before_span, spelled_before)
        && !FIRST_PERSON.is_match_in(sentence_text, spelled)
    {
        return judged(Context::Reported, Cue::Saying(verb, ",".to_string()));
    }
    if let Some(cue) = THIRD_PARTY_NARRATIVE.find_in(sentence_text, spelled)
        && !FIRST_PERSON.is_match_in(sentence_text, spelled)
        && !addresses_the_reader(sentence_text)
    {
        return judged(
            Context::Reported,
            Cue::ThirdPartyNarrative(cue.as_str().to_string()),
        );
    }
    if around.report && !FIRST_PERSON.is_match_in(sentence_text, spelled) {
        return judged(Context::Reported, Cue::ReportingDocument);
    }
    judged(Context::Direct, Cue::None)
}

/// Whether the writer of a sentence with a verb of saying is its speaker: "wir" or
/// "uns", or "unser" in a sentence that speaks to its reader ("Unsere Mitarbeiter teilen
/// Ihnen mit, dass …"). "Mehrere unserer Mitglieder berichten, dass …" tells what others
/// say: the possessive belongs to the third party who speaks.
fn speaks_in_first_person(sentence: &str, spelled: Option<&str>) -> bool {
    FIRST_PERSON_PRONOUN.is_match_in(sentence, spelled)
        || (FIRST_PERSON.is_match_in(sentence, spelled) && addresses_the_reader(sentence))
}

/// Whether the sentence speaks to its reader. A "Sie" that opens the sentence may be
/// "sie" (they), so it does not count there.
fn addresses_the_reader(sentence: &str) -> bool {
    let sentence = sentence.trim_start();
    let rest = match sentence.split_once(char::is_whitespace) {
        Some(("Sie", rest)) => rest,
        _ => sentence,
    };
    SECOND_PERSON.is_match(rest)
}

/// A verb of saying before the restriction, separated from it by a comma or colon and a
/// short clause (at most five words), when the clause after the comma is what was said:
/// "Zugleich hieß es, Auskünfte erteile das Sozialamt nicht", "Jetzt schreibt mir die
/// Kasse, Faxe würden nicht angenommen" — whatever mood its verb is in. `spelled_before`
/// is the ASCII spelling of the sentence up to the restriction, as in [`classify`].
fn introduced_by_saying(
    sentence: &str,
    restriction_start: usize,
    spelled_before: Option<&str>,
) -> Option<String> {
    let before = sentence.get(..restriction_start)?;
    SAYING
        .find_iter_in(before, spelled_before)
        .find_map(|verb| {
            let after = &before[verb.end()..];
            let comma = after.find([',', ':'])?;
            let said = after[comma + 1..].split_whitespace().next().unwrap_or("");
            let verb_clause_is_short = after[..comma].split_whitespace().count() <= 5;
            (verb_clause_is_short && !OPPOSING.is_match(said)).then(|| verb.as_str().to_string())
        })
}

/// Words that open a clause of the writer's own after a comma: "Sie haben uns geschrieben,
/// doch E-Mails werden nicht mehr bearbeitet" states, it does not report.
static OPPOSING: LazyLock<Regex> = LazyLock::new(|| {
    built_in(r"(?i)^(?:doch|aber|jedoch|und|sondern|denn|allerdings|trotzdem|leider)$")
});

/// Ranges of text inside quotation marks that hold at least three words (so that a
/// quoted placeholder like "Anrede" is not a quotation). Marks are paired within each
/// block between blank lines. Computed once per document, in text order.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = 0;
    for block in text.split("\n\n") {
        let mut open: Option<usize> = None;
        for (i, _) in block.match_indices('"') {
            let at = block_start + i;
            match open.take() {
                None => open = Some(at),
                Some(start) if text[start + 1..at].split_whitespace().count() >= 3 => {
                    ranges.push(start..at + 1);
                }
                Some(_) => {}
            }
        }
        block_start += block.len() + 2;
    }
    ranges
}

/// Whether `span` lies strictly between a pair of quotation marks, or ends inside a
/// quotation that a verb of saying with a colon introduces within the span: a rule's
/// elements may reach out to a word before the quote ("in Ihrem Schreiben heißt es:
/// „Nachweise akzeptieren wir nur, wenn …“"), while the restriction is the quoted part.
fn inside_quotation(text: &str, quotations: &[Range<usize>], span: &Range<usize>) -> bool {
    let after = quotations.partition_point(|quote| quote.start < span.start);
    let strictly = after
        .checked_sub(1)
        .is_some_and(|i| span.end < quotations[i].end);
    strictly
        || quotations[after..]
            .iter()
            .take_while(|quote| quote.start < span.end)
            .any(|quote| {
                span.end < quote.end
                    && text.get(span.start..quote.start).is_some_and(|lead_in| {
                        SAYING.find_iter_in(lead_in, None).any(|verb| {
                            // "heißt es:", "sagte wörtlich:" — at most one word before the colon
                            lead_in[verb.end()..]
                                .split_once(':')
                                .is_some_and(|(between, _)| between.split_whitespace().count() <= 1)
                        })
                    })
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context_of(text: &str, needle: &str) -> Context {
        let at = text.find(needle).unwrap_or(0);
        let quoted = quotations(text);
        let around = Surroundings {
            quoted_lines: &[],
            quotations: &quoted,
            forwarded_from: forwarded_from(text),
            report: is_report(text, None),
        };
        let spelled = crate::rules::ascii::ascii_spelling(text);
        let judged = classify(
            text,
            0..text.len(),
            at..at + needle.len(),
            around,
            spelled.as_deref(),
        );
        assert_eq!(
            judged,
            classify(text, 0..text.len(), at..at + needle.len(), around, None),
            "with and without the ASCII spelling"
        );
        judged.context
    }

    #[test]
    fn indicative_statements_in_a_press_report_are_reported() {
        let article = "Jobcenter ohne E-Mail\n\nDas Hamburger Jobcenter ist ab November nicht mehr per E-Mail erreichbar. \
Ein Sprecher bestätigte das am Montag. Die Sozialberatung kritisierte die Entscheidung.";
        assert_eq!(
            context_of(article, "nicht mehr per E-Mail erreichbar"),
            Context::Reported
        );
        let notice = "Hinweis\n\nDas Jobcenter ist ab November nicht mehr per E-Mail erreichbar. Bitte beachten Sie das.";
        assert_eq!(
            context_of(notice, "nicht mehr per E-Mail erreichbar"),
            Context::Direct
        );
    }

    #[test]
    fn a_news_text_in_the_present_tense_reports() {
        let article = "Lokales\n\nDas Jobcenter nimmt keine E-Mails mehr an. Darin heißt es, die Nachricht werde nicht bearbeitet. \
\"Ich habe das nicht verstanden\", sagt er.";
        assert_eq!(
            context_of(article, "nimmt keine E-Mails mehr an"),
            Context::Reported
        );
    }

    #[test]
    fn forwarded_messages_are_quoted() {
        let text = "Bitte helfen Sie mir.\n-----Ursprüngliche Nachricht-----\nVon: Jobcenter\nE-Mails werden nicht mehr bearbeitet.";
        assert_eq!(context_of(text, "nicht mehr bearbeitet"), Context::Quoted);
        let outlook = "Siehe unten.\nVon: Jobcenter Musterstadt\nGesendet: Montag\nE-Mails werden nicht mehr bearbeitet.";
        assert_eq!(
            context_of(outlook, "nicht mehr bearbeitet"),
            Context::Quoted
        );
        let reply = "Danke.\nAm 3. März 2026 schrieb Jobcenter Musterstadt:\nE-Mails werden nicht mehr bearbeitet.";
        assert_eq!(context_of(reply, "nicht mehr bearbeitet"), Context::Quoted);
    }

    #[test]
    fn what_our_members_report_is_theirs_what_our_staff_tell_you_is_ours() {
        for (report, restriction) in [
            (
                "Mehrere unserer Mitglieder berichten, dass ihre per E-Mail gestellten Anträge nicht erfasst wurden.",
                "nicht erfasst",
            ),
            (
                "Viele unserer Leserinnen schreiben, dass das Amt Faxe nicht mehr annimmt.",
                "Faxe nicht mehr annimmt",
            ),
            (
                "Auf der Internetseite wurde der Hinweis veröffentlicht, Anträge könnten ausschließlich im Rahmen eines persönlichen Termins abgegeben werden.",
                "ausschließlich im Rahmen",
            ),
        ] {
            assert_eq!(
                context_of(report, restriction),
                Context::Reported,
                "{report}"
            );
        }
        for (own, restriction) in [
            (
                "Unsere Mitarbeiter teilen Ihnen mit, dass E-Mails nicht mehr bearbeitet werden.",
                "nicht mehr bearbeitet",
            ),
            (
                "Es wird darauf hingewiesen, dass ein Antrag per E-Mail nicht zulässig ist.",
                "nicht zulässig",
            ),
            (
                "Wir haben veröffentlicht, dass Anträge ausschließlich im Rahmen eines persönlichen Termins abgegeben werden könnten.",
                "ausschließlich im Rahmen",
            ),
        ] {
            assert_eq!(context_of(own, restriction), Context::Direct, "{own}");
        }
    }

    #[test]
    fn a_claimants_story_told_about_her_reports_what_happened() {
        for (story, restriction) in [
            (
                "Derzeit wartet sie seit fast zwei Monaten auf ihr Geld, und ein Kontakt zum Sachbearbeiter ist nicht möglich, weder per Telefon noch per E-Mail.",
                "ist nicht möglich, weder per Telefon noch per E-Mail",
            ),
            (
                "Seit dem Frühjahr hofft er auf einen Termin, denn Anträge werden dort nur noch online angenommen.",
                "nur noch online angenommen",
            ),
            (
                "Vergeblich versuchte sie, ihre Unterlagen abzugeben; am Schalter werden keine Unterlagen mehr angenommen.",
                "keine Unterlagen mehr angenommen",
            ),
        ] {
            assert_eq!(context_of(story, restriction), Context::Reported, "{story}");
        }
        // The same restrictions said by the agency, also about a customer in the third
        // person: a condition with the verb first, or the agency's own voice.
        for (direct, restriction) in [
            (
                "Ein Kontakt zum Sachbearbeiter ist nicht möglich, weder per Telefon noch per E-Mail.",
                "ist nicht möglich, weder per Telefon noch per E-Mail",
            ),
            (
                "Versucht er, einen Antrag per E-Mail zu stellen, werden Anträge nur online angenommen.",
                "nur online angenommen",
            ),
            (
                "Bezieht sie bereits Leistungen, werden am Schalter keine Unterlagen mehr angenommen.",
                "keine Unterlagen mehr angenommen",
            ),
        ] {
            assert_eq!(context_of(direct, restriction), Context::Direct, "{direct}");
        }
    }

    #[test]
    fn own_statements_are_direct() {
        assert_eq!(
            context_of(
                "E-Mails werden nicht mehr bearbeitet.",
                "nicht mehr bearbeitet"
            ),
            Context::Direct
        );
    }

    #[test]
    fn reported_speech_with_subjunctive_is_reported() {
        assert_eq!(
            context_of(
                "Das Jobcenter teilte mit, E-Mails würden nicht mehr bearbeitet.",
                "nicht mehr bearbeitet"
            ),
            Context::Reported
        );
    }

    #[test]
    fn a_document_headed_by_an_adviser_is_a_report() {
        assert!(is_report(
            "Beratungsstelle für Alleinerziehende – Fallnotiz\nDer Verweis auf den Termin verschiebt das Antragsdatum.",
            None
        ));
        assert!(is_report(
            "Kanzlei Berg & Partner, Rechtsanwälte\n\nSehr geehrte Damen und Herren,\nAnträge per E-Mail werden dort nicht bearbeitet.",
            None
        ));
        // A sentence about a lawyer is no letterhead.
        assert!(!is_report(
            "Ihr Rechtsanwalt kann den Antrag auf Bürgergeld nicht für Sie stellen.",
            None
        ));
        // An agency's letter that points to an advice centre further down is its own.
        assert!(!is_report(
            "Jobcenter Musterstadt\n\nSehr geehrte Frau M.,\nE-Mails werden nicht bearbeitet. Hilfe bietet die Beratungsstelle.",
            None
        ));
    }

    #[test]
    fn konjunktiv_i_that_is_also_the_first_person_counts_only_without_ich() {
        for (text, needle) in [
            (
                "Erst mit Eingang des Formulars beginne die Frist zur Entscheidung.",
                "Erst mit Eingang des Formulars",
            ),
            (
                "Man nehme Anträge nur noch auf Papier mit Originalunterschrift an.",
                "nur noch auf Papier",
            ),
            (
                "Ein Anruf reiche dafür nicht, der Antrag gelte erst mit der Unterschrift.",
                "gelte erst mit der Unterschrift",
            ),
        ] {
            assert_eq!(context_of(text, needle), Context::Reported, "{text}");
        }
        for (text, needle) in [
            (
                "Ich werde E-Mails in Zukunft nicht mehr bearbeiten.",
                "nicht mehr bearbeiten",
            ),
            (
                "Ich nehme Anträge nur noch persönlich entgegen.",
                "nur noch persönlich",
            ),
            (
                "Im Laufe des Monats werden Faxe nicht mehr angenommen.",
                "Faxe nicht mehr angenommen",
            ),
            (
                "Anträge an eine andere Stelle werden nicht weitergeleitet.",
                "nicht weitergeleitet",
            ),
        ] {
            assert_eq!(context_of(text, needle), Context::Direct, "{text}");
        }
    }

    #[test]
    fn agency_announcements_in_first_person_stay_direct() {
        assert_eq!(
            context_of(
                "Wir teilen Ihnen mit, dass E-Mails nicht mehr bearbeitet werden.",
                "nicht mehr bearbeitet"
            ),
            Context::Direct
        );
        assert_eq!(
            context_of(
                "Stattdessen solle die Kommunikation ausschließlich über das Portal geschehen.",
                "ausschließlich über das Portal"
            ),
            Context::Reported
        );
    }

    #[test]
    fn clauses_after_a_verb_of_saying_are_reported() {
        assert_eq!(
            context_of(
                "Zugleich hieß es, Auskünfte an Beratungsstellen erteile das Sozialamt grundsätzlich nicht.",
                "Auskünfte an Beratungsstellen erteile das Sozialamt grundsätzlich nicht"
            ),
            Context::Reported
        );
        assert_eq!(
            context_of(
                "Jetzt schreibt mir die Kasse, Faxe werden seit April nicht mehr angenommen.",
                "Faxe werden seit April nicht mehr angenommen"
            ),
            Context::Reported
        );
        // A message someone received, retold with its content in Konjunktiv II.
        assert_eq!(
            context_of(
                "Zwei Ratsuchende erhielten zudem eine SMS, Papier und E-Mail würden nicht mehr bearbeitet.",
                "E-Mail würden nicht mehr bearbeitet"
            ),
            Context::Reported
        );
        // The agency telling what the reader received stays direct.
        assert_eq!(
            context_of(
                "Sie erhielten von uns bereits den Hinweis, dass E-Mails nicht bearbeitet werden.",
                "E-Mails nicht bearbeitet werden"
            ),
            Context::Direct
        );
        // Content of others introduced by "wonach" or "Fälle, in denen".
        assert_eq!(
            context_of(
                "Ein Textbaustein war in Gebrauch, wonach Elterngeldanträge ausschließlich über ElterngeldDigital entgegengenommen würden.",
                "ausschließlich über ElterngeldDigital entgegengenommen"
            ),
            Context::Reported
        );
        assert_eq!(
            context_of(
                "In unserer Beratung häufen sich Fälle, in denen Krankenkassen formlose Anträge nicht als Antrag gelten lassen.",
                "formlose Anträge nicht als Antrag gelten"
            ),
            Context::Reported
        );
        // A restriction before such words is the writer's own.
        assert_eq!(
            context_of(
                "E-Mails werden nicht bearbeitet, in Fällen, in denen es eilt, rufen Sie an.",
                "E-Mails werden nicht bearbeitet"
            ),
            Context::Direct
        );
        // "gelesen" is reading, not saying: the agency's own refusal stays direct.
        assert_eq!(
            context_of(
                "Ihre Nachricht wurde gelesen, wird aber nicht mehr bearbeitet.",
                "wird aber nicht mehr bearbeitet"
            ),
            Context::Direct
        );
        // A clause of the writer's own after the comma stays direct.
        assert_eq!(
            context_of(
                "Am 3. Mai haben Sie geschrieben, doch E-Mails werden nicht mehr bearbeitet.",
                "E-Mails werden nicht mehr bearbeitet"
            ),
            Context::Direct
        );
        // The agency's own announcement stays direct.
        assert_eq!(
            context_of(
                "Wir teilen Ihnen mit, Faxe werden nicht mehr angenommen.",
                "Faxe werden nicht mehr angenommen"
            ),
            Context::Direct
        );
    }

    #[test]
    fn questions_and_denials_are_reported() {
        assert_eq!(
            context_of(
                "Ist eine Kommunikation per E-Mail nicht mehr möglich?",
                "nicht mehr möglich"
            ),
            Context::Reported
        );
        assert_eq!(
            context_of(
                "Es trifft nicht zu,\ndass E-Mails nicht bearbeitet werden.",
                "nicht bearbeitet"
            ),
            Context::Reported
        );
    }

    #[test]
    fn what_an_instruction_forbids_is_reported() {
        assert_eq!(
            context_of(
                "Es ist nicht zulässig, Anrufende ausschließlich auf den Vordruck zu verweisen.",
                "ausschließlich auf den Vordruck"
            ),
            Context::Reported
        );
    }

    #[test]
    fn a_third_partys_account_of_agencies_is_reported() {
        for (text, needle) in [
            (
                "Immer mehr Jobcenter gehen dazu über, ihre Fax-Geräte abzustellen.",
                "Fax-Geräte abzustellen",
            ),
            (
                "Das Hamburger Jobcenter ist ab November nicht mehr per E-Mail erreichbar.",
                "nicht mehr per E-Mail erreichbar",
            ),
            (
                "Im Frühjahr wurde von der BA der Mailkontakt abgeschaltet.",
                "Mailkontakt abgeschaltet",
            ),
            (
                "Danach wurde dann der Antrag der Frau nicht entgegen genommen.",
                "nicht entgegen genommen",
            ),
            (
                "Viele Bürger mussten feststellen, dass E-Mails nicht mehr zugestellt werden.",
                "nicht mehr zugestellt",
            ),
            (
                "Die neue Weisung verpflichtet alle Agenturen für Arbeit, eingehende Nachrichten automatisch abzuweisen.",
                "Nachrichten automatisch abzuweisen",
            ),
            (
                "Ein interner Erlass zwingt sämtliche Jobcenter des Landes, Anträge per E-Mail nicht mehr zu bearbeiten.",
                "nicht mehr zu bearbeiten",
            ),
            (
                "Das Rundschreiben verpflichtete die Krankenkassen, Faxe nicht mehr anzunehmen.",
                "Faxe nicht mehr anzunehmen",
            ),
        ] {
            assert_eq!(context_of(text, needle), Context::Reported, "{text}");
        }
    }

    #[test]
    fn an_agency_speaking_to_its_reader_stays_direct_despite_third_party_words() {
        for (text, needle) in [
            (
                "Die Faxnummer wurde zum 1. März abgeschaltet.",
                "abgeschaltet",
            ),
            (
                "Viele Jobcenter nehmen keine E-Mails an, wir aber bearbeiten Ihre Nachricht nicht.",
                "bearbeiten Ihre Nachricht nicht",
            ),
            (
                "Ihr Antrag wurde von der Krankenkasse nicht angenommen.",
                "nicht angenommen",
            ),
            (
                "Wir verpflichten alle Mitarbeitenden, E-Mails nicht mehr zu bearbeiten.",
                "E-Mails nicht mehr zu bearbeiten",
            ),
            (
                "Alle Agenturen haben eingehende Nachrichten ab 1. Juli automatisch abzuweisen.",
                "Nachrichten ab 1. Juli automatisch abzuweisen",
            ),
            (
                "Die Dienstanweisung verpflichtet Sie, Anträge nur noch online zu stellen.",
                "Anträge nur noch online zu stellen",
            ),
        ] {
            assert_eq!(context_of(text, needle), Context::Direct, "{text}");
        }
    }

    #[test]
    fn a_quotation_after_heisst_es_is_quoted_though_a_rule_reaches_before_it() {
        let text = "In Ihrem Schreiben heißt es: \"Nachweise akzeptieren wir nur, wenn sie über die App hochgeladen werden.\"";
        let start = text.find("Schreiben").unwrap_or(0);
        let end = text.find("App").map_or(0, |i| i + 3);
        let around = Surroundings {
            quoted_lines: &[],
            quotations: &quotations(text),
            forwarded_from: usize::MAX,
            report: false,
        };
        let spelled = crate::rules::ascii::ascii_spelling(text);
        let judged = classify(text, 0..text.len(), start..end, around, spelled.as_deref());
        assert_eq!(judged.context, Context::Quoted);
    }

    #[test]
    fn quotations_are_quoted() {
        assert_eq!(
            context_of(
                "Uns wurde geantwortet: \"E-Mails werden nicht mehr bearbeitet.\"",
                "nicht mehr bearbeitet"
            ),
            Context::Quoted
        );
    }
}
