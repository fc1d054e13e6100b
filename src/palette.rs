//! The entity-type palette: every type's label, colours and underline, and the CSS made from them.
//!
//! Why it exists: every surface that highlights mentions (the CLI's terminal and HTML output, the
//! page, its HTML export, the extension) must use the same colours and the same second visual cue,
//! so a reader who learns the legend once can read it everywhere. This module is the one home of
//! that table; the JavaScript reads it through WebAssembly (`palette()`, `paletteCss()`), never
//! restates it. Colours come from the Okabe–Ito palette (distinguishable under the common forms of
//! colour blindness) and each type also gets its own underline (line + style), so colour is never
//! the only cue.

use crate::kb::EntityType;
use serde::Serialize;

/// How one entity type is shown.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TypeStyle {
    /// The type's data name (`armed_group`, …).
    #[serde(rename = "type")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "EntityType"))]
    pub kind: &'static str,
    /// Human label, singular (`Armed group`).
    pub label: &'static str,
    /// Human label, plural and lower case (`armed groups`).
    pub plural: &'static str,
    /// Okabe–Ito colour (backgrounds, swatches, graph nodes).
    pub color: &'static str,
    /// Underline colour on light backgrounds.
    pub light: &'static str,
    /// Underline colour on dark backgrounds.
    pub dark: &'static str,
    /// CSS `text-decoration-line`.
    pub line: &'static str,
    /// CSS `text-decoration-style`.
    pub style: &'static str,
    /// The underline in words (`dashed underline`), for legends read without colour.
    pub cue: &'static str,
    /// ANSI SGR parameters for the terminal.
    pub ansi: &'static str,
}

const fn entry(
    kind: &'static str,
    label: &'static str,
    plural: &'static str,
    colors: [&'static str; 3],
    decoration: [&'static str; 3],
    ansi: &'static str,
) -> TypeStyle {
    TypeStyle {
        kind,
        label,
        plural,
        color: colors[0],
        light: colors[1],
        dark: colors[2],
        line: decoration[0],
        style: decoration[1],
        cue: decoration[2],
        ansi,
    }
}

/// The palette, in the order of [`EntityType::ALL`] (legend order).
const STYLES: [TypeStyle; 7] = [
    entry(
        "armed_group",
        "Armed group",
        "armed groups",
        ["#D55E00", "#B34E00", "#FF8A3D"],
        ["underline", "solid", "solid underline"],
        "1;31",
    ),
    entry(
        "umbrella",
        "Umbrella / coalition",
        "umbrellas",
        ["#E69F00", "#A87400", "#FFC233"],
        ["underline", "double", "double underline"],
        "1;33",
    ),
    entry(
        "state_security",
        "State security body",
        "state security bodies",
        ["#0072B2", "#0072B2", "#4DB3F0"],
        ["underline", "dashed", "dashed underline"],
        "1;34",
    ),
    entry(
        "political",
        "Political party / bloc",
        "political bodies",
        ["#CC79A7", "#A8457F", "#E9A6CB"],
        ["underline", "dotted", "dotted underline"],
        "1;35",
    ),
    entry(
        "government",
        "Government body",
        "government bodies",
        ["#009E73", "#007A59", "#3DD6A8"],
        ["underline", "wavy", "wavy underline"],
        "1;32",
    ),
    entry(
        "person",
        "Person",
        "people",
        ["#56B4E9", "#2A7FB0", "#8FD0F5"],
        ["underline overline", "solid", "over- and underline"],
        "1;36",
    ),
    entry(
        "organization",
        "Other organization",
        "other organizations",
        ["#F0E442", "#8C8200", "#F0E442"],
        ["underline overline", "dashed", "dashed over- and underline"],
        "1;37",
    ),
];

/// How `t` is shown.
pub fn style(t: EntityType) -> &'static TypeStyle {
    let i = EntityType::ALL
        .iter()
        .position(|x| *x == t)
        .expect("EntityType::ALL lists every type");
    &STYLES[i]
}

/// Every type's style, in legend order.
pub fn styles() -> impl Iterator<Item = &'static TypeStyle> {
    EntityType::ALL.into_iter().map(style)
}

