// Capture one device over SSH: log in, run the platform's commands, read the
// running and startup configs and the stack state. Orchestration only: SSH is
// transport's, reading the answers is the platform's and config/'s.

import { extractConfig, isComplete } from '../config/normalise.js';
import type { Device } from '../inventory/device.js';
import { resolveSecret } from '../inventory/secrets.js';
import type { Platform, StackMember, VersionFacts } from '../platforms/platform.js';
import { CliError } from '../transport/cli-engine.js';
import { openShell, SshError } from '../transport/ssh.js';
import type { HostKey } from '../transport/ssh.js';

export interface Capture {
  running: string;
  /** null: the device has no startup configuration at all. */
  startup: string | null;
  version: VersionFacts;
  members: StackMember[];
  hostKey: HostKey;
}

/** Where a capture failed, for the summary; the message is already in words. */
export type CaptureStage = 'host-key' | 'auth' | 'connect' | 'timeout' | 'closed' | 'enable' | 'command' | 'incomplete' | 'secret';

export class CaptureError extends Error {
  constructor(
    readonly stage: CaptureStage,
    message: string,
  ) {
    super(message);
  }
}

export async function captureDevice(device: Device, platform: Platform, verifyHostKey: (key: HostKey) => true | string): Promise<Capture> {
  const where = `${device.origin.file}: ${device.name}`;
  let username: string;
  let password: string | undefined;
  let privateKey: string | undefined;
  let passphrase: string | undefined;
  let enableSecret: string | undefined;
  try {
    const c = device.credentials;
    username = typeof c.username === 'string' ? c.username : resolveSecret(c.username, `${where}.credentials.username`);
    password = c.password && resolveSecret(c.password, `${where}.credentials.password`);
    privateKey = c.privateKey && resolveSecret(c.privateKey, `${where}.credentials.privateKey`);
    passphrase = c.passphrase && resolveSecret(c.passphrase, `${where}.credentials.passphrase`);
    enableSecret = c.enable && resolveSecret(c.enable, `${where}.credentials.enable`);
  } catch (err) {
    throw new CaptureError('secret', (err as Error).message);
  }

  const deadline = Date.now() + device.timeouts.deviceMs;
  let shell;
  try {
    shell = await openShell(
      {
        host: device.host,
        port: device.port,
        username,
        ...(password !== undefined ? { password } : {}),
        ...(privateKey !== undefined ? { privateKey } : {}),
        ...(passphrase !== undefined ? { passphrase } : {}),
        verifyHostKey,
        connectTimeoutMs: Math.min(device.timeouts.commandMs, device.timeouts.deviceMs),
      },
      platform,
      { commandTimeoutMs: device.timeouts.commandMs, deadline, ...(enableSecret !== undefined ? { enableSecret } : {}) },
    );
  } catch (err) {
    throw asCaptureError(err);
  }
  try {
    const run = async (command: string) => {
      try {
        return await shell.engine.run(command);
      } catch (err) {
        throw asCaptureError(err);
      }
    };
    const versionText = await run(platform.commands.version);
    refusedBy(platform, platform.commands.version, versionText);
    const stackText = platform.commands.stack ? await run(platform.commands.stack) : '';
    const runningText = await run(platform.commands.running);
    const startupText = await run(platform.commands.startup);

    const running = extractConfig(platform, runningText);
    if (!isComplete(platform, running)) throw new CaptureError('incomplete', incompleteReason(platform, 'running-config', running));
    const noStartup = platform.noStartup?.test(startupText) ?? false;
    const startup = noStartup ? null : extractConfig(platform, startupText);
    if (startup !== null && !isComplete(platform, startup)) throw new CaptureError('incomplete', incompleteReason(platform, 'startup-config', startup));

    return {
      running,
      startup,
      version: platform.parseVersion(versionText),
      members: stackText ? platform.parseStack(stackText) : [],
      hostKey: shell.hostKey,
    };
  } finally {
    shell.close();
  }
}

function refusedBy(platform: Platform, command: string, output: string): void {
  const error = platform.errors.find((re) => re.test(output));
  if (error) throw new CaptureError('command', `the device refused "${command}": ${firstMatchLine(output, error)}`);
}

function incompleteReason(platform: Platform, what: string, text: string): string {
  const error = platform.errors.find((re) => re.test(text));
  if (error) return `${what} holds an error instead of a configuration: ${firstMatchLine(text, error)}`;
  return `${what} is incomplete: no end marker (${platform.endMarker}) in ${text.length} bytes — the output was cut or is not a configuration`;
}

function firstMatchLine(text: string, re: RegExp): string {
  return (
    text
      .split('\n')
      .find((l) => re.test(l))
      ?.trim() ?? ''
  );
}

function asCaptureError(err: unknown): CaptureError {
  if (err instanceof CaptureError) return err;
  if (err instanceof SshError) return new CaptureError(err.kind === 'closed' ? 'closed' : err.kind, err.message);
  if (err instanceof CliError) {
    const stage: CaptureStage =
      err.kind === 'enable' ? 'enable' : err.kind === 'timeout' || err.kind === 'no-prompt' ? 'timeout' : err.kind === 'closed' ? 'closed' : 'command';
    return new CaptureError(stage, err.message);
  }
  return new CaptureError('command', (err as Error).message ?? String(err));
}
