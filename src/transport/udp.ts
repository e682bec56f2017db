// Binding a UDP socket as a promise: a port in use or an address not on this host
// rejects instead of surfacing later as an 'error' event nobody waits for.

import type { Socket } from 'node:dgram';

export function bindUdp(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}
