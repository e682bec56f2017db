// Pinned SSH host keys in `backups/.known_hosts`, one per device name (not per address:
// a switch keeps its identity when renumbered, and a new switch on an old address is new).
// First contact pins the key; a different key later is refused until replaced by hand.
// The file is in the repository, so a pin or a replacement is committed with the run.
//
//   # core-stack-1 first seen 2024-05-01T02:00:03Z
//   core-stack-1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA...

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, replaceFiles } from './atomic.js';
import { assertDeviceName, KNOWN_HOSTS_FILE } from './paths.js';
import type { Store } from './repo.js';

export interface PinnedKey {
  algo: string;
  key: string;
  /** ISO 8601, when the key was first pinned (or replaced). */
  firstSeen: string;
}

export type HostKeyCheck = { status: 'new' } | { status: 'match' } | { status: 'mismatch'; expectedFingerprint: string; gotFingerprint: string };

const HEADER = [
  '# switchback: pinned SSH host keys, one line per device: name algorithm base64-key.',
  '# A different key is refused until `switchback backup --accept-new-host-key NAME`.',
];

/** `SHA256:…` as OpenSSH prints it: SHA-256 of the key blob, base64 without padding. */
export function fingerprint(keyBase64: string): string {
  return 'SHA256:' + createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('base64').replace(/=+$/, '');
}

function assertKey(algo: string, keyBase64: string): void {
  if (!/^[a-z0-9@._+-]+$/i.test(algo)) throw new Error(`invalid host key algorithm ${JSON.stringify(algo)}`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64)) throw new Error(`invalid host key: not base64`);
}

/** The file's keys by device name; throws on a damaged line. */
export function parseKnownHosts(text: string): Map<string, PinnedKey> {
  const seen = new Map<string, string>();
  const keys = new Map<string, PinnedKey>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    const date = /^#\s*(\S+) first seen (\S+)/.exec(line);
    if (date?.[1] !== undefined && date[2] !== undefined) seen.set(date[1], date[2]);
    if (line === '' || line.startsWith('#')) continue;
    const [name, algo, key, extra] = line.split(/\s+/);
    // A damaged line must not quietly turn its device into a "first contact" that trusts any key.
    if (name === undefined || algo === undefined || key === undefined || extra !== undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) {
      throw new Error(
        `${KNOWN_HOSTS_FILE} line ${i + 1} is damaged (expected "name algorithm base64-key"); fix or remove it by hand — host keys are not checked until then`,
      );
    }
    keys.set(name, { algo, key, firstSeen: seen.get(name) ?? '' });
  }
  return keys;
}

/** The file's text: the header, then each device's date comment and key line, sorted by name. */
export function serialiseKnownHosts(keys: ReadonlyMap<string, PinnedKey>): string {
  const lines = [...HEADER];
  // Sorted by name: adding one device is a two-line diff wherever it lands.
  for (const name of [...keys.keys()].sort()) {
    const k = keys.get(name);
    if (k === undefined) continue;
    if (k.firstSeen !== '') lines.push(`# ${name} first seen ${k.firstSeen}`);
    lines.push(`${name} ${k.algo} ${k.key}`);
  }
  return lines.join('\n') + '\n';
}

const file = (store: Store) => path.join(store.dir, KNOWN_HOSTS_FILE);

// A run asks for every device's pin: the file is read and parsed once and kept, and read
// again only when it is no longer the file read (its inode, size or time changed: every
// write here replaces it by rename, and a hand edit changes at least the time). Parsing it
// once per device cost the square of the fleet.
const cache = new WeakMap<Store, { stamp: string; keys: ReadonlyMap<string, PinnedKey> }>();
/** How often the file was read and parsed, per store: a test counts it. */
export const knownHostsReads = new WeakMap<Store, number>();

