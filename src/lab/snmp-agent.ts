// The SNMP agent of one lab switch, on net-snmp's agent, answering on its own UDP
// port as a Cisco IOS-XE StackWise stack does:
//
//   SNMPv2-MIB system group, SNMP-FRAMEWORK-MIB snmpEngine, CISCO-CONFIG-MAN-MIB
//   ccmHistory, CISCO-STACKWISE-MIB cswSwitchInfoTable, ENTITY-MIB entPhysicalTable
//   (stack and chassis rows) and CISCO-CONFIG-COPY-MIB ccCopyTable, whose copies
//   really run: a save, or an upload over TFTP to the address the manager names.
//
// Every value is computed from the switch's state when a request arrives (a reboot,
// a member failure or a config change shows at once), never cached between requests.
// Requests are dropped without an answer while the switch is off or its SNMP fault
// is on, as a dead agent would.
//
// Where the numbers come from (so nobody has to guess again):
//  - cswSwitchInfoTable columns and enums: CISCO-STACKWISE-MIB (pysnmp translation in
//    lextudio/mibs.pysnmp.com and cisco-kusanagi/mibs.snmplabs.com), cross-checked
//    with the centreon walk of a real 3-member stack
//    (fixtures/real/centreon-plugins/cisco/standard/snmp/cisco.snmpwalk).
//  - entPhysicalTable rows, indexes and vendor types: LibreNMS's walk of a real
//    C9300-48P on IOS-XE 16.6.7 (librenms/librenms tests/snmpsim/iosxe_c9300.snmprec):
//    stack at index 1 ("c93xx Stack", class stack(11)), chassis "Switch 1" at 1000
//    contained in 1. IOS-XE numbers member N's chassis N*1000; cswSwitchInfoTable is
//    indexed by that entPhysicalIndex (the 3-member walk shows the same pattern).
//  - ccCopyTable columns and enums: CISCO-CONFIG-COPY-MIB (pysnmp translation as above).

import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import snmp from 'net-snmp';

import type { ConfigTree } from './config-tree.js';
import { activeMember, hostnameOf } from './model.js';
import type { Member, MemberState, SwitchState } from './model.js';
import type { LabSwitch } from './switch.js';
import { tftpUpload, TftpUploadError } from './tftp-upload.js';

// ---------------------------------------------------------------- OIDs

const SYSTEM = '1.3.6.1.2.1.1';
const SNMP_ENGINE = '1.3.6.1.6.3.10.2.1';
const CCM_HISTORY = '1.3.6.1.4.1.9.9.43.1.1';
const CSW_GLOBALS = '1.3.6.1.4.1.9.9.500.1.1';
const CSW_SWITCH_INFO_ENTRY = '1.3.6.1.4.1.9.9.500.1.2.1.1';
const ENT_PHYSICAL_ENTRY = '1.3.6.1.2.1.47.1.1.1.1';
const CC_COPY_ENTRY = '1.3.6.1.4.1.9.9.96.1.1.1.1';
const USM_STATS = '1.3.6.1.6.3.15.1.1';

const ENT_TABLE = 'entPhysicalTable';
const CSW_TABLE = 'cswSwitchInfoTable';
const CC_TABLE = 'ccCopyTable';

// ---------------------------------------------------------------- public API

export interface SnmpAgentHandle {
  port: number;
  close(): Promise<void>;
}

/** The v3 user that authenticates with HMAC-SHA-256 instead of SHA-1 (same keys). */
export const SHA256_USER_SUFFIX = '-sha256';

/**
 * The SNMPv3 users a lab switch knows: the inventory's user with SHA-1 + AES-128
 * (what most Cisco configs use), and the same keys as `<user>-sha256` with
 * HMAC-SHA-256 + AES-128 for managers that want RFC 7860.
 */
export function snmpV3UsersFor(credentials: LabSwitch['credentials']): snmp.User[] {
  const { user, authKey, privKey } = credentials.snmpV3;
  const base = { level: snmp.SecurityLevel.authPriv, authKey, privProtocol: snmp.PrivProtocols.aes, privKey };
  return [
    { ...base, name: user, authProtocol: snmp.AuthProtocols.sha },
    { ...base, name: user + SHA256_USER_SUFFIX, authProtocol: snmp.AuthProtocols.sha256 },
  ];
}

/**
 * A switch's snmpEngineID in Cisco's default format (RFC 3411 SnmpEngineID with
 * enterprise 9, format 3 = MAC address): 80 00 00 09 03 + 6 bytes. A real switch
 * uses a chassis MAC; the lab derives the 6 bytes from the switch name so every
 * switch differs and keeps its engineID across restarts.
 */
export function engineIdFor(name: string): Buffer {
  const pseudoMac = createHash('sha256').update(`snmp-engine:${name}`).digest().subarray(0, 6);
  return Buffer.concat([Buffer.from([0x80, 0x00, 0x00, 0x09, 0x03]), pseudoMac]);
}

export async function startSnmpAgent(sw: LabSwitch, opts: { address: string; port: number }): Promise<SnmpAgentHandle> {
  const socket = dgram.createSocket(isIPv6(opts.address) ? 'udp6' : 'udp4');
  await bind(socket, opts.port, opts.address);
  const lab = new LabAgent(sw, socket);
  return {
    port: socket.address().port,
    close: () => lab.close(),
  };
}

// ---------------------------------------------------------------- values (pure)

type Row = unknown[];

/** `snmp-server contact …` / `snmp-server location …` from the running config, as IOS serves them. */
function snmpServerSetting(config: ConfigTree, keyword: 'contact' | 'location'): string {
  const prefix = `snmp-server ${keyword} `;
  return config.find((n) => n.line.startsWith(prefix))?.line.slice(prefix.length) ?? '';
}

/** Seconds since boot for snmpEngineTime (RFC 3414: 0..2^31-1). */
function engineTime(sw: LabSwitch): number {
  return Math.min(0x7fffffff, Math.max(0, Math.floor((sw.now() - sw.state.bootedAt) / 1000)));
}

/** sysUpTime at a state timestamp; 0 for "never since boot" (null) or a time before this boot. */
function ticksSinceBoot(sw: LabSwitch, at: number | null): number {
  if (at === null || at < sw.state.bootedAt) return 0;
  return sw.ticksAt(at);
}

