// The run lock: two runs must never write the backups repository at the same time.
//
// The lock is a file created atomically with its content (written to a temporary file,
// fsynced, then hard-linked to the lock name: link fails if the name exists, like O_EXCL,
// and a reader never sees it half-written). It names its holder so that the run that is
// refused can say who holds it.
//
// A killed run leaves its lock behind. A lock whose process is gone (same host, pid absent,
// a zombie, or a different process reusing the pid) is stale and may be removed, but two
// runs can find it stale at once, and the slower one must not remove the lock the faster
// one has just created. So removing a lock requires first creating a takeover marker named
// after that lock's unique nonce: only one run can hold it, and it re-reads the lock and
// removes it only if it is still the same one. A marker left by a run killed mid-takeover
// is itself removed the same way.

import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errnoCode, tempNameFor, writeNewFile } from './atomic.js';

export const LOCK_FILE = 'switchback.lock';

export interface LockInfo {
  pid: number;
  hostname: string;
  /** What holds it, as a person would recognise it: `switchback backup`. */
  command: string;
  /** ISO 8601. */
  startedAt: string;
  /** Unique per acquisition: tells one lock file from the next one with the same name. */
  nonce: string;
  /** Linux process start time (clock ticks since boot), to detect a reused pid. */
  procStart?: string;
}

export interface Lock {
  readonly path: string;
  readonly info: LockInfo;
  /** Set when a stale lock was taken over: a line the caller can print. */
  readonly note?: string;
  /** Remove the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export class LockHeldError extends Error {
  override name = 'LockHeldError';
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(`${dir} is locked by ${describeHolder(holder)}`);
  }
}

/** `switchback backup (pid 1234 on host, since 02:00:03)` */
export function describeHolder(h: LockInfo, now = new Date()): string {
  const since = new Date(h.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(since.getHours())}:${pad(since.getMinutes())}:${pad(since.getSeconds())}`;
  const sameDay = since.toDateString() === now.toDateString();
  const when = Number.isNaN(since.getTime())
    ? h.startedAt
    : sameDay
      ? time
      : `${since.getFullYear()}-${pad(since.getMonth() + 1)}-${pad(since.getDate())} ${time}`;
  return `${h.command} (pid ${h.pid} on ${h.hostname}, since ${when})`;
}

/** Linux: field 22 of /proc/PID/stat, and the state letter (field 3). */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const start = fields[19];
    return state !== undefined && start !== undefined ? { state, start } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder may still be running. A lock from another host is presumed alive. */
function holderAlive(h: LockInfo): boolean {
  if (h.hostname !== os.hostname()) return true;
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if (errnoCode(err) === 'ESRCH') return false;
    // EPERM: it exists, owned by someone else.
  }
  const st = procStat(h.pid);
  if (st === undefined) return true; // not Linux, or it just went: err on the side of alive
  // An exited process may linger as a zombie until its parent reaps it (late, in containers
  // whose init does not reap): it holds nothing any more.
  if (st.state === 'Z' || st.state === 'X') return false;
  // Same pid, different start time: the holder died and the pid was reused.
  if (h.procStart !== undefined && st.start !== h.procStart) return false;
  return true;
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (typeof o.pid !== 'number' || typeof o.hostname !== 'string' || typeof o.command !== 'string') return undefined;
    if (typeof o.startedAt !== 'string' || typeof o.nonce !== 'string') return undefined;
    const info: LockInfo = { pid: o.pid, hostname: o.hostname, command: o.command, startedAt: o.startedAt, nonce: o.nonce };
    if (typeof o.procStart === 'string') info.procStart = o.procStart;
    return info;
  } catch {
    return undefined;
  }
}

type ReadResult = { kind: 'held'; info: LockInfo } | { kind: 'absent' } | { kind: 'unreadable'; text: string };

async function readLock(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { kind: 'absent' };
    throw err;
  }
  const info = parseLock(text);
  return info ? { kind: 'held', info } : { kind: 'unreadable', text };
}

/** Create `file` with `content`, atomically and only if it does not exist. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const temp = tempNameFor(file) + '.lock';
  await writeNewFile(temp, content);
  try {
    await link(temp, file);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function newInfo(command: string): LockInfo {
  const info: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
  };
  const st = procStat(process.pid);
  if (st) info.procStart = st.start;
  return info;
}

const markerFor = (dir: string, nonce: string) => path.join(dir, `.switchback-takeover-${nonce}.lock`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Remove `file` if it still holds the stale lock `nonce`; true if this call removed it.
 * Returns false without removing when another run is already taking it over.
 */
async function removeStale(dir: string, file: string, nonce: string, command: string, depth = 0): Promise<boolean> {
  const marker = markerFor(dir, nonce);
  if (!(await createExclusive(marker, JSON.stringify(newInfo(`${command} (taking over a stale lock)`))))) {
    const m = await readLock(marker);
    // The marker's owner died mid-takeover: clear its marker the same way, then retry later.
    if (m.kind === 'held' && !holderAlive(m.info) && depth < 3) {
      await removeStale(dir, marker, m.info.nonce, command, depth + 1);
    }
    return false;
  }
  try {
    const again = await readLock(file);
    // Only we may remove the lock with this nonce now, so this check cannot go stale.
    if (again.kind !== 'held' || again.info.nonce !== nonce) return false;
    await unlink(file);
    return true;
  } finally {
    await unlink(marker).catch(() => undefined);
  }
}

/**
 * Take the lock of the backups directory `dir` (created, private, if missing).
 * Throws LockHeldError naming the holder if another live run has it.
 */
export async function acquireLock(dir: string, holder: { command: string }): Promise<Lock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, LOCK_FILE);
  const info = newInfo(holder.command);
  let note: string | undefined;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await createExclusive(file, JSON.stringify(info, null, 2) + '\n')) return held(file, info, note);
    const current = await readLock(file);
    if (current.kind === 'absent') continue; // released between our two looks
    if (current.kind === 'unreadable') {
      // Ours are never partial (link is atomic), so this is not ours to delete.
      throw new Error(`${file} is not a switchback lock (${JSON.stringify(current.text.slice(0, 80))}); remove it if no switchback is running`);
    }
    if (holderAlive(current.info)) throw new LockHeldError(dir, current.info);
    if (await removeStale(dir, file, current.info.nonce, holder.command)) {
      note ??= `took over a stale lock: ${describeHolder(current.info)} is no longer running`;
    }
    await sleep(5 + Math.random() * 20);
  }
  throw new Error(`could not take the lock ${file}: it keeps changing hands`);
}

// Normal exit (including process.exit) releases what is still held; one listener for all.
// A killed run cannot, and leaves a stale lock for the next run to take over.
const stillHeld = new Map<string, string>(); // lock file → our nonce
let exitHookInstalled = false;
function releaseAllSync(): void {
  for (const [file, nonce] of stillHeld) {
    try {
      if (parseLock(readFileSync(file, 'utf8'))?.nonce === nonce) unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

function held(file: string, info: LockInfo, note: string | undefined): Lock {
  stillHeld.set(file, info.nonce);
  if (!exitHookInstalled) {
    process.once('exit', releaseAllSync);
    exitHookInstalled = true;
  }
  const lock: Lock = {
    path: file,
    info,
    async release() {
      if (stillHeld.get(file) === info.nonce) stillHeld.delete(file);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined && parseLock(text)?.nonce === info.nonce) await unlink(file).catch(() => undefined);
    },
  };
  return note === undefined ? lock : { ...lock, note };
}
