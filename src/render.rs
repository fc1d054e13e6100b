//! Rendering mentions: escaped HTML, terminal text, and exports (JSON, CSV, W3C Web Annotation).
//!
//! Every output that a browser may parse escapes the article text and every knowledge-base string
//! (user dictionaries are untrusted): `&`, `<`, `>`, `"` and `'` never reach HTML unescaped. No
//! output here links to a source (the cards, which do, check their URLs in ui/card.js).

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
                crate::palette::style(m.kind).ansi,
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

/// The shared UI stylesheet (ui/styles.css): the neutral colours (background, text, muted), light
/// and dark, and the marks' look. The one home of those colours for the page, the extension and
/// the standalone page below, which embeds it rather than writing them again.
const UI_CSS: &str = include_str!("../ui/styles.css");

/// A standalone HTML page: the highlighted text, a legend and the entity list, in the palette's
/// colours for light and dark backgrounds (the shared stylesheet's neutral colours, the type
/// colours of [`palette`](crate::palette)). Everything escaped; the page's Content-Security-Policy
/// allows no script and no request. The CLI's `--format html` and the page's HTML export both write
/// this page.
///
/// ```
/// use factionlens::{render, Lens};
/// let lens = Lens::builtin();
/// let text = "<i>Kataib Hezbollah</i>";
/// let page = render::standalone_page("a <title>", text, &lens.scan(text), lens.knowledge_base());
/// assert!(page.contains("<title>a &lt;title&gt; — FactionLens</title>"));
/// assert!(page.contains("&lt;i&gt;<mark class=\"fl-mark fl-t-armed_group\""));
/// ```
pub fn standalone_page(
    title: &str,
    text: &str,
    mentions: &[Mention],
    kb: &KnowledgeBase,
) -> String {
    use crate::palette;
    let body = highlight_html(text, mentions, kb, &HtmlOptions::default());
    // The embedded stylesheet sets the colour scheme (the reader's preference): the marks follow it.
    let css = palette::css(&palette::CssOptions {
        highlights: false,
        schemes: palette::Schemes::ColorScheme,
        ..Default::default()
    });
    let legend: String = EntityType::ALL
        .iter()
        .map(|&t| {
            format!(
                "<li><span class=\"sw\" style=\"{}\">&nbsp;</span> {}</li>",
                escape_html(&palette::swatch_style(t)),
                escape_html(palette::style(t).label)
            )
        })
        .collect();
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
    let title = escape_html(title);
    format!(
        "<!doctype html>
<html lang=\"en\"><head><meta charset=\"utf-8\">
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{title} — FactionLens</title>
<style>
{UI_CSS}
body{{font:17px/1.6 Georgia,\"Times New Roman\",serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:var(--fl-fg);background:var(--fl-bg)}}
.doc{{white-space:pre-wrap;overflow-wrap:anywhere}}
.note,ul.legend,.entities{{font:13px system-ui,sans-serif}}
.note{{color:var(--fl-muted)}}
ul.legend{{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0}}
.sw{{display:inline-block;width:2em}}
{css}</style></head>
<body>
<h1>{title}</h1>
<p class=\"note\">Highlighted by FactionLens. Hover a mark for its entity.</p>
<ul class=\"legend\">{legend}</ul>
<div class=\"doc\">{body}</div>
<h2>Entities</h2>
<ul class=\"entities\">{list}</ul>
</body></html>
"
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
    fn standalone_page_escapes_and_carries_the_palette() {
        let lens = lens();
        let text = "<img src=x onerror=alert(1)> Kataib Hezbollah";
        let page = standalone_page("<b>t</b>", text, &lens.scan(text), lens.knowledge_base());
        assert!(!page.contains("<img") && !page.contains("<b>t"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        // The legend names every type, and the marks' CSS has the palette's light and dark colours.
        for t in EntityType::ALL {
            let s = crate::palette::style(t);
            assert!(page.contains(s.label), "{}", s.label);
            assert!(page.contains(&format!(
                "text-decoration-color: light-dark({}, {});",
                s.light, s.dark
            )));
        }
        assert!(
            page.contains("<li>Kata&#39;ib Hezbollah <small>(kataib-hezbollah)</small>: 1</li>")
        );
        // The neutral colours are the shared stylesheet's, not written again here.
        assert!(page.contains(UI_CSS));
        assert!(page.contains("color:var(--fl-fg);background:var(--fl-bg)"));
        assert!(!page.contains("#14171b}"));
    }
}