function scalarValues(sw: LabSwitch, engineId: Buffer): Record<string, unknown> {
  const { state } = sw;
  const members = state.members;
  return {
    sysDescr: sw.personality.snmp.sysDescr(state),
    sysObjectID: sw.personality.snmp.sysObjectID,
    sysUpTime: sw.sysUpTime(),
    sysContact: snmpServerSetting(state.running, 'contact'),
    sysName: hostnameOf(state.running),
    sysLocation: snmpServerSetting(state.running, 'location'),
    snmpEngineID: engineId,
    snmpEngineBoots: state.boots,
    snmpEngineTime: engineTime(sw),
    // IOS's default `snmp-server packetsize` is 1500 bytes.
    snmpEngineMaxMessageSize: 1500,
    ccmHistoryRunningLastChanged: ticksSinceBoot(sw, state.runningChangedAt),
    ccmHistoryRunningLastSaved: ticksSinceBoot(sw, state.runningSavedAt),
    ccmHistoryStartupLastChanged: ticksSinceBoot(sw, state.startupChangedAt),
    // A C9300 stack takes up to 8 members, priorities 1..15.
    cswMaxSwitchNum: 8,
    cswMaxSwitchConfigPriority: 15,
    cswRingRedundant: ringRedundant(members) ? TRUTH.true : TRUTH.false,
  };
}

const TRUTH = { true: 1, false: 2 } as const;

/** The stack ring is closed only when every member with hardware is up (a dark member opens it). */
function ringRedundant(members: Member[]): boolean {
  const hardware = members.filter((m) => m.state !== 'Provisioned');
  return hardware.length >= 2 && hardware.every((m) => m.state === 'Ready');
}

/** ENTITY-MIB index of member N's chassis on IOS-XE. */
export function chassisIndex(member: number): number {
  return member * 1000;
}
const STACK_INDEX = 1;

/** CISCO-STACKWISE-MIB cswSwitchState. */
const CSW_STATE: Record<MemberState, number> = {
  Initializing: 2, // progressing: election or mismatch checks in progress
  Ready: 4,
  'V-Mismatch': 6, // verMismatch
  Provisioned: 9,
  Removed: 11,
};
/** CISCO-STACKWISE-MIB cswSwitchRole. */
const CSW_ROLE = { master: 1, member: 2, notMember: 3, standby: 4 } as const;

function switchRole(m: Member): number {
  // "notMember - none-active stack member, see cswSwitchState for status"
  if (m.state !== 'Ready') return CSW_ROLE.notMember;
  if (m.role === 'Active') return CSW_ROLE.master;
  if (m.role === 'Standby') return CSW_ROLE.standby;
  return CSW_ROLE.member;
}

/** "689c.e2ff.b9d9" → 6 bytes. */
function macBytes(dotted: string): Buffer {
  const hex = dotted.replace(/[^0-9a-fA-F]/g, '').padStart(12, '0').slice(-12);
  return Buffer.from(hex, 'hex');
}

/**
 * One cswSwitchInfoTable row per member, present or not (Provisioned and Removed
 * members keep their row). The MIB says NumNextReload, priorities, MAC and image
 * read 0 / empty for a member that is not ready; the power columns read 0 as on
 * the real walk.
 */
function switchInfoRows(state: SwitchState): Row[] {
  return [...state.members]
    .sort((a, b) => a.number - b.number)
    .map((m) => {
      const ready = m.state === 'Ready';
      return [
        chassisIndex(m.number), // foreign index: entPhysicalIndex
        m.number, // 1 cswSwitchNumCurrent
        ready ? m.number : 0, // 2 cswSwitchNumNextReload
        switchRole(m), // 3 cswSwitchRole
        ready ? m.priority : 0, // 4 cswSwitchSwPriority
        ready ? 5 : 0, // 5 cswSwitchHwPriority (5 on the real walk)
        CSW_STATE[m.state], // 6 cswSwitchState
        ready ? macBytes(m.mac) : Buffer.alloc(6), // 7 cswSwitchMacAddress
        ready ? 'CAT9K_IOSXE' : '', // 8 cswSwitchSoftwareImage
        0, // 9 cswSwitchPowerBudget
        0, // 10 cswSwitchPowerCommited
        0, // 11 cswSwitchSystemPowerPriority
        0, // 12 cswSwitchPoeDevicesLowPriority
        0, // 13 cswSwitchPoeDevicesHighPriority
        0, // 14 cswSwitchPowerAllocated
      ];
    });
}

