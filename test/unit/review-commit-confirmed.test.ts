// Review (h-review): the restore job with a commit-confirmed strategy, end to end through
// restoreDevice against a scripted session (capture, host key and platform lookup mocked).
// Each `it` states what the mission asks (the review's failing cases, fixed on h-fix, and the fixes' own).

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceShell } from '../../src/jobs/capture.js';
import type { CommitConfirmedStrategy, ConfigSyntax, Platform, PlatformConfigure } from '../../src/platforms/platform.js';
import type { Typed, TypingDialect } from '../../src/transport/cli-engine.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';

const SYNTAX: ConfigSyntax = { comment: /^\s*!/, hierarchy: 'indent', complete: /^end\s*$/m, completeSays: 'no `end` line' };

const CONFIGURE: PlatformConfigure = {
  enter: 'conf t',
  leave: 'end',
  up: 'exit',
  inConfigMode: /\(config[^)]*\)#$/,
  topLevel: /\(config\)#$/,
  errors: [/^% /m],
  refusalShown: (e) => e,
  questions: [],
  unknownQuestion: /\?\s*$/,
  decline: 'n',
  wholeBlocks: [],
  groupOf: () => undefined,
  unmanaged: [/^end$/, /^version /],
  // A physical port cannot be removed.
  negate: (line) => (/^interface e/.test(line.trim()) ? undefined : `no ${line.trim()}`),
  replaces: (added, removed) => added.trim().split(' ')[0] === removed.trim().split(' ')[0] && !added.trim().startsWith('interface'),
  execLevel: [],
  typeBanner: (unit) => unit,
};

/** AOS-CX shape: timer first in exec mode, differences typed into running, confirmed in exec mode; the save is `write memory`. */
const TIMER_FIRST: CommitConfirmedStrategy = {
  kind: 'commit-confirmed',
  enter: 'conf t',
  entered: /^$/,
  load: { kind: 'typed', timerFirst: true },
  compare: '',
  confirmed: (m) => `checkpoint auto ${m}`,
  confirmedOk: /expires in \d+ minute/,
  commit: () => 'checkpoint auto confirm',
  commitOk: /created/,
  discard: 'end',
  leave: 'end',
  errors: [/^% /m],
  minutes: 5,
};

/** EOS shape: a configuration session, cleared and typed, committed with a timer; the save is `write memory`. */
const SESSION: CommitConfirmedStrategy = {
  kind: 'commit-confirmed',
  enter: 'configure session sb',
  entered: /^$/,
  load: { kind: 'typed', clear: 'rollback clean-config' },
  compare: 'show session-config diffs',
  confirmed: (m) => `commit timer 00:0${m}:00`,
  confirmedOk: /^$/,
  commit: () => 'commit',
  commitOk: /^$/,
  discard: 'abort',
  leave: 'end',
  errors: [/^% /m],
  minutes: 5,
};

const platformWith = (cc: CommitConfirmedStrategy): Platform => ({
  ...ciscoIos,
  name: 'made-up',
  label: 'Made-up OS',
  syntax: SYNTAX,
  errors: [/^% /m],
  restore: [cc, { kind: 'line-merge', configure: CONFIGURE }],
  startup: { from: 'command', command: 'show startup-config' },
  persist: { kind: 'save', command: 'write memory', ok: /\[OK\]/, words: 'write memory' },
});

// ---- the scripted switch
const sw = {
  platform: platformWith(TIMER_FIRST),
  running: '',
  startup: '',
  typed: [] as string[],
  ran: [] as string[],
  answers: {} as Record<string, string>,
  /** Reading running back fails from the n-th read on (a dropped session). */
  dropReadFrom: Infinity,
  reads: 0,
  /** Running after the apply, as the switch prints it. */
  after: '',
  /** Typed lines that get no answer (the session drops, or the prompt never comes back). */
  lost: [] as string[],
};

function shellOf(): DeviceShell {
  let inConfig = false;
  return {
    engine: {
      info: { hostname: 'a', prompt: 'a#' },
      run: async (command: string) => {
        sw.ran.push(command);
        if (command === 'write memory') {
          sw.startup = sw.running;
          return '[OK]';
        }
        if (command === 'show startup-config') return sw.startup;
        return '';
      },
      type: async (lines: string[], d: TypingDialect): Promise<Typed> => {
        const line = lines[0]!;
        sw.typed.push(line);
        if (sw.lost.includes(line)) throw new Error(`connection closed while typing ${JSON.stringify(line)}`);
        if (line === 'conf t' || line.startsWith('configure session ')) inConfig = true;
        if (line === 'end' || line === 'abort') inConfig = false;
        if (line === 'checkpoint auto 5' || line.startsWith('commit timer')) sw.running = sw.after;
        const output = sw.answers[line] ?? '';
        const error = output.split('\n').find((l) => d.errors.some((re) => re.test(l)));
        return { output, prompt: inConfig ? 'a(config)#' : 'a#', ...(error ? { error } : {}) };
      },
    },
    hostKey: { algo: 'ssh-ed25519', base64: '' },
    exec: async () => ({ code: 0, stdout: '', stderr: '' }),
    options: {},
    deadline: Date.now() + 60_000,
    close: () => undefined,
  };
}

