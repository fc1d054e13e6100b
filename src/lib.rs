//! FactionLens finds the armed groups, umbrella bodies, sponsors and leaders of the Iraq/Iran conflict
//! in news text, under every spelling and in Arabic script, and links each mention to an entity of its
//! knowledge base.
//!
//! The flow, one module per stage:
//!
//! ```text
//! text ──► fold ──► match ──► resolve ──► render
//!          fold.rs  matcher.rs resolve.rs render.rs
//!          (offset  (one Aho-  (document  (HTML, terminal,
//!           map)     Corasick)  rules)     JSON, CSV, Web Annotation)
//!                      ▲
//!     kb/ (data/kb/*.toml) + variants.rs (data/variants.toml)
//! ```
//!
//! ```
//! use factionlens::Lens;
//!
//! let lens = Lens::builtin();
//! let text = "Kataib Hizballah and Asa’ib Ahl al-Haq are in the PMF.";
//! let mentions = lens.scan(text);
//! let ids: Vec<&str> = mentions.iter().map(|m| m.entity.as_str()).collect();
//! assert_eq!(ids, ["kataib-hezbollah", "asaib-ahl-al-haq", "popular-mobilization-forces"]);
//! assert_eq!(mentions[0].text, "Kataib Hizballah");
//! assert_eq!((mentions[0].start, mentions[0].end), (0, 16)); // UTF-16 offsets
//! ```
#![warn(missing_docs)]

/// A file that build.rs wrote to OUT_DIR: `generated!(str "kb.packed")` as a `&str`,
/// `generated!(items "fold_tables.rs")` as items in place. Through a macro rather than `include!` in
/// place because build.rs compiles the modules that derive the built-in knowledge base's matcher tables
/// (fold, keys, variants, matcher) before those files exist, and defines its own `generated!`.
macro_rules! generated {
    (str $file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $file))
    };
    (bytes $file:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $file))
    };
    (items $file:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $file));
    };
}

pub mod compiled;
pub mod error;
/// Native only, and only with the `toml` feature (the corpus's front matter is TOML): the CLI's `eval`
/// and tests/eval.rs use it, the web build never does.
#[cfg(all(feature = "toml", not(target_arch = "wasm32")))]
pub mod eval;
pub mod fold;
pub mod kb;
pub mod key;
pub mod matcher;
mod mention;
pub mod palette;
pub mod render;
pub mod resolve;
pub mod script;
mod sort;
pub mod variants;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::Error;
pub use kb::{EntityRecord, EntityType, Format, KbError, KnowledgeBase, MergeMode};
pub use mention::MentionRef;
pub use resolve::Rule;

use matcher::Matcher;
use serde::Serialize;
use std::sync::OnceLock;
use variants::VariantRules;

/// A mention of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Mention {
    /// The entity's stable id, e.g. `kataib-hezbollah`.
    pub entity: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The exact slice of the original text.
    pub text: String,
    /// Start offset in UTF-16 code units (a JavaScript string index).
    pub start: usize,
    /// End offset in UTF-16 code units.
    pub end: usize,
    /// Start offset in UTF-8 bytes.
    pub byte_start: usize,
    /// End offset in UTF-8 bytes.
    pub byte_end: usize,
    /// The knowledge-base name that matched, as written there (for the `defined` rule, the acronym the document defines).
    pub alias: String,
    /// Why this is a mention.
    pub rule: Rule,
    /// Whether the spelling is shared by several entities and the document did not decide.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ambiguous: bool,
    /// For an ambiguous mention, the ids of the other entities it may be (the document names them too).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub candidates: Vec<String>,
}

/// A mention in compact form: indexes and offsets only, no strings. See [`Lens::scan_spans`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Index of the entity in the knowledge base ([`KnowledgeBase::at`]).
    pub entity: u32,
    /// UTF-16 start.
    pub start: u32,
    /// UTF-16 end.
    pub end: u32,
    /// UTF-8 start.
    pub byte_start: u32,
    /// UTF-8 end.
    pub byte_end: u32,
    /// Why this is a mention.
    pub rule: Rule,
}

/// Per-entity totals for a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct EntityCount {
    /// Entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Number of mentions.
    pub count: usize,
    /// The entity's Wikidata item id, to join the output with other data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// The entity's OpenSanctions id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opensanctions: Option<String>,
}

/// Options for a scan.
#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    /// Keep only mentions of these types (all types when `None`). Resolution still sees every entity.
    pub types: Option<Vec<EntityType>>,
}

/// What loading a dictionary did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LoadReport {
    /// Number of entities loaded from the dictionary.
    pub loaded: usize,
    /// Their ids.
    pub ids: Vec<String>,
    /// Number of entities in the knowledge base now in force.
    pub total: usize,
    /// What was loaded differently or skipped, each as `file:line: entity: field: message`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub warnings: Vec<String>,
}

