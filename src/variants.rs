//! Transliteration variants: one alias in, its usual romanizations out.
//!
//! Arabic names reach English news under many spellings, and no knowledge base can list them all. This
//! module expands a folded alias into the spellings the rules in `data/variants.toml` allow: whole-word
//! classes (`kataib` ~ `kataeb` ~ `katayib`), the article (`al` ~ `el` ~ `ash` before a sun letter ~
//! none), and substring rules inside romanized words (`ai` ~ `ay`, `u` ~ `o`, `dh` ~ `z`, doubled
//! consonants). The rules are data, so a new spelling needs no code change.
//!
//! Expansion is bounded (`max_per_word`, `max_per_name`), and the original spelling always comes first.

#[cfg(feature = "toml")]
use crate::error::Error;
use crate::fold::fold_name;
use crate::key::key_name;
use serde::{Deserialize, Serialize};
// FxHash instead of SipHash: expansion hashes hundreds of thousands of short spellings at every start,
// and no input here is chosen by an adversary to collide (the KB and the user's own dictionaries).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Variant rules, as read from `data/variants.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantRules {
    /// Whole-word classes of interchangeable spellings (folded; a member may be several words).
    pub classes: Vec<Vec<String>>,
    /// Written forms of the Arabic article.
    pub articles: Vec<String>,
    /// Spellings of the sun letters that assimilate the article (longest first).
    pub sun_letters: Vec<String>,
    /// Groups of interchangeable substrings inside romanized words.
    pub rewrites: Vec<Vec<String>>,
    /// One-way substring rules inside the words of people's names: `[from, to]`, a spelling written with
    /// `from` inside a word (not at its start or end; at least four letters left) is also printed with
    /// `to`, never the other way (`ai` → `e`: Haibat as Hebat, but not every `e` of a name as `ai`).
    #[serde(default)]
    pub contractions: Vec<[String; 2]>,
    /// Whether doubled consonants may be written single.
    pub collapse_doubles: bool,
    /// Minimum word length for substring rewrites.
    pub min_rewrite_len: usize,
    /// Maximum substring rewrites applied to one word.
    pub max_rewrites_per_word: usize,
    /// Maximum spellings of one word.
    pub max_per_word: usize,
    /// Maximum spellings of one name.
    pub max_per_name: usize,
    /// Maximum romanization keys of one name (what the automaton holds: [`VariantRules::expand_keys`]).
    /// A key stands for every spelling that differs only in what the key normalizes, so a name needs far
    /// fewer keys than spellings.
    #[serde(default = "default_max_keys_per_name")]
    pub max_keys_per_name: usize,
    /// Generated spellings that are never used because they are ordinary English words ("hashed").
    #[serde(default)]
    pub never: Vec<String>,
    /// Translated names: a group's name whose first word is `head` (or a spelling of it in its class) is
    /// also printed translated, its other words in each of `forms` (`{}` stands for them):
    /// `Kata'ib Sayyid al-Shuhada` is also `Sayyid al-Shuhada Brigades`.
    #[serde(default)]
    pub translations: Vec<Translation>,
    /// Head nouns (folded) that make a weak name right after them a name (`حركة حماس`, `تنظيم القاعدة`):
    /// read by the resolver ([`crate::resolve`]), not by the variant expansion.
    #[serde(default)]
    pub head_nouns: Vec<String>,
    /// Head nouns (folded) of political bodies' names, which news rotates (`كتلة الصادقون`, `حركة صادقون`;
    /// `ائتلاف النصر`, `تحالف النصر`): see [`VariantRules::after_bloc_head`].
    #[serde(default)]
    pub bloc_heads: Vec<String>,
    /// English head nouns written right after a weak name of a political bloc that make it a name
    /// (`the "State of Law" coalition`, `Dawa faction`): read by the resolver, as written in lower case.
    #[serde(default)]
    pub head_nouns_after: Vec<String>,
    /// English nouns written right after a surname that an armed group is named after that make the
    /// surname the group's adjective (`Houthi rebels`, `the Houthi insurgency`): read by the resolver, as
    /// written in lower case.
    #[serde(default)]
    pub group_nouns_after: Vec<String>,
    /// Words that make a person's one-word name right after them part of a place name (`Ain al-Asad`).
    #[serde(default)]
    pub place_before: Vec<String>,
    /// Words that make a person's one-word name right before them part of a place name (`Sadr City`).
    #[serde(default)]
    pub place_after: Vec<String>,
    /// Honorifics written before a person's name (`Sheikh`, `السيد`): read by the resolver.
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Words never taken for a father's or grandfather's name inside a full name: read by the resolver.
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Common Arabic given names: one right before a surname that is not the KB person's own given name
    /// makes it another person's name (`معين الكاظمي`): read by the resolver.
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Titles written right before a person's surname (`Prime Minister`, `PM`, `رئيس الوزراء`), by the
    /// role they name: a title picks, among the people who share the surname, the one who holds that role
    /// (read by the resolver, [`crate::resolve`]).
    #[serde(default)]
    pub titles: HashMap<crate::kb::schema::RoleKind, Vec<String>>,
    /// The `never` list brought to romanization keys ([`key_name`]). Built by [`VariantRules::prepare`].
    #[serde(skip)]
    pub(crate) never_keys: Vec<String>,
    /// Index: first word of a class member → (member's words, class index). Built by [`VariantRules::prepare`].
    #[serde(skip)]
    by_first_word: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// One translated head word of group names (see [`VariantRules::translations`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The romanized head word, folded (`kataib`).
    pub head: String,
    /// The translated forms, folded, `{}` standing for the name's other words (`{} brigades`).
    pub forms: Vec<String>,
}

