// What `switchback watch` remembers across restarts, in one small JSON file beside the
// store's run status (`<backups>/.watch-state.json`, ignored by the repository like
// `.run-status.json`, written atomically): per device the last event, the last check's
// verdict and the fingerprint of its findings, the last alert's fingerprint and time — so a
// restart (a deploy, a crash, the host rebooting in the same power event) does not alert the
// same finding again — the automatic restores of the rate limit's window, and the trap
// receiver's SNMP engine ID (a switch that sends v3 informs caches it). A missing or damaged
// file is an empty memory: at worst one alert is sent twice, never one lost.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errnoCode, replaceFiles } from '../store/atomic.js';
import { WATCH_STATE_FILE } from '../store/index.js';

const finding = z.object({ kind: z.string(), message: z.string() });

const deviceState = z.object({
  lastEvent: z.object({ at: z.number(), kind: z.string(), source: z.string(), detail: z.string() }).optional(),
  lastCheck: z
    .object({
      at: z.number(),
      status: z.enum(['ok', 'findings', 'unreachable']),
      fingerprint: z.string(),
      findings: z.array(finding),
      /** When the check found it booted (ISO): the sweep does not announce that reboot again. */
      rebootAt: z.string().optional(),
      stackProblems: z.array(z.string()).optional(),
    })
    .optional(),
  lastAlert: z.object({ at: z.number(), fingerprint: z.string() }).optional(),
  /** Events came that no check has answered yet (kept so that a restart meanwhile still checks it). */
  pendingSince: z.number().optional(),
  /** An alert about it no target took (its retries are timers, gone with a restart: the restarted watch checks it again and says it). */
  alertUnsentSince: z.number().optional(),
});

const stateSchema = z.object({
  version: z.literal(1),
  // Not one (hand-edited, cut short): forgotten, never a reason for the receiver not to start.
  engineID: z
    .string()
    .regex(/^(0x)?([0-9a-f]{2}){5,32}$/i)
    .optional()
    .catch(undefined),
  devices: z.record(z.string(), deviceState),
  recoveries: z.array(z.object({ device: z.string(), at: z.number(), outcome: z.string() })),
});

export type WatchState = z.infer<typeof stateSchema>;
export type DeviceState = z.infer<typeof deviceState>;

/** Restores remembered: enough for any rate limit's window without growing forever. */
const MAX_RECOVERIES = 100;

export const emptyState = (): WatchState => ({ version: 1, devices: {}, recoveries: [] });

export function statePathFor(storeDir: string): string {
  return path.join(storeDir, WATCH_STATE_FILE);
}

/** The state, or an empty one when the file is missing or damaged (with why, for one log line). */
export async function readWatchState(file: string): Promise<{ state: WatchState; problem?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { state: emptyState() };
    return { state: emptyState(), problem: `${file} could not be read (${(err as Error).message.split('\n')[0]}): starting with no memory` };
  }
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: parsed.data };
    return { state: emptyState(), problem: `${file} is not a watch state of this version: starting with no memory` };
  } catch {
    return { state: emptyState(), problem: `${file} is not JSON: starting with no memory` };
  }
}

/** Serialises the state at once (before any await): the caller may go on changing it. */
export async function writeWatchState(file: string, state: WatchState): Promise<void> {
  const trimmed: WatchState = { ...state, recoveries: state.recoveries.slice(-MAX_RECOVERIES) };
  const content = JSON.stringify(trimmed, null, 2) + '\n';
  await replaceFiles(path.dirname(file), [{ file, content }]);
}