async function stampOf(store: Store): Promise<string> {
  const st = await stat(file(store));
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

async function load(store: Store): Promise<ReadonlyMap<string, PinnedKey>> {
  let stamp: string;
  try {
    stamp = await stampOf(store);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
    cache.delete(store);
    return new Map();
  }
  const hit = cache.get(store);
  if (hit?.stamp === stamp) return hit.keys;
  let text: string;
  try {
    text = await readFile(file(store), 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return new Map();
    throw err;
  }
  knownHostsReads.set(store, (knownHostsReads.get(store) ?? 0) + 1);
  // A damaged file throws here every time it is asked, as before: nothing is cached.
  const keys = parseKnownHosts(text);
  cache.set(store, { stamp, keys });
  return keys;
}

// A run checks many switches at once, all against this one file: read-modify-write is
// serialised per store within the process (the run lock keeps other processes out), and
// the pins that arrive while a write is under way are written together by the next one
// (a first run over a fleet writes the file a few times, not once per switch).
const queues = new WeakMap<Store, Promise<unknown>>();
function serially<T>(store: Store, job: () => Promise<T>): Promise<T> {
  const next = (queues.get(store) ?? Promise.resolve()).then(job, job);
  queues.set(
    store,
    next.catch(() => undefined),
  );
  return next;
}

export async function pinnedHostKey(store: Store, name: string): Promise<PinnedKey | undefined> {
  assertDeviceName(name);
  return (await load(store)).get(name);
}

export async function checkHostKey(store: Store, name: string, keyAlgo: string, keyBase64: string): Promise<HostKeyCheck> {
  assertKey(keyAlgo, keyBase64);
  const pinned = await pinnedHostKey(store, name);
  if (pinned === undefined) return { status: 'new' };
  if (pinned.algo === keyAlgo && pinned.key === keyBase64) return { status: 'match' };
  return { status: 'mismatch', expectedFingerprint: fingerprint(pinned.key), gotFingerprint: fingerprint(keyBase64) };
}

interface PendingUpdate {
  name: string;
  algo: string;
  key: string;
  replace: boolean;
  resolve(): void;
  reject(err: unknown): void;
}
const waiting = new WeakMap<Store, PendingUpdate[]>();

async function update(store: Store, name: string, keyAlgo: string, keyBase64: string, replace: boolean): Promise<void> {
  assertDeviceName(name);
  assertKey(keyAlgo, keyBase64);
  return new Promise<void>((resolve, reject) => {
    const batch = waiting.get(store);
    const item = { name, algo: keyAlgo, key: keyBase64, replace, resolve, reject };
    if (batch) return void batch.push(item);
    waiting.set(store, [item]);
    // Everything that asked until this write starts is written by it, each refused or kept as if alone, in order.
    void serially(store, async () => {
      const items = waiting.get(store) ?? [];
      waiting.delete(store);
      await applyUpdates(store, items);
    });
  });
}

async function applyUpdates(store: Store, items: PendingUpdate[]): Promise<void> {
  let keys: Map<string, PinnedKey>;
  try {
    keys = new Map(await load(store));
  } catch (err) {
    for (const item of items) item.reject(err);
    return;
  }
  const kept: PendingUpdate[] = [];
  let changed = false;
  for (const item of items) {
    const old = keys.get(item.name);
    if (old !== undefined && (old.algo !== item.algo || old.key !== item.key) && !item.replace) {
      item.reject(new Error(`${item.name} already has a different pinned host key (${fingerprint(old.key)}); use --accept-new-host-key ${item.name}`));
      continue;
    }
    kept.push(item);
    if (old?.algo === item.algo && old.key === item.key) continue;
    keys.set(item.name, { algo: item.algo, key: item.key, firstSeen: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
    changed = true;
  }
  try {
    if (changed) {
      await replaceFiles(store.dir, [{ file: file(store), content: serialiseKnownHosts(keys) }]);
      // What was just written is what the next look finds: no need to read it back.
      cache.set(store, { stamp: await stampOf(store), keys });
    }
  } catch (err) {
    for (const item of kept) item.reject(err);
    return;
  }
  for (const item of kept) item.resolve();
}

/** Record the key of a device seen for the first time. Refuses to overwrite a different key. */
export function pinHostKey(store: Store, name: string, keyAlgo: string, keyBase64: string): Promise<void> {
  return update(store, name, keyAlgo, keyBase64, false);
}

/** Replace a device's key (`--accept-new-host-key NAME`): the old fingerprint stays in git history. */
export function replaceHostKey(store: Store, name: string, keyAlgo: string, keyBase64: string): Promise<void> {
  return update(store, name, keyAlgo, keyBase64, true);
}
