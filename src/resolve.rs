//! Document-level resolution: which matches are mentions, and of whom.
//!
//! The automaton finds spellings; whether a spelling is a mention depends on the rest of the document.
//! The rules, in order (they are also stated in the README):
//!
//! 1. **Definitions.** `Full Name (X)` and `X (Full Name)` teach the document `X` for that entity, where
//!    `X` is a short token with a capital letter: "the Coordination Framework (CF)", "Daesh (IS)". Every
//!    later (and earlier) whole-word, same-case use of `X` is a mention, whether or not the KB knows `X`,
//!    and the definition wins over the KB for this document.
//! 2. **Strong names** — canonical names, aliases, acronyms of three or more letters, Arabic names — are
//!    mentions on their own. They are the document's *evidence*.
//! 3. **Weak names** — one- or two-letter acronyms (`IS`, `KH`, `CF`) and weak aliases (`Hashd`, `الحشد`,
//!    `حماس`, `القاعدة`: names that are also ordinary words) — are mentions only if the entity also has a
//!    strong mention somewhere in the document, or was defined; a weak alias also right after a head
//!    noun (`حركة حماس`, `تنظيم القاعدة`; the list is `head_nouns` in `data/variants.toml`).
//! 4. **Short names** — a person's surname (`Sudani`, `al-Sudani`, `Khazali`), kunya or Arabic surname — are
//!    mentions only if the person's full name appears somewhere in the document (a headline `Khazali:`
//!    above `Qais al-Khazali …` is his). If several people of that name are named in full, the one
//!    mentioned most so far wins (the article's subject), then the one named most recently (before any of
//!    them is named, the first one named), and the mention is flagged `ambiguous` with the others as
//!    `candidates`: never silently one of them.
//! 5. **Defined-only names** (FollowTheMoney's `weakAlias`) are mentions only where the document defines them.
//! 6. **Shared names** (a spelling claimed by two entities, marked `ambiguous` in the KB) go to the entity
//!    with strong evidence elsewhere in the document, the one with most such mentions if several; with no
//!    evidence, to the first in KB order, flagged `ambiguous`.
//! 7. A person's one-word name inside a place name (`Ain al-Asad`, `Sadr City`; `place_before` and
//!    `place_after` in `data/variants.toml`) is no mention of the person.
//! 8. A match that none of this accepts is dropped, and the words inside it are searched again: a rejected
//!    `al-Houthi` (the leader, not yet named in full) still leaves `Houthi` (the movement).
//!
//! Mentions never overlap and come in text order; longer names win over shorter ones (leftmost-longest).

use crate::fold::fold_name;
use crate::matcher::{alnum, Candidate, Matcher, NameKind, RawMatch};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use unicode_normalization::char::is_combining_mark;

/// Why a span is a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The entity's canonical name.
    Name,
    /// An alias as written in the KB.
    Alias,
    /// A generated transliteration variant of a name or alias.
    Variant,
    /// A case-sensitive acronym from the KB.
    Acronym,
    /// An Arabic-script name.
    Arabic,
    /// A weak alias or weak acronym, accepted because the entity is named elsewhere in the document.
    Evidence,
    /// A surname after the person's full name.
    ShortName,
    /// An acronym the document defines (`Full Name (X)`).
    Defined,
}

impl Rule {
    /// All rules, in the order of their numeric codes (see [`Rule::code`]).
    pub const ALL: [Rule; 8] = [
        Rule::Name,
        Rule::Alias,
        Rule::Variant,
        Rule::Acronym,
        Rule::Arabic,
        Rule::Evidence,
        Rule::ShortName,
        Rule::Defined,
    ];

    /// The snake_case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Name => "name",
            Rule::Alias => "alias",
            Rule::Variant => "variant",
            Rule::Acronym => "acronym",
            Rule::Arabic => "arabic",
            Rule::Evidence => "evidence",
            Rule::ShortName => "short_name",
            Rule::Defined => "defined",
        }
    }

    /// A small integer for compact output.
    pub fn code(self) -> u32 {
        Rule::ALL.iter().position(|&r| r == self).unwrap_or(0) as u32
    }
}

/// A resolved mention before it is dressed for output: entity index, byte span, the name that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Index of the entity in the knowledge base.
    pub entity: u32,
    /// Byte offsets in the original text.
    pub start: usize,
    /// Byte offsets in the original text.
    pub end: usize,
    /// The name entry that matched, if a KB name did (none for a document-defined acronym).
    pub name: Option<u32>,
    /// Why it is a mention.
    pub rule: Rule,
    /// Whether the spelling is shared by several entities and nothing in the document decided.
    pub ambiguous: bool,
    /// For an ambiguous mention, the other entities it may be (indexes in the knowledge base).
    pub others: Vec<u32>,
}

