// The contract's session-side fields for the platforms not built yet, against scripted
// sessions (no vendor's data: commands are made up in each vendor's shape):
// - commit-confirmed with the target TYPED line by line (a configuration session that is
//   cleared, typed, compared and committed with a timer; or a rollback timer started first
//   and the differences typed straight into running) instead of a terminal load;
// - a save that asks before saving (`persist.questions`), answered;
// - a logout that asks whether to save (`session.logout`): answered no, never saved.

import { describe, expect, it } from 'vitest';
import type { DeviceShell } from '../../src/jobs/capture.js';
import { cliDialect } from '../../src/jobs/capture.js';
import { persistAndCheck } from '../../src/jobs/restore.js';
import { commitConfirmed } from '../../src/jobs/strategies/commit-confirmed.js';
import type { PushReport } from '../../src/jobs/strategies/types.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import type { CommitConfirmedStrategy, ConfigSyntax, Platform, PlatformConfigure } from '../../src/platforms/platform.js';
import { startCliEngine } from '../../src/transport/cli-engine.js';
import type { Channel, CliDialect, Typed, TypingDialect } from '../../src/transport/cli-engine.js';

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
  unmanaged: [/^end$/],
  negate: (line) => `no ${line}`,
  replaces: (added, removed) => added.split(' ')[0] === removed.split(' ')[0] && !added.startsWith('interface'),
  execLevel: [],
  typeBanner: (unit) => unit,
};

/** A configuration session: entered, cleared, typed, compared; a commit with a timer; confirmed inside the session. */
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

/** A rollback timer started in exec mode, the differences typed into running, confirmed in exec mode. */
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

const platformWith = (cc: CommitConfirmedStrategy): Platform => ({
  ...ciscoIos,
  name: 'made-up',
  label: 'Made-up OS',
  syntax: SYNTAX,
  errors: [/^% /m],
  restore: [cc, { kind: 'line-merge', configure: CONFIGURE }],
});

