/**
 * `/.well-known/matrix/server` delegation against a real HTTPS server on loopback: the
 * document read and checked, redirects followed without looping, answers and failures
 * cached for the spec's recommended times, TLS verification, and resolveServerName using
 * the delegated name; and the server serving its own documents when configured.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/config.js';
import { resolveServerName } from '../../src/federation/discovery.js';
import { cacheTimeOf, createWellKnownFetcher, delegatedServerOf } from '../../src/federation/well-known.js';
import { createTestCertificate, type TestCertificate } from '../support/tls.js';
import { rawRequest, startTestServer, stopAll, type TestServer } from './helpers.js';

const HOUR = 3_600_000;

describe('/.well-known/matrix/server delegation', () => {
  let cert: TestCertificate;
  let server: Server;
  let port: number;
  /** What the server answers next: status, headers and body. */
  let answer: (url: string) => { status: number; headers?: Record<string, string>; body?: string };
  let requests: string[] = [];

  beforeAll(async () => {
    cert = await createTestCertificate();
    server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
      requests.push(req.url ?? '');
      const a = answer(req.url ?? '');
      res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
      res.end(a.body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    cert.remove();
  });

  const fetcher = (now = () => 0, allowSelfSigned = true) => createWellKnownFetcher({ allowSelfSigned, timeoutMs: 5_000, port, now });
  const serve = (body: string, headers?: Record<string, string>) => {
    requests = [];
    answer = () => ({ status: 200, body, ...(headers ? { headers } : {}) });
  };

  it('reads m.server and resolves the server name through it (step 3.2: explicit port)', async () => {
    serve('{"m.server": "127.0.0.1:4321"}');
    const fetchWellKnown = fetcher();
    expect(await fetchWellKnown('localhost')).toBe('127.0.0.1:4321');
    expect(requests).toEqual(['/.well-known/matrix/server']);
    expect(await resolveServerName('localhost', { fetchWellKnown })).toEqual({ host: '127.0.0.1', port: 4321, hostHeader: '127.0.0.1:4321', tlsServerName: '127.0.0.1' });
    // A name with an explicit port never asks (step 2).
    requests = [];
    expect((await resolveServerName('localhost:9999', { fetchWellKnown: fetcher() })).port).toBe(9999);
    expect(requests).toEqual([]);
  });

  it('delegation to a hostname without port uses its SRV record, else port 8448 (steps 3.3 to 3.5)', async () => {
    serve('{"m.server": "matrix.example.org"}');
    const noSrv = async () => [];
    expect(await resolveServerName('localhost', { fetchWellKnown: fetcher(), resolveSrv: noSrv })).toEqual({
      host: 'matrix.example.org',
      port: 8448,
      hostHeader: 'matrix.example.org',
      tlsServerName: 'matrix.example.org',
    });
    const srv = async (name: string) => (name === '_matrix-fed._tcp.matrix.example.org' ? [{ name: 'fed.example.org', port: 443, priority: 0, weight: 0 }] : []);
    expect(await resolveServerName('localhost', { fetchWellKnown: fetcher(), resolveSrv: srv })).toMatchObject({ host: 'fed.example.org', port: 443, hostHeader: 'matrix.example.org' });
  });

  it('caches an answer for its max-age (at most 48 hours), 24 hours without one', async () => {
    let clock = 0;
    serve('{"m.server": "127.0.0.1:1"}', { 'cache-control': 'public, max-age=600' });
    const fetchWellKnown = fetcher(() => clock);
    await fetchWellKnown('localhost');
    clock = 599_000;
    expect(await fetchWellKnown('localhost')).toBe('127.0.0.1:1');
    expect(requests).toHaveLength(1);
    clock = 601_000;
    await fetchWellKnown('localhost');
    expect(requests).toHaveLength(2);
    // Concurrent first asks share one request.
    serve('{"m.server": "127.0.0.1:2"}');
    const fresh = fetcher();
    expect(await Promise.all([fresh('localhost'), fresh('localhost')])).toEqual(['127.0.0.1:2', '127.0.0.1:2']);
    expect(requests).toHaveLength(1);
    expect(cacheTimeOf(undefined)).toBe(24 * HOUR);
    expect(cacheTimeOf('max-age=31536000')).toBe(48 * HOUR);
    expect(cacheTimeOf('no-store')).toBe(0);
    expect(cacheTimeOf('private')).toBe(24 * HOUR);
  });

  it('refuses invalid documents and non-200 answers, and caches the failure for an hour', async () => {
    for (const body of ['not json', '[]', '{}', '{"m.server": 12}', '{"m.server": "bad name!"}', '{"m.server": "a:99999999"}', '{"m.server":"x","m.server":"y"}']) {
      expect(delegatedServerOf(new TextEncoder().encode(body)), body).toBeUndefined();
    }
    let clock = 0;
    serve('{"m.server": "bad name!"}');
    const fetchWellKnown = fetcher(() => clock);
    expect(await fetchWellKnown('localhost')).toBeUndefined();
    serve('{"m.server": "127.0.0.1:3"}');
    clock = HOUR - 1;
    expect(await fetchWellKnown('localhost')).toBeUndefined();
    expect(requests).toEqual([]);
    clock = HOUR + 1;
    expect(await fetchWellKnown('localhost')).toBe('127.0.0.1:3');
    // A 404 skips delegation: SRV, then port 8448 of the name itself (steps 4 to 6).
    requests = [];
    answer = () => ({ status: 404, body: '{"errcode":"M_NOT_FOUND"}' });
    expect(await resolveServerName('localhost', { fetchWellKnown: fetcher(), resolveSrv: async () => [] })).toEqual({
      host: 'localhost',
      port: 8448,
      hostHeader: 'localhost',
      tlsServerName: 'localhost',
    });
  });

  it('follows redirects, and gives up on a loop', async () => {
    requests = [];
    answer = (url) =>
      url === '/.well-known/matrix/server' ? { status: 302, headers: { location: '/moved/here' } } : { status: 200, body: '{"m.server": "127.0.0.1:5"}' };
    expect(await fetcher()('localhost')).toBe('127.0.0.1:5');
    expect(requests).toEqual(['/.well-known/matrix/server', '/moved/here']);
    requests = [];
    answer = (url) => ({ status: 301, headers: { location: url === '/.well-known/matrix/server' ? '/a' : '/.well-known/matrix/server' } });
    expect(await fetcher()('localhost')).toBeUndefined();
    expect(requests).toEqual(['/.well-known/matrix/server', '/a']);
  });

  it('checks the certificate unless self-signed ones are allowed, and survives a closed port', async () => {
    serve('{"m.server": "127.0.0.1:6"}');
    expect(await fetcher(() => 0, false)('localhost')).toBeUndefined();
    expect(await fetcher(() => 0, true)('localhost')).toBe('127.0.0.1:6');
    const closed = createWellKnownFetcher({ allowSelfSigned: true, timeoutMs: 5_000, port: 1 });
    expect(await closed('localhost')).toBeUndefined();
  });
});