fn default_max_keys_per_name() -> usize {
    128
}

/// One name's expansion: its slots (one list of spellings per word or class member), the cap and the
/// words a generated spelling must not be.
struct Limits<'a> {
    /// The spellings of each slot, the word as written first.
    slots: &'a [Vec<String>],
    /// At most this many spellings (or keys).
    cap: usize,
    /// The `never` list, as spelled or as keys.
    never: &'a [String],
}

/// `data/variants.toml`, turned into JSON by build.rs: reading it at start needs no TOML parser.
const BUILTIN_RULES: &str = generated!(str "variants.json");

/// How an alias is to be expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A Latin-script name of a group or body: classes and articles; substring rules only after an article.
    Name,
    /// A person's Latin-script name: classes, articles and substring rules on every word.
    Person,
    /// A person's surname used alone: like `Person`, and the article may be added in front (`Sudani` →
    /// `al-Sudani`).
    ShortName,
    /// Arabic script: the name; where its first word carries the article, also the form after the
    /// preposition ل (`للحشد`: ل + الحشد with the article's alef dropped) and the bare form after a
    /// proclitic ل (`لكعبي`); see [`Form`].
    Arabic,
    /// No variants: the folded form only (acronyms).
    Exact,
}

/// How a spelling stands in text: as written, or as an Arabic name after the preposition ل.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// The spelling is the name: it stands on word boundaries (or behind Arabic proclitics).
    Plain,
    /// `لل` + the name without its article's alef (`للمالكي` for ل + المالكي): the preposition ل is not
    /// part of the mention, which starts one letter in (`لمالكي`).
    LamArticle,
    /// The name without its article (`كعبي` of `الكعبي`): a mention only right after a proclitic ل
    /// (`لكعبي`), never alone, where it would be an indefinite noun (`قاعدة`, a base).
    Bare,
    /// What follows the head noun of a political body's Arabic name (`الصادقون` of `كتلة الصادقون`): a
    /// mention only right after one of [`VariantRules::bloc_heads`] (`حركة صادقون`, `تحالف النصر`), never
    /// alone, where it is an ordinary word (`النصر`, victory). See [`VariantRules::after_bloc_head`].
    AfterHead,
}

impl VariantRules {
    /// The rules shipped in `data/variants.toml`.
    pub fn builtin() -> VariantRules {
        let rules = serde_json::from_str(BUILTIN_RULES)
            .expect("data/variants.toml has the rules' fields (checked by tests)");
        VariantRules::prepare(rules)
    }

    /// Parses rules from TOML text (with the `toml` cargo feature).
    #[cfg(feature = "toml")]
    pub fn parse(text: &str) -> Result<VariantRules, Error> {
        let rules: VariantRules = toml::from_str(text)
            .map_err(|e| Error::Rules(format!("variants.toml: {}", e.message().trim())))?;
        Ok(VariantRules::prepare(rules))
    }

