// A loopback fake of the Bot Framework's OpenID metadata and signing keys, so
// the bot can run with authentication ON in tests: it serves
// /.well-known/openidconfiguration (with jwks_uri) and the JWKS, holding an
// RSA key made at start with node:crypto and endorsed for 'msteams' as the real
// Bot Framework keys are. It also mints tokens, good and forged.
import http from 'node:http';
import { createHmac, generateKeyPairSync, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';

/** What the Bot Framework channel service puts in its tokens (botframework-connector ChannelValidation). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey { kid: string; privateKey: KeyObject; publicKey: KeyObject; publicPem: string }

export function makeRsaKey(kid = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export interface TokenOptions {
  key?: SigningKey;
  algorithm?: 'RS256' | 'RS384' | 'RS512';
  /** Overrides the header's kid (e.g. to claim the trusted key's id while signing with another). */
  kid?: string;
}

export class FakeOpenIdServer {
  /** The key the JWKS publishes: tokens it signs are genuine. */
  readonly key = makeRsaKey();
  /** Fetches of the metadata and the JWKS, to prove validation really used this server. */
  readonly fetches: string[] = [];
  private server?: http.Server;

  constructor(private readonly endorsements: string[] = ['msteams']) {}

  get url(): string {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('fake OpenID server not started');
    return `http://127.0.0.1:${a.port}`;
  }

  get metadataUrl(): string { return `${this.url}/.well-known/openidconfiguration`; }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      this.fetches.push(path ?? '');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path === '/.well-known/openidconfiguration') {
        return json(200, {
          issuer: BOT_FRAMEWORK_ISSUER,
          authorization_endpoint: `${this.url}/authorize`,
          jwks_uri: `${this.url}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (path === '/keys') {
        const jwk = this.key.publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
        return json(200, { keys: [{ kty: jwk.kty, use: 'sig', kid: this.key.kid, n: jwk.n, e: jwk.e, endorsements: this.endorsements }] });
      }
      json(404, { error: 'not found' });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /**
   * A token signed with `options.key` (default: the published key). Claims are
   * used exactly as given (even ones jsonwebtoken would refuse to sign, such as
   * a non-numeric exp), so tests can forge anything.
   */
  sign(claims: Record<string, unknown>, options: TokenOptions = {}): string {
    const key = options.key ?? this.key;
    const alg = options.algorithm ?? 'RS256';
    const head = `${b64url({ alg, typ: 'JWT', kid: options.kid ?? key.kid })}.${b64url(claims)}`;
    return `${head}.${cryptoSign(`sha${alg.slice(2)}`, Buffer.from(head), key.privateKey).toString('base64url')}`;
  }
}

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An unsigned token (`alg: none`), as an attacker would hand-craft it. */
export function unsignedToken(claims: Record<string, unknown>, kid?: string, alg = 'none'): string {
  return `${b64url({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64url(claims)}.`;
}

/** The classic key-confusion forgery: HS256 keyed with the server's public key PEM. */
export function hmacWithPublicKey(claims: Record<string, unknown>, publicPem: string, kid: string): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT', kid })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', publicPem).update(head).digest('base64url')}`;
}
