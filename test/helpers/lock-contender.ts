// A separate process that competes for the store lock (run with `node --import tsx`).
//
//   hold DIR [exit]          take the lock, print {"event":"held"}, then wait to be killed
//                            (or, with `exit`, call process.exit(0) without releasing it)
//   race DIR ROUNDS START_MS [ABANDON]
//                            from START_MS (epoch ms) on, try ROUNDS times to take the lock;
//                            while holding it, create DIR/inside.flag exclusively: if that
//                            fails, another process holds the lock too. With probability
//                            ABANDON, leave instead of releasing, as a killed run would: the
//                            lock then names a dead pid and the others must take it over.
//                            Prints a summary.

import { spawnSync } from 'node:child_process';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock, LockHeldError } from '../../src/store/lock.js';

const [mode, dir, roundsArg, startArg, abandonArg] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function hold(lockDir: string, thenExit: boolean): Promise<void> {
  const lock = await acquireLock(lockDir, { command: 'switchback backup' });
  process.stdout.write(JSON.stringify({ event: 'held', note: lock.note ?? null }) + '\n');
  if (thenExit) process.exit(0);
  setInterval(() => undefined, 60_000);
}

/** Make our lock look like one left by a run that was killed: a dead pid, a fresh nonce. */
async function abandon(lockPath: string, deadPid: number): Promise<void> {
  const info = JSON.parse(await readFile(lockPath, 'utf8')) as Record<string, unknown>;
  const temp = `${lockPath}.${process.pid}.abandon.lock`;
  await writeFile(temp, JSON.stringify({ ...info, pid: deadPid, procStart: undefined, nonce: `dead-${process.pid}-${Math.random()}` }));
  await rename(temp, lockPath);
}

async function race(lockDir: string, rounds: number, startAt: number, abandonRate: number): Promise<void> {
  const flag = path.join(lockDir, 'inside.flag');
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid ?? 0x3fffffff;
  const summary = { acquired: 0, busy: 0, overlaps: 0, notes: [] as string[], errors: [] as string[] };
  await sleep(Math.max(0, startAt - Date.now()));
  for (let i = 0; i < rounds; i++) {
    try {
      const lock = await acquireLock(lockDir, { command: `contender ${process.pid}` });
      summary.acquired++;
      if (lock.note !== undefined) summary.notes.push(lock.note);
      try {
        const fh = await open(flag, 'wx');
        await fh.close();
        await sleep(Math.random() * 3);
        await unlink(flag);
      } catch {
        summary.overlaps++;
      }
      if (Math.random() < abandonRate) await abandon(lock.path, deadPid);
      else await lock.release();
    } catch (err) {
      if (err instanceof LockHeldError) summary.busy++;
      else summary.errors.push((err as Error).message);
    }
    await sleep(Math.random() * 2);
  }
  process.stdout.write(JSON.stringify(summary) + '\n');
}

if (dir === undefined) throw new Error('usage: lock-contender hold|race DIR [ROUNDS START_MS]');
if (mode === 'hold') await hold(dir, roundsArg === 'exit');
else if (mode === 'race') await race(dir, Number(roundsArg ?? '50'), Number(startArg ?? '0'), Number(abandonArg ?? '0'));
else throw new Error(`unknown mode ${String(mode)}`);
