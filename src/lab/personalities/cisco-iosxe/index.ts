// The Cisco IOS-XE StackWise personality (a C9300 stack) for lab switches.

import { IOS_NOTIFICATIONS } from './notifications.js';
import type { LabPersonality } from '../../personality.js';
import { CcCopyMib } from './cc-copy.js';
import { applyIosChange, openIosCli } from './cli.js';
import { hostnameOf, parseConfig } from './config-text.js';
import { showRunning, showStartup } from './show.js';
import { physicalEntities } from './snmp-entity.js';
import { historyAndStackMib } from './snmp-mibs.js';
import { engineIdFor, MAX_MESSAGE_SIZE, sysContact, sysLocation } from './snmp-system.js';
import { IOS_ROLE, IOS_STATE } from './stack-words.js';
import { factoryDefaultConfig, initialState } from './state.js';

export const ciscoIosxe: LabPersonality = {
  platform: 'cisco-ios',
  label: 'Cisco IOS-XE StackWise (C9300)',
  models: ['C9300-48P', 'C9300-48P', 'C9300-24P', 'C9300-48U'],
  initialState,
  factoryDefault: () => parseConfig(factoryDefaultConfig()),
  hostname: (state) => hostnameOf(state.running),
  openCli: openIosCli,
  applyChange: applyIosChange,
  sampleChange: ['interface GigabitEthernet1/0/7', ' description finance-printer', ' switchport access vlan 30'],
  words: { role: IOS_ROLE, state: IOS_STATE, running: 'running-config', startup: 'startup-config', unsavedChange: 'applied to running-config, not saved' },
  // What IOS-XE announces after SSH-2.0-.
  sshIdent: 'Cisco-1.25',
  // The enable secret: a session logs in at privilege 1 and types `enable`.
  inventoryCredentials: { enable: 'enableSecret' },
  // StackWise elects as the model's generic election does (highest priority, no pre-emption).
  showRunning,
  showStartup,
  notifications: IOS_NOTIFICATIONS,
  snmp: {
    // CISCO-PRODUCTS-MIB cat9300-48P: what a C9300-48P stack reports as sysObjectID.
    sysObjectID: '1.3.6.1.4.1.9.1.2494',
    sysDescr: (state) => {
      const version = state.members.find((m) => m.role === 'active')?.version ?? state.members[0]?.version ?? '17.09.04a';
      const short = version.replace(/^(\d+)\.0?(\d+)\.0?(\w+)$/, '$1.$2.$3');
      return (
        `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version ${short}, RELEASE SOFTWARE (fc3)\r\n` +
        'Technical Support: http://www.cisco.com/techsupport\r\n' +
        'Copyright (c) 1986-2023 by Cisco Systems, Inc.\r\n' +
        'Compiled Fri 20-Oct-23 10:33 by mcpre'
      );
    },
    sysName: (state) => hostnameOf(state.running),
    sysContact,
    sysLocation,
    engineId: engineIdFor,
    maxMessageSize: MAX_MESSAGE_SIZE,
    physicalEntities,
    // CISCO-CONFIG-MAN-MIB ccmHistory, CISCO-STACKWISE-MIB, CISCO-CONFIG-COPY-MIB ccCopyTable.
    mibs: (host, store) => [historyAndStackMib(host, store), new CcCopyMib(host, store)],
  },
};