vi.mock('../../src/jobs/pinned-key.js', () => ({
  pinnedCheck: async () => ({ pinned: { algo: 'ssh-ed25519', base64: '' }, verify: () => true, algorithms: ['ssh-ed25519'] }),
}));
vi.mock('../../src/platforms/index.js', () => ({ platformByName: () => sw.platform, PLATFORM_NAMES: ['made-up'] }));
vi.mock('../../src/jobs/capture.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/jobs/capture.js')>();
  return {
    ...orig,
    openDeviceShell: async () => shellOf(),
    readRunning: async () => {
      sw.reads++;
      if (sw.reads >= sw.dropReadFrom) throw new orig.CaptureError('closed', 'connection closed while running "show running-config"');
      return sw.running;
    },
  };
});

const { restoreDevice } = await import('../../src/jobs/restore.js');

const device = { name: 'a', platform: 'made-up', timeouts: { deviceMs: 60_000, commandMs: 10_000 } } as never;
const targetOf = (text: string) => ({ text, label: 'last good', commit: null });

const RUNNING = 'hostname a\ninterface e1\n description old\nend\n';
const TARGET = 'hostname b\ninterface e1\n description new\nend\n';

beforeEach(() => {
  Object.assign(sw, { platform: platformWith(TIMER_FIRST), typed: [], ran: [], answers: {}, dropReadFrom: Infinity, reads: 0, lost: [] });
  sw.answers = { 'checkpoint auto 5': 'Auto checkpoint mode expires in 5 minute(s)', 'checkpoint auto confirm': 'checkpoint AUTO1 created' };
});

describe('review: commit-confirmed through restoreDevice', () => {
  it('a confirmed restore on a platform whose persist is a save is saved (write memory) before it is called saved', async () => {
    sw.running = RUNNING;
    sw.startup = RUNNING;
    sw.after = TARGET;
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r.status).toBe('verified');
    expect(sw.typed).toContain('checkpoint auto confirm');
    // The report says saved; what the switch boots with must then be the target.
    if (r.status === 'verified' && r.save.state === 'saved') expect(sw.startup).toBe(TARGET);
    expect(sw.ran).toContain('write memory');
  });

  it('nothing to change, --save asked, startup differs: it is saved, not reported as --no-save', async () => {
    sw.running = TARGET;
    sw.startup = RUNNING; // unsaved
    sw.after = TARGET;
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r.status).toBe('verified');
    if (r.status !== 'verified') return;
    expect(r.save).not.toEqual({ state: 'not-saved', why: 'no-save' });
  });

  it('a line the platform cannot remove (left by the plan) does not fail the verification (as in line-merge)', async () => {
    sw.running = 'hostname a\ninterface e1\n description old\ninterface e9\nend\n';
    sw.startup = sw.running;
    sw.after = 'hostname b\ninterface e1\n description new\ninterface e9\nend\n';
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: false, dryRun: false });
    expect(r.status).toBe('verified');
  });

  it('an unmanaged line that changed on its own (a version after an upgrade) does not fail the verification', async () => {
    sw.running = 'version 2\nhostname a\ninterface e1\n description old\nend\n';
    sw.startup = sw.running;
    sw.after = 'version 2\nhostname b\ninterface e1\n description new\nend\n';
    const r = await restoreDevice(device, targetOf('version 1\n' + TARGET), { store: null, save: false, dryRun: false });
    expect(r.status).toBe('verified');
  });

  it('the session drops after the timer started and before the read-back: the report says the switch rolls back by itself', async () => {
    sw.running = RUNNING;
    sw.startup = RUNNING;
    sw.after = TARGET;
    sw.dropReadFrom = 2;
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.stage).toBe('verify');
    expect(r.reason).toMatch(/roll(s)? back/);
  });

  it('a dry run whose candidate cannot be thrown away does not report a clean plan', async () => {
    sw.platform = platformWith(SESSION);
    sw.running = RUNNING;
    sw.after = TARGET;
    sw.answers = { 'show session-config diffs': '-hostname a\n+hostname b', abort: '% Cannot abort session sb' };
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: true });
    expect(sw.typed).toContain('abort');
    // The switch still holds a session with the whole target in it (secrets included).
    expect(r.status).not.toBe('planned');
  });

  it('a failed verification is left to roll back, reported failed with why', async () => {
    sw.running = RUNNING;
    sw.startup = RUNNING;
    sw.after = 'hostname b\ninterface e1\n description old\nend\n';
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r).toMatchObject({ status: 'failed', stage: 'verify', reason: expect.stringContaining('rolls back') });
    expect(sw.typed).not.toContain('checkpoint auto confirm');
  });
});

// ---- the fixes, beyond the review's cases
const commitPlatform = (cc: CommitConfirmedStrategy): Platform => ({
  ...platformWith(cc),
  startup: { from: 'none', why: 'the committed configuration boots' },
  persist: { kind: 'commit', words: 'commit' },
});

