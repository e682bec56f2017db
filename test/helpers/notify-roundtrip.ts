// The lab's notifications all the way round, for the round-trip tests (lab-notify-*.test.ts): a
// fleet with one address per switch sends to switchback's own receivers (startTrapReceiver with
// the lab's v3 user and no community, as the lab's inventory says; startSyslogReceiver), and what
// they hand on goes through recognise() with the platform's own rules, as `switchback watch` does.
// Every wait is for what is expected to arrive, never for a guess of how long.

import { vi, expect } from 'vitest';
import { startFleet } from '../../src/lab/fleet.js';
import type { LabFleet } from '../../src/lab/fleet.js';
import type { LabSwitch } from '../../src/lab/switch.js';
import type { WatchEventKind } from '../../src/platforms/notifications.js';
import { platformByName } from '../../src/platforms/index.js';
import { startSyslogReceiver } from '../../src/transport/syslog-receiver.js';
import type { SyslogReceiver } from '../../src/transport/syslog-receiver.js';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapReceiver } from '../../src/transport/trap-receiver.js';
import { recognise } from '../../src/watch/recognise.js';
import { labTrapUser, TEST_CREDENTIALS } from './lab.js';

export const WAIT = { timeout: 20_000, interval: 50 };

/** One notification as the watch would see it: who sent it (by source address), and what it means. */
export interface Heard {
  from: string;
  via: 'trap' | 'syslog';
  event: WatchEventKind;
  member?: number;
  detail: string;
}

export interface Ear {
  heard: Heard[];
  /** Records that no rule recognised (printed when a wait fails). */
  unrecognised: string[];
  trapPort: number;
  syslogPort: number;
  /** Datagrams the receivers took in so far. */
  received(): number;
  close(): Promise<void>;
}

/** switchback's receivers on 127.0.0.1, feeding recognise() with `platform`'s rules. */
export async function listen(platform: string): Promise<Ear> {
  const rules = platformByName(platform)!.notifications;
  const heard: Heard[] = [];
  const unrecognised: string[] = [];
  let traps: TrapReceiver | undefined;
  let syslog: SyslogReceiver | undefined;
  traps = await startTrapReceiver({
    address: '127.0.0.1',
    port: 0,
    // What the lab's inventory gives every switch (and so what the watch accepts): the lab's v3 user, no community.
    communities: [],
    users: [labTrapUser()],
    onDrop: (d) => unrecognised.push(`dropped (${d.reason}) from ${d.from ?? '?'}`),
    onTrap: (record) => {
      const r = recognise(record.from, record, rules);
      if (r) heard.push({ from: record.from, via: 'trap', event: r.event, ...(r.member !== undefined ? { member: r.member } : {}), detail: r.detail });
      else unrecognised.push(`trap ${record.trapOid} from ${record.from}`);
    },
  });
  syslog = await startSyslogReceiver({
    address: '127.0.0.1',
    port: 0,
    onRecord: (record) => {
      const r = recognise(record.from, record, rules);
      if (r) heard.push({ from: record.from, via: 'syslog', event: r.event, ...(r.member !== undefined ? { member: r.member } : {}), detail: r.detail });
      else unrecognised.push(`syslog "${record.text}" from ${record.from}`);
    },
  });
  return {
    heard,
    unrecognised,
    trapPort: traps.port,
    syslogPort: syslog.port,
    received: () => traps!.counts().received + syslog!.counts.received,
    close: async () => {
      await traps?.close();
      await syslog?.close();
    },
  };
}

export async function fleetOf(ear: Ear, platform: string, count: number): Promise<LabFleet> {
  return startFleet({
    count,
    platform,
    addresses: 'per-switch',
    credentials: { ...TEST_CREDENTIALS, authorizedKeys: [] },
    emit: { trap: { host: '127.0.0.1', port: ear.trapPort }, syslog: { host: '127.0.0.1', port: ear.syslogPort } },
  });
}

/** Waits until something matching was recognised; returns every match. */
export async function recognised(ear: Ear, want: Partial<Heard>, what = JSON.stringify(want)): Promise<Heard[]> {
  return vi.waitFor(() => {
    const found = ear.heard.filter((h) => Object.entries(want).every(([k, v]) => h[k as keyof Heard] === v));
    if (found.length === 0)
      throw new Error(`nothing recognised as ${what} yet; heard ${JSON.stringify(ear.heard)}; not recognised: ${JSON.stringify(ear.unrecognised)}`);
    return found;
  }, WAIT);
}

/**
 * Everything the switches sent so far has been received and recognised (or not): their
 * notifiers are idle and the receivers took in as many datagrams as they sent. A test that
 * starts afresh waits for this first, so that nothing of the test before arrives late.
 */
export async function allHeard(ear: Ear, fleet: LabFleet): Promise<void> {
  await Promise.all(fleet.switches.map((s) => s.notifier?.idle()));
  const sent = fleet.switches.reduce((n, s) => n + (s.notifier?.counts.sent ?? 0), 0);
  await vi.waitFor(() => expect(ear.received()).toBe(sent), WAIT);
}

/** A stack member that is not running the stack (losing it is no failover). */
export const quietMember = (sw: LabSwitch) => sw.state.members.find((m) => m.role !== 'active' && m.state === 'ready')!;
