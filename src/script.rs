//! Which characters are Arabic script.
//!
//! Why it exists: the fold (which normalizes Arabic letters), the knowledge-base schema (which checks
//! that an `arabic` name has an Arabic letter) and the build script (which validates the built-in KB
//! with that schema) must agree on the script's ranges; this tiny module, with no dependency, is the
//! one definition they all compile. The UI needs no copy: a card's Arabic names come in its `arabic`
//! field.

/// Whether `c` is in an Arabic-script block: Arabic (U+0600–U+06FF), Arabic Supplement
/// (U+0750–U+077F) or Arabic Extended-A (U+08A0–U+08FF).
///
/// ```
/// assert!(factionlens::script::is_arabic('ك'));
/// assert!(!factionlens::script::is_arabic('k'));
/// ```
#[inline]
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}
