// ui/dictionary-text.js in Node with the real core (the web build, which reads no TOML): a TOML dictionary
// turned into the JSON form loads the same entities, and every error names the line the CLI's own TOML
// reader names (the native build with the `toml` feature, run as the oracle).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { coreDictionary } from '../../ui/dictionary-text.js';
import { DictionaryStore, memoryAdapter } from '../../ui/dictionaries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Lens } = createRequire(import.meta.url)(path.join(ROOT, 'pkg', 'dist', 'node', 'factionlens.js'));
const GOOD = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'dicts', 'good.toml'), 'utf8');

/** The 1-based line of the first line of `text` that contains `marker`. */
const lineOf = (text, marker) => text.split('\n').findIndex((l) => l.includes(marker)) + 1;

/** What the page shows for a dictionary: the converted text loaded into a fresh lens, or the error. */
function pageLoad(text, name) {
  try {
    const core = coreDictionary(text, 'toml', name);
    return { ok: Lens.empty().loadDictionary(core.text, core.format, { name, replace: true }) };
  } catch (e) {
    return { error: e.message };
  }
}

/** What the command line (native, with the `toml` feature) says about the same file. */
let cli;
function cliLoad(text, name) {
  if (!cli) {
    execFileSync('cargo', ['build', '-q', '--bin', 'factionlens'], { cwd: ROOT, stdio: 'inherit' });
    cli = { bin: path.join(ROOT, 'target', 'debug', 'factionlens'), dir: fs.mkdtempSync(path.join(os.tmpdir(), 'fl-toml-')) };
  }
  fs.writeFileSync(path.join(cli.dir, name), text);
  const r = spawnSync(cli.bin, ['kb', '--replace-kb', '--dict', name, '--format', 'json'], { cwd: cli.dir, encoding: 'utf8' });
  return r.status === 0 ? { ok: JSON.parse(r.stdout) } : { error: r.stderr.trim().replace(/^factionlens: /, '') };
}

test.after(() => { if (cli) fs.rmSync(cli.dir, { recursive: true, force: true }); });

test('the web core refuses TOML itself, by name, and the converted text loads the entity the file describes', () => {
  assert.throws(() => Lens.empty().loadDictionary(GOOD, 'toml', { name: 'good.toml' }),
    (e) => e.message.startsWith('good.toml: ') && e.message.includes('`toml` feature'));
  const lens = Lens.empty();
  const core = coreDictionary(GOOD, 'toml', 'good.toml');
  assert.equal(core.format, 'json');
  assert.deepEqual(lens.loadDictionary(core.text, core.format, { name: 'good.toml', replace: true }).ids, ['liwa-al-test']);
  const e = lens.entity('liwa-al-test');
  // The values written in tests/fixtures/dicts/good.toml.
  assert.equal(e.name, 'Liwa al-Test');
  assert.equal(e.type, 'armed_group');
  assert.deepEqual(e.aliases, ['Test Brigade']);
  assert.deepEqual(e.acronyms, ['LAT']);
  assert.deepEqual(e.arabic, ['لواء الاختبار']);
  assert.deepEqual(lens.scan('The Test Brigade (LAT) and لواء الاختبار').map((m) => m.entity), ['liwa-al-test', 'liwa-al-test', 'liwa-al-test']);
  // Other formats pass unchanged.
  assert.deepEqual(coreDictionary('id,name,type,aliases\n', 'csv', 'a.csv'), { text: 'id,name,type,aliases\n', format: 'csv' });
});

