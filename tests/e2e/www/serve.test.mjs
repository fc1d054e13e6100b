// scripts/serve.mjs: MIME types (application/wasm, text/javascript), index.html for directories,
// 404s, no directory traversal, loopback only, and a free port when the asked one is taken.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { serve } from '../../../scripts/serve.mjs';

function get(url, rawPath) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves files with the right MIME types and refuses traversal', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-serve-'));
  const root = path.join(dir, 'site');
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>hi');
  fs.writeFileSync(path.join(root, 'a.js'), 'export {}');
  fs.writeFileSync(path.join(root, 'a.mjs'), 'export {}');
  fs.writeFileSync(path.join(root, 'x.wasm'), Buffer.from([0, 97, 115, 109]));
  fs.writeFileSync(path.join(root, 'sub', 'index.html'), 'sub');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  const { server, url, port } = await serve(root, { port: 0, quiet: true });
  try {
    assert.equal(server.address().address, '127.0.0.1');
    assert.ok(port > 0);
    assert.equal((await get(url, '/')).type, 'text/html; charset=utf-8');
    assert.equal((await get(url, '/a.js')).type, 'text/javascript; charset=utf-8');
    assert.equal((await get(url, '/a.mjs')).type, 'text/javascript; charset=utf-8');
    assert.equal((await get(url, '/x.wasm')).type, 'application/wasm');
    assert.equal((await get(url, '/sub/')).body, 'sub');
    assert.equal((await get(url, '/nope.js')).status, 404);
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/sub/../../secret.txt', '/..\\secret.txt']) {
      const r = await get(url, p);
      assert.notEqual(r.body, 'secret', p);
      assert.ok(r.status === 403 || r.status === 404 || r.status === 400, `${p}: ${r.status}`);
    }
    // A taken port falls back to a free one.
    const second = await serve(root, { port, quiet: true });
    assert.notEqual(second.port, port);
    await new Promise((r) => second.server.close(r));
  } finally {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
