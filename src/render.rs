//! Rendering mentions: escaped HTML, terminal text, and exports (JSON, CSV, W3C Web Annotation).
//!
//! Every output that a browser may parse escapes the article text and every knowledge-base string
//! (user dictionaries are untrusted): `&`, `<`, `>`, `"` and `'` never reach HTML unescaped, and
//! source links are emitted only for http(s) URLs.

use crate::kb::{EntityType, KnowledgeBase};
use crate::Mention;

pub mod annotation;
pub mod table;

/// Escapes text for HTML element content and quoted attribute values.
///
/// ```
/// assert_eq!(factionlens::render::escape_html("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
/// ```
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a URL may become a link: http(s) only, no whitespace or quotes.
pub fn safe_url(url: &str) -> bool {
    let u = url.trim();
    (u.starts_with("https://") || u.starts_with("http://"))
        && !u.contains(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '<' || c == '>')
}

/// Options for [`highlight_html`].
#[derive(Clone, Debug)]
pub struct HtmlOptions {
    /// Prefix of the CSS classes: `{prefix}mark` and `{prefix}t-{type}`. Default `fl-`.
    pub class_prefix: String,
}

impl Default for HtmlOptions {
    fn default() -> HtmlOptions {
        HtmlOptions {
            class_prefix: "fl-".into(),
        }
    }
}

/// The text as escaped HTML with every mention wrapped in
/// `<mark class="fl-mark fl-t-{type}" data-entity="{id}" data-type="{type}" data-rule="{rule}" title="{name}">`.
/// Mentions must come from a scan of this same `text`.
///
/// ```
/// use factionlens::{render, Lens};
/// let lens = Lens::builtin();
/// let text = "<b>Kataib Hezbollah</b>";
/// let html = render::highlight_html(text, &lens.scan(text), lens.knowledge_base(), &Default::default());
/// assert!(html.starts_with("&lt;b&gt;<mark class=\"fl-mark fl-t-armed_group\" data-entity=\"kataib-hezbollah\""));
/// ```
pub fn highlight_html(
    text: &str,
    mentions: &[Mention],
    kb: &KnowledgeBase,
    opts: &HtmlOptions,
) -> String {
    let p = escape_html(&opts.class_prefix);
    let mut out = String::with_capacity(text.len() + mentions.len() * 120);
    let mut pos = 0;
    for m in mentions {
        if m.byte_start < pos || m.byte_end > text.len() {
            continue;
        }
        out.push_str(&escape_html(&text[pos..m.byte_start]));
        let name = kb
            .get(&m.entity)
            .map_or(m.entity.as_str(), |e| e.name.as_str());
        let t = m.kind.as_str();
        out.push_str(&format!(
            "<mark class=\"{p}mark {p}t-{t}\" data-entity=\"{}\" data-type=\"{t}\" data-rule=\"{}\" title=\"{}\">",
            escape_html(&m.entity),
            m.rule.as_str(),
            escape_html(name)
        ));
        out.push_str(&escape_html(&text[m.byte_start..m.byte_end]));
        out.push_str("</mark>");
        pos = m.byte_end;
    }
    out.push_str(&escape_html(&text[pos..]));
    out
}

/// Colour (ANSI SGR) per type for the terminal, and for the HTML page: a colour-blind-safe palette
/// (Okabe–Ito) plus an underline style, so colour is never the only cue.
pub fn palette(t: EntityType) -> (&'static str, &'static str, &'static str) {
    match t {
        EntityType::ArmedGroup => ("1;31", "#D55E00", "solid"),
        EntityType::Umbrella => ("1;35", "#CC79A7", "double"),
        EntityType::StateSecurity => ("1;34", "#0072B2", "dashed"),
        EntityType::Political => ("1;33", "#E69F00", "dotted"),
        EntityType::Government => ("1;36", "#56B4E9", "wavy"),
        EntityType::Person => ("1;32", "#009E73", "solid"),
        EntityType::Organization => ("1;37", "#999999", "dotted"),
    }
}

