// Benchmark (not a test): how long the CLI engine takes to capture a large running config over
// real SSH from a lab switch (in its own process), for 5, 10 and 20 MB, and the time per MB.
// Capture must be linear: the time per MB stays about the same as the size grows. Prints
// figures; asserts nothing.
//   npm run bench:capture
//   npm run bench:capture -- 1 5 20 50        (sizes in MB)
//   ... --json FILE                           (the figures as JSON as well, for the suite)

import { writeFileSync } from 'node:fs';
import { cliDialect } from '../../src/jobs/capture.js';
import { platformByName } from '../../src/platforms/index.js';
import { openShell } from '../../src/transport/ssh.js';
import { startFleetProcess } from './fleet-client.js';

const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;
const given = process.argv
  .slice(2)
  .filter((_, i, all) => all[i - 1] !== '--json' && all[i] !== '--json')
  .map(Number)
  .filter((n) => n > 0);
const sizesMb = given.length > 0 ? given : [5, 10, 20];
const MB = 1024 * 1024;

export interface CaptureFigure {
  mb: number;
  seconds: number;
  cpuSeconds: number;
  secondsPerMb: number;
}

const fleet = await startFleetProcess(['--acl-mb', sizesMb.join(','), '--latency', '0']);
const { info } = fleet;
const platform = platformByName('cisco-ios')!;
const figures: CaptureFigure[] = [];
process.stdout.write(`capture of show running-config through the CLI engine over SSH (lab switch in its own process on 127.0.0.1)\n`);
process.stdout.write(`${'size'.padStart(8)} ${'seconds'.padStart(9)} ${'CPU s'.padStart(7)} ${'s per MB'.padStart(9)}\n`);
try {
  for (const [i, port] of info.ports.entries()) {
    const shell = await openShell(
      {
        host: '127.0.0.1',
        port: port.ssh,
        username: info.env.SWITCHBACK_LAB_USER!,
        password: info.env.SWITCHBACK_LAB_PASSWORD!,
        verifyHostKey: () => true,
        connectTimeoutMs: 30_000,
      },
      cliDialect(platform, {}),
      { commandTimeoutMs: 600_000, enableSecret: info.env.SWITCHBACK_LAB_ENABLE!, maxOutputBytes: 1024 * MB },
    );
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const text = await shell.engine.run(platform.commands.running);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    shell.close();
    if (!/\nend\s*$/.test(text)) throw new Error(`the ${sizesMb[i]} MB capture is incomplete (${text.length} characters)`);
    const got = text.length / MB;
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    figures.push({ mb: Math.round(got * 10) / 10, seconds, cpuSeconds, secondsPerMb: seconds / got });
    process.stdout.write(
      `${`${got.toFixed(1)} MB`.padStart(8)} ${seconds.toFixed(2).padStart(9)} ${cpuSeconds.toFixed(2).padStart(7)} ${(seconds / got).toFixed(3).padStart(9)}\n`,
    );
  }
} finally {
  await fleet.stop();
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(figures));
