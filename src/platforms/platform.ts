// The one contract every platform fulfils (as NAPALM gives every driver one
// contract): what to send, how to recognise prompts and pagers, how to read the
// answers, what to ignore. Pure data and pure functions: no sockets, no files.

import type { SyslogRule, TrapRule } from './notifications.js';

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
   * What SNMP says about unsaved changes, by kind of signal (SnmpUnsaved). Absent: unsaved
   * is an SSH finding only.
   */
  unsaved?: SnmpUnsaved;
  /** Stack members from one table walk (e.g. CISCO-STACKWISE-MIB cswSwitchInfoTable). */
  stack?: { table: string; parse(rows: SnmpRow[]): StackMember[] };
  /**
   * Config copy to TFTP and save (running → startup) over SNMP: the MIB as data, driven by
   * the vendor-neutral transport/snmp-config-copy.ts. Absent: no copy over SNMP.
   */
  configCopy?: ConfigCopyMib | UriConfigCopyMib;
}

/**
 * Unsaved over SNMP: the running config changed (in sysUpTime ticks) after the
 * startup config last changed. Never "running last saved": any write, even to a
 * terminal, counts as saving. Boot applies the config, so allow a grace period.
 * (IOS's CISCO-CONFIG-MAN-MIB ccmHistory scalars.) `kind` may be left out: this is the
 * kind every platform written before the union used.
 */
export interface ChangeTimesUnsaved {
  kind?: 'change-times';
  runningLastChanged: string;
  startupLastChanged: string;
  /** After boot, how long before the verdict is trusted at all. */
  graceSeconds: number;
  /** How far into sysUpTime the switch applies its startup config; a later change is a person's. */
  bootApplySeconds: number;
}

/**
 * The other signals vendors give; none of them says "unsaved" alone, so each is read as a
 * hint that sends `check --snmp` to SSH for the verdict (documented in docs/PLATFORMS.md,
 * read by the platform that needs it when it is built):
 * - `running-changed`: only the running config's last change (sysUpTime ticks) and no startup
 *   counterpart (EOS aristaCmdHistoryRunningLastChanged): a change after boot may be unsaved;
 * - `commit-time`: when the configuration was last committed (Junos jnxCmCfgChgLatestTime): a
 *   commit is the save, so this says "changed since the last backup", never "unsaved";
 * - `startup-sequence`: a counter that moves on every save (ProCurve hpSwitchStartupConfigSeqNum),
 *   compared with the one stored at the last backup.
 */
export type SnmpUnsaved =
  | ChangeTimesUnsaved
  | { kind: 'running-changed'; runningLastChanged: string; bootApplySeconds: number }
  | { kind: 'commit-time'; lastCommitted: string }
  | { kind: 'startup-sequence'; startupSequence: string };

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

/** A platform's notification rules: data, read by src/watch/recognise.ts. */
export interface PlatformNotifications {
  traps: readonly TrapRule[];
  syslog: readonly SyslogRule[];
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
   * NX-OS, FRR, Aruba, Dell OS10). `set`: every line is a whole path (`set interfaces ge-0/0/0 …`,
   * Junos `display set`), so no line has parents and order carries no hierarchy.
   * `exit-closed` (ExitClosedHierarchy): blocks are not indented but closed by a line of their
   * own (Dell OS6 and Broadcom FASTPATH/EFOS: `vlan 666` / `name "TEST"` / `exit`).
   */
  hierarchy: 'indent' | 'set' | ExitClosedHierarchy;
  /**
   * What makes a capture complete: an end marker it must match (IOS `^end$`; Junos set form: a
   * `set version` line), or, on a platform that prints none, a `prompt-returned` rule
   * (PromptReturnedComplete).
   */
  complete: RegExp | PromptReturnedComplete;
  /** What is missing when it does not, in words: "no `end` line". */
  completeSays: string;
  /**
   * The line a whole configuration always ends with (IOS `end`), where there is one. A
   * prompt right after it is believed at once; otherwise the session waits for the device
   * to go quiet after a prompt, since a configuration line can look like one (100 ms a
   * read: on a nightly fleet that wait, not CPU, is most of the cost beside a bare client).
   */
  endLine?: RegExp;
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