/** A member whose hardware the stack sees: its chassis has an ENTITY-MIB row. */
function hasHardware(m: Member): boolean {
  return m.state !== 'Removed' && m.state !== 'Provisioned';
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

/**
 * IOS-XE release trains, as entPhysicalSoftwareRev names them ("Everest 16.6.7"
 * on the real walk): 16.x Denali/Everest/Fuji/Gibraltar, 17.x Amsterdam…Dublin.
 */
function softwareRev(version: string): string {
  const m = /^(\d+)\.0*(\d+)\.0*(\w+)$/.exec(version);
  if (!m) return version;
  const [, major, minor, patch] = m;
  const short = `${major}.${minor}.${patch}`;
  const trains: Record<string, [number, string][]> = {
    '16': [[3, 'Denali'], [6, 'Everest'], [9, 'Fuji'], [12, 'Gibraltar']],
    '17': [[3, 'Amsterdam'], [6, 'Bengaluru'], [9, 'Cupertino'], [12, 'Dublin']],
  };
  const train = trains[major ?? '']?.find(([upTo]) => Number(minor) <= upTo)?.[1];
  return train ? `${train} ${short}` : short;
}

const PHYSICAL_CLASS = { chassis: 3, stack: 11 } as const;
/** As the brief asks; note the real 16.6.7 walk leaves entPhysicalMfgName empty. */
const MFG_NAME = 'Cisco Systems Inc.';
/** entPhysicalMfgDate when unknown: eight zero bytes, as the real walk shows. */
const NO_DATE = Buffer.alloc(8);

function entityRow(index: number, e: { descr: string; vendorType: string; containedIn: number; cls: number; relPos: number; name: string; hw: string; sw: string; serial: string; model: string; fru: boolean }): Row {
  return [
    index, // 1 entPhysicalIndex (not-accessible)
    e.descr, // 2 entPhysicalDescr
    e.vendorType, // 3 entPhysicalVendorType
    e.containedIn, // 4 entPhysicalContainedIn
    e.cls, // 5 entPhysicalClass
    e.relPos, // 6 entPhysicalParentRelPos
    e.name, // 7 entPhysicalName
    e.hw, // 8 entPhysicalHardwareRev
    '', // 9 entPhysicalFirmwareRev
    e.sw, // 10 entPhysicalSoftwareRev
    e.serial, // 11 entPhysicalSerialNum
    MFG_NAME, // 12 entPhysicalMfgName
    e.model, // 13 entPhysicalModelName
    '', // 14 entPhysicalAlias
    '', // 15 entPhysicalAssetID
    e.fru ? TRUTH.true : TRUTH.false, // 16 entPhysicalIsFRU
    NO_DATE, // 17 entPhysicalMfgDate
    '', // 18 entPhysicalUris
  ];
}

/** The stack row and one chassis row per member with hardware; a dark member's row disappears. */
function entityRows(state: SwitchState): Row[] {
  const present = [...state.members].filter(hasHardware).sort((a, b) => a.number - b.number);
  const lead = activeMember(state) ?? present[0];
  const leadModel = lead?.model ?? '';
  const rows: Row[] = [
    entityRow(STACK_INDEX, {
      descr: stackName(leadModel),
      vendorType: VENDOR_TYPE[leadModel]?.stack ?? ZERO_DOT_ZERO,
      containedIn: 0,
      cls: PHYSICAL_CLASS.stack,
      relPos: -1,
      name: stackName(leadModel),
      hw: '',
      sw: '',
      serial: lead?.serial ?? '',
      model: leadModel,
      fru: false,
    }),
  ];
  for (const m of present) {
    rows.push(
      entityRow(chassisIndex(m.number), {
        descr: m.model,
        vendorType: VENDOR_TYPE[m.model]?.chassis ?? ZERO_DOT_ZERO,
        containedIn: STACK_INDEX,
        cls: PHYSICAL_CLASS.chassis,
        relPos: m.number - 1, // member 1 reads 0 on the real walk
        name: `Switch ${m.number}`,
        hw: m.hwVersion,
        sw: softwareRev(m.version),
        serial: m.serial,
        model: m.model,
        fru: true,
      }),
    );
  }
  return rows;
}

// ---------------------------------------------------------------- MIB definitions

const T = snmp.ObjectType;
const ACCESS = snmp.MaxAccess;

interface ColumnDef {
  number: number;
  name: string;
  type: snmp.ObjectType;
  maxAccess: number;
  defVal?: unknown;
  rowStatus?: boolean;
}

interface ProviderDef {
  name: string;
  type: number;
  oid: string;
  maxAccess: number;
  scalarType?: snmp.ObjectType;
  tableColumns?: ColumnDef[];
  tableIndex?: { columnName: string; foreign?: string }[];
  createHandler?: ((req: { action: string; row: unknown[] }) => unknown[] | undefined) | null;
}

const SCALARS: [name: string, oid: string, type: snmp.ObjectType][] = [
  ['sysDescr', `${SYSTEM}.1`, T.OctetString],
  ['sysObjectID', `${SYSTEM}.2`, T.OID],
  ['sysUpTime', `${SYSTEM}.3`, T.TimeTicks],
  ['sysContact', `${SYSTEM}.4`, T.OctetString],
  ['sysName', `${SYSTEM}.5`, T.OctetString],
  ['sysLocation', `${SYSTEM}.6`, T.OctetString],
  ['snmpEngineID', `${SNMP_ENGINE}.1`, T.OctetString],
  ['snmpEngineBoots', `${SNMP_ENGINE}.2`, T.Integer],
  ['snmpEngineTime', `${SNMP_ENGINE}.3`, T.Integer],
  ['snmpEngineMaxMessageSize', `${SNMP_ENGINE}.4`, T.Integer],
  ['ccmHistoryRunningLastChanged', `${CCM_HISTORY}.1`, T.TimeTicks],
  ['ccmHistoryRunningLastSaved', `${CCM_HISTORY}.2`, T.TimeTicks],
  ['ccmHistoryStartupLastChanged', `${CCM_HISTORY}.3`, T.TimeTicks],
  ['cswMaxSwitchNum', `${CSW_GLOBALS}.1`, T.Gauge],
  ['cswMaxSwitchConfigPriority', `${CSW_GLOBALS}.2`, T.Gauge],
  ['cswRingRedundant', `${CSW_GLOBALS}.3`, T.Integer],
];

function readOnly(number: number, name: string, type: snmp.ObjectType): ColumnDef {
  return { number, name, type, maxAccess: ACCESS['read-only'] };
}
function readCreate(number: number, name: string, type: snmp.ObjectType, defVal: unknown): ColumnDef {
  return { number, name, type, maxAccess: ACCESS['read-create'], defVal };
}

const ENT_COLUMNS: ColumnDef[] = [
  { number: 1, name: 'entPhysicalIndex', type: T.Integer, maxAccess: ACCESS['not-accessible'] },
  readOnly(2, 'entPhysicalDescr', T.OctetString),
  readOnly(3, 'entPhysicalVendorType', T.OID),
  readOnly(4, 'entPhysicalContainedIn', T.Integer),
  readOnly(5, 'entPhysicalClass', T.Integer),
  readOnly(6, 'entPhysicalParentRelPos', T.Integer),
  readOnly(7, 'entPhysicalName', T.OctetString),
  readOnly(8, 'entPhysicalHardwareRev', T.OctetString),
  readOnly(9, 'entPhysicalFirmwareRev', T.OctetString),
  readOnly(10, 'entPhysicalSoftwareRev', T.OctetString),
  readOnly(11, 'entPhysicalSerialNum', T.OctetString),
  readOnly(12, 'entPhysicalMfgName', T.OctetString),
  readOnly(13, 'entPhysicalModelName', T.OctetString),
  readOnly(14, 'entPhysicalAlias', T.OctetString),
  readOnly(15, 'entPhysicalAssetID', T.OctetString),
  readOnly(16, 'entPhysicalIsFRU', T.Integer),
  readOnly(17, 'entPhysicalMfgDate', T.OctetString),
  readOnly(18, 'entPhysicalUris', T.OctetString),
];

const CSW_COLUMNS: ColumnDef[] = [
  readOnly(1, 'cswSwitchNumCurrent', T.Gauge),
  readOnly(2, 'cswSwitchNumNextReload', T.Gauge),
  readOnly(3, 'cswSwitchRole', T.Integer),
  readOnly(4, 'cswSwitchSwPriority', T.Gauge),
  readOnly(5, 'cswSwitchHwPriority', T.Gauge),
  readOnly(6, 'cswSwitchState', T.Integer),
  readOnly(7, 'cswSwitchMacAddress', T.OctetString),
  readOnly(8, 'cswSwitchSoftwareImage', T.OctetString),
  readOnly(9, 'cswSwitchPowerBudget', T.Gauge),
  readOnly(10, 'cswSwitchPowerCommited', T.Gauge),
  readOnly(11, 'cswSwitchSystemPowerPriority', T.Gauge),
  readOnly(12, 'cswSwitchPoeDevicesLowPriority', T.Gauge),
  readOnly(13, 'cswSwitchPoeDevicesHighPriority', T.Gauge),
  readOnly(14, 'cswSwitchPowerAllocated', T.Gauge),
];

/** CISCO-CONFIG-COPY-MIB ccCopyEntry column numbers. */
const CC = {
  index: 1,
  protocol: 2,
  sourceFileType: 3,
  destFileType: 4,
  serverAddress: 5,
  fileName: 6,
  userName: 7,
  userPassword: 8,
  notificationOnCompletion: 9,
  state: 10,
  timeStarted: 11,
  timeCompleted: 12,
  failCause: 13,
  rowStatus: 14,
  serverAddressType: 15,
  serverAddressRev1: 16,
  vrfName: 17,
} as const;

const COPY_PROTOCOL = { tftp: 1 } as const;
const FILE_TYPE = { networkFile: 1, iosFile: 2, startupConfig: 3, runningConfig: 4, terminal: 5, fabricStartupConfig: 6 } as const;
const COPY_STATE = { waiting: 1, running: 2, successful: 3, failed: 4 } as const;
const FAIL_CAUSE = { unknown: 1, badFileName: 2, timeout: 3, noMem: 4, noConfig: 5, unsupportedProtocol: 6, someConfigApplyFailed: 7, systemNotReady: 8, requestAborted: 9 } as const;
const INET_ADDRESS_TYPE = { unknown: 0, ipv4: 1, ipv6: 2 } as const;
const ROW_STATUS = snmp.RowStatus;

/**
 * Values a new row starts with. The MIB gives DEFVALs only for the protocol (tftp)
 * and notification (false); the file types start at 0, "not set yet", so that
 * activating a row nobody completed is refused (RFC 2579: notReady → inconsistentValue).
 * State, times and fail cause exist from creation in this agent (the MIB instantiates
 * them at activation); read ccCopyFailCause only when ccCopyState is failed.
 */
const CC_COLUMNS: ColumnDef[] = [
  { number: CC.index, name: 'ccCopyIndex', type: T.Gauge, maxAccess: ACCESS['not-accessible'] },
  readCreate(CC.protocol, 'ccCopyProtocol', T.Integer, COPY_PROTOCOL.tftp),
  readCreate(CC.sourceFileType, 'ccCopySourceFileType', T.Integer, 0),
  readCreate(CC.destFileType, 'ccCopyDestFileType', T.Integer, 0),
  readCreate(CC.serverAddress, 'ccCopyServerAddress', T.IpAddress, '0.0.0.0'),
  readCreate(CC.fileName, 'ccCopyFileName', T.OctetString, ''),
  readCreate(CC.userName, 'ccCopyUserName', T.OctetString, ''),
  readCreate(CC.userPassword, 'ccCopyUserPassword', T.OctetString, ''),
  readCreate(CC.notificationOnCompletion, 'ccCopyNotificationOnCompletion', T.Integer, TRUTH.false),
  { ...readOnly(CC.state, 'ccCopyState', T.Integer), defVal: COPY_STATE.waiting },
  { ...readOnly(CC.timeStarted, 'ccCopyTimeStarted', T.TimeTicks), defVal: 0 },
  { ...readOnly(CC.timeCompleted, 'ccCopyTimeCompleted', T.TimeTicks), defVal: 0 },
  { ...readOnly(CC.failCause, 'ccCopyFailCause', T.Integer), defVal: FAIL_CAUSE.unknown },
  { number: CC.rowStatus, name: 'ccCopyEntryRowStatus', type: T.Integer, maxAccess: ACCESS['read-create'], rowStatus: true },
  readCreate(CC.serverAddressType, 'ccCopyServerAddressType', T.Integer, INET_ADDRESS_TYPE.unknown),
  readCreate(CC.serverAddressRev1, 'ccCopyServerAddressRev1', T.OctetString, Buffer.alloc(0)),
  readCreate(CC.vrfName, 'ccCopyVrfName', T.OctetString, ''),
];

/** A new ccCopyTable row: defaults, the index, and the RowStatus action that created it. */
function newCopyRow(index: number, action: number): Row {
  return CC_COLUMNS.map((c) => (c.number === CC.index ? index : c.rowStatus ? action : c.defVal));
}

function providers(): ProviderDef[] {
  const scalars: ProviderDef[] = SCALARS.map(([name, oid, scalarType]) => ({
    name,
    type: snmp.MibProviderType.Scalar,
    oid,
    scalarType,
    maxAccess: ACCESS['read-only'],
  }));
  const table = (name: string, oid: string, tableColumns: ColumnDef[], tableIndex: ProviderDef['tableIndex']): ProviderDef => ({
    name,
    type: snmp.MibProviderType.Table,
    oid,
    maxAccess: ACCESS['not-accessible'],
    tableColumns,
    tableIndex,
  });
  return [
    ...scalars,
    table(ENT_TABLE, ENT_PHYSICAL_ENTRY, ENT_COLUMNS, [{ columnName: 'entPhysicalIndex' }]),
    // INDEX { entPhysicalIndex }: a foreign index, taken from ENTITY-MIB's table.
    table(CSW_TABLE, CSW_SWITCH_INFO_ENTRY, CSW_COLUMNS, [{ columnName: 'entPhysicalIndex', foreign: ENT_TABLE }]),
    {
      ...table(CC_TABLE, CC_COPY_ENTRY, CC_COLUMNS, [{ columnName: 'ccCopyIndex' }]),
      createHandler: (req) => newCopyRow(Number(req.row[0]), ROW_STATUS[req.action as 'createAndGo']),
    },
  ];
}

// ---------------------------------------------------------------- net-snmp internals we use

/** The parts of net-snmp's (untyped) Mib we call. */
interface NetSnmpMib {
  registerProvider(p: ProviderDef): void;
  setScalarValue(name: string, value: unknown): void;
  addTableRow(table: string, row: Row): void;
  deleteTableRow(table: string, rowIndex: unknown[]): boolean;
  getTableRowCells(table: string, rowIndex: unknown[]): unknown[] | null;
  getTableColumnCells(table: string, column: number, includeInstances: true): [unknown[][], unknown[]] | null;
  setTableSingleCell(table: string, column: number, rowIndex: unknown[], value: unknown): void;
}

/** One varbind of a request as net-snmp's agent processes it (MibRequest). */
interface MibRequestLike {
  oid: string;
  setValue?: unknown;
}

interface RawVarbind {
  oid: string;
  type: number;
  value: unknown;
}

interface RequestMessage {
  pdu: { varbinds: RawVarbind[] };
}

/** The parts of net-snmp's (untyped) Agent we call or replace. */
interface NetSnmpAgent {
  engine: { engineID: Buffer; engineBoots: number; engineTime: number };
  getMib(): NetSnmpMib;
  getAuthorizer(): { addCommunity(c: string): void; addUser(u: snmp.User): void };
  onMsg(socket: Socket, buffer: Buffer, rinfo: RemoteInfo): void;
  setRequest(socket: Socket, message: RequestMessage, rinfo: RemoteInfo): void;
  setBulkSetHandler(cb: (requests: MibRequestLike[], mib: NetSnmpMib, testSet: boolean) => number): void;
}

interface AgentCallbackData {
  pdu: { errorStatus?: number };
}

// ---------------------------------------------------------------- the agent

interface CopyJob {
  abort: AbortController;
}

/** A SET being processed: what net-snmp's own handling needs help with. */
interface PendingSet {
  varbinds: RawVarbind[];
  /** ccCopyTable rows this SET created ahead of net-snmp (see installSetHandling). */
  created: number[];
  failed: boolean;
}

/** Bookkeeping for a table rebuilt from state: skip the rebuild when nothing changed. */
interface SyncedTable {
  name: string;
  signature: string;
  indexes: unknown[][];
}

class LabAgent {
  private readonly agent: NetSnmpAgent;
  private readonly mib: NetSnmpMib;
  private readonly engineId: Buffer;
  private readonly tables: { ent: SyncedTable; csw: SyncedTable } = {
    ent: { name: ENT_TABLE, signature: '', indexes: [] },
    csw: { name: CSW_TABLE, signature: '', indexes: [] },
  };
  private readonly jobs = new Map<number, CopyJob>();
  private readonly queue: number[] = [];
  private running = false;
  private closed = false;
  private bootsSeen: number;
  /** The USM failure net-snmp reported while processing the current message, if any. */
  private usmFailure: 'wrongDigests' | 'decryptionErrors' | null = null;
  private readonly usmCounters = { wrongDigests: 0, decryptionErrors: 0 };
  private pendingSet: PendingSet | null = null;
  private readonly rawByRequest = new WeakMap<MibRequestLike[], RawVarbind[]>();

  constructor(
    private readonly sw: LabSwitch,
    private readonly socket: Socket,
  ) {
    this.engineId = engineIdFor(sw.name);
    this.bootsSeen = sw.state.boots;
    // `sockets: []`: net-snmp binds nothing; we own the socket (port 0 works, and we
    // decide per packet whether the switch answers at all).
    this.agent = snmp.createAgent({ sockets: [], engineID: this.engineId.toString('hex') }, (error: Error | null, data?: AgentCallbackData) =>
      this.onAgentEvent(error, data),
    ) as NetSnmpAgent;
    this.mib = this.agent.getMib();
    this.keepEngineInStep();
    this.authorize();
    for (const p of providers()) this.mib.registerProvider(p);
    this.refresh();
    this.installSetHandling();
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    // A socket error (e.g. a send to an unreachable peer) must not take the lab down.
    socket.on('error', () => undefined);
    // Power loss empties RAM: running copies die with it.
    sw.onPowerLoss(() => this.abortAllCopies());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abortAllCopies();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  /**
   * v3 messages carry the agent's snmpEngineBoots and snmpEngineTime; net-snmp keeps
   * constants there. Getters make them follow the switch: boots from the state, time
   * as seconds since this boot, so a manager sees a reboot in the USM header too.
   */
  private keepEngineInStep(): void {
    const { engine } = this.agent;
    Object.defineProperty(engine, 'engineBoots', { get: () => this.sw.state.boots, configurable: true });
    Object.defineProperty(engine, 'engineTime', { get: () => engineTime(this.sw), configurable: true });
  }

  private authorize(): void {
    const auth = this.agent.getAuthorizer();
    auth.addCommunity(this.sw.credentials.snmpCommunity);
    for (const user of snmpV3UsersFor(this.sw.credentials)) auth.addUser(user);
  }

  private answering(): boolean {
    const { state } = this.sw;
    return !this.closed && state.up && !state.faults.snmpSilent;
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    // A dead or wedged agent says nothing at all: the manager times out.
    if (!this.answering()) return;
    this.refresh();
    this.usmFailure = null;
    this.agent.onMsg(this.socket, msg, rinfo);
    if (this.usmFailure) this.sendUsmReport(msg, rinfo, this.usmFailure);
  }

  private onAgentEvent(error: Error | null, data?: AgentCallbackData): void {
    if (error) {
      // net-snmp drops a v3 message whose digest or encryption does not check out;
      // a real agent answers with a usmStats report (RFC 3414 3.2 steps 6 and 8),
      // which is what tells the manager "wrong key" instead of a bare timeout.
      const code = (error as Error & { code?: number }).code;
      if (code === snmp.ResponseInvalidCode.EAuthFailure) this.usmFailure = 'wrongDigests';
      else if (code === snmp.ResponseInvalidCode.ECouldNotDecrypt) this.usmFailure = 'decryptionErrors';
      return;
    }
    if (this.pendingSet && data?.pdu.errorStatus) this.pendingSet.failed = true;
    // A response went out: a SET may have just activated (or destroyed) a copy row.
    setImmediate(() => this.reviewCopies());
  }

  // ------------------------------------------------------------ state → MIB

  /** Bring every value up to the switch's current state, just before a request is served. */
  private refresh(): void {
    const { state } = this.sw;
    if (state.boots !== this.bootsSeen) {
      // A reboot: the copy table lived in RAM.
      this.bootsSeen = state.boots;
      this.abortAllCopies();
      this.clearCopyTable();
    }
    for (const [name, value] of Object.entries(scalarValues(this.sw, this.engineId))) this.mib.setScalarValue(name, value);
    this.sync(this.tables.ent, entityRows(state), (row) => [row[0]]);
    this.sync(this.tables.csw, switchInfoRows(state), (row) => [row[0]]);
  }

  /** Replace a table's rows when they changed (net-snmp keeps rows in a tree for GETNEXT). */
  private sync(table: SyncedTable, rows: Row[], indexOf: (row: Row) => unknown[]): void {
    const signature = JSON.stringify(rows);
    if (signature === table.signature) return;
    for (const index of table.indexes) this.mib.deleteTableRow(table.name, index);
    for (const row of rows) this.mib.addTableRow(table.name, row);
    table.indexes = rows.map(indexOf);
    table.signature = signature;
  }

  // ------------------------------------------------------------ ccCopyTable rows

  private copyRow(index: number): unknown[] | null {
    try {
      return this.mib.getTableRowCells(CC_TABLE, [index]);
    } catch {
      return null; // the table has no rows at all
    }
  }

  /** A cell of a copy row, by column number (rows come back in column order). */
  private copyCell(index: number, column: number): unknown {
    const row = this.copyRow(index);
    const position = CC_COLUMNS.filter((c) => c.maxAccess !== ACCESS['not-accessible']).findIndex((c) => c.number === column);
    return row ? row[position] : undefined;
  }

  private setCopyCell(index: number, column: number, value: unknown): void {
    if (this.copyRow(index)) this.mib.setTableSingleCell(CC_TABLE, column, [index], value);
  }

  private copyIndexes(): number[] {
    try {
      const cells = this.mib.getTableColumnCells(CC_TABLE, CC.rowStatus, true);
      return cells ? cells[0].map((idx) => Number(idx[0])) : [];
    } catch {
      return [];
    }
  }

  private clearCopyTable(): void {
    for (const index of this.copyIndexes()) this.mib.deleteTableRow(CC_TABLE, [index]);
  }

  // ------------------------------------------------------------ SET handling for ccCopyTable

  /**
   * net-snmp creates a row only when it meets the RowStatus varbind, so columns that
   * come before it in the same PDU are silently dropped; it also stores the action
   * (createAndGo) as the row's status, and turns OCTET STRING values into UTF-8 text
   * (mangling a binary InetAddress). We help in three places: before the SET (create
   * the row up front), in its test pass (RowStatus consistency) and in its commit pass
   * (store active/notInService and the raw bytes).
   */
  private installSetHandling(): void {
    const original = this.agent.setRequest.bind(this.agent);
    this.agent.setRequest = (socket, message, rinfo) => {
      const pending: PendingSet = { varbinds: message.pdu.varbinds, created: [], failed: false };
      this.pendingSet = pending;
      this.createRowsAhead(pending);
      try {
        original(socket, message, rinfo);
      } finally {
        this.pendingSet = null;
      }
      // The test pass runs synchronously; if it refused the SET, undo our early creations.
      if (pending.failed) for (const index of pending.created) this.mib.deleteTableRow(CC_TABLE, [index]);
    };
    this.agent.setBulkSetHandler((requests, _mib, testSet) => (testSet ? this.testSet(requests) : this.commitSet(requests)));
  }

  private createRowsAhead(pending: PendingSet): void {
    for (const vb of pending.varbinds) {
      const target = copyTarget(vb.oid);
      if (!target || target.column !== CC.rowStatus) continue;
      const action = Number(vb.value);
      if (action !== ROW_STATUS.createAndGo && action !== ROW_STATUS.createAndWait) continue;
      if (this.copyRow(target.index)) continue; // net-snmp answers inconsistentValue itself
      this.mib.addTableRow(CC_TABLE, newCopyRow(target.index, action));
      pending.created.push(target.index);
    }
  }

  private testSet(requests: MibRequestLike[]): number {
    if (this.pendingSet) this.rawByRequest.set(requests, this.pendingSet.varbinds);
    const byRow = new Map<number, Map<number, unknown>>();
    for (const r of requests) {
      const target = copyTarget(r.oid);
      if (!target) continue;
      const row = byRow.get(target.index) ?? new Map<number, unknown>();
      row.set(target.column, r.setValue);
      byRow.set(target.index, row);
    }
    for (const [index, changes] of byRow) {
      // net-snmp would answer a SET on a row that does not exist with "noSuchInstance"
      // and no error; RFC 3416 says noCreation.
      if (!this.copyRow(index)) return snmp.ErrorStatus.NoCreation;
      const status = Number(this.copyCell(index, CC.rowStatus));
      const newStatus = changes.has(CC.rowStatus) ? Number(changes.get(CC.rowStatus)) : null;
      if (newStatus === ROW_STATUS.destroy) continue;
      // "Once the config-copy request has been created (made active), the entry cannot be modified."
      // (A row created by this very SET still holds createAndGo/createAndWait, not active.)
      if (status === ROW_STATUS.active && [...changes.keys()].some((c) => c !== CC.rowStatus)) return snmp.ErrorStatus.InconsistentValue;
      const activating = newStatus === ROW_STATUS.active || newStatus === ROW_STATUS.createAndGo;
      if (activating && !copyRequestComplete(this.requestAfter(index, changes))) return snmp.ErrorStatus.InconsistentValue;
    }
    return snmp.ErrorStatus.NoError;
  }

  private commitSet(requests: MibRequestLike[]): number {
    const raw = this.rawByRequest.get(requests);
    requests.forEach((r, i) => {
      const target = copyTarget(r.oid);
      if (!target) return;
      if (target.column === CC.rowStatus) {
        // Store the state the row is in, not the action that put it there.
        if (r.setValue === ROW_STATUS.createAndGo) r.setValue = ROW_STATUS.active;
        if (r.setValue === ROW_STATUS.createAndWait) r.setValue = ROW_STATUS.notInService;
      }
      const rawValue = raw?.[i]?.value;
      if (target.column === CC.serverAddressRev1 && Buffer.isBuffer(rawValue)) r.setValue = Buffer.from(rawValue);
      // "Reading it returns a zero-length string for security reasons."
      if (target.column === CC.userPassword) r.setValue = '';
    });
    return snmp.ErrorStatus.NoError;
  }

  /** The copy request a row would describe after `changes` (column → new value) are applied. */
  private requestAfter(index: number, changes: Map<number, unknown>): CopyRequest {
    const cell = (column: number) => (changes.has(column) ? changes.get(column) : this.copyCell(index, column));
    const raw = this.pendingSet?.varbinds.find((vb) => copyTarget(vb.oid)?.column === CC.serverAddressRev1 && copyTarget(vb.oid)?.index === index);
    return copyRequestFrom(cell, raw?.value);
  }

  // ------------------------------------------------------------ running copies

  /** After each response: queue newly activated rows, abort copies whose row was destroyed. */
  private reviewCopies(): void {
    if (this.closed) return;
    const indexes = new Set(this.copyIndexes());
    for (const [index, job] of this.jobs) if (!indexes.has(index)) job.abort.abort();
    for (const index of indexes) {
      if (this.jobs.has(index)) continue;
      const active = Number(this.copyCell(index, CC.rowStatus)) === ROW_STATUS.active;
      if (!active || Number(this.copyCell(index, CC.state)) !== COPY_STATE.waiting) continue;
      this.jobs.set(index, { abort: new AbortController() });
      this.queue.push(index);
    }
    void this.runQueue();
  }

  /** IOS runs one config copy at a time; the others wait (ccCopyState waiting). */
  private async runQueue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let index = this.queue.shift(); index !== undefined; index = this.queue.shift()) {
        const job = this.jobs.get(index);
        if (!job) continue;
        if (job.abort.signal.aborted) {
          this.finishCopy(index, { ok: false, failCause: FAIL_CAUSE.requestAborted });
          continue;
        }
        this.setCopyCell(index, CC.state, COPY_STATE.running);
        this.setCopyCell(index, CC.timeStarted, this.sw.sysUpTime());
        // A bug in a copy must fail that copy, not leave it "running" forever.
        const outcome = await this.execute(this.copyRequestOf(index), job.abort.signal).catch((): CopyOutcome => ({ ok: false, failCause: FAIL_CAUSE.unknown }));
        this.finishCopy(index, outcome);
      }
    } finally {
      this.running = false;
    }
  }

  /** Record how a copy ended (if its row still exists) and forget the job. */
  private finishCopy(index: number, outcome: CopyOutcome): void {
    this.setCopyCell(index, CC.timeCompleted, this.sw.sysUpTime());
    if (!outcome.ok) this.setCopyCell(index, CC.failCause, outcome.failCause);
    this.setCopyCell(index, CC.state, outcome.ok ? COPY_STATE.successful : COPY_STATE.failed);
    this.jobs.delete(index);
  }

  private copyRequestOf(index: number): CopyRequest {
    return copyRequestFrom((column) => this.copyCell(index, column));
  }

  private async execute(req: CopyRequest, signal: AbortSignal): Promise<CopyOutcome> {
    const { sw } = this;
    const { runningConfig: running, startupConfig: startup, networkFile: network } = FILE_TYPE;
    if (req.source === running && req.dest === startup) {
      sw.save('snmp');
      return { ok: true };
    }
    if ((req.source === running || req.source === startup) && req.dest === network) {
      if (req.protocol !== COPY_PROTOCOL.tftp) return { ok: false, failCause: FAIL_CAUSE.unsupportedProtocol };
      if (req.source === startup && sw.state.startup === null) return { ok: false, failCause: FAIL_CAUSE.noConfig };
      const shown = req.source === running ? sw.personality.showRunning(sw.state, sw.now()) : sw.personality.showStartup(sw.state);
      const outcome = await this.upload(req, Buffer.from(configFileText(shown), 'utf8'), signal);
      // IOS counts any write of the running config, even to a TFTP server, as "saved".
      if (outcome.ok && req.source === running) sw.state.runningSavedAt = sw.now();
      return outcome;
    }
    // Downloads (network → running/startup), startup → running merges and local files
    // are not simulated.
    return { ok: false, failCause: FAIL_CAUSE.unknown };
  }

  private async upload(req: CopyRequest, data: Buffer, signal: AbortSignal): Promise<CopyOutcome> {
    if (!req.server) return { ok: false, failCause: FAIL_CAUSE.unknown };
    const sameFamily = isIPv6(req.server) === isIPv6(this.sw.address);
    try {
      await tftpUpload({
        host: req.server,
        port: this.sw.tftpPort,
        filename: req.fileName,
        data,
        // Send from the switch's own address: that is who the TFTP server expects.
        ...(sameFamily ? { localAddress: this.sw.address } : {}),
        // Shorter than IOS's retries (tens of seconds) so that lab failures come quickly.
        retransmitMs: 400,
        attempts: 5,
        signal,
      });
      return { ok: true };
    } catch (err) {
      if (!(err instanceof TftpUploadError)) throw err;
      if (err.reason === 'timeout') return { ok: false, failCause: FAIL_CAUSE.timeout };
      if (err.reason === 'aborted') return { ok: false, failCause: FAIL_CAUSE.requestAborted };
      // The server refused: a name it would not take (IOS reports such refusals this way).
      if (err.reason === 'refused') return { ok: false, failCause: FAIL_CAUSE.badFileName };
      return { ok: false, failCause: FAIL_CAUSE.unknown };
    }
  }

  private abortAllCopies(): void {
    for (const job of this.jobs.values()) job.abort.abort();
  }

  // ------------------------------------------------------------ USM reports

  private sendUsmReport(request: Buffer, rinfo: RemoteInfo, counter: 'wrongDigests' | 'decryptionErrors'): void {
    const header = readV3Header(request);
    // RFC 3412 7.1.3: reports go only to messages flagged reportable.
    if (!header || !(header.flags & 0x04)) return;
    this.usmCounters[counter] += 1;
    const suffix = counter === 'wrongDigests' ? 5 : 6;
    const report = encodeUsmReport({
      msgId: header.msgId,
      engineId: this.engineId,
      engineBoots: this.sw.state.boots,
      engineTime: engineTime(this.sw),
      counterOid: `${USM_STATS}.${suffix}.0`,
      counterValue: this.usmCounters[counter],
    });
    this.socket.send(report, rinfo.port, rinfo.address);
  }
}

