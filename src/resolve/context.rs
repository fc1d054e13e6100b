//! Names that are names only in their document's context (README, "Context rules"): what in the
//! document around a weak name or a surname says which entity it is.
//!
//! - A weak alias of a **political bloc** is a mention when it stands in tight quotes (`«حقوق»`,
//!   `"Hikma"`), when an English head noun follows it (`the "State of Law" coalition`, `Dawa faction`;
//!   `head_nouns_after` in `data/variants.toml`), or — written in Latin script — when a person who
//!   holds or held a role in the bloc (its leader, a founder) is named in full in the document ("Nouri
//!   al-Maliki from State of Law").
//! - A weak alias of an **armed group** is a mention in tight quotes (`«القاعدة»`) or joined by `و` /
//!   `and` / `or` to a strong mention of another armed group (`داعش والقاعدة`).
//! - A person's surname that an armed group or bloc they lead is named after (`الحوثي`: the Houthis,
//!   led by Abdul-Malik al-Houthi) names the **group** right after a head noun (`قوات الحوثي`,
//!   `جماعة الحوثي`) and, when the person is not named in full, in tight quotes (`«الحوثي»`).
//! - A surname right after a mention of a body the person holds a role in (`Iraq's Al-Nujaba
//!   Al-Shammari said`, `Nujaba's spokesman Shammari`; up to three lower-case words between) is that
//!   person, and counts as their full name for the rest of the document.
//! - A word that carries the article (`Al Mada`, `al-Nujaba`) is no given name of another person before
//!   a surname (`According to Al Mada Sadr has agreed`).
//! - The same surname written in Latin script without the article right before a noun of
//!   `group_nouns_after` (`data/variants.toml`) is the group's adjective: `Houthi rebels`, `the Houthi
//!   insurgency`, `Houthi leader`, even where the person is named in full.
//! - A news agency's weak name (`AP`, `AFP`) alone in brackets before a dash is a dateline's credit, a
//!   mention (`BEIRUT (AP) —`); a photo's credit (`… 2025. (AP)`) is none.
//! - A media organization's name alone in brackets on its own line (`(Reuters)` under a headline or a
//!   picture) is a credit, not a mention.
//! - A KB name written with a lower-case article (`the Framework`) needs the article to match, but the
//!   mention's span leaves it out.

use super::{head_noun_before, Evidence, Facts, Resolved, Rows, Rule};
use crate::fold::fold_name;
use crate::kb::schema::{EntityType, RoleKind};
use crate::kb::KnowledgeBase;
use crate::matcher::{Candidate, Matcher, NameKind, RawMatch};
use crate::variants::VariantRules;

/// Per-entity facts the context rules need, built once with [`Facts`].
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ContextFacts {
    /// Per entity: its type.
    pub(super) kind: Vec<Option<EntityType>>,
    /// Per body: the people who hold or held a role in it.
    pub(super) members: Rows<u32>,
    /// Per person: the bodies they hold or held a role in.
    pub(super) bodies: Rows<u32>,
    /// Per person: the group or bloc they lead or founded that is named after their surname.
    pub(super) eponym: Vec<Option<u32>>,
    /// English head nouns written after a bloc's weak name (lower case).
    pub(super) head_after: Vec<String>,
    /// English nouns after a surname a group is named after that make it the group's adjective.
    pub(super) group_after: Vec<String>,
}

