// What a lab personality (one simulated vendor OS) provides. The SSH server, the
// SNMP agent, the model and the fleet are vendor-agnostic; everything that makes a
// lab switch look like one vendor's OS lives behind this contract, in
// src/lab/personalities/<name>/, and the registry there lists them.

import type { ConfigTree } from './config-tree.js';
import type { Elect, Member, MemberRole, MemberState, SwitchState } from './model.js';
import type { LabNotifications } from './notifications.js';
import type { LabCredentials } from './switch.js';
import type { MibProvider, MibRequest, MibStore, RawVarbind } from './snmp/net-snmp.js';

/** What the fleet decides about a switch before it exists. */
export interface LabSwitchSpec {
  name: string;
  hostname: string;
  /** Deterministic seed for serials and MACs, so a fleet looks the same every start. */
  index: number;
  members: Pick<Member, 'number' | 'priority' | 'model' | 'feed'>[];
  /** Members that are configured but have no hardware. */
  provisioned?: number[];
  /** Extra lines appended to the generated configuration, to reach a target size. */
  extraInterfacesPerMember?: number;
  /** Give one member an older software version (a version mismatch in real life: a finding for `ready`). */
  mixedVersions?: boolean;
  /** The personality (by platform name) this switch runs; absent: the fleet's choice. */
  platform?: string;
  /**
   * One peer of a redundant pair: the other peer's name (a spec of the same fleet, which names
   * this one back), the pair's domain, and the role this peer is configured to take (each
   * peer takes it again at boot). The fleet keeps `SwitchState.pair` current from it.
   */
  pair?: LabPairSpec;
}

export interface LabPairSpec {
  peer: string;
  domain: string;
  role: 'primary' | 'secondary';
}

/** The side effects a CLI session may ask of the switch it runs on. */
export interface CliHost {
  readonly state: SwitchState;
  now(): number;
  /** Copy running to startup (the OS's save). */
  save(by: string): void;
  /** Record that the running config changed (after a config-mode line). */
  touchRunning(by: string): void;
  /**
   * The switch's own address and the UDP port it sends TFTP to (a personality's
   * commands that fetch a file use it). Absent on a host with no network: a unit test's.
   */
  readonly address?: string;
  readonly tftpPort?: number;
}

/** One line of input gives text to print; a session may also close or change what it waits for. */
export interface CliReply {
  output: string;
  /** Close the session after printing (exit/logout). */
  close?: boolean;
  /** Do not echo what the user types next (password prompts). */
  noEcho?: boolean;
  /** Output that the pager may split into pages (command output, not dialog prompts). */
  pageable?: boolean;
  /**
   * The command is still working (fetching a file over TFTP, say):
   * the terminal prints `output` now, waits for this, and handles what it resolves to
   * as the rest of the same answer, prompt last. Nothing typed meanwhile is read before
   * it. Never rejects.
   */
  later?: Promise<CliReply>;
  /**
   * The next single key press answers a question (a one-key confirmation): it reaches
   * input() at once as a one-character line ('' for Enter), without waiting for Enter.
   */
  key?: boolean;
}

export interface ExecReply {
  output: string;
  exitCode: number;
  later?: Promise<ExecReply>;
}

export interface CliSession {
  /** Text sent once the shell opens: MOTD banner and the first prompt. */
  greeting(): string;
  /** Handle one line the user typed (without its line ending). */
  input(line: string): CliReply;
  /** The prompt shown now. */
  prompt(): string;
  /** Page length the user set (0 = no paging); null = use the PTY's rows. */
  pageLength(): number | null;
  /** The pager string and what the switch sends to erase it after a key press. */
  readonly pager: { prompt: string; erase: string };
  /** Whether a line typed now goes to configuration mode (the fault drop-after-lines counts only those). */
  inConfigMode(): boolean;
  /** Run one command on an exec channel (no prompt, no paging); `later` as in CliReply. */
  exec(command: string): ExecReply;
  /**
   * Control keys the OS takes as input: the terminal echoes `echo` and hands input() what
   * was typed on the line followed by `line` (or `line` alone, with `discardTyped`, for a
   * key that abandons the line). Any other control key is ignored. Absent: none.
   */
  readonly keys?: Readonly<Record<string, { echo: string; line: string; discardTyped?: boolean }>>;
  /** How the OS words a command that failed on its own (a `later` that rejected). */
  failed?(message: string): string;
  /** The connection is gone (logout, drop, power loss): release what the session held (an exclusive configuration lock). */
  close?(): void;
}

/** What a personality's MIBs may read and do on the switch whose agent serves them. */
export interface SnmpHost extends CliHost {
  /** The switch's own address: what it sends from (a TFTP upload, say). */
  readonly address: string;
  /** The UDP port the switch sends TFTP uploads to. */
  readonly tftpPort: number;
  /** sysUpTime in hundredths of a second, wrapped at 2^32. */
  sysUpTime(): number;
  /** sysUpTime at a given wall-clock moment. */
  ticksAt(ms: number): number;
}

/**
 * One ENTITY-MIB entPhysicalTable row, as the personality lays out its hardware
 * (which rows exist, their indexes and vendor types are vendor facts). The columns
 * not named here (firmware, alias, asset ID, manufacturing date, URIs) read empty.
 */
export interface PhysicalEntity {
  index: number;
  descr: string;
  /** An OID; "0.0" (zeroDotZero) when no vendor type is known. */
  vendorType: string;
  /** Index of the containing entity; 0 for none. */
  containedIn: number;
  physicalClass: 'stack' | 'chassis';
  /** Position among its siblings; -1 when unknown. */
  relPos: number;
  name: string;
  hardwareRev: string;
  softwareRev: string;
  serial: string;
  mfgName: string;
  model: string;
  fru: boolean;
}

