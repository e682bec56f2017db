// The run settings a command takes from its flags or, when a flag is not given, from the
// inventory's defaults (inventory/run-settings.ts): push, webhook, exec hook, metrics file.
// Flags are defined once here so that every command that takes one reads and words it alike.

import { Option } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { InventoryRunSettings, WebhookFormat, WebhookTarget } from '../inventory/run-settings.js';
import { parseWebhook, shownUrl, WEBHOOK_FORMATS } from '../inventory/run-settings.js';
import { resolveSecret } from '../inventory/secrets.js';
import { EXIT, UserError } from './exit-codes.js';

export interface RunSettings {
  push: boolean;
  /** `url` is resolved (an env: or file: reference read); `shown` is what reports may print of it. */
  webhook?: { url: string; shown: string; format: WebhookFormat };
  execHook?: string;
  metricsFile?: string;
}

export interface RunSettingsOptions {
  push?: boolean;
  webhook?: string;
  webhookFormat?: string;
  execHook?: string;
  metricsFile?: string;
}

/**
 * Flags win over the inventory's defaults, one setting at a time (`--no-push` turns off a
 * `push: true` of the inventory). A webhook given as env:/file: is read here, once, and a
 * reference that does not resolve is a usage error before any switch is contacted.
 */
export function runSettingsFor(opts: RunSettingsOptions, fromInventory: InventoryRunSettings, env: NodeJS.ProcessEnv = process.env): RunSettings {
  const settings: RunSettings = { push: opts.push ?? fromInventory.push ?? false };
  const format = opts.webhookFormat ?? fromInventory.webhookFormat ?? 'json';
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(format))
    throw new UserError(`--webhook-format takes ${WEBHOOK_FORMATS.join(' or ')}, got ${JSON.stringify(format)}`, EXIT.usage);
  let target: WebhookTarget | undefined = fromInventory.webhook;
  if (opts.webhook !== undefined) {
    const parsed = parseWebhook(opts.webhook, process.cwd());
    if (typeof parsed === 'object' && 'problem' in parsed) throw new UserError(`--webhook ${parsed.problem}`, EXIT.usage);
    target = parsed;
  }
  if (target !== undefined) {
    const url = resolveWebhook(target, env);
    settings.webhook = { url, shown: shownUrl(url), format: format as WebhookFormat };
  }
  const execHook = opts.execHook ?? fromInventory.execHook;
  if (execHook !== undefined) {
    if (execHook.trim() === '') throw new UserError('--exec-hook takes a shell command', EXIT.usage);
    settings.execHook = execHook;
  }
  const metricsFile = opts.metricsFile ?? fromInventory.metricsFile;
  if (metricsFile !== undefined) {
    if (metricsFile.trim() === '') throw new UserError('--metrics-file takes a file path', EXIT.usage);
    settings.metricsFile = isAbsolute(metricsFile) ? metricsFile : resolve(metricsFile);
  }
  return settings;
}

function resolveWebhook(target: WebhookTarget, env: NodeJS.ProcessEnv): string {
  if (typeof target === 'string') return target;
  let url: string;
  try {
    url = resolveSecret(target, 'webhook', env).trim();
  } catch (err) {
    throw new UserError((err as Error).message, EXIT.usage); // `webhook: …`: names the reference, never a value
  }
  const parsed = parseWebhook(url, process.cwd());
  // The reference is named, the value it holds never.
  if (typeof parsed !== 'string') {
    const named = target.from === 'env' ? `env:${target.name}` : `file:${target.path}`;
    throw new UserError(
      `webhook: ${named} ${'problem' in parsed ? parsed.problem : 'must hold an http:// or https:// address, not another reference'}`,
      EXIT.usage,
    );
  }
  return parsed;
}

/** `--push` / `--no-push`: after the commit, push the backups repository to its remote. */
export function pushOptions(): Option[] {
  return [
    new Option(
      '--push',
      'push the backups repository to its remote after committing (rebasing and retrying when the remote moved); inventory defaults: push: true',
    ),
    new Option('--no-push', "do not push, even if the inventory's defaults say push: true"),
  ];
}

/** `--webhook URL` and `--webhook-format json|slack`. */
export function webhookOptions(): Option[] {
  return [
    new Option('--webhook <url>', 'POST the findings and failures as JSON to this address (or env:NAME / file:PATH holding it); inventory defaults: webhook'),
    new Option(
      '--webhook-format <format>',
      "the webhook's body: json (switchback's alert document) or slack (Slack-compatible {text}); inventory defaults: webhookFormat",
    ).choices([...WEBHOOK_FORMATS]),
  ];
}

/** `--exec-hook CMD`. */
export function execHookOption(): Option {
  return new Option(
    '--exec-hook <command>',
    'run this shell command on findings and failures, the alert as JSON on its standard input; inventory defaults: execHook',
  );
}

/** `--metrics-file PATH`. */
export function metricsFileOption(): Option {
  return new Option(
    '--metrics-file <path>',
    "write the run's figures in Prometheus' text format to PATH, atomically (node_exporter textfile collector); inventory defaults: metricsFile",
  );
}