// ---------------------------------------------------------------- copy requests (pure)

/**
 * The file `copy running-config tftp:` writes is the configuration itself: the
 * lines `show running-config` / `show startup-config` print before it ("Building
 * configuration...", "Current configuration : N bytes", "Using N out of M bytes")
 * are terminal chatter, not part of the file.
 */
export function configFileText(shown: string): string {
  return shown
    .replace(/^Building configuration\.\.\.\r?\n(\r?\n)?/, '')
    .replace(/^Current configuration : \d+ bytes\r?\n/, '')
    .replace(/^Using \d+ out of \d+ bytes\r?\n/, '');
}

interface CopyRequest {
  protocol: number;
  source: number;
  dest: number;
  fileName: string;
  /** The TFTP server, from ccCopyServerAddressRev1 (with its type) or the deprecated ccCopyServerAddress. */
  server: string | null;
}

type CopyOutcome = { ok: true } | { ok: false; failCause: number };

/** Column and row index of an OID inside ccCopyEntry, or null when it is elsewhere. */
function copyTarget(oid: string): { column: number; index: number } | null {
  if (!oid.startsWith(CC_COPY_ENTRY + '.')) return null;
  const [column, index, ...rest] = oid.slice(CC_COPY_ENTRY.length + 1).split('.').map(Number);
  if (column === undefined || index === undefined || rest.length > 0 || Number.isNaN(column) || Number.isNaN(index)) return null;
  return { column, index };
}