/** A session whose prompt follows configuration mode; each typed step answered from `answers` (by its first line). */
function scripted(answers: Record<string, string>, enters: string[]) {
  const typed: string[] = [];
  let inConfig = false;
  const shell: DeviceShell = {
    engine: {
      info: { hostname: 'a', prompt: 'a#' },
      run: async () => '',
      type: async (lines: string[], d: TypingDialect): Promise<Typed> => {
        const line = lines[0]!;
        typed.push(line);
        if (enters.includes(line)) inConfig = true;
        if (line === 'end' || line === 'abort') inConfig = false;
        const output = answers[line] ?? '';
        const error = output.split('\n').find((l) => d.errors.some((re) => re.test(l)));
        return { output, prompt: inConfig ? 'a(config-s-sb)#' : 'a#', ...(error ? { error } : {}) };
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

const ctxFor = (shell: DeviceShell, cc: CommitConfirmedStrategy, target: string) => ({
  shell,
  device: { name: 'a' } as never,
  platform: platformWith(cc),
  target,
  longStepMs: 60_000,
});

const RUNNING = 'hostname a\ninterface e1\n description old\nend\n';
const TARGET = 'hostname b\ninterface e1\n description new\nend\n';
const push = (of: number): PushReport => ({ typed: 0, of, rejected: [], skipped: [] });

describe('commit-confirmed with the target typed into a configuration session', () => {
  const DIFFS = '--- running\n+++ session\n-hostname a\n+hostname b\n interface e1\n-   description old\n+   description new';

  it('clears the session, types the whole target in place, shows the switch’s diff, commits with a timer, confirms once verified', async () => {
    const { shell, typed } = scripted({ 'show session-config diffs': DIFFS }, ['configure session sb']);
    const run = commitConfirmed(ctxFor(shell, SESSION, TARGET), SESSION);
    const { plan, changes } = await run.plan(RUNNING);
    expect(typed).toEqual([
      'configure session sb',
      'rollback clean-config',
      'hostname b',
      'interface e1',
      'description new',
      'exit',
      'show session-config diffs',
    ]);
    expect(plan).toMatchObject({ add: 2, remove: 2 });
    expect(changes).toBe(4);
    await run.apply(push(changes));
    expect(typed.slice(-2)).toEqual(['commit timer 00:05:00', 'end']);
    expect(run.verify(TARGET).same).toBe(true);
    expect(await run.confirm!()).toBe(true);
    expect(typed.slice(-3)).toEqual(['configure session sb', 'commit', 'end']);
  });

  it('a line the session refuses aborts the session: nothing of it is committed', async () => {
    const { shell, typed } = scripted({ 'description new': '% Invalid input' }, ['configure session sb']);
    const run = commitConfirmed(ctxFor(shell, SESSION, TARGET), SESSION);
    await expect(run.plan(RUNNING)).rejects.toMatchObject({ stage: 'push', message: expect.stringContaining('refused 1 line(s)') });
    expect(typed.slice(-2)).toEqual(['abort', 'end']);
    expect(typed).not.toContain('commit timer 00:05:00');
  });

  it('a dry run aborts the typed session', async () => {
    const { shell, typed } = scripted({ 'show session-config diffs': DIFFS }, ['configure session sb']);
    const run = commitConfirmed(ctxFor(shell, SESSION, TARGET), SESSION);
    await run.plan(RUNNING);
    await run.abandon();
    expect(typed.slice(-2)).toEqual(['abort', 'end']);
  });

  it('a strategy with a typed load and no line-merge data is refused with why', () => {
    const { shell } = scripted({}, []);
    const ctx = { ...ctxFor(shell, SESSION, TARGET), platform: { ...platformWith(SESSION), restore: [SESSION] } };
    expect(() => commitConfirmed(ctx, SESSION)).toThrow(/a typed load needs the platform's line-merge data/);
  });
});

describe('commit-confirmed with the rollback timer first and the differences typed into running', () => {
  const answers = { 'checkpoint auto 5': 'Auto checkpoint mode expires in 5 minute(s)', 'checkpoint auto confirm': 'checkpoint AUTO20170801011154 created' };

  it('plans from what runs without typing, starts the timer, types the differences, confirms in exec mode', async () => {
    const { shell, typed } = scripted(answers, ['conf t']);
    const run = commitConfirmed(ctxFor(shell, TIMER_FIRST, TARGET), TIMER_FIRST);
    const { plan, changes } = await run.plan(RUNNING);
    expect(typed).toEqual([]);
    expect(plan.lines).toEqual(['+ hostname b', '  interface e1', '+  description new']);
    expect(changes).toBe(2);
    const p = push(changes);
    await run.apply(p);
    expect(typed).toEqual(['checkpoint auto 5', 'conf t', 'hostname b', 'interface e1', 'description new', 'end']);
    expect(p.typed).toBe(2);
    expect(await run.confirm!()).toBe(true);
    expect(run.pending!()).toBeUndefined();
    expect(typed.at(-1)).toBe('checkpoint auto confirm');
  });

  it('a result that is not verified is never confirmed: the switch rolls back by itself', async () => {
    const { shell, typed } = scripted({ ...answers, 'description new': '% Invalid input' }, ['conf t']);
    const run = commitConfirmed(ctxFor(shell, TIMER_FIRST, TARGET), TIMER_FIRST);
    const { changes } = await run.plan(RUNNING);
    const p = push(changes);
    await run.apply(p);
    expect(p.rejected).toEqual([{ line: '  interface e1\n+  description new', error: '% Invalid input' }]);
    expect(run.pending!()).toMatch(/^not confirmed: .*within 5 min/);
    expect(typed).not.toContain('checkpoint auto confirm');
  });

  it('a timer the switch does not start stops before anything is typed', async () => {
    const { shell, typed } = scripted({ 'checkpoint auto 5': '% Checkpoint auto mode is already active' }, ['conf t']);
    const run = commitConfirmed(ctxFor(shell, TIMER_FIRST, TARGET), TIMER_FIRST);
    const { changes } = await run.plan(RUNNING);
    await expect(run.apply(push(changes))).rejects.toMatchObject({ stage: 'push' });
    expect(typed).toEqual(['checkpoint auto 5']);
  });
});

// ---------------------------------------------------------------- questions around saving and leaving

/** A channel that answers each write from `script` (by what was written), recording every write; `close` ends it. */
function channelFrom(first: string, script: (written: string, say: (text: string) => void, close: () => void) => void) {
  let listener: ((b: Buffer) => void) | undefined;
  let onClose: ((reason: string) => void) | undefined;
  const written: string[] = [];
  let closed = false;
  const say = (t: string) => setImmediate(() => listener?.(Buffer.from(t)));
  const close = () =>
    setImmediate(() => {
      closed = true;
      onClose?.('closed by the device');
    });
  const channel: Channel = {
    write(text) {
      written.push(text);
      script(text, say, close);
    },
    onData(l) {
      listener = l;
      say(first);
    },
    onClose(l) {
      onClose = l;
    },
  };
  return { channel, written, isClosed: () => closed };
}

const DIALECT: CliDialect = { prompt: /^([\w.-]+)[#>] ?$/, loginQuestions: [], setup: [], pagers: [], pagerKey: ' ' };

describe('a save that asks before saving (persist.questions)', () => {
  const running = 'hostname sw1\n!\nend\n';
  const platform: Platform = {
    ...ciscoIos,
    prompt: /^([\w.-]+)[#>] ?$/,
    persist: {
      kind: 'save',
      command: 'copy running-config startup-config',
      ok: /Configuration Saved!/,
      words: 'copy running-config startup-config',
      questions: [{ pattern: /\(y\/n\)\s*$/, answer: 'y' }],
    },
  };

  it('answers the question as the platform says, sees the success text and checks startup', async () => {
    const s = channelFrom('sw1# ', (w, say) => {
      if (w === 'copy running-config startup-config\n')
        say('copy running-config startup-config\r\n\r\nThis operation may take a few minutes.\r\n\r\nAre you sure you want to save? (y/n) ');
      else if (w === 'y') say('y\r\n\r\nConfiguration Saved!\r\nsw1# ');
      else if (w === 'show startup-config\n') say('show startup-config\r\nhostname sw1\r\n!\r\nend\r\n\r\nsw1# ');
    });
    const engine = await startCliEngine(s.channel, DIALECT, { commandTimeoutMs: 10_000, settleMs: 20 });
    const shell = {
      engine,
      hostKey: { algo: 'ssh-ed25519', base64: '' },
      exec: async () => ({ code: 0, stdout: '', stderr: '' }),
      options: {},
      deadline: 0,
      close: () => undefined,
    };
    expect(await persistAndCheck(shell as DeviceShell, platform, running)).toEqual({ state: 'saved' });
    expect(s.written).toEqual(['copy running-config startup-config\n', 'y', 'show startup-config\n']);
  });
});

describe('a logout that asks whether to save (session.logout)', () => {
  const LOGOUT = {
    command: 'logout',
    questions: [
      { pattern: /Do you want to log out \[y\/n\]\? ?$/, answer: 'y' },
      // Saving is switchback's decision (persist), never a side effect of leaving.
      { pattern: /Do you want to save current configuration \[y\/n(?:\/\^C)?\]\? ?$/, answer: 'n' },
    ],
  };

  it('logs out, answers no to saving, and waits for the device to hang up', async () => {
    const s = channelFrom('sw1# ', (w, say, close) => {
      if (w === 'logout\n') say('logout\r\n\r\nDo you want to log out [y/n]? ');
      else if (w === 'y') say('y\r\n\r\nDo you want to save current configuration [y/n/^C]? ');
      else if (w === 'n') {
        say('n\r\n');
        close();
      }
    });
    const engine = await startCliEngine(s.channel, { ...DIALECT, logout: LOGOUT }, { commandTimeoutMs: 10_000, settleMs: 20 });
    await engine.logout!();
    expect(s.written).toEqual(['logout\n', 'y', 'n']);
    expect(s.isClosed()).toBe(true);
  });

  it('answers no question it does not know (the caller closes the session)', async () => {
    const s = channelFrom('sw1# ', (w, say) => {
      if (w === 'logout\n') say('logout\r\nReally save everything to flash now? [yes/no] ');
    });
    const engine = await startCliEngine(s.channel, { ...DIALECT, logout: LOGOUT }, { commandTimeoutMs: 300, settleMs: 20 });
    await engine.logout!();
    expect(s.written).toEqual(['logout\n']);
  });

  it('comes from the platform’s session, and a platform without one gets no logout', async () => {
    expect(cliDialect({ ...ciscoIos, session: { ...ciscoIos.session, logout: LOGOUT } }, {}).logout).toEqual(LOGOUT);
    expect(cliDialect(ciscoIos, {}).logout).toBeUndefined();
    const s = channelFrom('sw1# ', () => undefined);
    const engine = await startCliEngine(s.channel, DIALECT, { commandTimeoutMs: 10_000, settleMs: 20 });
    expect(engine.logout).toBeUndefined();
  });
});
