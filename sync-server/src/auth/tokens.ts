import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'session' | 'device';
const PREFIX: Record<TokenKind, string> = { session: 'cds_', device: 'cdd_' };

/** 256 random bits; only the SHA-256 is stored, so a database leak gives no usable tokens. */
export function newToken(kind: TokenKind): { token: string; hash: Buffer } {
  const token = PREFIX[kind] + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith(PREFIX.session)) return 'session';
  if (token.startsWith(PREFIX.device)) return 'device';
  return null;
}
