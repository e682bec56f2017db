// The core reading the platform contract, with small platforms made up for the test (no
// vendor's data): a `set` syntax (every line a whole path), the unsaved models, a startup
// file read on an exec channel, a Linux shell that starts the CLI, the commit-confirmed
// strategy driven against a scripted session, and the stack models' failover rules.

import { describe, expect, it } from 'vitest';
import { isComplete, linesInPlace, significantLineCount, unsavedLines } from '../../src/config/normalise.js';
import { planPush } from '../../src/config/push-plan.js';
import { loadInventory } from '../../src/inventory/load.js';
import type { DeviceShell } from '../../src/jobs/capture.js';
import { readCandidate, readStartup } from '../../src/jobs/capture.js';
import { chooseStrategy, modeName } from '../../src/jobs/restore.js';
import { commitConfirmed } from '../../src/jobs/strategies/commit-confirmed.js';
import type { PushReport } from '../../src/jobs/strategies/types.js';
import { unsavedOf } from '../../src/jobs/unsaved.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import type { CommitConfirmedStrategy, ConfigSyntax, Platform, PlatformConfigure, StackMember } from '../../src/platforms/platform.js';
import { activeStandby, membersOf, stackModel } from '../../src/platforms/stack-models/index.js';
import { maskLines } from '../../src/jobs/check.js';
import { summariseStack } from '../../src/jobs/backup.js';
import { powerItem } from '../../src/jobs/ready.js';
import type { Device } from '../../src/inventory/device.js';
import { startCliEngine } from '../../src/transport/cli-engine.js';
import type { Channel, CliDialect } from '../../src/transport/cli-engine.js';
import type { Typed, TypingDialect } from '../../src/transport/cli-engine.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SET: ConfigSyntax = { comment: /^\s*#/, hierarchy: 'set', complete: /^set version /m, completeSays: 'no `set version` line' };

const CONFIGURE: PlatformConfigure = {
  enter: 'edit',
  leave: 'quit',
  up: 'up',
  inConfigMode: /# ?$/,
  topLevel: /# ?$/,
  errors: [/^error:/m],
  refusalShown: (e) => e,
  questions: [],
  unknownQuestion: /\?\s*$/,
  decline: 'no',
  wholeBlocks: [],
  groupOf: () => undefined,
  unmanaged: [/^set version /],
  negate: (line) => (line.startsWith('set ') ? `delete ${line.slice(4)}` : undefined),
  replaces: () => false,
  execLevel: [/^request /],
  typeBanner: (unit) => unit,
};

const CC: CommitConfirmedStrategy = {
  kind: 'commit-confirmed',
  enter: 'edit exclusive',
  entered: /Entering/,
  load: 'load whole',
  loadEnd: '\x04',
  loaded: /load complete/,
  compare: 'compare',
  confirmed: (m) => `commit rollback-after ${m}`,
  confirmedOk: /rolls back in \d+/,
  commit: ({ synchronize }) => (synchronize ? 'commit everywhere' : 'commit'),
  commitOk: /commit complete/,
  discard: 'throw away',
  leave: 'quit',
  errors: [/^error:/m],
  minutes: 5,
};

function platformWith(over: Partial<Platform>): Platform {
  return {
    ...ciscoIos,
    name: 'made-up',
    label: 'Made-up OS',
    syntax: SET,
    secrets: [/^(set secret )\S+/],
    volatile: [],
    errors: [/^error:/m],
    startup: { from: 'none', why: 'the committed configuration boots' },
    unsaved: { kind: 'candidate', commands: ['pending'], parse: (out) => out.split('\n').filter((l) => l.startsWith('set ')) },
    restore: [CC, { kind: 'line-merge', configure: CONFIGURE }],
    persist: { kind: 'commit', words: 'commit' },
    ...over,
  };
}

