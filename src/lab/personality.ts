// What a lab personality (one simulated vendor OS) provides. The SSH server, the
// SNMP agent and the fleet are vendor-agnostic; everything that makes a lab switch
// look like IOS-XE (or later Junos, AOS-CX…) lives behind this contract.

import type { ConfigTree } from './config-tree.js';
import type { Member, SwitchState } from './model.js';

/** What the fleet decides about a switch before it exists. */
export interface LabSwitchSpec {
  name: string;
  hostname: string;
  /** Deterministic seed for serials and MACs, so a fleet looks the same every start. */
  index: number;
  members: Pick<Member, 'number' | 'priority' | 'model' | 'feed'>[];
  /** Members that are configured but have no hardware (IOS "Provisioned"). */
  provisioned?: number[];
  /** Extra lines appended to the generated configuration, to reach a target size. */
  extraInterfacesPerMember?: number;
  /** Give one member an older software version (V-Mismatch in real life: a finding for `ready`). */
  mixedVersions?: boolean;
}

/** The side effects a CLI session may ask of the switch it runs on. */
export interface CliHost {
  readonly state: SwitchState;
  now(): number;
  /** Copy running to startup (write memory). */
  save(by: string): void;
  /** Record that the running config changed (after a config-mode line). */
  touchRunning(by: string): void;
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
}

export interface CliSession {
  /** Text sent once the shell opens: MOTD banner and the first prompt. */
  greeting(): string;
  /** Handle one line the user typed (without its line ending). */
  input(line: string): CliReply;
  /** The prompt shown now, e.g. `core-1#` or `core-1(config-if)#`. */
  prompt(): string;
  /** Terminal length set by the user (0 = no paging); null = use the PTY's rows. */
  pageLength(): number | null;
  /** The pager string and what the switch sends to erase it after a key press. */
  readonly pager: { prompt: string; erase: string };
  /** Run one command on an exec channel (no prompt, no paging). */
  exec(command: string): { output: string; exitCode: number };
}

export interface SnmpFacts {
  sysObjectID: string;
  sysDescr(state: SwitchState): string;
}

export interface LabPersonality {
  /** The platform name the inventory uses for switches of this personality. */
  platform: string;
  initialState(spec: LabSwitchSpec, now: number): SwitchState;
  factoryDefault(): ConfigTree;
  /** A new CLI session, as user `username` at privilege `privilege` (1 = user exec, 15 = enable). */
  openCli(host: CliHost, username: string, privilege: number, enableSecret: string): CliSession;
  snmp: SnmpFacts;
  /** Running and startup configuration as `show running-config` / `show startup-config` print them. */
  showRunning(state: SwitchState, now: number): string;
  showStartup(state: SwitchState): string;
}