struct Evidence {
    /// Start offsets of strong, unambiguous mentions per entity, in text order.
    strong: HashMap<u32, Vec<usize>>,
    /// The spellings (patterns) of those mentions per entity.
    spellings: HashMap<u32, Vec<u32>>,
    /// Document-defined acronyms: letters and digits → entity.
    defined: HashMap<String, u32>,
}

impl Evidence {
    fn any(&self, e: u32) -> bool {
        self.strong.contains_key(&e) || self.defined.values().any(|&d| d == e)
    }
    fn count(&self, e: u32) -> usize {
        self.strong.get(&e).map_or(0, Vec::len)
    }
    /// Whether `e` is named strongly by some spelling other than `pattern`.
    fn independent(&self, e: u32, pattern: u32) -> bool {
        self.spellings
            .get(&e)
            .is_some_and(|v| v.iter().any(|&p| p != pattern))
    }
    /// The latest strong mention of `e` before `pos`.
    fn last_before(&self, e: u32, pos: usize) -> Option<usize> {
        let v = self.strong.get(&e)?;
        let i = v.partition_point(|&s| s < pos);
        (i > 0).then(|| v[i - 1])
    }
    /// The first strong mention of `e` anywhere in the document.
    fn first(&self, e: u32) -> Option<usize> {
        self.strong.get(&e).and_then(|v| v.first().copied())
    }
}

fn rule_for(kind: NameKind, variant: bool) -> Rule {
    match kind {
        NameKind::Name if variant => Rule::Variant,
        NameKind::Alias if variant => Rule::Variant,
        NameKind::Name => Rule::Name,
        NameKind::Alias => Rule::Alias,
        NameKind::Acronym => Rule::Acronym,
        NameKind::Arabic => Rule::Arabic,
        NameKind::WeakAcronym | NameKind::WeakAlias => Rule::Evidence,
        NameKind::ShortName => Rule::ShortName,
        NameKind::DefinedOnly => Rule::Defined,
    }
}

