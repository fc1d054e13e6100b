// Where an entity card goes next to the mention it explains, on the page and in the extension.
//
// Why it exists: both hosts show a card beside a mention; one rule (below the mention when the card
// fits there, above it otherwise, never outside the viewport) keeps them alike.

/**
 * The card's top-left corner in viewport coordinates.
 *
 * @param {{left: number, top: number, bottom: number}} anchor the mention's box (viewport coordinates)
 * @param {{width: number, height: number}} card the card's size
 * @param {{width: number, height: number}} viewport
 * @param {{gap?: number, margin?: number}} [options] `gap` between mention and card, `margin` kept
 *   free at the viewport's edges (pixels, default 8)
 * @returns {{left: number, top: number, above: boolean}}
 */
export function placeCard(anchor, card, viewport, options = {}) {
  const gap = options.gap ?? 8;
  const margin = options.margin ?? 8;
  const left = Math.max(margin, Math.min(viewport.width - card.width - margin, anchor.left));
  const below = anchor.bottom + gap;
  const above = below + card.height > viewport.height - margin && anchor.top - card.height - gap > margin;
  const top = above ? anchor.top - card.height - gap : below;
  return { left, top: Math.max(margin, top), above };
}
