import { z } from 'zod';

// Runs in the browser before the app's modules. Zod compiles its object parsers with `new Function`
// when eval is allowed, and finds out by trying once: under the pages' Content-Security-Policy (no
// 'unsafe-eval', proxy.ts) that try is refused and reported as a violation on every page. Jitless
// parsing asks nothing of eval; the server keeps the compiled parsers.
z.config({ jitless: true });
