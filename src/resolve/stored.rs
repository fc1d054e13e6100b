//! The resolver's facts ([`Facts`]) as bytes, so that the built-in lens reads them instead of deriving
//! them at every start.
//!
//! Why it exists: deriving the facts folds and keys every full name of every person and needs every
//! record of the knowledge base, so a lens that derives them must first decode the KB's records (its
//! JSON); together about half of `new Lens()` in WebAssembly (BENCHMARKS.md, "Cold start: the resolver's
//! facts and the records at build time"). build.rs derives the built-in KB's facts with [`Facts::new`]
//! and writes [`to_bytes`]; `Lens::builtin` reads them with [`from_bytes`], and the records are decoded
//! only when something asks for them (cards, dictionaries). A test derives the facts again at run time
//! and compares the bytes. Its own module because build.rs compiles the resolver too.
//!
//! The layout: LEB128 numbers and length-prefixed strings (the readers of [`crate::compiled::tables`]),
//! each list as its length then its items, each per-entity list of lists ([`Rows`]) as its number of
//! rows, then per row its length and items. Only this build's own bytes are read (they are embedded), but
//! the reader still checks every code and count and refuses bad bytes with [`Error::Compiled`].

use super::context::ContextFacts;
use super::{Facts, FullName, Rows};
use crate::compiled::tables::{Reader, Writer};
use crate::error::Error;
use crate::kb::schema::{EntityType, RoleKind};

/// The bytes of `f`.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn to_bytes(f: &Facts) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 * 1024));
    bools(&mut w, &f.person);
    bools(&mut w, &f.institution);
    bools(&mut w, &f.surname_alone);
    rows(&mut w, &f.countries, |w, s| w.var_str(s));
    rows(&mut w, &f.roles, |w, &(r, cur)| {
        w.var(role_code(r) << 1 | usize::from(cur));
    });
    rows(&mut w, &f.ties, |w, &(b, head)| {
        w.var((b as usize) << 1 | usize::from(head));
    });
    rows(&mut w, &f.full_names, |w, (words, keys, spelled)| {
        strs(w, words);
        strs(w, keys);
        list(w, spelled, |w, s| strs(w, s));
    });
    rows(&mut w, &f.short_forms, |w, s| w.var_str(s));
    list(&mut w, &f.titles, |w, (words, role)| {
        strs(w, words);
        w.var(role_code(*role));
    });
    list(&mut w, &f.honorifics, |w, h| strs(w, h));
    strs(&mut w, &f.not_names);
    strs(&mut w, &f.given_names);
    let c = &f.ctx;
    list(&mut w, &c.kind, |w, k| {
        w.var(k.map_or(0, |k| type_code(k) + 1));
    });
    rows(&mut w, &c.members, |w, &m| w.var(m as usize));
    rows(&mut w, &c.bodies, |w, &b| w.var(b as usize));
    list(&mut w, &c.eponym, |w, g| {
        w.var(g.map_or(0, |g| g as usize + 1))
    });
    strs(&mut w, &c.head_after);
    strs(&mut w, &c.group_after);
    w.0
}

/// Reads facts back from [`to_bytes`]'s bytes. Not inlined, and its loops ([`read_list`],
/// [`read_rows`]) in functions of their own: in WebAssembly, V8 tiers up (TurboFan) a function whose
/// loops ran long, and only the next call runs the result, so inlined into `new Lens()` (called once)
/// they made it compile one big function for nothing (scripts/build-wasm.sh).
#[inline(never)]
pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Facts, Error> {
    let r = &mut Reader(bytes);
    let f = Facts {
        person: read_bools(r)?,
        institution: read_bools(r)?,
        surname_alone: read_bools(r)?,
        countries: read_rows(r, |r| r.var_str().map(str::to_string))?,
        roles: read_rows(r, |r| {
            let v = r.var()?;
            Ok((role(v >> 1)?, v & 1 != 0))
        })?,
        ties: read_rows(r, |r| {
            let v = r.var()?;
            Ok(((v >> 1) as u32, v & 1 != 0))
        })?,
        full_names: read_rows(r, |r| -> Result<FullName, Error> {
            Ok((read_strs(r)?, read_strs(r)?, read_list(r, read_strs)?))
        })?,
        short_forms: read_rows(r, |r| r.var_str().map(str::to_string))?,
        titles: read_list(r, |r| Ok((read_strs(r)?, role(r.var()?)?)))?,
        honorifics: read_list(r, read_strs)?,
        not_names: read_strs(r)?,
        given_names: read_strs(r)?,
        ctx: ContextFacts {
            kind: read_list(r, |r| match r.var()? {
                0 => Ok(None),
                k => EntityType::ALL
                    .get(k - 1)
                    .copied()
                    .map(Some)
                    .ok_or_else(|| bad("unknown entity type")),
            })?,
            members: read_rows(r, |r| r.var().map(|v| v as u32))?,
            bodies: read_rows(r, |r| r.var().map(|v| v as u32))?,
            eponym: read_list(r, |r| Ok(r.var()?.checked_sub(1).map(|g| g as u32)))?,
            head_after: read_strs(r)?,
            group_after: read_strs(r)?,
        },
    };
    if !r.0.is_empty() {
        return Err(bad("trailing bytes"));
    }
    let n = f.person.len();
    let per_entity = [
        f.institution.len(),
        f.surname_alone.len(),
        f.countries.len(),
        f.roles.len(),
        f.ties.len(),
        f.full_names.len(),
        f.short_forms.len(),
        f.ctx.kind.len(),
        f.ctx.members.len(),
        f.ctx.bodies.len(),
        f.ctx.eponym.len(),
    ];
    if per_entity.iter().any(|&m| m != n) {
        return Err(bad("not one row per entity"));
    }
    let out_of_range = |e: u32| e as usize >= n;
    if f.ties.items.iter().any(|t| out_of_range(t.0))
        || f.ctx.members.items.iter().copied().any(out_of_range)
        || f.ctx.bodies.items.iter().copied().any(out_of_range)
        || f.ctx.eponym.iter().flatten().copied().any(out_of_range)
    {
        return Err(bad("a fact about an entity that is not there"));
    }
    Ok(f)
}

