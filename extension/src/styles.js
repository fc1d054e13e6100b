// Styles inside shadow roots: the page's open shadow roots get the highlight styles, the card's own
// shadow root gets the card styles.
//
// Why it exists: a user stylesheet (inserted by the background) does not reach into shadow roots, so
// each one the painter tracks is given the same CSS as a constructed, adopted stylesheet: no node is
// added. Where adopting is refused (content scripts in Firefox cannot always assign a page-side
// `adoptedStyleSheets`), a <style> element goes into that shadow root instead, and is removed with
// everything else when FactionLens stops.

/**
 * Gives `root` a stylesheet: adopted where the engine allows it, else a <style> element.
 * @param {ShadowRoot} root
 * @param {string} css
 * @param {{sheet?: CSSStyleSheet}} holder keeps the constructed sheet, to share it between roots
 * @returns {HTMLStyleElement|null} the <style> element added, if one was
 */
export function styleRoot(root, css, holder) {
  try {
    if (!holder.sheet) {
      holder.sheet = new CSSStyleSheet();
      holder.sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, holder.sheet];
    return null;
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
    return style;
  }
}

/** The highlight styles of the shadow roots the painter tracks. */
export class ShadowStyles {
  constructor() {
    /** The CSS (from the background); null while stopped. */
    this.css = null;
    this.sheet = null;
    /** Shadow root → the <style> added where adopting a sheet was refused. */
    this.styleNodes = new Map();
  }

  /** Starts over with new CSS (the next adopt builds a new sheet). */
  reset(css) {
    this.css = css;
    this.sheet = null;
  }

  /** Styles `root`. */
  adopt(root) {
    const style = styleRoot(root, this.css || '', this);
    if (style) this.styleNodes.set(root, style);
  }

  /** Takes our styles out of `root`. */
  unadopt(root) {
    const style = this.styleNodes.get(root);
    if (style) {
      style.remove();
      this.styleNodes.delete(root);
      return;
    }
    try {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
    } catch { /* nothing adopted */ }
  }
}
