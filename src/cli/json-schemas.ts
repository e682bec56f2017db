// The shape of every `--json` document, as zod schemas, turned into the JSON Schemas the
// package ships (schemas/<command>.schema.json, written by `npm run schemas`, scripts/schemas.ts).
//
// Why zod and not hand-written JSON: each schema below is checked by the compiler against the
// type the command really prints (`fits` at the end of the file): a field renamed, retyped or
// made optional in a job's result type fails `tsc` here until the schema follows, so the
// shipped files cannot drift quietly from the code. The files are generated, committed, and a
// unit test (test/unit/json-schemas.test.ts) fails when they differ from what this module gives.
// The lab test (test/lab/json-schemas.test.ts) validates real runs against the shipped files
// with ajv, a validator that is not zod.
//
// Strictness: nested objects are closed (an unknown field is an error: a reader can trust that
// what it sees is described), top-level documents are open, because a run may carry fields a
// feature adds beside the command's own (alerts, a metrics file) without changing the version.
// This module is loaded only by the script and the tests, never by a command.

import { alertPayloadSchema, slackBodySchema } from '../report/alert-schema.js';
import { z } from 'zod';
import type { BackupRun, RunCounts } from '../jobs/backup-result.js';
import { FINDING_KINDS } from '../jobs/check.js';
import type { CheckFindingKind, CheckRun } from '../jobs/check.js';
import type { SnmpCheckRun } from '../jobs/check-snmp.js';
import type { DiffResult } from '../jobs/diff.js';
import type { GoodResult } from '../jobs/good.js';
import type { DeviceRestore } from '../jobs/restore.js';
import type { NotRestored } from '../jobs/recover.js';
import type { ReadyRun } from '../jobs/ready.js';
import type { DeviceCommit } from '../store/history.js';
import type { SwitchStatus } from '../lab/fleet.js';
import type { recoverJson } from './recover.js';
import type { recordedJson } from './restore.js';
import { SCHEMA_VERSION } from './json-output.js';
import { WATCH_LOG_KINDS } from '../watch/log.js';
import type { WatchStatus } from '../watch/status.js';
import type { watchLogJson } from './watch.js';

const int = () => z.number().int();
const count = () => z.number().int().min(0);
const iso = () => z.string().describe('ISO 8601 date and time');
const commitHash = () => z.string().regex(/^[0-9a-f]{40,64}$/);

/** What every document starts with. */
const versioned = { schemaVersion: z.literal(SCHEMA_VERSION).describe('the version of this shape; see the README (JSON output)') };

// ---------------------------------------------------------------- shared pieces

const stackSummary = z
  .object({
    ready: count(),
    expected: count(),
    missing: z.array(int()),
    active: int().optional(),
  })
  .meta({ id: 'StackSummary' });

const unsavedDiff = z
  .object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    counts: z.object({ added: count(), removed: count() }),
  })
  .meta({ id: 'UnsavedDiff' });

const hostKeyChange = z.object({ from: z.string(), to: z.string() });

const deviceOutcomeBase = {
  device: z.string(),
  durationMs: z.number().min(0),
  pinnedHostKey: z.string().optional(),
  replacedHostKey: hostKeyChange.optional(),
};

const deviceOutcome = z
  .union([
    z.object({
      ...deviceOutcomeBase,
      status: z.enum(['new', 'changed', 'unchanged']),
      factsChanged: z.array(z.string()).optional(),
      unsaved: unsavedDiff.nullable(),
      noStartup: z.boolean(),
      notSynced: z.string().optional(),
      startupUnreadable: z.string().optional(),
      stack: stackSummary.nullable(),
      via: z.string().optional(),
      rebooted: z.object({ at: iso(), by: z.enum(['engine-boots', 'uptime']), bootsBefore: int().nullable(), bootsAfter: int().nullable() }).optional(),
      snmpError: z.string().optional(),
      platformDetected: z.string().optional(),
      lastGood: z.union([z.enum(['advanced', 'same']), z.object({ held: z.string() })]),
    }),
    z.object({
      ...deviceOutcomeBase,
      status: z.literal('failed'),
      stage: z.string(),
      reason: z.string(),
      noBackupYet: z.boolean().optional(),
    }),
  ])
  .meta({ id: 'BackupDeviceOutcome' });

const runCounts = z
  .object({
    total: count(),
    changed: count(),
    added: count(),
    unchanged: count(),
    failed: count(),
    unsaved: count(),
    stackProblems: count(),
    lastGoodHeld: count(),
    startupUnreadable: count(),
  })
  .meta({ id: 'BackupCounts' });

