// Bundles the built CLI (tsc's dist/) into dist/bundle/, which bin/switchback runs.
//
// Why: a start of the CLI from dist/ loads some 430 ES modules (ours, zod, yaml, simple-git,
// net-snmp…), and Node 20 spends more on finding, reading and linking them than on running
// them: about 0.3 s of CPU before the first switch is contacted, paid by every cron run and by
// each of the ~500 runs of the CLI in the tests. Bundled, the same start costs about 0.2 s.
// Split at the dynamic imports, so a command still loads only what it names (the lab and the
// demo stay out of a backup).
//
// Two packages stay outside and load from node_modules as they are: ssh2 finds its native
// crypto binding relative to its own files, and net-snmp is sloppy-mode CommonJS that relies
// on it (a Proxy trap that returns nothing), which would throw inside a strict ES module.
// esbuild comes with the dev tools (tsx, vitest); the bundle is built from tsc's output, so
// the code that runs is the code that was type-checked and compiled.

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outdir = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['ssh2', 'net-snmp'],
  // The CommonJS packages inside (net-snmp, simple-git's helpers…) call require(); an ES module has none.
  banner: { js: "import { createRequire as __switchbackRequire } from 'node:module';\nconst require = __switchbackRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
