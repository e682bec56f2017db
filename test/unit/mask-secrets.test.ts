// maskSecrets against every secret-bearing construct the IOS platform knows, each as it
// appears at the top level and nested under parents (indented one and two levels), and
// as the `no` form restore shows. A secret is masked wherever its line sits: the reading
// of a line must not depend on its indentation (issue 13: ` key 0 …` under `tacacs server`
// was printed in clear).

import { describe, expect, it } from 'vitest';
import { SECRET_MASK, maskSecrets } from '../../src/config/normalise.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';

const M = SECRET_MASK;

/** [construct, line holding the secret `S3cr3t…`, the line as masked]. */
const CONSTRUCTS: [string, string, string][] = [
  ['enable secret', 'enable secret 9 $9$S3cr3tEnable', `enable secret 9 ${M}`],
  ['enable secret level', 'enable secret level 15 5 $1$S3cr3tLevel', `enable secret level 15 5 ${M}`],
  ['enable password', 'enable password S3cr3tPlain', `enable password ${M}`],
  ['username secret', 'username admin privilege 15 secret 9 $9$S3cr3tUser', `username admin privilege 15 secret 9 ${M}`],
  ['username algorithm-type', 'username a privilege 15 algorithm-type scrypt secret S3cr3tAlgo', `username a privilege 15 algorithm-type scrypt secret ${M}`],
  ['username password', 'username cisco password 0 S3cr3tUserPw', `username cisco password 0 ${M}`],
  ['snmp-server community', 'snmp-server community S3cr3tComm RO 10', `snmp-server community ${M} RO 10`],
  ['snmp-server host v2c', 'snmp-server host 192.0.2.5 version 2c S3cr3tTrap', `snmp-server host 192.0.2.5 version 2c ${M}`],
  ['snmp-server host v1', 'snmp-server host 192.0.2.5 S3cr3tTrapV1 snmp', `snmp-server host 192.0.2.5 ${M} snmp`],
  ['snmp-server user', 'snmp-server user u g v3 auth sha S3cr3tAuth priv aes 128 S3cr3tPriv', `snmp-server user u g v3 auth sha ${M}`],
  ['tacacs-server key', 'tacacs-server key 7 S3cr3tTacacs', `tacacs-server key 7 ${M}`],
  ['tacacs-server host key', 'tacacs-server host 192.0.2.9 key S3cr3tHost', `tacacs-server host 192.0.2.9 key ${M}`],
  [
    'radius-server host key',
    'radius-server host 192.0.2.9 auth-port 1645 acct-port 1646 key 7 S3cr3tRad',
    `radius-server host 192.0.2.9 auth-port 1645 acct-port 1646 key 7 ${M}`,
  ],
  ['server key (tacacs/radius server)', 'key 0 S3cr3tServer', `key 0 ${M}`],
  // A server key may hold spaces: all of it is the secret, not its first word.
  ['tacacs-server key with spaces', 'tacacs-server key S3cr3t with spaces', `tacacs-server key ${M}`],
  ['radius-server host key with spaces', 'radius-server host 192.0.2.9 key 0 S3cr3t two words', `radius-server host 192.0.2.9 key 0 ${M}`],
  ['server key with spaces', 'key 0 S3cr3t words in it', `key 0 ${M}`],
  ['server-private key with spaces', 'server-private 192.0.2.9 key 7 S3cr3t and more', `server-private 192.0.2.9 key 7 ${M}`],
  ['server key without a type', 'key S3cr3tNoType', `key ${M}`],
  ['radius server pac key', 'pac key 7 S3cr3tPac', `pac key 7 ${M}`],
  ['server-private', 'server-private 192.0.2.9 port 49 timeout 5 key 7 S3cr3tPrivate', `server-private 192.0.2.9 port 49 timeout 5 key 7 ${M}`],
  ['server-private no type', 'server-private 192.0.2.9 key S3cr3tPrivate0', `server-private 192.0.2.9 key ${M}`],
  ['dynamic-author client', 'client 192.0.2.1 vrf Mgmt-vrf server-key 7 S3cr3tDa', `client 192.0.2.1 vrf Mgmt-vrf server-key 7 ${M}`],
  ['aaa pod server-key', 'aaa pod server server-key S3cr3tPod', `aaa pod server server-key ${M}`],
  ['key chain key-string', 'key-string 7 S3cr3tKeyString', `key-string 7 ${M}`],
  ['HSRP md5 key-string', 'standby 1 authentication md5 key-string S3cr3tHsrp', `standby 1 authentication md5 key-string ${M}`],
  ['HSRP text', 'standby 1 authentication S3cr3tHsrpText', `standby 1 authentication ${M}`],
  ['HSRP text keyword', 'standby 2 authentication text S3cr3tHsrpText2', `standby 2 authentication text ${M}`],
  ['VRRP text', 'vrrp 1 authentication text S3cr3tVrrp', `vrrp 1 authentication text ${M}`],
  ['GLBP text', 'glbp 1 authentication text S3cr3tGlbp', `glbp 1 authentication text ${M}`],
  ['ip ospf authentication-key', 'ip ospf authentication-key 7 S3cr3tOspf', `ip ospf authentication-key 7 ${M}`],
  ['ip ospf message-digest-key', 'ip ospf message-digest-key 1 md5 7 S3cr3tMd5', `ip ospf message-digest-key 1 md5 7 ${M}`],
  [
    'virtual-link message-digest-key',
    'area 1 virtual-link 192.0.2.1 message-digest-key 1 md5 S3cr3tVl',
    `area 1 virtual-link 192.0.2.1 message-digest-key 1 md5 ${M}`,
  ],
  ['virtual-link authentication-key', 'area 1 virtual-link 192.0.2.1 authentication-key S3cr3tVlA', `area 1 virtual-link 192.0.2.1 authentication-key ${M}`],
  ['OSPFv3 ipsec authentication', 'ipv6 ospf authentication ipsec spi 500 sha1 S3cr3tSpi', `ipv6 ospf authentication ipsec spi 500 sha1 ${M}`],
  ['OSPFv3 ipsec encryption', 'ipv6 ospf encryption ipsec spi 1001 esp aes-cbc 128 S3cr3tEsp sha1 S3cr3tEspA', `ipv6 ospf encryption ipsec spi 1001 esp ${M}`],
  ['ntp authentication-key', 'ntp authentication-key 1 md5 S3cr3tNtp 7', `ntp authentication-key 1 md5 ${M} 7`],
  ['ntp authentication-key sha', 'ntp authentication-key 2 hmac-sha2-256 S3cr3tNtpSha', `ntp authentication-key 2 hmac-sha2-256 ${M}`],
  ['crypto isakmp key', 'crypto isakmp key 6 S3cr3tIsakmp address 192.0.2.1', `crypto isakmp key 6 ${M} address 192.0.2.1`],
  ['keyring pre-shared-key address', 'pre-shared-key address 192.0.2.1 key S3cr3tKeyring', `pre-shared-key address 192.0.2.1 key ${M}`],
  ['keyring pre-shared-key address mask', 'pre-shared-key address 0.0.0.0 0.0.0.0 key S3cr3tKeyring2', `pre-shared-key address 0.0.0.0 0.0.0.0 key ${M}`],
  ['keyring pre-shared-key hostname', 'pre-shared-key hostname peer1 key S3cr3tKeyring3', `pre-shared-key hostname peer1 key ${M}`],
  ['IKEv2 pre-shared-key', 'pre-shared-key S3cr3tIkev2', `pre-shared-key ${M}`],
  ['IKEv2 pre-shared-key local', 'pre-shared-key local 0 S3cr3tIkev2L', `pre-shared-key local 0 ${M}`],
  ['IKEv2 profile pre-share key', 'authentication remote pre-share key S3cr3tPreShare', `authentication remote pre-share key ${M}`],
  ['wpa-psk ascii', 'wpa-psk ascii 0 S3cr3tWpa', `wpa-psk ascii 0 ${M}`],
  ['wpa-psk hex', 'wpa-psk hex 7 S3cr3tWpaHex', `wpa-psk hex 7 ${M}`],
  ['WLAN psk set-key', 'security wpa psk set-key ascii 0 S3cr3tWlan', `security wpa psk set-key ascii 0 ${M}`],
  ['key config-key', 'key config-key password-encrypt S3cr3tConfigKey', `key config-key password-encrypt ${M}`],
  ['line password', 'password 7 S3cr3tVty', `password 7 ${M}`],
  ['neighbor password', 'neighbor 192.0.2.2 password 7 S3cr3tBgp', `neighbor 192.0.2.2 password 7 ${M}`],
  ['ppp chap password', 'ppp chap password 0 S3cr3tChap', `ppp chap password 0 ${M}`],
  ['ppp pap sent-username', 'ppp pap sent-username u password 0 S3cr3tPap', `ppp pap sent-username u password 0 ${M}`],
  ['ip ftp password', 'ip ftp password S3cr3tFtp', `ip ftp password ${M}`],
  ['ip http client password', 'ip http client password 0 S3cr3tHttp', `ip http client password 0 ${M}`],
  ['IS-IS area-password', 'area-password S3cr3tIsis', `area-password ${M}`],
  ['IS-IS domain-password', 'domain-password S3cr3tIsisD authenticate snp validate', `domain-password ${M} authenticate snp validate`],
  ['isis password', 'isis password S3cr3tIsisIf', `isis password ${M}`],
  ['vtp password', 'vtp password S3cr3tVtp', `vtp password ${M}`],
  ['ip nhrp authentication', 'ip nhrp authentication S3cr3tNhrp', `ip nhrp authentication ${M}`],
  ['ipsec manual session-key', 'set session-key inbound esp 256 cipher S3cr3tCipher authenticator S3cr3tAuthr', `set session-key inbound esp 256 ${M}`],
  ['URL credentials', 'path ftp://backup:S3cr3tUrl@192.0.2.7/$h', `path ftp://backup:${M}@192.0.2.7/$h`],
  ['URL credentials with an @ in the password', 'path ftp://backup:S3cr3t@Url@192.0.2.7/$h', `path ftp://backup:${M}@192.0.2.7/$h`],
];