describe('a `set` syntax: every line its own unit, no parents', () => {
  const running = 'set version 1\nset system host-name a\nset interfaces ge-0 description up\n';
  const target = 'set version 1\nset interfaces ge-0 description up\nset system host-name b\n# a comment\n';

  it('gives no line parents, whatever its indentation, and counts no comment', () => {
    expect(linesInPlace(SET, '  set a b\nset c d\n').map((l) => l.parents)).toEqual([[], [], []]);
    expect(significantLineCount(SET, target)).toBe(3);
  });

  it('compares order-blind: a line that moved is no change', () => {
    expect(unsavedLines(SET, running, 'set interfaces ge-0 description up\nset version 1\nset system host-name a\n').counts).toEqual({ added: 0, removed: 0 });
    expect(unsavedLines(SET, target, running)).toEqual({
      added: ['set system host-name b'],
      removed: ['set system host-name a'],
      counts: { added: 1, removed: 1 },
    });
  });

  it('plans a line merge with the platform’s negation, each line alone', () => {
    const plan = planPush(SET, CONFIGURE, running, target);
    expect(plan.items.map((i) => [i.change, i.type])).toEqual([
      ['remove', ['delete system host-name a']],
      ['add', ['set system host-name b']],
    ]);
  });

  it('is complete by the syntax’s own mark', () => {
    const p = platformWith({});
    expect(isComplete(p, running)).toBe(true);
    expect(isComplete(p, 'set system host-name a\n')).toBe(false);
  });
});

describe('the unsaved models', () => {
  it('candidate: the pending lines, and a commit that did not reach every routing engine', () => {
    const p = platformWith({});
    expect(unsavedOf(p, { running: 'set version 1\n', startup: null, candidate: { lines: [] } })).toEqual({ kind: 'saved' });
    expect(unsavedOf(p, { running: 'set version 1\n', startup: null, candidate: { lines: ['set a b'] } })).toMatchObject({
      kind: 'pending',
      diff: { added: ['set a b'], counts: { added: 1, removed: 0 } },
    });
    expect(unsavedOf(p, { running: '', startup: null, candidate: { lines: [], sync: { synced: false, detail: 'member 1 not synchronised' } } })).toMatchObject({
      kind: 'pending',
      notSynced: 'member 1 not synchronised',
    });
  });

  it('running-vs-startup: no startup at all is everything unsaved, unless the platform keeps none apart', () => {
    const file = platformWith({
      unsaved: { kind: 'running-vs-startup' },
      startup: { from: 'file', path: () => '/x', read: (p) => `cat ${p}`, missing: /No such file/ },
    });
    expect(unsavedOf(file, { running: 'set version 1\nset a b\n', startup: null })).toMatchObject({ kind: 'no-startup', diff: { counts: { added: 2 } } });
    const none = platformWith({ unsaved: { kind: 'running-vs-startup' } });
    expect(unsavedOf(none, { running: 'set version 1\n', startup: null })).toEqual({ kind: 'saved' });
    expect(unsavedOf(file, { running: 'x', startup: null, startupUnreadable: 'refused' })).toEqual({ kind: 'unknown', why: 'refused' });
  });
});

describe('a candidate read with the platform’s commands', () => {
  it('types each command, answers the questions the platform names, and parses the outputs joined', async () => {
    const question = { pattern: /Leave anyway\? $/, answer: 'yes\n', for: /^quit$/ };
    const platform = platformWith({
      unsaved: {
        kind: 'candidate',
        commands: ['edit', 'compare', 'quit'],
        parse: (out) => out.split('\n').filter((l) => l.startsWith('+')),
        questions: [question],
        sync: { command: 'sync-state', parse: (out) => ({ synced: !out.includes('not in sync'), detail: out.trim() }) },
      },
    });
    const seen: { lines: string[]; questions: unknown[] }[] = [];
    const answers: Record<string, string> = { edit: 'Entering', compare: '+ set a b\n+ set c d', quit: '' };
    const shell: DeviceShell = {
      engine: {
        info: { hostname: 'a', prompt: 'a>' },
        run: async (command) => (command === 'sync-state' ? 'backup not in sync' : ''),
        type: async (lines, d) => {
          seen.push({ lines, questions: d.questions });
          return { output: answers[lines[0]!] ?? '', prompt: 'a#' };
        },
      },
      hostKey: { algo: 'ssh-ed25519', base64: '' },
      exec: async () => ({ code: 0, stdout: '', stderr: '' }),
      options: {},
      deadline: Date.now() + 60_000,
      close: () => undefined,
    };
    expect(await readCandidate(shell, platform)).toEqual({
      lines: ['+ set a b', '+ set c d'],
      sync: { synced: false, detail: 'backup not in sync' },
    });
    expect(seen.map((x) => x.lines[0])).toEqual(['edit', 'compare', 'quit']);
    expect(seen[2]!.questions).toEqual([question]);
  });
});

