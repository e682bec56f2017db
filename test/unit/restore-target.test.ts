// What restore accepts as a target, on the real C9200L configuration (Oxidized's recorded
// session, test/fixtures/real; sources in test/fixtures/SOURCES.md): refusals come before
// any switch is touched, and name the lines (secrets masked).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractConfig } from '../../src/config/normalise.js';
import { resolveTarget, TargetRefused } from '../../src/jobs/restore-target.js';
import { parseRecordedSession } from '../../src/lab/recorded-session.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const output = parseRecordedSession(readFileSync(join(REAL, 'oxidized/ios#C9200L-24P-4G_17.09.04a#simulation.yaml'), 'utf8')).exchanges.find(
  (e) => e.send === 'show running-config\n',
)!.output;
const C9200L = extractConfig(ciscoIos, output);
const dir = mkdtempSync(join(tmpdir(), 'switchback-target-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
async function refusal(text: string): Promise<TargetRefused> {
  const err = await resolveTarget(null, 'core-1', ciscoIos, { kind: 'file', path: file('t.cfg', text) }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TargetRefused);
  return err as TargetRefused;
}

describe('resolveTarget from a file', () => {
  it('reads a saved `show running-config` (header, prompt and all) as the stored config', async () => {
    const target = await resolveTarget(null, 'core-1', ciscoIos, { kind: 'file', path: file('saved.txt', output) });
    expect(target.text).toBe(C9200L);
    expect(target.label).toBe(`file ${join(dir, 'saved.txt')}`);
  });

  it('refuses a fragment: merge removes what the target lacks', async () => {
    const err = await refusal('interface GigabitEthernet1/0/7\n description camera\n');
    expect(err.message).toMatch(/not a whole configuration .*a fragment would strip the switch/);
  });

  it('refuses masked secrets and names the lines', async () => {
    const err = await refusal(C9200L.replace(/^(enable secret 9 )\S+$/m, '$1<masked>').replace(/^(username rocks secret 9 )\S+$/m, '$1<masked>'));
    expect(err.message).toMatch(/has 2 masked secrets/);
    expect(err.lines).toEqual(['enable secret 9 <masked>', 'username rocks secret 9 <masked>']);
  });

  it('refuses exec-level lines and names them with secrets masked', async () => {
    const err = await refusal(C9200L.replace('\nend\n', '\ndo write erase\ncopy tftp://10.0.0.1/x running-config\nend\n'));
    expect(err.lines).toEqual(['do write erase', 'copy tftp://10.0.0.1/x running-config']);
  });

  it('says which file it cannot read', async () => {
    const err = await resolveTarget(null, 'core-1', ciscoIos, { kind: 'file', path: join(dir, 'nope.cfg') }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`cannot read ${join(dir, 'nope.cfg')}: ENOENT`);
  });

  it('needs a backups repository for last good', async () => {
    const err = await resolveTarget(null, 'core-1', ciscoIos, { kind: 'good' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/no backups repository: there is no last good of core-1/);
  });
});