describe('commit-confirmed: confirming, saving, and what is left to roll back', () => {
  beforeEach(() => {
    sw.running = RUNNING;
    sw.startup = RUNNING;
    sw.after = TARGET;
  });

  it('where the commit is the save, the confirmation is the save: saved, no other save typed', async () => {
    sw.platform = commitPlatform(TIMER_FIRST);
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r).toMatchObject({ status: 'verified', save: { state: 'saved' } });
    expect(sw.typed).toContain('checkpoint auto confirm');
    expect(sw.ran).not.toContain('write memory');
  });

  it('where the commit is the save, --no-save is refused before anything is typed', async () => {
    sw.platform = commitPlatform(TIMER_FIRST);
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: false, dryRun: false });
    expect(r).toMatchObject({ status: 'failed', stage: 'platform', reason: expect.stringContaining('--no-save') });
    expect(sw.typed).toEqual([]);
  });

  it('--no-save where the save is separate: confirmed (no rollback), not saved, and the result says both', async () => {
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: false, dryRun: false });
    expect(r).toMatchObject({ status: 'verified', save: { state: 'not-saved', why: 'no-save', confirmed: true } });
    expect(sw.typed).toContain('checkpoint auto confirm');
    expect(sw.ran).not.toContain('write memory');
    expect(sw.startup).toBe(RUNNING);
  });

  it('a confirmation the switch refuses: save failed, the switch rolls back by itself, nothing saved', async () => {
    sw.answers['checkpoint auto confirm'] = '% No checkpoint to confirm';
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r).toMatchObject({ status: 'verified', save: { state: 'failed', rollsBack: expect.stringContaining('not confirmed') } });
    if (r.status === 'verified' && r.save.state === 'failed') expect(r.save.reason).toMatch(/rolls back .* within 5 min/);
    expect(sw.ran).not.toContain('write memory');
  });

  it('a confirmation that gets no answer: unknown whether it took, and what happens if not', async () => {
    sw.lost = ['checkpoint auto confirm'];
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r).toMatchObject({
      status: 'verified',
      save: { state: 'failed', reason: expect.stringContaining('unknown whether the confirmation took; if not') },
    });
  });

  it('a commit with a rollback that gets no answer: failed, unknown whether it took, and the rollback if it did', async () => {
    sw.platform = platformWith(SESSION);
    sw.answers = { 'show session-config diffs': '-hostname a\n+hostname b' };
    sw.lost = ['commit timer 00:05:00'];
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r).toMatchObject({ status: 'failed', stage: 'push', reason: expect.stringContaining('unknown whether the commit with an automatic rollback took') });
  });

  it('a line refused after the timer started: failed, and the switch rolls back by itself', async () => {
    sw.answers['description new'] = '% Invalid input';
    sw.platform = { ...platformWith(TIMER_FIRST) };
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    // The refusal is reported with the line; the switch is not verified, and nothing is confirmed.
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.reason).toMatch(/1 line\(s\) refused.*not confirmed: the switch rolls back .* within 5 min/);
    expect(r.push?.rejected).toEqual([{ line: '  interface e1\n+  description new', error: '% Invalid input' }]);
    expect(sw.typed).not.toContain('checkpoint auto confirm');
  });

  it('a failed verification keeps which lines differ in the result', async () => {
    sw.after = 'hostname b\ninterface e1\n description old\nend\n';
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    expect(r).toMatchObject({
      status: 'failed',
      stage: 'verify',
      verification: { same: false, missing: expect.arrayContaining([expect.stringContaining('description new')]) },
    });
  });

  it('a dry run that throws its candidate away cleanly is a plan', async () => {
    sw.platform = platformWith(SESSION);
    sw.answers = { 'show session-config diffs': '-hostname a\n+hostname b' };
    const r = await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: true });
    expect(r.status).toBe('planned');
    expect(sw.typed.slice(-2)).toEqual(['abort', 'end']);
  });

  it('a question that fails (stdin closed) throws the candidate away', async () => {
    sw.platform = platformWith(SESSION);
    sw.answers = { 'show session-config diffs': '-hostname a\n+hostname b' };
    const r = await restoreDevice(device, targetOf(TARGET), {
      store: null,
      save: true,
      dryRun: false,
      confirm: async () => {
        throw new Error('stdin closed before an answer');
      },
    });
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringContaining('stdin closed') });
    expect(sw.typed.slice(-2)).toEqual(['abort', 'end']);
    expect(sw.typed).not.toContain('commit timer 00:05:00');
  });

  it('a named candidate gets a random name, the same at load and at confirmation', async () => {
    sw.platform = platformWith({ ...SESSION, enter: (name) => `configure session ${name}` });
    sw.answers = { 'show session-config diffs': '-hostname a\n+hostname b' };
    await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: false });
    const entered = sw.typed.filter((l) => l.startsWith('configure session '));
    expect(entered).toHaveLength(2);
    expect(entered[0]).toMatch(/^configure session switchback-[0-9a-f]{8}$/);
    expect(entered[1]).toBe(entered[0]);
    await restoreDevice(device, targetOf(TARGET), { store: null, save: true, dryRun: true });
    expect(sw.typed.filter((l) => l.startsWith('configure session ')).at(-1)).not.toBe(entered[0]);
  });
});
