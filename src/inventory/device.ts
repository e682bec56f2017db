// A device as the rest of switchback sees it, once the inventory is validated.
// Secrets stay references until the moment a transport needs them.

/** Where a secret lives: never its value. */
export type SecretRef = { from: 'env'; name: string } | { from: 'file'; path: string };

export interface Credentials {
  /** A username may be written literally or as a reference. */
  username: string | SecretRef;
  password?: SecretRef;
  /** The secret a platform's session asks for to become privileged (an `enable` secret). */
  enable?: SecretRef;
  privateKey?: SecretRef;
  passphrase?: SecretRef;
}

export type SnmpSettings =
  | { version: 2; port: number; community: SecretRef; timeoutMs: number; retries: number }
  | {
      version: 3;
      port: number;
      user: string;
      auth: { protocol: 'sha' | 'sha256'; key: SecretRef };
      priv: { protocol: 'aes'; key: SecretRef };
      timeoutMs: number;
      retries: number;
    };

export interface TftpSettings {
  /** An IP address of this host that the switch can reach. */
  address: string;
  /** UDP port (69 unless a firewall or a non-root user needs another). */
  port: number;
}

export interface StackExpectation {
  members: { number: number; feed?: string }[];
  /**
   * Set by the `feed:` shortcut: the switch is its own only member, whatever number it
   * reports (an EX numbers itself 0, most others 1). Jobs read it through `expectedMembers`.
   */
  single?: true;
}

/**
 * The members the inventory expects, matched to what the switch reports: a `feed:` switch
 * (one member, number unknown) takes the number of the one member it reports.
 */
export function expectedMembers(stack: StackExpectation | undefined, reported: { number: number }[]): { number: number; feed?: string }[] | undefined {
  if (!stack) return undefined;
  const only = reported.length === 1 ? reported[0] : undefined;
  if (stack.single && only) return stack.members.map((m) => ({ ...m, number: only.number }));
  return stack.members;
}

/**
 * This device is one peer of a redundant pair (MLAG, vPC, VLT): the other peer's inventory
 * name, and the pair's domain as the switches number it. Each peer names the other.
 */
export interface PairExpectation {
  peer: string;
  domain: string;
}

export interface Device {
  /** [a-z0-9._-]: it becomes a folder in the backups repository. */
  name: string;
  host: string;
  port: number;
  /** A platform name from src/platforms, or `auto` (resolved from SNMP). */
  platform: string;
  /** Options the platform reads for this device (a routing daemon's pathspace): short text by name. */
  platformOptions?: Readonly<Record<string, string>>;
  group?: string;
  tags: string[];
  credentials: Credentials;
  snmp?: SnmpSettings;
  /** A standalone switch's feed is written `feed: A` and arrives here as a stack of one member (number 1). */
  stack?: StackExpectation;
  pair?: PairExpectation;
  /** How configurations are fetched. */
  transport: 'ssh' | 'snmp-tftp';
  /**
   * switchback's own TFTP receiver for config copies over SNMP: the address it listens
   * on, which is also the address the switch is told to send to, and its UDP port.
   * Absent: no copy over SNMP (neither `transport: snmp-tftp` nor the fallback from SSH).
   */
  tftp?: TftpSettings;
  timeouts: {
    /** One command, from sending it to its prompt. */
    commandMs: number;
    /** The whole device: connect, login, every command. */
    deviceMs: number;
  };
  /** The most one command may print, in bytes; more fails the device (`too-large`). Absent: 64 MiB. */
  maxOutput?: number;
  /** Where the device was defined, for messages: `devices/dc1.yaml: devices[3] (core-2)`. */
  origin: { file: string; index: number };
}