describe('a startup kept in a file, read on an exec channel', () => {
  const platform = platformWith({
    unsaved: { kind: 'running-vs-startup' },
    startup: { from: 'file', path: (o) => `/etc/d/${o.pathspace ?? 'default'}/saved.conf`, read: (p) => `read-file ${p}`, missing: /No such file/ },
  });
  const shellWith = (result: { code: number | null; stdout: string; stderr: string }, seen: string[]): DeviceShell => ({
    engine: { info: { hostname: 'a', prompt: 'a#' }, run: async () => '', type: async () => ({ output: '', prompt: 'a#' }) },
    hostKey: { algo: 'ssh-ed25519', base64: '' },
    exec: async (command) => {
      seen.push(command);
      return result;
    },
    options: { pathspace: 'edge1' },
    deadline: Date.now() + 60_000,
    close: () => undefined,
  });

  it('reads the path the device’s options name; the file needs no completeness mark', async () => {
    const seen: string[] = [];
    expect(await readStartup(shellWith({ code: 0, stdout: 'set a b\n', stderr: '' }, seen), platform)).toEqual({ kind: 'config', text: 'set a b\n' });
    expect(seen).toEqual(['read-file /etc/d/edge1/saved.conf']);
  });

  it('an empty or missing file is no startup; another failure is unreadable, with the reason', async () => {
    expect(await readStartup(shellWith({ code: 0, stdout: '\n', stderr: '' }, []), platform)).toEqual({ kind: 'none' });
    expect(await readStartup(shellWith({ code: 1, stdout: '', stderr: 'read-file: No such file or directory' }, []), platform)).toEqual({ kind: 'none' });
    expect(await readStartup(shellWith({ code: 1, stdout: '', stderr: 'Permission denied' }, []), platform)).toMatchObject({
      kind: 'unreadable',
      why: expect.stringContaining('Permission denied'),
    });
  });

  it('a CLI on the exec channel says why on stdout: that line is the reason, masked and cut short', async () => {
    const masking = platformWith({ ...platform, secrets: [/^(key )\S+/] });
    const r = await readStartup(shellWith({ code: 1, stdout: `% Unknown command: read-file /etc/d/edge1/saved.conf\nmore\n`, stderr: '' }, []), masking);
    expect(r).toEqual({
      kind: 'unreadable',
      why: 'the saved configuration /etc/d/edge1/saved.conf could not be read (exit 1: % Unknown command: read-file /etc/d/edge1/saved.conf)',
    });
    const secret = await readStartup(shellWith({ code: 2, stdout: `key s3cret ${'x'.repeat(300)}\n`, stderr: '' }, []), masking);
    expect(secret.kind === 'unreadable' && secret.why).toMatch(/exit 2: key <masked> x+\)$/);
    expect(JSON.stringify(secret)).not.toContain('s3cret');
    expect(JSON.stringify(secret).length).toBeLessThan(260);
  });
});

describe('a login that lands in a Linux shell', () => {
  const dialect: CliDialect = {
    prompt: /(?:^|[\r\n])([\w.-]+)# ?$/,
    loginQuestions: [],
    setup: [],
    pagers: [],
    pagerKey: ' ',
    shell: { prompt: /(?:^|[\r\n])\w+@[\w.-]+:[^\n]*\$ ?$/, start: 'cli-start -N edge1', failure: [/^Exiting: failed to connect/m] },
  };
  /** A shell that answers the start command with `answer`. */
  function shell(answer: string): { channel: Channel; typed: string[] } {
    let listener: ((b: Buffer) => void) | undefined;
    const typed: string[] = [];
    const send = (t: string) => setImmediate(() => listener?.(Buffer.from(t)));
    return {
      typed,
      channel: {
        write(text) {
          typed.push(text.trim());
          send(`${text.trim()}\r\n${answer}`);
        },
        onData(l) {
          listener = l;
          send('Linux box 6.1\r\nadmin@edge1:~$ ');
        },
        onClose() {},
      },
    };
  }

  it('types the start command and reaches the CLI prompt', async () => {
    const s = shell('Hello, this is the CLI.\r\n\r\nedge1# ');
    const engine = await startCliEngine(s.channel, dialect, { commandTimeoutMs: 10_000, settleMs: 20 });
    expect(s.typed).toEqual(['cli-start -N edge1']);
    expect(engine.info.hostname).toBe('edge1');
  });

  it('says why when the CLI does not start', async () => {
    const s = shell('Exiting: failed to connect to any daemons.\r\nadmin@edge1:~$ ');
    await expect(startCliEngine(s.channel, dialect, { commandTimeoutMs: 10_000, settleMs: 20 })).rejects.toMatchObject({
      kind: 'start',
      message: 'the CLI did not start ("cli-start"): Exiting: failed to connect to any daemons.',
    });
  });
});