fn bad(what: &str) -> Error {
    Error::Compiled(format!("resolution facts: {what}"))
}

fn role_code(r: RoleKind) -> usize {
    RoleKind::ALL
        .iter()
        .position(|&x| x == r)
        .expect("RoleKind::ALL lists every role")
}

fn role(code: usize) -> Result<RoleKind, Error> {
    RoleKind::ALL
        .get(code)
        .copied()
        .ok_or_else(|| bad("unknown role"))
}

fn type_code(t: EntityType) -> usize {
    EntityType::ALL
        .iter()
        .position(|&x| x == t)
        .expect("EntityType::ALL lists every type")
}

fn list<T>(w: &mut Writer, items: &[T], mut item: impl FnMut(&mut Writer, &T)) {
    w.var(items.len());
    for x in items {
        item(w, x);
    }
}

fn strs(w: &mut Writer, items: &[String]) {
    list(w, items, |w, s| w.var_str(s));
}

fn bools(w: &mut Writer, items: &[bool]) {
    list(w, items, |w, &b| w.u8(u8::from(b)));
}

fn rows<T>(w: &mut Writer, rows: &Rows<T>, mut item: impl FnMut(&mut Writer, &T)) {
    w.var(rows.len());
    for i in 0..rows.len() {
        list(w, &rows[i], &mut item);
    }
}

#[inline(never)]
fn read_list<'a, T>(
    r: &mut Reader<'a>,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let n = r.var()?;
    // Every item takes at least a byte: a damaged count cannot reserve much.
    let mut out = Vec::with_capacity(n.min(r.0.len()));
    for _ in 0..n {
        out.push(item(r)?);
    }
    Ok(out)
}

fn read_strs(r: &mut Reader<'_>) -> Result<Vec<String>, Error> {
    read_list(r, |r| r.var_str().map(str::to_string))
}

fn read_bools(r: &mut Reader<'_>) -> Result<Vec<bool>, Error> {
    read_list(r, |r| match r.u8()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(bad("bad flag")),
    })
}

#[inline(never)]
fn read_rows<'a, T>(
    r: &mut Reader<'a>,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, Error>,
) -> Result<Rows<T>, Error> {
    let n = r.var()?;
    let mut out = Rows::default();
    out.ends.reserve(n.min(r.0.len()));
    for _ in 0..n {
        let row = read_list(r, &mut item)?;
        out.push_row(row);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::KnowledgeBase;
    use crate::variants::VariantRules;

    /// What build.rs embeds is what the resolver derives from the built-in KB and rules now, and it
    /// reads back as those facts.
    #[test]
    fn builtin_facts_are_what_the_resolver_derives() {
        let derived = Facts::new(&KnowledgeBase::builtin(), &VariantRules::builtin());
        assert!(derived.person.iter().filter(|&&p| p).count() > 100);
        assert!(derived.full_names.items.len() > 100);
        let bytes = to_bytes(&derived);
        assert!(crate::BUILTIN_FACTS == bytes.as_slice());
        assert_eq!(from_bytes(&bytes).unwrap(), derived);
    }

    #[test]
    fn damaged_facts_are_refused() {
        let bytes = to_bytes(&Facts::new(
            &KnowledgeBase::builtin(),
            &VariantRules::builtin(),
        ));
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(from_bytes(&longer).is_err());
    }
}
