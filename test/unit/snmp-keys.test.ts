// SNMPv3 key localisation (src/transport/snmp-keys.ts): the keys net-snmp signs and
// encrypts with are the RFC 3414 keys, byte for byte, and the million-byte master-key hash
// is done once per password, not once per agent.

import { createHash, createHmac } from 'node:crypto';
import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { masterKeyDerivations } from '../../src/transport/snmp-keys.js';

type Password = string | Buffer;
const passwordToKey = (protocol: snmp.AuthProtocols, password: Password, engineID: Buffer): Buffer =>
  (snmp.Authentication.passwordToKey as unknown as (p: snmp.AuthProtocols, pw: Password, e: Buffer) => Buffer)(protocol, password, engineID);

/** RFC 3414 A.2, written out as the RFC does: 1 MiB of the password, hashed; then H(Ku | engineID | Ku). */
function reference(hash: string, password: Password, engineID: Buffer): Buffer {
  const ku = createHash(hash)
    .update(Buffer.alloc(1024 * 1024, password))
    .digest();
  return createHash(hash).update(ku).update(engineID).update(ku).digest();
}

const engine = (n: number) => Buffer.from(`80000009030000${n.toString(16).padStart(10, '0')}`, 'hex');

describe('SNMPv3 key localisation', () => {
  it('gives the RFC 3414 A.3 sample keys (MD5 and SHA, "maplesyrup")', () => {
    const id = Buffer.from('000000000000000000000002', 'hex');
    expect(passwordToKey(snmp.AuthProtocols.md5, 'maplesyrup', id).toString('hex')).toBe('526f5eed9fcce26f8964c2930787d82b');
    expect(passwordToKey(snmp.AuthProtocols.sha, 'maplesyrup', id).toString('hex')).toBe('6695febc9288e36282235fc7151f128497b38f3f');
  });

  it('gives the same keys as the RFC algorithm for every auth protocol, text and Buffer passwords (Reeder AES-256)', () => {
    const cases: [snmp.AuthProtocols, string][] = [
      [snmp.AuthProtocols.sha, 'sha1'],
      [snmp.AuthProtocols.sha224, 'sha224'],
      [snmp.AuthProtocols.sha256, 'sha256'],
      [snmp.AuthProtocols.sha384, 'sha384'],
      [snmp.AuthProtocols.sha512, 'sha512'],
    ];
    for (const [protocol, hash] of cases) {
      for (const password of ['equal-length-1', 'a rather longer passphrase ü', Buffer.from('0102030405060708090a', 'hex')]) {
        for (const id of [engine(1), engine(2)]) expect(passwordToKey(protocol, password, id)).toEqual(reference(hash, password, id));
      }
    }
  });

  it('hashes a password into its master key once, however many engines it is localised for', () => {
    const before = masterKeyDerivations();
    for (let i = 0; i < 50; i++) {
      passwordToKey(snmp.AuthProtocols.sha, 'fleet-auth-password', engine(100 + i));
      passwordToKey(snmp.AuthProtocols.sha, 'fleet-priv-password', engine(100 + i));
    }
    expect(masterKeyDerivations() - before).toBe(2);
    // Another hash algorithm is another master key.
    passwordToKey(snmp.AuthProtocols.sha256, 'fleet-auth-password', engine(100));
    expect(masterKeyDerivations() - before).toBe(3);
  });

  it('net-snmp signs messages with the localised key (its own functions go through the cache)', () => {
    const before = masterKeyDerivations();
    const id = engine(500);
    const message = Buffer.from('a message to sign');
    const digest = snmp.Authentication.calculateDigest(message, snmp.AuthProtocols.sha, 'sign-password-1', id);
    // RFC 3414 6.3.1: HMAC-SHA-96, the first 12 bytes of HMAC-SHA-1 keyed with the localised key.
    expect(digest).toEqual(
      createHmac('sha1', reference('sha1', 'sign-password-1', id))
        .update(message)
        .digest()
        .subarray(0, 12),
    );
    expect(masterKeyDerivations() - before).toBe(1);
  });
});
