import { KeyObject } from 'node:crypto';
import { keyId, signBytes, verifyBytes } from '@app/licences';

/**
 * A certificate's signed statement (docs/certificates.md): `CLC1.<payload>.<signature>`, the payload
 * the base64url JSON of the certificate's fields and the issuing key's id, the signature Ed25519
 * over `CLC1.<payload>` (base64url). Checked offline by any server that trusts the issuer's key.
 */
export const STATEMENT_PREFIX = 'CLC1';

export interface StatementFields {
  /** The verification code (stored form). */
  code: string;
  learnerName: string;
  courseTitle: string;
  courseId: string;
  completedAt: string;
  issuedAt: string;
  scoreScaled: number | null;
  issuer: { administration: string | null; country: string | null; url: string };
}

export interface StatementPayload extends StatementFields {
  /** Id of the signing key (the first 16 hex digits of the SHA-256 of its public SPKI DER). */
  kid: string;
}

export interface ReadStatement {
  payload: StatementPayload;
  signed: Buffer;
  signature: string;
}

export function signStatement(privateKey: KeyObject, fields: StatementFields): string {
  const payload: StatementPayload = { ...fields, kid: keyId(privateKey) };
  const body = `${STATEMENT_PREFIX}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = Buffer.from(signBytes(privateKey, Buffer.from(body)), 'base64').toString('base64url');
  return `${body}.${signature}`;
}

/** Splits and decodes a statement without checking its signature; null when it is not one. */
export function readStatement(statement: string): ReadStatement | null {
  const parts = statement.trim().split('.');
  if (parts.length !== 3 || parts[0] !== STATEMENT_PREFIX || !/^[A-Za-z0-9_-]+$/.test(parts[1] + parts[2])) {
    return null;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isPayload(payload)) return null;
  return {
    payload,
    signed: Buffer.from(`${parts[0]}.${parts[1]}`),
    signature: Buffer.from(parts[2], 'base64url').toString('base64'),
  };
}

export function statementSignatureValid(publicKey: KeyObject, read: ReadStatement): boolean {
  return verifyBytes(publicKey, read.signed, read.signature);
}

function isPayload(value: unknown): value is StatementPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const issuer = v.issuer as Record<string, unknown> | null | undefined;
  return (
    typeof v.kid === 'string' &&
    typeof v.code === 'string' &&
    typeof v.learnerName === 'string' &&
    typeof v.courseTitle === 'string' &&
    typeof v.courseId === 'string' &&
    typeof v.completedAt === 'string' &&
    typeof v.issuedAt === 'string' &&
    (v.scoreScaled === null || typeof v.scoreScaled === 'number') &&
    typeof issuer === 'object' &&
    issuer !== null &&
    typeof issuer.url === 'string'
  );
}
