// The metrics file is replaced by rename: a reader of the old file keeps it whole, and a write
// that fails leaves the old file as it was and no temporary file behind.

import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, UserError } from '../../src/cli/exit-codes.js';
import { metricsTarget } from '../../src/cli/metrics-output.js';
import { readMetricsFile, writeMetricsFile } from '../../src/report/metrics-file.js';

describe('writeMetricsFile', () => {
  it('puts a new file in place by rename: another inode, the old one intact for its reader, nothing else left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-metrics-file-'));
    const file = join(dir, 'switchback.prom');
    await writeMetricsFile(file, 'a 1\n');
    const inode = statSync(file).ino;
    const reader = openSync(file, 'r');
    try {
      await writeMetricsFile(file, 'a 2\n');
      expect(readFileSync(reader, 'utf8')).toBe('a 1\n');
    } finally {
      closeSync(reader);
    }
    expect(statSync(file).ino).not.toBe(inode);
    expect(readFileSync(file, 'utf8')).toBe('a 2\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['switchback.prom']);
  });

  it('a write that fails (the path is a folder) throws and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-metrics-file-'));
    const file = join(dir, 'taken.prom');
    mkdirSync(file);
    writeFileSync(join(file, 'inside'), 'x');
    await expect(writeMetricsFile(file, 'a 1\n')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken.prom']);
  });

  it('reads the previous file, or nothing when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-metrics-file-'));
    expect(await readMetricsFile(join(dir, 'none.prom'))).toBeUndefined();
    expect(await readMetricsFile(dir)).toBeUndefined();
    writeFileSync(join(dir, 'old.prom'), 'b 3\n');
    expect(await readMetricsFile(join(dir, 'old.prom'))).toBe('b 3\n');
  });
});

describe('metricsTarget', () => {
  it("the inventory's one metricsFile is a file per command (and shard): a check every 5 minutes never wipes the backup's series", () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-metrics-target-'));
    const inv = { metricsFile: join(dir, 'switchback.prom') };
    const backup = metricsTarget({}, inv, 'backup');
    const check = metricsTarget({}, inv, 'check');
    expect(backup).toEqual({ file: join(dir, 'switchback-backup.prom') });
    expect(check).toEqual({ file: join(dir, 'switchback-check.prom') });
    expect(metricsTarget({ shard: '2/4' }, inv, 'backup')).toEqual({ file: join(dir, 'switchback-backup-shard-2-of-4.prom'), labels: { shard: '2/4' } });
    expect(metricsTarget({}, { metricsFile: join(dir, 'sb') }, 'ready')).toEqual({ file: join(dir, 'sb-ready') });
  });

  it('the flag wins over the inventory; a missing folder or a folder as the path is a bad invocation (exit 2); --shard labels the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchback-metrics-target-'));
    expect(metricsTarget({}, {}, 'backup')).toBeUndefined();
    expect(metricsTarget({ metricsFile: join(dir, 'flag.prom') }, { metricsFile: join(dir, 'inv.prom') }, 'backup')).toEqual({ file: join(dir, 'flag.prom') });
    expect(metricsTarget({}, { metricsFile: join(dir, 'inv.prom') }, 'backup')).toEqual({ file: join(dir, 'inv-backup.prom') });
    expect(metricsTarget({ metricsFile: join(dir, 'a.prom'), shard: '2/4' }, {}, 'backup')).toEqual({ file: join(dir, 'a.prom'), labels: { shard: '2/4' } });
    const missing = (): unknown => metricsTarget({ metricsFile: join(dir, 'nope', 'a.prom') }, {}, 'backup');
    expect(missing).toThrow(UserError);
    expect(missing).toThrow(/does not exist/);
    expect(() => metricsTarget({ metricsFile: dir }, {}, 'backup')).toThrow(/is a folder/);
    try {
      missing();
    } catch (err) {
      expect((err as UserError).exitCode).toBe(EXIT.usage);
    }
  });
});
