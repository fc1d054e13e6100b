//! A quick refusal for spellings that stand for many names.
//!
//! A hit on word boundaries is kept only if one of its spelling's candidates accepts the text as
//! written ([`super::Matcher::locally_valid`]: an acronym's exact letters, a Latin name's capital).
//! Each candidate check reads the candidate's name entry, and in a big dictionary those sit at random
//! among hundreds of thousands. Some keys stand for dozens of names: a 100k-entity dictionary's
//! three-letter acronyms (`HDS`, `HIS`, `HAS`, …) share their romanization keys with common words
//! (`his`, `has`), so every such word in the text read dozens of entries to refuse the hit — 38
//! candidates per hit on average, 30 % of the scan's time (BENCHMARKS.md, "100k dictionary memory and
//! throughput"). For each spelling with [`CROWD`] candidates or more, a [`Summary`] answers from the text
//! alone whether any candidate may accept it; only when one may are the entries read.
//!
//! The resolver then asks which candidates accept a kept hit ([`super::Matcher::valid_candidates_into`]):
//! an acronym such a dictionary gives 758 entities (`ASI`) has a key with over a thousand candidates,
//! each read again. Each candidate of a crowded spelling has a [`Tag`] beside it, so only one candidate
//! per distinct exact string is read ([`Crowded::verdicts`]).

use super::{capitalized, Candidate, Matcher, NameKind, Names};

/// From this many candidates on, a spelling gets a [`Summary`] (fewer are checked one by one: a summary
/// would cost as much to look up as they do to check).
pub(crate) const CROWD: usize = 4;

/// What the candidates of one spelling accept, in short. [`Summary::may_accept`] is false only when no
/// candidate accepts the text: it may be true when none does (hash collisions), never false when one does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// One bit per hash of each exact candidate's letters (see [`bit`]).
    exact: u64,
    /// A Latin candidate without exact letters: accepts a text with a capital ([`capitalized`]).
    latin: bool,
    /// A candidate that accepts any text (neither exact nor Latin).
    open: bool,
}

/// The bit of a string of letters in [`Summary::exact`]: a hash of its characters.
fn bit(chars: impl Iterator<Item = char>) -> u64 {
    let h = chars.fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
    });
    1 << (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58)
}

impl Summary {
    /// The summary of `cands` (names in `names`).
    fn of(cands: &[Candidate], names: &Names) -> Summary {
        let mut s = Summary::default();
        for c in cands {
            let n = names.get(c.name as usize);
            match n.exact {
                Some(exact) => s.exact |= bit(exact.chars()),
                None if n.latin => s.latin = true,
                None => s.open = true,
            }
        }
        s
    }

    /// Whether a candidate may accept `original` (false: none does).
    pub(crate) fn may_accept(&self, original: &str) -> bool {
        self.open
            || (self.latin && capitalized(original))
            || self.exact & bit(original.chars().filter(|c| c.is_alphanumeric())) != 0
    }
}

/// The summaries of the spellings with [`CROWD`] candidates or more, by pattern.
#[derive(Clone, Debug, Default)]
pub(crate) struct Crowded {
    /// The patterns, increasing, and their summaries.
    patterns: Vec<u32>,
    summaries: Vec<Summary>,
    /// The tags of the crowded patterns' candidates, pattern after pattern: pattern `patterns[i]`'s
    /// are `tags[tag_start[i]..]`, one per candidate.
    tag_start: Vec<u32>,
    tags: Vec<Tag>,
}

/// What a candidate of a crowded spelling accepts, without its name entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tag {
    /// [`OPEN`], [`LATIN`], or for a candidate with exact letters, the position in its group of the
    /// first candidate with the same exact letters (its own position if it is the first).
    class: u32,
    /// Whether an accepted candidate is kept as it is (no variant to tell: neither a name nor an alias,
    /// and not strict; see [`super::Matcher::valid_candidates_into`]).
    plain: bool,
}

/// [`Tag::class`] of a candidate that accepts any text.
const OPEN: u32 = u32::MAX;
/// [`Tag::class`] of a Latin candidate without exact letters (accepts a [`capitalized`] text).
const LATIN: u32 = u32::MAX - 1;

/// What [`Crowded::verdicts`] says of a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// It does not accept the text.
    Refused,
    /// It accepts the text and is kept as it is.
    Kept,
    /// It accepts the text (or may): the caller reads its entry.
    Ask,
}

impl Crowded {
    /// The summaries of the crowded spellings: pattern `p`'s candidates are
    /// `cands[cand_start[p]..cand_start[p + 1]]`.
    pub(crate) fn new(cand_start: &[u32], cands: &[Candidate], names: &Names) -> Crowded {
        let mut c = Crowded::default();
        for (p, w) in cand_start.windows(2).enumerate() {
            let group = &cands[w[0] as usize..w[1] as usize];
            if group.len() >= CROWD {
                c.patterns.push(p as u32);
                c.summaries.push(Summary::of(group, names));
                c.tag_start.push(c.tags.len() as u32);
                let mut first: std::collections::HashMap<&str, u32> = Default::default();
                for (k, cand) in group.iter().enumerate() {
                    let n = names.get(cand.name as usize);
                    let class = match n.exact {
                        Some(exact) => *first.entry(exact).or_insert(k as u32),
                        None if n.latin => LATIN,
                        None => OPEN,
                    };
                    let plain =
                        !(cand.strict || matches!(n.kind, NameKind::Name | NameKind::Alias));
                    c.tags.push(Tag { class, plain });
                }
            }
        }
        c.patterns.shrink_to_fit();
        c.summaries.shrink_to_fit();
        c.tag_start.shrink_to_fit();
        c.tags.shrink_to_fit();
        c
    }