/// Largest text scanned in one call (4 GiB − 1: offsets are 32-bit).
pub const MAX_INPUT: usize = u32::MAX as usize;

/// [`Error::TooLarge`] for input of `len` bytes past [`MAX_INPUT`].
pub fn check_len(len: usize) -> Result<(), Error> {
    // Compared as u64: on 32-bit targets (wasm32) no usize can pass the limit, and a usize comparison
    // would be always false there.
    if len as u64 > MAX_INPUT as u64 {
        Err(Error::TooLarge {
            len,
            limit: MAX_INPUT,
        })
    } else {
        Ok(())
    }
}

/// A knowledge base with its automaton, ready to scan text. Build once, scan many times.
#[derive(Clone, Debug)]
pub struct Lens {
    kb: Records,
    /// The variant rules; the built-in lens decodes them (their JSON) on first need ([`Lens::rules`]).
    rules: OnceLock<VariantRules>,
    matcher: Matcher,
    facts: resolve::Facts,
}

/// The knowledge base of a lens. The built-in lens decodes its records (the KB's JSON) only when
/// something asks for them ([`Lens::knowledge_base`]: cards, dictionaries, exports); scanning needs only
/// each entity's id, type and name, which it reads from the roster build.rs wrote
/// ([`compiled::roster`]) until then.
#[derive(Clone, Debug)]
struct Records {
    kb: OnceLock<KnowledgeBase>,
    /// The built-in KB's roster, for the built-in lens (whose `kb` may be unset); `None` for any other
    /// lens (whose `kb` is always set).
    roster: Option<&'static compiled::roster::Roster>,
}

impl Records {
    fn of(kb: KnowledgeBase) -> Records {
        Records {
            kb: OnceLock::from(kb),
            roster: None,
        }
    }

    fn builtin() -> Records {
        static ROSTER: OnceLock<compiled::roster::Roster> = OnceLock::new();
        let roster = ROSTER.get_or_init(|| {
            compiled::roster::Roster::parse(BUILTIN_ROSTER)
                .expect("build.rs wrote the built-in roster in this build's format")
        });
        Records {
            kb: OnceLock::new(),
            roster: Some(roster),
        }
    }

    /// The knowledge base, decoded now if it is the built-in one and was not yet.
    #[cfg(any(not(target_arch = "wasm32"), feature = "wasm-full"))]
    fn get(&self) -> &KnowledgeBase {
        self.kb.get_or_init(KnowledgeBase::builtin)
    }

    /// The knowledge base. The scan-only `.wasm` (built without `wasm-full`) exports nothing that makes a
    /// lens other than the built-in one or asks for its records, so they are never decoded there, and
    /// leaving the decoder out of reach leaves the KB's JSON and its deserializers out of the module.
    #[cfg(all(target_arch = "wasm32", not(feature = "wasm-full")))]
    fn get(&self) -> &KnowledgeBase {
        self.kb
            .get()
            .expect("the scan-only module asks only the built-in roster")
    }

    /// The date the facts were last checked: the built-in KB's without decoding its records (a lens
    /// with a roster is the built-in one: any other has none).
    fn as_of(&self) -> Option<&str> {
        self.roster()
            .map_or_else(|| self.get().as_of(), |_| Some(kb::builtin_as_of()))
    }

    /// The built-in KB's roster (the same ids, types and names as its records: a test checks).
    fn roster(&self) -> Option<&'static compiled::roster::Roster> {
        self.roster
    }

    fn len(&self) -> usize {
        self.roster().map_or_else(|| self.get().len(), |r| r.len())
    }

    fn id(&self, i: usize) -> &str {
        self.roster()
            .map_or_else(|| self.get().at(i).id.as_str(), |r| r.id(i))
    }

    fn kind(&self, i: usize) -> EntityType {
        self.roster()
            .map_or_else(|| self.get().at(i).kind, |r| r.kind(i))
    }

    fn name(&self, i: usize) -> &str {
        self.roster()
            .map_or_else(|| self.get().at(i).name.as_str(), |r| r.name(i))
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.roster()
            .map_or_else(|| self.get().index_of(id), |r| r.index_of(id))
    }

    fn wikidata(&self, i: usize) -> Option<&str> {
        self.roster()
            .map_or_else(|| self.get().at(i).wikidata.as_deref(), |r| r.wikidata(i))
    }

    fn opensanctions(&self, i: usize) -> Option<&str> {
        self.roster().map_or_else(
            || self.get().at(i).opensanctions.as_deref(),
            |r| r.opensanctions(i),
        )
    }
}

