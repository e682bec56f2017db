// Plain ssh2 (the project's own dependency) against an FRR switch from frr-switch.ts: log in,
// type into an interactive shell as a person would, run exec channels. Every byte the switch
// sends on a shell is kept, so a session can be saved as a recording.

import { Client } from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { FrrSwitch } from './frr-switch.js';

export type LoginMode = 'shell' | 'vtysh';

/** Connect as the test user; `mode` picks the port (bash, or straight into vtysh). */
export function connectFrr(sw: FrrSwitch, mode: LoginMode, auth: 'password' | 'key' = 'password'): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const expected = sw.ssh.hostKey.split(' ')[1];
    client
      .once('ready', () => resolve(client))
      .once('error', reject)
      .connect({
        host: sw.address,
        port: mode === 'shell' ? sw.ssh.shellPort : sw.ssh.vtyshPort,
        username: sw.ssh.username,
        ...(auth === 'password' ? { password: sw.ssh.password } : { privateKey: sw.ssh.privateKey }),
        readyTimeout: 20_000,
        // The switch's own host key, pinned: we made it.
        hostVerifier: (key: Buffer) => key.toString('base64') === expected,
      });
  });
}

export interface Shell {
  /** Everything received so far, exactly. */
  received(): string;
  /** Send `line` and a carriage return (what a terminal's Enter key sends), wait for `prompt`; returns what came back, echo included. */
  type(line: string, prompt: RegExp, ms?: number): Promise<string>;
  /** Wait until the text after the last wait matches `re`; returns that text. */
  expect(re: RegExp, ms?: number): Promise<string>;
  close(): void;
}

/** An interactive shell with a terminal (as switchback opens one: vt100, 511 × 200). */
export function openShell(client: Client): Promise<Shell> {
  return new Promise((resolve, reject) => {
    client.shell({ term: 'vt100', rows: 200, cols: 511 }, (err, stream: ClientChannel) => {
      if (err) return reject(err);
      let all = '';
      let mark = 0;
      let closed = false;
      const waiters = new Set<() => void>();
      const wake = () => waiters.forEach((w) => w());
      stream.on('data', (d: Buffer) => {
        all += d.toString('utf8');
        wake();
      });
      stream.stderr.on('data', (d: Buffer) => {
        all += d.toString('utf8');
        wake();
      });
      stream.on('close', () => {
        closed = true;
        wake();
      });
      const expect = (re: RegExp, ms = 20_000) =>
        new Promise<string>((res, rej) => {
          const check = () => {
            const text = all.slice(mark);
            if (re.test(text)) {
              waiters.delete(check);
              clearTimeout(timer);
              mark = all.length;
              res(text);
            } else if (closed) {
              waiters.delete(check);
              clearTimeout(timer);
              rej(new Error(`the session closed before ${re} appeared; it said:\n${text}`));
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            rej(new Error(`${re} did not appear within ${ms} ms; the session said:\n${all.slice(mark)}`));
          }, ms);
          waiters.add(check);
          check();
        });
      resolve({
        received: () => all,
        expect,
        type(line, prompt, ms) {
          mark = all.length;
          stream.write(`${line}\r`);
          return expect(prompt, ms);
        },
        close: () => stream.close(),
      });
    });
  });
}

/** One command on an exec channel: stdout and stderr apart, and the exit code. */
export function execFrr(client: Client, command: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      stream.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      stream.on('close', (code: number | null) => resolve({ stdout, stderr, code }));
    });
  });
}

/** Prompts, as FRR's vtysh and Debian's bash print them (each at the end of what was received). */
export const prompts = (name: string) => ({
  /** Debian's default PS1 from /etc/skel/.bashrc, after bash's bracketed-paste switch: `user@host:~$ `. */
  bash: new RegExp(`(?:^|\\r\\n)(?:\\x1b\\[\\?2004h)?[^\\r\\n]*@${name}:[^\\r\\n]*\\$ $`),
  vtysh: new RegExp(`(?:^|\\r\\n)${name}# $`),
  config: new RegExp(`(?:^|\\r\\n)${name}\\(config[^)]*\\)# $`),
});

/** What a command printed: the text after its echoed line, up to (not including) the prompt that followed. */
export function outputOf(typed: string, prompt: RegExp): string {
  const start = typed.indexOf('\r\n') + 2;
  const m = prompt.exec(typed);
  if (!m) return typed.slice(start);
  const end = m.index + (m[0].startsWith('\r\n') ? 2 : 0);
  return end > start ? typed.slice(start, end) : '';
}
