// Exports of a scanned article: mentions as JSON and CSV, W3C Web Annotations (JSON-LD), and the
// highlighted article as one standalone HTML file.
//
// Why it exists: readers want to keep or share what the page found. Every export is produced
// locally by the core (lens.scan, lens.mentionsCsv, lens.webAnnotations, and lens.standalonePage —
// the same page as the CLI's `--format html`, escaped by the core) in the lens worker, which sends a
// Blob; the page saves it through an object URL: no network.

/**
 * Saves a Blob (built by the lens worker) as a file download.
 * @param {string} filename
 * @param {Blob} blob
 */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file-name stem from a document name. */
export function stem(name) {
  return (String(name || 'article').replace(/\.[a-z0-9]+$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60)) || 'article';
}

/**
 * The IRI of the annotated document: the name when it is an http(s) URL, else '' (the core then
 * derives a `urn:uuid:` from the text, so the same text always gets the same source).
 */
export function sourceIri(name) {
  return /^https?:\/\/\S+$/i.test(String(name || '')) ? String(name) : '';
}

/**
 * Builds an export.
 * @param {'json'|'csv'|'csv-excel'|'jsonld'|'html'} kind
 * @param {object} lens
 * @param {string} text
 * @param {string} name the document's name
 * @returns {{filename: string, content: string, mime: string}}
 */
export function buildExport(kind, lens, text, name) {
  const base = `${stem(name)}.factionlens`;
  switch (kind) {
    case 'json':
      return { filename: `${base}.mentions.json`, mime: 'application/json', content: JSON.stringify(lens.scan(text), null, 2) };
    case 'csv':
      return { filename: `${base}.mentions.csv`, mime: 'text/csv;charset=utf-8', content: lens.mentionsCsv(text) };
    case 'csv-excel':
      // A byte-order mark and CRLF: Excel then reads the file as UTF-8 (Arabic intact).
      return { filename: `${base}.mentions.excel.csv`, mime: 'text/csv;charset=utf-8', content: lens.mentionsCsv(text, { excel: true }) };
    case 'jsonld': {
      // A fresh nonce per export: two exports never share an annotation id.
      const opts = { created: new Date().toISOString(), nonce: globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}` };
      return { filename: `${base}.annotations.jsonld`, mime: 'application/ld+json', content: JSON.stringify(lens.webAnnotations(text, sourceIri(name), opts), null, 2) };
    }
    case 'html':
      return { filename: `${base}.html`, mime: 'text/html', content: lens.standalonePage(text, name || 'Article') };
    default:
      throw new Error(`unknown export kind: ${kind}`);
  }
}
