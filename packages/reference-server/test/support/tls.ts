/**
 * Self-signed TLS certificates for end-to-end tests over HTTPS on loopback.
 *
 * The certificate is generated in-process with the `selfsigned` package (pure
 * JavaScript over WebCrypto, no `openssl` binary needed) for `localhost` and
 * `127.0.0.1`, and written as PEM files into a fresh temporary folder, ready for
 * the reference server's `tls: { certFile, keyFile }` setting.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A generated certificate: the PEM texts and the files holding them. */
export interface TestCertificate {
  /** Folder holding `cert.pem` and `key.pem`. */
  readonly dir: string;
  /** Path of the PEM certificate. */
  readonly certFile: string;
  /** Path of the PEM private key (PKCS#8). */
  readonly keyFile: string;
  /** The PEM certificate, to trust it as a CA in a client (`ca` of node:https). */
  readonly cert: string;
  /** The PEM private key. */
  readonly key: string;
  /** SHA-1 fingerprint as `selfsigned` reports it, for diagnostics. */
  readonly fingerprint: string;
  /** Deletes the two files, and the folder when it was created here (idempotent). */
  remove(): void;
}

/** Options of {@link createTestCertificate}. */
export interface TestCertificateOptions {
  /** Names the certificate is valid for (DNS subject alternative names). Default `['localhost']`. */
  readonly dnsNames?: readonly string[];
  /** IP addresses the certificate is valid for. Default `['127.0.0.1']`. */
  readonly ipAddresses?: readonly string[];
  /** Folder to write into; default a fresh `mkdtemp` folder under the OS temp dir. */
  readonly dir?: string;
}

/**
 * Generates a self-signed ECDSA P-256 certificate (SHA-256) for `localhost` and
 * `127.0.0.1`, valid from one day ago for thirty days, and writes it to PEM files.
 *
 * @example
 * const cert = await createTestCertificate();
 * startServer({ tls: cert }); // uses cert.certFile and cert.keyFile
 */
export async function createTestCertificate(options: TestCertificateOptions = {}): Promise<TestCertificate> {
  const dnsNames = options.dnsNames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1'];
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: dnsNames[0] ?? ipAddresses[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // A day of slack either way so a skewed clock cannot make the certificate "not yet valid".
    notBeforeDate: new Date(now - 24 * 3600_000),
    notAfterDate: new Date(now + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), ...ipAddresses.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'maxtryx-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  writeFileSync(certFile, pems.cert);
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  return {
    dir,
    certFile,
    keyFile,
    cert: pems.cert,
    key: pems.private,
    fingerprint: pems.fingerprint,
    remove: () => {
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      else for (const file of [certFile, keyFile]) rmSync(file, { force: true });
    },
  };
}
