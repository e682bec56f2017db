// FRRouting's `show version`, as vtysh prints it (recorded: test/fixtures/frr/show-version.txt):
//
//   FRRouting 8.4.4 (leaf1) on Linux(6.18.44-fc-v1300).
//   Copyright 1996-2005 Kunihiro Ishiguro, et al.
//   configured with:
//       '--build=x86_64-linux-gnu' …
//
// The name in parentheses is the host name FRR runs under (FRR 8.4 follows the system's
// when the config sets none). FRR says nothing of hardware, serials or uptime: a whitebox's
// model and serial belong to the Linux underneath (dmidecode, ONIE), not to the routing suite.

import type { VersionFacts } from '../platform.js';

/** `FRRouting <version> (<host>) on <os>(<kernel>).` — first line; older FRR and forks say the same. */
const BANNER = /^\s*FRRouting\s+(\S+)\s+\(([^()\s]*)\)\s+on\s+([^\s(]+)(?:\(([^)]*)\))?/m;

export function parseVersion(output: string): VersionFacts {
  const m = BANNER.exec(output.replace(/\r\n?/g, '\n'));
  if (!m) return { serials: [], members: [] };
  const [, version, hostname] = m;
  return {
    ...(hostname ? { hostname } : {}),
    ...(version ? { version } : {}),
    serials: [],
    members: [],
  };
}

/** The line that says this is FRR at all: detection over the SSH session (SNMP says only "Linux"). */
export const FRR_BANNER = BANNER;
