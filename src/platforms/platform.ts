// The one contract every platform fulfils (as NAPALM gives every driver one
// contract): what to send, how to recognise prompts and pagers, how to read the
// answers, what to ignore. Pure data and pure functions: no sockets, no files.

/** A stack member as the switch reports it (show switch, show version, SNMP). */
export interface StackMember {
  number: number;
  role: 'active' | 'standby' | 'member' | 'unknown';
  /** Normalised: ready, provisioned, removed, initializing, version-mismatch, or the raw word lower-cased. */
  state: string;
  priority?: number;
  mac?: string; // dotted lower-case as IOS prints it, e.g. 689c.e2ff.b9d9
  model?: string;
  serial?: string;
  version?: string;
  hwVersion?: string;
}

/** Facts from `show version` (and friends) kept in state.json. */
export interface VersionFacts {
  hostname?: string;
  version?: string;
  model?: string;
  serials: string[];
  uptimeSeconds?: number;
  lastReloadReason?: string;
  /** Per-member rows when the switch is a stack (IOS-XE `Switch Ports Model SW Version …` table). */
  members: StackMember[];
}

/** A question a device may ask during login, and the answer to send. */
export interface LoginQuestion {
  pattern: RegExp;
  answer: string;
}

/** What a platform says about SNMP: pure data and parsers; the client is transport's. */
export interface PlatformSnmp {
  /** `platform: auto` resolves to this platform when sysObjectID starts with a prefix, or sysDescr matches. */
  detect: { sysObjectIdPrefixes: string[]; sysDescr: RegExp };
  /**
   * Unsaved over SNMP: the running config changed (in sysUpTime ticks) after the
   * startup config last changed. Never "running last saved": any write, even to a
   * terminal, counts as saving. Boot applies the config, so allow a grace period.
   */
  unsaved?: {
    runningLastChanged: string;
    startupLastChanged: string;
    /** After boot, how long before the verdict is trusted at all. */
    graceSeconds: number;
    /** How far into sysUpTime the switch applies its startup config; a later change is a person's. */
    bootApplySeconds: number;
  };
  /** Stack members from one table walk (e.g. CISCO-STACKWISE-MIB cswSwitchInfoTable). */
  stack?: { table: string; parse(rows: SnmpRow[]): StackMember[] };
  /** Config copy to TFTP and save (running → startup) over SNMP, by this MIB. */
  configCopy?: 'cisco-config-copy-mib';
}

/** One varbind of a walk, decoded: numbers for integers and ticks, Buffers for octet strings. */
export interface SnmpRow {
  oid: string;
  value: number | bigint | string | Buffer | null;
}

/**
 * How configuration is typed into the switch, saved and replaced: what restore needs.
 * A line here is one line of configuration as `show running-config` prints it, with its
 * indentation; its parents are the lines it sits under.
 */
export interface PlatformConfigure {
  /** Enter configuration mode, leave it, go up one level inside it. */
  enter: string;
  leave: string;
  up: string;
  /** The prompt shows configuration mode (`sw(config-if)#`); anything else means the switch left it. */
  inConfigMode: RegExp;
  /** The prompt at the top of configuration mode (`sw(config)#`): going up from there would leave it. */
  topLevel: RegExp;
  /** Output after a typed line that means the switch refused it. */
  errors: RegExp[];
  /** A refusal as it may be shown: without any copy of the typed line (it may hold a secret). */
  refusalShown(error: string): string;
  /** Questions a typed line is known to ask (`no username x` asks `[confirm]`), and their answers; `for` matches the typed line. */
  questions: (LoginQuestion & { for: RegExp })[];
  /** Any other question at the end of the output: declined with `decline`, and the line reported as refused. */
  unknownQuestion: RegExp;
  decline: string;
  /** Lines whose sub-lines (their closing line too) are typed and compared with them as one unit: a certificate body. */
  wholeBlocks: RegExp[];
  /**
   * Consecutive sibling lines that make one setting (a numbered ACL's entries, whose order
   * matters; an allowed-VLAN list and its `add` lines): the setting's key, and the line
   * that removes it whole, and whether typing the group anew replaces the old one (an
   * allowed-VLAN list does; ACL entries add up, so the old list is removed first).
   * Undefined for a line that stands alone.
   */
  groupOf(line: string): { key: string; no: string; typedOver: boolean } | undefined;
  /** Lines neither pushed, removed nor compared: they change on their own (`version 17.9` after an upgrade). */
  unmanaged: RegExp[];
  /** The line that removes `line` (trimmed) where it stands, or undefined when the switch cannot remove it. */
  negate(line: string): string | undefined;
  /** Typing `added` replaces `removed` under the same parents (one hostname, one description; shutdown / no shutdown). */
  replaces(added: string, removed: string): boolean;
  /** Lines a target must never hold: commands that act, not configure, when typed (do, reload, write erase). */
  execLevel: RegExp[];
  /** A banner (its line and text, as `show running-config` prints them) as lines to type. */
  typeBanner(unit: string[]): string[];
  /** Copy running to startup, and what its output says on success. */
  save: { command: string; ok: RegExp };
  /** Replace the whole running configuration with a file the switch fetches over TFTP. */
  replace?: { command(url: string): string; ok: RegExp; failed: RegExp };
}

export interface Platform {
  /** The inventory's name for it, e.g. `cisco-ios`. */
  name: string;
  /** Human name for messages. */
  label: string;
  /** The prompt at the end of the buffer; group 1 is the hostname. Must not match inside config lines. */
  prompt: RegExp;
  /** Questions answered before the first prompt ("Press any key", "Enter switch number"). */
  loginQuestions: LoginQuestion[];
  enable?: {
    command: string;
    /** The prompt shows the user is not privileged yet (e.g. ends in `>`). */
    unprivileged: RegExp;
    passwordPrompt: RegExp;
    /** What the device says when the secret is wrong. */
    failure: RegExp;
  };
  /** Sent once after login (paging off). */
  setup: string[];
  /** Pager prompts still to answer if paging could not be turned off, and the key that answers. */
  pagers: RegExp[];
  pagerKey: string;
  commands: {
    running: string;
    startup: string;
    version: string;
    /** Stack state; absent for platforms without stacking. */
    stack?: string;
  };
  /** A complete configuration contains this (IOS: a line `end`). */
  endMarker: RegExp;
  /** Output that means the device refused a command. */
  errors: RegExp[];
  /** Lines that change without a real change; dropped before storing and comparing. */
  volatile: RegExp[];
  /**
   * Lines holding secrets, for --mask-secrets and everything shown: group 1 is kept, the rest
   * replaced. Each is tried on a line without its indentation or a leading `no `.
   */
  secrets: RegExp[];
  /** What `show startup-config` says when NVRAM holds no configuration. */
  noStartup?: RegExp;
  snmp?: PlatformSnmp;
  /** How to type, save and replace configuration; absent: restore is not possible on this platform. */
  configure?: PlatformConfigure;
  /**
   * The configuration is what the switch runs with nothing configured (after `write erase`
   * and a reload, or a lost NVRAM): the health gate never makes it last good. Be
   * conservative: true only when it is clearly a factory default. Absent: never judged one.
   */
  isFactoryDefault?(config: string): boolean;
  parseVersion(output: string): VersionFacts;
  parseStack(output: string): StackMember[];
}