    /// Rules as read, made ready for expansion: class members and head nouns folded, sun letters
    /// longest first, the class index built.
    pub(crate) fn prepare(mut rules: VariantRules) -> VariantRules {
        for class in rules.classes.iter_mut() {
            for m in class.iter_mut() {
                *m = fold_name(m);
            }
            let mut seen = HashSet::default();
            class.retain(|m| !m.is_empty() && seen.insert(m.clone()));
        }
        for t in rules.translations.iter_mut() {
            t.head = fold_name(&t.head);
        }
        rules.never_keys = rules.never.iter().map(|w| key_name(w)).collect();
        for h in rules
            .head_nouns
            .iter_mut()
            .chain(rules.bloc_heads.iter_mut())
        {
            *h = fold_name(h);
        }
        rules
            .sun_letters
            .sort_by_key(|s| std::cmp::Reverse(s.len()));
        for (ci, class) in rules.classes.iter().enumerate() {
            for m in class {
                let words: Vec<String> = m.split(' ').map(String::from).collect();
                rules
                    .by_first_word
                    .entry(words[0].clone())
                    .or_default()
                    .push((words, ci));
            }
        }
        rules
    }

    fn class_of(&self, words: &[&str]) -> Option<(usize, &Vec<String>)> {
        // The longest member (in words) that matches at the start of `words`.
        let mut best: Option<(usize, &Vec<String>)> = None;
        for (member, ci) in self.by_first_word.get(*words.first()?)? {
            let n = member.len();
            if n <= words.len()
                && member.iter().zip(words).all(|(a, b)| a == b)
                && best.is_none_or(|(k, _)| n > k)
            {
                best = Some((n, &self.classes[*ci]));
            }
        }
        best
    }

    fn is_article(&self, word: &str, next: Option<&str>) -> bool {
        if self.articles.iter().any(|a| a == word) {
            return true;
        }
        // An already assimilated article: "ash" before "shaabi".
        match (word.strip_prefix('a'), next) {
            (Some(sun), Some(next)) => {
                self.sun_letters.iter().any(|s| s == sun) && next.starts_with(sun)
            }
            _ => false,
        }
    }

    /// Whether `w` is a written form of the article, assimilated or not (`al`, `el`, `ash`, `at`, …).
    fn is_article_form(&self, w: &str) -> bool {
        self.articles.iter().any(|a| a == w)
            || w.strip_prefix('a')
                .is_some_and(|sun| self.sun_letters.iter().any(|s| s == sun))
    }

    fn article_forms(&self, next: &str, droppable: bool) -> Vec<String> {
        let mut v: Vec<String> = self.articles.clone();
        if let Some(sun) = self
            .sun_letters
            .iter()
            .find(|s| next.starts_with(s.as_str()))
        {
            v.push(format!("a{sun}"));
        }
        if droppable {
            v.push(String::new());
        }
        v
    }

    /// Spellings of one romanized word under the substring rules (the word itself first).
    /// `person`: a word of a person's name, which also takes the [`VariantRules::contractions`].
    fn rewrite_word(&self, word: &str, person: bool) -> Vec<String> {
        let mut out = vec![word.to_string()];
        if word.chars().count() < self.min_rewrite_len || !word.is_ascii() {
            return out;
        }
        let mut seen: HashSet<String> = out.iter().cloned().collect();
        let mut frontier = vec![word.to_string()];
        for _ in 0..self.max_rewrites_per_word {
            let mut next = Vec::new();
            for w in &frontier {
                for cand in self.one_rewrite(w, person) {
                    if out.len() >= self.max_per_word {
                        return out;
                    }
                    if seen.insert(cand.clone()) {
                        out.push(cand.clone());
                        next.push(cand);
                    }
                }
            }
            frontier = next;
        }
        out
    }