impl Lens {
    /// A lens over the built-in knowledge base. Everything it derives from the KB was derived by build.rs
    /// and is read here: its matcher tables (every name folded and expanded into its keys), the
    /// resolver's facts ([`resolve::stored`]) and the roster of ids, types and names; the records
    /// themselves are decoded on first need (see [`Lens::knowledge_base`]).
    pub fn builtin() -> Lens {
        let kb = Records::builtin();
        let tables = compiled::tables::parts_from_bytes(BUILTIN_TABLES, kb.len())
            .expect("build.rs wrote the built-in tables in this build's format");
        let words = compiled::words::Words::parse(BUILTIN_WORDS)
            .expect("build.rs wrote the rules' words in this build's format");
        let matcher = Matcher::from_parts(tables, words);
        let facts = resolve::stored::from_bytes(BUILTIN_FACTS)
            .expect("build.rs wrote the built-in facts in this build's format");
        Lens {
            kb,
            rules: OnceLock::new(),
            matcher,
            facts,
        }
    }

    /// The lens's variant rules (the built-in lens decodes them on the first call).
    fn rules(&self) -> &VariantRules {
        self.rules.get_or_init(VariantRules::builtin)
    }

    /// A lens over any knowledge base, with the built-in variant rules.
    ///
    /// ```
    /// use factionlens::{EntityRecord, EntityType, KnowledgeBase, Lens};
    /// let mut kb = KnowledgeBase::empty();
    /// let mut r = EntityRecord::new("acme", "Liwa al-Acme", EntityType::ArmedGroup);
    /// r.acronyms = vec!["LAA".into()];
    /// kb.extend(vec![r], "example");
    /// let lens = Lens::new(kb);
    /// assert_eq!(lens.scan("Liwa el-Acme, or LAA, said").len(), 2);
    /// ```
    pub fn new(kb: KnowledgeBase) -> Lens {
        Lens::with_rules(kb, VariantRules::builtin())
    }

    /// A lens with custom variant rules.
    pub fn with_rules(kb: KnowledgeBase, rules: VariantRules) -> Lens {
        let matcher = Matcher::build(&kb, &budgeted(&rules, name_count(&kb)));
        Lens::assemble(kb, rules, matcher)
    }

    /// A lens from its parts; the resolution facts are derived here, so every way of making a lens
    /// (building one, reading compiled bytes) derives them the same way.
    fn assemble(kb: KnowledgeBase, rules: VariantRules, matcher: Matcher) -> Lens {
        let facts = resolve::Facts::new(&kb, &rules);
        Lens {
            kb: Records::of(kb),
            rules: OnceLock::from(rules),
            matcher,
            facts,
        }
    }

    /// The lens compiled: its knowledge base, variant rules and every spelling derived from them, as
    /// bytes to keep (a file, IndexedDB) and read back with [`Lens::from_compiled`], which skips folding
    /// and expanding the names (see [`compiled`]). Derives the spellings again, so it costs about what
    /// building the lens did.
    ///
    /// ```
    /// use factionlens::{Format, Lens, MergeMode};
    /// let mut lens = Lens::builtin();
    /// let csv = "id,name,type,aliases\nbrigade-x,Brigade X,armed_group,\n";
    /// lens.load_dictionary(csv, Format::Csv, "x.csv", MergeMode::Merge).unwrap();
    /// let again = Lens::from_compiled(&lens.to_compiled()).unwrap();
    /// assert_eq!(again.scan("Brigade X and Kataib Hezbollah"), lens.scan("Brigade X and Kataib Hezbollah"));
    /// assert_eq!(again.knowledge_base().origin(again.knowledge_base().len() - 1), "x.csv");
    /// assert!(Lens::from_compiled(b"not a lens").is_err());
    /// ```
    pub fn to_compiled(&self) -> Vec<u8> {
        let kb = self.knowledge_base();
        let rules = budgeted(self.rules(), name_count(kb));
        compiled::encode(kb, self.rules(), &matcher::tables(kb, &rules, true))
    }

    /// A lens read back from [`Lens::to_compiled`]'s bytes: only the automaton is built. Bytes from
    /// another build of FactionLens, truncated, damaged (the checksum) or inconsistent are refused with
    /// [`Error::Compiled`].
    pub fn from_compiled(bytes: &[u8]) -> Result<Lens, Error> {
        let (kb, rules, tables) = compiled::decode(bytes)?;
        let matcher = Matcher::from_tables(tables, &rules);
        Ok(Lens::assemble(kb, rules, matcher))
    }

