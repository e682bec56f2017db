// Settings of a run, not of a device, that an inventory file's `defaults:` may hold so that a
// cron line or a CronJob need not repeat them: push to the remote, where alerts go, where
// metrics are written. They are taken out of `defaults` before the defaults are merged under
// each device, and every file that sets one must agree with the others.

import { isAbsolute, join } from 'node:path';
import type { SecretRef } from './device.js';
import { echo } from './echo.js';
import { FIELDS, parseRef } from './schema.js';

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * A webhook address is a secret more often than not (a Slack or Teams incoming webhook holds
 * its token in the path), so it may be written as a reference like a password; a literal
 * address is accepted too, and neither is ever shown whole (see `shownUrl`).
 */
export type WebhookTarget = string | SecretRef;

export interface InventoryRunSettings {
  push?: boolean;
  webhook?: WebhookTarget;
  webhookFormat?: WebhookFormat;
  execHook?: string;
  /** Absolute: a relative path is relative to the inventory file's folder, as secrets' file: paths are. */
  metricsFile?: string;
}

export const RUN_SETTING_KEYS = FIELDS.runSettings;
type Key = (typeof RUN_SETTING_KEYS)[number];

/** A found setting and the file it came from, to name both files when two disagree. */
export type FoundSettings = { [K in Key]?: { value: NonNullable<InventoryRunSettings[K]>; file: string } };

const MAX_COMMAND = 4096;

/**
 * Removes the run settings from one file's `defaults` (in place) and records them in `found`,
 * adding a problem for a wrong value or for a value another file gives differently.
 */
export function takeRunSettings(defaults: Record<string, unknown>, file: string, baseDir: string, found: FoundSettings, problems: string[]): void {
  for (const key of RUN_SETTING_KEYS) {
    if (!(key in defaults)) continue;
    const raw = defaults[key];
    delete defaults[key];
    const at = `${file}: defaults.${key}`;
    const value = parseSetting(key, raw, baseDir);
    if (typeof value === 'object' && value !== null && 'problem' in value) {
      problems.push(`${at}: ${value.problem}`);
      continue;
    }
    const earlier = found[key];
    if (earlier && JSON.stringify(earlier.value) !== JSON.stringify(value)) {
      // Never echo either value: a webhook address may hold its token.
      problems.push(`${at}: differs from ${earlier.file}'s; a run has one ${key}, set it in one file`);
      continue;
    }
    if (!earlier) (found as Record<string, unknown>)[key] = { value, file };
  }
}

export function settingsOf(found: FoundSettings): InventoryRunSettings {
  const out: Record<string, unknown> = {};
  for (const key of RUN_SETTING_KEYS) if (found[key]) out[key] = found[key]!.value;
  return out as InventoryRunSettings;
}

type Parsed = boolean | string | SecretRef | { problem: string };

function parseSetting(key: Key, raw: unknown, baseDir: string): Parsed {
  switch (key) {
    case 'push':
      return typeof raw === 'boolean' ? raw : { problem: 'must be true or false' };
    case 'webhookFormat':
      return typeof raw === 'string' && (WEBHOOK_FORMATS as readonly string[]).includes(raw)
        ? raw
        : { problem: `must be one of ${WEBHOOK_FORMATS.join(', ')}, got ${echo(String(raw))}` };
    case 'webhook':
      return parseWebhook(raw, baseDir);
    case 'execHook':
      if (typeof raw !== 'string' || raw.trim() === '') return { problem: 'must be a shell command (run with sh -c, the alert as JSON on its standard input)' };
      if (raw.length > MAX_COMMAND || /[\u0000\n\r]/.test(raw)) return { problem: `must be one line of at most ${MAX_COMMAND} characters` };
      return raw;
    case 'metricsFile':
      if (typeof raw !== 'string' || raw.trim() === '' || /[\u0000-\u001f]/.test(raw) || raw.length > MAX_COMMAND)
        return { problem: 'must be a file path (node_exporter textfile collector: a *.prom file in its folder)' };
      return isAbsolute(raw) ? raw : join(baseDir, raw);
  }
}

/** `env:NAME`, `file:PATH`, or an http(s) address; the problem never repeats the value. */
export function parseWebhook(raw: unknown, baseDir: string): WebhookTarget | { problem: string } {
  if (typeof raw !== 'string') return { problem: 'must be an http:// or https:// address, or env:NAME / file:PATH holding one' };
  if (raw.startsWith('env:') || raw.startsWith('file:')) {
    const ref = parseRef(raw, baseDir);
    return typeof ref === 'string' ? { problem: ref } : ref;
  }
  return urlProblem(raw) === undefined ? raw : { problem: urlProblem(raw)! };
}

/** Why a webhook address cannot be posted to, or undefined. Never repeats the address. */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid address; expected http://HOST[:PORT]/PATH or https://… (or env:NAME / file:PATH holding one)';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `must be an http:// or https:// address, not ${parsed.protocol}`;
  return undefined;
}

/**
 * What may be shown of a webhook address in a report or an error: its scheme, host and port.
 * The path and query often hold the token (`https://hooks.slack.com/services/T…/B…/X…`).
 */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' && u.search === '' ? '/' : '/…'}`;
  } catch {
    return '(an address that does not parse)';
  }
}
