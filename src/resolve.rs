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
//!    A weak alias of several words of a government body or umbrella (`Ministry of Finance`, `مجلس النواب`)
//!    is also a mention in a document about the body's country (the country with most entities named
//!    strongly), unless another country qualifies it (`Bahrain's …`, `… اللبناني`, `… في فلسطين`).
//! 4. **Short names** — a person's surname (`Sudani`, `al-Sudani`, `Khazali`), kunya or Arabic surname — are
//!    mentions only if the person's full name appears somewhere in the document (a headline `Khazali:`
//!    above `Qais al-Khazali …` is his). If several people of that name are named in full, the one
//!    mentioned most so far wins (the article's subject), then the one named most recently (before any of
//!    them is named, the first one named), and the mention is flagged `ambiguous` with the others as
//!    `candidates`: never silently one of them. Beside that:
//!    - a full name may carry up to two names (father's, grandfather's) between given name and surname
//!      (`Hebat Hamad Abbas Al-Halbousi`): one mention, and evidence like the full name;
//!    - a title right before the surname (`PM Barzani`; `titles` in `data/variants.toml`) picks, among
//!      those who hold or held that role, the only one named in full, else the current holder, else the
//!      only former one, full name in the document or not; the other holders stay candidates;
//!    - a capitalized word before the surname that is no title or honorific names another person
//!      (`Adnan Hamidawi`), except in Title Case headlines and at a sentence's start;
//!    - a person marked `surname_alone` in the KB is named by a short name no other KB person has, without
//!      the full name, in a document about the person's country, where the surname is no adjective
//!      (`الجيش السوداني`), follows no head noun (`جماعة الحوثي`) and no other given name; so is, under
//!      the same conditions, the person whose KB roles make them the head (leader, chairman, secretary
//!      general, commander, head …) of a body the document names strongly (among several of that surname,
//!      the head of most such bodies, flagged with the others), also in a document about another country
//!      when that body is of the person's own (`قاآني` in an Iraqi story naming the Quds Force);
//!    - a surname before `administration` or after `إدارة` names the one person of that name who is or was
//!      a president or prime minister (`the Trump administration`).
//!    - a body's short names are truncations (`Framework`, `السرايا`, and a group's name without its final
//!      ` in ` and place, `Islamic Resistance`: see `matcher::tables`): mentions of the body named in full
//!      most recently before them.
//!    - names coordinated before one plural head noun ("the State and Treasury departments") are
//!      mentions when each, with the singular head, is a strong name.
//! 5. **Defined-only names** (FollowTheMoney's `weakAlias`) are mentions only where the document defines them.
//! 6. **Shared names** (a spelling claimed by two entities, marked `ambiguous` in the KB) go to the entity
//!    with strong evidence elsewhere in the document, the one with most such mentions if several; with no
//!    evidence, to the first in KB order, flagged `ambiguous`.
//! 7. A person's one-word name inside a place name (`Ain al-Asad`, `Sadr City`; `place_before` and
//!    `place_after` in `data/variants.toml`) is no mention of the person.
//! 8. A match that none of this accepts is dropped, and the words inside it are searched again: a rejected
//!    `al-Houthi` (the leader, not yet named in full) still leaves `Houthi` (the movement).
//! 9. **Context** (the `context` module): a bloc's or group's weak alias in quotes, before an English head
//!    noun, beside its leader or joined to another group's name; a surname that names its group after a
//!    head noun or, in Latin script without the article, before a group noun (`Houthi rebels`); a surname
//!    right after a body the person serves; no given name with the article; a dateline's agency credit
//!    (`BEIRUT (AP) —`) but no media credit line; no lower-case article in a span.
//!
//! Mentions never overlap and come in text order; longer names win over shorter ones (leftmost-longest).

use crate::fold::fold_name;
use crate::fold::is_combining_mark;
use crate::kb::schema::{EntityType, RoleKind};
use crate::kb::KnowledgeBase;
use crate::key::key_name;
use crate::matcher::{alnum, Candidate, Matcher, NameKind, RawMatch};
use crate::variants::VariantRules;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

mod context;
pub(crate) mod stored;

/// Why a span is a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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

/// What the resolver knows of each entity besides its names: the facts that decide between people who
/// share a surname (roles, full names), whether a surname alone may name someone, and which country a
/// document is about. Built once per knowledge base, next to the [`Matcher`]; the built-in KB's at build
/// time ([`stored`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Per entity: whether it is a person.
    person: Vec<bool>,
    /// Per entity: whether it is a government body or an umbrella (a ministry, a parliament, "the Islamic
    /// Resistance": names every state may have).
    institution: Vec<bool>,
    /// Per entity: its countries (ISO codes).
    countries: Rows<String>,
    /// Per entity: the roles a person holds or held, and whether each is current.
    roles: Rows<(RoleKind, bool)>,
    /// Per entity: the bodies (entity indexes) a person holds or held a role in, each once, in the order
    /// of the roles, and whether a role heads the body (leader, secretary-general, chairman, president,
    /// speaker, commander, head …).
    ties: Rows<(u32, bool)>,
    /// Per entity: known by the surname alone (`surname_alone` in the KB).
    surname_alone: Vec<bool>,
    /// Per entity: every full name (canonical, aliases, Arabic) as folded words, those words' keys, and
    /// per word its keys as written and contracted (`haibat`: also `hebat`; see
    /// [`VariantRules::word_keys`]), by which a given name in text is compared; empty for a person
    /// without short names (never read: see [`Facts::new`]).
    full_names: Rows<FullName>,
    /// Per entity: its short names (surnames, kunyas), folded, without the article word.
    short_forms: Rows<String>,
    /// Titles (folded words) and the role each names.
    titles: Vec<(Vec<String>, RoleKind)>,
    /// Honorifics (folded words): `sheikh`, `السيد`.
    honorifics: Vec<Vec<String>>,
    /// Words that are never a name between a given name and a surname (folded): `إن`, `قال`.
    not_names: Vec<String>,
    /// Common Arabic given names (folded): another person's surname after one (`معين الكاظمي`).
    given_names: Vec<String>,
    /// The document-context facts of [`context`] (bloc members, eponymous groups, entity types).
    ctx: context::ContextFacts,
}