const stackMember = z
  .object({
    number: int(),
    role: z.enum(['active', 'standby', 'member', 'unknown']),
    state: z.string(),
    priority: int().optional(),
    mac: z.string().optional(),
    model: z.string().optional(),
    serial: z.string().optional(),
    version: z.string().optional(),
    hwVersion: z.string().optional(),
  })
  .meta({ id: 'StackMember' });

const stackCheck = stackSummary
  .extend({
    problems: z.array(z.string()),
    previousActive: int().optional(),
    members: z.array(stackMember),
    source: z.enum(['platform', 'entity']),
  })
  .meta({ id: 'StackCheck' });

const pairState = z
  .object({
    peer: z.enum(['up', 'down', 'unknown']),
    peerLink: z.enum(['up', 'down', 'unknown']),
    role: z.enum(['primary', 'secondary', 'unknown']),
    domain: z.string().optional(),
  })
  .meta({ id: 'PairState' });

const checkCounts = z
  .object({
    total: count(),
    ok: count(),
    withFindings: count(),
    unreachable: count(),
    byKind: z.object(Object.fromEntries(FINDING_KINDS.map((k) => [k, count()])) as Record<CheckFindingKind, ReturnType<typeof count>>),
    overSnmp: count(),
    overSsh: count(),
  })
  .meta({ id: 'CheckCounts' });

const checkedDevice = z
  .object({
    device: z.string(),
    status: z.enum(['ok', 'findings', 'unreachable']),
    findings: z.array(
      z.object({
        kind: z.enum(FINDING_KINDS as [CheckFindingKind, ...CheckFindingKind[]]),
        message: z.string(),
        lines: z.array(z.string()).optional(),
        cause: z.enum(['factory-default', 'shrank', 'rebooted']).optional(),
      }),
    ),
    notes: z.array(z.string()),
    checkedVia: z.array(z.enum(['snmp', 'ssh', 'backup'])),
    sshBecause: z.string().optional(),
    platform: z.string().nullable(),
    uptimeSeconds: z.number().min(0).nullable(),
    reboot: z
      .object({ at: iso(), by: z.enum(['engine-boots', 'uptime', 'show-version', 'backup']), bootsBefore: int().nullable(), bootsAfter: int().nullable() })
      .nullable(),
    stack: stackCheck.nullable(),
    pair: pairState.nullable(),
    lastBackupAt: iso().nullable(),
    comparedWith: z.enum(['last-good', 'backup']).nullable(),
    durationMs: z.number().min(0),
  })
  .meta({ id: 'CheckedDevice' });

/** check (live or --offline) without the document's own fields: also what demo and recover embed. */
const checkRun = z.object({
  mode: z.enum(['live', 'offline']),
  maxAgeSeconds: z.number().min(0),
  startedAt: iso(),
  finishedAt: iso(),
  devices: z.array(checkedDevice),
  counts: checkCounts,
});

const snmpCheckDevice = z
  .object({
    device: z.string(),
    status: z.enum(['ok', 'findings', 'unreachable']),
    findings: z.array(z.object({ kind: z.enum(['rebooted', 'unsaved', 'stack', 'unreachable']), message: z.string() })),
    notes: z.array(z.string()),
    platform: z.string().nullable(),
    sysName: z.string().nullable(),
    uptimeSeconds: z.number().min(0).nullable(),
    engineBoots: int().nullable(),
    reboot: z
      .object({ rebooted: z.literal(true), at: iso(), by: z.enum(['engine-boots', 'uptime']), bootsBefore: int().nullable(), bootsAfter: int().nullable() })
      .nullable(),
    unsaved: z.enum(['unsaved', 'saved', 'grace', 'unknown']),
    stack: stackCheck.nullable(),
    durationMs: z.number().min(0),
  })
  .meta({ id: 'SnmpCheckedDevice' });

const snmpCheckRun = z.object({
  startedAt: iso(),
  finishedAt: iso(),
  devices: z.array(snmpCheckDevice),
  counts: z.object({ total: count(), ok: count(), withFindings: count(), unreachable: count(), rebooted: count(), unsaved: count(), stack: count() }),
});

const restorePlan = z.object({ add: count(), remove: count(), lines: z.array(z.string()), unremovable: z.array(z.string()) }).meta({ id: 'RestorePlan' });
const pushReport = z
  .object({
    typed: count(),
    of: count(),
    rejected: z.array(z.object({ line: z.string(), error: z.string() })),
    skipped: z.array(z.string()),
  })
  .meta({ id: 'PushReport' });