    /// Builds the automaton now, if the lens has not yet: a lens starts searching with a key index and
    /// builds the faster automaton inside the scan that has searched enough text for the build to pay
    /// back ([`matcher::WARM_AFTER`]); call this when idle after start-up so no later scan waits for it.
    /// Scans find the same mentions either way. Returns whether the lens searches with the automaton
    /// now: false without names, and for a big dictionary ([`matcher::INDEX_FROM`] keys or more), which
    /// stays on the index.
    ///
    /// ```
    /// let lens = factionlens::Lens::builtin();
    /// let before = lens.scan("Kataib Hezbollah and كتائب حزب الله");
    /// assert!(!lens.matcher().is_warm());
    /// assert!(lens.warm());
    /// assert!(lens.matcher().is_warm());
    /// assert_eq!(lens.scan("Kataib Hezbollah and كتائب حزب الله"), before);
    /// ```
    pub fn warm(&self) -> bool {
        self.matcher.warm()
    }

    /// The knowledge base in force. The built-in lens decodes its records on the first call (about as
    /// long as a first scan takes); scans need only [`Lens::entity_id`], [`Lens::entity_type`] and
    /// [`Lens::entity_name`], which do not.
    pub fn knowledge_base(&self) -> &KnowledgeBase {
        self.kb.get()
    }

    /// The date the facts in force were last checked (`knowledge_base().as_of()`), without decoding
    /// the built-in KB's records.
    ///
    /// ```
    /// let lens = factionlens::Lens::builtin();
    /// assert_eq!(lens.as_of(), factionlens::KnowledgeBase::builtin().as_of());
    /// assert_eq!(lens.as_of().map(str::len), Some(10));
    /// ```
    pub fn as_of(&self) -> Option<&str> {
        self.kb.as_of()
    }

    /// Number of entities in the knowledge base in force (`knowledge_base().len()`).
    pub fn entity_count(&self) -> usize {
        self.kb.len()
    }

    /// The id of the entity at an index (`knowledge_base().at(i).id`). Panics past the last.
    ///
    /// ```
    /// let lens = factionlens::Lens::builtin();
    /// let i = lens.knowledge_base().index_of("kataib-hezbollah").unwrap();
    /// assert_eq!(lens.entity_id(i), "kataib-hezbollah");
    /// ```
    pub fn entity_id(&self, i: usize) -> &str {
        self.kb.id(i)
    }

    /// The type of the entity at an index (`knowledge_base().at(i).kind`). Panics past the last.
    pub fn entity_type(&self, i: usize) -> EntityType {
        self.kb.kind(i)
    }

    /// The canonical name of the entity at an index (`knowledge_base().at(i).name`). Panics past the last.
    pub fn entity_name(&self, i: usize) -> &str {
        self.kb.name(i)
    }

    /// The automaton and its name tables.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Every spelling the names expand to (folded, before keys: see [`Matcher::spellings`]), sorted and
    /// distinct, each with the names it stands for. Recomputed on each call.
    ///
    /// ```
    /// let lens = factionlens::Lens::builtin();
    /// let spellings = lens.spellings();
    /// assert!(spellings.iter().any(|(s, _)| s == "kataib hezbollah"));
    /// assert!(spellings.len() > lens.matcher().pattern_count());
    /// ```
    pub fn spellings(&self) -> Vec<(String, Vec<matcher::Candidate>)> {
        let kb = self.knowledge_base();
        Matcher::spellings(kb, &budgeted(self.rules(), name_count(kb)))
    }

    /// The automaton's patterns: the romanization keys of [`Lens::spellings`] (see [`key`]), in pattern
    /// order (the names key `p` stands for are `self.matcher().candidates(p)`). Recomputed on each call.
    ///
    /// ```
    /// let lens = factionlens::Lens::builtin();
    /// let keys = lens.keys();
    /// assert_eq!(keys.len(), lens.matcher().pattern_count());
    /// assert!(keys.iter().any(|s| *s == factionlens::key::key_name("kataib hezbollah")));
    /// ```
    pub fn keys(&self) -> Vec<String> {
        let kb = self.knowledge_base();
        Matcher::keys(kb, &budgeted(self.rules(), name_count(kb)))
    }

    /// Loads a dictionary, merged into the KB in force or replacing it. On error nothing changes. A TOML
    /// dictionary needs the `toml` cargo feature: without it, [`Error::FormatNotBuilt`].
    ///
    /// ```
    /// use factionlens::{Format, Lens, MergeMode};
    /// let mut lens = Lens::builtin();
    /// let csv = "id,name,type,aliases\nbrigade-x,Brigade X,armed_group,\n";
    /// lens.load_dictionary(csv, Format::Csv, "x.csv", MergeMode::Merge).unwrap();
    /// assert_eq!(lens.scan("Brigade X and Kataib Hezbollah").len(), 2);
    /// assert!(lens.load_dictionary("id,name\n", Format::Csv, "bad.csv", MergeMode::Replace).is_err());
    /// assert_eq!(lens.scan("Brigade X and Kataib Hezbollah").len(), 2);
    /// ```
    pub fn load_dictionary(
        &mut self,
        text: &str,
        format: Format,
        origin: &str,
        mode: MergeMode,
    ) -> Result<LoadReport, Error> {
        let (records, warnings) = self.parse_dictionary(text, format, origin, mode)?;
        self.load_records(records, warnings, origin, mode)
    }