function asText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : '';
}

/** An InetAddress (ipv4: 4 bytes, ipv6: 16 bytes) as text; null when empty or malformed. */
function inetAddress(type: number, value: unknown): string | null {
  const bytes = Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value, 'latin1') : null;
  if (!bytes) return null;
  if (type === INET_ADDRESS_TYPE.ipv4 && bytes.length === 4) return [...bytes].join('.');
  if (type === INET_ADDRESS_TYPE.ipv6 && bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(':');
  }
  return null;
}

function usableAddress(address: string | null): string | null {
  if (!address || address === '0.0.0.0' || address === '255.255.255.255') return null; // "not allowed" per the MIB
  return isIPv4(address) || isIPv6(address) ? address : null;
}

/**
 * Read a copy request from cells. `rawRev1`, when given, is the InetAddress as it
 * arrived on the wire (the stored cell may not have its bytes yet during a SET).
 */
function copyRequestFrom(cell: (column: number) => unknown, rawRev1?: unknown): CopyRequest {
  const rev1 = inetAddress(Number(cell(CC.serverAddressType)), rawRev1 ?? cell(CC.serverAddressRev1));
  const legacy = asText(cell(CC.serverAddress));
  return {
    protocol: Number(cell(CC.protocol)),
    source: Number(cell(CC.sourceFileType)),
    dest: Number(cell(CC.destFileType)),
    fileName: asText(cell(CC.fileName)),
    server: usableAddress(rev1) ?? usableAddress(legacy),
  };
}