const verification = z
  .object({ same: z.boolean(), missing: z.array(z.string()), leftOver: z.array(z.string()), unremovable: z.array(z.string()) })
  .meta({ id: 'Verification' });
const saveOutcome = z
  .union([
    z.object({ state: z.literal('saved') }),
    z.object({
      state: z.literal('not-saved'),
      why: z.enum(['no-save', 'not-verified']),
      rollsBack: z.string().optional(),
      confirmed: z.literal(true).optional(),
    }),
    z.object({ state: z.literal('failed'), reason: z.string(), rollsBack: z.string().optional() }),
  ])
  .meta({ id: 'SaveOutcome' });

const restoreCommon = {
  device: z.string(),
  mode: z.string(),
  target: z.object({ label: z.string(), commit: z.string().nullable() }),
  durationMs: z.number().min(0),
};

const plannedShape = { ...restoreCommon, status: z.enum(['planned', 'declined']), plan: restorePlan };
const typedShape = { ...restoreCommon, status: z.enum(['verified', 'not-verified']), plan: restorePlan, push: pushReport, verification, save: saveOutcome };
const failedShape = {
  ...restoreCommon,
  status: z.literal('failed'),
  stage: z.enum(['platform', 'host-key', 'connect', 'read', 'push', 'replace', 'verify', 'save', 'internal']),
  reason: z.string(),
  plan: restorePlan.nullable(),
  push: pushReport.nullable(),
  verification: verification.optional(),
};
const deviceRestore = z.union([z.object(plannedShape), z.object(typedShape), z.object(failedShape)]).meta({ id: 'DeviceRestore' });

/** What was committed after typing into switches (restore, recover): the backups taken then. */
const recorded = z
  .object({ commit: commitHash().nullable(), commitError: z.string().optional(), backups: z.array(deviceOutcome) })
  .nullable()
  .meta({ id: 'Recorded' });

const readyRun = z.object({
  feed: z.string().nullable(),
  maxAgeSeconds: z.number().min(0),
  startedAt: iso(),
  finishedAt: iso(),
  devices: z.array(
    z.object({
      device: z.string(),
      status: z.enum(['ready', 'not-ready', 'unchecked']),
      items: z.array(
        z.object({
          item: z.enum(['reachable', 'saved', 'backup', 'last-good', 'stack', 'pair', 'power', 'restore-path']),
          state: z.enum(['pass', 'warn', 'fail']),
          reason: z.string(),
          lines: z.array(z.string()).optional(),
        }),
      ),
      notes: z.array(z.string()),
      durationMs: z.number().min(0),
    }),
  ),
  recorded: z.object({ commit: commitHash().nullable(), commitError: z.string().optional() }).nullable(),
  verdict: z.object({ ready: z.boolean(), notReady: count(), unchecked: count(), problems: count(), warnings: count(), saveFailures: count() }),
});

const exitCode = z.number().int().min(0).max(255);

const recoverRun = z.object({
  startedAt: iso(),
  finishedAt: iso(),
  dryRun: z.boolean(),
  selected: z.array(z.string()),
  restores: z.array(deviceRestore),
  notRestored: z.array(
    z.object({ device: z.string(), why: z.enum(['stack-only', 'unreachable', 'no-target', 'other-findings']), detail: z.array(z.string()) }),
  ),
  declined: z.boolean(),
  swept: checkCounts,
  recorded,
  exitCode,
});

const secretRef = z.union([z.object({ from: z.literal('env'), name: z.string() }), z.object({ from: z.literal('file'), path: z.string() })]);

const switchStatus = z
  .object({
    name: z.string(),
    platform: z.string(),
    hostname: z.string(),
    address: z.string(),
    sshPort: int(),
    snmpPort: int(),
    up: z.boolean(),
    boots: count(),
    uptimeSeconds: z.number().min(0),
    unsaved: z.boolean(),
    unsavedLines: z.object({ added: count(), removed: count() }),
    startupPresent: z.boolean(),
    pair: z.object({ domain: z.string(), peer: z.string(), peerUp: z.boolean(), peerLinkUp: z.boolean(), role: z.enum(['primary', 'secondary']) }).optional(),
    members: z.array(z.object({ number: int(), role: z.string(), state: z.string(), ready: z.boolean(), feed: z.string().optional() })),
    active: int().optional(),
    standby: int().optional(),
    faults: z.array(z.string()),
  })
  .meta({ id: 'LabSwitchStatus' });

