// A test file's own temporary folder with an empty home in it, set as HOME and
// XDG_CONFIG_HOME for the file's tests: nobody's global git config (no identity, no hooks
// path, no signing) helps or hinders what the backups repository does. Put back afterwards.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Registers the file's beforeAll/afterAll; the returned function gives the folder (after beforeAll). */
export function withEmptyGitHome(prefix: string): () => string {
  const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), prefix));
    const home = path.join(root, 'home');
    await mkdir(home);
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = home;
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await rm(root, { recursive: true, force: true });
  });
  return () => root;
}