/** The rules of ccCopyEntry for a row that may be made active. */
function copyRequestComplete(req: CopyRequest): boolean {
  const agentConfig = (t: number) => t === FILE_TYPE.startupConfig || t === FILE_TYPE.runningConfig;
  const known = (t: number) => t >= FILE_TYPE.networkFile && t <= FILE_TYPE.fabricStartupConfig;
  if (!known(req.source) || !known(req.dest) || req.source === req.dest) return false;
  if (!agentConfig(req.source) && !agentConfig(req.dest)) return false;
  const involves = (t: number) => req.source === t || req.dest === t;
  if (involves(FILE_TYPE.networkFile) && (req.fileName === '' || req.server === null)) return false;
  if (involves(FILE_TYPE.iosFile) && req.fileName === '') return false;
  return true;
}

// ---------------------------------------------------------------- BER for USM reports

/** A BER TLV: tag, content start and end (exclusive) within the buffer. */
function readTlv(buf: Buffer, at: number): { tag: number; start: number; end: number } | null {
  if (at + 2 > buf.length) return null;
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const octets = len & 0x7f;
    if (octets === 0 || octets > 4 || start + octets > buf.length) return null;
    len = 0;
    for (let i = 0; i < octets; i++) len = len * 256 + buf[start + i]!;
    start += octets;
  }
  const end = start + len;
  return end <= buf.length ? { tag, start, end } : null;
}

