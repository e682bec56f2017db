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
  /**
   * Config copy to TFTP and save (running → startup) over SNMP: the MIB as data, driven by
   * the vendor-neutral transport/snmp-config-copy.ts. Absent: no copy over SNMP.
   */
  configCopy?: ConfigCopyMib;
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
  /** A multi-line value (its line and text, as the running config prints them: an IOS banner) as lines to type. */
  typeBanner(unit: string[]): string[];
}

// ================================================================ contract v2
// Everything that differs between vendors is data here, or a strategy chosen by name whose
// vendor-neutral implementation lives in the job layer (src/jobs/strategies/).

/** Per-device options from the inventory (`platformOptions:`), e.g. FRR's pathspace `-N NAME`. */
export type PlatformOptions = Readonly<Record<string, string>>;

/** How configuration text is written: what extract, normalise, diff and the restore plan read. */
export interface ConfigSyntax {
  /** A comment line, not configuration: IOS/EOS/NX-OS `!`, Junos and FRR's saved file `#`. */
  comment: RegExp;
  /**
   * How lines nest. `indent`: a line's parents are the less-indented lines above it (IOS, EOS,
   * NX-OS, FRR, Aruba, Dell). `set`: every line is a whole path (`set interfaces ge-0/0/0 …`,
   * Junos `display set`), so no line has parents and order carries no hierarchy.
   */
  hierarchy: 'indent' | 'set';
  /** A complete capture matches this (IOS `^end$`; Junos set form: a `set version` line). */
  complete: RegExp;
  /** What is missing when it does not, in words: "no `end` line". */
  completeSays: string;
  /**
   * A value that runs over several lines (IOS `banner motd ^C … ^C`): `start` matches its
   * first line with the delimiter in group 1 and the text on that line in group 2. Absent:
   * the syntax has none.
   */
  multiLine?: {
    start: RegExp;
    /** The delimiter as the device prints it when it differs from the one typed (IOS shows Ctrl-C as `^C`). */ shownAs?: Record<string, string>;
  };
}

/** The session: privileged after login (with `enable` where needed), or a Linux shell that starts the CLI. */
export type PlatformSession =
  | {
      kind: 'cli';
      enable?: { command: string; unprivileged: RegExp; passwordPrompt: RegExp; failure: RegExp };
    }
  | {
      kind: 'shell-then-cli';
      /** The Linux shell's prompt (`user@host:~$`); when the login lands at the CLI prompt instead, no start is typed. */
      shellPrompt: RegExp;
      /** The command that starts the CLI (`vtysh`, `vtysh -N NAME`). */
      start(options: PlatformOptions): string;
      /** What the start command prints when the CLI cannot run (FRR: `Exiting: failed to connect to any daemons.`). */
      startFailure: RegExp[];
    };

/** Where the configuration the switch boots with comes from. */
export type StartupSource =
  | {
      from: 'command';
      command: string;
      /** What it prints when there is no saved configuration (IOS `startup-config is not present`). */
      empty?: RegExp;
    }
  | {
      /** A file, read with `read(path)` on an SSH exec channel (FRR's integrated `frr.conf`); empty or missing: no startup. */
      from: 'file';
      path(options: PlatformOptions): string;
      read(path: string): string;
      /** What the read prints when the file does not exist. */
      missing: RegExp;
    }
  | {
      /** No separate startup: the committed configuration is what boots (Junos). */
      from: 'none';
      why: string;
    };

/** What "unsaved" means on the platform. */
export type UnsavedModel =
  | { kind: 'running-vs-startup' }
  | {
      /** Uncommitted candidate changes (Junos): `command` lists them, `parse` gives the pending lines. */
      kind: 'candidate';
      /**
       * The commands, in order (enter configuration mode, compare, leave); `parse` gets their
       * outputs joined, in order, and gives the pending lines.
       */
      commands: string[];
      parse(output: string): string[];
      /** Questions one of those commands may ask (leaving with uncommitted changes), and their answers; `for` matches the command. */
      questions?: (LoginQuestion & { for: RegExp })[];
      /** On a stack with several routing engines: a commit not copied to the backup (Junos VC `commit synchronize`). */
      sync?: { command: string; parse(output: string): { synced: boolean; detail: string } };
    };

/** Replace the whole running configuration with a file the switch fetches over TFTP (IOS `configure replace`). */
export interface FileReplaceStrategy {
  kind: 'file-replace';
  via: 'tftp';
  /** Where the switch fetches the file: switchback's TFTP sender at `address` serves `filename` (IOS `tftp://ADDRESS/FILE`). */
  url(address: string, filename: string): string;
  command(url: string): string;
  ok: RegExp;
  failed: RegExp;
}

/**
 * Load the target into a candidate, show the difference, commit with an automatic rollback,
 * verify, confirm (Junos `commit confirmed N`; EOS `commit timer`). A verification that fails
 * leaves the confirmed commit to roll back by itself.
 */
