// A dictionary's text as the WebAssembly core takes it: TOML turned into the JSON form, keeping its lines.
//
// Why it exists: the web build of the core leaves the TOML parser out (it was about a fifth of the
// .wasm's code; see BENCHMARKS.md, "Size: what the web build carries"), so the page and the extension
// parse a TOML dictionary here (smol-toml) and hand the core the same data in the KB schema's JSON form
// ({"entity": [...]}). Only the syntax changes: the schema and every check stay in the core. The JSON is
// laid out on the TOML file's lines (each key on the line where the TOML file sets it, each table of an
// array of tables on the line of its [[header]], and its `id` there too, where the core reads TOML
// records from), so an error the core finds (a bad value, an unknown field, a failed check) names the
// line the core's own TOML reader (the CLI's) names. A TOML syntax error is reported here, with
// the file, line and column the parser gives.

import { parse, TomlError } from 'smol-toml';

/**
 * The text and format to hand to `lens.loadDictionary` for a dictionary: a TOML dictionary becomes the
 * JSON form (see above); every other format passes unchanged.
 * @param {string} text the file's text
 * @param {string} format its format (`json`, `toml`, `csv`, `ftm`)
 * @param {string} name the file's name, for errors
 * @returns {{text: string, format: string}}
 * @throws {Error} `name:line: message (column N)` for a TOML syntax error
 */
export function coreDictionary(text, format, name) {
  if (format !== 'toml') return { text, format };
  return { text: tomlToJson(text, name), format: 'json' };
}

/**
 * A TOML knowledge-base file as JSON text whose values stand on the lines of the TOML file.
 * @param {string} text
 * @param {string} name the file's name, for errors
 */
export function tomlToJson(text, name) {
  const body = text.replace(/^\uFEFF/, '');
  let doc;
  try {
    doc = parse(body);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    // smol-toml's message: "Invalid TOML document: REASON\n\n<the lines around it>".
    const reason = e.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    throw new Error(`${name}:${e.line}: ${reason} (column ${e.column})`);
  }
  // A file without [[entity]] tables reaches the core as an empty list, which it refuses by name.
  if (!('entity' in doc)) doc = { entity: [], ...doc };
  const lines = body.split('\n');
  const out = new Writer();
  object(out, lines, doc, '', 1, lines.length, false, name);
  return out.text();
}

/** JSON text written forward line by line: `at(n)` moves to line n (never back). */
class Writer {
  constructor() { this.parts = []; this.line = 1; }
  at(n) {
    if (n > this.line) { this.parts.push('\n'.repeat(n - this.line)); this.line = n; }
    return this;
  }
  put(s) { this.parts.push(s); return this; }
  text() { return this.parts.join(''); }
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A key as TOML may write it: bare, or quoted. */
const keyPattern = (k) => `(?:${escape(k)}|"${escape(k)}"|'${escape(k)}')`;
/** TOML values as JSON: big integers as numbers. */
const replacer = (_, v) => (typeof v === 'bigint' ? Number(v) : v);

/**
 * Writes a table, each key on the first line from `from` to `to` (1-based) that sets it, an array of
 * tables element by element on the lines of its [[path.key]] headers. `idFirst`: the table is such an
 * element, and its `id` goes on the header's line (the core finds a record's line by its id). `name`:
 * the file's, for errors.
 */
function object(out, lines, obj, path, from, to, idFirst, name) {
  out.put('{');
  let first = true;
  const entries = Object.entries(obj);
  if (idFirst && 'id' in obj) entries.sort(([a], [b]) => (b === 'id') - (a === 'id'));
  for (const [k, v] of entries) {
    if (!first) out.put(',');
    first = false;
    const full = path ? `${path}.${k}` : k;
    const headers = Array.isArray(v) && v.length && v.every(isTable) ? find(lines, arrayHeader(full), from, to) : [];
    if (headers.length === v.length && headers.length) {
      out.at(headers[0]).put(`${JSON.stringify(k)}:[`);
      v.forEach((item, i) => {
        if (i) out.put(',');
        out.at(headers[i]);
        object(out, lines, item, full, headers[i] + 1, i + 1 < headers.length ? headers[i + 1] - 1 : to, true, name);
      });
      out.put(']');
      continue;
    }
    const set = new RegExp(`^\\s*(?:${keyPattern(k)}\\s*[=.]|${tableHeader(full)})`);
    const line = idFirst && k === 'id' ? 0 : find(lines, set, Math.max(from, out.line), to, 1)[0];
    if (line) out.at(line);
    out.put(`${JSON.stringify(k)}:`);
    if (line && isTable(v) && new RegExp(`^\\s*${tableHeader(full)}`).test(lines[line - 1])) {
      // A [path.key] table: its keys on their lines, up to the next header.
      const end = find(lines, /^\s*\[/, line + 1, to, 1)[0];
      object(out, lines, v, full, line + 1, end ? end - 1 : to, false, name);
    } else {
      // JSON has no date-time: refuse one, as the core's own TOML reader does (every date of the schema
      // is a string), rather than pass it on as text.
      if (hasDate(v)) throw new Error(`${name}:${line || out.line}: a TOML date-time has no JSON form; write it as a string in quotes ("2020-01-03")`);
      out.put(JSON.stringify(v, replacer));
    }
  }
  out.put('}');
}

const hasDate = (v) => v instanceof Date || (v !== null && typeof v === 'object' && Object.values(v).some(hasDate));
const isTable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
/** A dotted path as TOML may write it in a header. */
const dotted = (full) => full.split('.').map(keyPattern).join('\\s*\\.\\s*');
/** `[[a.b]]` for the path `a.b`. */
const arrayHeader = (full) => new RegExp(`^\\s*\\[\\[\\s*${dotted(full)}\\s*\\]\\]`);
/** The pattern of `[a.b]` for the path `a.b`. */
const tableHeader = (full) => `\\[\\s*${dotted(full)}\\s*\\]`;

/** The 1-based numbers of the lines from `from` to `to` that match `re` (at most `limit`). */
function find(lines, re, from, to, limit = Infinity) {
  const found = [];
  for (let n = from; n <= to && found.length < limit; n++) if (re.test(lines[n - 1])) found.push(n);
  return found;
}
