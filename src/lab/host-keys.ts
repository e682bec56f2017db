// Deterministic SSH host keys for lab switches: the same seed and name give the
// same Ed25519 key at every start, so host-key pinning can be tested across lab
// restarts, and bumping `generation` simulates a replaced chassis.
// ssh2 reads Ed25519 private keys only in OpenSSH's own format, so we write that.

import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';

const cache = new Map<string, string>();

export function hostKeyFor(seed: string, name: string, generation: number): string {
  const id = `${seed}\0${name}\0${generation}`;
  let key = cache.get(id);
  if (!key) {
    key = openSshEd25519(createHash('sha256').update(id).digest(), `${name}@switchback-lab`);
    cache.set(id, key);
  }
  return key;
}

/** An unencrypted `-----BEGIN OPENSSH PRIVATE KEY-----` block for a 32-byte Ed25519 seed. */
function openSshEd25519(seed: Buffer, comment: string): string {
  // PKCS#8 wrapper for a raw Ed25519 seed (RFC 8410): lets node derive the public half.
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const priv = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  const pub = spki.subarray(spki.length - 32);

  const str = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b) : b;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(buf.length);
    return Buffer.concat([len, buf]);
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const pubBlob = Buffer.concat([str('ssh-ed25519'), str(pub)]);
  const check = seed.readUInt32BE(0); // any value, repeated twice, proves decryption; none here
  let privSection = Buffer.concat([u32(check), u32(check), str('ssh-ed25519'), str(pub), str(Buffer.concat([seed, pub])), str(comment)]);
  const pad: number[] = [];
  for (let i = 1; (privSection.length + pad.length) % 8 !== 0; i++) pad.push(i);
  privSection = Buffer.concat([privSection, Buffer.from(pad)]);

  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), str('none'), str('none'), str(''), u32(1), str(pubBlob), str(privSection)]);
  const b64 = body.toString('base64').replace(/.{1,70}/g, '$&\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}-----END OPENSSH PRIVATE KEY-----\n`;
}