export interface CommitConfirmedStrategy {
  kind: 'commit-confirmed';
  /** Enter an exclusive candidate (`configure exclusive`), and what says it worked. */
  enter: string;
  entered: RegExp;
  /** Start loading a whole configuration from the terminal (`load override terminal`), the end-of-input key, and what says it loaded. */
  load: string;
  loadEnd: string;
  loaded: RegExp;
  /**
   * What is typed after `load`, given the target and what the switch runs now (both as
   * stored). Absent: the target's lines (a load that replaces the whole candidate). A load
   * that merges (Junos `load set`) removes what running has and the target lacks itself.
   */
  loadLines?(target: string, running: string): string[];
  /** The dry run: what would change (`show | compare`). */
  compare: string;
  /**
   * How many statements the comparison adds and removes, for the counts a person reads
   * (Junos prints a new block's braces as marked lines of their own). Absent: the marked lines.
   */
  countChanges?(compare: string): { add: number; remove: number };
  /** Commit with an automatic rollback after `minutes`, and what says it will roll back. */
  confirmed(minutes: number): string;
  confirmedOk: RegExp;
  /** Confirm (make it stick): `commit` — or `commit synchronize` on a stack with two routing engines. */
  commit(options: { synchronize: boolean }): string;
  commitOk: RegExp;
  /** Throw the candidate away (`rollback 0`) and leave configuration mode. */
  discard: string;
  leave: string;
  /** Output that means the switch refused a step. */
  errors: RegExp[];
  /** Minutes before the switch rolls back by itself if switchback never confirms. */
  minutes: number;
}

/** Save a checkpoint, apply, verify, roll back to the checkpoint on failure (NX-OS, AOS-CX): documented, built with those platforms. */
export interface CheckpointRollbackStrategy {
  kind: 'checkpoint-rollback';
  checkpoint(name: string): string;
  rollback(name: string): string;
  ok: RegExp;
}

export type RestoreStrategy = { kind: 'line-merge'; configure: PlatformConfigure } | FileReplaceStrategy | CommitConfirmedStrategy | CheckpointRollbackStrategy;

/** How a restored configuration is made to survive a reboot. */
export type PersistModel =
  | { kind: 'save'; command: string; ok: RegExp; /** For messages: "write memory". */ words: string }
  | {
      kind: 'commit';
      /** For messages: "commit". */
      words: string;
      /**
       * Commit pending candidate lines (`ready --save`): enter configuration mode with this
       * (a shared candidate, where the pending lines are), then the commit-confirmed
       * strategy's `commit`, `commitOk` and `leave`. Absent: that strategy's `enter`.
       */
      enter?: string;
    };

/** The stack model: who takes over when members lose power. Rules: src/platforms/stack-models/. */
export type StackModelName = 'stackwise' | 'virtual-chassis' | 'vsf' | 'backplane' | 'none';

export interface PlatformStack {
  model: StackModelName;
  /** The platform's words for the generic roles, in messages (Junos: master, backup, linecard). */
  roleWords: { active: string; standby: string; member: string };
  /** The command that lists members, and its parser. */
  command: string;
  parse(output: string): StackMember[];
}

/**
 * Config copy over SNMP as data (the shape of CISCO-CONFIG-COPY-MIB's ccCopyTable): the
 * table, its columns and enum values. RowStatus and InetAddressType are the standard ones
 * (RFC 2579, RFC 4001) and stay in the driver.
 */
export interface ConfigCopyMib {
  /** The row entry OID; a cell is `${entry}.${column}.${index}`. */
  entry: string;
  columns: Record<
    | 'protocol'
    | 'sourceFileType'
    | 'destFileType'
    | 'serverAddress'
    | 'fileName'
    | 'state'
    | 'failCause'
    | 'rowStatus'
    | 'serverAddressType'
    | 'serverAddressRev1',
    number
  >;
  protocol: { tftp: number };
  fileType: { networkFile: number; startupConfig: number; runningConfig: number };
  state: { waiting: number; running: number; successful: number; failed: number };
  /** Fail cause numbers, their MIB names and what they mean for a person. */
  failCause: Record<number, { name: string; words: string }>;
  /** The fail cause that means the switch has no such configuration (an empty NVRAM): no startup, not a failure. */
  noConfig: number;
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
  /** How to get to a privileged CLI after login. */
  session: PlatformSession;
  /** Sent once the CLI is reached (paging off). */
  setup: string[];
  /** Pager prompts still to answer if paging could not be turned off, and the key that answers. */
  pagers: RegExp[];
  pagerKey: string;
  /** The running configuration and the version facts (the stack's command is `stack.command`). */
  commands: { running: string; version: string };
  /** How the configuration text is written. */
  syntax: ConfigSyntax;
  /** Output that means the device refused a command. */
  errors: RegExp[];
  /** Lines that change without a real change; dropped before storing and comparing. */
  volatile: RegExp[];
  /**
   * Lines holding secrets, for --mask-secrets and everything shown: group 1 is kept, the rest
   * replaced. Each is tried on a line without its indentation or a leading `no `.
   */
  secrets: RegExp[];
  /** Where the configuration the switch boots with comes from. */
  startup: StartupSource;
  /** What "unsaved" means. */
  unsaved: UnsavedModel;
  /** Restore strategies, most native first: the first is the default, `--mode` picks another by kind. Empty: no restore. */
  restore: RestoreStrategy[];
  /** How a restored (or confirmed unsaved) configuration is made to survive a reboot. */
  persist: PersistModel;
  /** Absent: the platform does not stack. */
  stack?: PlatformStack;
  snmp?: PlatformSnmp;
  /**
   * The configuration is what the switch runs with nothing configured (after `write erase`
   * and a reload, or a lost NVRAM): the health gate never makes it last good. Be
   * conservative: true only when it is clearly a factory default. Absent: never judged one.
   */
  isFactoryDefault?(config: string): boolean;
  parseVersion(output: string): VersionFacts;
}
