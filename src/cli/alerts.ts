// --webhook, --webhook-format and --exec-hook on backup, check, ready, restore and recover
// (the flags and the inventory's defaults are run-settings.ts's, checked before anything is
// contacted): after the run, the alert built, sent and reported (sendAlerts). The payload is report/alert.ts's, the
// senders report/webhook.ts's and report/exec-hook.ts's.
//
// An alert never changes the run's result or exit code: what the run did is done, and its
// exit code says it to the scheduler whether or not a chat message got out. A failed alert
// is a stderr line and an `alerts` entry in --json.

import type { Option } from 'commander';
import { hostname } from 'node:os';
import type { Device } from '../inventory/device.js';
import { resolveSecret, secretRefs } from '../inventory/secrets.js';
import type { BackupRun } from '../jobs/backup-result.js';
import { platformByName } from '../platforms/index.js';
import type { Platform } from '../platforms/platform.js';
import { readDevice } from '../store/index.js';
import type { Store } from '../store/index.js';
import { alertFires, buildAlert, scrubbed } from '../report/alert.js';
import type { AlertPayload, AlertSource } from '../report/alert.js';
import { backupChanges } from '../report/changes.js';
import type { AlertDelivery } from '../report/delivery.js';
import { oneLine } from '../report/delivery.js';
import { hookLabel, runExecHook } from '../report/exec-hook.js';
import { postWebhook } from '../report/webhook.js';
import { execHookOption, webhookOptions } from './run-settings.js';
import type { RunSettings } from './run-settings.js';

/** The alert part of the run settings (run-settings.ts: flags over the inventory's defaults, the webhook resolved and checked). */
export type AlertSettings = Pick<RunSettings, 'webhook' | 'execHook' | 'webhookUnresolved'>;

/** The run's result, as the command has it: a backup's diff is read here, from the store. */
export type CliAlertSource =
  | Exclude<AlertSource, { command: 'backup' | 'restore' }>
  | { command: 'backup'; run: BackupRun }
  | Omit<Extract<AlertSource, { command: 'restore' }>, 'startedAt' | 'finishedAt'>;

/**
 * Said in each command's --help: when an alert fires, and that the exit code stays the run's.
 * An alert that fails changes neither: the run's work is done and its exit code tells the
 * scheduler what the run found; a chat message that did not get out is a delivery problem,
 * said on stderr and in --json, and the next scheduled run alerts again.
 */
export const ALERTS_HELP = `
Alerts (--webhook, --exec-hook, or webhook/execHook in the inventory's defaults) fire when the
run ends with failures (exit 1) or findings (exit 3), never on a clean run: one JSON document with
the summary, each device's findings and failures and (backup) the diff of what changed, secrets
masked. Webhook: 10 s, no retry; exec hook: sh -c, the JSON on stdin, killed after 30 s. An alert
that fails is a stderr line (and an alerts entry in --json); the exit code stays the run's.`;

export interface SendContext {
  exitCode: number;
  devices: Device[];
  store: Store | null;
  quiet?: boolean;
  json?: boolean;
  /** What else failed after the command's own work (a push), added to the summary: the result alone would not say why the run failed. */
  notes?: string[];
  /** Secrets the command read besides the devices' (watch's --trap-community): scrubbed like theirs, their variables withheld from the hook. */
  secrets?: { values: readonly string[]; envNames: readonly string[] };
}

/** A webhook or an exec hook is set (the inventory's webhook counts even when it did not resolve: its alert is said not to have gone). */
export function hasAlertTarget(targets: AlertSettings): boolean {
  return Boolean(targets.webhook) || targets.execHook !== undefined || targets.webhookUnresolved !== undefined;
}

/**
 * Build and send the alert when the run's exit code says failures or findings, print a line
 * per target to stderr (a failure always, a success unless --quiet or --json), and give
 * what --json carries: `{ alerts: [...] }` when a target is set (empty when nothing fired),
 * `{}` when none is.
 */