/// Resolves the raw matches of `text` (from [`Matcher::find_all`]) into mentions.
pub fn resolve(text: &str, matcher: &Matcher, raw: Vec<RawMatch>) -> Vec<Resolved> {
    let names = matcher.names();
    let valid = |m: &RawMatch| -> Vec<Candidate> {
        matcher.valid_candidates(m.pattern, &text[m.start..m.end])
    };
    let entity_of = |c: &Candidate| names[c.name as usize].entity;
    let kind_of = |c: &Candidate| names[c.name as usize].kind;

    // Pass 1: strong evidence and definitions.
    let mut ev = Evidence {
        strong: HashMap::new(),
        spellings: HashMap::new(),
        defined: HashMap::new(),
    };
    for m in &raw {
        let strong: Vec<Candidate> = valid(m)
            .into_iter()
            .filter(|c| kind_of(c).is_strong())
            .collect();
        let mut ents: Vec<u32> = strong.iter().map(entity_of).collect();
        ents.dedup();
        if ents.len() == 1 {
            ev.strong.entry(ents[0]).or_default().push(m.start);
            let sp = ev.spellings.entry(ents[0]).or_default();
            if !sp.contains(&m.pattern) {
                sp.push(m.pattern);
            }
            let span = &text[m.start..m.end];
            let fits = |x: &String| initials_fit(x, span) || known_name(matcher, ents[0], x);
            if let Some(x) = definition_after(text, m.end)
                .filter(fits)
                .or_else(|| defined_name_after(text, m.end, ents[0], matcher).map(|(x, _)| x))
            {
                ev.defined.entry(x).or_insert(ents[0]);
            }
            if let Some(x) = definition_before(text, m.start, m.end).filter(fits) {
                ev.defined.entry(x).or_insert(ents[0]);
            }
        }
    }

    // Pass 2: choose a candidate for every match, rescanning inside rejected ones.
    let mut out: Vec<Resolved> = Vec::with_capacity(raw.len());
    // Mentions of each entity so far, in text order: how present a person is at this point.
    let mut so_far: HashMap<u32, usize> = HashMap::new();
    // Raw matches arrive in text order; sub-matches found inside rejected spans join them in a heap.
    let mut pending: BinaryHeap<Reverse<(usize, usize, u32)>> = BinaryHeap::new();
    let mut raw_iter = raw.into_iter().peekable();
    loop {
        let take_pending = match (raw_iter.peek(), pending.peek()) {
            (None, None) => break,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (Some(r), Some(Reverse((s, _, _)))) => *s <= r.start,
        };
        let m = if take_pending {
            let Reverse((start, end, pattern)) = pending.pop().unwrap();
            RawMatch {
                start,
                end,
                pattern,
            }
        } else {
            raw_iter.next().unwrap()
        };
        let cands = valid(&m);
        let chosen = choose(text, &m, &cands, &ev, &so_far, matcher)
            .filter(|r| !place_name(text, r, matcher));
        if let Some(r) = chosen {
            *so_far.entry(r.entity).or_default() += 1;
            out.push(r);
            continue;
        }
        // Search again from the next word inside the rejected span.
        let next_word = next_word_start(text, m.start);
        if next_word < m.end {
            for s in matcher.find_between(text, next_word, m.end) {
                pending.push(Reverse((s.start, s.end, s.pattern)));
            }
        }
    }

    // Document-defined acronyms the automaton does not know.
    for (x, &e) in &ev.defined {
        for (pos, _) in text.match_indices(x.as_str()) {
            let end = pos + x.len();
            let before_ok = !text[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after_ok = !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if before_ok && after_ok {
                out.push(Resolved {
                    entity: e,
                    start: pos,
                    end,
                    name: None,
                    rule: Rule::Defined,
                    ambiguous: false,
                    others: Vec::new(),
                });
            }
        }
    }

    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut result: Vec<Resolved> = Vec::with_capacity(out.len());
    for r in out {
        if result.last().is_none_or(|l| r.start >= l.end) {
            result.push(r);
        }
    }
    result
}

fn choose(
    text: &str,
    m: &RawMatch,
    cands: &[Candidate],
    ev: &Evidence,
    so_far: &HashMap<u32, usize>,
    matcher: &Matcher,
) -> Option<Resolved> {
    let names = matcher.names();
    let mk = |c: &Candidate, rule: Rule, others: Vec<u32>| Resolved {
        entity: names[c.name as usize].entity,
        start: m.start,
        end: m.end,
        name: Some(c.name),
        rule,
        ambiguous: !others.is_empty(),
        others,
    };
    // A definition in this document wins.
    let key = alnum(&text[m.start..m.end]);
    if let Some(&e) = ev.defined.get(&key) {
        if let Some(c) = cands.iter().find(|c| names[c.name as usize].entity == e) {
            let kind = names[c.name as usize].kind;
            let rule = if kind.is_strong() {
                rule_for(kind, c.variant)
            } else {
                Rule::Defined
            };
            return Some(mk(c, rule, Vec::new()));
        }
        return Some(Resolved {
            entity: e,
            start: m.start,
            end: m.end,
            name: None,
            rule: Rule::Defined,
            ambiguous: false,
            others: Vec::new(),
        });
    }
    // Short names need the full name somewhere in the document. With several people of that name, the
    // one mentioned most so far wins (the article's subject: `Khazali` stays Qais after "his brother Laith
    // al-Khazali"), then the one named most recently, then the first one named after; flagged with the others.
    let mut people: Vec<&Candidate> = cands
        .iter()
        .filter(|c| names[c.name as usize].kind == NameKind::ShortName)
        .filter(|c| ev.first(names[c.name as usize].entity).is_some())
        .collect();
    people.sort_by_key(|c| names[c.name as usize].entity);
    people.dedup_by_key(|c| names[c.name as usize].entity);
    let short = people.iter().copied().max_by_key(|c| {
        let e = names[c.name as usize].entity;
        let count = so_far.get(&e).copied().unwrap_or(0);
        match ev.last_before(e, m.start) {
            Some(p) => (count, 1, p as i64),
            None => (count, 0, -(ev.first(e).unwrap_or(usize::MAX) as i64)),
        }
    });
    let short_others: Vec<u32> = short.map_or_else(Vec::new, |s| {
        people
            .iter()
            .map(|c| names[c.name as usize].entity)
            .filter(|&e| e != names[s.name as usize].entity)
            .collect()
    });
    let strong: Vec<&Candidate> = cands
        .iter()
        .filter(|c| names[c.name as usize].kind.is_strong())
        .collect();
    // A person named in full earlier takes their surname back from an entity the document names only by
    // this same spelling ("Hafez al-Assad … Assad", "Abdul Malik al-Houthi … Houthi").
    if let Some(c) = short {
        if !strong.is_empty()
            && strong
                .iter()
                .all(|s| !ev.independent(names[s.name as usize].entity, m.pattern))
        {
            return Some(mk(c, Rule::ShortName, short_others));
        }
    }
    let mut ents: Vec<u32> = strong
        .iter()
        .map(|c| names[c.name as usize].entity)
        .collect();
    ents.sort_unstable();
    ents.dedup();
    match ents.len() {
        0 => {}
        1 => {
            let c = strong[0];
            return Some(mk(
                c,
                rule_for(names[c.name as usize].kind, c.variant),
                Vec::new(),
            ));
        }
        _ => {
            // Shared name: the entity with the most evidence elsewhere; else the first, flagged.
            let best = strong
                .iter()
                .max_by_key(|c| {
                    (
                        ev.count(names[c.name as usize].entity),
                        std::cmp::Reverse(c.name),
                    )
                })
                .unwrap();
            let best_entity = names[best.name as usize].entity;
            let others = if ev.count(best_entity) > 0 {
                Vec::new()
            } else {
                ents.iter().copied().filter(|&e| e != best_entity).collect()
            };
            return Some(mk(
                best,
                rule_for(names[best.name as usize].kind, best.variant),
                others,
            ));
        }
    }
    // Weak names need evidence anywhere; a weak acronym inside an all-caps run ("IS THIS THE END") is shouting.
    let weak = cands.iter().find(|c| {
        let n = &names[c.name as usize];
        match n.kind {
            NameKind::WeakAcronym => ev.any(n.entity) && !shouting(text, m.start, m.end),
            NameKind::WeakAlias => ev.any(n.entity) || head_noun_before(text, m.start, matcher),
            _ => false,
        }
    });
    if let Some(c) = weak {
        return Some(mk(c, Rule::Evidence, Vec::new()));
    }
    if let Some(c) = short {
        return Some(mk(c, Rule::ShortName, short_others));
    }
    None
}

/// Whether the word right before or after `start..end` (one space away) is an all-caps word of two or
/// more letters: the span is then part of a shouted headline, not an acronym.
fn shouting(text: &str, start: usize, end: usize) -> bool {
    let caps = |w: &str| {
        w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
    };
    let before = text[..start].strip_suffix(' ').map(|b| {
        let from = b
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        &b[from..]
    });
    let after = text[end..]
        .strip_prefix(' ')
        .map(|a| &a[..a.find(|c: char| !c.is_alphanumeric()).unwrap_or(a.len())]);
    before.is_some_and(caps) || after.is_some_and(caps)
}

/// Whether a mention of a person by one name word (a surname, with or without the article) is part of
/// a place name: `Ain al-Asad`, `Sadr City`.
fn place_name(text: &str, r: &Resolved, matcher: &Matcher) -> bool {
    let Some(n) = r.name.map(|n| &matcher.names()[n as usize]) else {
        return false;
    };
    // Cheap tests first: most mentions are not of a person (short names are people's) in Latin script.
    if !(n.person || n.kind == NameKind::ShortName) || !n.latin {
        return false;
    }
    let one_word = n
        .folded
        .split(' ')
        .filter(|w| !["al", "el"].contains(w))
        .count()
        == 1;
    one_word && matcher.in_place_name(&text[..r.start], &text[r.end..])
}

/// Whether the word before `start` (across spaces and quotes) is a head noun (`حركة` of `حركة حماس`).
fn head_noun_before(text: &str, start: usize, matcher: &Matcher) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '«' | '"' | '“' | '”' | '\'' | '‘' | '’')
    });
    let from = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || is_combining_mark(c) || c == '\u{640}'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = fold_name(&before[from..]);
    !word.is_empty() && matcher.is_head_noun(&word)
}

