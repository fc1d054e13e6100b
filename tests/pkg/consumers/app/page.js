// The README's browser example for bundlers that handle `new URL(…, import.meta.url)`.
import init, { Lens } from 'factionlens';
import { highlight } from 'factionlens/highlight';
import { report, fail } from './report.js';

init().then(() => report(Lens, highlight), fail);
