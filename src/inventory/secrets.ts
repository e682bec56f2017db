// Secrets stay references (env:NAME, file:PATH) until a transport needs one. Messages name
// the device, the field and where the secret should be, and never a value.

import { readRegularFile } from './read-file.js';
import type { Device, SecretRef } from './device.js';

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/**
 * The largest secret file read. The largest secret is a private key: a 16384-bit RSA key, the
 * largest OpenSSH makes, is about 13 KB in PEM; 64 KiB leaves room for any real key or
 * password, and refuses a log or an image named by mistake before it is sent to a switch.
 */
export const SECRET_FILE_LIMIT = 64 * 1024;

/** The value behind a reference, or what is wrong with it right now. */
function lookUp(ref: SecretRef, env: NodeJS.ProcessEnv): { value: string } | { problem: string } {
  if (ref.from === 'env') {
    const value = env[ref.name];
    if (value === undefined) return { problem: `environment variable ${ref.name} is not set` };
    if (value === '') return { problem: `environment variable ${ref.name} is empty` };
    return { value };
  }
  const read = readRegularFile(ref.path, SECRET_FILE_LIMIT);
  if ('problem' in read) return { problem: `cannot read secret file ${ref.path}: ${read.problem}` };
  // A file's trailing newline is not part of the password (`echo secret > file` adds one).
  const value = read.text.trim();
  return value === '' ? { problem: `secret file ${ref.path} is empty` } : { value };
}

/**
 * The value behind a reference; a plain string (only a username may be one) is returned as
 * it is. `where` names the device and field for the error: `core-1 credentials.password`.
 */
export function resolveSecret(ref: SecretRef | string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof ref === 'string') return ref;
  const found = lookUp(ref, env);
  if ('problem' in found) throw new SecretError(`${where}: ${found.problem}`);
  return found.value;
}

/** Every reference a device holds, with the field it sits in. */
export function secretRefs(device: Device): { field: string; ref: SecretRef }[] {
  const out: { field: string; ref: SecretRef }[] = [];
  const add = (field: string, ref: SecretRef | string | undefined) => {
    if (ref !== undefined && typeof ref !== 'string') out.push({ field, ref });
  };
  const c = device.credentials;
  add('credentials.username', c.username);
  add('credentials.password', c.password);
  add('credentials.enable', c.enable);
  add('credentials.privateKey', c.privateKey);
  add('credentials.passphrase', c.passphrase);
  const s = device.snmp;
  if (s?.version === 2) add('snmp.community', s.community);
  if (s?.version === 3) {
    add('snmp.auth.key', s.auth.key);
    add('snmp.priv.key', s.priv.key);
  }
  return out;
}

/**
 * Every reference that would not resolve, checked before anything is contacted. One line per
 * missing variable or unreadable file, however many devices share it, naming the inventory
 * file and field: `environment variable SWITCHBACK_PASSWORD is not set (devices/dc1.yaml:
 * credentials.password of core-1, core-2 and 38 more)`.
 */
export function checkSecrets(devices: Device[], env: NodeJS.ProcessEnv = process.env): string[] {
  const byProblem = new Map<string, Map<string, string[]>>(); // problem → file and field → device names
  const known = new Map<string, string | undefined>(); // a file is read once, however many devices use it
  for (const device of devices) {
    for (const { field, ref } of secretRefs(device)) {
      const key = ref.from === 'env' ? `env:${ref.name}` : `file:${ref.path}`;
      if (!known.has(key)) {
        const found = lookUp(ref, env);
        known.set(key, 'problem' in found ? found.problem : undefined);
      }
      const problem = known.get(key);
      if (!problem) continue;
      const fields = byProblem.get(problem) ?? new Map<string, string[]>();
      byProblem.set(problem, fields);
      const at = `${device.origin.file}: ${field}`;
      fields.set(at, [...(fields.get(at) ?? []), device.name]);
    }
  }
  return [...byProblem].map(([problem, fields]) => `${problem} (${[...fields].map(([at, names]) => `${at} of ${someNames(names)}`).join('; ')})`);
}

function someNames(names: string[]): string {
  if (names.length <= 3) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