/// Light or dark background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Light background.
    Light,
    /// Dark background.
    Dark,
}

/// Which colour schemes [`css`] writes rules for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schemes {
    /// Light rules, then dark rules under `@media (prefers-color-scheme: dark)`: the reader's
    /// preference, for pages FactionLens does not style (the extension on a news site).
    Auto,
    /// One rule per type whose colours are `light-dark(light, dark)`: they follow the `color-scheme`
    /// of the marked text, which a page FactionLens styles sets (ui/styles.css: the reader's
    /// preference, or the page's `data-theme` switch). Each colour is written once; on a page that
    /// sets no `color-scheme` the light colours apply.
    ColorScheme,
    /// One scheme only.
    Only(Scheme),
}

/// Options of [`css`].
#[derive(Clone, Debug)]
pub struct CssOptions {
    /// Class and highlight-name prefix (`fl-`).
    pub prefix: String,
    /// Rules for `<mark class="{prefix}t-TYPE">`.
    pub marks: bool,
    /// Rules for `::highlight({prefix}TYPE)` (CSS Custom Highlight API).
    pub highlights: bool,
    /// The schemes written.
    pub schemes: Schemes,
    /// No background colour: the coloured underlines only.
    pub underline_only: bool,
}

impl Default for CssOptions {
    fn default() -> CssOptions {
        CssOptions {
            prefix: "fl-".into(),
            marks: true,
            highlights: true,
            schemes: Schemes::Auto,
            underline_only: false,
        }
    }
}

/// `#RRGGBB` as `rgba(r, g, b, alpha)`.
fn rgba(hex: &str, alpha: f32) -> String {
    let n = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    format!(
        "rgba({}, {}, {}, {alpha})",
        (n >> 16) & 255,
        (n >> 8) & 255,
        n & 255
    )
}

/// The background and underline colours of `s` on a `scheme` background.
fn colours(s: &TypeStyle, scheme: Scheme, underline_only: bool) -> (String, &'static str) {
    let (deco, alpha) = match scheme {
        Scheme::Light => (s.light, 0.2),
        Scheme::Dark => (s.dark, 0.3),
    };
    let bg = if underline_only {
        "transparent".to_string()
    } else {
        rgba(s.color, alpha)
    };
    (bg, deco)
}

/// The declarations of `s`: for one scheme, or (`None`) as `light-dark()` of both.
fn declarations(s: &TypeStyle, scheme: Option<Scheme>, underline_only: bool) -> String {
    let (bg, deco) = match scheme {
        Some(scheme) => {
            let (bg, deco) = colours(s, scheme, underline_only);
            (bg, deco.to_string())
        }
        None => {
            let (light_bg, light) = colours(s, Scheme::Light, underline_only);
            let (dark_bg, dark) = colours(s, Scheme::Dark, underline_only);
            let bg = if underline_only {
                light_bg
            } else {
                format!("light-dark({light_bg}, {dark_bg})")
            };
            (bg, format!("light-dark({light}, {dark})"))
        }
    };
    format!(
        "background-color: {bg}; color: inherit; text-decoration-line: {}; text-decoration-style: {}; \
text-decoration-color: {deco}; text-decoration-thickness: 2px; text-underline-offset: 3px; \
text-decoration-skip-ink: none;",
        s.line, s.style
    )
}

fn rules(o: &CssOptions, scheme: Option<Scheme>) -> String {
    let p = &o.prefix;
    let mut css = String::new();
    for s in styles() {
        let t = s.kind;
        let mut selectors = Vec::new();
        if o.marks {
            selectors.push(format!("mark.{p}t-{t}"));
            selectors.push(format!(".{p}mark.{p}t-{t}"));
        }
        if o.highlights {
            selectors.push(format!("::highlight({p}{t})"));
        }
        if !selectors.is_empty() {
            css.push_str(&format!(
                "{} {{ {} }}\n",
                selectors.join(", "),
                declarations(s, scheme, o.underline_only)
            ));
        }
    }
    css
}

