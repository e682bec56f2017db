// The SNMP engine's identity and clock, shared by the snmpEngine group, the USM
// header of every v3 message and the USM reports.

import { createHash } from 'node:crypto';

import type { SnmpHost } from '../personality.js';

/** Seconds since boot for snmpEngineTime (RFC 3414: 0..2^31-1). */
export function engineTime(host: Pick<SnmpHost, 'state' | 'now'>): number {
  return Math.min(0x7fffffff, Math.max(0, Math.floor((host.now() - host.state.bootedAt) / 1000)));
}

/**
 * An RFC 3411 SnmpEngineID in format 3 (MAC address): 0x80000000 | the vendor's IANA
 * enterprise number, 03, then 6 bytes. A real switch uses a chassis MAC; the lab
 * derives the 6 bytes from the switch name so every switch differs and keeps its
 * engineID across restarts.
 */
export function macFormatEngineId(enterprise: number, name: string): Buffer {
  const pseudoMac = createHash('sha256').update(`snmp-engine:${name}`).digest().subarray(0, 6);
  const head = Buffer.alloc(5);
  head.writeUInt32BE((0x80000000 | enterprise) >>> 0, 0);
  head[4] = 0x03;
  return Buffer.concat([head, pseudoMac]);
}