export async function sendAlerts(targets: AlertSettings, source: CliAlertSource, ctx: SendContext): Promise<{ alerts?: AlertDelivery[] }> {
  if (!hasAlertTarget(targets)) return {};
  if (!alertFires(ctx.exitCode)) return { alerts: [] };
  // The inventory's webhook this shell could not resolve: the alert that should have gone there is said not to have.
  const unresolved: AlertDelivery[] =
    targets.webhookUnresolved !== undefined
      ? [{ target: 'webhook', to: '(not resolved)', outcome: 'failed', detail: targets.webhookUnresolved, durationMs: 0 }]
      : [];
  const secretValues = [...secretValuesOf(ctx.devices), ...(ctx.secrets?.values ?? [])];
  let sent: AlertDelivery[];
  try {
    const payload = await payloadFor(source, ctx, secretValues);
    if (!payload) return { alerts: [] };
    for (const note of ctx.notes ?? []) payload.summary += `; ${scrubbed(note, secretValues)}`;
    sent = await Promise.all([
      ...(targets.webhook ? [postWebhook({ url: targets.webhook.url, format: targets.webhook.format }, payload)] : []),
      ...(targets.execHook !== undefined
        ? [runExecHook(targets.execHook, payload, { withhold: [...secretEnvNames(ctx.devices), ...(ctx.secrets?.envNames ?? [])] })]
        : []),
    ]);
  } catch (err) {
    // The run is done whatever went wrong here: its result stands, and each target says it got nothing.
    const detail = `the alert could not be built: ${oneLine((err as Error).message, 160)}`;
    sent = [
      ...(targets.webhook ? [{ target: 'webhook' as const, to: targets.webhook.shown, outcome: 'failed' as const, detail, durationMs: 0 }] : []),
      ...(targets.execHook !== undefined
        ? [{ target: 'exec-hook' as const, to: hookLabel(targets.execHook), outcome: 'failed' as const, detail, durationMs: 0 }]
        : []),
    ];
  }
  // A hook's stderr is its own text: it may echo what its environment holds.
  const alerts = scrubbed([...unresolved, ...sent], secretValues);
  for (const a of alerts) {
    const where = `${a.target} ${a.to}`;
    if (a.outcome === 'failed')
      process.stderr.write(
        `switchback: alert not delivered: ${where}: ${a.detail}${a.stderrTail ? ` (stderr: ${a.stderrTail})` : ''}; the run's result and exit code stand\n`,
      );
    else if (!ctx.quiet && !ctx.json) process.stderr.write(`alert sent: ${where} (${a.detail})\n`);
  }
  return { alerts };
}

/** The payload for this run (null when its exit code does not alert), a backup's diffs read from the store. */
async function payloadFor(source: CliAlertSource, ctx: SendContext, secretValues: string[]): Promise<AlertPayload | null> {
  const platforms = await platformsOf(ctx.devices, ctx.store);
  const platformOf = (name: string) => platforms.get(name);
  let full: AlertSource;
  if (source.command === 'backup')
    full = { command: 'backup', run: source.run, diffs: ctx.store ? await backupChanges(ctx.store, source.run, platformOf) : new Map() };
  else if (source.command === 'restore') {
    // A restore's result has its duration, not its times: it ended now.
    const now = Date.now();
    full = { ...source, startedAt: new Date(now - source.result.durationMs).toISOString(), finishedAt: new Date(now).toISOString() };
  } else full = source;
  return buildAlert(full, { exitCode: ctx.exitCode, host: hostname(), platformOf, secretValues });
}

/** The values behind every secret reference of the run's devices (not the user name): none may leave in an alert. */
function secretValuesOf(devices: Device[]): string[] {
  const values = new Set<string>();
  for (const d of devices)
    for (const { field, ref } of secretRefs(d)) {
      if (field === 'credentials.username') continue;
      try {
        values.add(resolveSecret(ref, `${d.name} ${field}`));
      } catch {
        // Not resolvable now (an SSH password a --snmp check never needed): then it was not used either.
      }
    }
  return [...values];
}

/** The environment variables the run's devices read secrets from (env: references, the login name's too). */
function secretEnvNames(devices: Device[]): string[] {
  return [...new Set(devices.flatMap((d) => secretRefs(d).flatMap(({ ref }) => (ref.from === 'env' ? [ref.name] : []))))];
}

/** Each device's platform: the inventory's, or for `auto` the one its last backup recorded. */
async function platformsOf(devices: Device[], store: Store | null): Promise<Map<string, Platform>> {
  const out = new Map<string, Platform>();
  for (const d of devices) {
    let name: string | undefined = d.platform;
    if (name === 'auto' && store) {
      const state = (await readDevice(store, d.name).catch(() => ({ state: undefined }))).state as { platform?: unknown } | undefined;
      name = typeof state?.platform === 'string' ? state.platform : undefined;
    }
    const p = name === undefined ? undefined : platformByName(name);
    if (p) out.set(d.name, p);
  }
  return out;
}

/** `--webhook URL`, `--webhook-format json|slack`, `--exec-hook CMD` (run-settings.ts words them), one at a time for a command's chain. */
export const webhookOption = (): Option => webhookOptions()[0]!;
export const webhookFormatOption = (): Option => webhookOptions()[1]!;
export { execHookOption };
