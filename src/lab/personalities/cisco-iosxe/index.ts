// The Cisco IOS-XE StackWise personality (a C9300 stack) for lab switches.

import { parseConfig } from '../../config-tree.js';
import type { LabPersonality } from '../../personality.js';
import { CcCopyMib } from './cc-copy.js';
import { openIosCli } from './cli.js';
import { showRunning, showStartup } from './show.js';
import { physicalEntities } from './snmp-entity.js';
import { historyAndStackMib } from './snmp-mibs.js';
import { engineIdFor, MAX_MESSAGE_SIZE, sysContact, sysLocation } from './snmp-system.js';
import { factoryDefaultConfig, initialState } from './state.js';

export const ciscoIosxe: LabPersonality = {
  platform: 'cisco-ios',
  initialState,
  factoryDefault: () => parseConfig(factoryDefaultConfig()),
  openCli: openIosCli,
  showRunning,
  showStartup,
  snmp: {
    // CISCO-PRODUCTS-MIB cat9300-48P: what a C9300-48P stack reports as sysObjectID.
    sysObjectID: '1.3.6.1.4.1.9.1.2494',
    sysDescr: (state) => {
      const version = state.members.find((m) => m.role === 'Active')?.version ?? state.members[0]?.version ?? '17.09.04a';
      const short = version.replace(/^(\d+)\.0?(\d+)\.0?(\w+)$/, '$1.$2.$3');
      return (
        `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version ${short}, RELEASE SOFTWARE (fc3)\r\n` +
        'Technical Support: http://www.cisco.com/techsupport\r\n' +
        'Copyright (c) 1986-2023 by Cisco Systems, Inc.\r\n' +
        'Compiled Fri 20-Oct-23 10:33 by mcpre'
      );
    },
    sysContact,
    sysLocation,
    engineId: engineIdFor,
    maxMessageSize: MAX_MESSAGE_SIZE,
    physicalEntities,
    // CISCO-CONFIG-MAN-MIB ccmHistory, CISCO-STACKWISE-MIB, CISCO-CONFIG-COPY-MIB ccCopyTable.
    mibs: (host, store) => [historyAndStackMib(host, store), new CcCopyMib(host, store)],
  },
};
