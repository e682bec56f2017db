// Review: a switch that comes back with a factory default has no trap or syslog destination
// any more, nor the inventory's SNMP community — it announces nothing, and the sweep sees it
// only as "no SNMP answer". That, after it answered before, is the sweep's event.

import { describe, expect, it } from 'vitest';
import { sweepEvents } from '../../src/watch/sweep.js';
import { sweepRun as run, sweptDevice as device } from '../helpers/watch-fixtures.js';

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
