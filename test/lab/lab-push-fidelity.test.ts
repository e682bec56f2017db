// Typing a configuration back into a lab switch over real SSH, as a restore does after
// a switch came back with a factory default: per block, the lines the target has and
// the switch lacks, and `no` for the lines the switch has and the target lacks. The
// switch must end up running the target, line for line, as a real IOS-XE would.
// Also `no username`, which IOS-XE confirms before it acts.

import { afterEach, describe, expect, it } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import { stackSpec, TEST_CREDENTIALS } from '../helpers/lab.js';
import { openShell } from '../helpers/ssh-shell.js';
import type { Shell } from '../helpers/ssh-shell.js';

let fleet: LabFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

async function oneSwitch(spec = stackSpec('dist-1', 2)): Promise<LabSwitch> {
  fleet = await startFleet({ count: 1, specs: [spec], credentials: TEST_CREDENTIALS, hostKeySeed: 'push-fidelity' });
  return fleet.get(spec.name);
}

/** Any privileged or configuration prompt: the hostname changes halfway through a push. */
const PROMPT = /\n[\w.-]+(\([\w-]+\))?#$/;

async function privileged(sw: LabSwitch, prompt: string): Promise<Shell> {
  const shell = await openShell({ port: sw.ports.ssh, username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });
  await shell.readUntil(new RegExp(`${prompt}>$`));
  shell.send(`enable\n${TEST_CREDENTIALS.enableSecret}\nterminal length 0\n`);
  await shell.readUntil(new RegExp(`terminal length 0\\r\\n${prompt}#$`));
  return shell;
}

async function run(shell: Shell, text: string, prompt: RegExp = PROMPT): Promise<string> {
  shell.send(text + '\n');
  return (await shell.readUntil(prompt)).replace(/\r\n/g, '\n');
}

/** The configuration `show running-config` prints, from `version` to `end`. */
function body(showRun: string): string[] {
  const lines = showRun.split('\n');
  return lines.slice(
    lines.findIndex((l) => l.startsWith('version ')),
    lines.lastIndexOf('end') + 1,
  );
}

// ---------------------------------------------------------------- the delta, as text

/** One line in its place (a banner: all of its lines); its key is its parent lines and itself. */
interface Unit {
  parents: string[];
  lines: string[];
  key: string;
}

/** A configuration as units, by indentation; `!` comment lines carry nothing. */
function unitsOf(lines: string[]): Unit[] {
  const out: Unit[] = [];
  const open: { indent: number; line: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('!')) continue;
    const indent = line.length - line.trimStart().length;
    while (open.length > 0 && open[open.length - 1]!.indent >= indent) open.pop();
    const parents = open.map((o) => o.line);
    const unit = [line];
    // A banner's text runs to its closing ^C, whatever its indentation.
    if (/^banner \S+ \^C$/.test(line))
      while (i + 1 < lines.length && !unit[unit.length - 1]!.endsWith('^C', unit.length > 1 ? undefined : 0)) unit.push(lines[++i]!);
    out.push({ parents, lines: unit, key: [...parents, ...unit].join('\n') });
    open.push({ indent, line });
  }
  return out;
}

/** What IOS cannot remove: it stays whatever the target says. */
const UNREMOVABLE = [
  /^version /,
  /^boot-(start|end)-marker$/,
  /^interface (GigabitEthernet|TenGigabitEthernet|TwentyFiveGigE|FortyGigabitEthernet|AppGigabitEthernet)\d/,
  /^line /,
  /^end$/,
  /^crypto pki certificate /,
];

/**
 * The lines to type into configuration mode to turn `running` into `target`: per
 * parent block, `no` for what only running has (`no no X` typed as `X`, and not at all
 * when the target sets X itself), then what only the target has, each under its parent
 * lines, with `exit` to climb out of a block. Banners are typed with `#` as delimiter.
 */
