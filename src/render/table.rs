//! Mentions as CSV that spreadsheets and data tools read right.
//!
//! Why a module of its own: a CSV is opened by people in Excel and LibreOffice as much as by pandas,
//! and each has its trap. Offsets are given in every unit a reader may index with (UTF-16 for
//! JavaScript and Excel, code points for Python, bytes for Rust and Go), each column named by its unit;
//! the `excel` option adds a byte-order mark and CRLF line ends (Excel reads a file without a BOM as the
//! local code page and garbles Arabic); and a cell that a spreadsheet would take for a formula (it
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading `'`, the
//! neutralization OWASP recommends against CSV injection.

use super::annotation::code_point_offsets;
use crate::Mention;

/// The header of [`mentions_csv`], in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "entity",
    "type",
    "text",
    "start_utf16",
    "end_utf16",
    "start_cp",
    "end_cp",
    "byte_start",
    "byte_end",
    "alias",
    "rule",
    "ambiguous",
];

/// Options for [`mentions_csv`].
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    /// Excel-friendly: a UTF-8 byte-order mark first and CRLF line ends.
    pub excel: bool,
}

/// A cell as a spreadsheet should show it: text that starts like a formula gets a leading `'`.
///
/// ```
/// use factionlens::render::table::neutralize;
/// assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralize("Kataib Hezbollah"), "Kataib Hezbollah");
/// ```
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Mentions of `text` as CSV with the header [`CSV_COLUMNS`]. Mentions must come from a scan of `text`.
///
/// ```
/// use factionlens::{render::table::{mentions_csv, CsvOptions}, Lens};
/// let lens = Lens::builtin();
/// let text = "😀 Kataib Hezbollah";
/// let csv = mentions_csv(text, &lens.scan(text), &CsvOptions::default());
/// let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
/// assert_eq!(&row[3..9], ["3", "19", "2", "18", "5", "21"]);
/// assert!(mentions_csv(text, &[], &CsvOptions { excel: true }).starts_with("\u{feff}entity,"));
/// ```
pub fn mentions_csv(text: &str, mentions: &[Mention], opts: &CsvOptions) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(if opts.excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(CSV_COLUMNS);
    for (m, (cs, ce)) in mentions.iter().zip(code_point_offsets(text, mentions)) {
        let _ = w.write_record([
            neutralize(&m.entity).as_ref(),
            m.kind.as_str(),
            neutralize(&m.text).as_ref(),
            &m.start.to_string(),
            &m.end.to_string(),
            &cs.to_string(),
            &ce.to_string(),
            &m.byte_start.to_string(),
            &m.byte_end.to_string(),
            neutralize(&m.alias).as_ref(),
            m.rule.as_str(),
            if m.ambiguous { "true" } else { "false" },
        ]);
    }
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    if opts.excel {
        format!("\u{feff}{body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityRecord, EntityType, KnowledgeBase, Lens};

    #[test]
    fn formulas_are_neutralized_and_offsets_named() {
        let mut kb = KnowledgeBase::empty();
        let mut r = EntityRecord::new("x", "Brigade X", EntityType::ArmedGroup);
        r.aliases = vec!["=Brigade".into()];
        kb.extend(vec![r], "t");
        let lens = Lens::new(kb);
        let text = "=Brigade, then 😀 Brigade X";
        let ms = lens.scan(text);
        let csv = mentions_csv(text, &ms, &CsvOptions { excel: true });
        let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        assert_eq!(
            rdr.headers().unwrap().iter().collect::<Vec<_>>(),
            CSV_COLUMNS
        );
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), ms.len());
        assert!(ms.iter().any(|m| m.alias == "=Brigade"), "{ms:?}");
        for (row, m) in rows.iter().zip(&ms) {
            assert!(
                row.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])),
                "{row:?}"
            );
            assert_eq!(&row[9], neutralize(&m.alias).as_ref());
            let cs: usize = row[5].parse().unwrap();
            let ce: usize = row[6].parse().unwrap();
            let slice: String = text.chars().skip(cs).take(ce - cs).collect();
            assert_eq!(slice, m.text);
            assert_eq!(row[11].to_string(), m.ambiguous.to_string());
        }
        assert!(csv.contains("\r\n") && !csv.replace("\r\n", "").contains('\n'));
    }
}