fn next_word_start(text: &str, start: usize) -> usize {
    let mut seen_break = false;
    for (i, c) in text[start..].char_indices() {
        if !c.is_alphanumeric() {
            seen_break = true;
        } else if seen_break {
            return start + i;
        }
    }
    text.len()
}

/// `… (X)` right after a name: X is a short token with a capital letter. Returns X's letters and digits.
fn definition_after(text: &str, end: usize) -> Option<String> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let inner = trimmed.strip_prefix('(')?;
    let close = inner.find(')')?;
    let x = inner[..close].trim();
    acronym_like(x).then(|| alnum(x))
}

/// `… (X)` right after a name of `entity`, where X is one of that entity's defined-only names that is
/// not acronym-like (FollowTheMoney's `weakAlias` "Nujaba" in "Harakat Hezbollah al-Nujaba (Nujaba)").
fn defined_name_after(
    text: &str,
    end: usize,
    entity: u32,
    matcher: &Matcher,
) -> Option<(String, usize)> {
    let inner = text[end..]
        .trim_start_matches([' ', '\u{a0}'])
        .strip_prefix('(')?;
    let x = inner[..inner.find(')')?].trim();
    let key = alnum(x);
    let lower = key.to_lowercase();
    matcher
        .names()
        .iter()
        .any(|n| {
            n.entity == entity
                && n.kind == NameKind::DefinedOnly
                && alnum(&n.text).to_lowercase() == lower
        })
        .then_some((key, end))
}

