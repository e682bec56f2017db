// How IOS-XE lays out a StackWise stack in ENTITY-MIB entPhysicalTable (only the
// stack and chassis rows are simulated).
//
// Where the numbers come from: LibreNMS's walk of a real C9300-48P on IOS-XE 16.6.7
// (librenms/librenms tests/snmpsim/iosxe_c9300.snmprec): stack at index 1
// ("c93xx Stack", class stack(11)), chassis "Switch 1" at 1000 contained in 1.
// IOS-XE numbers member N's chassis N*1000; cswSwitchInfoTable is indexed by that
// entPhysicalIndex (the 3-member centreon walk shows the same pattern).

import { activeMember } from '../../model.js';
import type { Member, SwitchState } from '../../model.js';
import type { PhysicalEntity } from '../../personality.js';

/** ENTITY-MIB index of member N's chassis on IOS-XE. */
export function chassisIndex(member: number): number {
  return member * 1000;
}
const STACK_INDEX = 1;

/** A member whose hardware the stack sees: its chassis has an ENTITY-MIB row. */
function hasHardware(m: Member): boolean {
  return m.state !== 'removed' && m.state !== 'provisioned';
}

/** "C9300-48P" → "c93xx Stack", as the stack row is named on a C9300 (the only family verified). */
function stackName(model: string): string {
  const family = /^C(\d\d)\d\d/i.exec(model)?.[1];
  return family ? `c${family}xx Stack` : 'Stack';
}

/**
 * entPhysicalVendorType (CISCO-ENTITY-VENDORTYPE-OID-MIB) as read from the real C9300-48P.
 * Other models get zeroDotZero, which ENTITY-MIB defines for "no vendor type known"
 * (better than a made-up OID).
 */
const VENDOR_TYPE: Record<string, { stack: string; chassis: string }> = {
  'C9300-48P': { stack: '1.3.6.1.4.1.9.12.3.1.11.22', chassis: '1.3.6.1.4.1.9.12.3.1.9.127.6' },
};
const ZERO_DOT_ZERO = '0.0';

/** IOS-XE release trains by major version: [last minor release of the train, name]. */
const TRAINS: Record<string, [number, string][]> = {
  '16': [
    [3, 'Denali'],
    [6, 'Everest'],
    [9, 'Fuji'],
    [12, 'Gibraltar'],
  ],
  '17': [
    [3, 'Amsterdam'],
    [6, 'Bengaluru'],
    [9, 'Cupertino'],
    [12, 'Dublin'],
  ],
};

/** entPhysicalSoftwareRev as IOS-XE writes it: train and short version ("Everest 16.6.7" on the real walk). */
function softwareRev(version: string): string {
  const m = /^(\d+)\.0*(\d+)\.0*(\w+)$/.exec(version);
  if (!m) return version;
  const [, major = '', minor = '', patch = ''] = m;
  const short = `${major}.${minor}.${patch}`;
  const train = TRAINS[major]?.find(([upTo]) => Number(minor) <= upTo)?.[1];
  return train ? `${train} ${short}` : short;
}

/** As the brief asks; note the real 16.6.7 walk leaves entPhysicalMfgName empty. */
const MFG_NAME = 'Cisco Systems Inc.';

/** The stack row and one chassis row per member with hardware; a dark member's row disappears. */
export function physicalEntities(state: SwitchState): PhysicalEntity[] {
  const present = [...state.members].filter(hasHardware).sort((a, b) => a.number - b.number);
  const lead = activeMember(state) ?? present[0];
  const leadModel = lead?.model ?? '';
  const stack: PhysicalEntity = {
    index: STACK_INDEX,
    descr: stackName(leadModel),
    vendorType: VENDOR_TYPE[leadModel]?.stack ?? ZERO_DOT_ZERO,
    containedIn: 0,
    physicalClass: 'stack',
    relPos: -1,
    name: stackName(leadModel),
    hardwareRev: '',
    softwareRev: '',
    serial: lead?.serial ?? '',
    mfgName: MFG_NAME,
    model: leadModel,
    fru: false,
  };
  const chassis = present.map((m): PhysicalEntity => ({
    index: chassisIndex(m.number),
    descr: m.model,
    vendorType: VENDOR_TYPE[m.model]?.chassis ?? ZERO_DOT_ZERO,
    containedIn: STACK_INDEX,
    physicalClass: 'chassis',
    relPos: m.number - 1, // member 1 reads 0 on the real walk
    name: `Switch ${m.number}`,
    hardwareRev: m.hwVersion,
    softwareRev: softwareRev(m.version),
    serial: m.serial,
    mfgName: MFG_NAME,
    model: m.model,
    fru: true,
  }));
  return [stack, ...chassis];
}
