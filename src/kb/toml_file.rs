//! Reading a knowledge-base file written in TOML (`[[entity]]` tables).
//!
//! It exists apart from [`super::schema`] because it is the only part of the schema that needs the
//! `toml` crate: `build.rs` always compiles it (the built-in KB is TOML), while the library compiles it
//! only with the `toml` cargo feature, which the web build leaves out (the page and the extension turn
//! a TOML dictionary into the JSON form in JavaScript; see ui/dictionary-text.js).

use super::schema::{line_of, EntityRecord, KbError, Located};
use serde::Deserialize;

/// Parses a TOML knowledge-base file (`[[entity]]` tables) into located records, without validating
/// them. A syntax or schema error names the line of the bad value.
pub fn parse_toml(text: &str, origin: &str) -> Result<Vec<Located>, KbError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        entity: Vec<toml::Spanned<EntityRecord>>,
    }
    let file: File = toml::from_str(text).map_err(|e| {
        let mut err = KbError::new(origin, e.message().trim().to_string());
        if let Some(span) = e.span() {
            err = err.at_line(line_of(text, span.start));
        }
        err
    })?;
    Ok(file
        .entity
        .into_iter()
        .map(|s| {
            let line = line_of(text, s.span().start);
            Located {
                record: s.into_inner(),
                line,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_name_line_and_field() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"persn\"\n";
        let err = parse_toml(text, "x.toml").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("persn"), "{err}");
    }
}