    /// [`Lens::load_dictionary`] taking the text, which is freed once parsed, before the lens is built
    /// (the load's peak): what the WebAssembly binding calls, whose text is a copy made in the module's
    /// memory, which never shrinks (8 MB for a 100k-entity CSV; BENCHMARKS.md, "100k dictionary memory
    /// and throughput").
    #[cfg(all(target_arch = "wasm32", feature = "wasm-full"))]
    pub(crate) fn load_dictionary_owned(
        &mut self,
        text: String,
        format: Format,
        origin: &str,
        mode: MergeMode,
    ) -> Result<LoadReport, Error> {
        let (records, warnings) = self.parse_dictionary(&text, format, origin, mode)?;
        drop(text);
        self.load_records(records, warnings, origin, mode)
    }

    /// The records of a dictionary and the warnings on them (ids known to the KB in force are merged
    /// into when `mode` merges).
    fn parse_dictionary(
        &self,
        text: &str,
        format: Format,
        origin: &str,
        mode: MergeMode,
    ) -> Result<(Vec<EntityRecord>, Vec<KbError>), Error> {
        #[cfg(not(feature = "toml"))]
        if format == Format::Toml {
            return Err(Error::FormatNotBuilt {
                origin: origin.to_string(),
                format,
                feature: "toml",
            });
        }
        let kb = self.knowledge_base();
        let known = |id: &str| mode == MergeMode::Merge && kb.contains(id);
        Ok(kb::parse_dictionary_with_warnings(
            text, format, origin, &known,
        )?)
    }

    /// The lens with parsed `records` loaded (see [`Lens::load_dictionary`]).
    fn load_records(
        &mut self,
        records: Vec<EntityRecord>,
        warnings: Vec<KbError>,
        origin: &str,
        mode: MergeMode,
    ) -> Result<LoadReport, Error> {
        let kb = self.knowledge_base();
        // The ids in one string until the lens is built: a `String` each, a big dictionary's were held
        // through the build, at its peak (BENCHMARKS.md, "A big dictionary's records and facts").
        let mut id_text = String::with_capacity(records.iter().map(|r| r.id.len()).sum());
        let id_ends: Vec<usize> = records
            .iter()
            .map(|r| {
                id_text.push_str(&r.id);
                id_text.len()
            })
            .collect();
        let mut next = if mode == MergeMode::Merge {
            kb.clone()
        } else {
            KnowledgeBase::empty()
        };
        next.extend(records, origin);
        let names = name_count(&next);
        if names > MAX_NAMES {
            return Err(Error::TooManyNames {
                origin: origin.to_string(),
                names,
                limit: MAX_NAMES,
            });
        }
        *self = Lens::with_rules(next, self.rules().clone());
        let ids: Vec<String> = id_ends
            .iter()
            .scan(0, |start, &end| {
                let id = id_text[*start..end].to_string();
                *start = end;
                Some(id)
            })
            .collect();
        Ok(LoadReport {
            loaded: ids.len(),
            ids,
            total: self.entity_count(),
            warnings: warnings.iter().map(ToString::to_string).collect(),
        })
    }

    /// Finds every mention in `text`, in text order, never overlapping.
    ///
    /// Panics on input larger than [`MAX_INPUT`] (4 GiB − 1); [`Lens::try_scan_with`] returns
    /// [`Error::TooLarge`] instead.
    pub fn scan(&self, text: &str) -> Vec<Mention> {
        self.scan_with(text, &ScanOptions::default())
    }

    /// [`Lens::scan`] with options.
    pub fn scan_with(&self, text: &str, opts: &ScanOptions) -> Vec<Mention> {
        self.scan_refs_with(text, opts)
            .iter()
            .map(MentionRef::to_mention)
            .collect()
    }

    /// [`Lens::scan_with`] that refuses input larger than [`MAX_INPUT`] with [`Error::TooLarge`] instead
    /// of panicking: for input of unchecked size (the CLI reads whole files).
    pub fn try_scan_with(&self, text: &str, opts: &ScanOptions) -> Result<Vec<Mention>, Error> {
        check_len(text.len())?;
        Ok(self.scan_with(text, opts))
    }

