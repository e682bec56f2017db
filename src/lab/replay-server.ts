// A lab SSH server that plays back a real recorded session (Oxidized
// `*#simulation.yaml`): the login banner and prompt, then for each command the
// exact bytes the real device sent, pages and pager erases included. It lets
// tests hold switchback's session engine against real devices' bytes.

import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import { hostKeyFor } from './host-keys.js';
import type { RecordedSession } from './recorded-session.js';

const { Server } = ssh2;

export interface ReplayServer {
  port: number;
  /** What the client sent, in order (for assertions). */
  received: string[];
  close(): Promise<void>;
}

/**
 * Serve `session` on 127.0.0.1. Any username and password log in. An ordered
 * recording is followed forward: input jumps to the next exchange it matches, so
 * a client may skip commands it does not need; a pager key answers the next page.
 * Input the recording does not know gets `refusal` (the recorded OS's error text, when
 * the caller knows it; a plain refusal otherwise), so a client sees a refusal.
 */
export async function startReplayServer(
  session: RecordedSession,
  opts: { name: string; port?: number; refusal?: (line: string) => string },
): Promise<ReplayServer> {
  const refusal = opts.refusal ?? ((line: string) => `${line}\r\nunknown command: ${line}\r\n\r\n`);
  const received: string[] = [];
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [hostKeyFor('replay', opts.name, 0)] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => ctx.accept());
    client.on('ready', () => {
      client.on('session', (accept) => {
        const s = accept();
        s.on('pty', (ok) => ok?.());
        s.on('window-change', (ok) => ok?.());
        s.on('shell', (ok) => {
          const stream = ok();
          let next = 0;
          let pending = '';
          stream.write(session.initPrompt);
          stream.on('data', (d: Buffer) => {
            pending += d.toString('latin1');
            for (;;) {
              const hit = findExchange(session, pending, next);
              if (!hit) break;
              received.push(hit.send);
              pending = pending.slice(hit.send.length);
              next = hit.index + 1;
              stream.write(Buffer.from(hit.output, 'latin1'));
            }
            const nl = pending.search(/[\r\n]/);
            if (nl >= 0 && !findExchange(session, pending, next)) {
              // A whole line nothing in the recording answers.
              const line = pending.slice(0, nl);
              received.push(line + '\n');
              pending = pending.slice(nl + 1).replace(/^\n/, '');
              stream.write(refusal(line));
            }
          });
        });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
}

function findExchange(session: RecordedSession, pending: string, from: number): { index: number; send: string; output: string } | undefined {
  const matches = (send: string) => pending.startsWith(send) || pending.startsWith(send.replace(/\n$/, '\r'));
  const ex = session.exchanges;
  const order = session.ordered ? ex.map((_, i) => i).filter((i) => i >= from) : ex.map((_, i) => i);
  for (const i of order) {
    const e = ex[i]!;
    if (e.send === '' || !matches(e.send)) continue;
    const used = pending.startsWith(e.send) ? e.send : e.send.replace(/\n$/, '\r');
    // A client sending "\r\n" for a recorded "\n" leaves a stray "\n": swallow it too.
    const send = pending.slice(used.length).startsWith('\n') && used.endsWith('\r') ? used + '\n' : used;
    return { index: i, send, output: e.output };
  }
  return undefined;
}
