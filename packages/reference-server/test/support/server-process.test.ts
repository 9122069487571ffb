/**
 * The end-to-end test support itself: the self-signed certificate, the HTTP(S)
 * helper, and reference servers as child processes that federate over HTTPS on
 * loopback and stop on SIGTERM.
 */
import { createServer as createHttpsServer, type Server } from 'node:https';
import { verifyJsonSignature } from '@maxtryx/federation-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from './client.js';
import { startServer, type TestServer } from './server-process.js';
import { createTestCertificate, type TestCertificate } from './tls.js';

interface KeyDocument {
  server_name: string;
  valid_until_ts: number;
  verify_keys: Record<string, { key: string }>;
  signatures: Record<string, Record<string, string>>;
}

/** True when `doc` carries a valid signature by `signer` with one of `signerKeys`. */
function signedBy(doc: KeyDocument, signer: string, signerKeys: Record<string, { key: string }>): boolean {
  const keyIds = Object.keys(doc.signatures[signer] ?? {});
  return keyIds.length > 0 && keyIds.every((keyId) => {
    const key = signerKeys[keyId]?.key;
    return key !== undefined && verifyJsonSignature(doc, signer, keyId, key);
  });
}

let cert: TestCertificate;

beforeAll(async () => {
  cert = await createTestCertificate();
});

afterAll(() => {
  cert?.remove();
});

describe('createTestCertificate', () => {
  let probe: Server;
  let port: number;

  beforeAll(async () => {
    probe = createHttpsServer({ cert: cert.cert, key: cert.key }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(resolve));
  });

  it('is trusted for 127.0.0.1 when given as the CA', async () => {
    const res = await request({ baseUrl: `https://127.0.0.1:${port}`, ca: cert.cert }, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('is refused as self-signed when not trusted', async () => {
    const err = await request({ baseUrl: `https://127.0.0.1:${port}` }, 'GET', '/').then(
      () => undefined,
      (e: unknown) => e as NodeJS.ErrnoException,
    );
    expect(err?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

describe('reference servers as child processes, federating over HTTPS', () => {
  let a: TestServer | undefined;
  let b: TestServer | undefined;

  beforeAll(async () => {
    a = await startServer({ tls: cert, storage: 'memory' });
    b = await startServer({ tls: cert, storage: 'memory' });
  });

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it('names each server 127.0.0.1:<port> and serves its signed key document over HTTPS', async () => {
    const server = a!;
    expect(server.serverName).toBe(`127.0.0.1:${server.port}`);
    expect(server.baseUrl).toBe(`https://127.0.0.1:${server.port}`);
    const res = await request<KeyDocument>(server, 'GET', '/_matrix/key/v2/server');
    expect(res.status).toBe(200);
    expect(res.body.server_name).toBe(server.serverName);
    expect(signedBy(res.body, server.serverName, res.body.verify_keys)).toBe(true);
  });

  it('lets one server fetch the other one\'s keys (a notary query) over HTTPS with a self-signed certificate', async () => {
    const [sa, sb] = [a!, b!];
    const own = await request<KeyDocument>(sb, 'GET', '/_matrix/key/v2/server');
    const aKeys = await request<KeyDocument>(sa, 'GET', '/_matrix/key/v2/server');
    const res = await request<{ server_keys: KeyDocument[] }>(sa, 'GET', `/_matrix/key/v2/query/${encodeURIComponent(sb.serverName)}`);
    expect(res.status).toBe(200);
    const doc = res.body.server_keys.find((d) => d.server_name === sb.serverName);
    expect(doc).toBeDefined();
    expect(Object.keys(doc!.verify_keys)).toEqual(Object.keys(own.body.verify_keys));
    // B's own signature, and A's as the notary.
    expect(signedBy(doc!, sb.serverName, own.body.verify_keys)).toBe(true);
    expect(signedBy(doc!, sa.serverName, aKeys.body.verify_keys)).toBe(true);
  });

  it('enforces certificate verification when allowSelfSigned is off, and kill() ends the process with SIGKILL', async () => {
    const strict = await startServer({ tls: cert, storage: 'memory', federation: { allowSelfSigned: false } });
    try {
      const res = await request<{ server_keys?: KeyDocument[] }>(strict, 'GET', `/_matrix/key/v2/query/${encodeURIComponent(b!.serverName)}`);
      // Either an error answer or an empty result: B's keys must not have been obtained.
      const found = res.status === 200 ? (res.body.server_keys ?? []).filter((d) => d.server_name === b!.serverName) : [];
      expect(found).toEqual([]);
    } finally {
      const exit = await strict.kill();
      expect(exit.signal).toBe('SIGKILL');
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const server = a!;
    const exit = await server.stop();
    a = undefined;
    expect(exit).toEqual({ code: 0, signal: null, forced: false });
  });
});