    /// [`Lens::scan_spans_with`] that refuses input larger than [`MAX_INPUT`] with [`Error::TooLarge`].
    pub fn try_scan_spans_with(&self, text: &str, opts: &ScanOptions) -> Result<Vec<Span>, Error> {
        check_len(text.len())?;
        Ok(self.scan_spans_with(text, opts))
    }

    fn resolve(&self, text: &str, opts: &ScanOptions) -> Vec<resolve::Resolved> {
        if let Err(e) = check_len(text.len()) {
            panic!("{e} (use Lens::try_scan_with for input of unchecked size)");
        }
        let raw = self.matcher.find_all(text);
        let mut res = resolve::resolve(text, &self.matcher, &self.facts, raw);
        if let Some(types) = &opts.types {
            res.retain(|r| types.contains(&self.entity_type(r.entity as usize)));
        }
        res
    }

    /// Finds every mention in compact form: no strings, for hot paths and the WebAssembly fast path.
    pub fn scan_spans(&self, text: &str) -> Vec<Span> {
        self.scan_spans_with(text, &ScanOptions::default())
    }

    /// [`Lens::scan_spans`] with options.
    pub fn scan_spans_with(&self, text: &str, opts: &ScanOptions) -> Vec<Span> {
        let res = self.resolve(text, opts);
        let mut out = Vec::with_capacity(res.len());
        let mut cursor = Utf16Cursor::new(text);
        for r in res {
            let start = cursor.advance(r.start);
            let end = cursor.advance(r.end);
            out.push(Span {
                entity: r.entity,
                start: start as u32,
                end: end as u32,
                byte_start: r.start as u32,
                byte_end: r.end as u32,
                rule: r.rule,
            });
        }
        out
    }

    /// Per-entity mention counts, most mentioned first (ties in first-mention order).
    pub fn summarize(&self, mentions: &[Mention]) -> Vec<EntityCount> {
        self.summarize_ids(mentions.iter().map(|m| m.entity.as_str()))
    }

    /// [`Lens::summarize`] of the mentions' entity ids, in mention order.
    fn summarize_ids<'m>(&self, ids: impl Iterator<Item = &'m str>) -> Vec<EntityCount> {
        let mut order: Vec<&str> = Vec::new();
        let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for id in ids {
            let c = counts.entry(id).or_insert(0);
            if *c == 0 {
                order.push(id);
            }
            *c += 1;
        }
        let mut out: Vec<EntityCount> = order
            .iter()
            .filter_map(|id| {
                // From the roster where there is one: a summary never decodes the built-in records.
                let i = self.kb.index_of(id)?;
                Some(EntityCount {
                    id: id.to_string(),
                    name: self.kb.name(i).to_string(),
                    kind: self.kb.kind(i),
                    count: counts[id],
                    wikidata: self.kb.wikidata(i).map(str::to_string),
                    opensanctions: self.kb.opensanctions(i).map(str::to_string),
                })
            })
            .collect();
        sort::stable_by(&mut out, |a, b| b.count.cmp(&a.count));
        out
    }
}

/// The most names one lens holds (canonical names, aliases, acronyms, Arabic names…, counted over the
/// whole knowledge base). A dictionary that would pass it is refused with [`Error::TooManyNames`]: at
/// this size building the automaton takes seconds and hundreds of megabytes, and in WebAssembly
/// (4 GiB of memory at most) more would risk running out of memory.
pub const MAX_NAMES: usize = 1_000_000;

pub use matcher::KEY_BUDGET;
use matcher::{budgeted, name_count};

/// The built-in knowledge base's matcher tables, derived by build.rs (see [`Lens::builtin`]).
const BUILTIN_TABLES: &[u8] = generated!(bytes "builtin_tables.bin");
/// The built-in knowledge base's resolution facts, derived by build.rs (see [`resolve::stored`]).
const BUILTIN_FACTS: &[u8] = generated!(bytes "builtin_facts.bin");
/// The built-in knowledge base's ids, types and names, written by build.rs (see [`compiled::roster`]).
const BUILTIN_ROSTER: &str = generated!(str "builtin_roster.tsv");
/// The built-in rules' word lists the matcher needs, written by build.rs (see [`compiled::words`]).
const BUILTIN_WORDS: &str = generated!(str "builtin_words.tsv");

