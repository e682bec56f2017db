// Waiting for processes the peer tests started, by pid. Exited processes are reaped late on
// some machines (a daemon's parent is init, which may take its time), so neither `kill -0`
// nor a child's 'exit' event says "gone": /proc/PID/stat does (missing, or state Z/X).

import { readFileSync } from 'node:fs';

/** The process no longer runs: no /proc entry, or a zombie waiting to be reaped. */
export function gone(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  // "pid (comm) S …": the state follows the last ')' (comm may contain anything).
  const close = stat.lastIndexOf(')');
  const state = stat.slice(close + 2, close + 3);
  return state === 'Z' || state === 'X';
}

export async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (gone(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return gone(pid);
}

/** Send `signal`, wait until gone; SIGKILL if it stays. Throws when even that does not end it. */
export async function endProcess(pid: number, what: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (gone(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return; // already gone between the check and the signal
  }
  if (await waitGone(pid, 10_000)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  if (!(await waitGone(pid, 10_000))) throw new Error(`${what} (pid ${pid}) did not go away after ${signal} and SIGKILL`);
}

/** Poll `probe` until it returns a value (not undefined), or throw `failure()` after `ms`. */
export async function until<T>(ms: number, probe: () => Promise<T | undefined> | T | undefined, failure: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 50));
  }
}
