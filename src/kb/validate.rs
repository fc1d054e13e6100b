//! Validation of knowledge-base records: each record on its own ([`validate_record`]) and a set of
//! records, possibly from several files, together ([`validate_across`]: unique ids, targets that exist,
//! one current holder of a single-holder role).
//!
//! Like `schema.rs`, this module depends on nothing but the schema types, because `build.rs` compiles it
//! too: the built-in KB is validated when the crate is built, custom dictionaries when they are loaded.
//! Every error is a [`KbError`] naming the file, line, entity and field.

use super::schema::{EntityRecord, EntityType, KbError, Located, StatusState};
use std::collections::HashMap;

/// How strict validation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// The built-in KB: every fact must carry a source, every armed group and umbrella an Arabic name.
    Builtin,
    /// A user's dictionary: sources, descriptions and Arabic names are optional.
    Custom,
}

/// An id from another dataset, kept verbatim in a user's dictionary (FollowTheMoney/OpenSanctions ids
/// such as `NK-2PacmNpiLUmoz4XD2mSt7A`, `Q1234`, `ofac-1234`): ASCII letters, digits and `-._:`,
/// starting with a letter or digit, at most 200 characters.
fn is_dataset_id(s: &str) -> bool {
    s.len() <= 200
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `s` is a KB date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let month = |m: &str| digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && month(m),
        [y, m, d] => {
            digits(y, 4) && month(m) && digits(d, 2) && {
                let (y, m, d) = (
                    y.parse::<u32>().unwrap_or(0),
                    m.parse::<u32>().unwrap_or(0),
                    d.parse::<u32>().unwrap_or(0),
                );
                let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                let days = match m {
                    2 if leap => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                (1..=days).contains(&d)
            }
        }
        _ => false,
    }
}

/// Whether date `a` is certainly before date `b`, compared at the precision both have
/// (`2020` is not before `2020-01-03`; `2019-12` is).
pub fn date_before(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a[..n] < b[..n]
}

