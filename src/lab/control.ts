// The lab control: `switchback lab up` listens on a Unix socket next to the
// inventory it wrote; `switchback lab event` and `lab status` talk to it from
// another shell. A Unix socket, not a TCP port, so only this machine's users
// with access to the folder can drive the lab.

import { existsSync, unlinkSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { LabEventError } from './model.js';
import type { LabFleet, SwitchStatus } from './fleet.js';
import type { LabEvent } from './switch.js';

export type ControlRequest = { op: 'event'; name: string; event: LabEvent } | { op: 'feed'; feed: string; on: boolean } | { op: 'status' };

export type ControlReply = { ok: true; messages: string[]; status?: SwitchStatus[] } | { ok: false; error: string };

/** The socket sits beside the inventory: devices/lab.yaml → devices/lab.sock. */
export function controlSocketFor(inventoryPath: string): string {
  return inventoryPath.replace(/\.ya?ml$/, '') + '.sock';
}

export async function serveControl(fleet: LabFleet, socketPath: string): Promise<Server> {
  if (existsSync(socketPath)) {
    // A socket left by a lab that was killed; a live one answers, so try it first.
    const alive = await callControl(socketPath, { op: 'status' }).then(
      () => true,
      () => false,
    );
    if (alive) throw new Error(`a lab is already running with control socket ${socketPath}; stop it first (Ctrl-C in its shell)`);
    unlinkSync(socketPath);
  }
  const server = createServer((req, res) => {
    void readJson(req)
      .then((body) => handle(fleet, body as ControlRequest))
      .then(
        (reply) => res.end(JSON.stringify(reply)),
        (err: unknown) => {
          const error = err instanceof LabEventError || err instanceof SyntaxError ? err.message : `lab error: ${String(err)}`;
          res.end(JSON.stringify({ ok: false, error } satisfies ControlReply));
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return server;
}

async function handle(fleet: LabFleet, req: ControlRequest): Promise<ControlReply> {
  switch (req.op) {
    case 'status':
      return { ok: true, messages: [], status: fleet.status() };
    case 'event':
      if (req.name === 'all') return { ok: true, messages: await Promise.all(fleet.switches.map((s) => fleet.apply(s.name, req.event))) };
      return { ok: true, messages: [await fleet.apply(req.name, req.event)] };
    case 'feed': {
      const messages = await fleet.feed(req.feed, req.on);
      return { ok: true, messages: messages.length > 0 ? messages : [`no member is on feed ${req.feed} (or all already ${req.on ? 'on' : 'off'})`] };
    }
    default:
      throw new LabEventError('unknown control request');
  }
}

export function callControl(socketPath: string, body: ControlRequest): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      readJson(res).then((r) => resolve(r as ControlReply), reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') {
        reject(new Error(`no lab is running for ${socketPath} (start one with: switchback lab up)`));
      } else reject(err);
    });
    req.end(JSON.stringify(body));
  });
}

function readJson(stream: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err);
      }
    });
    stream.on('error', reject);
  });
}
