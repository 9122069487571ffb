/**
 * The federation client and kept-alive sockets: a remote that closes an idle socket just as
 * the client reuses it (its keep-alive timeout racing the client's) makes the request fail
 * with ECONNRESET before it is handled. The client sends such a request once more on a fresh
 * socket; a second failure, or a failure on a fresh socket, is reported.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningKey } from '@maxtryx/federation-core';
import { afterEach, describe, expect, it } from 'vitest';
import { FederationClient, FederationRequestError } from '../../src/federation/client.js';

let server: Server | undefined;

/** A loopback HTTP server answering `{ n }` (the request count), except that it drops the requests whose number `drop` returns true for. */
async function listen(drop: (n: number) => boolean): Promise<{ name: string; count: () => number }> {
  let n = 0;
  server = createServer((req, res) => {
    n++;
    if (drop(n)) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { name: `127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => n };
}

const client = () =>
  new FederationClient({ serverName: 'origin.test', key: generateSigningKey('k'), scheme: 'http', allowSelfSigned: false, requestTimeoutMs: 5_000 });

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('FederationClient on a kept-alive socket', () => {
  it('sends a request again on a fresh socket when the reused one was closed under it', async () => {
    const remote = await listen((n) => n === 2);
    const c = client();
    expect(await c.request(remote.name, 'GET', '/_matrix/federation/v1/version')).toEqual({ n: 1 });
    // The second request goes out on the kept-alive socket, which the remote closes: retried once.
    expect(await c.request(remote.name, 'PUT', '/_matrix/federation/v1/send/t1', { origin: 'origin.test', pdus: [] })).toEqual({ n: 3 });
    expect(remote.count()).toBe(3);
  });

  it('reports the failure when the fresh socket fails too', async () => {
    const remote = await listen((n) => n >= 2);
    const c = client();
    await c.request(remote.name, 'GET', '/_matrix/federation/v1/version');
    const err = await c.request(remote.name, 'GET', '/_matrix/federation/v1/version').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FederationRequestError);
    expect(remote.count()).toBe(3);
  });

  it('does not retry a failure on a fresh socket', async () => {
    const remote = await listen(() => true);
    const err = await client()
      .request(remote.name, 'GET', '/_matrix/federation/v1/version')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FederationRequestError);
    expect(remote.count()).toBe(1);
  });
});