describe('choosing a restore strategy by name', () => {
  it('the first is the default; merge and replace stay the names of line-merge and file-replace', () => {
    expect(modeName((chooseStrategy(ciscoIos, undefined) as { kind: 'line-merge' }).kind)).toBe('merge');
    expect(chooseStrategy(ciscoIos, 'replace')).toMatchObject({ kind: 'file-replace' });
    expect(chooseStrategy(ciscoIos, 'line-merge')).toMatchObject({ kind: 'line-merge' });
    expect(chooseStrategy(platformWith({}), undefined)).toMatchObject({ kind: 'commit-confirmed' });
    expect(chooseStrategy(ciscoIos, 'commit-confirmed')).toBe('Cisco IOS / IOS-XE has no commit-confirmed restore in switchback: use --mode merge, replace');
  });
});

describe('the commit-confirmed strategy against a scripted session', () => {
  const TARGET = 'set version 1\nset system host-name b\n';

  /** A session that answers each typed step from `answers` (by its first line) and records what was typed. */
  function session(answers: Record<string, string>) {
    const typed: string[][] = [];
    let inConfig = false;
    const shell: DeviceShell = {
      engine: {
        info: { hostname: 'a', prompt: 'a>' },
        run: async () => '',
        type: async (lines: string[], d: TypingDialect): Promise<Typed> => {
          typed.push(lines);
          if (lines[0] === 'edit exclusive') inConfig = true;
          if (lines[0] === 'quit') inConfig = false;
          const output = answers[lines[0]!] ?? '';
          const error = output.split('\n').find((l) => d.errors.some((re) => re.test(l)));
          return { output, prompt: inConfig ? 'a#' : 'a>', ...(error ? { error } : {}) };
        },
      },
      hostKey: { algo: 'ssh-ed25519', base64: '' },
      exec: async () => ({ code: 0, stdout: '', stderr: '' }),
      options: {},
      deadline: Date.now() + 60_000,
      close: () => undefined,
    };
    return { shell, typed };
  }
  const OK = {
    'edit exclusive': 'Entering configuration mode',
    'load whole': 'load complete',
    compare: '[edit system]\n-  host-name a;\n+  host-name b;\n+  secret hunter2;',
    'commit rollback-after 5': 'commit confirmed, rolls back in 5 minutes',
    commit: 'commit complete',
  };
  const ctxFor = (shell: DeviceShell, members = 1) => ({
    shell,
    device: { name: 'a', stack: { members: Array.from({ length: members }, (_, i) => ({ number: i + 1 })) } } as never,
    platform: platformWith({ secrets: [/^(\+\s*secret |secret )\S+/] }),
    target: TARGET,
    longStepMs: 60_000,
  });

  it('plans with the switch’s own comparison, applies with a rollback, and confirms once verified', async () => {
    const { shell, typed } = session(OK);
    const run = commitConfirmed(ctxFor(shell), CC);
    const { plan, changes } = await run.plan('set version 1\nset system host-name a\n');
    expect(changes).toBe(3);
    expect(plan).toMatchObject({ add: 2, remove: 1 });
    expect(plan.lines).toContain('-  host-name a;');
    expect(plan.lines.join('\n')).not.toContain('hunter2');
    expect(typed[1]).toEqual(['load whole', 'set version 1', 'set system host-name b', '\x04']);
    const push: PushReport = { typed: 0, of: changes, rejected: [], skipped: [] };
    await run.apply(push);
    expect(run.verify(TARGET)).toEqual({ same: true, missing: [], leftOver: [], unremovable: [] });
    // Confirming is the strategy's; whether it is then saved is the restore job's (persist).
    expect(run.pending!()).toMatch(/rolls back .* within 5 min/);
    expect(await run.confirm!()).toBe(true);
    expect(run.pending!()).toBeUndefined();
    expect(typed.map((t) => t[0])).toEqual(['edit exclusive', 'load whole', 'compare', 'commit rollback-after 5', 'quit', 'edit exclusive', 'commit', 'quit']);
  });

  it('a stack of several routing engines confirms with the synchronising commit', async () => {
    const { shell, typed } = session({ ...OK, 'commit everywhere': 'commit complete' });
    const run = commitConfirmed(ctxFor(shell, 2), CC);
    await run.plan('');
    await run.apply({ typed: 0, of: 1, rejected: [], skipped: [] });
    expect(await run.confirm!()).toBe(true);
    expect(typed.map((t) => t[0])).toContain('commit everywhere');
  });

  it('a failed verification is left to roll back by itself: nothing is confirmed', async () => {
    const { shell, typed } = session(OK);
    const run = commitConfirmed(ctxFor(shell), CC);
    await run.plan('');
    await run.apply({ typed: 0, of: 1, rejected: [], skipped: [] });
    expect(run.verify('set version 1\nset system host-name a\n').same).toBe(false);
    expect(run.pending!()).toBe('not confirmed: the switch rolls back to its previous configuration by itself within 5 min');
    expect(typed.map((t) => t[0])).not.toContain('commit');
  });

  it('an error before the confirmed commit throws the candidate away and leaves', async () => {
    const { shell, typed } = session({ ...OK, 'load whole': 'error: syntax error at line 2' });
    const run = commitConfirmed(ctxFor(shell), CC);
    await expect(run.plan('')).rejects.toMatchObject({ stage: 'push', message: expect.stringContaining('loading the target') });
    expect(typed.map((t) => t[0])).toEqual(['edit exclusive', 'load whole', 'throw away', 'quit']);
  });

  describe('a secret in the switch’s comparison, on a line that does not name its keyword', () => {
    // A hierarchical compare (section header, blocks by indentation): the community's name is
    // its secret, and its line says only `community NAME {`.
    const COMPARE = '[edit snmp]\n+   community s3cr3tcomm {\n+       authorization read-only;\n+   }\n[edit system]\n-  host-name a;\n+  host-name b;';
    const withSecrets = (shell: DeviceShell, cc: CommitConfirmedStrategy) => ({
      ...ctxFor(shell),
      platform: platformWith({ secrets: [/^((?:set )?snmp community )\S+/], restore: [cc] }),
    });

    it('is masked with its section and blocks as context when the platform gives no whole-path form', async () => {
      const { shell } = session({ ...OK, compare: COMPARE });
      const { plan } = await commitConfirmed(withSecrets(shell, CC), CC).plan('');
      expect(plan.lines.join('\n')).not.toContain('s3cr3tcomm');
      expect(plan.lines).toEqual([
        '[edit snmp]',
        '+   community <masked> {',
        '+       authorization read-only;',
        '+   }',
        '[edit system]',
        '-  host-name a;',
        '+  host-name b;',
      ]);
    });

    it('is masked in the whole-path lines the platform makes of the compare (compareLines)', async () => {
      const cc: CommitConfirmedStrategy = {
        ...CC,
        // What a platform's compare parser gives: every change as a whole path, set form.
        compareLines: () => ['+ set snmp community s3cr3tcomm authorization read-only', '- delete system host-name a', '+ set system host-name b'],
      };
      const { shell } = session({ ...OK, compare: COMPARE });
      const { plan } = await commitConfirmed(withSecrets(shell, cc), cc).plan('');
      expect(plan.lines).toEqual(['+ set snmp community <masked> authorization read-only', '- delete system host-name a', '+ set system host-name b']);
    });
  });

  it('a candidate the switch will not throw away is reported with what is left, not as a clean dry run', async () => {
    const { shell } = session({ ...OK, 'throw away': 'error: candidate locked by another session' });
    const run = commitConfirmed(ctxFor(shell), CC);
    await run.plan('');
    await expect(run.abandon()).rejects.toMatchObject({ message: expect.stringMatching(/may still hold the loaded target.*`throw away`, then `quit`/) });
  });

  it('while a person is asked the candidate is let go, and loaded again at apply', async () => {
    const { shell, typed } = session(OK);
    const run = commitConfirmed(ctxFor(shell), CC);
    await run.plan('set version 1\nset system host-name a\n');
    await run.release!();
    expect(typed.map((t) => t[0])).toEqual(['edit exclusive', 'load whole', 'compare', 'throw away', 'quit']);
    await run.apply({ typed: 0, of: 3, rejected: [], skipped: [] });
    expect(typed.map((t) => t[0]).slice(5)).toEqual(['edit exclusive', 'load whole', 'compare', 'commit rollback-after 5', 'quit']);
  });

  it('a switch whose comparison changed while a person was asked is not committed', async () => {
    const answers: Record<string, string> = { ...OK };
    const { shell, typed } = session(answers);
    const run = commitConfirmed(ctxFor(shell), CC);
    await run.plan('set version 1\nset system host-name a\n');
    await run.release!();
    answers.compare = '[edit system]\n-  host-name c;\n+  host-name b;';
    await expect(run.apply({ typed: 0, of: 3, rejected: [], skipped: [] })).rejects.toMatchObject({
      message: expect.stringContaining('the switch changed while you were asked'),
    });
    expect(typed.map((t) => t[0])).not.toContain('commit rollback-after 5');
    expect(typed.map((t) => t[0]).slice(-2)).toEqual(['throw away', 'quit']);
    expect(run.pending!()).toBeUndefined();
  });

  it('a dry run throws the loaded candidate away', async () => {
    const { shell, typed } = session(OK);
    const run = commitConfirmed(ctxFor(shell), CC);
    await run.plan('');
    await run.abandon();
    expect(typed.map((t) => t[0]).slice(-2)).toEqual(['throw away', 'quit']);
  });
});