/**
 * Blocks closed by a line, not by indentation (Dell OS6, EFOS). Which lines open a block cannot
 * be told from the text (`logging 192.0.2.246` opens one, `logging snmp` does not), so the
 * openers are data. A line's parents are the open blocks above it; the closer and the frame are
 * structure, not configuration: never compared, pushed or counted.
 */
export interface ExitClosedHierarchy {
  kind: 'exit-closed';
  /** Lines that open a block (`interface Te1/0/1`, `vlan 666`, `class-map …`), tried on the trimmed line. */
  opens: RegExp[];
  /** The line that closes the innermost open block (`exit`). One with no block open is ignored. */
  close: RegExp;
  /**
   * Lines that enter configuration mode around the configuration (OS6 `configure`, closed by the
   * last `exit`): a block that is no line's parent, because typing happens inside it anyway.
   */
  frame: RegExp[];
}

/**
 * Complete without an end marker (NX-OS, AOS-CX, ProCurve, Dell): the CLI engine read the
 * output up to the prompt returning (a read that times out or loses the session fails
 * before any text is judged), and the text itself shows what it can: the header the device
 * prints above every configuration among its first lines (a capture missing its head is
 * caught), at least `minLines` lines of configuration, and in an `exit-closed` syntax every
 * block (the frame too) closed — a capture cut before its last `exit` is caught. A tail cut
 * at a line boundary in a syntax with no closers cannot be seen in the text: only the
 * prompt's return vouches for it, so a stored target is judged by header and size alone.
 */
export interface PromptReturnedComplete {
  kind: 'prompt-returned';
  /** A line among the first `within` lines (NX-OS `version …`, AOS-CX `!Version ArubaOS-CX …`). */
  header: RegExp;
  within: number;
  /** Fewer lines of configuration than this is a fragment, not a configuration. */
  minLines: number;
}

/**
 * Logging out, where the device asks something on the way (ProCurve: `Do you want to log out
 * [y/n]?` → `y`, `Do you want to save current configuration [y/n]?` → `n`). Saving is
 * switchback's own decision, made with `persist`, never by answering a logout question: a
 * question not listed is not answered (the session is closed instead).
 */
export interface PlatformLogout {
  command: string;
  questions: LoginQuestion[];
}

