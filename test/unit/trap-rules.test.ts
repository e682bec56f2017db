// Each platform's trap rules (src/platforms/<name>/traps.ts) are data the watch matches a
// received snmpTrapOID against: an OID that does not parse, or one listed twice with two
// meanings, would make a notification silently mean nothing or the wrong thing. Every rule
// must also say where it comes from.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTrapReceiver } from '../../src/transport/trap-receiver.js';
import type { TrapRecord } from '../../src/transport/trap-receiver.js';
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

/**
 * What `memberFrom` promises, read the way its comment in notifications.ts says (the varbind
 * under the prefix; its value, or its last sub-identifier). The recogniser owns the real
 * reading; this one only shows each rule's prefix meets the varbind its MIB sends.
 */
function memberOf(record: TrapRecord, rule: TrapRule): number | undefined {
  const from = rule.memberFrom;
  if (!from) return undefined;
  const varbind = record.varbinds.find((v) => v.oid.startsWith(`${from.oidPrefix}.`));
  if (!varbind) return undefined;
  return from.from === 'value' ? Number(varbind.value) : Number(varbind.oid.split('.').pop());
}

/**
 * Each rule with a member, sent by net-snmp's snmptrap with the varbinds its MIB's OBJECTS
 * clause lists (instance = the table index), through the real receiver: the member comes out.
 * [platform, notification OID, varbinds as snmptrap arguments, the member expected]
 */
const SAMPLES: [string, string, string[], number][] = [
  // cswSwitchNumCurrent.<entPhysicalIndex 2001> = switch 2
  ['cisco-ios', '1.3.6.1.4.1.9.9.500.0.0.6', ['1.3.6.1.4.1.9.9.500.1.2.1.1.1.2001', 'u', '2'], 2],
  ['cisco-ios', '1.3.6.1.4.1.9.9.500.0.0.5', ['1.3.6.1.4.1.9.9.500.1.2.1.1.1.3001', 'u', '3'], 3],
  ['cisco-ios', '1.3.6.1.4.1.9.9.500.0.0.2', ['1.3.6.1.4.1.9.9.500.1.2.1.1.1.2001', 'u', '2'], 2],
  // jnxVirtualChassisMemberSerialnumber.<member 1> = serial, then Role, Model, Location
  [
    'juniper-junos',
    '1.3.6.1.4.1.2636.4.14.0.4',
    ['1.3.6.1.4.1.2636.3.40.1.4.1.1.1.2.1', 's', 'PE3714100218', '1.3.6.1.4.1.2636.3.40.1.4.1.1.1.3.1', 'i', '2'],
    1,
  ],
  ['juniper-junos', '1.3.6.1.4.1.2636.4.14.0.3', ['1.3.6.1.4.1.2636.3.40.1.4.1.1.1.2.0', 's', 'PE3714100217'], 0],
  // arubaWiredVsfv2MemberIndex / Role / Status for member 3
  [
    'aruba-aoscx',
    '1.3.6.1.4.1.47196.4.1.1.3.15.0.1',
    ['1.3.6.1.4.1.47196.4.1.1.3.15.1.2.1.2.3', 'i', '3', '1.3.6.1.4.1.47196.4.1.1.3.15.1.2.1.3.3', 'i', '1'],
    3,
  ],
  // hpStackMemberIdForTrap.<member 2> = 2, hpStackMemberState.2 = missing(1)
  [
    'aruba-os-switch',
    '1.3.6.1.4.1.11.2.14.11.5.1.69.0.4',
    ['1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.13.2', 'i', '2', '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.9.2', 'i', '1'],
    2,
  ],
  [
    'aruba-os-switch',
    '1.3.6.1.4.1.11.2.14.11.5.1.69.0.3',
    ['1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.13.3', 'i', '3', '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.9.3', 'i', '5'],
    3,
  ],
  [
    'aruba-os-switch',
    '1.3.6.1.4.1.11.2.14.11.5.1.69.0.2',
    ['1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.13.2', 'i', '2', '1.3.6.1.4.1.11.2.14.11.5.1.69.1.3.1.9.2', 'i', '3'],
    2,
  ],
];

const TOOLS = spawnSync('sh', ['-c', 'command -v snmptrap']).status === 0;

describe.skipIf(!TOOLS)('trap rules against notifications as an agent sends them (snmptrap → receiver)', () => {
  it('every rule with memberFrom is sampled, and each sample yields its member', async () => {
    const withMember = Object.entries(PLATFORMS).flatMap(([p, rules]) => rules.filter((r) => r.memberFrom).map((r) => `${p} ${r.oid}`));
    const sampled = SAMPLES.map(([p, oid]) => `${p} ${oid}`);
    // A rule with a member added later gets a sample here, or this fails.
    for (const rule of withMember) expect(sampled).toContain(rule);

    const home = mkdtempSync(join(tmpdir(), 'switchback-trap-rules-'));
    const records: TrapRecord[] = [];
    let arrived: (() => void) | undefined;
    const receiver = await startTrapReceiver({
      address: '127.0.0.1',
      port: 0,
      communities: ['rules-test'],
      users: [],
      onTrap: (record) => {
        records.push(record);
        arrived?.();
      },
    });
    try {
      for (const [platform, oid, varbinds, member] of SAMPLES) {
        const got = new Promise<void>((resolve) => (arrived = resolve));
        const sent = spawnSync(
          'snmptrap',
          ['-M', '/nonexistent', '-m', '', '-v2c', '-c', 'rules-test', `udp:127.0.0.1:${receiver.port}`, '', oid, ...varbinds],
          {
            env: { PATH: process.env.PATH, HOME: home, SNMPCONFPATH: join(home, 'conf'), SNMP_PERSISTENT_DIR: join(home, 'persist') },
            encoding: 'utf8',
          },
        );
        expect(sent.status, sent.stderr).toBe(0);
        await got;
        const record = records.at(-1)!;
        const rule = PLATFORMS[platform]!.find((r) => r.oid === record.trapOid);
        expect(rule, `${platform} ${oid}`).toBeDefined();
        expect(memberOf(record, rule!), `${platform} ${oid}`).toBe(member);
      }
    } finally {
      await receiver.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
