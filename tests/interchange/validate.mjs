// Validates Web Annotation exports with the JavaScript tools: ajv against the W3C test schemas, and
// jsonld.js (safe mode, then toRDF to N-Quads) with the vendored anno.jsonld context.
//
// Why it exists: the issue asks that two independent implementations agree. tests/interchange/
// test_web_annotation.py runs this script on the same export files as Python jsonschema and pyld and
// compares the verdicts. Usage: node validate.mjs FILE.jsonld… ; prints one JSON object:
// {files: {FILE: {page: {assertion: bool}, items: [{assertion: bool}], quads: "...", safeError}}}.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VENDOR = path.join(HERE, '..', 'vendor');
const SUITE = path.join(VENDOR, 'web-annotation-tests');
const CONTEXT = JSON.parse(fs.readFileSync(path.join(VENDOR, 'anno-jsonld', 'anno.jsonld'), 'utf8'));

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

/** The assertion files a W3C `.test` file lists, as [name, schema] with the schema's own id removed
 *  (two assertions share an id; refs resolve against the definitions, which keep theirs). */
export function assertions(testFile) {
  return readJson(path.join(SUITE, testFile)).assertions.map((a) => {
    const schema = readJson(path.join(SUITE, a));
    delete schema.id;
    return [a, schema];
  });
}

const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
for (const f of fs.readdirSync(path.join(SUITE, 'definitions'))) {
  if (f.endsWith('.json')) ajv.addSchema(readJson(path.join(SUITE, 'definitions', f)));
}
const compiled = new Map();
const check = (name, schema, doc) => {
  if (!compiled.has(name)) compiled.set(name, ajv.compile(schema));
  return compiled.get(name)(doc) === true;
};

const SETS = {
  page: ['collections/pages/pageMusts.test'],
  item: ['annotations/annotationMusts.test', 'annotations/annotationOptionals.test', 'annotations/annotationsAgentOptionals.test'],
};

const documentLoader = async (url) => {
  if (url === 'http://www.w3.org/ns/anno.jsonld' || url === 'https://www.w3.org/ns/anno.jsonld') {
    return { contextUrl: null, documentUrl: url, document: CONTEXT };
  }
  throw new Error(`no network in tests: ${url}`);
};

const results = { files: {} };
for (const file of process.argv.slice(2)) {
  const doc = readJson(file);
  const out = { page: {}, items: [] };
  for (const t of SETS.page) for (const [name, schema] of assertions(t)) out.page[name] = check(name, schema, doc);
  for (const item of doc.items) {
    // An annotation of a page is checked as it stands alone: with the page's context.
    const alone = { '@context': doc['@context'], ...item };
    const r = {};
    for (const t of SETS.item) for (const [name, schema] of assertions(t)) r[name] = check(name, schema, alone);
    out.items.push(r);
  }
  try {
    await jsonld.expand(doc, { documentLoader, safe: true });
    out.safeError = null;
  } catch (e) {
    out.safeError = String(e.message || e);
  }
  out.quads = await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader });
  results.files[file] = out;
}
process.stdout.write(JSON.stringify(results));
