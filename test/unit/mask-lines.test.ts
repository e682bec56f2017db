// check.maskLines: by the device's platform; when the platform is not known, each line takes
// the mask of the first platform that masks it, so adding a platform never changes how
// another platform's lines are masked.

import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/config/normalise.js';
import { maskLines } from '../../src/jobs/check.js';
import { platformByName } from '../../src/platforms/index.js';

const ios = platformByName('cisco-ios')!;
const junos = platformByName('juniper-junos')!;

const IOS_LINES = [
  'username admin privilege 15 secret 9 $9$abcdefghijkl$mnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ',
  'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0',
  ' password 7 0822455D0A16',
  'snmp-server community s3cret RO',
  'tacacs-server key 7 0822455D0A16',
  'hostname SW-1',
];
const JUNOS_LINES = [
  'set system root-authentication encrypted-password "$6$abc$defghijklmnop"',
  'set snmp community public authorization read-only',
  'set system radius-server 10.0.0.9 secret "$9$abcdefgh"',
  'set system host-name vc-1',
];

describe('maskLines', () => {
  it('with the device platform: that platform only', () => {
    expect(maskLines(ios, IOS_LINES)).toEqual(maskSecrets(ios, IOS_LINES.join('\n')).split('\n'));
    expect(maskLines(junos, JUNOS_LINES)).toEqual(maskSecrets(junos, JUNOS_LINES.join('\n')).split('\n'));
  });

  it('with no platform known: IOS lines exactly as IOS masks them, Junos lines as Junos does', () => {
    expect(maskLines(undefined, IOS_LINES)).toEqual(maskSecrets(ios, IOS_LINES.join('\n')).split('\n'));
    expect(maskLines(undefined, JUNOS_LINES)).toEqual(maskSecrets(junos, JUNOS_LINES.join('\n')).split('\n'));
    expect(maskLines(undefined, JUNOS_LINES).filter((l) => l.includes('<masked>'))).toHaveLength(3);
  });
});
