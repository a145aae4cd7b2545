import { publicApi, unwrap, type Schemas } from '../../api/client';

/** `GET /api/verify/:code` (public): the calls of the certificates pages, in one module. */
export type CertificateVerification = Schemas['CertificateVerificationDto'];

export function verifyCertificate(code: string, signal?: AbortSignal): Promise<CertificateVerification> {
  return unwrap(publicApi.GET('/api/verify/{code}', { params: { path: { code } }, signal }));
}