    /// The spellings of a political body's folded Arabic name that stand after another of
    /// [`VariantRules::bloc_heads`] ([`Form::AfterHead`]), when its first word is one: the rest of the name
    /// (`الصادقون` of `كتلة الصادقون`, `النصر` of `ائتلاف النصر`), and, where the rest is one word of four
    /// letters or more without its article, the word with the article toggled (`صادقون`; `التقدم` of
    /// `حزب تقدم`). A shorter word keeps its form: `حركة فتح` (Fatah) is not `تحالف الفتح`.
    ///
    /// ```
    /// use factionlens::fold::fold_name;
    /// use factionlens::variants::VariantRules;
    /// let rules = VariantRules::builtin();
    /// let rest = |name: &str| rules.after_bloc_head(&fold_name(name));
    /// assert_eq!(rest("كتلة الصادقون"), ["الصادقون", "صادقون"]);
    /// assert_eq!(rest("ائتلاف النصر"), ["النصر"]);
    /// assert!(rest("منظمة بدر").is_empty());
    /// ```
    pub fn after_bloc_head(&self, folded: &str) -> Vec<String> {
        let Some((head, rest)) = folded.split_once(' ') else {
            return Vec::new();
        };
        if !self.bloc_heads.iter().any(|h| h == head) {
            return Vec::new();
        }
        let mut out = vec![rest.to_string()];
        if !rest.contains(' ') {
            let bare = rest.strip_prefix("ال").unwrap_or(rest);
            if bare.chars().count() >= 4 {
                out.push(if bare.len() == rest.len() {
                    format!("ال{rest}")
                } else {
                    bare.to_string()
                });
            }
        }
        out
    }