    /// For a crowded `pattern`, what each of its candidates says of `original` (in candidate order),
    /// reading one name entry per distinct exact string ([`Matcher::locally_valid`] of the first
    /// candidate with it); `None` for a spelling that is not crowded.
    pub(crate) fn verdicts(
        &self,
        m: &Matcher,
        pattern: u32,
        original: &str,
    ) -> Option<Vec<Verdict>> {
        let i = self.patterns.binary_search(&pattern).ok()?;
        let cands = m.candidates(pattern);
        let start = self.tag_start[i] as usize;
        let tags = &self.tags[start..start + cands.len()];
        let mut out: Vec<Verdict> = Vec::with_capacity(cands.len());
        for (k, t) in tags.iter().enumerate() {
            let accepted = match t.class {
                OPEN => true,
                LATIN => capitalized(original),
                j if j as usize == k => m.locally_valid(cands[k], original),
                // The first with the same exact letters, judged already.
                j => out[j as usize] != Verdict::Refused,
            };
            out.push(match (accepted, t.plain) {
                (false, _) => Verdict::Refused,
                (true, true) => Verdict::Kept,
                (true, false) => Verdict::Ask,
            });
        }
        Some(out)
    }

    /// Whether a candidate of `pattern` may accept `original` (false: none does); true for a spelling
    /// without a summary.
    pub(crate) fn may_accept(&self, pattern: u32, original: &str) -> bool {
        match self.patterns.binary_search(&pattern) {
            Ok(i) => self.summaries[i].may_accept(original),
            Err(_) => true,
        }
    }

    /// How many spellings have a summary.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.patterns.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{EntityRecord, EntityType, KnowledgeBase};
    use crate::matcher::Matcher;
    use crate::variants::VariantRules;

    /// Entities whose acronyms (`HAS`, `HIS`, …), Latin aliases (`Hus`) and Arabic names share keys with
    /// common words, as a big dictionary's do; and a text of those words in every case.
    fn crowded() -> (Matcher, String) {
        let acronyms = ["HAS", "HIS", "HOS", "HS", "H.S.", "HuS", "NAS", "NUS"];
        let mut records = Vec::new();
        for i in 0..60 {
            let mut r = EntityRecord::new(
                &format!("gen-{i}"),
                &format!("Liwa Qarim{i}"),
                EntityType::ArmedGroup,
            );
            r.acronyms = vec![acronyms[i % acronyms.len()].to_string()];
            if i % 7 == 0 {
                r.aliases = vec!["Hus".into(), "Nus".into()];
            }
            if i % 11 == 0 {
                r.arabic = vec!["هس".into()];
            }
            records.push(r);
        }
        let mut kb = KnowledgeBase::empty();
        kb.extend(records, "generated");
        let words = [
            "his", "His", "HIS", "has", "Has", "HAS", "hus", "Hus", "HUS", "HuS", "h.s.", "H.S.",
            "hs", "HS", "nas", "Nas", "NAS", "nus", "Nus", "The Hus", "هس", "وهس", "hos", "HOS",
        ];
        let text = words
            .iter()
            .flat_map(|w| [*w, "said", "and"])
            .collect::<Vec<_>>()
            .join(" ");
        (Matcher::build(&kb, &VariantRules::builtin()), text)
    }

    #[test]
    fn a_summary_never_refuses_what_a_candidate_accepts() {
        let (m, text) = crowded();
        assert!(m.crowded.len() >= 2, "{}", m.crowded.len());
        let mut refused = 0;
        for (i, &p) in m.crowded.patterns.iter().enumerate() {
            assert!(m.candidates(p).len() >= CROWD);
            assert_eq!(
                m.crowded.summaries[i],
                Summary::of(m.candidates(p), &m.names)
            );
            for original in text.split(" and ").chain(["The Hus", "H S", "h-s"]) {
                let accepted = m
                    .candidates(p)
                    .iter()
                    .any(|&c| m.locally_valid(c, original));
                let may = m.crowded.may_accept(p, original);
                assert!(may || !accepted, "pattern {p}, {original:?}");
                refused += usize::from(!may);
            }
        }
        // The point: most words are refused without reading a candidate.
        assert!(refused > 20, "{refused}");
        // A spelling without a summary is never refused by it.
        let few = (0..m.pattern_count() as u32).find(|&p| m.candidates(p).len() < CROWD);
        assert!(few.is_some_and(|p| m.crowded.may_accept(p, "zzz")));
    }

    #[test]
    fn the_summaries_change_no_match() {
        let (m, text) = crowded();
        let found = m.find_all(&text);
        assert!(found.len() >= 10, "{}", found.len());
        let mut without = m.clone();
        without.crowded = Crowded::default();
        assert_eq!(without.find_all(&text), found);
        // And each crowded spelling's valid candidates, for every word of the text.
        let mut judged = 0;
        for &p in &m.crowded.patterns {
            assert!(m.crowded.verdicts(&m, p, "HIS").is_some());
            assert!(without.crowded.verdicts(&without, p, "HIS").is_none());
            for original in text.split(" and ").chain(["The Hus", "H S", "h-s"]) {
                let valid = m.valid_candidates(p, original);
                assert_eq!(
                    valid,
                    without.valid_candidates(p, original),
                    "{p} {original:?}"
                );
                judged += valid.len();
            }
        }
        assert!(judged > 50, "{judged}");
    }
}
