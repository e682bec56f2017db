// `switchback demo`: commander wiring; the demo itself (and the lab) loads only when it runs.

import type { Command } from 'commander';
import { noColorOption, quietOption } from './options.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the built-in lab and replay a power incident on it (no real switches needed)')
    .option('--devices <n>', 'how many lab switches, 4 to 50 (default: two of every platform the lab runs)')
    .option('--json', 'print each step as one JSON document at the end')
    .option('--keep', 'keep the temporary inventory and backups repository (their path is printed)')
    .addOption(quietOption('each step with only the switches that need attention'))
    .addOption(noColorOption())
    .addHelpText('after', '\nExamples:\n  switchback demo\n  switchback demo --devices 12 --json')
    .action(async (opts: { devices?: string; json?: boolean; keep?: boolean; quiet?: boolean }) => (await import('./demo-run.js')).runDemo(opts));
}