/// Whether `s` is an acceptable source: an http(s) URL or a file name such as a seed article's.
pub fn is_source(s: &str) -> bool {
    let s = s.trim();
    if let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        return rest.len() > 3 && rest.contains('.') && !rest.contains(char::is_whitespace);
    }
    !s.is_empty()
        && !s.contains(['/', '\\', ':'])
        && s.contains('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Whether `s` is a Wikidata item id: `Q` and digits without a leading zero (`Q5669353`).
pub fn is_qid(s: &str) -> bool {
    s.strip_prefix('Q').is_some_and(|n| {
        n.bytes().all(|b| b.is_ascii_digit()) && n.bytes().next().is_some_and(|b| b != b'0')
    })
}

/// Checks one record on its own: id, names, identifiers, dates, sources. The error carries the entity
/// and the field; the caller adds the file and line ([`KbError::located`]). Cross-record checks are in
/// [`validate_across`].
pub fn validate_record(rec: &EntityRecord, strict: Strictness) -> Result<(), KbError> {
    let err =
        |field: &str, msg: String| Err(KbError::new("", msg).for_entity(&rec.id).in_field(field));
    let builtin = strict == Strictness::Builtin;
    let sources = |field: &str, sources: &[String]| -> Result<(), KbError> {
        if builtin && sources.is_empty() {
            return err(
                field,
                "needs at least one source (a seed file name or an http(s) URL)".into(),
            );
        }
        match sources.iter().find(|s| !is_source(s)) {
            Some(s) => err(
                field,
                format!("`{s}` is not a source: use an http(s) URL or a seed file name"),
            ),
            None => Ok(()),
        }
    };
    let date = |field: &str, d: &str| -> Result<(), KbError> {
        if is_date(d) {
            Ok(())
        } else {
            err(
                field,
                format!("`{d}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
            )
        }
    };
    let span = |field: &str, from: &Option<String>, until: &Option<String>| {
        if let Some(f) = from {
            date(&format!("{field}.from"), f)?;
        }
        if let Some(u) = until {
            date(&format!("{field}.until"), u)?;
        }
        match (from, until) {
            (Some(f), Some(u)) if date_before(u, f) => err(
                &format!("{field}.until"),
                format!("`{u}` is before `from` (`{f}`)"),
            ),
            _ => Ok(()),
        }
    };

    // A user's dictionary may keep another dataset's ids verbatim; the built-in KB uses slugs.
    let id_ok = |id: &str| is_slug(id) || (!builtin && is_dataset_id(id));
    if !id_ok(&rec.id) {
        return err(
            "id",
            if builtin {
                format!(
                    "`{}` is not a slug (lowercase letters, digits and single hyphens)",
                    rec.id
                )
            } else {
                format!(
                    "`{}` is not an id (letters, digits and `-._:`, starting with a letter or digit)",
                    rec.id
                )
            },
        );
    }
    for (field, names) in rec.name_fields() {
        for n in names {
            if n.trim().is_empty() {
                return err(field.as_str(), "has an empty name".into());
            }
            if n.trim() != n {
                return err(
                    field.as_str(),
                    format!("`{n}` has leading or trailing spaces"),
                );
            }
            if !n.chars().any(char::is_alphanumeric) {
                return err(field.as_str(), format!("`{n}` has no letter or digit"));
            }
        }
    }
    for a in &rec.acronyms {
        if a.chars().count() > 16 || a.contains(char::is_whitespace) {
            return err(
                "acronyms",
                format!("`{a}` is not an acronym (one word of at most 16 characters)"),
            );
        }
    }
    for (field, names) in [
        ("arabic", rec.arabic.as_slice()),
        ("persian", rec.persian.as_slice()),
    ] {
        if let Some(a) = names
            .iter()
            .find(|a| !a.chars().any(crate::script::is_arabic))
        {
            return err(field, format!("`{a}` has no Arabic-script letter"));
        }
    }
    if builtin
        && matches!(rec.kind, EntityType::ArmedGroup | EntityType::Umbrella)
        && rec.arabic.is_empty()
    {
        return err(
            "arabic",
            format!("an entity of type {} needs an Arabic name", rec.kind),
        );
    }
    for amb in &rec.ambiguous {
        let listed = rec
            .name_fields()
            .iter()
            .any(|(_, names)| names.iter().any(|n| n == amb));
        if !listed {
            return err(
                "ambiguous",
                format!("`{amb}` is not one of this record's names"),
            );
        }
    }
    if let Some(q) = rec.wikidata.as_deref().filter(|q| !is_qid(q)) {
        return err(
            "wikidata",
            format!("`{q}` is not a Wikidata item id (Q followed by digits, e.g. Q5669353)"),
        );
    }
    if let Some(o) = rec.opensanctions.as_deref() {
        if o.is_empty()
            || o.len() > 100
            || !o
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return err(
                "opensanctions",
                format!("`{o}` is not an OpenSanctions id (letters, digits, `-`, `_`, `.`)"),
            );
        }
    }
    if let Some(c) = rec
        .country
        .iter()
        .find(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return err(
            "country",
            format!("`{c}` is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. IQ)"),
        );
    }
    sources("sources", &rec.sources)?;
    if builtin && rec.description.trim().is_empty() {
        return err("description", "is empty".into());
    }
    if let Some(st) = &rec.status {
        let person = rec.kind == EntityType::Person;
        match st.state {
            StatusState::Deceased if !person => {
                return err("status.state", "only a person can be `deceased`".into())
            }
            StatusState::Dissolved | StatusState::Merged | StatusState::Renamed if person => {
                return err(
                    "status.state",
                    format!("a person cannot be `{}`", st.state.as_str()),
                )
            }
            _ => {}
        }
        match &st.date {
            Some(d) => date("status.date", d)?,
            None if st.state != StatusState::Active => {
                return err(
                    "status.date",
                    format!("a `{}` status needs its date", st.state.as_str()),
                )
            }
            None => {}
        }
        sources("status.sources", &st.sources)?;
    }
    if let Some(b) = &rec.pmf_brigades {
        if b.numbers.is_empty() || b.numbers.iter().any(|&n| n == 0 || n > 999) {
            return err(
                "pmf_brigades.numbers",
                "needs one or more brigade numbers between 1 and 999".into(),
            );
        }
        sources("pmf_brigades.sources", &b.sources)?;
    }
    if !rec.roles.is_empty() && rec.kind != EntityType::Person {
        return err(
            "roles",
            format!(
                "only a person holds roles (this is a {}); link bodies with `relations`",
                rec.kind
            ),
        );
    }
    for (i, r) in rec.roles.iter().enumerate() {
        let f = format!("roles[{i}]");
        if !id_ok(&r.of) || r.of == rec.id {
            return err(
                &format!("{f}.of"),
                format!("`{}` is not another entity's id", r.of),
            );
        }
        span(&f, &r.from, &r.until)?;
        sources(&format!("{f}.sources"), &r.sources)?;
    }
    for (i, r) in rec.relations.iter().enumerate() {
        let f = format!("relations[{i}]");
        if !id_ok(&r.target) {
            return err(
                &format!("{f}.target"),
                format!("`{}` is not an id", r.target),
            );
        }
        if r.target == rec.id {
            return err(&format!("{f}.target"), "points at the record itself".into());
        }
        span(&f, &r.from, &r.until)?;
        sources(&format!("{f}.sources"), &r.sources)?;
    }
    for (i, d) in rec.designations.iter().enumerate() {
        let f = format!("designations[{i}]");
        date(&format!("{f}.date"), &d.date)?;
        if d.by.trim().is_empty() || d.list.trim().is_empty() {
            return err(&f, "needs `by` and `list`".into());
        }
        if d.program.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return err(&format!("{f}.program"), "is empty".into());
        }
        sources(&format!("{f}.sources"), &d.sources)?;
    }
    for (i, n) in rec.notes.iter().enumerate() {
        if n.text.trim().is_empty() {
            return err(&format!("notes[{i}].text"), "is empty".into());
        }
        sources(&format!("notes[{i}].sources"), &n.sources)?;
    }
    Ok(())
}

