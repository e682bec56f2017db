// Builders for the watch's unit tests, so each test says only what differs: an inventory
// Device that nothing answers for (127.0.0.1 port 1), a check's result (a reboot read from
// snmpEngineBoots, no findings unless given), the factory default a power cycle leaves, and the
// engine options of an engine whose parts are faked (act.ts mocked by the test, a switch that
// answers at once, the alerts kept). Types only from src/: a test that mocks act.ts imports
// the engine itself, after its vi.mock.

import type { Device } from '../../src/inventory/device.js';
import type { CheckedDevice } from '../../src/jobs/check.js';
import type { SnmpCheckDevice, SnmpCheckRun } from '../../src/jobs/check-snmp.js';
import type { WatchAlertSource, WatchEngineOptions } from '../../src/watch/engine.js';

/** An SSH device `sw-1` at 127.0.0.1:1 (nothing listens there), cisco-ios, with `over` on top. */
export function testDevice(over: Partial<Device> = {}): Device {
  return {
    name: 'sw-1',
    host: '127.0.0.1',
    port: 1,
    platform: 'cisco-ios',
    tags: [],
    credentials: { username: 'u' },
    transport: 'ssh',
    timeouts: { commandMs: 1000, deviceMs: 1000 },
    origin: { file: 'x.yaml', index: 0 },
    ...over,
  };
}

/** A check of `sw-1` over SNMP and SSH that saw a reboot (snmpEngineBoots 3 → 4) and, unless given, no findings. */
export function checkedDevice(over: Partial<CheckedDevice> = {}): CheckedDevice {
  return {
    device: 'sw-1',
    status: 'findings',
    findings: [],
    notes: [],
    checkedVia: ['snmp', 'ssh'],
    platform: 'cisco-ios',
    uptimeSeconds: 30,
    reboot: { at: '2026-12-07T20:00:00Z', by: 'engine-boots', bootsBefore: 3, bootsAfter: 4 },
    stack: null,
    pair: null,
    lastBackupAt: null,
    comparedWith: 'last-good',
    durationMs: 1,
    ...over,
  };
}

/** The finding of a switch that came back with a factory default (40 lines of last good gone). */
export const FACTORY_DEFAULT_LOST: CheckedDevice['findings'][number] = {
  kind: 'lost',
  message: 'lost: running-config is a factory default: 40 lines of last-good.cfg missing',
  cause: 'factory-default',
};

/** The check of a switch `name` that rebooted and came back with a factory default. */
export function lostCheck(name = 'sw-1', over: Partial<CheckedDevice> = {}): CheckedDevice {
  return checkedDevice({ device: name, findings: [FACTORY_DEFAULT_LOST], ...over });
}

/** Every alert the engine sends, kept; each one taken by a target. */
export function keptAlerts(): { alerts: WatchAlertSource[]; alert: NonNullable<WatchEngineOptions['alert']> } {
  const alerts: WatchAlertSource[] = [];
  return {
    alerts,
    alert: async (a) => {
      alerts.push(a);
      return { sent: 1, failed: 0 };
    },
  };
}

/** A switch that answers at once (the probe succeeds the first time). */
const ANSWERS_AT_ONCE: NonNullable<WatchEngineOptions['answer']> = { probe: async () => undefined, pollMs: 1, timeoutMs: 1000 };

/** `--recover auto` with no kill-switch file. */
export const RECOVER_AUTO: NonNullable<WatchEngineOptions['recover']> = {
  mode: 'auto',
  disableFile: '/nonexistent/.watch-disabled',
  command: (d) => `switchback recover ${d}`,
};

/**
 * The options of an engine with its parts faked: no store, a settle of 10 ms (at most 100), no
 * sweep, a switch that answers at once; `alert` where the test keeps them, and `over` on top.
 */
export function fakePartsOptions(
  devices: readonly Device[],
  alert: NonNullable<WatchEngineOptions['alert']>,
  over: Partial<WatchEngineOptions> = {},
): WatchEngineOptions {
  return {
    devices,
    store: null,
    settle: { quietMs: 10, maxMs: 100 },
    sweepIntervalS: 0,
    alert,
    answer: ANSWERS_AT_ONCE,
    ...over,
  };
}

/** Waits (5 ms at a time, at most `times` times) until `ok()`; asserts nothing (the test does). */
export async function pollUntil(ok: () => boolean, times = 1000): Promise<void> {
  for (let i = 0; i < times && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
}

/** One device of an SNMP sweep (`check --snmp-only`): answered, nothing found, unless `over` says otherwise. */
export function sweptDevice(name: string, over: Partial<SnmpCheckDevice> = {}): SnmpCheckDevice {
  return {
    device: name,
    status: 'ok',
    findings: [],
    notes: [],
    platform: 'cisco-ios',
    sysName: name,
    uptimeSeconds: 100,
    engineBoots: 4,
    reboot: null,
    unsaved: 'saved',
    stack: null,
    durationMs: 5,
    ...over,
  };
}

/** A sweep of these devices (its counts are not what the watch reads). */
export function sweepRun(devices: SnmpCheckDevice[]): SnmpCheckRun {
  return {
    startedAt: '2026-12-07T20:00:00Z',
    finishedAt: '2026-12-07T20:00:01Z',
    devices,
    counts: { total: devices.length, ok: 0, withFindings: 0, unreachable: 0, rebooted: 0, unsaved: 0, stack: 0 },
  };
}
