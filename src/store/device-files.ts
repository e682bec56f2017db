// One device's folder: `running.cfg`, `startup.cfg`, `last-good.cfg`, `state.json`.
// Plain files on purpose: during an outage they must be readable with cat and git alone.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, replaceFiles } from './atomic.js';
import { DEVICE_FILES, deviceDir } from './paths.js';
import type { Store } from './repo.js';

export interface DeviceFiles {
  running?: string;
  startup?: string;
  lastGood?: string;
  /** Parsed state.json, as stored; the caller validates its shape. */
  state?: unknown;
}

export interface DeviceWrite {
  running?: string;
  startup?: string;
  lastGood?: string;
  state?: object;
}

type TextKey = 'running' | 'startup' | 'lastGood';
const TEXT_KEYS: TextKey[] = ['running', 'startup', 'lastGood'];

/**
 * state.json as written: keys sorted at every level and two-space indentation with a final
 * newline, so that the same state always gives the same bytes (no diff, no commit) and a
 * changed value shows up as a one-line diff.
 */
export function stateJson(state: object): string {
  const sorted = (_key: string, value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = (value as Record<string, unknown>)[k];
    return out;
  };
  return JSON.stringify(state, sorted, 2) + '\n';
}

/**
 * Buffers the text files of one device are read into, reused from device to device: a check
 * of 5,000 devices reads hundreds of megabytes, and a fresh buffer per file is that much
 * memory for the garbage collector to reclaim. Only readDevice uses them, between two awaits.
 */
const scratch: (Buffer | undefined)[] = [];
/** Buffers up to this size are kept for the next device (a typical config is well under it). */
const KEEP_BYTES = 1024 * 1024;

/**
 * The file's bytes into scratch[slot] (a view of them), or undefined when it does not exist.
 * Read synchronously on purpose: a check of 5,000 devices reads 20,000 small files, and four
 * thread-pool round trips per file (open, stat, read, close) cost more than the reads; a file
 * of a few hundred kilobytes from the page cache takes well under a millisecond.
 */
function readOptional(file: string, slot: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    let buf = scratch[slot];
    const size = fstatSync(fd).size;
    if (!buf || buf.length < size + 1) buf = scratch[slot] = Buffer.allocUnsafe(Math.max(size + 1, 64 * 1024));
    let used = 0;
    for (;;) {
      // The file may have grown since fstat: read until the end, growing the buffer.
      if (used === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, used);
        buf = scratch[slot] = bigger;
      }
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
    }
    return buf.subarray(0, used);
  } finally {
    closeSync(fd);
  }
}

/** What the store holds for `name`; missing files (or a device never backed up) are absent keys. */
export async function readDevice(store: Store, name: string): Promise<DeviceFiles> {
  const dir = deviceDir(store.dir, name);
  const out: DeviceFiles = {};
  // A device's files are mostly the same text (running saved, running its last good): a file
  // with the same bytes as one already read is that same string, decoded once, and callers
  // comparing them with === compare two references. No await until every file is decoded:
  // the buffers are shared.
  const read: { bytes: Buffer; text: string }[] = [];
  TEXT_KEYS.forEach((key, slot) => {
    const bytes = readOptional(path.join(dir, DEVICE_FILES[key]), slot);
    if (bytes === undefined) return;
    let text = read.find((r) => r.bytes.equals(bytes))?.text;
    if (text === undefined) read.push({ bytes, text: (text = bytes.toString('utf8')) });
    out[key] = text;
  });
  // A buffer grown for an unusually large config is not kept for the life of the process.
  for (let slot = 0; slot < scratch.length; slot++) if ((scratch[slot]?.length ?? 0) > KEEP_BYTES) scratch[slot] = undefined;
  const stateFile = path.join(dir, DEVICE_FILES.state);
  const state = readOptional(stateFile, TEXT_KEYS.length)?.toString('utf8');
  if (state !== undefined) out.state = parseState(stateFile, state);
  return out;
}

/**
 * One device's state.json alone, parsed as stored (the caller validates its shape); undefined
 * when there is none: what `check --snmp` compares with, without the configs readDevice reads
 * (a 1,000-switch store holds hundreds of MB of them). Rejects on invalid JSON or a bad name.
 */
export async function readDeviceState(store: Store, name: string): Promise<unknown> {
  const file = path.join(deviceDir(store.dir, name), DEVICE_FILES.state);
  const text = readOptional(file, TEXT_KEYS.length)?.toString('utf8');
  return text === undefined ? undefined : parseState(file, text);
}

function parseState(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Whether `name` has a backup in the store (its running.cfg), committed or not. */
export async function hasBackup(store: Store, name: string): Promise<boolean> {
  return stat(path.join(deviceDir(store.dir, name), DEVICE_FILES.running)).then(
    () => true,
    (err: unknown) => {
      if (errnoCode(err) === 'ENOENT') return false;
      throw err;
    },
  );
}

/**
 * Replace the given files of `name` (others are left alone). Everything is serialised and
 * written to temporary files before any file is replaced, so a failure leaves the device's
 * previous files exactly as they were.
 */
export async function writeDevice(store: Store, name: string, files: DeviceWrite): Promise<void> {
  const dir = deviceDir(store.dir, name);
  const writes: { file: string; content: string }[] = [];
  for (const key of TEXT_KEYS) {
    const content = files[key];
    if (content !== undefined) writes.push({ file: path.join(dir, DEVICE_FILES[key]), content });
  }
  if (files.state !== undefined) writes.push({ file: path.join(dir, DEVICE_FILES.state), content: stateJson(files.state) });
  if (writes.length === 0) return;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await replaceFiles(dir, writes);
}
