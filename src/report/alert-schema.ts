// The alert's shape as a schema, for whoever receives it: `z.toJSONSchema(alertPayloadSchema)`
// is the JSON Schema of what a webhook (json format) and an exec hook get. Kept beside the
// types in alert.ts, which it mirrors field by field; the tests check real payloads against
// its JSON Schema with an independent validator.

import { z } from 'zod';
import { ALERT_VERSION } from './alert.js';

const lines = z.array(z.string()).describe('configuration lines, secrets masked; at most 200 (moreLines counts the rest)');

const finding = z
  .object({
    kind: z.string().describe("the command's kind: check's finding kinds, backup's, ready's item names, a restore's plan or not-verified"),
    message: z.string(),
    lines: lines.optional(),
    moreLines: z.number().int().positive().optional(),
  })
  .strict();

const diff = z
  .object({
    from: z.string().describe('the commit before the run (short)'),
    to: z.string().describe("the run's commit (short), or `not committed`"),
    added: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    lines: lines.describe('unified-diff lines (`@@ … @@`, `+`, `-`, ` `), secrets masked'),
    moreLines: z.number().int().positive().optional(),
  })
  .strict();

const device = z
  .object({
    device: z.string(),
    status: z.string().describe("the command's word for it: changed, failed, findings, unreachable, not-ready, unchecked, planned, verified, …"),
    failure: z.object({ stage: z.string(), reason: z.string() }).strict().optional(),
    findings: z.array(finding),
    diff: diff.optional().describe("backup: what the switch's running configuration changed since the previous commit"),
  })
  .strict();

const watch = z
  .object({
    device: z.string(),
    events: z.array(
      z
        .object({
          kind: z.string().describe('reload, member-lost, member-added, role-change, config-changed, pair-peer-lost'),
          source: z.enum(['trap', 'syslog', 'sweep']),
          detail: z.string().describe('what was received and which rule matched (never a community or key)'),
          at: z.string(),
          member: z.number().int().nonnegative().optional(),
        })
        .strict(),
    ),
    diagnosis: z.array(z.string()).describe('the alert in lines: rebooted, lost (with the first missing line, masked), stack member missing (feed), pair'),
    recover: z
      .object({
        outcome: z.enum(['restored', 'failed', 'refused', 'asked']),
        detail: z.string(),
        command: z.string().optional().describe('asked: the exact command that restores it'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const alertPayloadSchema = z
  .object({
    source: z.literal('switchback'),
    version: z.literal(ALERT_VERSION),
    command: z.enum(['backup', 'check', 'ready', 'restore', 'recover', 'watch']),
    host: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    exitCode: z.union([z.literal(1), z.literal(3)]),
    outcome: z.enum(['failures', 'findings']),
    summary: z.string(),
    devices: z.array(device),
    unlisted: z.number().int().nonnegative(),
    watch: watch.optional().describe('switchback watch only: the events, the diagnosis, what --recover did'),
  })
  .strict()
  .describe('switchback alert (--webhook json format, --exec-hook standard input)');

/** The Slack-compatible body (--webhook-format slack). */
export const slackBodySchema = z.object({ text: z.string() }).strict().describe('switchback alert, --webhook-format slack');