impl ContextFacts {
    /// `ties`: per entity, the bodies it holds or held a role in, each once ([`Facts`]'s).
    pub(super) fn new(
        kb: &KnowledgeBase,
        rules: &VariantRules,
        ties: &Rows<(u32, bool)>,
    ) -> ContextFacts {
        let ents = kb.entities();
        let mut bodies = Rows::default();
        // Each body's members, people in KB order: the ties as (body, person) pairs, sorted.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for i in 0..ties.len() {
            let t = ties.get(i).unwrap_or(&[]);
            bodies.push_row(t.iter().map(|&(b, _)| b));
            pairs.extend(t.iter().map(|&(b, _)| (b, i as u32)));
        }
        pairs.sort_unstable();
        let mut members = Rows::default();
        let mut rest = pairs.as_slice();
        for b in 0..ents.len() as u32 {
            let n = rest.iter().take_while(|p| p.0 == b).count();
            members.push_row(rest[..n].iter().map(|p| p.1));
            rest = &rest[n..];
        }
        let eponym = ents
            .iter()
            .map(|e| {
                if e.kind != EntityType::Person {
                    return None;
                }
                let shorts: Vec<String> = e
                    .short_names
                    .iter()
                    .map(|s| fold_name(s))
                    .filter(|s| !s.contains(' ') && s.chars().count() >= 4)
                    .collect();
                e.roles
                    .iter()
                    .filter(|r| {
                        matches!(
                            r.role,
                            RoleKind::Leader | RoleKind::Founder | RoleKind::SecretaryGeneral
                        )
                    })
                    .filter_map(|r| kb.index_of(&r.of))
                    .find(|&g| {
                        let ge = &ents[g];
                        matches!(
                            ge.kind,
                            EntityType::ArmedGroup | EntityType::Umbrella | EntityType::Political
                        ) && std::iter::once(&ge.name)
                            .chain(&ge.aliases)
                            .chain(&ge.arabic)
                            .any(|name| {
                                fold_name(name)
                                    .split(' ')
                                    .any(|w| shorts.iter().any(|s| w.starts_with(s.as_str())))
                            })
                    })
                    .map(|g| g as u32)
            })
            .collect();
        ContextFacts {
            kind: ents.iter().map(|e| Some(e.kind)).collect(),
            members,
            bodies,
            eponym,
            head_after: rules.head_nouns_after.clone(),
            group_after: rules.group_nouns_after.clone(),
        }
    }

    fn kind(&self, e: u32) -> Option<EntityType> {
        self.kind.get(e as usize).copied().flatten()
    }

    fn members(&self, e: u32) -> &[u32] {
        self.members.get(e as usize).unwrap_or(&[])
    }

    fn bodies(&self, e: u32) -> &[u32] {
        self.bodies.get(e as usize).unwrap_or(&[])
    }

    /// Whether `e` is an armed group or an umbrella of them.
    pub(super) fn is_group(&self, e: u32) -> bool {
        matches!(
            self.kind(e),
            Some(EntityType::ArmedGroup | EntityType::Umbrella)
        )
    }
}

const OPENING_QUOTES: [char; 4] = ['«', '"', '“', '‘'];
const CLOSING_QUOTES: [char; 4] = ['»', '"', '”', '’'];

/// Whether `start..end` stands in quotation marks of its own: `«القاعدة»`, `"Hikma"`, `“حقوق”`.
pub(super) fn quoted(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with(OPENING_QUOTES) && text[end..].starts_with(CLOSING_QUOTES)
}

/// Whether one of `heads` (lower-case English head nouns) follows `end`, across a closing quote and
/// spaces: `the "State of Law" coalition`, `Dawa faction`.
fn head_noun_after(text: &str, end: usize, heads: &[String]) -> bool {
    let rest = text[end..]
        .trim_start_matches(CLOSING_QUOTES)
        .trim_start_matches([' ', '\u{a0}']);
    let word = &rest[..rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len())];
    !word.is_empty() && heads.iter().any(|h| h == word)
}

/// Whether a weak alias of entity `e` at `m` is a mention by its context (the bloc and group rules
/// of the module doc).
#[inline(never)]
pub(super) fn weak_in_context(
    text: &str,
    m: &RawMatch,
    e: u32,
    ev: &Evidence,
    facts: &Facts,
) -> bool {
    let ctx = &facts.ctx;
    match ctx.kind(e) {
        Some(EntityType::Political) => {
            quoted(text, m.start, m.end)
                || text[m.start..m.end].is_ascii()
                    && (head_noun_after(text, m.end, &ctx.head_after)
                        || ctx.members(e).iter().any(|&p| ev.first(p).is_some()))
        }
        Some(EntityType::ArmedGroup | EntityType::Umbrella) => {
            quoted(text, m.start, m.end) || beside_group(text, m, e, ev)
        }
        _ => false,
    }
}

