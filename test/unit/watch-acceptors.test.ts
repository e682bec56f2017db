// Who the watch's trap receiver accepts (src/cli/watch-acceptors.ts): the inventory's
// communities and v3 users, plus --trap-community references; secrets never in a message.

import { describe, expect, it } from 'vitest';
import { snmpAcceptors } from '../../src/cli/watch-acceptors.js';
import type { Device } from '../../src/inventory/device.js';
import { testDevice } from '../helpers/watch-fixtures.js';

const base = { port: 22, credentials: { username: 'netops' } };
const v2 = (name: string, env: string): Device =>
  testDevice({
    ...base,
    name,
    host: '192.0.2.1',
    snmp: { version: 2, port: 161, community: { from: 'env', name: env }, timeoutMs: 1000, retries: 1 },
  });
const v3 = (name: string, user: string, authEnv: string): Device =>
  testDevice({
    ...base,
    name,
    host: '192.0.2.2',
    snmp: {
      version: 3,
      port: 161,
      user,
      auth: { protocol: 'sha', key: { from: 'env', name: authEnv } },
      priv: { protocol: 'aes', key: { from: 'env', name: 'PRIV' } },
      timeoutMs: 1000,
      retries: 1,
    },
  });
const env = { COMM: 'read-c0mmunity', TRAPC: 'trap-c0mmunity', AUTH1: 'auth-key-one', AUTH2: 'auth-key-two', PRIV: 'priv-key-xx' };

describe('snmpAcceptors', () => {
  it('accepts the devices’ communities and users, and a --trap-community given as a reference', () => {
    const a = snmpAcceptors([v2('a', 'COMM'), v3('b', 'switchback', 'AUTH1')], ['env:TRAPC'], env);
    expect(a.communities.sort()).toEqual(['read-c0mmunity', 'trap-c0mmunity']);
    expect(a.users.map((u) => [u.name, u.auth.key, u.priv.key])).toEqual([['switchback', 'auth-key-one', 'priv-key-xx']]);
    expect(a.clashes).toEqual([]);
  });

  it('refuses a community typed on the command line, and names an unset variable without any value', () => {
    expect(() => snmpAcceptors([], ['public'], env)).toThrow(/--trap-community .*reference \(env:NAME or file:PATH\)/);
    let message = '';
    try {
      snmpAcceptors([v2('a', 'COMM')], ['env:NOT_SET_HERE'], env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/NOT_SET_HERE/);
    for (const value of Object.values(env)) expect(message).not.toContain(value);
  });

  it('one user name with other keys on a second device: the first kept, the others named', () => {
    const a = snmpAcceptors([v3('a', 'switchback', 'AUTH1'), v3('b', 'switchback', 'AUTH2'), v3('c', 'switchback', 'AUTH1')], [], env);
    expect(a.users.map((u) => u.auth.key)).toEqual(['auth-key-one']);
    expect(a.clashes).toEqual([{ user: 'switchback', devices: ['b'] }]);
  });
});
