//! The invariants the fuzz targets check, shared with `tests/regressions.rs` (included there with
//! `#[path]`), so a crash input kept as a regression test is checked by exactly the same code.
//!
//! Every check panics with a message naming the invariant that failed.
#![allow(dead_code)]

use factionlens::fold::{fold, fold_key, fold_name};
use factionlens::key::key_name;
use factionlens::{Format, KnowledgeBase, Lens, Mention, MergeMode};
use std::sync::OnceLock;

/// The built-in lens, built once per process.
pub fn builtin() -> &'static Lens {
    static LENS: OnceLock<Lens> = OnceLock::new();
    LENS.get_or_init(Lens::builtin)
}

/// Checks a scan's mentions against the text they came from: non-empty byte spans in bounds and on
/// char boundaries, `text` equal to the slice, spans in text order and disjoint, UTF-16 offsets equal
/// to the UTF-16 length of the prefix, and entity ids known to `lens`.
pub fn check_mentions(lens: &Lens, text: &str, mentions: &[Mention]) {
    let kb = lens.knowledge_base();
    let mut prev_end = 0;
    let mut utf16 = 0; // UTF-16 length of text[..prev_end]
    for m in mentions {
        assert!(m.byte_start < m.byte_end, "empty or reversed span: {m:?}");
        assert!(
            m.byte_end <= text.len(),
            "span past the end ({}): {m:?}",
            text.len()
        );
        assert!(
            text.is_char_boundary(m.byte_start),
            "start not on a char boundary: {m:?}"
        );
        assert!(
            text.is_char_boundary(m.byte_end),
            "end not on a char boundary: {m:?}"
        );
        assert_eq!(
            &text[m.byte_start..m.byte_end],
            m.text,
            "mention text is not the slice of the input"
        );
        assert!(
            m.byte_start >= prev_end,
            "mentions overlap or are out of order at {m:?}"
        );
        utf16 += text[prev_end..m.byte_start].encode_utf16().count();
        assert_eq!(
            m.start, utf16,
            "UTF-16 start disagrees with the byte start: {m:?}"
        );
        utf16 += m.text.encode_utf16().count();
        assert_eq!(
            m.end, utf16,
            "UTF-16 end disagrees with the byte end: {m:?}"
        );
        assert!(kb.contains(&m.entity), "unknown entity id: {m:?}");
        prev_end = m.byte_end;
    }
}

/// Scans `text` with `lens` and checks the mentions; also checks that the compact scan agrees.
pub fn check_scan(lens: &Lens, text: &str) -> Vec<Mention> {
    let mentions = lens.scan(text);
    check_mentions(lens, text, &mentions);
    let spans = lens.scan_spans(text);
    assert_eq!(
        spans.len(),
        mentions.len(),
        "scan_spans and scan disagree on the number of mentions"
    );
    for (s, m) in spans.iter().zip(&mentions) {
        let same = (
            s.start as usize,
            s.end as usize,
            s.byte_start as usize,
            s.byte_end as usize,
        ) == (m.start, m.end, m.byte_start, m.byte_end)
            && lens.knowledge_base().at(s.entity as usize).id == m.entity
            && s.rule == m.rule;
        assert!(same, "scan_spans disagrees with scan: {s:?} vs {m:?}");
    }
    mentions
}

/// Checks the fold of `text`: a map entry for every folded byte, every entry a char boundary of `text`,
/// non-decreasing; no run of spaces; every folded character maps back through `original_span` to a
/// non-empty span of `text` on char boundaries; `fold_name` is the trimmed fold; folding is idempotent.
pub fn check_fold(text: &str) {
    let f = fold(text);
    let folded = f.as_str();
    let mut prev = 0;
    for i in 0..folded.len() {
        let src = f.source_offset(i); // panics if the map is shorter than the folded text
        assert!(
            src < text.len(),
            "folded byte {i} maps to {src}, past the original ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(src),
            "folded byte {i} maps to {src}, not a char boundary"
        );
        assert!(
            src >= prev,
            "offset map decreases at folded byte {i}: {prev} then {src}"
        );
        prev = src;
    }
    assert!(
        !folded.contains("  "),
        "fold left a run of spaces: {folded:?}"
    );
    let bounds: Vec<usize> = folded
        .char_indices()
        .map(|(i, _)| i)
        .chain([folded.len()])
        .collect();
    for w in bounds.windows(2) {
        check_original_span(&f, text, w[0], w[1]);
    }
    if bounds.len() > 1 {
        check_original_span(&f, text, 0, folded.len());
    }
    assert_eq!(
        fold_name(text),
        folded.trim(),
        "fold_name is not the trimmed fold"
    );
    assert_eq!(fold(folded).as_str(), folded, "folding is not idempotent");
    check_fold_key(text);
}

/// Checks the keyed fold of `text` (what the matcher searches): a map entry for every byte, every entry
/// a char boundary of `text`, non-decreasing, spans back into `text` non-empty on char boundaries; and the
/// key of the text is the key of the text read as a name (names and text key alike).
fn check_fold_key(text: &str) {
    let k = fold_key(text);
    let keyed = k.as_str();
    let mut prev = 0;
    for i in 0..keyed.len() {
        let src = k.source_offset(i);
        assert!(
            src < text.len() && text.is_char_boundary(src) && src >= prev,
            "keyed byte {i} maps to {src} (previous {prev}, original {} bytes)",
            text.len()
        );
        prev = src;
    }
    if !keyed.is_empty() {
        check_original_span(&k, text, 0, keyed.len());
    }
    assert_eq!(
        keyed.trim(),
        key_name(&fold_name(text)),
        "the key of the text is not the key of the name"
    );
}

fn check_original_span(f: &factionlens::fold::Folded, text: &str, fs: usize, fe: usize) {
    let (s, e) = f.original_span(text, fs, fe);
    assert!(
        s < e && e <= text.len(),
        "original_span({fs}, {fe}) = ({s}, {e}) is empty or out of bounds"
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "original_span({fs}, {fe}) = ({s}, {e}) splits a char"
    );
}

/// File name a dictionary of this format would have (used as its origin).
pub fn origin(format: Format) -> &'static str {
    match format {
        Format::Json => "fuzz.json",
        Format::Toml => "fuzz.toml",
        Format::Csv => "fuzz.csv",
        Format::Ftm => "fuzz.jsonl",
    }
}

/// Loads `text` as a dictionary into an empty lens. Must not panic; errors must display. If it loads,
/// the report must match the KB, and a scan of a short text made of the input and every loaded name
/// must satisfy [`check_mentions`]. Returns whether it loaded.
pub fn check_dictionary(text: &str, format: Format) -> bool {
    let mut lens = Lens::new(KnowledgeBase::empty());
    let report = match lens.load_dictionary(text, format, origin(format), MergeMode::Replace) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty(), "an error with an empty message");
            return false;
        }
    };
    let kb = lens.knowledge_base();
    assert_eq!(report.loaded, report.ids.len(), "report counts disagree");
    assert_eq!(report.total, kb.len(), "report total is not the KB size");
    assert!(report.loaded > 0, "a dictionary loaded with no entities");
    for id in &report.ids {
        assert!(kb.contains(id), "reported id `{id}` is not in the KB");
    }
    let mut probe = String::from(text);
    for e in kb.entities() {
        for (_, names) in e.name_fields() {
            for n in names {
                probe.push_str("\nThe ");
                probe.push_str(n);
                probe.push_str(" (");
                probe.push_str(n);
                probe.push_str("), said.");
            }
        }
    }
    check_scan(&lens, &probe);
    true
}