/** The same line under parents: indented one and two levels, and the `no` form restore types. */
const PLACES: [string, (l: string) => string][] = [
  ['at the top level', (l) => l],
  ['nested one level', (l) => ` ${l}`],
  ['nested two levels', (l) => `  ${l}`],
  ['as a `no` line', (l) => `no ${l}`],
  ['as a nested `no` line', (l) => ` no ${l}`],
];

describe('maskSecrets: every secret-bearing construct, wherever it sits', () => {
  for (const [place, put] of PLACES) {
    it.each(CONSTRUCTS)(`%s ${place}`, (_construct, line, expected) => {
      const masked = maskSecrets(ciscoIos, put(line));
      expect(masked).toBe(put(expected));
      expect(masked).not.toMatch(/S3cr3t/);
      // Masking a masked line changes nothing (check masks lines backup already masked).
      expect(maskSecrets(ciscoIos, masked)).toBe(masked);
    });
  }

  it('masks a nested secret inside a whole configuration, line for line', () => {
    const config = [
      'tacacs server T1',
      ' address ipv4 192.0.2.9',
      ' key 0 S3cr3tT1',
      '!',
      'key chain KC',
      ' key 1',
      '  key-string S3cr3tKc',
      '!',
      'crypto keyring KR',
      ' pre-shared-key address 192.0.2.1 key S3cr3tKr',
      'end',
      '',
    ].join('\n');
    const masked = maskSecrets(ciscoIos, config);
    expect(masked.split('\n')).toHaveLength(config.split('\n').length);
    expect(masked).not.toMatch(/S3cr3t/);
    expect(masked).toContain(` key 0 ${M}\n`);
    expect(masked).toContain('\n key 1\n');
  });
});

describe('maskSecrets: what is not a secret stays', () => {
  it.each([
    'key chain OSPF',
    ' key 1',
    '  key 1',
    ' key 12',
    'mka pre-shared-key key-chain MKA-KC',
    ' standby 1 authentication md5 key-chain HSRP-KC',
    ' vrrp 1 authentication md5 key-chain VRRP-KC',
    ' ip rip authentication key-chain RIP',
    ' ip ospf authentication message-digest',
    ' tunnel key 100',
    'ntp trusted-key 1',
    'snmp-server host 192.0.2.5 version 3 auth netops',
    'service password-encryption',
    'no service password-recovery',
    ' description key 0 of the ring: reset the password monthly',
    ' remark secret 5 never',
    'aaa authentication login default group tacacs+ local',
    '  key-hash ssh-rsa 8FB4F858DD7E5AFB372780EC653DB371',
    ' address ipv4 192.0.2.9',
    'logging host 192.0.2.7',
    ' path flash:archive',
    ' path scp://192.0.2.7/backups/$h',
  ])('leaves %j alone', (line) => {
    expect(maskSecrets(ciscoIos, line)).toBe(line);
  });
});
