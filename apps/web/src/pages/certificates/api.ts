import { requestJson } from '../../auth/api';

/** `GET /api/verify/:code` (public): the calls of the certificates pages, in one module. */
export interface CertificateVerification {
  valid: boolean;
  status: 'valid' | 'revoked' | 'replaced';
  code: string;
  learnerName: string;
  courseTitle: string;
  issuedAt: string;
  completedAt: string;
  scoreScaled: number | null;
  revoked: boolean;
  revokedAt: string | null;
  revokedReason: string | null;
  replacedAt: string | null;
  replacedByCode: string | null;
  issuer: { administration: string | null; country: string | null; url: string; platform: string };
}

export function verifyCertificate(code: string, signal?: AbortSignal): Promise<CertificateVerification> {
  return requestJson<CertificateVerification>(`/api/verify/${encodeURIComponent(code)}`, { signal });
}