// ---------------------------------------------------------------- the documents

/** A backup run as the job returns it (demo's steps embed it so); `backup --json` adds its counts. */
const backupRun = z.object({
  startedAt: iso(),
  finishedAt: iso(),
  devices: z.array(deviceOutcome),
  commit: commitHash().nullable(),
  commitError: z.string().optional(),
  notes: z.array(z.string()),
});

/** --push: what became of pushing the backups repository to its remote (store/push.ts PushResult). */
const remotePush = z
  .union([
    z.object({ status: z.literal('pushed'), target: z.string(), commit: commitHash(), attempts: int().min(1), rebased: z.boolean() }),
    z.object({ status: z.literal('up-to-date'), target: z.string() }),
    z.object({ status: z.literal('failed'), reason: z.string(), commit: commitHash().nullable() }),
  ])
  .meta({ id: 'RemotePush' });

/** --webhook / --exec-hook: what became of each alert target (report/delivery.ts AlertDelivery); [] when nothing fired. */
const alertDeliveries = z
  .array(
    z.object({
      target: z.enum(['webhook', 'exec-hook']),
      to: z.string(),
      outcome: z.enum(['sent', 'failed']),
      detail: z.string(),
      durationMs: z.number().min(0),
      httpStatus: int().optional(),
      exitCode: int().nullable().optional(),
      signal: z.string().optional(),
      stderrTail: z.string().optional(),
    }),
  )
  .meta({ id: 'AlertDeliveries' });

/** The fields the integrations add to a command's document, present only when asked for. */
const integrations = { remote: remotePush.optional(), alerts: alertDeliveries.optional() };

const backupDoc = z.looseObject({ ...versioned, ...backupRun.shape, counts: runCounts, exitCode, ...integrations });

const checkLiveDoc = z.looseObject({ ...versioned, ...checkRun.shape, backups: z.string().nullable(), exitCode, alerts: alertDeliveries.optional() });
const checkSnmpDoc = z.looseObject({
  ...versioned,
  ...snmpCheckRun.shape,
  skipped: z.array(z.string()),
  backups: z.string().nullable(),
  exitCode,
  alerts: alertDeliveries.optional(),
});

const diffSide = z
  .object({
    name: z.string(),
    source: z.string(),
    live: z.boolean(),
    file: z.string().optional(),
    commit: commitHash().nullable().optional(),
    at: iso().optional(),
  })
  .meta({ id: 'DiffSide' });

const diffDoc = z.looseObject({
  ...versioned,
  device: z.string(),
  against: z.string(),
  from: diffSide,
  to: diffSide,
  equal: z.boolean(),
  added: count(),
  removed: count(),
  hunks: z.array(z.object({ oldStart: int(), oldLines: count(), newStart: int(), newLines: count(), lines: z.array(z.string()) })),
  exitCode,
});

const historyDoc = z.looseObject({
  ...versioned,
  device: z.string(),
  commits: z.array(
    z.object({ commit: commitHash(), short: z.string(), date: iso(), subject: z.string(), files: z.array(z.string()), summary: z.string().optional() }),
  ),
  more: z.boolean(),
});

const goodDoc = z.looseObject({
  ...versioned,
  device: z.string(),
  rev: z.string().nullable(),
  revCommit: commitHash().nullable(),
  changed: z.boolean(),
  missing: count(),
  added: count(),
  seeded: z.boolean(),
  forced: z.boolean(),
  reason: z.string(),
  user: z.string(),
  commit: commitHash().nullable(),
  exitCode,
  remote: remotePush.optional(),
});

/** restore: one switch's result, with what was committed after; open at the top as every document. */
const restoreDoc = z.union(
  [plannedShape, typedShape, failedShape].map((shape) => z.looseObject({ ...versioned, ...shape, recorded, exitCode, ...integrations })),
);

const recoverDoc = recoverRun.extend({ ...versioned, ...integrations }).loose();
const readyDoc = readyRun.extend({ ...versioned, exitCode, ...integrations }).loose();