const HEAD = '# A dictionary\n\n[[entity]]\nid = "zz-a"\nname = "Zulu A"\ntype = "armed_group"\n';
const PERSON = '\n[[entity]]\nid = "zz-p"\nname = "Zulu Person"\ntype = "person"\n';
test('errors the core finds name the line of the TOML file, as the command line does', () => {
  const cases = [
    ['bad value', HEAD + PERSON + 'aliases = ["Z P", 7]\n', 'aliases = '],
    ['unknown field', HEAD + 'colour = "red"\n', 'colour'],
    ['bad role in the second [[entity.roles]]', HEAD + PERSON + '\n[[entity.roles]]\nrole = "leader"\nof = "zz-a"\n\n[[entity.roles]]\nrole = "chieftain"\nof = "zz-a"\n', 'chieftain'],
    ['bad status state (in a table)', HEAD + '\n[entity.status]\nstate = "gone"\n', 'state = "gone"'],
    ['bad status date (validation, in a table)', HEAD + '\n[entity.status]\nstate = "dissolved"\ndate = "2020-13-45"\n', '[[entity]]'],
    ['duplicate id (validation)', HEAD + '\n[[entity]]\nname = "Other"\nid = "zz-a"\ntype = "armed_group"\n', null],
    ['a source that is no URL (validation)', HEAD + 'sources = ["javascript:alert(1)"]\n', '[[entity]]'],
  ];
  for (const [what, text, marker] of cases) {
    const page = pageLoad(text, 'x.toml');
    const native = cliLoad(text, 'x.toml');
    assert.ok(page.error, `${what}: refused`);
    assert.equal(page.error, native.error, what);
    if (marker) assert.match(page.error, new RegExp(`^x\\.toml:${lineOf(text, marker)}: `), `${what}: ${page.error}`);
  }
  // A TOML date-time (JSON has none; every date of the schema is a string): refused on the same line.
  const dated = HEAD + '\n[entity.status]\nstate = "dissolved"\ndate = 2020-01-03\n';
  const line = lineOf(dated, 'date = 2020');
  assert.match(pageLoad(dated, 'x.toml').error, new RegExp(`^x\\.toml:${line}: a TOML date-time has no JSON form`));
  assert.match(cliLoad(dated, 'x.toml').error, new RegExp(`^x\\.toml:${line}: `));

  // Known limit: a bad value inside an array written over several lines is reported on the line where
  // the array starts (the command line names the element's own line).
  const multi = HEAD + PERSON + 'aliases = [\n  "Z P",\n  7,\n]\n';
  assert.match(pageLoad(multi, 'x.toml').error, new RegExp(`^x\\.toml:${lineOf(multi, 'aliases = [')}: invalid type: integer \`7\``));
  assert.match(cliLoad(multi, 'x.toml').error, new RegExp(`^x\\.toml:${lineOf(multi, '  7,')}: invalid type: integer \`7\``));

  // And a good file gives the same records both ways.
  const good = HEAD + PERSON + 'aliases = ["Z P"]\n\n[[entity.roles]]\nrole = "leader"\nof = "zz-a"\n';
  const native = cliLoad(good, 'y.toml').ok;
  const lens = Lens.empty();
  const core = coreDictionary(good, 'toml', 'y.toml');
  lens.loadDictionary(core.text, core.format, { name: 'y.toml', replace: true });
  assert.deepEqual(lens.entities().map((e) => e.id).sort(), ['zz-a', 'zz-p']);
  for (const rec of native.entities) {
    const mine = lens.entity(rec.id);
    assert.equal(mine.name, rec.name);
    assert.deepEqual(mine.roles ?? [], rec.roles ?? []);
    assert.deepEqual(mine.aliases ?? [], rec.aliases ?? []);
  }
});

test('a TOML syntax error names the file, line and column, and the store saves nothing', async () => {
  const text = HEAD + 'name = "Zulu again"\n';
  const line = text.split('\n').length - 1;
  assert.throws(() => coreDictionary(text, 'toml', 'x.toml'), (e) => new RegExp(`^x\\.toml:${line}: .+ \\(column 1\\)$`).test(e.message));
  // The command line names the same line.
  assert.match(cliLoad(text, 'x.toml').error, new RegExp(`^x\\.toml:${line}: `));
  const store = new DictionaryStore(memoryAdapter(), () => new Lens());
  await store.init();
  const lens = new Lens();
  const size = lens.size;
  await assert.rejects(store.add(lens, { name: 'x.toml', text }), (e) => e.message.startsWith(`x.toml:${line}: `));
  assert.equal(store.records.length, 0);
  assert.equal(lens.size, size);
});