/// Whether the words between two names join them as a pair: `و` (written on the next word), `and`,
/// `or`, `أو`, with spaces and quotation marks around.
fn joins(gap: &str) -> bool {
    let g = gap.trim_matches(|c: char| {
        c.is_whitespace() || OPENING_QUOTES.contains(&c) || CLOSING_QUOTES.contains(&c)
    });
    ["و", "and", "or", "أو", "او"].contains(&g)
}

/// Whether a strong mention of another armed group stands right before or after `m`, joined to it by
/// `و` / `and` / `or` (`داعش والقاعدة`, `القاعدة وداعش`).
fn beside_group(text: &str, m: &RawMatch, e: u32, ev: &Evidence) -> bool {
    let i = ev.groups.partition_point(|g| g.0 < m.start);
    let before = i
        .checked_sub(1)
        .map(|j| ev.groups[j])
        .is_some_and(|(s, end, g)| {
            g != e && end <= m.start && s < m.start && joins(&text[end..m.start])
        });
    let after = ev
        .groups
        .get(i)
        .is_some_and(|&(s, _, g)| g != e && s >= m.end && joins(&text[m.end..s]));
    before || after
}

/// The group a person's surname at `m` names (`قوات الحوثي`, `«الحوثي»`): the group or bloc the person
/// leads that is named after the surname, right after a head noun, or in tight quotes when the person
/// is not named in full in the document.
#[inline(never)]
pub(super) fn eponymous_group(
    text: &str,
    m: &RawMatch,
    shorts: &[&Candidate],
    ev: &Evidence,
    matcher: &Matcher,
    facts: &Facts,
) -> Option<Resolved> {
    let names = matcher.names();
    let (p, g) = shorts.iter().find_map(|c| {
        let p = names.entity(c.name as usize);
        facts
            .ctx
            .eponym
            .get(p as usize)
            .copied()
            .flatten()
            .map(|g| (p, g))
    })?;
    let after_head = head_noun_before(text, m.start, matcher);
    if !(after_head
        || group_adjective(text, m, &facts.ctx.group_after)
        || ev.first(p).is_none() && quoted(text, m.start, m.end))
    {
        return None;
    }
    let name = names
        .iter()
        .position(|n| n.entity == g && n.kind == NameKind::Name)
        .map(|i| i as u32);
    Some(Resolved {
        entity: g,
        start: m.start,
        end: m.end,
        name,
        rule: Rule::Evidence,
        ambiguous: false,
        others: Vec::new(),
    })
}

/// Whether the surname at `m`, written in Latin script with a capital and without the article, stands
/// right before one of `nouns` (after a space or a hyphen): `Yemen's Houthi rebels`, `the Houthi
/// insurgency`, `Houthi-run` — the adjective of the group named after it, not the person (`al-Houthi
/// said` keeps the article and stays the person).
#[inline(never)]
fn group_adjective(text: &str, m: &RawMatch, nouns: &[String]) -> bool {
    let span = &text[m.start..m.end];
    if !span.is_ascii() || !span.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let lower = span.to_ascii_lowercase();
    if ["al-", "el-", "al ", "el "]
        .iter()
        .any(|a| lower.starts_with(a))
    {
        return false;
    }
    let Some(rest) = text[m.end..].strip_prefix([' ', '-', '\u{a0}']) else {
        return false;
    };
    let word = &rest[..rest
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(rest.len())];
    !word.is_empty() && nouns.iter().any(|n| n == word)
}

