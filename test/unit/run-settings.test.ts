// Run settings in an inventory's `defaults` (push, webhook, exec hook, metrics file) and the
// flags that override them: what a cron line or a CronJob leaves to the inventory.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InventoryError, loadInventoryWithSettings } from '../../src/inventory/load.js';
import { shownUrl } from '../../src/inventory/run-settings.js';
import { runSettingsFor } from '../../src/cli/run-settings.js';
import { UserError } from '../../src/cli/exit-codes.js';

const root = mkdtempSync(join(tmpdir(), 'switchback-run-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const path = join(root, `inv-${++n}.yaml`);
  writeFileSync(path, text);
  return path;
}
const DEVICE = `devices:\n  - { name: sw-${n}, host: 10.0.0.1, platform: cisco-ios, credentials: { username: u, password: env:PW } }\n`;
const problems = (paths: string[]) => {
  try {
    loadInventoryWithSettings(paths);
  } catch (err) {
    if (err instanceof InventoryError) return err.problems;
    throw err;
  }
  return [];
};

describe('run settings in defaults', () => {
  it('are read from defaults and not merged into devices', () => {
    const path = file(
      `defaults:\n  push: true\n  webhook: https://hooks.example.net/services/T1/B2/SECRETTOKEN\n  webhookFormat: slack\n  execHook: logger -t switchback\n  metricsFile: metrics/switchback.prom\n  group: dc1\n${DEVICE}`,
    );
    const { devices, settings } = loadInventoryWithSettings([path]);
    expect(settings).toEqual({
      push: true,
      webhook: 'https://hooks.example.net/services/T1/B2/SECRETTOKEN',
      webhookFormat: 'slack',
      execHook: 'logger -t switchback',
      metricsFile: join(root, 'metrics/switchback.prom'), // relative to the inventory file, as file: secrets are
    });
    expect(devices[0]!.group).toBe('dc1');
    expect(Object.keys(devices[0]!)).not.toContain('push');
  });

  it('are empty when no file sets any', () => {
    expect(loadInventoryWithSettings([file(DEVICE)]).settings).toEqual({});
  });

  it('take a webhook as an env: or file: reference, like a password', () => {
    const { settings } = loadInventoryWithSettings([file(`defaults:\n  webhook: env:SWITCHBACK_WEBHOOK\n${DEVICE}`)]);
    expect(settings.webhook).toEqual({ from: 'env', name: 'SWITCHBACK_WEBHOOK' });
  });

  it('name the file and field of a wrong value, never echoing a webhook address', () => {
    const path = file(`defaults:\n  push: yes please\n  webhook: ftp://hooks.example.net/SECRETTOKEN\n  webhookFormat: teams\n  execHook: ''\n${DEVICE}`);
    const found = problems([path]);
    expect(found).toEqual([
      `${path}: defaults.push: must be true or false`,
      `${path}: defaults.webhook: must be an http:// or https:// address, not ftp:`,
      `${path}: defaults.webhookFormat: must be one of json, slack, got teams`,
      `${path}: defaults.execHook: must be a shell command (run with sh -c, the alert as JSON on its standard input)`,
    ]);
    expect(found.join('\n')).not.toContain('SECRETTOKEN');
  });

  it('must agree between files: two files that differ are named, the values are not', () => {
    const a = file(`defaults:\n  webhook: https://a.example.net/TOKEN-A\n  push: true\n${DEVICE.replace('sw-', 'a-')}`);
    const b = file(
      `defaults:\n  webhook: https://b.example.net/TOKEN-B\n  push: true\ndevices:\n  - { name: b-1, host: 10.0.0.2, platform: cisco-ios, credentials: { username: u, password: env:PW } }\n`,
    );
    const found = problems([a, b]);
    expect(found).toEqual([`${b}: defaults.webhook: differs from ${a}'s; a run has one webhook, set it in one file`]);
    expect(found.join('\n')).not.toMatch(/TOKEN/);
  });
});

describe('run settings in the wrong place or misspelt', () => {
  it('says a run setting on a device belongs in defaults, and suggests a run setting for a typo in defaults', () => {
    const path = file(
      `defaults:\n  pussh: true\ndevices:\n  - { name: d-1, host: 10.0.0.1, platform: cisco-ios, credentials: { username: u, password: env:PW }, webhook: https://h.example.net/x }\n`,
    );
    expect(problems([path])).toEqual([
      `${path}: defaults.pussh: unknown field; did you mean push?`,
      `${path}: devices[0] (d-1).webhook: a setting of the whole run, not of one device: put it in the file's defaults`,
    ]);
  });
});

describe('runSettingsFor: flags over the inventory', () => {
  it('lets each flag win over the inventory, one setting at a time', () => {
    const s = runSettingsFor(
      { push: false, webhookFormat: 'json', metricsFile: '/var/lib/node_exporter/sb.prom' },
      { push: true, webhook: 'https://h.example.net/x', webhookFormat: 'slack', execHook: 'true' },
    );
    expect(s).toEqual({
      push: false,
      webhook: { url: 'https://h.example.net/x', shown: 'https://h.example.net/…', format: 'json' },
      execHook: 'true',
      metricsFile: '/var/lib/node_exporter/sb.prom',
    });
  });

  it('does not push unless asked', () => {
    expect(runSettingsFor({}, {})).toEqual({ push: false });
  });

  it('reads a webhook reference once, and a reference that does not resolve is a usage error naming it', () => {
    const s = runSettingsFor({ webhook: 'env:HOOK_URL' }, {}, { HOOK_URL: 'http://127.0.0.1:9/hook?token=SECRET' });
    expect(s.webhook).toEqual({ url: 'http://127.0.0.1:9/hook?token=SECRET', shown: 'http://127.0.0.1:9/…', format: 'json' });
    expect(() => runSettingsFor({}, { webhook: { from: 'env', name: 'UNSET_HOOK' } }, {})).toThrow(/webhook: environment variable UNSET_HOOK is not set/);
    const bad = (() => {
      try {
        runSettingsFor({ webhook: 'env:HOOK_URL' }, {}, { HOOK_URL: 'not a url SECRET' });
      } catch (err) {
        return err as UserError;
      }
    })();
    expect(bad).toBeInstanceOf(UserError);
    expect(bad!.exitCode).toBe(2);
    expect(bad!.message).toMatch(/^webhook: env:HOOK_URL is not a valid address/);
    expect(bad!.message).not.toContain('SECRET');
  });

  it('refuses a --webhook that is not http(s), as a usage error', () => {
    expect(() => runSettingsFor({ webhook: 'mailto:noc@example.net' }, {})).toThrow(/--webhook must be an http:\/\/ or https:\/\/ address, not mailto:/);
  });
});

describe('shownUrl', () => {
  it('keeps scheme, host and port and hides the path that holds the token', () => {
    expect(shownUrl('https://hooks.slack.com/services/T000/B000/XXXX')).toBe('https://hooks.slack.com/…');
    expect(shownUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
    expect(shownUrl('http://user:pass@127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
  });
});
