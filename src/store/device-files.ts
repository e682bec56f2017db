// One device's folder: `running.cfg`, `startup.cfg`, `last-good.cfg`, `state.json`.
// Plain files on purpose: during an outage they must be readable with cat and git alone.

import { mkdir, readFile, stat } from 'node:fs/promises';
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

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** What the store holds for `name`; missing files (or a device never backed up) are absent keys. */
export async function readDevice(store: Store, name: string): Promise<DeviceFiles> {
  const dir = deviceDir(store.dir, name);
  const out: DeviceFiles = {};
  for (const key of TEXT_KEYS) {
    const text = await readOptional(path.join(dir, DEVICE_FILES[key]));
    if (text !== undefined) out[key] = text;
  }
  const stateFile = path.join(dir, DEVICE_FILES.state);
  const state = await readOptional(stateFile);
  if (state !== undefined) {
    try {
      out.state = JSON.parse(state) as unknown;
    } catch (err) {
      throw new Error(`${stateFile} is not valid JSON: ${(err as Error).message}`);
    }
  }
  return out;
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