impl Facts {
    /// The facts of `kb`, with the titles of `rules`.
    pub fn new(kb: &KnowledgeBase, rules: &VariantRules) -> Facts {
        let mut f = Facts::default();
        for e in kb.entities() {
            // Each body once, heading it if any of the person's roles in it does.
            let mut ties: Vec<(u32, bool)> = Vec::new();
            for r in &e.roles {
                let Some(b) = kb.index_of(&r.of) else {
                    continue;
                };
                let head = matches!(
                    r.role,
                    RoleKind::SupremeLeader
                        | RoleKind::President
                        | RoleKind::PrimeMinister
                        | RoleKind::Speaker
                        | RoleKind::Chairman
                        | RoleKind::SecretaryGeneral
                        | RoleKind::Leader
                        | RoleKind::Commander
                        | RoleKind::Head
                );
                match ties.iter_mut().find(|t| t.0 == b as u32) {
                    Some(t) => t.1 |= head,
                    None => ties.push((b as u32, head)),
                }
            }
            f.ties.push_row(ties);
            let person = e.kind == EntityType::Person;
            f.person.push(person);
            f.institution.push(matches!(
                e.kind,
                EntityType::Government | EntityType::Umbrella
            ));
            f.countries.push_row(e.country.iter().cloned());
            f.roles.push_row(
                e.roles
                    .iter()
                    .map(|r| (r.role, r.is_current(e.status.as_deref()))),
            );
            f.surname_alone.push(e.surname_alone);
            // Read only for a surname match (a `ShortName` name of a person, which only `short_names`
            // give a person: the truncated names are groups'); a big dictionary's persons mostly have
            // none, and the words, keys and spellings of their full names (a dozen allocations a name)
            // were part of its lens (BENCHMARKS.md, "A big dictionary's records and facts").
            let full = if person && !e.short_names.is_empty() {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .chain(&e.arabic)
                    .map(|n| words_of(&fold_name(n)))
                    .filter(|w| w.len() >= 2)
                    .map(|w| {
                        let keys = w.iter().map(|x| key_name(x)).collect();
                        let spelled = w.iter().map(|x| rules.word_keys(x)).collect();
                        (w, keys, spelled)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            f.full_names.push_row(full);
            f.short_forms.push_row(
                e.short_names
                    .iter()
                    .map(|n| words_of(&fold_name(n)).join(" ")),
            );
        }
        let mut titles: Vec<(Vec<String>, RoleKind)> = rules
            .titles
            .iter()
            .flat_map(|(&role, ts)| ts.iter().map(move |t| (words_of(&fold_name(t)), role)))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        // Longest first: `Parliament Speaker` before `Speaker`.
        titles.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        f.titles = titles;
        f.not_names = rules.not_names.iter().map(|w| fold_name(w)).collect();
        f.given_names = rules.given_names.iter().map(|w| fold_name(w)).collect();
        f.ctx = context::ContextFacts::new(kb, rules, &f.ties);
        f.honorifics = rules
            .honorifics
            .iter()
            .map(|h| words_of(&fold_name(h)))
            .filter(|w| !w.is_empty())
            .collect();
        f
    }

    fn is_person(&self, e: u32) -> bool {
        self.person.get(e as usize).copied().unwrap_or(false)
    }
    fn is_institution(&self, e: u32) -> bool {
        self.institution.get(e as usize).copied().unwrap_or(false)
    }
    fn countries(&self, e: u32) -> &[String] {
        self.countries.get(e as usize).unwrap_or(&[])
    }
    fn surname_alone(&self, e: u32) -> bool {
        self.surname_alone.get(e as usize).copied().unwrap_or(false)
    }
    /// Whether `e` holds `role` now (`Some(true)`), held it once (`Some(false)`), or never (`None`).
    fn holds(&self, e: u32, role: RoleKind) -> Option<bool> {
        let rs = self.roles.get(e as usize)?;
        rs.iter()
            .filter(|(r, _)| *r == role)
            .map(|&(_, cur)| cur)
            .max()
    }
}

/// Per entity, a list, all lists in one vector with where each ends: a big dictionary's entities have
/// mostly empty lists, which as a `Vec` each took 24 bytes and here take 4 (BENCHMARKS.md, "Names in
/// one arena").
#[derive(Clone, Debug, PartialEq)]
struct Rows<T> {
    /// `ends[i]` is where row `i` ends in `items` (it starts where row `i - 1` ends, or at 0).
    ends: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Rows<T> {
        Rows {
            ends: Vec::new(),
            items: Vec::new(),
        }
    }
}

/// Row `i`, as a `Vec` of rows would give it (panics past the last row).
impl<T> std::ops::Index<usize> for Rows<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        self.get(i).expect("a row per entity")
    }
}

impl<T> Rows<T> {
    /// Appends the next row.
    fn push_row(&mut self, row: impl IntoIterator<Item = T>) {
        self.items.extend(row);
        self.ends.push(
            u32::try_from(self.items.len()).expect("fewer than 4G facts (MAX_NAMES bounds the KB)"),
        );
    }

    /// Row `i`, `None` past the last.
    fn get(&self, i: usize) -> Option<&[T]> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        Some(&self.items[start..end])
    }

    /// Number of rows.
    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// A person's full name: its folded words, their keys, and per word its keys as written and contracted.
type FullName = (Vec<String>, Vec<String>, Vec<Vec<String>>);

/// The words of a folded name, without the article word (`al`, `el`) standing alone.
fn words_of(folded: &str) -> Vec<String> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !["al", "el"].contains(w))
        .map(str::to_string)
        .collect()
}

/// A word of [`words_before`] folded as a name, `words_of(&fold_name(word))`: without the fold for a
/// word of ASCII letters and digits only (most words), which folds to itself in lower case.
enum NameWord<'t> {
    /// ASCII letters and digits only: its folded words are its lower case (none for `al`, `el`).
    Ascii(&'t str),
    /// Any other word, folded.
    Folded(Vec<String>),
}

impl<'t> NameWord<'t> {
    fn of(word: &'t str) -> NameWord<'t> {
        if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            NameWord::Ascii(word)
        } else {
            NameWord::Folded(words_of(&fold_name(word)))
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            NameWord::Ascii(w) => {
                w.is_empty() || w.eq_ignore_ascii_case("al") || w.eq_ignore_ascii_case("el")
            }
            NameWord::Folded(f) => f.is_empty(),
        }
    }

    /// Whether its last folded word is `folded` (a folded word: lower case). Not for an empty one.
    fn last_is(&self, folded: &str) -> bool {
        match self {
            NameWord::Ascii(w) => w.eq_ignore_ascii_case(folded),
            NameWord::Folded(f) => f.last().is_some_and(|l| l == folded),
        }
    }

    /// Whether its folded words end with `words` (folded). Not for an empty one.
    fn ends_with(&self, words: &[String]) -> bool {
        match (self, words) {
            (NameWord::Ascii(_), []) => true,
            (NameWord::Ascii(w), [x]) => w.eq_ignore_ascii_case(x),
            (NameWord::Ascii(_), _) => false,
            (NameWord::Folded(f), _) => f.ends_with(words),
        }
    }
}