/** The session: privileged after login (with `enable` where needed), or a Linux shell that starts the CLI; `logout` where leaving asks questions. */
export type PlatformSession = (
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
    }
) & {
  /** Absent: the session is closed without logging out (nothing is asked). */
  logout?: PlatformLogout;
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
  | {
      kind: 'running-vs-startup';
      /**
       * Lines the switch shows in running whether or not its saved configuration has them: it
       * writes them by itself (its software version, settings it reads back from the system).
       * A running line matching one of these is not unsaved when the saved configuration has no
       * line matching the same pattern (a saved file written by hand, not by the switch).
       */
      implied?: RegExp[];
    }
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
 * leaves the confirmed commit to roll back by itself. With a TypedLoad that has `timerFirst`
 * (AOS-CX `checkpoint auto N`) there is no candidate: the timer starts, the differences are
 * typed into running, and the confirmation (`commit`) is typed in exec mode.
 */
export interface CommitConfirmedStrategy {
  kind: 'commit-confirmed';
  /**
   * Enter an exclusive candidate (`configure exclusive`), and what says it worked. A function: a
   * named candidate (`configure session NAME`), given a name switchback makes up for each run
   * (random, like the TFTP file's), so one run never meets another's leftovers.
   */
  enter: string | ((name: string) => string);
  entered: RegExp;
  /**
   * How the target gets into the candidate. A string: a terminal load command (Junos `load
   * override terminal`), the whole target after it, then `loadEnd` (Ctrl-D) and `loaded`
   * (`load complete`). A TypedLoad: the lines are typed one by one with the platform's
   * line-merge `configure` data (EOS `configure session`, AOS-CX `checkpoint auto`).
   */
  load: string | TypedLoad;
  /** With a terminal load: the end-of-input key and what says it loaded. */
  loadEnd?: string;
  loaded?: RegExp;
  /**
   * With a terminal load: what is typed after `load`, given the target and what the switch
   * runs now (both as stored). Absent: the target's lines (a load that replaces the whole
   * candidate). A load that merges (Junos `load set`) removes what running has and the target lacks itself.
   */
  loadLines?(target: string, running: string): string[];
  /** The dry run: what would change (`show | compare`). Empty: the line-merge plan is the dry run (a typed load with no candidate). */
  compare: string;
  /**
   * The compare's output as whole-path lines (set form, `set snmp community NAME …`), the way the
   * platform's `secrets` read a statement, for the plan shown; each is masked before it is shown.
   * A leading `+ ` / `- ` is kept as the change's mark. Absent: the output is shown line by line,
   * each masked with its context (the section header and the blocks it sits in) in front of it.
   */
  compareLines?(output: string): string[];
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

/**
 * The target typed line by line inside the confirm-or-revert window, with the platform's
 * line-merge `configure` data (negation, up, questions, refusals), instead of a terminal load.
 * - EOS `configure session S` (the strategy's `enter`), `rollback clean-config` (`clear`: the
 *   session starts empty, so the whole target is typed), the lines, `show session-config diffs`
 *   (`compare`), `commit timer 00:05:00` (`confirmed`), then `configure session S` + `commit`.
 * - AOS-CX `checkpoint auto 5` (`confirmed`, typed first: `timerFirst`), `configure terminal`, the
 *   differences with their `no` forms, `end`, then `checkpoint auto confirm` (`commit`) — the
 *   timer and its confirmation are exec commands, so `enter` is not typed around them.
 */
export interface TypedLoad {
  kind: 'typed';
  /** Typed first in the candidate so it holds nothing and the whole target is typed. Absent: only the differences from running are typed (a merge). */
  clear?: string;
  /** The rollback timer starts before the lines are typed (AOS-CX), not with a commit of a candidate (EOS). */
  timerFirst?: boolean;
}

/**
 * Save a checkpoint of running, apply the differences by line merge (the platform's
 * `line-merge` configure data), read back and verify; on a refused line or a read-back that is
 * not the target, roll back to the checkpoint and say so (NX-OS `checkpoint NAME` /
 * `rollback running-config checkpoint NAME atomic`). The dry run is the line-merge plan. Built
 * in jobs/strategies/checkpoint-rollback.ts; a platform with this strategy has a `line-merge` one too.
 */
export interface CheckpointRollbackStrategy {
  kind: 'checkpoint-rollback';
  /** Take a checkpoint of running under `name` (a fresh name switchback makes up per run), exec level. */
  checkpoint(name: string): string;
  /** What says the checkpoint was taken (NX-OS `Done`). */
  taken: RegExp;
  /** Put running back to the checkpoint, and what says it worked. */
  rollback(name: string): string;
  ok: RegExp;
  /** Delete the checkpoint once it is no longer needed (NX-OS `no checkpoint NAME`). Absent: it stays on the switch. */
  remove?(name: string): string;
  /** Output of checkpoint, rollback or remove that means the switch refused it. */
  errors: RegExp[];
}

export type RestoreStrategy = { kind: 'line-merge'; configure: PlatformConfigure } | FileReplaceStrategy | CommitConfirmedStrategy | CheckpointRollbackStrategy;

/** How a restored configuration is made to survive a reboot. */
export type PersistModel =
  | {
      kind: 'save';
      command: string;
      ok: RegExp;
      /** For messages: "write memory". */
      words: string;
      /** Questions the save command asks (Dell OS6 `copy running-config startup-config`: `(y/n)` → `y`), answered. */
      questions?: LoginQuestion[];
    }
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

/** One stacking technology's read: its model, role words, and the command that lists its members. */
export interface StackReading {
  model: StackModelName;
  /** The platform's words for the generic roles, in messages (Junos: master, backup, linecard). */
  roleWords: { active: string; standby: string; member: string };
  /** The command that lists members, and its parser. */
  command: string;
  parse(output: string): StackMember[];
}

/**
 * The stack read. Most platforms stack one way: the fields above are all. A platform whose
 * switches stack by one of several technologies, by hardware (ArubaOS-Switch: backplane
 * stacking on a 2930M, VSF on a 2930F) lists the others in `alternatives`: the reads are
 * tried in order (this one first), and the first whose output the switch does not refuse
 * (`errors`) and its parser reads as members wins — its model and role words are the ones
 * `ready --feed` and `check` judge by, and state.json records which model applied. When
 * none lists members, the first read's model stands.
 */
export interface PlatformStack extends StackReading {
  alternatives?: StackReading[];
}

/**
 * A redundant pair: two switches with their own control planes that forward as one (NX-OS vPC,
 * EOS MLAG, Dell OS10 VLT). Unlike a stack, each peer is its own device in the inventory with its
 * own configuration; the pair is what `check` and `ready --feed` judge together (backup stores the
 * view in state.json `pair`; jobs/check-pair.ts, stack-models/pair.ts).
 */
export type PairModelName = 'mlag' | 'vpc' | 'vlt';

/** One peer's view of its pair, as its show command reports it. */
export interface PairState {
  /** The other peer answers (MLAG `state: Active`, vPC `peer status`, VLT peer status). */
  peer: 'up' | 'down' | 'unknown';
  /** The link between the two (MLAG peer-link, vPC peer-link, VLTi). */
  peerLink: 'up' | 'down' | 'unknown';
  /** This peer's role; the platform's own words are in `roleWords`. */
  role: 'primary' | 'secondary' | 'unknown';
  /** The pair's identity when it has one (MLAG domain-id, vPC domain, VLT domain). */
  domain?: string;
}

export interface PlatformPair {
  model: PairModelName;
  /**
   * The command that shows the pair, and its parser. Text when the command needs nothing
   * (`show mlag`, `show vpc`: a switch is in one domain); a function of the inventory's
   * `pair: { domain }` when the vendor's documented command names the domain (`show vlt 1`).
   * Every inventory pair has a domain (the schema requires it), so the function always gets one.
   */
  command: string | PairCommandFor;
  /**
   * What the switch takes as a domain, on a platform whose command names it (OS10 `show vlt N`:
   * a whole number): the inventory refuses any other `pair.domain`, naming the file and field,
   * rather than backup sending a command the switch can only refuse. Absent: any text.
   */
  domain?: { valid: RegExp; says: string };
  parse(output: string): PairState;
  /** The platform's words for the roles in messages (vPC primary / secondary). */
  roleWords: { primary: string; secondary: string };
}

/** A pair command that names the pair's domain, as the inventory gives it (`pair.domain`). */
export type PairCommandFor = (pair: { domain: string }) => string;

/** The command that shows this device's pair, given its inventory pair: the one place a job turns `command` into text. */
export function pairCommand(pair: PlatformPair, device: { domain: string }): string {
  return typeof pair.command === 'string' ? pair.command : pair.command({ domain: device.domain });
}

/**
 * Config copy over SNMP as data (the shape of CISCO-CONFIG-COPY-MIB's ccCopyTable): the
 * table, its columns and enum values. RowStatus and InetAddressType are the standard ones
 * (RFC 2579, RFC 4001) and stay in the driver.
 */
export interface ConfigCopyMib {
  /** The copy table with file-type enums (CISCO-CONFIG-COPY-MIB's shape); may be left out. */
  kind?: 'copy-table';
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

/**
 * Config copy over SNMP where a row names its source and destination as URIs (ARISTA-CONFIG-COPY-MIB
 * aristaConfigCopyCommandTable: `running-config:`, `startup-config:`, `tftp://ADDRESS/FILE`).
 * Types and docs only: transport/snmp-config-copy.ts drives the copy-table kind; a platform
 * with this kind has no copy over SNMP until that driver learns it (issues 15/16).
 */
export interface UriConfigCopyMib {
  kind: 'uri';
  /** The row entry OID; a cell is `${entry}.${column}.${index}`. */
  entry: string;
  columns: Record<'sourceUri' | 'destUri' | 'state' | 'rowStatus', number> & { failCause?: number };
  /** The URIs for the running and startup configuration, and a TFTP destination. */
  uri: { running: string; startup: string; tftp(address: string, filename: string): string };
  state: { running: number; successful: number; failed: number } & Record<string, number>;
}

/**
 * The platform's own names for its configurations, in messages: each a noun phrase that reads
 * mid-sentence (`${running} is a factory default`, `${running} differs from ${startup}`), with
 * its article where the platform's word needs one. JSON keys never change with them (they are API).
 */
export interface ConfigWords {
  /** What the switch runs now (IOS `running-config`). */
  running: string;
  /** What it boots with (IOS `startup-config`, FRR `frr.conf`); where startup is `none`, the same configuration as `running`. */
  startup: string;
}

/**
 * The names other backup and automation tools give this platform, each checked against the
 * tool's own list (docs/PLATFORMS.md gives the sources). `switchback inventory import` maps a
 * device to the one platform that lists its name (compared in lower case); a name no platform
 * lists, or that two list, is reported and the device skipped — never guessed. Leave a name
 * out when the tool uses it for hardware this platform does not drive (an OEM's other OS).
 */
export interface ImportNames {
  /** Oxidized model names: its lib/oxidized/model/<name>.rb files (router.db `name:model`). */
  oxidized?: string[];
  /** RANCID device types: etc/rancid.types.base, aliases included (router.db `host;type;state`). */
  rancid?: string[];
  /** Ansible `ansible_network_os` values: the collection's full name and the short name before collections. */
  ansible?: string[];
}

export interface Platform {
  /** The inventory's name for it, e.g. `cisco-ios`. */
  name: string;
  /** Human name for messages. */
  label: string;
  /** Its names for the running and the startup configuration, in messages. */
  words: ConfigWords;
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
  /** The running configuration and the version facts (the stack's command is `stack.command`, and its alternatives'). */
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
  /** A redundant pair this switch may be one peer of (vPC, MLAG, VLT). Absent: none (the inventory refuses `pair:` on it). */
  pair?: PlatformPair;
  snmp?: PlatformSnmp;
  /**
   * `platform: auto` over SSH, for a platform SNMP cannot tell apart (its agent is the host's
   * own, which names only the operating system): logged in the platform's way, the output of
   * its version command matches `versionSays`. Tried only when SNMP answered and no platform's
   * `snmp.detect` fits. Absent: detected over SNMP only.
   */
  sshDetect?: { versionSays: RegExp };
  /**
   * What other tools call this platform, for `switchback inventory import` (ImportNames): data
   * only, checked against each tool's own list. Absent: nothing imports to it.
   */
  importNames?: ImportNames;
  /**
   * The configuration is what the switch runs with nothing configured (after `write erase`
   * and a reload, or a lost NVRAM): the health gate never makes it last good. Be
   * conservative: true only when it is clearly a factory default. Absent: never judged one.
   */
  isFactoryDefault?(config: string): boolean;
  parseVersion(output: string): VersionFacts;
  /**
   * What the switch says on its own when something happens (its `traps.ts` and `syslog.ts`),
   * for `switchback watch`; the standard coldStart / warmStart traps apply to every platform
   * (STANDARD_TRAPS). Empty lists where no vendor document names a message.
   */
  notifications: PlatformNotifications;
}
