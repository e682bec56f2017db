// A Server-Sent Events client for tests: reads a text/event-stream over node:http and keeps
// every message and comment, so a test can wait for the one it expects (never for a time).

import { get } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

export interface SseClient {
  response: IncomingMessage;
  messages: SseMessage[];
  comments: string[];
  /** Resolves with the first message (already received or to come) that `predicate` accepts. */
  waitFor(predicate: (m: SseMessage) => boolean, what?: string): Promise<SseMessage>;
  waitForComment(predicate: (c: string) => boolean): Promise<string>;
  close(): void;
}

export function openSse(url: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    let request: ClientRequest;
    const messages: SseMessage[] = [];
    const comments: string[] = [];
    const waiters: (() => void)[] = [];
    let ended = false;
    const wake = (): void => {
      for (const w of waiters.splice(0)) w();
    };
    request = get(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const m: SseMessage = { event: 'message', data: '' };
          const data: string[] = [];
          let isMessage = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) ((m.event = line.slice(7)), (isMessage = true));
            else if (line.startsWith('id: ')) m.id = line.slice(4);
            else if (line.startsWith('data: ')) (data.push(line.slice(6)), (isMessage = true));
          }
          if (isMessage) messages.push({ ...m, data: data.join('\n') });
        }
        wake();
      });
      response.on('end', () => ((ended = true), wake()));
      const waitUntil = <T>(find: () => T | undefined, what: string): Promise<T> =>
        new Promise((ok, fail) => {
          const check = (): void => {
            const found = find();
            if (found !== undefined) ok(found);
            else if (ended) fail(new Error(`the event stream ended before ${what}`));
            else waiters.push(check);
          };
          check();
        });
      resolve({
        response,
        messages,
        comments,
        waitFor: (predicate, what = 'the expected message') => waitUntil(() => messages.find(predicate), what),
        waitForComment: (predicate) => waitUntil(() => comments.find(predicate), 'the expected comment'),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
