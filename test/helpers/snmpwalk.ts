// `snmpwalk -On` text (as the real walks in test/fixtures/real/centreon-plugins are) → rows
// as the SNMP client decodes them: numbers for integers and ticks, Buffers for octet strings.

import type { SnmpRow } from '../../src/platforms/platform.js';

export function walkRows(text: string): SnmpRow[] {
  const rows: SnmpRow[] = [];
  for (const line of text.split('\n')) {
    const m = /^\.?([\d.]+) = ([\w-]+): (.*?)\s*$/.exec(line);
    if (!m) continue;
    const [, oid, type, raw] = m as unknown as [string, string, string, string];
    let value: SnmpRow['value'];
    if (type === 'INTEGER' || type === 'Gauge32' || type === 'Counter32') value = Number(raw);
    else if (type === 'Timeticks') value = Number(/^\((\d+)\)/.exec(raw)?.[1]);
    else if (type === 'Hex-STRING') value = Buffer.from(raw.replace(/\s+/g, ''), 'hex');
    else if (type === 'STRING') value = Buffer.from(raw.replace(/^"|"$/g, ''), 'utf8');
    else if (type === 'OID') value = raw.replace(/^\./, '');
    else value = raw;
    rows.push({ oid, value });
  }
  return rows;
}