function readInteger(buf: Buffer, tlv: { start: number; end: number }): number {
  let n = 0;
  for (let i = tlv.start; i < tlv.end; i++) n = n * 256 + buf[i]!;
  return n;
}

/** msgID and msgFlags from an SNMPv3 message's clear-text header; null if it is not one. */
function readV3Header(buf: Buffer): { msgId: number; flags: number } | null {
  const message = readTlv(buf, 0);
  if (message?.tag !== 0x30) return null;
  const version = readTlv(buf, message.start);
  if (version?.tag !== 0x02 || readInteger(buf, version) !== 3) return null;
  const header = readTlv(buf, version.end);
  if (header?.tag !== 0x30) return null;
  const msgId = readTlv(buf, header.start);
  const maxSize = msgId && readTlv(buf, msgId.end);
  const flags = maxSize && readTlv(buf, maxSize.end);
  if (msgId?.tag !== 0x02 || !flags || flags.tag !== 0x04 || flags.end - flags.start !== 1) return null;
  return { msgId: readInteger(buf, msgId), flags: buf[flags.start]! };
}

function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length;
  const head = len < 0x80 ? Buffer.from([tag, len]) : len < 0x100 ? Buffer.from([tag, 0x81, len]) : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([head, content]);
}

/** A non-negative integer in minimal two's complement (tag 0x02 INTEGER, 0x41 Counter32). */
function unsigned(tag: number, n: number): Buffer {
  const bytes: number[] = [];
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(tag, Buffer.from(bytes));
}

