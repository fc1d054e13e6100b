#!/usr/bin/env node
// A tiny static file server on 127.0.0.1 for the built page (and for the browser tests).
//
// Why it exists: ES modules and .wasm do not load from file:// pages, and the page must be served
// with correct MIME types (application/wasm for streaming compilation, text/javascript for modules).
// It serves one directory, refuses paths that leave it, and binds only to the loopback interface.
//
//   node scripts/serve.mjs DIR [--port N]     default port 8080; a free port when that one is taken.
//
// Also importable: `const { server, url } = await serve(dir, { port: 0 })`.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` on 127.0.0.1.
 * @param {string} dir the directory to serve
 * @param {{port?: number, fallback?: boolean, quiet?: boolean}} [options] port (0: any free port);
 *   fallback: when the port is taken, use a free one instead of failing (default true)
 * @returns {Promise<{server: http.Server, url: string, port: number}>}
 */
export function serve(dir, options = {}) {
  const root = path.resolve(dir);
  const port = options.port ?? 8080;
  const fallback = options.fallback ?? true;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end('method not allowed');
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.includes('\0')) { res.writeHead(400).end('bad request'); return; }
    let file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
        st = fs.existsSync(file) ? fs.statSync(file) : null;
      }
      if (err || !st || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      // Resolve symlinks too, so a link cannot point outside the root.
      const real = fs.realpathSync(file);
      const realRoot = fs.realpathSync(root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    const listen = (p) => {
      server.once('error', (e) => {
        if (e.code === 'EADDRINUSE' && fallback && p !== 0) {
          if (!options.quiet) console.error(`port ${p} is in use; picking a free port`);
          listen(0);
        } else reject(e);
      });
      server.listen(p, '127.0.0.1', () => {
        const actual = server.address().port;
        resolve({ server, url: `http://127.0.0.1:${actual}/`, port: actual });
      });
    };
    listen(port);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let dir = null;
  let port = 8080;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i].startsWith('--port=')) port = Number(args[i].slice(7));
    else if (!dir) dir = args[i];
  }
  if (!dir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node scripts/serve.mjs DIR [--port N]');
    process.exit(2);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`serve: ${dir} is not a directory`);
    process.exit(1);
  }
  const { url } = await serve(dir, { port });
  console.log(`Serving ${path.resolve(dir)} at ${url}`);
}
