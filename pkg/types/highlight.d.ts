/**
 * The DOM highlighter: marks every mention in a subtree with ONE scan of its joined text.
 *
 * ```js
 * import init, { Lens } from 'factionlens';
 * import { highlight } from 'factionlens/highlight';
 * await init();
 * const h = highlight(document.querySelector('article'), new Lens(), { types: ['armed_group'] });
 * h.remove(); // the subtree is exactly as before
 * ```
 * @packageDocumentation
 */
import type { EntityType, Lens } from './index.js';

/**
 * What the highlighter asks of a lens: its scans and its roster. The `Lens` of either entry
 * (`factionlens` or `factionlens/scan`) is one.
 */
export type ScanningLens = Pick<Lens, 'scanCompact' | 'entityIds' | 'entityTypes' | 'entityNames'>;

/** Options of `highlight` and `highlightRanges`. */
export interface HighlightOptions<T> {
  /** Entity types to mark (default: all). */
  types?: EntityType[];
  /** Class prefix (default `fl-`): marks get `fl-mark fl-t-<type>`, highlights are named `fl-<type>`. */
  classPrefix?: string;
  /** More elements to leave alone, as a CSS selector (e.g. `code, pre`). Script, style, form fields,
   * contenteditable regions and existing marks are always skipped. */
  skipSelector?: string;
  /** Called for every mark (`highlight`) or range (`highlightRanges`) created. */
  each?: (painted: T, mention: DomMention) => void;
}

/** A mention found in the DOM. */
export interface DomMention {
  /** UTF-16 offsets in the joined text of the subtree. */
  start: number;
  end: number;
  entity: string;
  type: EntityType;
  /** The entity's canonical name. */
  name: string;
  /** The mention as written. */
  text: string;
}

/** The result of `highlight`. */
export interface MarkHandle {
  /** Every `<mark>` created, in document order. */
  marks: HTMLElement[];
  /** The mentions, in document order, each with its marks (one per text node it spans). */
  mentions: Array<DomMention & { marks: HTMLElement[] }>;
  /** Unwraps the marks and merges the text back into the original text nodes. Idempotent. */
  remove(): void;
}

/** The result of `highlightRanges`. */
export interface RangeHandle {
  mentions: Array<DomMention & { range: Range }>;
  /** The mention under the viewport point (e.g. a pointer event's clientX, clientY), or null. */
  mentionAt(x: number, y: number): (DomMention & { range: Range }) | null;
  /** The mention at a text position (a text node and an offset in it), or null. */
  mentionAtNode(node: Node, offset: number): (DomMention & { range: Range }) | null;
  /** Unregisters this handle's ranges from `CSS.highlights`. Idempotent. */
  remove(): void;
}

/** Wraps every mention in `root` in `<mark class="fl-mark fl-t-<type>" data-entity data-type>`. */
export function highlight(root: Node, lens: ScanningLens, options?: HighlightOptions<HTMLElement>): MarkHandle;

/** Paints every mention in `root` with the CSS Custom Highlight API; changes no node. Throws where
 * `CSS.highlights` is missing. */
export function highlightRanges(root: Node, lens: ScanningLens, options?: HighlightOptions<Range>): RangeHandle;

/** The joined text of `root`'s highlightable text nodes and where each node starts in it. */
export function collectText(
  root: Node,
  options?: { classPrefix?: string; skipSelector?: string },
): { text: string; nodes: Text[]; starts: number[] };

/** Splits compact scan results into per-text-node pieces. */
export function rangesFromCompact(
  collected: { nodes: Text[]; starts: number[] },
  quads: Uint32Array | number[],
): Array<{ mention: number; pieces: Array<{ node: Text; start: number; end: number }> }>;

/** Tag names whose text is never scanned. */
export const SKIP_TAGS: Set<string>;
/** Elements that end a line of text: their text is not joined to the text around them. */
export const BLOCK_TAGS: Set<string>;

/** Entity ids, types and names by index (what `paintMarks`/`paintRanges` take). */
export interface LensIndex {
  ids: string[];
  types: EntityType[];
  names: string[];
}

/** The index of a lens, for painting scans made elsewhere. */
export function lensIndex(lens: ScanningLens): LensIndex;

/**
 * Paints `<mark>`s for a scan made elsewhere (a worker, an extension's background page): `quads` is
 * `lens.scanCompact(collected.text)` and `index` that lens's {@link lensIndex}.
 */
export function paintMarks(
  collected: { text: string; nodes: Text[]; starts: number[] },
  quads: Uint32Array | number[],
  index: LensIndex,
  options?: Omit<HighlightOptions<HTMLElement>, 'types' | 'skipSelector'>,
): MarkHandle;

/** Registers CSS Custom Highlight ranges for a scan made elsewhere (see `paintMarks`). */
export function paintRanges(
  collected: { text: string; nodes: Text[]; starts: number[] },
  quads: Uint32Array | number[],
  index: LensIndex,
  options?: Omit<HighlightOptions<Range>, 'types' | 'skipSelector'> & { document?: Document },
): RangeHandle;

/**
 * Like `collectText`, in time slices (default 8 ms) with a yield to the event loop between them, so a
 * huge page never blocks its main thread for long. `maxChars` stops the walk (then `truncated` is true);
 * `onSlice` is called between slices with the text nodes collected so far and their offsets in the
 * text (growing arrays: read them, do not keep them); a promise it returns holds the walk until it settles.
 */
export function collectTextSliced(
  root: Node,
  options?: {
    classPrefix?: string; skipSelector?: string; sliceMs?: number; maxChars?: number;
    onSlice?: (progress: { nodes: Text[]; starts: number[] }) => void | Promise<unknown>;
  },
): Promise<{ text: string; nodes: Text[]; starts: number[]; truncated: boolean }>;

/** The text position under the viewport point (x, y), looking into the given open shadow roots where supported. */
export function caretAt(doc: Document, x: number, y: number, shadowRoots?: ShadowRoot[]): { node: Node; offset: number } | null;

/** Whether the viewport point (x, y) lies inside one of the range's boxes, widened by `slack` pixels. */
export function rangeHas(range: Range, x: number, y: number, slack?: number): boolean;
