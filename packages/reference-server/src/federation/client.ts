/**
 * Outbound federation requests: resolved with server discovery, authenticated with
 * X-Matrix, over HTTPS (or HTTP on loopback when configured), bounded in time and size.
 *
 * @module
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { MatrixError } from '@maxtryx/entity';
import { buildXMatrixAuthorization, parseStrictJson, type SigningKey } from '@maxtryx/federation-core';
import { resolveServerName, type DiscoveryOptions } from './discovery.js';

/**
 * Federation bodies may carry PDUs of room versions 1 to 5, whose numbers need not be canonical
 * JSON integers: requests are signed with lenient numbers (the same bytes as strict when there
 * are no floats) and answers parsed leniently; each PDU is then held to its room version.
 */
export const federationJson = { canonicalJson: { numbers: 'lenient' } } as const;

/** Thrown when a remote server cannot be reached or answers with an error. */
export class FederationRequestError extends Error {
  override readonly name = 'FederationRequestError';
  constructor(
    readonly destination: string,
    message: string,
    /** The HTTP status of the answer, when there was one. */
    readonly status?: number,
    /** The Matrix error body of the answer, when there was one. */
    readonly body?: unknown,
    options?: { cause?: unknown },
  ) {
    super(`${destination}: ${message}`, options);
  }

  /** The remote `errcode`, when the answer was a Matrix error. */
  get errcode(): string | undefined {
    const b = this.body as { errcode?: unknown } | undefined;
    return typeof b?.errcode === 'string' ? b.errcode : undefined;
  }
}

/** Settings of a {@link FederationClient}. */
export interface FederationClientOptions {
  readonly serverName: string;
  readonly key: SigningKey;
  readonly scheme: 'https' | 'http';
  readonly allowSelfSigned: boolean;
  readonly requestTimeoutMs: number;
  readonly discovery?: DiscoveryOptions;
  /** Largest response body accepted, in bytes. Default 64 MiB (send_join of a big room). */
  readonly maxResponseBytes?: number;
}

/** Makes X-Matrix-signed requests to other servers. */
export class FederationClient {
  constructor(private readonly options: FederationClientOptions) {}

  /** The server name this client signs as. */
  get origin(): string {
    return this.options.serverName;
  }

  /**
   * Sends a signed request and returns the parsed JSON answer.
   * `path` starts with `/_matrix/...` and includes any query string.
   *
   * @throws {FederationRequestError}
   */
  async request(destination: string, method: string, path: string, body?: unknown, unsigned = false): Promise<unknown> {
    const target = await resolveServerName(destination, this.options.discovery);
    const headers: Record<string, string> = { host: target.hostHeader, accept: 'application/json' };
    let payload: Buffer | undefined;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (!unsigned) {
      headers.authorization = buildXMatrixAuthorization({
        method,
        uri: path,
        origin: this.options.serverName,
        destination,
        ...(body === undefined ? {} : { content: body as never }),
        key: this.options.key,
      }, federationJson);
    }
    const send = this.options.scheme === 'https' ? httpsRequest : httpRequest;
    const maxBytes = this.options.maxResponseBytes ?? 64 * 1024 * 1024;
    const attempt = (retried: boolean): Promise<unknown> => new Promise((resolve, reject) => {
      const req = send(
        {
          host: target.host,
          port: target.port,
          method,
          path,
          headers,
          timeout: this.options.requestTimeoutMs,
          ...(this.options.scheme === 'https'
            ? {
                // SNI carries host names only, never IP literals (RFC 6066).
                ...(isIP(target.tlsServerName) ? {} : { servername: target.tlsServerName }),
                rejectUnauthorized: !this.options.allowSelfSigned,
              }
            : {}),
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy(new FederationRequestError(destination, `response over ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            let parsed: unknown;
            try {
              const text = Buffer.concat(chunks);
              parsed = text.length === 0 ? {} : parseStrictJson(new Uint8Array(text), { numbers: 'lenient' });
            } catch (cause) {
              reject(new FederationRequestError(destination, `invalid JSON in answer to ${method} ${path}`, res.statusCode, undefined, { cause }));
              return;
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(parsed);
            else reject(new FederationRequestError(destination, `${method} ${path} answered ${status}`, status, parsed));
          });
          res.on('error', (cause) => reject(new FederationRequestError(destination, 'response error', undefined, undefined, { cause })));
        },
      );
      req.on('timeout', () => req.destroy(new FederationRequestError(destination, `timed out after ${this.options.requestTimeoutMs} ms`)));
      req.on('error', (cause) => {
        // A kept-alive socket the remote closed while idle (its keep-alive timeout racing ours)
        // fails with ECONNRESET/EPIPE before the request was handled: send it once more on a
        // fresh socket, as Node's docs advise (`request.reusedSocket`). Every federation request
        // may be repeated: reads, and writes keyed by their IDs (`PUT /send/{txnId}` "with the
        // same transaction ID" is answered once, send_join/leave/invite by event ID).
        const code = (cause as NodeJS.ErrnoException).code;
        if (!retried && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
          resolve(attempt(true));
          return;
        }
        reject(cause instanceof FederationRequestError ? cause : new FederationRequestError(destination, `cannot reach: ${(cause as Error).message}`, undefined, undefined, { cause }));
      });
      if (payload) req.write(payload);
      req.end();
    });
    return attempt(false);
  }
}

/** Turns a remote failure into the Matrix error to give our own client. */
export function remoteFailureToMatrixError(err: unknown, what: string): MatrixError {
  if (err instanceof FederationRequestError && err.status !== undefined && err.status < 500) {
    const body = err.body as { errcode?: string; error?: string } | undefined;
    return new MatrixError(body?.errcode ?? 'M_UNKNOWN', `${what}: ${body?.error ?? err.message}`, { httpStatus: err.status });
  }
  return new MatrixError('M_UNKNOWN', `${what}: ${(err as Error).message}`, { httpStatus: 502, cause: err });
}