function oidBytes(oid: string): Buffer {
  const [a = 0, b = 0, ...rest] = oid.split('.').map(Number);
  const out = [a * 40 + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/**
 * An unauthenticated SNMPv3 Report carrying one usmStats counter, answering the
 * request with `msgId` (RFC 3412 7.1, RFC 3414 3.2). Managers match it to their
 * request by msgID; the request-id inside is 0 because the PDU could not be read.
 */
function encodeUsmReport(r: { msgId: number; engineId: Buffer; engineBoots: number; engineTime: number; counterOid: string; counterValue: number }): Buffer {
  const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
  const octets = (b: Buffer) => tlv(0x04, b);
  const int = (n: number) => unsigned(0x02, n);
  const header = seq(int(r.msgId), int(65507), octets(Buffer.from([0x00])), int(3));
  const usm = octets(seq(octets(r.engineId), int(r.engineBoots), int(r.engineTime), octets(Buffer.alloc(0)), octets(Buffer.alloc(0)), octets(Buffer.alloc(0))));
  const varbinds = seq(seq(oidBytes(r.counterOid), unsigned(0x41, r.counterValue)));
  const reportPdu = tlv(0xa8, Buffer.concat([int(0), int(0), int(0), varbinds]));
  const scoped = seq(octets(r.engineId), octets(Buffer.alloc(0)), reportPdu);
  return seq(int(3), header, usm, scoped);
}

// ---------------------------------------------------------------- sockets

function bind(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}