function delta(running: string[], target: string[]): string[] {
  const have = unitsOf(running);
  const want = unitsOf(target);
  const wanted = new Set(want.map((u) => u.key));
  const had = new Set(have.map((u) => u.key));
  const removed = have.filter((u) => !wanted.has(u.key) && !UNREMOVABLE.some((re) => re.test(u.lines[0]!.trim())));
  const added = want.filter((u) => !had.has(u.key) && u.lines[0] !== 'end');
  const typed: string[] = [];
  let at: string[] = [];
  const goTo = (parents: string[]) => {
    let same = 0;
    while (same < at.length && same < parents.length && at[same] === parents[same]) same++;
    for (let i = at.length; i > same; i--) typed.push('exit');
    typed.push(...parents.slice(same));
    at = [...parents];
  };
  const sameBlock = (a: Unit, b: Unit) => a.parents.join('\n') === b.parents.join('\n');
  const removedKeys = new Set(removed.map((u) => u.key));
  for (const u of removed) {
    if (u.parents.some((_, i) => removedKeys.has(u.parents.slice(0, i + 1).join('\n')))) continue; // its block goes whole
    const line = u.lines[0]!.trim();
    const no = line.startsWith('no ') ? line.slice(3) : `no ${line}`;
    if (line.startsWith('no ') && added.some((a) => sameBlock(a, u) && a.lines[0]!.trim().startsWith(no + ' '))) continue;
    goTo(u.parents);
    typed.push(no);
  }
  for (const u of added) {
    goTo(u.parents);
    typed.push(...u.lines.map((l, i) => (i === 0 ? l.replace(/\^C$/, '#') : l === '^C' ? '#' : l)));
    const opens = want.some((w) => w.parents.length === u.parents.length + 1 && w.parents[u.parents.length] === u.lines[0]);
    at = opens ? [...u.parents, u.lines[0]!] : [...u.parents];
  }
  return typed;
}

describe('typing a backup into a factory-default lab switch', () => {
  for (const spec of [stackSpec('dist-1', 2), { ...stackSpec('edge-7', 3, 7), provisioned: [3], extraInterfacesPerMember: 2 }]) {
    it(`${spec.name}: the delta typed over SSH gives back the generated configuration, line for line`, async () => {
      const sw = await oneSwitch(spec);
      const prompt = spec.hostname;
      const before = await privileged(sw, prompt);
      const target = body(await run(before, 'show running-config'));
      before.end();

      await sw.apply({ kind: 'power-cycle', loseConfig: true });
      const shell = await privileged(sw, 'Switch');
      const factory = body(await run(shell, 'show running-config'));
      const typed = delta(factory, target);
      // The factory default has lines the target lacks: they are removed, not only added to.
      expect(typed).toEqual(expect.arrayContaining(['no ip http authentication local', 'no login']));

      await run(shell, 'configure terminal');
      const refused: string[] = [];
      for (let i = 0; i < typed.length; i++) {
        // A banner's lines go together: the switch answers only after its closing delimiter.
        const unit = [typed[i]!];
        if (/^banner \S+ #$/.test(unit[0]!)) while (typed[i] !== '#') unit.push(typed[++i]!);
        const said = await run(shell, unit.join('\n'));
        if (/^%/m.test(said)) refused.push(`${unit[0]}: ${said.trim()}`);
      }
      await run(shell, 'end');
      expect(refused).toEqual([]);

      const after = body(await run(shell, 'show running-config', new RegExp(`${prompt}#$`)));
      // Every line in its place, IOS's `!` separators included.
      expect(after).toEqual(target);
      shell.end();
    });
  }
});

describe('no username', () => {
  it('asks [confirm]; n keeps the user, Enter or y removes it', async () => {
    const sw = await oneSwitch();
    const shell = await privileged(sw, 'DIST-1');
    await run(shell, 'configure terminal');
    await run(shell, 'username temp privilege 1 secret 0 temp-pass-1');
    const asked = await run(shell, 'no username admin', /\[confirm\]$/);
    expect(asked).toBe('no username admin\nThis operation will remove all username related configurations with same name.Do you want to continue? [confirm]');
    // One key answers, without Enter.
    shell.send('n');
    await shell.readUntil(/DIST-1\(config\)#$/);
    expect(await run(shell, 'do show running-config | include ^username')).toMatch(/^username admin privilege 15 /m);

    await run(shell, 'no username admin', /\[confirm\]$/);
    shell.send('\r');
    await shell.readUntil(/DIST-1\(config\)#$/);
    await run(shell, 'no username temp', /\[confirm\]$/);
    shell.send('y');
    await shell.readUntil(/DIST-1\(config\)#$/);
    expect(await run(shell, 'do show running-config | include ^username')).not.toContain('username ');
    shell.end();
  });
});
