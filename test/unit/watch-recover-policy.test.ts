// --recover never|ask|auto: auto restores only a configuration lost after a reboot or a
// factory default, with last good held, the kill-switch absent and within the rate limit;
// otherwise it asks with the exact command.

import { describe, expect, it } from 'vitest';
import type { CheckedDevice } from '../../src/jobs/check.js';
import { judgeRecover, parseRateLimit, rateLimitWords, recentRestores, recoverCommand } from '../../src/watch/recover-policy.js';
import type { PolicyInput } from '../../src/watch/recover-policy.js';
import { checkedDevice, FACTORY_DEFAULT_LOST } from '../helpers/watch-fixtures.js';

const HOUR = 3_600_000;

// An IOS-XE switch; no reboot unless given.
const checked = (over: Partial<CheckedDevice> = {}): CheckedDevice => checkedDevice({ platform: 'cisco-iosxe', reboot: null, ...over });

const factoryDefault = checked({
  reboot: { at: '2026-12-07T20:00:00Z', by: 'engine-boots', bootsBefore: 3, bootsAfter: 4 },
  findings: [FACTORY_DEFAULT_LOST],
});
const COMMAND = 'switchback recover sw-1 --inventory /srv/inv.yaml --backups /srv/backups';

const input = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  mode: 'auto',
  checked: factoryDefault,
  target: { held: true },
  disabled: false,
  disableFile: '/srv/backups/.watch-disabled',
  restoresAt: [],
  limit: { count: 3, windowMs: HOUR },
  now: 10 * HOUR,
  command: COMMAND,
  ...over,
});

describe('recover policy', () => {
  it('auto restores a factory default with last good held', () => {
    expect(judgeRecover(input())).toEqual({ act: 'restore' });
  });

  it('auto restores lost after a reboot', () => {
    const lostAfterReboot = checked({
      reboot: { at: '2026-12-07T20:00:00Z', by: 'uptime', bootsBefore: null, bootsAfter: null },
      findings: [{ kind: 'lost', message: 'lost: after the reboot running-config lacks 3 lines of last-good.cfg', cause: 'rebooted' }],
    });
    expect(judgeRecover(input({ checked: lostAfterReboot }))).toEqual({ act: 'restore' });
  });

  it('never: nothing', () => {
    expect(judgeRecover(input({ mode: 'never' }))).toMatchObject({ act: 'none' });
  });

  it('ask: the exact command', () => {
    expect(judgeRecover(input({ mode: 'ask' }))).toEqual({ act: 'ask', command: COMMAND, why: '--recover ask' });
  });

  it('a configuration shrunk by hand, without a reboot, is not restored', () => {
    const shrank = checked({ findings: [{ kind: 'lost', message: 'lost: running-config shrank', cause: 'shrank' }] });
    expect(judgeRecover(input({ checked: shrank }))).toMatchObject({ act: 'none' });
  });

  it('unsaved or stack findings alone are not restored', () => {
    const stack = checked({ findings: [{ kind: 'stack', message: 'stack 1/2 ready: member 2 missing' }] });
    expect(judgeRecover(input({ checked: stack }))).toMatchObject({ act: 'none' });
  });

  it('no last good: nothing to restore, and says why', () => {
    expect(judgeRecover(input({ target: { held: false, why: 'no last-good.cfg for sw-1' } }))).toEqual({
      act: 'none',
      why: 'no last good to restore: no last-good.cfg for sw-1',
    });
  });

  it('the kill-switch file makes auto ask', () => {
    const v = judgeRecover(input({ disabled: true }));
    expect(v).toMatchObject({ act: 'ask', command: COMMAND });
    expect(v.act === 'ask' && v.why).toContain('/srv/backups/.watch-disabled exists');
  });

  it('a state file that cannot be written makes auto ask: the rate limit would not survive a restart', () => {
    expect(judgeRecover(input())).toEqual({ act: 'restore' });
    const v = judgeRecover(input({ stateUnwritable: 'the state file /srv/backups/.watch-state.json could not be written: EROFS' }));
    expect(v).toMatchObject({ act: 'ask', command: COMMAND });
    expect(v.act === 'ask' && v.why).toContain('rate limit cannot hold');
  });

  it('the rate limit across the estate makes auto ask; restores older than the window do not count', () => {
    const now = 10 * HOUR;
    const three = [now - 10_000, now - 20_000, now - 30_000];
    expect(judgeRecover(input({ restoresAt: three }))).toMatchObject({ act: 'ask' });
    const old = [now - 2 * HOUR, now - HOUR, now - 30_000];
    expect(recentRestores(old, now, { count: 3, windowMs: HOUR })).toBe(1);
    expect(judgeRecover(input({ restoresAt: old }))).toEqual({ act: 'restore' });
  });

  it('an unreachable device is not restored', () => {
    expect(judgeRecover(input({ checked: { ...factoryDefault, status: 'unreachable' } }))).toMatchObject({ act: 'none' });
  });

  it('rate limits read as people write them', () => {
    expect(parseRateLimit('3/h')).toEqual({ count: 3, windowMs: HOUR });
    expect(parseRateLimit('5/30m')).toEqual({ count: 5, windowMs: 30 * 60_000 });
    expect(parseRateLimit('3')).toHaveProperty('problem');
    expect(parseRateLimit('0/h')).toHaveProperty('problem');
    expect(rateLimitWords({ count: 3, windowMs: HOUR })).toBe('3/h');
    expect(rateLimitWords({ count: 5, windowMs: 30 * 60_000 })).toBe('5/30m');
  });

  it('the command quotes what the shell would split', () => {
    expect(recoverCommand('sw-1', ['/srv/my inv.yaml'], '/srv/backups')).toBe("switchback recover sw-1 --inventory '/srv/my inv.yaml' --backups /srv/backups");
  });
});
