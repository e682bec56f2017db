// Review: a switch that comes back with a factory default has no trap or syslog destination
// any more, nor the inventory's SNMP community — it announces nothing, and the sweep sees it
// only as "no SNMP answer". That, after it answered before, is the sweep's event.

import { describe, expect, it } from 'vitest';
import type { SnmpCheckDevice, SnmpCheckRun } from '../../src/jobs/check-snmp.js';
import { sweepEvents } from '../../src/watch/sweep.js';

const device = (name: string, over: Partial<SnmpCheckDevice> = {}): SnmpCheckDevice => ({
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
});

const run = (devices: SnmpCheckDevice[]): SnmpCheckRun => ({
  startedAt: '2026-12-07T20:00:00Z',
  finishedAt: '2026-12-07T20:00:01Z',
  devices,
  counts: { total: devices.length, ok: 0, withFindings: 0, unreachable: 0, rebooted: 0, unsaved: 0, stack: 0 },
});

const silent = (name: string) =>
  device(name, {
    status: 'unreachable',
    findings: [{ kind: 'unreachable', message: 'unreachable: no SNMP answer from 10.0.0.1:161 within 2 s (3 tries)' }],
    uptimeSeconds: null,
    engineBoots: null,
  });

describe('sweep: a switch that stopped answering SNMP (review)', () => {
  it('is an event when it answered the sweep before; not when it never did (nothing to compare with)', () => {
    const answeredBefore = (d: string) => d === 'a';
    const events = sweepEvents(run([silent('a'), silent('b'), device('c')]), () => undefined, 1000, answeredBefore);
    expect(events).toEqual([expect.objectContaining({ device: 'a', kind: 'reload', source: 'sweep', at: 1000 })]);
    expect(events[0]!.detail).toMatch(/^sweep: no SNMP answer any more/);
  });
});
