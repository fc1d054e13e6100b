//! W3C Web Annotation export: one `identifying` annotation per mention, in an `AnnotationPage`.
//!
//! Why a module of its own: the Web Annotation model has rules that other exports do not (every `id`
//! an absolute IRI, `source` an IRI, `created`/`generator` on each annotation, only terms that the
//! `anno.jsonld` context defines, selector offsets in code points). They are checked in CI against the
//! W3C test schemas (`tests/vendor/web-annotation-tests`) and by two JSON-LD processors
//! (`tests/interchange/`), so this module keeps them in one place.
//!
//! Ids are `urn:uuid:` values derived (FNV-1a, 128 bits) from the document, the export time and a
//! caller-supplied nonce: two exports never share an id unless they are the same export of the same
//! text at the same instant with the same nonce.

use crate::kb::KnowledgeBase;
use crate::Mention;
use serde_json::{json, Value};
use std::fmt;

/// The JSON-LD context of the Web Annotation model.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Characters of context kept on each side of a quote (`prefix`/`suffix`), in code points.
const QUOTE_CONTEXT: usize = 32;

/// What an export needs besides the mentions.
#[derive(Clone, Debug, Default)]
pub struct AnnotationOptions {
    /// The IRI of the annotated document. `None` or empty: a `urn:uuid:` derived from the text.
    pub source: Option<String>,
    /// When the annotations were made, as `xsd:dateTime` (e.g. [`rfc3339_utc`]).
    pub created: String,
    /// Anything that makes this export distinct from another of the same text at the same second
    /// (a random UUID from the page, the process id and clock in the CLI). May be empty.
    pub nonce: String,
}

/// Why an export cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnotationError {
    /// `source` is not an absolute IRI (`scheme:rest`, no spaces or `<>"{}|\^\``).
    SourceNotIri(String),
    /// `created` is not an `xsd:dateTime` of the form `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
    CreatedNotDateTime(String),
}

impl fmt::Display for AnnotationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnnotationError::SourceNotIri(s) => write!(
                f,
                "source `{s}` is not an absolute IRI (e.g. https://example.org/article or urn:…); leave it empty to generate one"
            ),
            AnnotationError::CreatedNotDateTime(s) => write!(
                f,
                "created `{s}` is not a date-time such as 2026-11-30T22:05:14Z"
            ),
        }
    }
}

impl std::error::Error for AnnotationError {}

/// Code-point offsets `(start, end)` of each mention (mentions in text order, from a scan of `text`).
pub fn code_point_offsets(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut cp = 0usize;
    let mut byte = 0usize;
    let mut at = |to: usize| {
        if to >= byte {
            cp += text[byte..to].chars().count();
        } else {
            cp -= text[to..byte].chars().count();
        }
        byte = to;
        cp
    };
    mentions
        .iter()
        .map(|m| {
            let s = at(m.byte_start);
            (s, at(m.byte_end))
        })
        .collect()
}

