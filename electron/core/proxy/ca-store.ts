import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/** The file a user hands to their client (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, curl --cacert). */
export const CA_CERT_FILE = 'ca.pem';
/** The CA's private key: readable by the user only (0600). */
export const CA_KEY_FILE = 'ca-key.pem';

const CA_NAME = 'CN=SSE Inspector capture proxy CA, O=SSE Inspector';
// ECDSA P-256: key generation takes milliseconds (a leaf per host stays cheap) and every TLS
// client in use accepts it.
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** The CA folder cannot be created, read or written (reported as a usage problem by the CLI). */
export class CaStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaStoreError';
  }
}

/** A certificate and its key, as PEM text for node:tls. */
export interface LeafCertificate {
  cert: string;
  key: string;
}

// The global WebCrypto (Node's own): its types are the ones the library is written against,
// whether a project compiles with the DOM library or with Node's globals.
const webcrypto = globalThis.crypto;
x509.cryptoProvider.set(webcrypto);
// (Node's globals declare CryptoKey as a class only; the DOM library as an interface too.)
type Key = InstanceType<typeof CryptoKey>;
interface KeyPair {
  publicKey: Key;
  privateKey: Key;
}

function pem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function der(text: string): ArrayBuffer {
  const base64 = text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const bytes = Buffer.from(base64, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function serialNumber(): string {
  // Positive (high bit clear), 16 random bytes: unique per certificate as RFC 5280 §4.1.2.2 asks.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new CaStoreError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * The capture proxy's certificate authority: created on first use in `dir` (certificate as
 * ca.pem, key as ca-key.pem with mode 0600), loaded on later runs, and used to sign a leaf
 * certificate per host the clients CONNECT to (SAN = the DNS name or IP), cached in memory.
 * Removing the folder removes the CA; the next run creates a new one.
 */
export class CaStore {
  readonly certPath: string;
  readonly #caCert: x509.X509Certificate;
  readonly #caKey: Key;
  /** One key pair for every leaf of this run: signing a certificate is then the only cost. */
  readonly #leafKeys: Promise<KeyPair>;
  readonly #leaves = new Map<string, Promise<LeafCertificate>>();

  private constructor(certPath: string, caCert: x509.X509Certificate, caKey: Key) {
    this.certPath = certPath;
    this.#caCert = caCert;
    this.#caKey = caKey;
    this.#leafKeys = webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  }

  /** Loads the CA from `dir`, creating the folder and a new CA when there is none. */
  static async open(dir: string): Promise<CaStore> {
    const certPath = join(dir, CA_CERT_FILE);
    const keyPath = join(dir, CA_KEY_FILE);
    const certPem = readIfPresent(certPath);
    const keyPem = readIfPresent(keyPath);
    if (certPem !== null && keyPem !== null) {
      try {
        const caKey = await webcrypto.subtle.importKey('pkcs8', der(keyPem), algorithm, false, [
          'sign',
        ]);
        return new CaStore(certPath, new x509.X509Certificate(certPem), caKey);
      } catch (error) {
        throw new CaStoreError(
          `the CA in ${dir} cannot be read (${(error as Error).message}); delete the folder ` +
            'to create a new one',
        );
      }
    }
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: CA_NAME,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 10 * 365 * DAY_MS),
      signingAlgorithm: algorithm,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // The key first, created 0600 (and chmod'ed, in case a umask or an old file widened it).
      writeFileSync(keyPath, pem('PRIVATE KEY', pkcs8), { mode: 0o600 });
      chmodSync(keyPath, 0o600);
      writeFileSync(certPath, cert.toString('pem') + '\n', { mode: 0o644 });
    } catch (error) {
      throw new CaStoreError(`cannot write the CA to ${dir}: ${(error as Error).message}`);
    }
    return new CaStore(certPath, cert, keys.privateKey);
  }

  /** The CA certificate as PEM (what clients must trust). */
  get certPem(): string {
    return this.#caCert.toString('pem') + '\n';
  }

  /** A certificate for `host` (a DNS name or an IP address) signed by this CA; cached. */
  leafFor(host: string): Promise<LeafCertificate> {
    const name = host.toLowerCase();
    let leaf = this.#leaves.get(name);
    if (leaf === undefined) {
      leaf = this.#issue(name);
      this.#leaves.set(name, leaf);
    }
    return leaf;
  }

  async #issue(host: string): Promise<LeafCertificate> {
    const keys = await this.#leafKeys;
    const now = Date.now();
    const ip = isIP(host) !== 0;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      // Common names are limited to 64 characters; the SAN is what clients check.
      subject: `CN=${ip ? host : host.slice(0, 64)}`,
      issuer: this.#caCert.subject,
      // Clients reject leaves valid for more than 398 days (Apple, Chrome).
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 365 * DAY_MS),
      signingAlgorithm: algorithm,
      publicKey: keys.publicKey,
      signingKey: this.#caKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension([{ type: ip ? 'ip' : 'dns', value: host }]),
        await x509.AuthorityKeyIdentifierExtension.create(this.#caCert, false),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    return { cert: cert.toString('pem') + '\n', key: pem('PRIVATE KEY', pkcs8) };
  }
}