describe('stack models', () => {
  const m = (number: number, role: StackMember['role']): StackMember => ({ number, role, state: 'ready' });
  const words = { active: 'master', standby: 'backup', member: 'linecard' };
  const loss = (members: StackMember[], lost: number[], unknown: number[] = []) => ({
    members,
    lost,
    unknown,
    feed: 'A',
    lostSays: `members ${lost.join(', ')} lose power`,
    unknownSays: '',
    words,
  });

  it('active/standby: the standby takes over; both lost is an outage; in the platform’s words', () => {
    const model = stackModel('stackwise');
    expect(model.survive(loss([m(1, 'active'), m(2, 'standby'), m(3, 'member')], [1]))).toEqual({
      verdict: 'warn',
      takesOver: 2,
      says: 'failover: the master member 1 is on feed A; the backup, member 2, takes over (members 1 lose power)',
    });
    expect(model.survive(loss([m(1, 'active'), m(2, 'standby'), m(3, 'member')], [1, 2]))?.verdict).toBe('fail');
    expect(model.survive(loss([m(1, 'active'), m(3, 'member')], [1]))?.says).toContain('there is no backup to take over');
    expect(model.survive(loss([m(1, 'active'), m(2, 'standby')], [3]))).toBeUndefined();
    expect(activeStandby).toBe(model);
  });

  it('virtual chassis: the backup takes over while at least half the members are left; split detection otherwise', () => {
    const vc = stackModel('virtual-chassis');
    const three = [m(1, 'active'), m(2, 'standby'), m(3, 'member')];
    expect(vc.survive(loss(three, [1]))).toEqual({
      verdict: 'warn',
      takesOver: 2,
      says: 'failover: the master member 1 is on feed A; the backup, member 2, takes over (members 1 lose power)',
    });
    expect(vc.survive(loss(three, [1, 2]))).toMatchObject({ verdict: 'fail', says: expect.stringContaining('neither the master nor the backup') });
    // The master keeps going only with more than half: 2 of 4 is not enough without the backup.
    const four = [...three, m(4, 'member')];
    expect(vc.survive(loss(four, [2, 4]))).toMatchObject({
      verdict: 'fail',
      says: expect.stringContaining('2 of 4 members left with the master but not the backup'),
    });
    expect(vc.survive(loss(four, [3]))).toBeUndefined();
    // Whether it survives depends on a member whose feed is unknown: said, never passed.
    expect(vc.survive(loss(three, [1], [3]))).toMatchObject({ verdict: 'warn', says: expect.stringMatching(/^unknown: /) });
  });

  it('none: nobody takes over, and no standby is expected', () => {
    const none = stackModel('none');
    expect(none.survive(loss([m(1, 'active'), m(2, 'standby')], [1]))).toBeUndefined();
    expect(none.standbyExpected(2, [])).toBe(false);
    expect(stackModel(undefined)).toBe(none);
  });

  it('vsf and backplane: the standby takes over a lost conductor or commander; both lost is an outage, said the model’s way in the platform’s role words', () => {
    const three = [m(1, 'active'), m(2, 'standby'), m(3, 'member')];
    for (const [name, bothLost] of [
      ['vsf', 'no member is left to be master'],
      ['backplane', 'the members left re-elect a master and reload'],
    ] as const) {
      const model = stackModel(name);
      expect(model).not.toBe(stackModel('none'));
      expect(model.survive(loss(three, [1]))).toMatchObject({ verdict: 'warn', takesOver: 2 });
      expect(model.survive(loss(three, [1, 2]))).toMatchObject({ verdict: 'fail', says: expect.stringContaining(bothLost) });
      expect(model.survive(loss(three, [3]))).toBeUndefined();
      expect(model.standbyExpected(3, [])).toBe(true);
    }
  });
});