/**
 * A MIB the SNMP agent serves on top of the standard ones. Values are never cached
 * between requests: the agent calls refresh() before serving each one, so a reboot,
 * a member failure or a config change shows at once.
 */
export interface LabMib {
  /** Registered once when the agent starts, in this order (a foreign index after the table it names). */
  readonly providers: readonly MibProvider[];
  /** Write the values that follow the switch's state into the agent's store. */
  refresh?(): void;
  /** Accept SETs on this MIB's objects; without it the MIB is read-only. */
  readonly writable?: WritableMib;
  /** The switch rebooted since the last request: forget what lived in RAM. */
  reboot?(): void;
  /** Power is lost or the agent is closing: stop work in progress. */
  abort?(): void;
}

/** SET handling for a MIB with read-write or read-create objects; every hook skips OIDs that are not its own. */
export interface WritableMib {
  /**
   * Before net-snmp processes a SET: make what it would make too late (net-snmp creates
   * a row only when it meets the RowStatus varbind). Returns what undoes it when the SET
   * is refused.
   */
  prepare(varbinds: readonly RawVarbind[]): () => void;
  /** net-snmp's test pass: an SNMP error status, NoError to let the SET through. `raw` is the PDU as it arrived. */
  test(requests: MibRequest[], raw: readonly RawVarbind[]): number;
  /** Its commit pass: may rewrite each request's setValue before net-snmp stores it. */
  commit(requests: MibRequest[], raw: readonly RawVarbind[]): number;
  /** A response went out (to any request): a SET may have started or ended something. */
  answered(): void;
}

export interface SnmpFacts {
  sysObjectID: string;
  sysDescr(state: SwitchState): string;
  /** sysName: the hostname as the OS reports it. */
  sysName(state: SwitchState): string;
  /** sysContact and sysLocation as the running config sets them; empty when it does not. */
  sysContact(state: SwitchState): string;
  sysLocation(state: SwitchState): string;
  /** snmpEngineID of the switch with this inventory name; the same at every start. */
  engineId(name: string): Buffer;
  /** snmpEngineMaxMessageSize. */
  maxMessageSize: number;
  /** ENTITY-MIB entPhysicalTable rows for the hardware the stack sees now. */
  physicalEntities(state: SwitchState): PhysicalEntity[];
  /** The vendor's own MIBs, made once per agent on that agent's value store. */
  mibs(host: SnmpHost, store: MibStore): LabMib[];
}

/** The words a personality's OS uses where the lab speaks of a switch in general. */
export interface PersonalityWords {
  /** Member roles and states as the OS prints them (lab status, event messages). */
  role: Readonly<Record<MemberRole, string>>;
  state: Readonly<Record<MemberState, string>>;
  /** What the OS calls the configuration it runs and the one it boots with. */
  running: string;
  startup: string;
  /** Where a lab `change` leaves its lines until saved, in the OS's words (applied but not saved; left uncommitted). */
  unsavedChange: string;
}

export interface LabPersonality {
  /** The platform name the inventory uses for switches of this personality. */
  platform: string;
  /** A short description for people: what `lab up` says it runs. */
  label: string;
  /** Hardware models for the members of the stacks a default fleet generates, taken in turn. */
  models: readonly string[];
  /**
   * The OS stands in redundant pairs (its platform has a pair read): a default fleet pairs its
   * switches two by two, each peer one chassis, so that `lab up` shows pairs with no code.
   */
  pairs?: true;
  initialState(spec: LabSwitchSpec, now: number): SwitchState;
  factoryDefault(): ConfigTree;
  /** The hostname the running configuration sets, or the OS's own name for a switch without one. */
  hostname(state: SwitchState): string;
  /** A new CLI session, as user `username` at privilege `privilege` (1 = unprivileged, 15 = full). */
  openCli(host: CliHost, username: string, privilege: number, privilegeSecret: string): CliSession;
  /**
   * Configuration lines into the running config as a person at the CLI would type them
   * (a lab `change` event), with full privilege. Returns the lines refused, each with the
   * OS's reason; none refused: [].
   */
  applyChange(host: CliHost, lines: readonly string[]): string[];
  /** A small change that leaves the switch unsaved, for the demo and help examples. */
  sampleChange: readonly string[];
  words: PersonalityWords;
  /** The software version the SSH server announces (after `SSH-2.0-`); clients and scanners key off it. */
  sshIdent: string;
  /**
   * Inventory credential fields this OS asks for beyond the login, and the lab secret
   * each one takes (a privileged-mode secret, say). Absent: none.
   */
  inventoryCredentials?: Readonly<Record<string, keyof Pick<LabCredentials, 'enableSecret'>>>;
  /**
   * Unsaved lines counted as backup counts them on this platform (its configuration as
   * backup reads it, in the platform's syntax). Absent: the generic count on the tree,
   * indentation as hierarchy.
   */
  unsavedCounts?(state: SwitchState): { added: number; removed: number };
  /** The stack's election when it differs from the model's generic one (model.electByPriority). */
  elect?: Elect;
  snmp: SnmpFacts;
  /**
   * The traps and syslog lines the OS sends on its own when it reboots, loses or regains a stack
   * member, or is configured (sent to `lab up --trap-to / --syslog-to`). Absent: it sends nothing.
   */
  notifications?: LabNotifications;
  /** Running and startup configuration as the OS prints them. */
  showRunning(state: SwitchState, now: number): string;
  showStartup(state: SwitchState): string;
}
