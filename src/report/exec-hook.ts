// Run the user's alert command (--exec-hook CMD): `sh -c CMD` with the alert's JSON on its
// standard input, bounded in time, killed (its whole process group) after. Its exit code
// and the end of its stderr are what it says; what it prints on stdout is read and dropped
// (the run's own output stays the run's). Returned, never thrown.

import { spawn } from 'node:child_process';
import type { AlertPayload } from './alert.js';
import type { AlertDelivery } from './delivery.js';
import { oneLine } from './delivery.js';

/**
 * The hook must end within this. A hook posts to a ticket system or a pager, or writes a
 * file: seconds. Longer than the webhook's 10 s because a script may make a request or two
 * of its own; bounded because the run it reports on is done and a scheduler's job must end.
 */
export const EXEC_HOOK_TIMEOUT_MS = 30_000;
/** After SIGTERM, this long to exit before SIGKILL: room for a script's own cleanup trap. */
export const EXEC_HOOK_GRACE_MS = 2_000;
/** The end of stderr kept for the report: a few lines of a script's complaint. */
export const STDERR_TAIL = 500;

/** A shell variable set in front of the program (`PD_TOKEN=… page-noc`): its name, never its value. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/**
 * The command as it may be printed: its program, and `…` for the rest. A command line may
 * carry a token (`curl -H 'Authorization: Bearer …'`, or `TOKEN=… page-noc`, the usual way to
 * hand a script its token): the program names it, variables set before it by name only.
 */
export function hookLabel(command: string): string {
  const words = oneLine(command, 4096).split(' ');
  const shown: string[] = [];
  for (const [i, word] of words.entries()) {
    const set = ASSIGNMENT.exec(word);
    if (set === null) return [...shown, oneLine(word, 60)].join(' ') + (i + 1 < words.length ? ' …' : '');
    shown.push(`${set[1]!.slice(0, 60)}=…`);
    // A quoted value may hold spaces: where it ends is the shell's to say, so nothing after it is shown.
    if (/^['"]/.test(word.slice(set[0].length))) return shown.join(' ') + (i + 1 < words.length ? ' …' : '');
  }
  return shown.join(' ');
}

export function runExecHook(
  command: string,
  payload: AlertPayload,
  opts: { timeoutMs?: number; graceMs?: number; /** Variables the hook must not inherit: the inventory's env: secrets. */ withhold?: readonly string[] } = {},
): Promise<AlertDelivery> {
  const timeoutMs = opts.timeoutMs ?? EXEC_HOOK_TIMEOUT_MS;
  const graceMs = opts.graceMs ?? EXEC_HOOK_GRACE_MS;
  const started = Date.now();
  const to = hookLabel(command);
  return new Promise((resolve) => {
    // Its own process group (detached), so that the kill reaches what the shell started too:
    // `sh -c 'curl …; sleep 600'` is not over when sh is.
    // The hook needs its own token (set for it, or in its own environment), never the switches'
    // passwords that the run read from the environment: those are withheld.
    const env = { ...process.env };
    for (const name of opts.withhold ?? []) delete env[name];
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env });
    let stderr = '';
    let killedAfter: number | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const group = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Gone already.
      }
    };
    // A switchback stopped mid-alert (Ctrl-C, a scheduler's kill) takes its hook with it: in a
    // group of its own, the hook would not get the terminal's or the scheduler's signal.
    const onExit = () => group('SIGTERM');
    process.once('exit', onExit);
    const finish = (d: Omit<AlertDelivery, 'target' | 'to' | 'durationMs'>) => {
      if (settled) return;
      settled = true;
      process.off('exit', onExit);
      for (const t of timers) clearTimeout(t);
      const tail = oneLine(stderr.slice(-STDERR_TAIL), STDERR_TAIL);
      resolve({ target: 'exec-hook', to, durationMs: Date.now() - started, ...d, ...(tail ? { stderrTail: tail } : {}) });
    };
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL * 4);
    });
    // A hook that exits without reading its input closes the pipe: EPIPE is its choice, not a failure.
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => finish({ outcome: 'failed', detail: `could not start sh: ${oneLine(err.message, 160)}` }));
    timers.push(
      setTimeout(() => {
        killedAfter = timeoutMs;
        group('SIGTERM');
        timers.push(
          setTimeout(() => {
            group('SIGKILL');
            // Whatever escaped the group (a daemon of its own) may hold the pipes open: stop waiting for them.
            timers.push(
              setTimeout(() => finish({ outcome: 'failed', detail: `killed after ${timeoutMs / 1000} s`, exitCode: null, signal: 'SIGKILL' }), graceMs),
            );
          }, graceMs),
        );
      }, timeoutMs),
    );
    // `close`: the exit and every pipe drained, so the stderr tail is whole.
    child.on('close', (code, signal) => {
      if (killedAfter !== undefined)
        return finish({
          outcome: 'failed',
          detail: `killed after ${killedAfter / 1000} s (no exit within the time)`,
          exitCode: code,
          ...(signal ? { signal } : {}),
        });
      if (code === 0) return finish({ outcome: 'sent', detail: 'exit 0', exitCode: 0 });
      finish({ outcome: 'failed', detail: code === null ? `ended by ${signal}` : `exit ${code}`, exitCode: code, ...(signal ? { signal } : {}) });
    });
    child.stdin.end(JSON.stringify(payload) + '\n');
  });
}