const inventoryDoc = z.looseObject({
  ...versioned,
  devices: z.array(
    // The inventory's own schema (src/inventory/schema.ts) says every field; here what a reader relies on.
    z.looseObject({
      name: z.string(),
      host: z.string(),
      port: int(),
      platform: z.string(),
      tags: z.array(z.string()),
      transport: z.enum(['ssh', 'snmp-tftp']),
      credentials: z.looseObject({ username: z.union([z.string(), secretRef]) }),
      timeouts: z.object({ commandMs: count(), deviceMs: count() }),
      origin: z.object({ file: z.string(), index: count() }),
    }),
  ),
  missingSecrets: z.array(z.string()),
});

const labUpDoc = z.looseObject({
  ...versioned,
  inventory: z.string(),
  control: z.string(),
  startupMs: z.number().min(0),
  exports: z.array(z.string()),
  switches: z.array(switchStatus),
});
const labStatusDoc = z.looseObject({ ...versioned, switches: z.array(switchStatus) });
const labMessagesDoc = z.looseObject({ ...versioned, messages: z.array(z.string()) });

const demoDoc = z.looseObject({
  ...versioned,
  backups: z.string(),
  steps: z.array(z.object({ step: z.string(), lab: z.array(z.string()), backup: backupRun, exitCode })),
  readyFeedA: readyRun.extend({ exitCode }).optional(),
  checkFeedADark: checkRun.extend({ exitCode }).optional(),
  recover: recoverRun,
  afterRecover: snmpCheckRun.extend({ exitCode }),
});

// ---------------------------------------------------------------- watch

const watchLogDoc = z.object({
  ...versioned,
  at: iso(),
  level: z.enum(['info', 'warn', 'error']),
  what: z.enum(WATCH_LOG_KINDS).describe('what the line is about'),
  device: z.string().optional(),
  message: z.string(),
  data: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe('figures kept with the line: milliseconds, counts, ports'),
});

const epochMs = () => z.number().describe('milliseconds since 1970-01-01 UTC');
const watchEventKind = z.enum(['reload', 'member-lost', 'member-added', 'role-change', 'config-changed', 'pair-peer-lost']);
const watchEvent = z
  .object({
    device: z.string(),
    kind: watchEventKind,
    member: int().optional(),
    detail: z.string(),
    source: z.enum(['trap', 'syslog', 'sweep']),
    at: epochMs(),
  })
  .meta({ id: 'WatchEvent' });
const watchDevice = z
  .object({
    name: z.string(),
    platform: z.string(),
    host: z.string(),
    phase: z.enum(['quiet', 'settling', 'waiting', 'checking', 'recovering']),
    lastEventAt: epochMs().optional(),
    lastCheck: z
      .object({
        at: epochMs(),
        status: z.enum(['ok', 'findings', 'unreachable']),
        findings: z.array(z.object({ kind: z.string(), message: z.string() })),
      })
      .optional(),
    lastBackupAt: epochMs().optional(),
    members: z.array(z.object({ number: int(), feed: z.string().optional(), role: z.string().optional(), state: z.string().optional() })),
    pair: z.object({ peer: z.string(), domain: z.string() }).optional(),
    recover: z.object({ at: epochMs(), outcome: z.enum(['restored', 'failed', 'refused', 'asked']), detail: z.string() }).optional(),
  })
  .meta({ id: 'WatchDevice' });
const watchStatusDoc = z.looseObject({
  startedAt: epochMs(),
  now: epochMs(),
  receivers: z.array(
    z.object({ kind: z.enum(['trap', 'syslog']), address: z.string(), port: int(), received: count(), dropped: z.record(z.string(), count()) }),
  ),
  recover: z.object({ mode: z.enum(['never', 'ask', 'auto']), disabled: z.boolean(), disableFile: z.string(), recent: count(), limit: z.string() }),
  sweep: z.object({ intervalSeconds: z.number(), lastAt: epochMs().optional(), lastDurationMs: z.number().optional() }),
  devices: z.array(watchDevice),
  recent: z.array(watchEvent),
  counters: z.object({
    events: z.partialRecord(watchEventKind, count()),
    checks: count(),
    alertsSent: count(),
    alertsFailed: count(),
    recoveries: count(),
    unknownSources: count(),
  }),
});

const errorDoc = z.object({
  ...versioned,
  error: z.string().describe('what went wrong, as stderr says it'),
  exitCode,
});