describe('serving /.well-known/matrix/server and /.well-known/matrix/client', () => {
  let configured: TestServer;
  let bare: TestServer;
  beforeAll(async () => {
    configured = await startTestServer({ wellKnown: { server: 'matrix.example.org:443', client: 'https://matrix.example.org' } });
    bare = await startTestServer();
  });
  afterAll(() => stopAll([configured, bare]));

  it('serves the configured documents, which the fetcher accepts', async () => {
    const server = await rawRequest(configured, 'GET', '/.well-known/matrix/server');
    expect(server).toEqual({ status: 200, body: { 'm.server': 'matrix.example.org:443' } });
    expect(delegatedServerOf(new TextEncoder().encode(JSON.stringify(server.body)))).toBe('matrix.example.org:443');
    expect(await rawRequest(configured, 'GET', '/.well-known/matrix/client')).toEqual({ status: 200, body: { 'm.homeserver': { base_url: 'https://matrix.example.org' } } });
  });

  it('answers 404 M_NOT_FOUND for a document that is not configured', async () => {
    for (const path of ['/.well-known/matrix/server', '/.well-known/matrix/client']) {
      const res = await rawRequest(bare, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.body.errcode).toBe('M_NOT_FOUND');
    }
  });

  it('refuses a bad configuration naming the setting', () => {
    const base = loadConfig({}, { serverName: 'example.org' });
    expect(() => validateConfig({ ...base, wellKnown: { server: 'bad name!' } })).toThrow(/wellKnown\.server/);
    expect(() => validateConfig({ ...base, wellKnown: { client: 'ftp://x' } })).toThrow(/wellKnown\.client/);
    expect(() => validateConfig({ ...base, wellKnown: { server: 'example.org:8448', client: 'https://example.org/matrix' } })).not.toThrow();
  });
});
