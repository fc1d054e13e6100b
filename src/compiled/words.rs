//! The matcher's word lists of the built-in variant rules (head nouns, bloc heads, place words), as
//! build.rs writes them: one line per list, its words tab-separated, prepared (folded) as
//! [`VariantRules::builtin`] prepares them.
//!
//! Why it exists: they are all the matcher needs of the rules, and reading them here lets the built-in
//! lens leave the rules' JSON undecoded (and its decoder uncompiled, in WebAssembly) until something
//! needs the rules themselves (a dictionary, `spellings`, `toCompiled`): BENCHMARKS.md, "Cold start: the
//! resolver's facts and the records at build time".

use crate::variants::VariantRules;

/// The four lists, in the order the matcher takes them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Words {
    pub(crate) head_nouns: Vec<String>,
    pub(crate) bloc_heads: Vec<String>,
    pub(crate) place_before: Vec<String>,
    pub(crate) place_after: Vec<String>,
}

impl Words {
    /// The lists of prepared rules (what build.rs writes).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn of(rules: &VariantRules) -> Words {
        Words {
            head_nouns: rules.head_nouns.clone(),
            bloc_heads: rules.bloc_heads.clone(),
            place_before: rules.place_before.clone(),
            place_after: rules.place_after.clone(),
        }
    }

    /// The text build.rs writes.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn text(&self) -> String {
        let lists = [
            &self.head_nouns,
            &self.bloc_heads,
            &self.place_before,
            &self.place_after,
        ];
        let mut out = String::new();
        for list in lists {
            assert!(
                list.iter()
                    .all(|w| !w.is_empty() && !w.contains(['\t', '\n'])),
                "a rule word that is empty or holds a tab or line break"
            );
            out.push_str(&list.join("\t"));
            out.push('\n');
        }
        out
    }

    /// Reads [`Words::text`]'s text; `None` unless it is four lines.
    pub(crate) fn parse(text: &str) -> Option<Words> {
        let mut lines = text.split('\n');
        let mut list = || -> Option<Vec<String>> {
            let line = lines.next()?;
            Some(if line.is_empty() {
                Vec::new()
            } else {
                line.split('\t').map(str::to_string).collect()
            })
        };
        let words = Words {
            head_nouns: list()?,
            bloc_heads: list()?,
            place_before: list()?,
            place_after: list()?,
        };
        (lines.next() == Some("") && lines.next().is_none()).then_some(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_words_are_the_prepared_rules_words() {
        let words = Words::of(&VariantRules::builtin());
        assert!(!words.head_nouns.is_empty() && !words.place_before.is_empty());
        assert_eq!(words.text(), crate::BUILTIN_WORDS);
        assert_eq!(Words::parse(crate::BUILTIN_WORDS), Some(words));
        let empty = Words::parse("\n\n\n\n").unwrap();
        assert!(empty.head_nouns.is_empty() && empty.place_after.is_empty());
        assert_eq!(Words::parse("a\n\n\n"), None);
        assert_eq!(Words::parse("a\n\n\n\n\n"), None);
    }
}