/// Whether a weak name of a news agency at `start..end` is a dateline's credit: alone in brackets and
/// followed by a dash (`BEIRUT (AP) —`). A photo's credit (`… 2025. (AP)`, `(AFP/File)`) is no mention,
/// as the evaluation corpus and the seeds have it; alone on a line of its own neither ([`credit_line`]).
pub(super) fn agency_credit(text: &str, start: usize, end: usize, e: u32, facts: &Facts) -> bool {
    facts.ctx.kind(e) == Some(EntityType::Organization)
        && text[..start].ends_with('(')
        && text[end..].strip_prefix(')').is_some_and(|rest| {
            rest.trim_start_matches([' ', '\u{a0}'])
                .starts_with(['—', '–', '-'])
        })
}

/// A person's surname right after a mention of a body they hold or held a role in: `Iraq's Al-Nujaba
/// Al-Shammari`, `Nujaba's spokesman Shammari`. `prev`: the end of the match before and its
/// candidates. Between them: spaces, a possessive, and up to three lower-case Latin words.
#[inline(never)]
pub(super) fn affiliated_surname(
    text: &str,
    prev: Option<(usize, &[Candidate])>,
    m: &RawMatch,
    cands: &[Candidate],
    matcher: &Matcher,
    facts: &Facts,
) -> Option<Candidate> {
    let (end, before) = prev?;
    if end > m.start {
        return None;
    }
    // Cheap refusal first: most matches are no surname of a person who serves a body.
    let names = matcher.names();
    let c = cands.iter().copied().find(|c| {
        let (kind, entity) = (names.kind(c.name as usize), names.entity(c.name as usize));
        kind == NameKind::ShortName
            && facts.is_person(entity)
            && before.iter().any(|b| {
                facts
                    .ctx
                    .bodies(entity)
                    .contains(&names.entity(b.name as usize))
            })
    })?;
    let gap = text[end..m.start].trim_start_matches([' ', '\u{a0}']);
    let gap = ["'s", "’s"]
        .iter()
        .find_map(|p| gap.strip_prefix(p))
        .unwrap_or(gap);
    let mut words = 0;
    for w in gap.split_whitespace() {
        words += 1;
        if words > 3 || !w.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            return None;
        }
    }
    (!gap.contains('\n')).then_some(c)
}

/// Whether the capitalized word `word` at `s`, right before a surname, carries the article — written
/// on it (`al-Nujaba`, `El-Mada`) or as the word before it (`Al Mada`, `the Framework`): then it is a
/// newspaper's, a group's or a family's name, no given name of another person.
pub(super) fn carries_article(text: &str, s: usize, word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if ["al-", "el-", "al\u{2011}"]
        .iter()
        .any(|a| lower.starts_with(a))
    {
        return true;
    }
    let before = text[..s].trim_end_matches([' ', '\u{a0}']);
    let from = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let prev = &before[from..];
    ["al", "el", "the"].contains(&prev.to_ascii_lowercase().as_str())
}

/// Whether mention `r` is a media credit: an organization's name alone in brackets on a line of its own
/// (`(Reuters)` under a headline or a picture).
pub(super) fn credit_line(text: &str, r: &Resolved, facts: &Facts) -> bool {
    // Cheap refusal first: a name right inside brackets, of an organization.
    if !(text[..r.start].ends_with('(') && text[r.end..].starts_with(')'))
        || facts.ctx.kind(r.entity) != Some(EntityType::Organization)
    {
        return false;
    }
    let from = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    text[from..r.start - 1].trim().is_empty() && text[r.end + 1..to].trim().is_empty()
}

/// Mention `r` without a leading article its KB name is written with in lower case (`the Framework`):
/// the article is needed to match, but stays outside the span.
pub(super) fn article_outside(text: &str, mut r: Resolved, matcher: &Matcher) -> Resolved {
    let lower_the = r
        .name
        .is_some_and(|n| matcher.names().get(n as usize).text.starts_with("the "));
    if lower_the
        && r.end > r.start + 4
        && text
            .get(r.start..r.start + 4)
            .is_some_and(|a| a.eq_ignore_ascii_case("the "))
    {
        r.start += 4;
    }
    r
}