/// `X (Full Name)`: the name fills the parentheses and X stands right before them.
fn definition_before(text: &str, start: usize, end: usize) -> Option<String> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let before = before.strip_suffix('(')?.trim_end_matches([' ', '\u{a0}']);
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    if !after.starts_with(')') {
        return None;
    }
    let x_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| i + before[i..].chars().next().unwrap().len_utf8());
    let x = &before[x_start..];
    acronym_like(x).then(|| alnum(x))
}

/// Whether acronym `x` starts like `name` (its first letter is the initial of the name's first word, an
/// article `al`/`the` skipped): "the Popular Mobilization Forces (PMU)" defines PMU, but a photo credit after
/// a name ("the Iraqi Parliament (EPA)") defines nothing.
fn initials_fit(x: &str, name: &str) -> bool {
    let mut words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    if words
        .peek()
        .is_some_and(|w| ["al", "el", "the"].contains(&w.to_lowercase().as_str()))
    {
        words.next();
    }
    let initial = words.next().and_then(|w| w.chars().next());
    let first = x.chars().next();
    matches!((initial, first), (Some(i), Some(f)) if i.to_lowercase().eq(f.to_lowercase()))
}

/// Whether `x` (letters and digits) is already one of entity `e`'s names in the knowledge base.
fn known_name(matcher: &Matcher, e: u32, x: &str) -> bool {
    matcher
        .names()
        .iter()
        .any(|n| n.entity == e && alnum(&n.text) == x)
}

/// A short token with at least two capitals and no lowercase-only shape: `CF`, `PMU`, `IRGC-QF`, `NSM-2`.
fn acronym_like(x: &str) -> bool {
    let n = x.chars().count();
    (2..=10).contains(&n)
        && x.chars().all(|c| c.is_alphanumeric() || c == '-')
        && x.chars().filter(|c| c.is_uppercase()).count() >= 2
        && x.chars().next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions() {
        let t = "the Coordination Framework (CF), a coalition";
        let end = t.find(" (CF)").unwrap();
        assert_eq!(definition_after(t, end), Some("CF".to_string()));
        let t = "Daesh (IS) group";
        assert_eq!(definition_after(t, 5), Some("IS".to_string()));
        let t = "the PMU (Popular Mobilization Units) law";
        let s = t.find("Popular").unwrap();
        let e = t.find(") law").unwrap();
        assert_eq!(definition_before(t, s, e), Some("PMU".to_string()));
        assert_eq!(definition_after("Hamas (in Gaza)", 5), None);
        assert_eq!(definition_after("Hamas (2023)", 5), None);
    }

    #[test]
    fn acronym_initials() {
        assert!(initials_fit(
            "IRGCQF",
            "Islamic Revolutionary Guard Corps-Qods Force"
        ));
        assert!(initials_fit("AAH", "Asa'ib Ahl al-Haq"));
        assert!(initials_fit("HAN", "al-Harakat al-Nujaba"));
        assert!(initials_fit("PMU", "Popular Mobilization Forces"));
        assert!(!initials_fit("EPA", "Iraqi Parliament"));
        assert!(!initials_fit("AFP", "Kataib Hezbollah"));
    }

    #[test]
    fn shouted_headlines() {
        assert!(shouting("IS THIS THE END", 0, 2));
        assert!(shouting("WHY IS IT", 4, 6));
        assert!(!shouting("Daesh (IS) cells", 7, 9));
        assert!(!shouting("KH, AAH and PMF", 0, 2));
        assert!(!shouting("the IS group", 4, 6));
        assert!(!shouting("\u{200d} IS", 4, 6));
    }

    #[test]
    fn next_word() {
        assert_eq!(next_word_start("al-Houthi said", 0), 3);
        assert_eq!(next_word_start("Houthi", 0), 6);
    }
}