/// Converts increasing UTF-8 byte offsets of one text into UTF-16 offsets in one pass.
#[derive(Debug)]
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Utf16Cursor<'a> {
        Utf16Cursor {
            text,
            byte: 0,
            utf16: 0,
        }
    }

    /// The UTF-16 offset of byte offset `to` (a char boundary, not before the previous call's).
    ///
    /// ```
    /// let mut c = factionlens::Utf16Cursor::new("a😀b");
    /// assert_eq!(c.advance(1), 1);
    /// assert_eq!(c.advance(5), 3);
    /// ```
    pub fn advance(&mut self, to: usize) -> usize {
        if to < self.byte {
            self.byte = 0;
            self.utf16 = 0;
        }
        let seg = &self.text[self.byte..to];
        // Without decoding: a character is one UTF-16 unit (`chars().count()` counts the bytes that start
        // one, a word at a time), a 4-byte one a surrogate pair (one more unit per such lead byte).
        self.utf16 += if seg.is_ascii() {
            seg.len()
        } else {
            seg.chars().count() + four_byte_leads(seg.as_bytes())
        };
        self.byte = to;
        self.utf16
    }
}

/// How many bytes of `b` are at least `0xF0` (lead bytes of 4-byte UTF-8 characters, which are surrogate
/// pairs in UTF-16), eight at a time: a byte's top bit ANDed with its next three is set only when its
/// top four bits are.
fn four_byte_leads(b: &[u8]) -> usize {
    let words = b.chunks_exact(8);
    let tail = words.remainder().iter().filter(|&&x| x >= 0xF0).count();
    words
        .map(|w| {
            let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
            (w & (w << 1) & (w << 2) & (w << 3) & 0x8080_8080_8080_8080).count_ones() as usize
        })
        .sum::<usize>()
        + tail
}

