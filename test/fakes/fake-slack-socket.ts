import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A Socket Mode server on 127.0.0.1: greets each client with `hello` and sends it envelopes. */
export interface FakeSlackSocket {
  /** The wss-style URL apps.connections.open hands out (here plain ws://). */
  url: string;
  /** Resolves once a client has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope to the connected client; resolves with the client's ack. */
  send(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the fake Socket Mode server on port 0. */
export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  let client: WebSocket | undefined;
  const waiting: (() => void)[] = [];
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  server.on('connection', (socket) => {
    client = socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      const id = message.envelope_id;
      if (typeof id === 'string') acks.get(id)?.(message);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-socket', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0001' },
      }),
    );
    for (const resolve of waiting.splice(0)) resolve();
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    connected: () => (client ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    send(type, payload) {
      const socket = client;
      if (socket === undefined) return Promise.reject(new Error('fake-slack-socket: no client connected'));
      const envelopeId = randomUUID();
      const acked = new Promise<Record<string, unknown>>((resolve) => acks.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          payload,
          type,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
      return acked;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
