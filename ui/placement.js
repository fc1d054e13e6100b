// Where an entity card goes next to the mention it explains, on the page and in the extension.
//
// Why it exists: both hosts show a card beside a mention; one rule (below the mention when the card
// fits there, above it otherwise, never outside the viewport) keeps them alike.

/**
 * The card's top-left corner in viewport coordinates, and the most height it may take there.
 *
 * Below the mention when the card fits there, else above it when it fits there, else on the side with
 * more room, with `maxHeight` capping the card (it scrolls) so that it never leaves the viewport.
 *
 * @param {{left: number, top: number, bottom: number}} anchor the mention's box (viewport coordinates)
 * @param {{width: number, height: number}} card the card's natural size
 * @param {{width: number, height: number}} viewport
 * @param {{gap?: number, margin?: number}} [options] `gap` between mention and card, `margin` kept
 *   free at the viewport's edges (pixels, default 8)
 * @returns {{left: number, top: number, above: boolean, maxHeight: number}}
 */
export function placeCard(anchor, card, viewport, options = {}) {
  const gap = options.gap ?? 8;
  const margin = options.margin ?? 8;
  const left = Math.max(margin, Math.min(viewport.width - card.width - margin, anchor.left));
  // The card's edges stay within the margins even for a mention scrolled partly out of view.
  const belowTop = Math.max(margin, anchor.bottom + gap);
  const aboveBottom = Math.min(viewport.height - margin, anchor.top - gap);
  const roomBelow = viewport.height - margin - belowTop;
  const roomAbove = aboveBottom - margin;
  const above = card.height > roomBelow && (card.height <= roomAbove || roomAbove > roomBelow);
  const maxHeight = Math.max(0, Math.floor(above ? roomAbove : roomBelow));
  const height = Math.min(card.height, maxHeight);
  const top = above ? aboveBottom - height : belowTop;
  return { left, top, above, maxHeight };
}
