// Reads an uploaded or dropped file into plain text.
//
// Why it exists: articles arrive as .txt, .md, .html, .pdf or .docx. Each format is turned into
// plain text with a well-kept library running locally: HTML through DOMPurify and DOMParser (scripts
// never run; only text is kept), PDF through pdf.js with its worker and data bundled in
// vendor/pdfjs/, DOCX through mammoth's browser build. The heavy libraries load only when needed.

import { BLOCK_TAGS } from '../../pkg/js/collect.js';


/**
 * Extracts readable text from an HTML string. The HTML is sanitized with DOMPurify first (loaded on
 * the first HTML file, not with the page) and parsed into an inert document; block elements become
 * paragraph breaks.
 * @param {string} html
 * @returns {Promise<{text: string, title: string}>}
 */
export async function htmlToText(html) {
  const { default: DOMPurify } = await import('dompurify');
  const clean = DOMPurify.sanitize(html, { WHOLE_DOCUMENT: true, FORBID_TAGS: ['style', 'script', 'noscript', 'template'] });
  const doc = new DOMParser().parseFromString(clean, 'text/html');
  const rawTitle = new DOMParser().parseFromString(DOMPurify.sanitize(html, { WHOLE_DOCUMENT: true, ADD_TAGS: ['title'] }), 'text/html').title;
  const parts = [];
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) parts.push(c.data.replace(/\s+/g, ' '));
      else if (c.nodeType === 1) {
        const block = BLOCK_TAGS.has(c.tagName);
        if (block) parts.push(c.tagName === 'BR' ? '\n' : '\n\n');
        walk(c);
        if (block && c.tagName !== 'BR') parts.push('\n\n');
      }
    }
  };
  if (doc.body) walk(doc.body);
  const text = parts.join('')
    .split('\n').map((l) => l.trim()).join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title: (rawTitle || '').trim() };
}

/**
 * Extracts the text of a PDF with pdf.js (worker and data from vendor/pdfjs/, no network).
 * @param {ArrayBuffer} data
 * @param {string} base the page's base URL
 * @returns {Promise<string>}
 */
export async function pdfToText(data, base) {
  const pdfjs = await import('pdfjs-dist/build/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = new URL('vendor/pdfjs/pdf.worker.min.mjs', base).href;
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    useSystemFonts: false,
    standardFontDataUrl: new URL('vendor/pdfjs/standard_fonts/', base).href,
    cMapUrl: new URL('vendor/pdfjs/cmaps/', base).href,
    cMapPacked: true,
    wasmUrl: new URL('vendor/pdfjs/wasm/', base).href,
  });
  const pdf = await task.promise;
  try {
    const pages = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      let s = '';
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        s += item.str;
        if (item.hasEOL) s += '\n';
      }
      pages.push(s.trim());
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await pdf.destroy();
  }
}

/**
 * Extracts the raw text of a .docx with mammoth.
 * @param {ArrayBuffer} data
 * @returns {Promise<string>}
 */
export async function docxToText(data) {
  const mod = await import('mammoth/mammoth.browser.js');
  const mammoth = mod.default || mod;
  const res = await mammoth.extractRawText({ arrayBuffer: data });
  return res.value.replace(/\n{3,}/g, '\n\n').trim();
}

/** Bytes decoded per task when reading a text file. */
const DECODE_BYTES = 256 * 1024;

/**
 * Reads a text file as UTF-8 (a byte-order mark dropped) in pieces, decoded a piece per task:
 * `file.text()` decodes the whole file in one task (~30 ms per 4 MB), and joining a 10 MB text
 * copies it in one task too; the page sends the pieces to the lens worker as they are.
 * @param {Blob} file
 * @returns {Promise<string[]>} the text's pieces, in order
 */
export async function readPieces(file) {
  const decoder = new TextDecoder('utf-8');
  const pieces = [];
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // A stream chunk may be megabytes: decode it a piece at a time, one task each.
    for (let i = 0; i < value.length; i += DECODE_BYTES) {
      pieces.push(decoder.decode(value.subarray(i, i + DECODE_BYTES), { stream: true }));
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  pieces.push(decoder.decode());
  return pieces.filter((p) => p.length);
}

/**
 * Reads a text file as one string (UTF-8, a byte-order mark dropped), decoded a piece per task.
 * @param {Blob} file
 * @returns {Promise<string>}
 */
export async function readText(file) {
  const pieces = await readPieces(file);
  // Joining copies the text (~8 ms for 4 MB): a task of its own, and so is what the caller does next.
  await new Promise((r) => setTimeout(r, 0));
  const text = pieces.join('');
  await new Promise((r) => setTimeout(r, 0));
  return text;
}

/** File kinds the page accepts. */
export function fileKind(name, mime = '') {
  const n = name.toLowerCase();
  if (n.endsWith('.pdf') || mime === 'application/pdf') return 'pdf';
  if (n.endsWith('.docx') || mime.includes('wordprocessingml')) return 'docx';
  if (n.endsWith('.html') || n.endsWith('.htm') || n.endsWith('.xhtml') || mime === 'text/html') return 'html';
  if (n.endsWith('.md') || n.endsWith('.markdown') || mime === 'text/markdown') return 'md';
  if (n.endsWith('.txt') || mime.startsWith('text/')) return 'txt';
  return null;
}

/**
 * Reads a File into text.
 * @param {File} file
 * @param {string} base the page's base URL (for pdf.js assets)
 * @returns {Promise<{pieces: string[], kind: string}>} the text in pieces, in order (one piece for
 *   the formats a library converts)
 */
export async function readFile(file, base) {
  const kind = fileKind(file.name, file.type);
  if (!kind) throw new Error(`${file.name}: unsupported file type (expected .txt, .md, .html, .htm, .pdf or .docx)`);
  try {
    if (kind === 'pdf') return { kind, pieces: [await pdfToText(await file.arrayBuffer(), base)] };
    if (kind === 'docx') return { kind, pieces: [await docxToText(await file.arrayBuffer())] };
    if (kind === 'html') return { kind, pieces: [(await htmlToText(await readText(file))).text] };
    return { kind, pieces: await readPieces(file) };
  } catch (e) {
    throw new Error(`${file.name}: could not read the ${kind.toUpperCase()} file: ${e && e.message ? e.message : e}`);
  }
}
