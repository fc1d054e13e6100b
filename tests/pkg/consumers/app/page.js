// The README's browser example for bundlers that handle `new URL(…, import.meta.url)`, with the
// scan-only entry next to the whole API (each loads its own .wasm).
import init, { Lens } from 'factionlens';
import initScan, { Lens as ScanLens } from 'factionlens/scan';
import { highlight } from 'factionlens/highlight';
import { report, fail } from './report.js';

Promise.all([init(), initScan()]).then(() => report(Lens, highlight, ScanLens), fail);