/// FNV-1a over 128 bits: a stable, dependency-free hash (not cryptographic; ids only need to differ).
fn fnv128(parts: &[&[u8]]) -> u128 {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for p in parts {
        for &b in p.iter().chain(&[0xff]) {
            h ^= b as u128;
            h = h.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    h
}

/// A `urn:uuid:` from a hash, marked as an RFC 9562 version 8 (custom) UUID.
fn urn_uuid(h: u128) -> String {
    let h = (h & !(0xf << 76) | (0x8 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let x = format!("{h:032x}");
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

/// The `urn:uuid:` FactionLens gives a document that has no IRI: derived from its text alone, so the
/// same text always gets the same one.
pub fn document_urn(text: &str) -> String {
    urn_uuid(fnv128(&[b"factionlens:document", text.as_bytes()]))
}

/// Whether `s` is an absolute IRI: a scheme, a colon, and a non-empty rest without spaces, controls,
/// `<>"{}|\^` or a backtick, whose `%` signs start two hex digits (RFC 3987 `IRI`, loosely).
pub fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let b = rest.as_bytes();
    let pct_ok = b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || (i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit())
    });
    scheme_ok
        && !rest.is_empty()
        && pct_ok
        && !rest.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

/// An IRI as a URI (RFC 3987 §3.1): every non-ASCII character percent-encoded as UTF-8, so the
/// value passes `format: uri` checks too. `None` when `iri` is not an IRI.
pub fn iri_to_uri(iri: &str) -> Option<String> {
    if !is_iri(iri) {
        return None;
    }
    let mut out = String::with_capacity(iri.len());
    for c in iri.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(out)
}

/// A `file://` URI for an absolute path (bytes other than unreserved ones and `/` percent-encoded).
pub fn file_uri(abs_path: &str) -> String {
    let mut out = String::from("file://");
    if !abs_path.starts_with('/') {
        out.push('/');
    }
    for b in abs_path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Seconds since the Unix epoch as an `xsd:dateTime` in UTC (`2026-11-30T22:05:14Z`).
pub fn rfc3339_utc(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let rem = unix_secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    if b.len() < 20
        || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
    {
        return false;
    }
    if !(b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let f = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == f {
            return false;
        }
    }
    match &s[i..] {
        "Z" => true,
        tz => {
            let t = tz.as_bytes();
            t.len() == 6
                && matches!(t[0], b'+' | b'-')
                && t[1..3].iter().all(u8::is_ascii_digit)
                && t[3] == b':'
                && t[4..].iter().all(u8::is_ascii_digit)
        }
    }
}

/// The generator of every annotation: FactionLens, with an id stable for this version.
fn generator() -> Value {
    let name = format!("FactionLens {}", env!("CARGO_PKG_VERSION"));
    json!({
        "id": urn_uuid(fnv128(&[b"factionlens:software", name.as_bytes()])),
        "type": "Software",
        "name": name,
    })
}

/// Mentions as a W3C Web Annotation page (JSON-LD): one `identifying` annotation per mention with a
/// `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (code-point offsets, as the
/// model counts characters), three textual bodies (the entity's name, its type, its id), `created` and
/// `generator`. Every `id` is a `urn:uuid:`. Mentions must come from a scan of this same `text`.
///
/// ```
/// use factionlens::{render::annotation::{web_annotation_page, AnnotationOptions}, Lens};
/// let lens = Lens::builtin();
/// let text = "Kataib Hezbollah said";
/// let opts = AnnotationOptions { created: "2026-01-02T03:04:05Z".into(), ..Default::default() };
/// let page = web_annotation_page(text, &lens.scan(text), lens.knowledge_base(), &opts).unwrap();
/// assert!(page["id"].as_str().unwrap().starts_with("urn:uuid:"));
/// assert_eq!(page["items"][0]["target"]["selector"][1]["end"], 16);
/// let bad = AnnotationOptions { source: Some("article.txt".into()), ..opts };
/// assert!(web_annotation_page(text, &[], lens.knowledge_base(), &bad).is_err());
/// ```
pub fn web_annotation_page(
    text: &str,
    mentions: &[Mention],
    kb: &KnowledgeBase,
    opts: &AnnotationOptions,
) -> Result<Value, AnnotationError> {
    let source = match opts.source.as_deref().map(str::trim) {
        None | Some("") => document_urn(text),
        Some(s) => iri_to_uri(s).ok_or_else(|| AnnotationError::SourceNotIri(s.to_string()))?,
    };
    if !is_date_time(&opts.created) {
        return Err(AnnotationError::CreatedNotDateTime(opts.created.clone()));
    }
    let seed = fnv128(&[
        b"factionlens:export",
        source.as_bytes(),
        text.as_bytes(),
        opts.created.as_bytes(),
        opts.nonce.as_bytes(),
    ]);
    let generator = generator();
    let mut items = Vec::with_capacity(mentions.len());
    for (i, (m, (start, end))) in mentions
        .iter()
        .zip(code_point_offsets(text, mentions))
        .enumerate()
    {
        let prefix: String = {
            let before: Vec<char> = text[..m.byte_start]
                .chars()
                .rev()
                .take(QUOTE_CONTEXT)
                .collect();
            before.into_iter().rev().collect()
        };
        let suffix: String = text[m.byte_end..].chars().take(QUOTE_CONTEXT).collect();
        let name = kb
            .get(&m.entity)
            .map_or(m.entity.as_str(), |e| e.name.as_str());
        let id = urn_uuid(fnv128(&[&seed.to_le_bytes(), &(i as u64).to_le_bytes()]));
        items.push(json!({
            "id": id,
            "type": "Annotation",
            "motivation": "identifying",
            "created": opts.created,
            "generator": generator,
            "body": [
                {"type": "TextualBody", "purpose": "identifying", "value": name, "format": "text/plain"},
                {"type": "TextualBody", "purpose": "tagging", "value": m.kind.as_str(), "format": "text/plain"},
                {"type": "TextualBody", "purpose": "classifying", "value": m.entity, "format": "text/plain"}
            ],
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": m.text, "prefix": prefix, "suffix": suffix},
                    {"type": "TextPositionSelector", "start": start, "end": end}
                ]
            }
        }));
    }
    Ok(json!({
        "@context": ANNO_CONTEXT,
        "id": urn_uuid(seed),
        "type": "AnnotationPage",
        "startIndex": 0,
        "items": items
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris() {
        assert!(is_iri(
            "https://example.org/a b".replace(' ', "%20").as_str()
        ));
        assert!(is_iri("urn:uuid:0000"));
        assert!(is_iri("https://ar.example/كتائب"));
        assert!(!is_iri("article.txt"));
        assert!(!is_iri(""));
        assert!(!is_iri("https://x/a b"));
        assert!(!is_iri("1http://x"));
        assert!(!is_iri("http://x/%zz"));
        assert!(!is_iri("http://x/%4"));
        assert_eq!(
            iri_to_uri("https://ar.example/ك").as_deref(),
            Some("https://ar.example/%D9%83")
        );
        assert_eq!(file_uri("/tmp/a b.txt"), "file:///tmp/a%20b.txt");
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_798_761_600 - 1), "2026-12-31T23:59:59Z");
        assert!(is_date_time("2026-11-30T22:05:14Z"));
        assert!(is_date_time("2026-11-30T22:05:14.123+03:00"));
        assert!(!is_date_time("2026-11-30"));
        assert!(!is_date_time("2026-11-30T22:05:14"));
        assert!(!is_date_time("2026-11-30T22:05:14.Z"));
    }

    #[test]
    fn uuids_are_well_formed_and_distinct() {
        let a = urn_uuid(fnv128(&[b"a"]));
        let b = urn_uuid(fnv128(&[b"b"]));
        assert_ne!(a, b);
        let u = a.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = u.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&u[14..15], "8");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(document_urn("x"), document_urn("x"));
        assert_ne!(document_urn("x"), document_urn("y"));
    }

    #[test]
    fn page_points_at_the_text_in_code_points() {
        let lens = crate::Lens::builtin();
        let text = "😀 Asa’ib Ahl al-Haq, \"quoted\", and the IRGC";
        let ms = lens.scan(text);
        assert!(ms.len() >= 2);
        let opts = AnnotationOptions {
            created: "2026-11-30T22:05:14Z".into(),
            nonce: "a".into(),
            ..Default::default()
        };
        let page = web_annotation_page(text, &ms, lens.knowledge_base(), &opts).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let items = page["items"].as_array().unwrap();
        for (item, m) in items.iter().zip(&ms) {
            let sel = &item["target"]["selector"];
            let s = sel[1]["start"].as_u64().unwrap() as usize;
            let e = sel[1]["end"].as_u64().unwrap() as usize;
            assert_eq!(chars[s..e].iter().collect::<String>(), m.text);
            assert_eq!(sel[0]["exact"], m.text);
            assert_eq!(item["target"]["source"], document_urn(text));
        }
        assert_ne!(items[0]["id"], items[1]["id"]);
        let other = AnnotationOptions {
            nonce: "b".into(),
            ..opts
        };
        let page2 = web_annotation_page(text, &ms, lens.knowledge_base(), &other).unwrap();
        assert_ne!(page["id"], page2["id"]);
        assert_ne!(items[0]["id"], page2["items"][0]["id"]);
    }
}