struct Evidence {
    /// Start offsets of strong, unambiguous mentions per entity, in text order.
    strong: FxHashMap<u32, Vec<usize>>,
    /// The spellings (patterns) of those mentions per entity.
    spellings: FxHashMap<u32, Vec<u32>>,
    /// Document-defined acronyms: letters and digits → entity.
    defined: FxHashMap<String, u32>,
    /// The longest key of `defined`, in bytes (0 when it is empty).
    defined_max: usize,
    /// Full names written with the father's and grandfather's names between given name and surname
    /// (`Hebat Hamad Abbas Al-Halbousi`): the surname match's start → (the given name's start, name).
    extended: FxHashMap<usize, (usize, Candidate)>,
    /// The country the document is about: the one with most entities named strongly, if one leads.
    country: Option<String>,
    /// Strong mentions of armed groups and umbrellas: (start, end, entity), in text order.
    groups: Vec<(usize, usize, u32)>,
    /// Surnames right after a body the person has a role in (`Al-Nujaba Al-Shammari`): start → name.
    affiliated: FxHashMap<usize, Candidate>,
}

impl Evidence {
    fn any(&self, e: u32) -> bool {
        self.strong.contains_key(&e) || self.defined.values().any(|&d| d == e)
    }
    /// The entity the document defines `span` as (its letters and digits a key of `defined`). Most
    /// spans have more letters than any key: counted first, without building the key.
    fn defined_as(&self, span: &str) -> Option<u32> {
        let mut len = 0;
        for c in span.chars().filter(|c| c.is_alphanumeric()) {
            len += c.len_utf8();
            if len > self.defined_max {
                return None;
            }
        }
        self.defined.get(&alnum(span)).copied()
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
pub fn resolve(text: &str, matcher: &Matcher, facts: &Facts, raw: Vec<RawMatch>) -> Vec<Resolved> {
    let names = matcher.names();
    let entity_of = |c: &Candidate| names.entity(c.name as usize);
    let kind_of = |c: &Candidate| names.kind(c.name as usize);

    // Pass 1: strong evidence and definitions.
    let mut ev = Evidence {
        strong: FxHashMap::default(),
        spellings: FxHashMap::default(),
        defined: FxHashMap::default(),
        extended: FxHashMap::default(),
        defined_max: 0,
        country: None,
        groups: Vec::new(),
        affiliated: FxHashMap::default(),
    };
    // Each raw match's candidates, computed once here and used again in pass 2: raw match `i`'s are
    // `cand_buf[cand_at[i]..cand_at[i + 1]]` (one buffer, no `Vec` per match).
    let mut cand_buf: Vec<Candidate> = Vec::with_capacity(raw.len() * 2);
    let mut cand_at: Vec<usize> = Vec::with_capacity(raw.len() + 1);
    // The match before: its end and where its candidates start in `cand_buf`.
    let mut prev: Option<(usize, usize)> = None;
    for m in &raw {
        let at = cand_buf.len();
        cand_at.push(at);
        matcher.valid_candidates_into(m.pattern, &text[m.start..m.end], &mut cand_buf);
        let before = prev.map(|(end, from)| (end, &cand_buf[from..at]));
        prev = Some((m.end, at));
        let cands = &cand_buf[at..];
        // A surname right after a body the person has a role in: `Iraq's Al-Nujaba Al-Shammari`.
        if let Some(c) = context::affiliated_surname(text, before, m, cands, matcher, facts) {
            ev.affiliated.insert(m.start, c);
            ev.strong.entry(entity_of(&c)).or_default().push(m.start);
            continue;
        }
        // A surname after a person's given name and up to two more names is that person's full name.
        if let Some((start, c)) = cands
            .iter()
            .copied()
            .filter(|c| kind_of(c) == NameKind::ShortName && facts.is_person(entity_of(c)))
            .find_map(|c| {
                full_name_before(
                    text,
                    m.start,
                    names.get(c.name as usize).folded,
                    entity_of(&c),
                    facts,
                )
                .map(|s| (s, c))
            })
        {
            ev.extended.insert(m.start, (start, c));
            ev.strong.entry(entity_of(&c)).or_default().push(start);
            continue;
        }
        // The one entity the strong candidates name, if they name one.
        let mut strong = cands
            .iter()
            .filter(|c| kind_of(c).is_strong())
            .map(entity_of);
        let one = strong.next().filter(|&e| strong.all(|o| o == e));
        if let Some(e) = one {
            if facts.ctx.is_group(e) {
                ev.groups.push((m.start, m.end, e));
            }
            let ents = [e];
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

    for v in ev.strong.values_mut() {
        v.sort_unstable();
    }
    ev.country = doc_country(&ev, facts);
    ev.defined_max = ev.defined.keys().map(String::len).max().unwrap_or(0);

    // Pass 2: choose a candidate for every match, rescanning inside rejected ones.
    let mut out: Vec<Resolved> = Vec::with_capacity(raw.len());
    // Mentions of each entity so far, in text order: how present a person is at this point.
    let mut so_far: FxHashMap<u32, usize> = FxHashMap::default();
    // Raw matches arrive in text order; sub-matches found inside rejected spans join them in a heap.
    let mut pending: BinaryHeap<Reverse<(usize, usize, u32)>> = BinaryHeap::new();
    cand_at.push(cand_buf.len());
    let mut raw_iter = raw
        .into_iter()
        .zip(cand_at.windows(2).map(|w| (w[0], w[1])))
        .peekable();
    // The candidates of a sub-match (reused).
    let mut sub_cands: Vec<Candidate> = Vec::new();
    loop {
        let take_pending = match (raw_iter.peek(), pending.peek()) {
            (None, None) => break,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (Some((r, _)), Some(Reverse((s, _, _)))) => *s <= r.start,
        };
        let (m, cands) = if take_pending {
            let Reverse((start, end, pattern)) = pending.pop().unwrap();
            let m = RawMatch {
                start,
                end,
                pattern,
            };
            sub_cands.clear();
            matcher.valid_candidates_into(m.pattern, &text[m.start..m.end], &mut sub_cands);
            (m, sub_cands.as_slice())
        } else {
            let (m, (a, b)) = raw_iter.next().unwrap();
            (m, &cand_buf[a..b])
        };
        let chosen = choose(text, &m, cands, &ev, &so_far, matcher, facts)
            .filter(|r| !place_name(text, r, matcher) && !context::credit_line(text, r, facts))
            .map(|r| context::article_outside(text, r, matcher));
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
    if !ev.defined.is_empty() {
        defined_occurrences(text, &ev.defined, &mut out);
    }

    // Names coordinated before one plural head noun: "the State and Treasury departments".
    out.extend(coordinated(text, matcher));

    crate::sort::stable_by(&mut out, |a, b| {
        a.start.cmp(&b.start).then(b.end.cmp(&a.end))
    });
    let mut result: Vec<Resolved> = Vec::with_capacity(out.len());
    for r in out {
        if result.last().is_none_or(|l| r.start >= l.end) {
            result.push(r);
        }
    }
    result
}

/// Document-defined acronyms the automaton does not know: every occurrence of each, as
/// `str::match_indices` finds them (left to right, not overlapping one another), one `memchr` pass per
/// acronym. The order they join `out` in does not matter: [`resolve`] sorts it, and two
/// different acronyms never share a span. Out of line: most texts define none, and V8 compiles a
/// function on its first call.
#[inline(never)]
fn defined_occurrences(text: &str, defined: &FxHashMap<String, u32>, out: &mut Vec<Resolved>) {
    // Every occurrence of each, as `str::match_indices` finds them (left to right, not overlapping one
    // another), each with `memchr`'s vectorized search for one pattern: a document defines a few, and a
    // pass per acronym cost less than one automaton's pass for all of them, whose prefilter stops at every
    // capital letter (BENCHMARKS.md, "Core scan speed"). The order they join `out` in does not matter: it
    // is sorted by the caller, and two different acronyms never share a span.
    for (x, &e) in defined {
        for pos in memchr::memmem::find_iter(text.as_bytes(), x.as_bytes()) {
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
}

#[inline(never)]
fn choose(
    text: &str,
    m: &RawMatch,
    cands: &[Candidate],
    ev: &Evidence,
    so_far: &FxHashMap<u32, usize>,
    matcher: &Matcher,
    facts: &Facts,
) -> Option<Resolved> {
    let names = matcher.names();
    let mk = |c: &Candidate, rule: Rule, others: Vec<u32>| Resolved {
        entity: names.entity(c.name as usize),
        start: m.start,
        end: m.end,
        name: Some(c.name),
        rule,
        ambiguous: !others.is_empty(),
        others,
    };
    // A definition in this document wins.
    if let Some(e) = ev.defined_as(&text[m.start..m.end]) {
        if let Some(c) = cands.iter().find(|c| names.entity(c.name as usize) == e) {
            let kind = names.kind(c.name as usize);
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
    // A full name written with the father's and grandfather's names (found in pass 1).
    if let Some(&(start, c)) = ev.extended.get(&m.start) {
        return Some(Resolved {
            entity: names.entity(c.name as usize),
            start,
            end: m.end,
            name: Some(c.name),
            rule: Rule::Variant,
            ambiguous: false,
            others: Vec::new(),
        });
    }
    // A surname right after a body the person has a role in (found in pass 1).
    if let Some(c) = ev.affiliated.get(&m.start) {
        return Some(mk(c, Rule::ShortName, Vec::new()));
    }
    let mut shorts: Vec<&Candidate> = cands
        .iter()
        .filter(|c| names.kind(c.name as usize) == NameKind::ShortName)
        .collect();
    crate::sort::stable_by(&mut shorts, |a, b| {
        names
            .entity(a.name as usize)
            .cmp(&names.entity(b.name as usize))
    });
    shorts.dedup_by_key(|c| names.entity(c.name as usize));
    // A surname a group is named after, as the group: `قوات الحوثي`, `«الحوثي»`.
    if let Some(r) = context::eponymous_group(text, m, &shorts, ev, matcher, facts) {
        return Some(r);
    }
    let ent = |c: &Candidate| names.entity(c.name as usize);
    // A title right before a shared surname ("PM Barzani", "Speaker al-Halbousi") picks, among the people
    // who hold or held that role, the only one named in full in the document, else the one who holds it
    // now, else the only one who held it. The others who held it stay candidates (the article may be old).
    let any_person = shorts.iter().any(|c| facts.is_person(ent(c)));
    // Computed once: the namesake checks below look for the same title (only when `any_person`).
    // The words right before the match, looked up once for the checks below (each takes the nearest
    // few: `words_before` with a smaller count gives a prefix of these).
    let before = std::cell::OnceCell::new();
    let words = || -> &[(usize, usize)] { before.get_or_init(|| words_before(text, m.start, 4)) };
    let title = any_person
        .then(|| title_before(text, words(), facts))
        .flatten();
    if let Some(role) = title {
        let holders: Vec<(&Candidate, bool)> = shorts
            .iter()
            .filter(|c| facts.is_person(ent(c)))
            .filter_map(|&c| facts.holds(ent(c), role).map(|cur| (c, cur)))
            .collect();
        let named: Vec<&Candidate> = holders
            .iter()
            .filter(|h| ev.first(ent(h.0)).is_some())
            .map(|h| h.0)
            .collect();
        let current: Vec<&Candidate> = holders.iter().filter(|h| h.1).map(|h| h.0).collect();
        let pick = match (named.len(), current.len(), holders.len()) {
            (1, _, _) => Some(named[0]),
            (_, 1, _) => Some(current[0]),
            (_, 0, 1) => Some(holders[0].0),
            _ => None,
        };
        if let Some(c) = pick {
            let others: Vec<u32> = holders
                .iter()
                .map(|h| ent(h.0))
                .filter(|&e| e != ent(c))
                .collect();
            return Some(mk(c, Rule::ShortName, others));
        }
    }
    // A truncation of a body's name (`the Framework`, `السرايا`, `الهيئة`) refers back: to the body
    // named in full most recently before it.
    // A capitalized word right before makes it part of another name ("the UN Security Council").
    let any_body = shorts.iter().any(|c| !facts.is_person(ent(c)));
    let modified = any_body
        && words().first().is_some_and(|&(s, e)| {
            let w = &text[s..e];
            w.is_ascii() && w.starts_with(|c: char| c.is_ascii_uppercase()) && w != "The"
        });
    let bodies: Vec<(&Candidate, usize)> = shorts
        .iter()
        .filter(|c| !facts.is_person(ent(c)) && !modified)
        .filter_map(|&c| ev.last_before(ent(c), m.start).map(|p| (c, p)))
        .collect();
    let body = bodies.iter().max_by_key(|b| b.1).map(|b| b.0);
    // Short names of people need the full name somewhere in the document. With several people of that
    // name, the one mentioned most so far wins (the article's subject: `Khazali` stays Qais after "his
    // brother Laith al-Khazali"), then the one named most recently, then the first one named after;
    // flagged with the others.
    // `Adnan Hamidawi`, `Raed al-Maliki`: another given name before the surname is another person.
    // Only worth looking at when a person of that name is named in full in the document.
    let namesake = any_person
        && shorts
            .iter()
            .any(|c| facts.is_person(ent(c)) && ev.first(ent(c)).is_some())
        && latin_namesake_before(text, m.start, words(), title.is_some(), facts);
    let people: Vec<&Candidate> = shorts
        .iter()
        .copied()
        .filter(|c| facts.is_person(ent(c)) && ev.first(ent(c)).is_some() && !namesake)
        .collect();
    let short = body.or_else(|| {
        people.iter().copied().max_by_key(|c| {
            let e = names.entity(c.name as usize);
            let count = so_far.get(&e).copied().unwrap_or(0);
            match ev.last_before(e, m.start) {
                Some(p) => (count, 1, p as i64),
                None => (count, 0, -(ev.first(e).unwrap_or(usize::MAX) as i64)),
            }
        })
    });
    let people: Vec<&Candidate> = if body.is_some() {
        bodies.iter().map(|b| b.0).collect()
    } else {
        people
    };
    let short_others: Vec<u32> = short.map_or_else(Vec::new, |s| {
        people
            .iter()
            .map(|c| names.entity(c.name as usize))
            .filter(|&e| e != names.entity(s.name as usize))
            .collect()
    });
    // The strong candidates, walked as needed (no `Vec` for the common one-entity case).
    let strong = || {
        cands
            .iter()
            .filter(|c| names.kind(c.name as usize).is_strong())
    };
    let first_strong = strong().next();
    // A person named in full earlier takes their surname back from an entity the document names only by
    // this same spelling ("Hafez al-Assad … Assad", "Abdul Malik al-Houthi … Houthi").
    if let Some(c) = short {
        if first_strong.is_some()
            && strong().all(|s| !ev.independent(names.entity(s.name as usize), m.pattern))
        {
            return Some(mk(c, Rule::ShortName, short_others));
        }
    }
    if let Some(c) = first_strong {
        let e0 = names.entity(c.name as usize);
        if strong().all(|s| names.entity(s.name as usize) == e0) {
            // One entity.
            return Some(mk(
                c,
                rule_for(names.kind(c.name as usize), c.variant),
                Vec::new(),
            ));
        }
        // Shared name: the entity with the most evidence elsewhere; else the first, flagged.
        let best = strong()
            .max_by_key(|c| {
                (
                    ev.count(names.entity(c.name as usize)),
                    std::cmp::Reverse(c.name),
                )
            })
            .unwrap();
        let best_entity = names.entity(best.name as usize);
        let others = if ev.count(best_entity) > 0 {
            Vec::new()
        } else {
            let mut ents: Vec<u32> = strong().map(|c| names.entity(c.name as usize)).collect();
            ents.sort_unstable();
            ents.dedup();
            ents.retain(|&e| e != best_entity);
            ents
        };
        return Some(mk(
            best,
            rule_for(names.kind(best.name as usize), best.variant),
            others,
        ));
    }
    // Weak names need evidence anywhere; a weak acronym inside an all-caps run ("IS THIS THE END") is shouting.
    let weak = cands.iter().find(|c| {
        if !matches!(
            names.kind(c.name as usize),
            NameKind::WeakAcronym | NameKind::WeakAlias
        ) {
            return false;
        }
        let n = names.get(c.name as usize);
        match n.kind {
            NameKind::WeakAcronym => {
                (ev.any(n.entity) || context::agency_credit(text, m.start, m.end, n.entity, facts))
                    && !shouting(text, m.start, m.end)
            }
            NameKind::WeakAlias => {
                ev.any(n.entity)
                    || context::agency_credit(text, m.start, m.end, n.entity, facts)
                    || head_noun_before(text, m.start, matcher)
                    || (n.folded.contains(' ')
                        && institution_of_document(text, m, n.entity, ev, facts))
                    || context::weak_in_context(text, m, n.entity, ev, facts)
            }
            _ => false,
        }
    });
    if let Some(c) = weak {
        return Some(mk(c, Rule::Evidence, Vec::new()));
    }
    if let Some(c) = short {
        return Some(mk(c, Rule::ShortName, short_others));
    }
    // A surname alone, of a person known by it (`surname_alone` in the KB) whom no other KB person shares
    // it with, in a document about that person's country, where it is no adjective and no namesake.
    let of_country = |e: u32| {
        ev.country
            .as_ref()
            .is_some_and(|k| facts.countries(e).contains(k))
    };
    if let [c] = shorts.as_slice() {
        let e = ent(c);
        if facts.is_person(e)
            && facts.surname_alone(e)
            && of_country(e)
            && !namesake_or_adjective(text, m, e, words(), title.is_some(), matcher, facts)
        {
            return Some(mk(c, Rule::ShortName, Vec::new()));
        }
    }
    // A surname alone, its person not named in full: the person whose KB roles make them the head of a
    // body the document names strongly (`كتلة تقدم بقيادة الحلبوسي`); among several people of that name,
    // the head of most such bodies, then the one tied to most, if one leads, flagged with the others. In a
    // document about their country or naming a body of their country they head, where the surname is no
    // adjective and no namesake.
    if !any_person {
        return None;
    }
    let persons: Vec<&Candidate> = shorts
        .iter()
        .copied()
        .filter(|c| facts.is_person(ent(c)))
        .collect();
    // `the Trump administration`, `إدارة ترامب`: the surname of the only person of that name who is or
    // was a president or a prime minister names them, with or without evidence.
    let mut heads = persons.iter().copied().filter(|c| {
        facts.holds(ent(c), RoleKind::President).is_some()
            || facts.holds(ent(c), RoleKind::PrimeMinister).is_some()
    });
    if let (Some(c), None) = (heads.next(), heads.next()) {
        if administration_around(text, m.start, m.end, words()) {
            return Some(mk(c, Rule::ShortName, Vec::new()));
        }
    }
    {
        // (bodies headed, bodies tied to) among those the document names (`ties` lists each body once).
        let score = |e: u32| {
            let named = facts
                .ties
                .get(e as usize)
                .unwrap_or(&[])
                .iter()
                .filter(|(b, _)| ev.strong.contains_key(b));
            named.fold((0, 0), |(heads, all), &(_, head)| {
                (heads + usize::from(head), all + 1)
            })
        };
        let mut scored: Vec<(&Candidate, (usize, usize))> =
            persons.iter().map(|&c| (c, score(ent(c)))).collect();
        crate::sort::stable_by(&mut scored, |a, b| b.1.cmp(&a.1));
        let (best, top) = scored[0];
        let second = scored.get(1).map_or((0, 0), |s| s.1);
        // The person's own country: the document's, or that of a body they head that it names
        // (`قاآني` in an Iraqi story that names the Quds Force he commands).
        let own_body = |e: u32| {
            facts.ties[e as usize].iter().any(|&(b, head)| {
                head && ev.strong.contains_key(&b)
                    && facts
                        .countries(b)
                        .iter()
                        .any(|k| facts.countries(e).contains(k))
            })
        };
        if top.0 > 0
            && top > second
            && (of_country(ent(best)) || own_body(ent(best)))
            && !namesake_or_adjective(text, m, ent(best), words(), title.is_some(), matcher, facts)
        {
            let others: Vec<u32> = scored[1..].iter().map(|s| ent(s.0)).collect();
            return Some(mk(best, Rule::ShortName, others));
        }
    }
    None
}

/// Whether the name at `start..end` names a government by its head: `the Trump administration`
/// (`administration` right after), `إدارة ترامب` (`إدارة` right before, with proclitics: `وإدارة`).
/// `words`: [`words_before`] the name.
fn administration_around(text: &str, start: usize, end: usize, words: &[(usize, usize)]) -> bool {
    let after = text[end..].strip_prefix(' ').is_some_and(|a| {
        let w = &a[..a.find(|c: char| !c.is_alphanumeric()).unwrap_or(a.len())];
        w == "administration" || w == "Administration"
    });
    // The word before, as written and folded (ة as ه, no hamza seat): `إدارة`, `ادارة`, `وإدارة`.
    after
        || words.first().is_some_and(|&(s, e)| {
            let w = &text[s..e];
            e <= start
                && !w.is_ascii()
                && ["إدارة", "ادارة", "إداره", "اداره"].iter().any(|h| {
                    w.strip_suffix(h)
                        .is_some_and(|p| p.is_empty() || crate::matcher::is_proclitic(p))
                })
        })
}

/// `A and B heads`, where `A head` and `B head` are both strong names of the KB ("the State and Treasury
/// departments", "the Sovereignty and Azm alliances"): `A` and `B` are mentions of those entities. Both
/// must be names, which is what makes the phrase a coordination of names and not of ordinary words.
#[inline(never)]
fn coordinated(text: &str, matcher: &Matcher) -> Vec<Resolved> {
    let names = matcher.names();
    let capital_word = |w: &str| {
        w.len() > 1
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_ascii_alphabetic())
    };
    // The one entity `word head` names strongly, and the name.
    let name_of = |word: &str, head: &str| -> Option<(u32, u32)> {
        let phrase = format!("{word} {head}");
        let raw = matcher.find_all(&phrase);
        let [r] = raw.as_slice() else { return None };
        if r.start != 0 || r.end != phrase.len() {
            return None;
        }
        let strong: Vec<&Candidate> = matcher
            .candidates(r.pattern)
            .iter()
            .filter(|c| {
                names.kind(c.name as usize).is_strong() && matcher.locally_valid(**c, &phrase)
            })
            .collect();
        let e = names.get(strong.first()?.name as usize).entity;
        strong
            .iter()
            .all(|c| names.entity(c.name as usize) == e)
            .then(|| (e, strong[0].name))
    };
    let mut out = Vec::new();
    // As `text.match_indices(" and ")`, with `memchr`'s vectorized search for one pattern (what the
    // `aho-corasick` crate searches one pattern with, without building an automaton per scan: that
    // build, and compiling its code in WebAssembly, was a tenth of the first scan's time).
    for i in memchr::memmem::find_iter(text.as_bytes(), b" and ") {
        let before = &text[..i];
        let a_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_ascii_alphabetic())
            .map_or(0, |(j, c)| j + c.len_utf8());
        let a = &before[a_start..];
        let rest = &text[i + 5..];
        let b_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let b = &rest[..b_len];
        let Some(tail) = rest[b_len..].strip_prefix(' ') else {
            continue;
        };
        let p_len = tail
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(tail.len());
        let plural = &tail[..p_len];
        if !capital_word(a)
            || !capital_word(b)
            || plural.len() < 4
            || !plural.ends_with('s')
            || !plural.starts_with(|c: char| c.is_ascii_lowercase())
        {
            continue;
        }
        let head = match plural.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => plural[..plural.len() - 1].to_string(),
        };
        if let (Some((ea, na)), Some((eb, nb))) = (name_of(a, &head), name_of(b, &head)) {
            let b_start = i + 5;
            for (e, n, start, end) in [(ea, na, a_start, i), (eb, nb, b_start, b_start + b_len)] {
                out.push(Resolved {
                    entity: e,
                    start,
                    end,
                    name: Some(n),
                    rule: Rule::Variant,
                    ambiguous: false,
                    others: Vec::new(),
                });
            }
        }
    }
    out
}

/// The country a document is about: the one with the most distinct entities named strongly in it, if
/// one has more than any other.
#[inline(never)]
fn doc_country(ev: &Evidence, facts: &Facts) -> Option<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for &e in ev.strong.keys() {
        for k in facts.countries(e) {
            *count.entry(k.as_str()).or_default() += 1;
        }
    }
    let max = count.values().copied().max()?;
    let mut top = count.iter().filter(|(_, &n)| n == max);
    let first = top.next()?;
    top.next().is_none().then(|| first.0.to_string())
}

/// Whether a weak alias of several words that names a government body or an umbrella every state may
/// have (`Ministry of Finance`, `مجلس النواب`, `Central Bank`, `المقاومة الإسلامية`) is this one: it is,
/// in a document about the body's country, unless the name is qualified by another country (`US House
/// of Representatives`, `مجلس النواب اللبناني`, `المقاومة الإسلامية في فلسطين`).
#[inline(never)]
fn institution_of_document(text: &str, m: &RawMatch, e: u32, ev: &Evidence, facts: &Facts) -> bool {
    if !facts.is_institution(e)
        || !ev
            .country
            .as_ref()
            .is_some_and(|k| facts.countries(e).contains(k))
    {
        return false;
    }
    // A capitalized word right before a Latin name (other than `The`) qualifies it.
    if let Some(&(s, w)) = words_before(text, m.start, 1).first() {
        let word = &text[s..w];
        if word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && word != "The" {
            return false;
        }
    }
    // An Arabic nisba adjective right after (`اللبناني`, `الأمريكية`) names the country.
    let after = text[m.end..].trim_start_matches([' ', '\u{a0}']);
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || is_combining_mark(*c))
        .collect();
    let nisba = next == "في"
        || next.starts_with("ال")
            && (next.ends_with('ي') || next.ends_with("ية") || next.ends_with("يه"));
    !nisba
}

/// Up to `max` words right before `pos`, nearest first, as byte spans: words of letters, digits, marks,
/// apostrophes and hyphens, separated by spaces or a single line break; punctuation ends the run.
fn words_before(text: &str, pos: usize, max: usize) -> Vec<(usize, usize)> {
    let in_word = |c: char| {
        c.is_alphanumeric()
            || is_combining_mark(c)
            || c == '\u{640}'
            || c == '-'
            || crate::fold::is_apostrophe(c)
    };
    let mut out = Vec::new();
    let mut end = pos;
    while out.len() < max {
        let before = &text[..end];
        let trimmed = before.trim_end_matches([' ', '\u{a0}', '\t']);
        let trimmed = trimmed.strip_suffix('\n').unwrap_or(trimmed);
        let trimmed = trimmed.trim_end_matches([' ', '\u{a0}', '\t']);
        if trimmed.len() == before.len() && !out.is_empty() {
            break;
        }
        let start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !in_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if start == trimmed.len() {
            break;
        }
        out.push((start, trimmed.len()));
        end = start;
    }
    out
}

/// The role named by a title right before `start` (`PM Barzani`, `رئيس الوزراء السوداني`), if any.
/// `words`: [`words_before`] the name, four of them.
#[inline(never)]
fn title_before(text: &str, words: &[(usize, usize)], facts: &Facts) -> Option<RoleKind> {
    // Cheap refusal first (most words before a name end no title): the last folded word, from the
    // nearest word that folds to any, must be a title's last word.
    match words
        .iter()
        .map(|&(s, e)| NameWord::of(&text[s..e]))
        .find(|w| !w.is_empty())
    {
        // Nothing folded before: only an empty title would match.
        None => {
            return facts
                .titles
                .iter()
                .find(|(t, _)| t.is_empty())
                .map(|(_, r)| *r)
        }
        Some(last) => {
            if !facts
                .titles
                .iter()
                .any(|(t, _)| t.last().is_none_or(|l| last.last_is(l)))
            {
                return None;
            }
        }
    }
    let folded: Vec<String> = words
        .iter()
        .rev()
        .flat_map(|&(s, e)| words_of(&fold_name(&text[s..e])))
        .collect();
    facts
        .titles
        .iter()
        .find(|(t, _)| folded.ends_with(t))
        .map(|(_, r)| *r)
}

/// A person's full name ending at the surname match at `start` (folded `surname`), with up to two names
/// (father's, grandfather's) between the given name and the surname: `Hebat Hamad Abbas Al-Halbousi`,
/// `عبد الملك بدر الدين الحوثي`. Returns where the given name starts. Names compare by their keys;
/// in Latin script the names between must be capitalized.
#[inline(never)]
fn full_name_before(
    text: &str,
    start: usize,
    surname: &str,
    e: u32,
    facts: &Facts,
) -> Option<usize> {
    let short_forms = facts.short_forms.get(e as usize)?;
    // Cheap refusal first (before walking further back and keying the surname): in Latin script, the
    // word before a full name's surname is a capitalized name.
    let &(s0, e0) = words_before(text, start, 1).first()?;
    let nearest = &text[s0..e0];
    if nearest.is_ascii() && !nearest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    // The same walk, further (its first word is `nearest`).
    let before = words_before(text, start, 5);
    let sur: Vec<String> = words_of(surname).iter().map(|w| key_name(w)).collect();
    if sur.is_empty() {
        return None;
    }
    // Text words, furthest first, each with its folded keys.
    let words: Vec<(usize, &str, Vec<String>)> = before
        .iter()
        .rev()
        .map(|&(s, en)| {
            let w = &text[s..en];
            (
                s,
                w,
                words_of(&fold_name(w))
                    .iter()
                    .map(|x| key_name(x))
                    .collect(),
            )
        })
        .collect();
    for (full, keys, spelled) in facts.full_names.get(e as usize)? {
        if keys.len() <= sur.len() || !keys.ends_with(&sur) {
            continue;
        }
        // The given name's words, each with the keys of its spellings (`Haibat`: `Hebat` too).
        let given = &spelled[..keys.len() - sur.len()];
        // A kunya (`أبو فدك`) is no given name: "أبو فدك إن المحمداوي" is two mentions.
        if full.len() > sur.len() && short_forms.contains(&full[..full.len() - sur.len()].join(" "))
        {
            continue;
        }
        for between in 0..=2usize {
            // The text words: the given name's words, then `between` names.
            let mut got: Vec<String> = Vec::new();
            let mut first = None;
            let mut i = words.len();
            // Take `between` words from the end as the middle names.
            if i < between {
                break;
            }
            let middle = &words[i - between..];
            if middle.iter().any(|(_, w, k)| {
                k.is_empty()
                    || (w.is_ascii() && !w.starts_with(|c: char| c.is_ascii_uppercase()))
                    || facts.not_names.contains(&fold_name(w))
                    || short_forms.contains(&fold_name(w))
            }) {
                continue;
            }
            i -= between;
            while i > 0 && got.len() < given.len() {
                i -= 1;
                let (s, _, k) = &words[i];
                let mut k = k.clone();
                k.extend(got);
                got = k;
                first = Some(*s);
            }
            if got.len() == given.len() && got.iter().zip(given).all(|(k, ks)| ks.contains(k)) {
                return first;
            }
        }
        // The given name alone before the surname, the father's name of the KB's full name left out
        // (`محمد السوداني` for محمد شياع السوداني, `Mohammed al-Sudani`); not the first half of a
        // compound given name (`عبد`, `Abu`).
        if given.len() >= 2 && !COMPOUND_FIRST.contains(&full[0].as_str()) {
            if let Some((s, _, k)) = words.last() {
                if k.len() == 1 && given[0].contains(&k[0]) {
                    return Some(*s);
                }
            }
        }
    }
    None
}

/// First words of compound given names, which are no given name alone (folded).
const COMPOUND_FIRST: [&str; 9] = [
    "عبد", "ابو", "ام", "abd", "abdul", "abdel", "abu", "abou", "umm",
];

/// The word right before a surname at `start` that may be a name or an adjective: none after a title
/// or an honorific (`PM Barzani`, `السيد المالكي`). A written article (`Raed al-Maliki` matched as
/// `Maliki`) is no word of its own. Returns the word's start and text. `words`: [`words_before`] the
/// surname (the nearest two are looked at). `titled`: whether [`title_before`] found a title before it
/// (the caller has it already).
fn word_before_surname<'t>(
    text: &'t str,
    words: &[(usize, usize)],
    titled: bool,
    facts: &Facts,
) -> Option<(usize, &'t str)> {
    if titled {
        return None;
    }
    let (s, word, folded) = words.iter().take(2).find_map(|&(s, e)| {
        let folded = NameWord::of(&text[s..e]);
        (!folded.is_empty()).then_some((s, &text[s..e], folded))
    })?;
    (!facts.honorifics.iter().any(|h| folded.ends_with(h))).then_some((s, word))
}

/// Whether a capitalized Latin word right before the surname at `start` that is no title and no
/// honorific makes it another person's name: `Adnan Hamidawi`, `Raed al-Maliki`. (The person's own given
/// name, with up to two names between, was taken as the full name before.) A capital that says nothing
/// (a Title Case headline, a sentence's first word) makes no namesake.
/// `words` and `titled` as for [`word_before_surname`].
fn latin_namesake_before(
    text: &str,
    start: usize,
    words: &[(usize, usize)],
    titled: bool,
    facts: &Facts,
) -> bool {
    word_before_surname(text, words, titled, facts).is_some_and(|(s, word)| {
        word.is_ascii()
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && !sentence_initial(text, s)
            && !context::carries_article(text, s, word)
            && !title_case_line(text, start)
    })
}

/// Whether the word at `s` begins a sentence (or a line), where every word is capitalized (`While
/// Sudani …`).
fn sentence_initial(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches([' ', '\u{a0}', '\t']);
    before.is_empty() || before.ends_with(['\n', '.', '!', '?', ':', ';', '"', '“', '‘', '(', '['])
}

/// Whether the line around `pos` is written in Title Case (a headline: `Framework Announces Sudani’s
/// Candidacy`), where a capital letter says nothing about a word being a name: four or more words, at
/// least four in five of the words longer than three letters capitalized.
fn title_case_line(text: &str, pos: usize) -> bool {
    let from = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let to = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    // Counted in one pass, without collecting the words.
    let (mut words, mut caps) = (0usize, 0usize);
    for w in text[from..to]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().nth(3).is_some())
    {
        words += 1;
        caps += usize::from(w.starts_with(char::is_uppercase));
    }
    words >= 4 && caps * 5 >= words * 4
}

/// Whether a person's surname standing alone at `start` is rather an adjective or another person's
/// name: after a head noun (`جماعة الحوثي`, the movement), after a word with the article (`الجيش
/// السوداني`, "the Sudanese army"), or after a capitalized word that is no title (`Raed al-Maliki`).
/// `words` and `titled` as for [`word_before_surname`].
#[inline(never)]
fn namesake_or_adjective(
    text: &str,
    m: &RawMatch,
    e: u32,
    words: &[(usize, usize)],
    titled: bool,
    matcher: &Matcher,
    facts: &Facts,
) -> bool {
    if namesake_at(text, m.start, e, words, titled, facts) || namesake_earlier(text, m, e, facts) {
        return true;
    }
    let Some((_, word)) = word_before_surname(text, words, titled, facts) else {
        return false;
    };
    if word.is_ascii() {
        return false;
    }
    let bare = word
        .strip_prefix(['و', 'ف', 'ب', 'ل', 'ك'])
        .filter(|w| w.starts_with("ال"))
        .unwrap_or(word);
    // An adjective agrees with its noun: only a surname written with the article (`الجيش السوداني`) can be
    // one; `المجلس الأعلى للأمن القومي الإيراني شمخاني` is the council's secretary.
    (bare.starts_with("ال") && with_article(&text[m.start..m.end]))
        || matcher.is_head_noun(&fold_name(word))
        || matcher.is_head_noun(&fold_name(bare))
}

/// Whether an Arabic name is written with the article, behind a proclitic or not (`السوداني`,
/// `والسوداني`, `للسوداني`).
fn with_article(span: &str) -> bool {
    span.starts_with("ال")
        || span.starts_with("لل")
        || span
            .strip_prefix(['و', 'ف', 'ب', 'ك'])
            .is_some_and(|w| w.starts_with("ال") || w.starts_with("لل"))
}

/// Whether the surname at `start` is another person's than `e`'s: after a capitalized Latin word that is
/// no title (`Raed al-Maliki`), or after a common Arabic given name (`given_names` in
/// `data/variants.toml`) that is not `e`'s own (`معين الكاظمي`). `words`: [`words_before`] `start`.
#[inline(never)]
fn namesake_at(
    text: &str,
    start: usize,
    e: u32,
    words: &[(usize, usize)],
    titled: bool,
    facts: &Facts,
) -> bool {
    if latin_namesake_before(text, start, words, titled, facts) {
        return true;
    }
    let Some((_, word)) = word_before_surname(text, words, titled, facts) else {
        return false;
    };
    if word.is_ascii() {
        return false;
    }
    let folded = fold_name(word);
    let given = folded
        .strip_prefix('و')
        .filter(|w| facts.given_names.iter().any(|g| g == w))
        .unwrap_or(&folded);
    facts.given_names.iter().any(|g| g == given)
        && !facts.full_names[e as usize]
            .iter()
            .any(|(full, _, _)| full.first().is_some_and(|f| f == given))
}

/// Whether the same surname, written the same way earlier in the document, was another person's
/// ([`namesake_at`]): the bare surname after `معين الكاظمي` is still the MP, not Mustafa al-Kadhimi.
fn namesake_earlier(text: &str, m: &RawMatch, e: u32, facts: &Facts) -> bool {
    let span = &text[m.start..m.end];
    text[..m.start].match_indices(span).any(|(i, _)| {
        let boundary = !text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let words = words_before(text, i, 4);
        let titled = title_before(text, &words, facts).is_some();
        boundary && namesake_at(text, i, e, &words, titled, facts)
    })
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
#[inline(never)]
fn place_name(text: &str, r: &Resolved, matcher: &Matcher) -> bool {
    let Some(n) = r.name.map(|n| matcher.names().get(n as usize)) else {
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
#[inline(never)]
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
                && alnum(n.text).to_lowercase() == lower
        })
        .then_some((key, end))
}

/// `X (Full Name)`: the name fills the parentheses and X stands right before them.
#[inline(never)]
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
        .any(|n| n.entity == e && alnum(n.text) == x)
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
    fn rows_read_back_as_pushed() {
        let given: Vec<Vec<u32>> = vec![vec![], vec![3, 1], vec![], vec![], vec![7], vec![]];
        let mut rows = Rows::default();
        for r in &given {
            rows.push_row(r.iter().copied());
        }
        assert_eq!(rows.len(), given.len());
        for (i, r) in given.iter().enumerate() {
            assert_eq!(rows.get(i), Some(r.as_slice()), "row {i}");
        }
        assert_eq!(rows.get(given.len()), None);
        assert_eq!(Rows::<u32>::default().get(0), None);
    }

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