/// CSS for the marks (`mark.{prefix}t-{type}`) and the Custom Highlight ranges
/// (`::highlight({prefix}{type})`) of every type.
///
/// ```
/// use factionlens::palette::{css, CssOptions, Scheme, Schemes};
/// let light = css(&CssOptions { schemes: Schemes::Only(Scheme::Light), ..Default::default() });
/// assert!(light.contains("mark.fl-t-armed_group"));
/// assert!(light.contains("::highlight(fl-person)"));
/// ```
pub fn css(o: &CssOptions) -> String {
    match o.schemes {
        Schemes::Only(s) => rules(o, Some(s)),
        Schemes::Auto => format!(
            "{}@media (prefers-color-scheme: dark) {{\n{}}}\n",
            rules(o, Some(Scheme::Light)),
            rules(o, Some(Scheme::Dark))
        ),
        Schemes::ColorScheme => rules(o, None),
    }
}

/// Inline style of a legend swatch of `t`: a coloured chip with the type's underline.
pub fn swatch_style(t: EntityType) -> String {
    let s = style(t);
    // A border cannot be wavy: the wavy underline is drawn dotted.
    let border = if s.style == "wavy" { "dotted" } else { s.style };
    format!(
        "background-color: {}; border-bottom: 3px {border} {};",
        rgba(s.color, 0.35),
        s.color
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_style_per_type_in_legend_order() {
        let kinds: Vec<&str> = styles().map(|s| s.kind).collect();
        let expected: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(kinds, expected);
    }

    #[test]
    fn no_two_types_share_a_colour_or_a_cue() {
        let all: Vec<&TypeStyle> = styles().collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.color, b.color, "{} and {}", a.kind, b.kind);
                assert_ne!(
                    (a.line, a.style),
                    (b.line, b.style),
                    "{} and {}",
                    a.kind,
                    b.kind
                );
            }
        }
    }

    #[test]
    fn css_has_light_and_dark_rules_and_honours_the_options() {
        let auto = css(&CssOptions::default());
        // Light rules, then the dark ones under the media query: two rules per type.
        assert_eq!(auto.matches("::highlight(fl-umbrella) {").count(), 2);
        let (light, dark) = auto
            .split_once("@media (prefers-color-scheme: dark)")
            .unwrap();
        assert!(
            light.contains("rgba(230, 159, 0, 0.2)") && !light.contains("rgba(230, 159, 0, 0.3)"),
            "light umbrella background"
        );
        assert!(
            dark.contains("rgba(230, 159, 0, 0.3)") && dark.contains("#FFC233"),
            "dark umbrella background and underline"
        );
        // Following color-scheme: one rule per type, each colour written once, light then dark.
        let follow = css(&CssOptions {
            schemes: Schemes::ColorScheme,
            ..Default::default()
        });
        assert_eq!(follow.matches("::highlight(fl-umbrella) {").count(), 1);
        assert!(!follow.contains("@media"));
        assert!(follow.contains(
            "background-color: light-dark(rgba(230, 159, 0, 0.2), rgba(230, 159, 0, 0.3));"
        ));
        assert!(follow.contains("text-decoration-color: light-dark(#A87400, #FFC233);"));
        let ext = css(&CssOptions {
            prefix: "zz-".into(),
            marks: false,
            underline_only: true,
            ..Default::default()
        });
        assert!(!ext.contains("mark."));
        assert!(ext.contains("::highlight(zz-person)"));
        assert!(
            !ext.contains("rgba("),
            "underline only: no background colour"
        );
    }

    #[test]
    fn swatch_draws_the_wavy_underline_dotted() {
        assert_eq!(
            swatch_style(EntityType::Government),
            "background-color: rgba(0, 158, 115, 0.35); border-bottom: 3px dotted #009E73;"
        );
    }
}
