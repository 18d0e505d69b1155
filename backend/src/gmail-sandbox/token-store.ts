import type { Client, Row } from '@libsql/client';
import { newAccessToken, newAuthCode, newGrantId, newRefreshToken } from './ids';

/** Authorization codes and tokens. A sandbox: secrets are stored as issued (never shown whole). */

/** RFC 6749 §4.1.2 recommends at most 10 minutes; Google's codes last about that long. */
export const AUTH_CODE_TTL_MS = 10 * 60_000;

export type AuthCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  mailbox: string;
  offline: boolean;
  expiresAt: number;
  usedAt: number | null;
};

export type Token = {
  token: string;
  kind: 'access' | 'refresh';
  grantId: string;
  mailbox: string;
  clientId: string;
  scopes: string[];
  expiresAt: number | null;
  revokedAt: number | null;
  createdAt: number;
};

const toCode = (row: Row): AuthCode => ({
  code: String(row.code),
  clientId: String(row.client_id),
  redirectUri: String(row.redirect_uri),
  codeChallenge: String(row.code_challenge),
  scopes: String(row.scopes).split(' ').filter(Boolean),
  mailbox: String(row.mailbox),
  offline: Number(row.offline) === 1,
  expiresAt: Number(row.expires_at),
  usedAt: row.used_at === null ? null : Number(row.used_at),
});

const toToken = (row: Row): Token => ({
  token: String(row.token),
  kind: row.kind === 'refresh' ? 'refresh' : 'access',
  grantId: String(row.grant_id),
  mailbox: String(row.mailbox),
  clientId: String(row.client_id),
  scopes: String(row.scopes).split(' ').filter(Boolean),
  expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  createdAt: Number(row.created_at),
});

export function createTokenStore(db: Client) {
  async function insertToken(token: Omit<Token, 'revokedAt'>): Promise<Token> {
    await db.execute({
      sql: `INSERT INTO sandbox_tokens (token, kind, grant_id, mailbox, client_id, scopes, expires_at, revoked_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      args: [token.token, token.kind, token.grantId, token.mailbox, token.clientId, token.scopes.join(' '), token.expiresAt, token.createdAt],
    });
    return { ...token, revokedAt: null };
  }

  return {
    async createCode(code: Omit<AuthCode, 'code' | 'usedAt'>): Promise<string> {
      const value = newAuthCode();
      await db.execute({
        sql: `INSERT INTO sandbox_auth_codes (code, client_id, redirect_uri, code_challenge, scopes, mailbox, offline, expires_at, used_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        args: [value, code.clientId, code.redirectUri, code.codeChallenge, code.scopes.join(' '), code.mailbox, code.offline ? 1 : 0, code.expiresAt],
      });
      return value;
    },

    async getCode(code: string): Promise<AuthCode | undefined> {
      const { rows } = await db.execute({ sql: 'SELECT * FROM sandbox_auth_codes WHERE code = ?', args: [code] });
      return rows[0] ? toCode(rows[0]) : undefined;
    },

    async markCodeUsed(code: string, now: Date): Promise<void> {
      await db.execute({ sql: 'UPDATE sandbox_auth_codes SET used_at = ? WHERE code = ?', args: [now.getTime(), code] });
    },

    async getToken(token: string): Promise<Token | undefined> {
      const { rows } = await db.execute({ sql: 'SELECT * FROM sandbox_tokens WHERE token = ?', args: [token] });
      return rows[0] ? toToken(rows[0]) : undefined;
    },

    async issueAccessToken(grant: { grantId: string; mailbox: string; clientId: string; scopes: string[] }, now: Date, ttlMs: number) {
      return insertToken({ ...grant, token: newAccessToken(), kind: 'access', expiresAt: now.getTime() + ttlMs, createdAt: now.getTime() });
    },

    async issueRefreshToken(grant: { mailbox: string; clientId: string; scopes: string[] }, now: Date) {
      return insertToken({ ...grant, grantId: newGrantId(), token: newRefreshToken(), kind: 'refresh', expiresAt: null, createdAt: now.getTime() });
    },

    newGrantId,

    /** Revokes every token of the grant: Google revokes the refresh token with its access tokens, and vice versa. */
    async revokeGrant(grantId: string, now: Date): Promise<void> {
      await db.execute({ sql: 'UPDATE sandbox_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL', args: [now.getTime(), grantId] });
    },

    async listTokens(): Promise<Token[]> {
      const { rows } = await db.execute('SELECT * FROM sandbox_tokens ORDER BY created_at, rowid');
      return rows.map(toToken);
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
