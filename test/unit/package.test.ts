// What `npm pack` ships: the licence package.json names, and the sources of the real
// captures the tests were built on, travel with the code.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

describe('the package', () => {
  it('ships LICENSE (the Apache License 2.0 text package.json names) and test/fixtures/SOURCES.md', () => {
    // --ignore-scripts: no build (prepare); the file list is what matters here.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
    const files = pack!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'test/fixtures/SOURCES.md', 'README.md', 'docs/ARCHITECTURE.md', 'bin/switchback']));
    // The schedules the README points to travel with the command they run.
    expect(files).toEqual(
      expect.arrayContaining(['docs/deploy/switchback-backup.service', 'docs/deploy/switchback.crontab', 'docs/deploy/kubernetes/switchback-backup.yaml']),
    );
    // Of dist/ only the bundle bin/switchback runs: not tsc's modules, not the source maps
    // (nothing enables them; they were two thirds of the package). scripts/ci-pack-demo.sh
    // checks the built package the same way and runs it.
    expect(files.filter((f) => f.startsWith('dist/') && !/^dist\/bundle\/[^/]+\.js$/.test(f))).toEqual([]);

    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    const license = readFileSync(new URL('LICENSE', root), 'utf8');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });
});