/** Each shipped file: its name (schemas/NAME.schema.json), its title, and the schema. */
export const JSON_DOCUMENTS = {
  backup: { title: 'switchback backup --json', schema: backupDoc },
  check: { title: 'switchback check --json (live and --offline; --snmp)', schema: z.union([checkLiveDoc, checkSnmpDoc]) },
  diff: { title: 'switchback diff --json', schema: diffDoc },
  history: { title: 'switchback history --json', schema: historyDoc },
  good: { title: 'switchback good --json', schema: goodDoc },
  restore: { title: 'switchback restore --json', schema: restoreDoc },
  recover: { title: 'switchback recover --json', schema: recoverDoc },
  ready: { title: 'switchback ready --json', schema: readyDoc },
  inventory: { title: 'switchback inventory --json', schema: inventoryDoc },
  'lab-up': { title: 'switchback lab up --json (printed once the lab is up)', schema: labUpDoc },
  'lab-status': { title: 'switchback lab status --json', schema: labStatusDoc },
  'lab-event': { title: 'switchback lab event --json', schema: labMessagesDoc },
  'lab-feed': { title: 'switchback lab feed --json', schema: labMessagesDoc },
  demo: { title: 'switchback demo --json', schema: demoDoc },
  'watch-log': { title: 'switchback watch --json: one such object per line, for as long as it runs', schema: watchLogDoc },
  'watch-status': { title: 'switchback watch --http-port: GET /status.json (what the status page shows)', schema: watchStatusDoc },
  alert: { title: 'the alert --webhook posts (format json) and --exec-hook reads on its standard input', schema: alertPayloadSchema },
  'alert-slack': { title: 'the alert --webhook posts with --webhook-format slack', schema: slackBodySchema },
  error: { title: 'any switchback command with --json that stops on an error (exit 1 or 2, nothing else printed on stdout)', schema: errorDoc },
} as const;

export type JsonDocumentName = keyof typeof JSON_DOCUMENTS;

/** The JSON Schema (draft 2020-12) of each document, as the files hold it. */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { title, schema }] of Object.entries(JSON_DOCUMENTS)) {
    const generated = z.toJSONSchema(schema as z.ZodType, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    const doc = { $schema, title, ...rest };
    files[`${name}.schema.json`] = JSON.stringify(doc, null, 2) + '\n';
  }
  return files;
}

// ---------------------------------------------------------------- the schemas follow the types

/** True when every value of T is one the schema S describes (checked by tsc, never run). */
type Fits<T, S extends z.ZodType> = [T] extends [Known<z.output<S>>] ? true : false;
/** An open object's named fields, without the index signature that lets others in (interfaces have none). */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type Doc<T> = T & { schemaVersion: typeof SCHEMA_VERSION; exitCode: number };

export const fits: {
  backup: Fits<Doc<BackupRun & { counts: RunCounts }>, typeof backupDoc>;
  demoStep: Fits<{ step: string; lab: string[]; backup: BackupRun; exitCode: number }, typeof demoDoc.shape.steps.element>;
  checkLive: Fits<Doc<CheckRun & { backups: string | null }>, typeof checkLiveDoc>;
  checkSnmp: Fits<Doc<SnmpCheckRun & { skipped: string[]; backups: string | null }>, typeof checkSnmpDoc>;
  diff: Fits<Doc<DiffResult>, typeof diffDoc>;
  history: Fits<
    { schemaVersion: typeof SCHEMA_VERSION; device: string; commits: (Omit<DeviceCommit, 'date'> & { date: string })[]; more: boolean },
    typeof historyDoc
  >;
  good: Fits<Doc<GoodResult>, typeof goodDoc>;
  restore: Fits<DeviceRestore, typeof deviceRestore>;
  recorded: Fits<ReturnType<typeof recordedJson>, typeof recorded>;
  recover: Fits<ReturnType<typeof recoverJson> & { schemaVersion: typeof SCHEMA_VERSION }, typeof recoverDoc>;
  notRestored: Fits<NotRestored, typeof recoverRun.shape.notRestored.element>;
  ready: Fits<Doc<ReadyRun>, typeof readyDoc>;
  labStatus: Fits<{ schemaVersion: typeof SCHEMA_VERSION; switches: SwitchStatus[] }, typeof labStatusDoc>;
  watchLog: Fits<ReturnType<typeof watchLogJson>, typeof watchLogDoc>;
  watchStatus: Fits<WatchStatus, typeof watchStatusDoc>;
} = {
  backup: true,
  demoStep: true,
  checkLive: true,
  checkSnmp: true,
  diff: true,
  history: true,
  good: true,
  restore: true,
  recorded: true,
  recover: true,
  notRestored: true,
  ready: true,
  labStatus: true,
  watchLog: true,
  watchStatus: true,
};
