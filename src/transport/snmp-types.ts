// The SNMP client's contract: targets with resolved secrets, decoded values, and
// errors that say what went wrong in words. Implemented in snmp.ts on net-snmp.

export type SnmpTarget =
  | { host: string; port: number; version: 2; community: string; timeoutMs: number; retries: number }
  | {
      host: string;
      port: number;
      version: 3;
      user: string;
      auth: { protocol: 'sha' | 'sha256'; key: string };
      priv: { protocol: 'aes'; key: string };
      timeoutMs: number;
      retries: number;
    };

/** A decoded varbind. Counter64 arrives as bigint; TimeTicks as a number of hundredths. */
export type SnmpValue =
  | { oid: string; type: 'integer' | 'counter32' | 'gauge32' | 'timeticks'; value: number }
  | { oid: string; type: 'counter64'; value: bigint }
  | { oid: string; type: 'octets'; value: Buffer }
  | { oid: string; type: 'oid' | 'ipaddress'; value: string }
  | { oid: string; type: 'null' | 'noSuchObject' | 'noSuchInstance' | 'endOfMibView'; value: null };

export type SnmpSetValue =
  | { oid: string; type: 'integer' | 'gauge32' | 'timeticks'; value: number }
  | { oid: string; type: 'octets'; value: Buffer | string }
  | { oid: string; type: 'ipaddress'; value: string };

export interface SnmpSession {
  /** Exact instances; a missing one comes back as noSuchObject/noSuchInstance, not an error. */
  get(oids: string[]): Promise<SnmpValue[]>;
  /** Every instance under `oid` (GETBULK on v2c/v3). */
  walk(oid: string): Promise<SnmpValue[]>;
  /**
   * `get(oids)` and `walk(root)` together, the first walk page in the GET's message: one
   * round trip fewer per device in a sweep. Answers exactly what the two calls would.
   */
  getAndWalk(oids: string[], root: string): Promise<{ values: SnmpValue[]; walked: SnmpValue[] }>;
  set(values: SnmpSetValue[]): Promise<void>;
  close(): void;
}

export class SnmpError extends Error {
  constructor(
    readonly kind: 'timeout' | 'auth' | 'unknown-user' | 'decrypt' | 'refused' | 'protocol',
    message: string,
  ) {
    super(message);
  }
}
