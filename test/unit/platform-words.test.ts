// Each platform names its configurations in its own words (issue 14, item 7): what IOS calls
// running-config and startup-config, Junos calls the committed configuration (it boots what is
// committed; the other one is the candidate) and FRR's saved configuration is frr.conf. Where no
// platform is known, the words are neutral. JSON keys never change with the words.
import { describe, expect, it } from 'vitest';
import { renderRecover } from '../../src/cli/recover.js';
import { renderResult } from '../../src/cli/restore-render.js';
import { recordedLines } from '../../src/cli/restore.js';
import type { Style } from '../../src/cli/style.js';
import type { Device } from '../../src/inventory/device.js';
import type { DeviceOutcome } from '../../src/jobs/backup-result.js';
import { commitMessage } from '../../src/jobs/backup-result.js';
import { judge, previousOfState } from '../../src/jobs/check-snmp.js';
import { describeStateChange } from '../../src/jobs/device-state.js';
import type { RecoverRun } from '../../src/jobs/recover.js';
import type { Recorded } from '../../src/jobs/restore-record.js';
import type { DeviceRestore } from '../../src/jobs/restore.js';
import type { SnmpFacts } from '../../src/jobs/snmp-facts.js';
import { configWords, NEUTRAL_WORDS, saveWords } from '../../src/jobs/unsaved.js';
import { PLATFORM_NAMES, platformByName } from '../../src/platforms/index.js';

const same = (t: string) => t;
const plainStyle: Style = { color: false, tty: false, red: same, green: same, yellow: same, bold: same, dim: same };

const ios = platformByName('cisco-ios')!;
const junos = platformByName('juniper-junos')!;
const frr = platformByName('frr')!;

describe("each platform's words for its configurations", () => {
  it('every registered platform names running and startup', () => {
    for (const name of PLATFORM_NAMES) {
      const w = platformByName(name)!.words;
      expect(w.running.trim(), name).not.toBe('');
      expect(w.startup.trim(), name).not.toBe('');
    }
  });

  it('cisco-ios keeps its own names; frr saves to frr.conf; Junos has no running-config or startup-config', () => {
    expect(ios.words).toEqual({ running: 'running-config', startup: 'startup-config' });
    expect(frr.words).toEqual({ running: 'running-config', startup: 'frr.conf' });
    expect(`${junos.words.running} ${junos.words.startup}`).not.toMatch(/running-config|startup-config/);
    expect(saveWords(junos)).toEqual({ save: 'commit', saved: 'the committed configuration' });
    expect(saveWords(ios)).toEqual({ save: 'write memory', saved: 'startup-config' });
  });

  it('without a platform the words are neutral', () => {
    expect(configWords(undefined)).toEqual(NEUTRAL_WORDS);
    expect(`${NEUTRAL_WORDS.running} ${NEUTRAL_WORDS.startup}`).not.toMatch(/running-config|startup-config/);
  });
});

const verified = (label: string): DeviceRestore =>
  ({
    device: 'sw',
    mode: 'merge',
    target: { label, commit: null },
    durationMs: 1000,
    status: 'not-verified',
    plan: { add: 1, remove: 0, lines: ['+ x'], unremovable: [] },
    push: { typed: 1, of: 1, rejected: [], skipped: [] },
    verification: { same: false, missing: ['x'], leftOver: [], unremovable: [] },
    save: { state: 'not-saved', why: 'not-verified' },
  }) as never;

describe('a restore result in the platform’s words', () => {
  it('cisco-ios as before; Junos names the committed configuration; frr names frr.conf; unknown is neutral', () => {
    const r = verified('last good');
    const iosText = renderResult(r, plainStyle, ios.words);
    expect(iosText).toContain('  missing from running-config after the restore:');
    expect(iosText).toContain('  not saved: startup-config is untouched.');
    expect(renderResult(r, plainStyle, frr.words)).toContain('  not saved: frr.conf is untouched.');
    expect(renderResult(r, plainStyle, junos.words)).toContain('  missing from the committed configuration after the restore:');
    expect(renderResult(r, plainStyle)).toContain('  missing from the running configuration after the restore:');
    const ok = { ...r, status: 'verified', verification: { same: true, missing: [], leftOver: [], unremovable: [] }, save: { state: 'saved' } } as never;
    expect(renderResult(ok, plainStyle, ios.words)).toContain('  running-config now equals last good');
    expect(renderResult(ok, plainStyle, junos.words)).toContain('  the committed configuration now equals last good');
  });
});

describe('the backup after a restore, when the health gate holds last good', () => {
  const held = 'last good kept: the device rebooted into a configuration that differs from last good (1 line missing)';
  const recorded: Recorded = {
    commit: 'a1b2c3d4e5f6',
    backups: new Map([['sw', { device: 'sw', status: 'changed', lastGood: { held } } as unknown as DeviceOutcome]]),
  };

  it('says "last good kept" once (the gate’s reason carries it)', () => {
    expect(recordedLines(recorded)).toBe(`sw: ${held}\ncommitted a1b2c3d to the backups repository\n`);
  });

  it('recover’s summary says it once too', () => {
    const run = {
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:05Z',
      dryRun: false,
      check: { counts: { total: 1, overSnmp: 1, overSsh: 0 }, devices: [{ device: 'sw', platform: 'cisco-ios' }] },
      selected: ['sw'],
      restores: [],
      notRestored: [],
      recorded,
      declined: false,
    } as unknown as RecoverRun;
    const text = renderRecover(run, plainStyle, false);
    expect(text).toContain(`sw: ${held}\n`);
    expect(text).not.toContain('last good kept: last good kept');
  });
});

describe('backup messages', () => {
  it("a state change and a commit message name the platform's startup", () => {
    const before = { startupPresent: null, startupUnreadable: 'could not be read' };
    expect(describeStateChange(before, { startupPresent: true }, [], frr.words.startup)).toEqual(['frr.conf readable again']);
    const outcome = { device: 'leaf1', status: 'changed', unsaved: null, noStartup: true, stack: null, lastGood: 'same' } as unknown as DeviceOutcome;
    expect(commitMessage([outcome], () => frr.words).body).toBe('leaf1: changed, no frr.conf');
    expect(commitMessage([outcome], () => ios.words).body).toBe('leaf1: changed, no startup-config');
    expect(commitMessage([outcome]).body).toBe('leaf1: changed, no saved configuration');
  });
});

describe('check --snmp on a platform whose SNMP cannot say unsaved', () => {
  const facts = (platform: string): SnmpFacts => ({
    at: Date.now(),
    sysDescr: null,
    sysObjectID: null,
    sysName: null,
    sysUpTime: 100_000,
    uptimeTicks: 100_000,
    engineBoots: 1,
    engineTime: 1000,
    platform,
    configHistory: null,
    unsaved: 'unknown',
    graceSeconds: null,
    members: null,
    stackSource: null,
  });
  const note = (platform: string) =>
    judge({ name: 'sw', platform } as unknown as Device, facts(platform), previousOfState({})).notes.find((n) => n.startsWith('unsaved'));

  it('Junos: unsaved is judged over SSH (an uncommitted candidate), not "no SNMP config history"', () => {
    const said = note('juniper-junos')!;
    expect(said).toBe(
      'unsaved: judged over SSH only on Juniper Junos: SNMP cannot show uncommitted changes in the candidate; run switchback check without --snmp',
    );
  });

  it('frr: running-config against frr.conf, over SSH', () => {
    expect(note('frr')).toBe(
      'unsaved: judged over SSH only on FRRouting (vtysh): SNMP cannot compare running-config with frr.conf; run switchback check without --snmp',
    );
  });
});
