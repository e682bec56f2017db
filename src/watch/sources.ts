// Which device sent a datagram: by its source address, as a real estate is laid out (each
// switch sends from its management address, the inventory's `host`). Names are resolved once
// at start (dns.lookup, every address a name has): the watch must not ask DNS per datagram in
// a storm, and a switch that moves address is an inventory change, which means a restart.
// An address no device has is counted and logged once per address an hour — a storm from a
// stranger must not fill the log, and a stranger that keeps sending is still seen hourly.

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Device } from '../inventory/device.js';

/** How often one unknown address is logged again. */
export const UNKNOWN_LOG_INTERVAL_MS = 60 * 60 * 1000;

/** Addresses a name resolves to (the default: the system resolver, all of them). */
export type Resolve = (name: string) => Promise<string[]>;

const systemResolve: Resolve = async (name) => (await lookup(name, { all: true })).map((a) => a.address);

/** `::ffff:10.0.0.1` (an IPv4 sender on a dual-stack socket) is 10.0.0.1. */
export function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1]! : a;
}

export interface SourceMap {
  /** The device that has this address, or undefined (then counted, see `unknown`). */
  deviceOf(address: string): Device | undefined;
  /** Count an unknown sender; true when it should be logged now (first time this hour). */
  unknown(address: string, now: number): boolean;
  unknownCount(): number;
  /** Devices whose host did not resolve, and why (they can still be checked by the sweep, not by their notices). */
  unresolved: { device: string; why: string }[];
  /** Two devices with one address: the first keeps it (said once at start). */
  shared: { address: string; devices: string[] }[];
}

export async function resolveSources(devices: readonly Device[], resolve: Resolve = systemResolve): Promise<SourceMap> {
  const byAddress = new Map<string, Device>();
  const unresolved: SourceMap['unresolved'] = [];
  const sharing = new Map<string, string[]>();
  const resolved = await Promise.all(
    devices.map(async (d) => {
      if (isIP(d.host)) return { d, addresses: [normaliseAddress(d.host)] };
      try {
        return { d, addresses: (await resolve(d.host)).map(normaliseAddress) };
      } catch (err) {
        unresolved.push({ device: d.name, why: `${d.host} did not resolve: ${(err as Error).message.split('\n')[0]}` });
        return { d, addresses: [] };
      }
    }),
  );
  for (const { d, addresses } of resolved) {
    for (const a of addresses) {
      const first = byAddress.get(a);
      if (!first) byAddress.set(a, d);
      else if (first.name !== d.name) sharing.set(a, [...(sharing.get(a) ?? [first.name]), d.name]);
    }
  }
  let count = 0;
  const lastLogged = new Map<string, number>();
  return {
    deviceOf: (address) => byAddress.get(normaliseAddress(address)),
    unknown: (address, now) => {
      count++;
      const a = normaliseAddress(address);
      const last = lastLogged.get(a);
      if (last !== undefined && now - last < UNKNOWN_LOG_INTERVAL_MS) return false;
      // Bounded: a spoofed storm from random addresses must not grow the map without end.
      if (lastLogged.size >= 10_000) lastLogged.clear();
      lastLogged.set(a, now);
      return true;
    },
    unknownCount: () => count,
    unresolved,
    shared: [...sharing].map(([address, names]) => ({ address, devices: names })),
  };
}
