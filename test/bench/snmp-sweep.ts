// Benchmark (not a test): the SNMP sweep of `switchback check --snmp` over a lab
// fleet — every device's uptime, engine boots, ccmHistory and stack table, read
// concurrently. Prints figures; asserts nothing. The target is under 5 s for 1,000.
//   npm run bench:snmp            (1,000 switches)
//   npm run bench:snmp -- 200

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../src/inventory/load.js';
import { runSnmpCheck } from '../../src/jobs/check-snmp.js';
import { startFleet } from '../../src/lab/fleet.js';
import { openStore } from '../../src/store/index.js';

const count = Number(process.argv[2] ?? 1000);
const fleet = await startFleet({ count });
try {
  const dir = mkdtempSync(join(tmpdir(), 'switchback-bench-snmp-'));
  writeFileSync(join(dir, 'lab.yaml'), fleet.inventory());
  for (const line of fleet.exports()) {
    const [, name, value] = /^export (\w+)=(.*)$/.exec(line) ?? [];
    if (name && value !== undefined) process.env[name] = value;
  }
  const devices = loadInventory([join(dir, 'lab.yaml')]);
  const store = await openStore(join(dir, 'backups'));
  for (const concurrency of [100, 250]) {
    // 250: what switchback check uses for its SNMP sweep
    const t0 = performance.now();
    const run = await runSnmpCheck({ devices, store, concurrency });
    const ms = performance.now() - t0;
    const unreachable = run.devices.filter((d) => d.findings.some((f) => f.kind === 'unreachable')).length;
    console.log(
      `SNMP sweep (v3 authPriv SHA/AES): ${count} switches in ${(ms / 1000).toFixed(2)} s at concurrency ${concurrency} (${(ms / count).toFixed(2)} ms per switch; ${unreachable} unreachable)`,
    );
  }
} finally {
  await fleet.stop();
}