describe('platformOptions in the inventory', () => {
  const load = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-opts-'));
    writeFileSync(join(dir, 'a.yaml'), yaml);
    return loadInventory([join(dir, 'a.yaml')]);
  };
  const device = (opts: string) =>
    `devices:\n  - { name: a, host: 10.0.0.1, platform: cisco-ios, credentials: { username: u, password: env:SB_PASSWORD }, platformOptions: ${opts} }\n`;

  it('keeps short named options', () => {
    expect(load(device('{ pathspace: edge1 }'))[0]!.platformOptions).toEqual({ pathspace: 'edge1' });
  });

  it('refuses a bad name, an empty or multi-line value, and too many', () => {
    expect(() => load(device('{ "bad name": x }'))).toThrow(/option name/);
    expect(() => load(device('{ pathspace: "" }'))).toThrow(/must be text/);
    expect(() => load(device('{ pathspace: [1] }'))).toThrow(/must be text/);
    const many = `{ ${Array.from({ length: 17 }, (_, i) => `o${i}: x`).join(', ')} }`;
    expect(() => load(device(many))).toThrow(/at most 16 options/);
  });
});

describe('a switch that does not stack is one member', () => {
  const device = { name: 'edge1', stack: { members: [{ number: 1, feed: 'A' }] } } as unknown as Device;
  it('no stack, or the model none, and no members read: member 1, active, ready', () => {
    const one = [{ number: 1, role: 'active', state: 'ready' }];
    expect(membersOf(undefined, [])).toEqual(one);
    expect(membersOf({ ...ciscoIos.stack!, model: 'none' }, [])).toEqual(one);
    // A stacking platform that read no members did not read them: nothing is made up.
    expect(membersOf(ciscoIos.stack, [])).toEqual([]);
    const read: StackMember[] = [{ number: 2, role: 'member', state: 'ready' }];
    expect(membersOf(undefined, read)).toBe(read);
  });
  it('so the inventory’s one member (its feed) is met, and a feed loss is judged', () => {
    const members = membersOf(undefined, []);
    expect(summariseStack(members, device)).toEqual({ ready: 1, expected: 1, missing: [], active: 1 });
    expect(powerItem(device, 'A', members)).toMatchObject({ state: 'fail', reason: expect.stringMatching(/^OUTAGE: member 1 loses power/) });
  });
});

describe('masking with no platform known', () => {
  it('each line by the first platform whose patterns mask it: an IOS line reads as IOS masks it', () => {
    const lines = ['username admin privilege 15 secret 9 $9$abc', ' password 7 0822455D0A16', 'neighbor 10.0.0.1 password 7 1234ABCD', 'hostname sw1'];
    expect(maskLines(undefined, lines)).toEqual(maskLines(ciscoIos, lines));
    expect(maskLines(undefined, lines)).toEqual([
      'username admin privilege 15 secret 9 <masked>',
      ' password 7 <masked>',
      'neighbor 10.0.0.1 password 7 <masked>',
      'hostname sw1',
    ]);
  });
});
