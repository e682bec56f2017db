// The lab's generic parts name no vendor: everything one OS says or does lives in its
// personality (src/lab/personalities/<name>/). A vendor word, command, prompt, pager,
// address format or private OID in the terminal, the config tree, the model, the SSH
// server, the fleet, the SNMP agent or the lab's commands fails here, comments included:
// a comment that needs a vendor belongs in that vendor's personality.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const ts = (dir: string, keep: (name: string) => boolean = () => true) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.ts') && keep(f))
    .map((f) => `${dir}/${f}`);

/** Generic lab files: src/lab/*.ts, src/lab/snmp/, and the lab's and the demo's commands. */
const GENERIC = [...ts('src/lab'), ...ts('src/lab/snmp'), ...ts('src/cli', (f) => /^(lab|demo)/.test(f))];

/** What only a vendor's personality may say, with why each is a vendor's. */
const VENDOR: [RegExp, string][] = [
  [/cisco/i, 'a vendor name'],
  [/\bios\b|ios-?xe/i, 'a vendor OS'],
  [/catalyst|\bc9[23]00/i, 'a vendor product'],
  [/stackwise/i, 'a vendor stack technology'],
  [/junos|juniper/i, 'a vendor name'],
  [/\bfrr\b|frrouting|vtysh/i, 'a vendor OS'],
  [/arista|\beos\b|nx-?os|aruba|procurve|\bdell\b|cumulus|sonic/i, 'a vendor name'],
  [/show (running|startup|run\b|start\b|version|switch|virtual-chassis|configuration)/i, 'a vendor show command'],
  [/running-config|startup-config/i, "a vendor's name for a configuration"],
  [/write mem(ory)?|copy run\w* start/i, "a vendor's save command"],
  [/configure (terminal|replace|exclusive|private)|conf t\b/i, "a vendor's configuration-mode command"],
  [/\benable\b/i, "a vendor's privilege command"],
  [/--\s?More\s?--|---\(more/i, "a vendor's pager"],
  [/% Invalid input|%Error|\[confirm\]/i, "a vendor's error or question text"],
  [/\^C/, "a vendor's banner delimiter"],
  [/commit (confirmed|synchronize)|rollback \d/i, "a vendor's commit command"],
  [/['"`](Active|Standby|Member|Ready|Provisioned|Removed|V-Mismatch|Master|Backup|Linecard)['"`]/, "a vendor's stack role or state word"],
  [/\b[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\b/i, "a vendor's MAC address format"],
  [/1\.3\.6\.1\.4\.1\.\d+/, "a vendor's private MIB (enterprise OID)"],
  [/\bFOC\w{4,}/, "a vendor's serial number format"],
];

describe('the lab’s generic files name no vendor', () => {
  it('finds the files it checks', () => {
    expect(GENERIC).toEqual(
      expect.arrayContaining(['src/lab/terminal.ts', 'src/lab/model.ts', 'src/lab/snmp/agent.ts', 'src/cli/lab.ts', 'src/cli/demo-run.ts']),
    );
  });

  it.each(GENERIC.map((f) => [f]))('%s', (file) => {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    const found = lines.flatMap((line, i) => VENDOR.filter(([re]) => re.test(line)).map(([, why]) => `${file}:${i + 1}: ${why}: ${line.trim()}`));
    expect(found).toEqual([]);
  });
});