#[cfg(test)]
mod tests {
    /// Asserts that lens `a` scans every seed article (`tests/fixtures/*.txt`) exactly as lens `b`, and
    /// that the seeds name entities at all: for lenses made two ways (read back, or derived).
    pub(crate) fn assert_same_scans(a: &super::Lens, b: &super::Lens) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                let m = b.scan(&text);
                seen += m.len();
                assert_eq!(a.scan(&text), m, "{}", p.display());
            }
        }
        assert!(seen > 100, "the seed texts name entities ({seen})");
    }

    use super::*;

    #[test]
    fn builtin_tables_are_what_the_lens_derives() {
        // What build.rs embedded is what `matcher::tables` derives now from the built-in KB and rules,
        // with the key budget every lens applies.
        let kb = KnowledgeBase::builtin();
        let rules = VariantRules::builtin();
        let t = matcher::tables(&kb, &budgeted(&rules, name_count(&kb)), true);
        assert!(t.patterns.len() > 10_000 && t.names.len() > 1_000);
        assert!(compiled::tables::to_bytes(&t) == BUILTIN_TABLES);
        // And the lens read from them scans as a lens that derives them.
        let (read, derived) = (Lens::builtin(), Lens::new(KnowledgeBase::builtin()));
        assert_eq!(read.keys(), derived.keys());
        crate::tests::assert_same_scans(&read, &derived);
        // Damaged tables are refused, not misread.
        let mut bad = BUILTIN_TABLES.to_vec();
        bad.truncate(bad.len() - 1);
        assert!(compiled::tables::from_bytes(&bad, kb.len()).is_err());
        assert!(compiled::tables::from_bytes(BUILTIN_TABLES, 1).is_err());
    }

    #[test]
    fn the_builtin_lens_scans_without_decoding_its_records() {
        let lens = Lens::builtin();
        let text = "Kataib Hizballah (KH) and Asa’ib Ahl al-Haq are in the PMF; Qais al-Khazali said. Khazali";
        let opts = ScanOptions {
            types: Some(vec![EntityType::Person, EntityType::ArmedGroup]),
        };
        let (mentions, spans, typed) = (
            lens.scan(text),
            lens.scan_spans(text),
            lens.scan_with(text, &opts),
        );
        assert!(mentions.len() >= 5 && typed.len() < mentions.len());
        let roster: Vec<(String, EntityType, String)> = (0..lens.entity_count())
            .map(|i| {
                let (id, kind, name) =
                    (lens.entity_id(i), lens.entity_type(i), lens.entity_name(i));
                (id.to_string(), kind, name.to_string())
            })
            .collect();
        // Hezbollah and Hamas have Wikidata ids in the KB (the groups above have none).
        let joined = lens.scan(&format!("{text}. Hamas and Hezbollah."));
        let summary = lens.summarize(&joined);
        let as_of = lens.as_of().map(str::to_string);
        assert!(lens.kb.kb.get().is_none(), "the records were decoded");
        assert!(lens.rules.get().is_none(), "the rules were decoded");
        // The roster is the records' ids, types and names, in KB order.
        let kb = KnowledgeBase::builtin();
        assert_eq!(as_of.as_deref(), kb.as_of());
        // ... with their Wikidata and OpenSanctions ids, so a summary from the roster is the one the
        // records make.
        for (i, e) in kb.entities().iter().enumerate() {
            assert_eq!(lens.kb.index_of(&e.id), Some(i));
            assert_eq!(lens.kb.wikidata(i), e.wikidata.as_deref(), "{}", e.id);
            assert_eq!(
                lens.kb.opensanctions(i),
                e.opensanctions.as_deref(),
                "{}",
                e.id
            );
        }
        assert!(summary.iter().any(|c| c.wikidata.is_some()));
        assert_eq!(Lens::new(kb.clone()).summarize(&joined), summary);
        let expected: Vec<(String, EntityType, String)> = kb
            .entities()
            .iter()
            .map(|e| (e.id.clone(), e.kind, e.name.clone()))
            .collect();
        assert_eq!(roster, expected);
        // Once decoded, the lens reads the records and scans the same.
        assert_eq!(lens.knowledge_base().entities(), kb.entities());
        assert!(lens.kb.kb.get().is_some());
        assert_eq!(lens.scan(text), mentions);
        assert_eq!(lens.scan_spans(text), spans);
        assert_eq!(lens.scan_with(text, &opts), typed);
        let derived = Lens::new(kb);
        assert_eq!(derived.scan(text), mentions);
        assert_eq!(derived.scan_with(text, &opts), typed);
    }

    #[test]
    fn utf16_offsets_agree_with_encode_utf16() {
        // Every width of character, at every alignment of the eight-byte words.
        let text = "a😀bé€\u{10FFFF}ﬁ الحشد 𝔸x😀😀 ".repeat(5);
        for step in 1..12 {
            let mut cursor = Utf16Cursor::new(&text);
            let mut to = 0;
            while to <= text.len() {
                if text.is_char_boundary(to) {
                    assert_eq!(
                        cursor.advance(to),
                        text[..to].encode_utf16().count(),
                        "{to}"
                    );
                }
                to += step;
            }
        }
        assert_eq!(
            four_byte_leads(&[0xF0, 0xEF, 0xFF, 0x7F, 0xF4, 0, 0, 0, 0xF0]),
            4
        );
    }

    #[test]
    fn the_key_budget_lowers_the_key_cap_for_large_knowledge_bases() {
        let rules = VariantRules::builtin();
        let builtin = name_count(&KnowledgeBase::builtin());
        assert_eq!(
            budgeted(&rules, builtin).max_keys_per_name,
            rules.max_keys_per_name,
            "the built-in KB ({builtin} names) is below"
        );
        assert_eq!(
            budgeted(&rules, 40_000).max_keys_per_name,
            KEY_BUDGET / 40_000
        );
        assert_eq!(
            budgeted(&rules, 5_000_000).max_keys_per_name,
            1,
            "every name keeps its own spelling"
        );
    }

    #[test]
    fn oversize_input_is_an_error_not_a_panic() {
        // Checked on the length: 4 GiB of text is not allocated in a test.
        let err = check_len(MAX_INPUT + 1).unwrap_err();
        assert_eq!(
            err,
            Error::TooLarge {
                len: MAX_INPUT + 1,
                limit: MAX_INPUT
            }
        );
        assert_eq!(
            err.to_string(),
            format!(
                "input of {} bytes is larger than the limit of {MAX_INPUT} bytes",
                MAX_INPUT + 1
            )
        );
        assert_eq!(check_len(MAX_INPUT), Ok(()));
        let lens = Lens::builtin();
        let opts = ScanOptions::default();
        assert_eq!(
            lens.try_scan_with("Kataib Hezbollah", &opts).unwrap().len(),
            1
        );
        assert_eq!(
            lens.try_scan_spans_with("Kataib Hezbollah", &opts)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_dictionary_past_the_name_limit_is_refused_and_nothing_changes() {
        let mut lens = Lens::builtin();
        let before = lens.knowledge_base().len();
        let aliases: Vec<String> = (0..MAX_NAMES).map(|i| format!("Test Alias {i}")).collect();
        let csv = format!(
            "id,name,type,aliases\nbig,Big Test Group,armed_group,{}\n",
            aliases.join("|")
        );
        let err = lens
            .load_dictionary(&csv, Format::Csv, "big.csv", MergeMode::Merge)
            .unwrap_err();
        assert!(
            matches!(err, Error::TooManyNames { names, limit: MAX_NAMES, .. } if names > MAX_NAMES),
            "{err}"
        );
        assert!(err.to_string().starts_with("big.csv: too large"), "{err}");
        assert_eq!(lens.knowledge_base().len(), before);
        assert_eq!(lens.scan("Kataib Hezbollah").len(), 1);
    }
}
