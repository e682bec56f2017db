// Each platform's trap rules (src/platforms/<name>/traps.ts) are data the watch matches a
// received snmpTrapOID against: an OID that does not parse, or one listed twice with two
// meanings, would make a notification silently mean nothing or the wrong thing. Every rule
// must also say where it comes from.

import { describe, expect, it } from 'vitest';
import { traps as aristaEos } from '../../src/platforms/arista-eos/traps.js';
import { traps as arubaAoscx } from '../../src/platforms/aruba-aoscx/traps.js';
import { traps as arubaOsSwitch } from '../../src/platforms/aruba-os-switch/traps.js';
import { traps as ciscoIos } from '../../src/platforms/cisco-ios/traps.js';
import { traps as ciscoNxos } from '../../src/platforms/cisco-nxos/traps.js';
import { traps as dellOs10 } from '../../src/platforms/dell-os10/traps.js';
import { traps as dellOs6 } from '../../src/platforms/dell-os6/traps.js';
import { traps as frr } from '../../src/platforms/frr/traps.js';
import { traps as juniperJunos } from '../../src/platforms/juniper-junos/traps.js';
import { STANDARD_TRAPS } from '../../src/platforms/notifications.js';
import type { TrapRule, WatchEventKind } from '../../src/platforms/notifications.js';

const PLATFORMS: Record<string, readonly TrapRule[]> = {
  'cisco-ios': ciscoIos,
  'cisco-nxos': ciscoNxos,
  'arista-eos': aristaEos,
  'juniper-junos': juniperJunos,
  'aruba-aoscx': arubaAoscx,
  'aruba-os-switch': arubaOsSwitch,
  'dell-os10': dellOs10,
  'dell-os6': dellOs6,
  frr,
};

const EVENTS: readonly WatchEventKind[] = ['reload', 'member-lost', 'member-added', 'role-change', 'config-changed', 'pair-peer-lost'];

/** A numeric OID as SNMP carries it: sub-identifiers 0..2^32-1, first 0..2, no leading dot. */
function parses(oid: string): boolean {
  if (!/^\d+(\.\d+)+$/.test(oid)) return false;
  const parts = oid.split('.').map(Number);
  return parts[0]! <= 2 && parts.every((p) => Number.isSafeInteger(p) && p <= 0xffffffff);
}

describe('trap rules', () => {
  for (const [platform, rules] of Object.entries(PLATFORMS)) {
    describe(platform, () => {
      it('every OID (and memberFrom prefix) parses, every rule names a known event and its source', () => {
        for (const rule of rules) {
          expect(parses(rule.oid), rule.oid).toBe(true);
          expect(EVENTS).toContain(rule.event);
          expect(rule.source.trim().length, rule.oid).toBeGreaterThan(10);
          if (rule.memberFrom) {
            expect(parses(rule.memberFrom.oidPrefix), rule.memberFrom.oidPrefix).toBe(true);
            // The member is in a varbind of the notification, never the notification's own OID.
            expect(rule.memberFrom.oidPrefix.startsWith(`${rule.oid}.`)).toBe(false);
          }
        }
      });

      it('no OID is listed twice, nor one of the standard traps again', () => {
        const oids = [...rules, ...STANDARD_TRAPS].map((r) => r.oid);
        expect(new Set(oids).size).toBe(oids.length);
      });

      it('vendor rules sit under an enterprise (1.3.6.1.4.1), standard ones live in STANDARD_TRAPS', () => {
        for (const rule of rules) expect(rule.oid.startsWith('1.3.6.1.4.1.'), rule.oid).toBe(true);
      });
    });
  }

  it('the stacks whose MIBs name a member-loss notification have one (the event the watch exists for)', () => {
    for (const platform of ['cisco-ios', 'juniper-junos', 'aruba-aoscx', 'aruba-os-switch']) {
      expect(
        PLATFORMS[platform]!.some((r) => r.event === 'member-lost'),
        platform,
      ).toBe(true);
    }
  });
});