/// Validates a set of records from one file or input: see [`validate_across`].
pub fn validate_set(
    records: &[Located],
    origin: &str,
    strict: Strictness,
    known_ids: &dyn Fn(&str) -> bool,
) -> Result<(), KbError> {
    validate_across(&[(origin, records)], strict, known_ids)
}

/// Validates records from several files together: every record ([`validate_record`]), ids unique across
/// the files, relation and role targets present in the files or in `known_ids` (the KB a dictionary is
/// merged into), and at most one current holder of a single-holder role of one body.
pub fn validate_across(
    files: &[(&str, &[Located])],
    strict: Strictness,
    known_ids: &dyn Fn(&str) -> bool,
) -> Result<(), KbError> {
    // id → (file, line, type)
    let mut seen: HashMap<&str, (&str, usize, EntityType)> = HashMap::new();
    for &(origin, records) in files {
        for loc in records {
            let rec = &loc.record;
            validate_record(rec, strict).map_err(|e| e.located(origin, loc.line))?;
            if let Some((f, l, _)) = seen.insert(rec.id.as_str(), (origin, loc.line, rec.kind)) {
                let place = match (f == origin, l > 0) {
                    (true, true) => format!(" (first defined at line {l})"),
                    (false, true) => format!(" (first defined at {f}:{l})"),
                    (false, false) => format!(" (first defined in {f})"),
                    (true, false) => String::new(),
                };
                return Err(KbError::new(origin, format!("duplicate id{place}"))
                    .at_line(loc.line)
                    .for_entity(&rec.id)
                    .in_field("id"));
            }
        }
    }
    // (body, role) → the current holder first seen: (id, file, line)
    let mut holders: HashMap<(&str, &str), (&str, &str, usize)> = HashMap::new();
    for &(origin, records) in files {
        for loc in records {
            let rec = &loc.record;
            let fail = |field: String, msg: String| {
                Err(KbError::new(origin, msg)
                    .at_line(loc.line)
                    .for_entity(&rec.id)
                    .in_field(&field))
            };
            for (i, r) in rec.relations.iter().enumerate() {
                if !seen.contains_key(r.target.as_str()) && !known_ids(&r.target) {
                    return fail(
                        format!("relations[{i}].target"),
                        format!("unknown target id `{}`", r.target),
                    );
                }
            }
            for (i, r) in rec.roles.iter().enumerate() {
                match seen.get(r.of.as_str()) {
                    Some((_, _, EntityType::Person)) => {
                        return fail(
                            format!("roles[{i}].of"),
                            format!("`{}` is a person; a role is held in a body", r.of),
                        )
                    }
                    None if !known_ids(&r.of) => {
                        return fail(format!("roles[{i}].of"), format!("unknown id `{}`", r.of))
                    }
                    _ => {}
                }
                if !r.role.single_holder() || !r.is_current(rec.status.as_deref()) {
                    continue;
                }
                let key = (r.of.as_str(), r.role.as_str());
                if let Some((other, f, l)) = holders.insert(key, (&rec.id, origin, loc.line)) {
                    return fail(
                        format!("roles[{i}]"),
                        format!(
                            "`{other}` ({f}:{l}) is also a current {} of `{}`, a role with one holder; \
                             give the earlier holder an `until` date",
                            r.role.as_str(),
                            r.of
                        ),
                    );
                }
            }
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::super::toml_file::parse_toml;
    use super::*;

    fn check(text: &str, strict: Strictness) -> Result<(), KbError> {
        let recs = parse_toml(text, "x.toml")?;
        validate_set(&recs, "x.toml", strict, &|_| false)
    }

    const BODY: &str = "[[entity]]\nid = \"body\"\nname = \"Body\"\ntype = \"political\"\ndescription = \"d\"\nsources = [\"https://a.org/x\"]\n\n";

    #[test]
    fn validation_reports_field() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\ndescription = \"d\"\nsources = []\n";
        let err = check(text, Strictness::Builtin).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("sources"));
        assert_eq!(err.line, Some(1));
        assert_eq!(err.origin, "x.toml");
        assert!(check(text, Strictness::Custom).is_ok());
    }

    #[test]
    fn duplicate_ids_and_missing_targets() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\n\n[[entity]]\nid = \"a\"\nname = \"B\"\ntype = \"person\"\n";
        let err = check(text, Strictness::Custom).unwrap_err();
        assert_eq!(
            (err.line, err.message.starts_with("duplicate id")),
            (Some(6), true)
        );

        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"armed_group\"\n[[entity.relations]]\nrel = \"backed_by\"\ntarget = \"zz\"\n";
        let recs = parse_toml(text, "x.toml").unwrap();
        let err = validate_set(&recs, "x.toml", Strictness::Custom, &|_| false).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("relations[0].target"));
        assert!(validate_set(&recs, "x.toml", Strictness::Custom, &|id| id == "zz").is_ok());
    }

    #[test]
    fn ids_are_unique_and_targets_resolve_across_files() {
        let a = parse_toml(BODY, "a.toml").unwrap();
        let b = parse_toml(
            "[[entity]]\nid = \"p\"\nname = \"P\"\ntype = \"person\"\n[[entity.roles]]\nrole = \"leader\"\nof = \"body\"\n",
            "b.toml",
        )
        .unwrap();
        let none = |_: &str| false;
        assert!(validate_across(&[("b.toml", &b)], Strictness::Custom, &none).is_err());
        assert!(
            validate_across(&[("a.toml", &a), ("b.toml", &b)], Strictness::Custom, &none).is_ok()
        );
        let err = validate_across(&[("a.toml", &a), ("c.toml", &a)], Strictness::Custom, &none)
            .unwrap_err();
        assert_eq!(err.origin, "c.toml");
        assert!(err.message.contains("a.toml:1"), "{err}");
    }

    #[test]
    fn one_current_holder_of_a_single_holder_role() {
        let person = |id: &str, role: &str, extra: &str| {
            format!("[[entity]]\nid = \"{id}\"\nname = \"{id}\"\ntype = \"person\"\n{extra}[[entity.roles]]\nrole = \"{role}\"\nof = \"body\"\n")
        };
        let two = format!(
            "{BODY}{}{}",
            person("p", "secretary_general", ""),
            person("q", "secretary_general", "")
        );
        let err = check(&two, Strictness::Custom).unwrap_err();
        assert_eq!(err.entity.as_deref(), Some("q"));
        assert_eq!(err.field.as_deref(), Some("roles[0]"));
        assert_eq!(err.line, Some(15));
        assert!(err.message.contains("`p` (x.toml:8)"), "{err}");
        // Two spokesmen are fine; a past holder or a dead one is not current.
        let spokes = format!(
            "{BODY}{}{}",
            person("p", "spokesman", ""),
            person("q", "spokesman", "")
        );
        assert!(check(&spokes, Strictness::Custom).is_ok());
        let past = format!("{two}until = \"2020\"\n");
        assert!(check(&past, Strictness::Custom).is_ok());
        let dead = format!(
            "{BODY}{}{}",
            person(
                "p",
                "leader",
                "[entity.status]\nstate = \"deceased\"\ndate = \"2020-01-03\"\n"
            ),
            person("q", "leader", "")
        );
        assert!(check(&dead, Strictness::Custom).is_ok());
    }

    #[test]
    fn roles_need_a_body_and_ordered_dates() {
        let role = |extra: &str| {
            format!("{BODY}[[entity]]\nid = \"p\"\nname = \"P\"\ntype = \"person\"\n[[entity.roles]]\nrole = \"member\"\nof = \"body\"\n{extra}")
        };
        let err = check(
            &role("from = \"2020-05\"\nuntil = \"2020-04-30\"\n"),
            Strictness::Custom,
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("roles[0].until"));
        assert!(check(
            &role("from = \"2020\"\nuntil = \"2020-04-30\"\n"),
            Strictness::Custom
        )
        .is_ok());
        let err = check(&role("from = \"2020-02-30\"\n"), Strictness::Custom).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("roles[0].from"));
        let err = check(&role(""), Strictness::Builtin).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("sources"));
        let err = check(
            &role("").replace("role = \"member\"", "role = \"emperor\""),
            Strictness::Custom,
        )
        .unwrap_err();
        assert!(err.message.contains("emperor"), "{err}");
        let on_body = format!("{BODY}[[entity.roles]]\nrole = \"member\"\nof = \"x\"\n");
        let err = check(&on_body, Strictness::Custom).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("roles"));
    }

    #[test]
    fn builtin_facts_need_sources_and_groups_need_arabic() {
        let group = "[[entity]]\nid = \"g\"\nname = \"G\"\ntype = \"armed_group\"\ndescription = \"d\"\nsources = [\"https://a.org/x\"]\n";
        let err = check(group, Strictness::Builtin).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("arabic"));
        assert!(check(group, Strictness::Custom).is_ok());
        let with_ar = group.replace("description", "arabic = [\"كتيبة\"]\ndescription");
        assert!(check(&with_ar, Strictness::Builtin).is_ok());
        let dissolved =
            format!("{with_ar}[entity.status]\nstate = \"dissolved\"\ndate = \"2020-12\"\n");
        let err = check(&dissolved, Strictness::Builtin).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("status.sources"));
        let brigades = format!("{with_ar}pmf_brigades = {{ numbers = [45] }}\n");
        let err = check(&brigades, Strictness::Builtin).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("pmf_brigades.sources"));
        let undated = format!(
            "{with_ar}[entity.status]\nstate = \"dissolved\"\nsources = [\"https://a.org\"]\n"
        );
        let err = check(&undated, Strictness::Custom).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("status.date"));
    }

    #[test]
    fn identifiers() {
        let rec = |field: &str, v: &str| {
            format!("[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\n{field} = {v}\n")
        };
        assert!(check(&rec("wikidata", "\"Q5669353\""), Strictness::Custom).is_ok());
        for bad in ["\"Q0123\"", "\"5669353\"", "\"Q\"", "\"q12\""] {
            let err = check(&rec("wikidata", bad), Strictness::Custom).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("wikidata"), "{bad}");
        }
        assert!(check(&rec("country", "[\"IQ\", \"IR\"]"), Strictness::Custom).is_ok());
        assert!(check(&rec("country", "[\"Iraq\"]"), Strictness::Custom).is_err());
        assert!(check(&rec("opensanctions", "\"NK-abc123\""), Strictness::Custom).is_ok());
        assert!(check(&rec("opensanctions", "\"a b\""), Strictness::Custom).is_err());
        assert!(check(&rec("persian", "[\"علی خامنه‌ای\"]"), Strictness::Custom).is_ok());
        let err = check(&rec("persian", "[\"Khamenei\"]"), Strictness::Custom).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("persian"));
    }

    #[test]
    fn sources_and_dates() {
        assert!(is_source(
            "https://www.state.gov/foreign-terrorist-organizations/"
        ));
        assert!(is_source("000_2fad84f5b0f336b8.txt"));
        assert!(!is_source("javascript:alert(1)"));
        assert!(!is_source("see wikipedia"));
        assert!(is_date("2009-07-02") && is_date("2009-07") && is_date("2009"));
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2020-04-31"));
        assert!(!is_date("2009-13-02") && !is_date("July 2009"));
        assert!(date_before("2019-12", "2020") && !date_before("2020", "2020-01-03"));
        assert!(
            !date_before("2020-01-03", "2020-01-03") && date_before("2020-01-02", "2020-01-03")
        );
    }
}