/// The text with mentions marked for a terminal: coloured when `color`, else `[text]{entity}`.
pub fn terminal(text: &str, mentions: &[Mention], color: bool) -> String {
    let mut out = String::with_capacity(text.len() + mentions.len() * 24);
    let mut pos = 0;
    for m in mentions {
        out.push_str(&text[pos..m.byte_start]);
        let slice = &text[m.byte_start..m.byte_end];
        if color {
            out.push_str(&format!(
                "\x1b[{}m{}\x1b[0m\x1b[2m{{{}}}\x1b[0m",
                palette(m.kind).0,
                slice,
                m.entity
            ));
        } else {
            out.push_str(&format!("[{slice}]{{{}}}", m.entity));
        }
        pos = m.byte_end;
    }
    out.push_str(&text[pos..]);
    out
}

/// A standalone HTML page: the highlighted text, a legend and the entity list. Everything escaped.
pub fn standalone_page(
    title: &str,
    text: &str,
    mentions: &[Mention],
    kb: &KnowledgeBase,
) -> String {
    let body = highlight_html(text, mentions, kb, &HtmlOptions::default());
    let mut css = String::new();
    let mut legend = String::new();
    for t in EntityType::ALL {
        let (_, color, line) = palette(t);
        css.push_str(&format!(
            ".fl-t-{t}{{background:{color}22;text-decoration:underline {line} {color};text-decoration-thickness:2px;text-underline-offset:3px}}\n",
            t = t.as_str()
        ));
        legend.push_str(&format!(
            "<li><mark class=\"fl-mark fl-t-{t}\">{t}</mark></li>",
            t = t.as_str()
        ));
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in mentions {
        match counts.iter_mut().find(|(id, _)| *id == m.entity) {
            Some(c) => c.1 += 1,
            None => counts.push((m.entity.clone(), 1)),
        }
    }
    let list: String = counts
        .iter()
        .map(|(id, n)| {
            let name = kb.get(id).map_or(id.as_str(), |e| e.name.as_str());
            format!(
                "<li>{} <small>({})</small>: {n}</li>",
                escape_html(name),
                escape_html(id)
            )
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>{}</title><style>body{{font:16px/1.6 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}}\
pre{{white-space:pre-wrap;font:inherit}}mark{{color:inherit;border-radius:2px}}ul.legend{{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}}\n{css}</style></head>\
<body><main><h1>{}</h1><ul class=\"legend\">{legend}</ul><pre>{body}</pre><h2>Entities</h2><ul>{list}</ul></main></body></html>\n",
        escape_html(title),
        escape_html(title)
    )
}

/// Mentions as CSV (see [`table::mentions_csv`]; offsets named by unit, formula cells neutralized).
pub use table::{mentions_csv, CsvOptions};

/// Mentions as a W3C Web Annotation page (see [`annotation::web_annotation_page`]).
pub use annotation::{web_annotation_page, AnnotationError, AnnotationOptions};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityRecord, Lens};

    fn lens() -> Lens {
        let mut kb = KnowledgeBase::empty();
        let mut irgc = EntityRecord::new(
            "irgc",
            "Islamic Revolutionary Guard Corps",
            EntityType::StateSecurity,
        );
        irgc.acronyms = vec!["IRGC".into()];
        kb.extend(
            vec![
                EntityRecord::new(
                    "kataib-hezbollah",
                    "Kata'ib Hezbollah",
                    EntityType::ArmedGroup,
                ),
                EntityRecord::new(
                    "asaib-ahl-al-haq",
                    "Asa'ib Ahl al-Haq",
                    EntityType::ArmedGroup,
                ),
                irgc,
            ],
            "test",
        );
        Lens::new(kb)
    }

    #[test]
    fn html_escapes_everything_and_wraps_mentions() {
        let lens = lens();
        let text = "<script>alert(1)</script> Kataib Hezbollah & \"x\"";
        let html = highlight_html(
            text,
            &lens.scan(text),
            lens.knowledge_base(),
            &HtmlOptions::default(),
        );
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;"));
        assert_eq!(html.matches("<mark ").count(), 1);
        assert!(html.contains(">Kataib Hezbollah</mark>"));
        let html = highlight_html(
            text,
            &[],
            lens.knowledge_base(),
            &HtmlOptions {
                class_prefix: "\"><x".into(),
            },
        );
        assert!(!html.contains("<x"));
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://www.state.gov/x"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url("https://x\" onmouseover=\"a"));
    }
}
