// SNMPv3 key localisation (RFC 3414 A.2), derived once per password, not once per agent.
//
// A v3 key has two steps: the password's master key Ku = H(the password repeated to
// 1,048,576 bytes) — a million-byte hash — and the agent's localised key
// Kul = H(Ku | engineID | Ku), a hash of a few dozen bytes. net-snmp (3.x) caches the
// localised key per (protocol, password, engineID), but computes both steps on each miss,
// so every agent (each has its own engineID) costs two million-byte hashes, one for the
// auth key and one for the priv key: about 40% of the CPU of a 1,000-switch SNMP sweep
// where the whole fleet shares one user and its two passwords.
//
// net-snmp has no option to hand it precomputed keys, so this module replaces its
// `Authentication.passwordToKey` (which every signing, verifying, encrypting and
// decrypting path calls, client and agent) with the same derivation split in two and the
// master key kept per (protocol, password) — as upstream could do in its own function.
// The result is byte for byte the key net-snmp computes (test/unit/snmp-keys.test.ts
// compares them for every protocol). Installed once, when this module is first imported.
// Keys stay in this process's memory, as net-snmp's own cache keeps them.

import { createHash } from 'node:crypto';
import snmp from 'net-snmp';

type Password = string | Buffer;
type PasswordToKey = (authProtocol: snmp.AuthProtocols, password: Password, engineID: Buffer) => Buffer;

/** The parts of net-snmp's `Authentication` object used here (its typings make them read-only). */
interface NetSnmpAuthentication {
  HMAC_BUFFER_SIZE: number;
  algorithms: Record<number, { CRYPTO_ALGORITHM?: string; CRYPTO_ALGORITHMF?: string } | undefined>;
  authToKeyCache: Record<string, Buffer>;
  computeCacheKey(authProtocol: snmp.AuthProtocols, password: Password, engineID: Buffer): string;
  passwordToKey: PasswordToKey & { switchbackMasterKeys?: true };
}

const auth = snmp.Authentication as unknown as NetSnmpAuthentication;

/** Master keys by hash algorithm, then by password (a string, or a Buffer's bytes as hex with a prefix). */
const masterKeys = new Map<string, Map<string, Buffer>>();
let derivations = 0;

/** How many master keys (million-byte hashes) this process has derived: for tests that count work. */
export function masterKeyDerivations(): number {
  return derivations;
}

function hashName(authProtocol: snmp.AuthProtocols): string {
  const algorithm = auth.algorithms[authProtocol];
  const name = algorithm?.CRYPTO_ALGORITHM ?? algorithm?.CRYPTO_ALGORITHMF;
  if (!name) throw new Error(`SNMPv3: no key derivation for authentication protocol ${String(authProtocol)}`);
  return name;
}

/** Ku: the password repeated to HMAC_BUFFER_SIZE bytes, hashed (RFC 3414 A.2.1/A.2.2). */
function masterKey(hash: string, password: Password): Buffer {
  let byPassword = masterKeys.get(hash);
  if (!byPassword) masterKeys.set(hash, (byPassword = new Map()));
  // The Reeder AES-256 localisation passes a previous key (a Buffer) as the next "password".
  const id = typeof password === 'string' ? `s:${password}` : `b:${password.toString('hex')}`;
  const known = byPassword.get(id);
  if (known) return known;
  derivations++;
  const key = createHash(hash).update(Buffer.alloc(auth.HMAC_BUFFER_SIZE, password)).digest();
  byPassword.set(id, key);
  return key;
}

/** Kul = H(Ku | engineID | Ku): net-snmp's passwordToKey, with Ku derived once per password. */
const passwordToKey: PasswordToKey = (authProtocol, password, engineID) => {
  const cacheKey = auth.computeCacheKey(authProtocol, password, engineID);
  const cached = auth.authToKeyCache[cacheKey];
  if (cached !== undefined) return cached;
  const hash = hashName(authProtocol);
  const ku = masterKey(hash, password);
  const localised = createHash(hash).update(ku).update(engineID).update(ku).digest();
  auth.authToKeyCache[cacheKey] = localised;
  return localised;
};

/** Replace net-snmp's derivation once per process (a second copy of this module finds it done). */
export function installMasterKeyCache(): void {
  if (auth.passwordToKey.switchbackMasterKeys) return;
  const patched = passwordToKey as NetSnmpAuthentication['passwordToKey'];
  patched.switchbackMasterKeys = true;
  auth.passwordToKey = patched;
}

installMasterKeyCache();
