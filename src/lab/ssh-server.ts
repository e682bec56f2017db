// A lab switch's SSH server (ssh2): password, keyboard-interactive and public-key
// logins, a PTY shell driven through terminal.ts, and an exec channel.

import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, ServerChannel } from 'ssh2';
import type { LabSwitch } from './switch.js';
import { garble, openTerminal } from './terminal.js';

const { Server, utils } = ssh2;

export async function startSshServer(sw: LabSwitch, opts: { address: string; port: number }): Promise<{ port: number; close(): Promise<void> }> {
  const connections = new Set<Connection>();
  sw.onPowerLoss(() => {
    for (const c of connections) c.end();
    connections.clear();
  });

  const authorized = sw.credentials.authorizedKeys.map((line) => {
    const key = utils.parseKey(line);
    if (key instanceof Error) throw new Error(`lab authorized key is not an OpenSSH public key: ${key.message}`);
    return Array.isArray(key) ? (key[0] as ParsedKey) : key;
  });

  // ssh2 prefixes SSH-2.0- to the personality's software version.
  const server = new Server({ hostKeys: [sw.hostKey()], ident: sw.personality.sshIdent }, (client) => {
    connections.add(client);
    // Interactive sessions echo a key at a time; without TCP_NODELAY (which OpenSSH sets for
    // them too) each echo waits for the client's delayed ACK, some 40 ms a typed line.
    // (ssh2 has Connection.setNoDelay; its type declarations lack it.)
    (client as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('close', () => connections.delete(client));
    client.on('error', () => connections.delete(client));
    let username = '';

    client.on('authentication', (ctx) => {
      username = ctx.username;
      const f = sw.state.faults;
      const userOk = same(ctx.username, sw.credentials.username);
      if (f.refuseAuth) return ctx.reject(['password', 'publickey', 'keyboard-interactive']);
      switch (ctx.method) {
        case 'password':
          return userOk && same(ctx.password, sw.credentials.password) ? ctx.accept() : ctx.reject();
        case 'keyboard-interactive':
          return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
            if (userOk && same(answers[0] ?? '', sw.credentials.password)) ctx.accept();
            else ctx.reject();
          });
        case 'publickey': {
          const key = authorized.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
          if (!userOk || !key) return ctx.reject();
          if (!ctx.signature || !ctx.blob) return ctx.accept(); // the client asks whether this key would do
          return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) ? ctx.accept() : ctx.reject();
        }
        default:
          return ctx.reject(['password', 'publickey', 'keyboard-interactive']);
      }
    });

    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        let rows = 0;
        session.on('pty', (ok, _no, pty) => {
          rows = pty.rows;
          ok?.();
        });
        session.on('window-change', (ok, _no, win) => {
          rows = win.rows;
          term?.resize(rows);
          ok?.();
        });
        let term: ReturnType<typeof openTerminal> | undefined;
        session.on('shell', (ok) => {
          const stream = ok();
          const cli = sw.personality.openCli(sw, username, sw.credentials.privilege, sw.credentials.enableSecret);
          term = openTerminal(ioFor(stream, client), { cli, faults: () => sw.state.faults, rows });
          stream.on('data', (d: Buffer) => term?.feed(d.toString('latin1')));
          stream.once('close', () => cli.close?.());
        });
        session.on('exec', (ok, _no, req) => {
          const stream = ok();
          void runExec(sw, username, req.command, stream, client);
        });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.address, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
}

function ioFor(stream: ServerChannel, client: Connection) {
  return {
    write: (s: string) => {
      if (stream.writable) stream.write(Buffer.from(s, 'latin1'));
    },
    drop: () => (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy() ?? client.end(),
    close: () => {
      stream.exit(0);
      stream.end();
    },
  };
}

async function runExec(sw: LabSwitch, username: string, command: string, stream: ServerChannel, client: Connection): Promise<void> {
  const f = sw.state.faults;
  if (f.hangAfterLogin) return; // never answers
  if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
  const cli = sw.personality.openCli(sw, username, sw.credentials.privilege, sw.credentials.enableSecret);
  let reply = cli.exec(command);
  let output = reply.output;
  // A command still at work (fetching a file, say) answers in full when done.
  while (reply.later) {
    reply = await reply.later;
    output += reply.output;
  }
  const { exitCode } = reply;
  const io = ioFor(stream, client);
  const wire = output.replace(/\r?\n/g, '\r\n');
  if (f.dropAfterBytes !== undefined && wire.length > f.dropAfterBytes) {
    io.write(wire.slice(0, f.dropAfterBytes));
    io.drop();
    return;
  }
  io.write(garble(wire, f));
  stream.exit(exitCode);
  stream.end();
}

/** Constant-time comparison for secrets, as a real daemon does. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
