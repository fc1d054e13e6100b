//! Mentions that borrow their strings: [`MentionRef`], and the scans that make them.
//!
//! Why it exists: a [`Mention`] owns its entity id, its text and its alias, three copies per mention,
//! made and freed for every mention of every document. A batch scan that only prints them (the CLI's
//! JSON lines) spent about a tenth of its time in those allocations. A [`MentionRef`] borrows the
//! same strings from the lens and the text; [`Lens::scan_with`] makes its owned mentions from these
//! views, so both ways of scanning are one code path.

use crate::{EntityCount, EntityType, Error, Lens, Mention, Rule, ScanOptions, Utf16Cursor};
use serde::Serialize;

/// A mention whose strings are borrowed from the lens (`entity`, `alias`, `candidates`) and the
/// scanned text (`text`): the fields of [`Mention`], without copying them.
///
/// ```
/// let lens = factionlens::Lens::builtin();
/// let text = "Kataib Hezbollah claimed the attack.";
/// let views = lens.scan_refs(text);
/// assert_eq!(views[0].entity, "kataib-hezbollah");
/// assert_eq!(views[0].text, "Kataib Hezbollah");
/// // The same mentions as the owned scan, field by field.
/// let owned: Vec<_> = views.iter().map(|m| m.to_mention()).collect();
/// assert_eq!(owned, lens.scan(text));
/// assert_eq!(owned[0].view(), views[0]);
/// // Serialized, the same JSON as the owned mention.
/// assert_eq!(serde_json::to_string(&views).unwrap(), serde_json::to_string(&owned).unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MentionRef<'a> {
    /// The entity's stable id, e.g. `kataib-hezbollah`.
    pub entity: &'a str,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The exact slice of the original text.
    pub text: &'a str,
    /// Start offset in UTF-16 code units (a JavaScript string index).
    pub start: usize,
    /// End offset in UTF-16 code units.
    pub end: usize,
    /// Start offset in UTF-8 bytes.
    pub byte_start: usize,
    /// End offset in UTF-8 bytes.
    pub byte_end: usize,
    /// The knowledge-base name that matched, as written there (for the `defined` rule, the acronym
    /// the document defines).
    pub alias: &'a str,
    /// Why this is a mention.
    pub rule: Rule,
    /// Whether the spelling is shared by several entities and the document did not decide.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// For an ambiguous mention, the ids of the other entities it may be (empty, and not allocated,
    /// for every other mention).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<&'a str>,
}

impl MentionRef<'_> {
    /// The owned mention, every string copied.
    pub fn to_mention(&self) -> Mention {
        Mention {
            entity: self.entity.to_string(),
            kind: self.kind,
            text: self.text.to_string(),
            start: self.start,
            end: self.end,
            byte_start: self.byte_start,
            byte_end: self.byte_end,
            alias: self.alias.to_string(),
            rule: self.rule,
            ambiguous: self.ambiguous,
            candidates: self.candidates.iter().map(|c| c.to_string()).collect(),
        }
    }
}

impl Mention {
    /// The mention as a view of its strings (for code that takes [`MentionRef`]s).
    pub fn view(&self) -> MentionRef<'_> {
        MentionRef {
            entity: &self.entity,
            kind: self.kind,
            text: &self.text,
            start: self.start,
            end: self.end,
            byte_start: self.byte_start,
            byte_end: self.byte_end,
            alias: &self.alias,
            rule: self.rule,
            ambiguous: self.ambiguous,
            candidates: self.candidates.iter().map(String::as_str).collect(),
        }
    }
}

impl Lens {
    /// [`Lens::scan`] as views: the same mentions, their strings borrowed from the lens and `text`.
    pub fn scan_refs<'a>(&'a self, text: &'a str) -> Vec<MentionRef<'a>> {
        self.scan_refs_with(text, &ScanOptions::default())
    }

    /// [`Lens::scan_with`] as views (see [`MentionRef`]).
    pub fn scan_refs_with<'a>(&'a self, text: &'a str, opts: &ScanOptions) -> Vec<MentionRef<'a>> {
        let names = self.matcher().names();
        let mut cursor = Utf16Cursor::new(text);
        self.resolve(text, opts)
            .into_iter()
            .map(|r| {
                let e = r.entity as usize;
                let start = cursor.advance(r.start);
                let end = cursor.advance(r.end);
                let slice = &text[r.start..r.end];
                MentionRef {
                    entity: self.entity_id(e),
                    kind: self.entity_type(e),
                    text: slice,
                    start,
                    end,
                    byte_start: r.start,
                    byte_end: r.end,
                    alias: r.name.map_or(slice, |n| names.get(n as usize).text),
                    rule: r.rule,
                    ambiguous: r.ambiguous,
                    candidates: r
                        .others
                        .iter()
                        .map(|&o| self.entity_id(o as usize))
                        .collect(),
                }
            })
            .collect()
    }

    /// [`Lens::scan_refs_with`] that refuses input larger than [`crate::MAX_INPUT`] with
    /// [`Error::TooLarge`] instead of panicking: for input of unchecked size.
    pub fn try_scan_refs_with<'a>(
        &'a self,
        text: &'a str,
        opts: &ScanOptions,
    ) -> Result<Vec<MentionRef<'a>>, Error> {
        crate::check_len(text.len())?;
        Ok(self.scan_refs_with(text, opts))
    }

    /// [`Lens::summarize`] of views.
    ///
    /// ```
    /// let lens = factionlens::Lens::builtin();
    /// let text = "Kataib Hezbollah, Badr and Kataib Hezbollah again.";
    /// let counts = lens.summarize_refs(&lens.scan_refs(text));
    /// assert_eq!(counts, lens.summarize(&lens.scan(text)));
    /// assert_eq!((counts[0].id.as_str(), counts[0].count), ("kataib-hezbollah", 2));
    /// ```
    pub fn summarize_refs(&self, mentions: &[MentionRef<'_>]) -> Vec<EntityCount> {
        self.summarize_ids(mentions.iter().map(|m| m.entity))
    }
}