    /// The keys ([`key_name`]) of a romanized word of a person's name as written and under the
    /// [`VariantRules::contractions`] (`haibat` ~ `hebat`), its own key first: the resolver compares a full
    /// name's words in text by them (the other word rules are the automaton's: a spelling they give is
    /// found as a name, and comparing them all here would cost every surname in text).
    pub(crate) fn word_keys(&self, word: &str) -> Vec<String> {
        let mut keys = vec![key_name(word)];
        for c in self.contract(word) {
            let k = key_name(&c);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    }

    /// `w` under each of the [`VariantRules::contractions`]: inside the word only (a final `ai` keeps
    /// its vowel: `Walai`), and only where four letters are left (a short word contracted is too often an
    /// English one: `Faiz`, `Zaid`, `Said`).
    fn contract(&self, w: &str) -> Vec<String> {
        let mut v = Vec::new();
        for [from, to] in &self.contractions {
            if w.len() + to.len() < from.len() + 4 {
                continue;
            }
            for (pos, _) in w
                .match_indices(from.as_str())
                .filter(|&(pos, _)| pos > 0 && pos + from.len() < w.len())
            {
                v.push(format!("{}{}{}", &w[..pos], to, &w[pos + from.len()..]));
            }
        }
        v
    }

    fn one_rewrite(&self, w: &str, person: bool) -> Vec<String> {
        let mut v = Vec::new();
        for group in &self.rewrites {
            for from in group {
                for (pos, _) in w.match_indices(from.as_str()) {
                    for to in group {
                        if to != from {
                            v.push(format!("{}{}{}", &w[..pos], to, &w[pos + from.len()..]));
                        }
                    }
                }
            }
        }
        // People's names only: a group's `al-Tayyar` is no "al-Tear".
        if person {
            v.extend(self.contract(w));
        }
        if self.collapse_doubles {
            let b = w.as_bytes();
            for i in 1..b.len() {
                if b[i] == b[i - 1] && !matches!(b[i], b'a' | b'e' | b'i' | b'o' | b'u') {
                    v.push(format!("{}{}", &w[..i], &w[i + 1..]));
                }
            }
        }
        v
    }

    /// Expands a *folded* name into its spellings under these rules, the name itself first.
    ///
    /// ```
    /// use factionlens::variants::{Style, VariantRules};
    /// let rules = VariantRules::builtin();
    /// let v = rules.expand("kataib hezbollah", Style::Name);
    /// assert_eq!(v[0], "kataib hezbollah");
    /// assert!(v.contains(&"kataeb hizballah".to_string()));
    /// let v = rules.expand("asaib ahl al haq", Style::Name);
    /// assert!(v.contains(&"asaib ahl el haq".to_string()));
    /// let v = rules.expand("hashd al shaabi", Style::Name);
    /// assert!(v.contains(&"hashed ash shaabi".to_string()) && v.contains(&"hashd shaabi".to_string()));
    /// ```
    pub fn expand(&self, folded: &str, style: Style) -> Vec<String> {
        self.expand_forms(folded, style)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// [`VariantRules::expand`] with each spelling's [`Form`] (only Arabic names have other forms than
    /// [`Form::Plain`]).
    ///
    /// ```
    /// use factionlens::variants::{Form, Style, VariantRules};
    /// let v = VariantRules::builtin().expand_forms("المالكي", Style::Arabic);
    /// assert_eq!(v, [("المالكي".to_string(), Form::Plain), ("للمالكي".to_string(), Form::LamArticle),
    ///                ("مالكي".to_string(), Form::Bare)]);
    /// ```
    pub fn expand_forms(&self, folded: &str, style: Style) -> Vec<(String, Form)> {
        self.expand_with(folded, style, false)
    }

    /// [`VariantRules::expand_forms`] at the level of romanization keys ([`key_name`]): what the
    /// automaton holds. Each word's spellings are brought to their keys before they are combined, and
    /// spellings that share a key count once, so the substring rules the key already normalizes (`u`/`o`,
    /// `dh`/`z`/`d`, `q`/`k`, doubled letters, `ee`/`i`, `ou`/`u`) multiply nothing; the cap
    /// is `max_keys_per_name`, the `never` list is compared by key. The name's own key comes first.
    ///
    /// ```
    /// use factionlens::key::key_name;
    /// use factionlens::variants::{Style, VariantRules};
    /// let rules = VariantRules::builtin();
    /// let keys = rules.expand_keys("muqtada al sadr", Style::Person);
    /// assert_eq!(keys[0].0, key_name("muqtada al sadr"));
    /// // Every spelling's key is there, once.
    /// for s in rules.expand("muqtada al sadr", Style::Person) {
    ///     assert_eq!(keys.iter().filter(|(k, _)| *k == key_name(&s)).count(), 1, "{s}");
    /// }
    /// ```
    pub fn expand_keys(&self, folded: &str, style: Style) -> Vec<(String, Form)> {
        self.expand_with(folded, style, true)
    }

    fn expand_with(&self, folded: &str, style: Style, keyed: bool) -> Vec<(String, Form)> {
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return vec![];
        }
        match style {
            Style::Exact => {
                let whole = words.join(" ");
                return vec![(if keyed { key_name(&whole) } else { whole }, Form::Plain)];
            }
            Style::Arabic => {
                let whole = words.join(" ");
                let mut v = vec![(whole.clone(), Form::Plain)];
                if let Some(rest) = whole.strip_prefix("ال") {
                    if rest
                        .split(' ')
                        .next()
                        .is_some_and(|w| w.chars().count() >= 2)
                    {
                        v.push((format!("لل{rest}"), Form::LamArticle));
                        v.push((rest.to_string(), Form::Bare));
                    }
                }
                if keyed {
                    // Arabic letters have no key: only Latin letters and digits among them change.
                    for (s, _) in v.iter_mut() {
                        *s = key_name(s);
                    }
                }
                return v;
            }
            _ => {}
        }
        if keyed && self.max_keys_per_name <= 1 {
            // One key: the name's own (every slot's first spelling is the word as written), without
            // building the slots (what a dictionary of hundreds of thousands of names gets).
            return vec![(key_name(&words.join(" ")), Form::Plain)];
        }
        let latin = words.iter().all(|w| w.is_ascii());
        let mut slots: Vec<Vec<String>> = Vec::new();
        // A surname alone ("Sudani", or a person's one-word alias "Sistani") may carry the article: "al-Sudani".
        let surname = words.len() == 1 && matches!(style, Style::ShortName | Style::Person);
        if surname && latin && !self.is_article(words[0], words.get(1).copied()) {
            let mut forms = vec![String::new()];
            forms.extend(self.article_forms(words[0], false));
            slots.push(forms);
        }
        let mut i = 0;
        let mut after_article = false;
        while i < words.len() {
            let w = words[i];
            if latin {
                if let Some((n, class)) = self.class_of(&words[i..]) {
                    let own = words[i..i + n].join(" ");
                    let mut forms = vec![own.clone()];
                    forms.extend(class.iter().filter(|m| **m != own).cloned());
                    slots.push(forms);
                    i += n;
                    after_article = false;
                    continue;
                }
                if i + 1 < words.len() && self.is_article(w, Some(words[i + 1])) {
                    // The article may be dropped unless all that is left is one short word ("al-Haq").
                    let droppable = words.len() > 2 || words[i + 1].len() >= 4;
                    let mut forms = vec![w.to_string()];
                    forms.extend(
                        self.article_forms(words[i + 1], droppable)
                            .into_iter()
                            .filter(|f| f != w),
                    );
                    slots.push(forms);
                    i += 1;
                    after_article = true;
                    continue;
                }
                let romanized = after_article || matches!(style, Style::Person | Style::ShortName);
                slots.push(if romanized {
                    self.rewrite_word(w, matches!(style, Style::Person | Style::ShortName))
                } else {
                    vec![w.to_string()]
                });
            } else {
                slots.push(vec![w.to_string()]);
            }
            after_article = false;
            i += 1;
        }
        // Translated forms (`Kata'ib X` -> `X Brigades`) come from the spellings, before any keying.
        let mut translated = Vec::new();
        if style == Style::Name && latin {
            self.translate(&slots, &mut translated);
        }
        let (cap, never) = if keyed {
            for slot in slots.iter_mut() {
                let mut seen: HashSet<String> = HashSet::default();
                *slot = slot
                    .iter()
                    .map(|s| key_name(s))
                    .filter(|k| seen.insert(k.clone()))
                    .collect();
            }
            (self.max_keys_per_name, &self.never_keys)
        } else {
            (self.max_per_name, &self.never)
        };
        let limits = Limits {
            slots: &slots,
            cap,
            never,
        };
        let mut out = self.product(&limits);
        for t in translated {
            let t = if keyed { key_name(&t) } else { t };
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out.into_iter().map(|s| (s, Form::Plain)).collect()
    }

    /// Appends the translated forms of a group name whose first slot is a translated head word
    /// (`Kata'ib Sayyid al-Shuhada` → `Sayyid al-Shuhada Brigades`), each with the spellings of the
    /// other words, fewest departures first; only where a word with a letter follows the head.
    fn translate(&self, slots: &[Vec<String>], out: &mut Vec<String>) {
        let Some((head, rest)) = slots.split_first() else {
            return;
        };
        let starts_with_letter = rest
            .first()
            .and_then(|s| s.first())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_alphabetic);
        if !starts_with_letter {
            return;
        }
        let Some(t) = self.translations.iter().find(|t| head.contains(&t.head)) else {
            return;
        };
        let rest = self.product(&Limits {
            slots: rest,
            cap: self.max_per_name,
            never: &self.never,
        });
        let per_form = self.max_per_word.max(1);
        for form in &t.forms {
            for r in rest.iter().take(per_form) {
                let s = form.replace("{}", r);
                // A translation that is an English phrase (`Jihad Brigades`) is listed in `never`.
                if !out.contains(&s) && !self.never.contains(&s) {
                    out.push(s);
                }
            }
        }
    }

    /// Every combination of one spelling per slot, fewest departures from the original first (a
    /// combination's departure is the sum of its slot indexes; index 0 is the original), up to
    /// the cap (`max_per_name`, or `max_keys_per_name` for keys), so the cap drops the most far-fetched spellings rather than whole words' variants.
    fn product(&self, limits: &Limits) -> Vec<String> {
        let slots = limits.slots;
        let mut out: Vec<String> = Vec::new();
        let mut seen = HashSet::default();
        let max_level: usize = slots.iter().map(|s| s.len() - 1).sum();
        let mut idx = vec![0usize; slots.len()];
        for level in 0..=max_level {
            if !self.combos(limits, 0, level, &mut idx, &mut out, &mut seen) {
                break;
            }
        }
        out
    }

    /// Fills `idx[k..]` with indexes summing to `left` and emits each combination; false once full.
    fn combos(
        &self,
        limits: &Limits,
        k: usize,
        left: usize,
        idx: &mut Vec<usize>,
        out: &mut Vec<String>,
        seen: &mut HashSet<String>,
    ) -> bool {
        let slots = limits.slots;
        if k == slots.len() {
            if left > 0 {
                return true;
            }
            let s = idx
                .iter()
                .zip(slots)
                .map(|(&i, slot)| slot[i].as_str())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            // A generated spelling is dropped when, but for an article, it is one word of the `never` list.
            let banned = !out.is_empty()
                && {
                    let mut core = s.split(' ').filter(|w| !self.is_article_form(w));
                    matches!((core.next(), core.next()), (Some(w), None) if limits.never.iter().any(|n| n == w))
                };
            if !s.is_empty() && !banned && seen.insert(s.clone()) {
                out.push(s);
            }
            return out.len() < limits.cap;
        }
        for i in 0..slots[k].len().min(left + 1) {
            idx[k] = i;
            if !self.combos(limits, k + 1, left - i, idx, out, seen) {
                return false;
            }
        }
        idx[k] = 0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(v: &[String], s: &str) -> bool {
        v.iter().any(|x| x == s)
    }

    #[test]
    #[cfg(feature = "toml")]
    fn the_compiled_rules_are_the_toml_file() {
        // build.rs turns data/variants.toml into JSON; reading the TOML directly must give the same rules.
        let toml =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/variants.toml"))
                .unwrap();
        let parsed = VariantRules::parse(&toml).unwrap();
        assert_eq!(parsed, VariantRules::builtin());
        assert!(parsed.classes.iter().flatten().any(|m| m == "hizballah"));
    }

    #[test]
    fn builtin_rules_parse() {
        let r = VariantRules::builtin();
        assert!(r.classes.len() > 10);
        assert!(r
            .classes
            .iter()
            .all(|c| c.iter().all(|m| m == &fold_name(m))));
    }

    #[test]
    fn group_names_are_also_printed_translated() {
        let r = VariantRules::builtin();
        let v = r.expand(&fold_name("Kata'ib Sayyid al-Shuhada"), Style::Name);
        for s in [
            "sayyid al shuhada brigades",
            "sayyed al shuhada brigades",
            "sayyid shuhada brigades",
        ] {
            assert!(has(&v, s), "{s}");
        }
        let v = r.expand(&fold_name("Saraya al-Salam"), Style::Name);
        assert!(has(&v, "salam brigades") && has(&v, "al salam companies"));
        assert!(has(
            &r.expand("liwa al tafuf", Style::Name),
            "tafuf brigade"
        ));
        assert!(has(
            &r.expand("harakat al nujaba", Style::Name),
            "nujaba movement"
        ));
        // Not after a number, not for people, not where the head is not the first word.
        assert!(!r
            .expand("liwa 30", Style::Name)
            .iter()
            .any(|s| s.contains("brigade")));
        assert!(!r
            .expand("abu kataib hezbollah", Style::Person)
            .iter()
            .any(|s| s.contains("brigades")));
        assert!(!r
            .expand("popular kataib", Style::Name)
            .iter()
            .any(|s| s.contains("brigades")));
    }

    #[test]
    fn issue_examples() {
        let r = VariantRules::builtin();
        let v = r.expand(&fold_name("Kata'ib Hezbollah"), Style::Name);
        for s in [
            "kataib hezbollah",
            "kataib hizballah",
            "kataeb hezbollah",
            "katayib hizbullah",
            "khataib hizbollah",
            "kataib hizb allah",
        ] {
            assert!(has(&v, s), "{s}");
        }
        let v = r.expand(&fold_name("Kata'ib Sayyid al-Shuhada"), Style::Name);
        for s in [
            "kataib sayyid al shuhada",
            "kataib sayyed ash shuhada",
            "kataeb sayed shuhada",
            "kataib sayyid al shohada",
        ] {
            assert!(has(&v, s), "{s}");
        }
        let v = r.expand(&fold_name("Qais al-Khazali"), Style::Person);
        for s in [
            "qais al khazali",
            "qays al khazali",
            "qais khazali",
            "qais el khazali",
        ] {
            assert!(has(&v, s), "{s} in {v:?}");
        }
        let v = r.expand(&fold_name("Muqtada al-Sadr"), Style::Person);
        assert!(
            has(&v, "moqtada al sadr") && has(&v, "muqtada as sadr"),
            "{v:?}"
        );
        let v = r.expand(&fold_name("Mustafa al-Kadhimi"), Style::Person);
        assert!(
            has(&v, "mustafa al kazimi") && has(&v, "mustafa al kadimi"),
            "{v:?}"
        );
        let v = r.expand(&fold_name("Faleh al-Fayyadh"), Style::Person);
        assert!(has(&v, "faleh al fayadh"), "{v:?}");
        let v = r.expand(&fold_name("Sudani"), Style::ShortName);
        assert!(
            has(&v, "sudani") && has(&v, "al sudani") && has(&v, "as sudani"),
            "{v:?}"
        );
    }

    #[test]
    fn arabic_article_variant() {
        let r = VariantRules::builtin();
        let v = r.expand_forms(&fold_name("الحشد الشعبي"), Style::Arabic);
        assert_eq!(
            v,
            vec![
                ("الحشد الشعبي".to_string(), Form::Plain),
                ("للحشد الشعبي".to_string(), Form::LamArticle),
                ("حشد الشعبي".to_string(), Form::Bare)
            ]
        );
        // No article, or too short a word after it: the name only.
        assert_eq!(r.expand("حزب الله", Style::Arabic), vec!["حزب الله"]);
        assert_eq!(r.expand("ال ب", Style::Arabic), vec!["ال ب"]);
    }

    #[test]
    fn english_words_of_group_names_are_not_rewritten() {
        let r = VariantRules::builtin();
        let v = r.expand(&fold_name("Syrian Democratic Forces"), Style::Name);
        assert_eq!(v, vec!["syrian democratic forces".to_string()]);
        let v = r.expand(&fold_name("Popular Mobilization Forces"), Style::Name);
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn the_cap_keeps_single_departures_of_every_word() {
        let r = VariantRules::builtin();
        let v = r.expand(&fold_name("Mohammed Shia al-Sudani"), Style::Person);
        assert!(v.len() <= r.max_per_name);
        for s in [
            "muhammad shia al sudani",
            "mohamed shia al sudani",
            "mohammed shia as sudani",
            "mohammed shia sudani",
        ] {
            assert!(has(&v, s), "{s}");
        }
        // Fewest departures first: the original, then one change at a time.
        assert_eq!(v[0], "mohammed shia al sudani");
        assert!(
            v.iter().position(|x| x == "muhammad shia al sudani")
                < v.iter().position(|x| x == "muhammad shia el sudani")
        );
    }

    #[test]
    fn bounded() {
        let r = VariantRules::builtin();
        let v = r.expand(
            &fold_name("Abu Mahdi al-Muhandis Qassem Soleimani Mohammed Hussein"),
            Style::Person,
        );
        assert!(v.len() <= r.max_per_name);
        assert_eq!(r.expand("", Style::Name), Vec::<String>::new());
    }

    #[test]
    fn keys_are_the_spellings_keys_each_once_within_the_key_cap() {
        let mut r = VariantRules::builtin();
        let names = [
            ("kataib hezbollah", Style::Name),
            ("hashd al shaabi", Style::Name),
            ("muqtada al sadr", Style::Person),
            ("kadhimi", Style::ShortName),
            ("qais al khazali", Style::Person),
        ];
        for (name, style) in names {
            // Without a binding cap: exactly the keys of the spellings (as a set), the name's own first.
            r.max_keys_per_name = usize::MAX;
            let keys: Vec<String> = r
                .expand_keys(name, style)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            let mut want: Vec<String> = r.expand(name, style).iter().map(|s| key_name(s)).collect();
            assert_eq!(keys[0], want[0], "{name}");
            want.sort();
            want.dedup();
            let mut got = keys.clone();
            got.sort();
            assert_eq!(got.len(), keys.len(), "{name}: a key twice");
            assert_eq!(got, want, "{name}");
            assert!(
                keys.len() < r.expand(name, style).len(),
                "{name}: keys merge spellings"
            );
            // The cap counts the name's keys (its translated forms, `Hezbollah Brigades`, come on top);
            // a cap of one keeps the name's own key.
            r.max_keys_per_name = 3;
            let capped: Vec<String> = r
                .expand_keys(name, style)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            let n = keys.len().min(3);
            assert_eq!(capped[..n], keys[..n], "{name}");
            let translated: Vec<String> = {
                let mut plain = r.clone();
                plain.translations.clear();
                plain.max_keys_per_name = usize::MAX;
                let own: Vec<String> = plain
                    .expand_keys(name, style)
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                keys.iter().filter(|k| !own.contains(k)).cloned().collect()
            };
            assert!(
                capped[n..].iter().all(|k| translated.contains(k)),
                "{name}: past the cap only translations: {:?}",
                &capped[n..]
            );
            r.max_keys_per_name = 1;
            assert_eq!(r.expand_keys(name, style), [(key_name(name), Form::Plain)]);
        }
    }
}
