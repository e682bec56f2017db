// Secrets stay references (env:NAME, file:PATH) until a transport needs one. Messages name
// the device, the field and where the secret should be, and never a value.

import { readFileSync } from 'node:fs';
import type { Device, SecretRef } from './device.js';

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/** A file-system error in a few words: `no such file`, `permission denied`. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return code ?? (err as Error).message;
  }
}

/** What is wrong with a reference right now, or undefined when it resolves. */
function refProblem(ref: SecretRef, env: NodeJS.ProcessEnv): string | undefined {
  if (ref.from === 'env') {
    const value = env[ref.name];
    if (value === undefined) return `environment variable ${ref.name} is not set`;
    if (value === '') return `environment variable ${ref.name} is empty`;
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(ref.path, 'utf8');
  } catch (err) {
    return `cannot read secret file ${ref.path}: ${fsReason(err)}`;
  }
  return text.trim() === '' ? `secret file ${ref.path} is empty` : undefined;
}

/**
 * The value behind a reference; a plain string (only a username may be one) is returned as
 * it is. `where` names the device and field for the error: `core-1 credentials.password`.
 */
export function resolveSecret(ref: SecretRef | string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof ref === 'string') return ref;
  const problem = refProblem(ref, env);
  if (problem) throw new SecretError(`${where}: ${problem}`);
  // A file's trailing newline is not part of the password (`echo secret > file` adds one).
  return ref.from === 'env' ? env[ref.name]! : readFileSync(ref.path, 'utf8').trim();
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
 * missing variable or unreadable file, however many devices share it:
 * `environment variable SWITCHBACK_PASSWORD is not set (credentials.password of core-1, core-2 and 38 more)`.
 */
export function checkSecrets(devices: Device[], env: NodeJS.ProcessEnv = process.env): string[] {
  const byProblem = new Map<string, Map<string, string[]>>(); // problem → field → device names
  const known = new Map<string, string | undefined>(); // a file is read once, however many devices use it
  for (const device of devices) {
    for (const { field, ref } of secretRefs(device)) {
      const key = ref.from === 'env' ? `env:${ref.name}` : `file:${ref.path}`;
      if (!known.has(key)) known.set(key, refProblem(ref, env));
      const problem = known.get(key);
      if (!problem) continue;
      const fields = byProblem.get(problem) ?? new Map<string, string[]>();
      byProblem.set(problem, fields);
      fields.set(field, [...(fields.get(field) ?? []), device.name]);
    }
  }
  return [...byProblem].map(([problem, fields]) => `${problem} (${[...fields].map(([field, names]) => `${field} of ${someNames(names)}`).join('; ')})`);
}

function someNames(names: string[]): string {
  if (names.length <= 3) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
