//! Error types.
//!
//! Errors are values a caller can inspect (which file, which line, which field), not strings: a page
//! shows the user exactly where their dictionary is wrong, and a CLI batch reports one bad file and goes
//! on with the others.

use std::fmt;

pub use crate::kb::schema::KbError;

/// Everything that can go wrong in FactionLens.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A knowledge-base record or dictionary file is invalid. Says where.
    Kb(KbError),
    /// A dictionary format name that is not one of `json`, `toml`, `csv`, `ftm`.
    UnknownFormat(String),
    /// The variant rules are invalid.
    Rules(String),
    /// A dictionary would bring the knowledge base past the most names one lens holds.
    TooManyNames {
        /// The dictionary's name.
        origin: String,
        /// Names (canonical names, aliases, acronyms, Arabic names…) the knowledge base would hold.
        names: usize,
        /// The limit ([`crate::MAX_NAMES`]).
        limit: usize,
    },
    /// Bytes given as a compiled lens ([`crate::Lens::from_compiled`]) are not one this build can read:
    /// another build's, truncated or inconsistent. Says which.
    Compiled(String),
    /// A dictionary in a format this build does not read: it was built without the cargo feature that
    /// reads it (the web build has no `toml`; the page and the extension convert TOML to the JSON form
    /// before loading it). Names the dictionary and the feature.
    FormatNotBuilt {
        /// The dictionary's name.
        origin: String,
        /// Its format.
        format: crate::kb::Format,
        /// The cargo feature that reads it.
        feature: &'static str,
    },
    /// The input is larger than FactionLens scans in one call.
    TooLarge {
        /// Bytes given.
        len: usize,
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Kb(e) => e.fmt(f),
            Error::UnknownFormat(s) => {
                write!(f, "unknown dictionary format `{s}` (expected json, toml, csv or ftm)")
            }
            Error::Rules(s) => write!(f, "invalid variant rules: {s}"),
            Error::Compiled(s) => write!(f, "invalid compiled lens: {s}"),
            Error::TooManyNames { origin, names, limit } => write!(
                f,
                "{origin}: too large: the knowledge base would hold {names} names (canonical names, aliases, \
                 acronyms, Arabic names), more than the limit of {limit}; split the dictionary or drop aliases. \
                 Nothing was loaded"
            ),
            Error::FormatNotBuilt {
                origin,
                format,
                feature,
            } => write!(f, "{origin}: {}", not_built(*format, feature)),
            Error::TooLarge { len, limit } => {
                write!(f, "input of {len} bytes is larger than the limit of {limit} bytes")
            }
        }
    }
}

/// What [`Error::FormatNotBuilt`] says after the dictionary's name (also the message of the [`KbError`]
/// that [`crate::kb::parse_dictionary`] returns in that case).
pub(crate) fn not_built(format: crate::kb::Format, feature: &str) -> String {
    format!(
        "this build of FactionLens does not read {} dictionaries (it was built without the `{feature}` \
         feature); convert the file to the JSON form ({{\"entity\": [...]}}) first. Nothing was loaded",
        format.as_str().to_ascii_uppercase()
    )
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Kb(e) => Some(e),
            _ => None,
        }
    }
}

impl From<KbError> for Error {
    fn from(e: KbError) -> Error {
        Error::Kb(e)
    }
}
