// Articles uploaded as files (.txt, .md, .html, .pdf, .docx), each generated here from a seed with
// real libraries (pdf-lib, docx), read by the page with real pdf.js, mammoth and DOMPurify, give the
// same marks as the plain text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { setup, openPage, uploadArticle, pageMarks, pairs, SEEDS, loadCore } from './helpers.mjs';

let env, lens, dir;
before(async () => {
  env = await setup();
  lens = new (await loadCore()).Lens();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-www-files-'));
});
after(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const seed = SEEDS[0];
const seq = (marks) => marks.map((m) => `${m.entity}|${m.text.replace(/\s+/g, ' ')}`);

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Only characters the standard fonts' WinAnsi encoding has. */
function winAnsi(text) {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\u00a0/g, ' ')
    .replace(/[^\n\x20-\x7e\u00a0-\u00ff—–•]/g, '?');
}

async function makePdf(text) {
  const mentions = lens.scan(text);
  const inside = (i) => mentions.some((m) => i > m.start && i < m.end);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 11, lineHeight = 15, margin = 50;
  let page = pdf.addPage([595, 842]);
  let y = 842 - margin;
  const width = 595 - 2 * margin;
  const put = (line) => {
    if (y < margin) { page = pdf.addPage([595, 842]); y = 842 - margin; }
    if (line) page.drawText(line, { x: margin, y, size, font });
    y -= lineHeight;
  };
  let offset = 0;
  for (const para of text.split('\n')) {
    // Wrap at spaces that are not inside a mention, so no name is split across lines.
    let start = 0;
    while (start < para.length) {
      let end = para.length;
      if (font.widthOfTextAtSize(para.slice(start), size) > width) {
        end = start;
        for (let i = start + 1; i < para.length; i++) {
          if (para[i] === ' ' && !inside(offset + i) && font.widthOfTextAtSize(para.slice(start, i), size) <= width) end = i;
          if (font.widthOfTextAtSize(para.slice(start, i), size) > width) break;
        }
        if (end === start) end = para.length;
      }
      put(para.slice(start, end).trim());
      start = end + 1;
    }
    if (!para.length) put('');
    offset += para.length + 1;
  }
  return Buffer.from(await pdf.save());
}

async function makeDocx(text) {
  const doc = new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  return Packer.toBuffer(doc);
}

test('the same marks from .txt, .md, .html and .docx; the same (entity, text) multiset from .pdf', async () => {
  const { page, context, errors } = await openPage(env);
  const expected = lens.scan(seed.text);
  assert.ok(expected.length > 0);

  const txt = path.join(dir, 'seed.txt');
  fs.writeFileSync(txt, seed.text);
  await uploadArticle(page, txt);
  const fromTxt = await pageMarks(page);
  assert.deepEqual(fromTxt.map((m) => m.entity), expected.map((m) => m.entity));
  assert.equal(await page.textContent('#doc-name'), 'seed.txt');

  const md = path.join(dir, 'seed.md');
  const lines = seed.text.split('\n');
  fs.writeFileSync(md, `# ${lines[0]}\n${lines.slice(1).join('\n')}`);
  await uploadArticle(page, md);
  assert.deepEqual(seq(await pageMarks(page)), seq(fromTxt), '.md');

  const html = path.join(dir, 'seed.html');
  const paras = seed.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  fs.writeFileSync(html, `<!doctype html><html><head><title>${escapeHtml(lines[0])}</title><style>p{color:red}</style><script>window.__xss=1</script></head><body><h1>${escapeHtml(paras[0])}</h1>${paras.slice(1).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</body></html>`);
  await uploadArticle(page, html);
  assert.deepEqual(seq(await pageMarks(page)), seq(fromTxt), '.html');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.ok(!(await page.textContent('#doc')).includes('color:red'), 'style text is not article text');

  const docx = path.join(dir, 'seed.docx');
  fs.writeFileSync(docx, await makeDocx(seed.text));
  await uploadArticle(page, docx);
  assert.deepEqual(seq(await pageMarks(page)), seq(fromTxt), '.docx');

  const pdfText = winAnsi(seed.text);
  const pdf = path.join(dir, 'seed.pdf');
  fs.writeFileSync(pdf, await makePdf(pdfText));
  await uploadArticle(page, pdf);
  const fromPdf = await pageMarks(page);
  assert.deepEqual(pairs(fromPdf), pairs(lens.scan(pdfText)), '.pdf');
  assert.ok(fromPdf.length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unsupported file gets an error that names it', async () => {
  const { page, context } = await openPage(env);
  const bad = path.join(dir, 'image.png');
  fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await page.setInputFiles('#file', bad);
  await page.waitForSelector('#input-error:not([hidden])');
  assert.match(await page.textContent('#input-error'), /image\.png: unsupported file type/);
  await context.close();
});
