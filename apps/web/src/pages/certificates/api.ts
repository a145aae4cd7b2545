import { publicApi, unwrap, type ApiClient, type Schemas } from '../../api/client';
import { downloadAnswer } from '../groups/files';

/** The calls of the certificates pages (verify, transcript), in one module. */
export type CertificateVerification = Schemas['CertificateVerificationDto'];
export type StatementVerification = Schemas['StatementVerificationDto'];
export type Transcript = Schemas['MyTranscriptDto'];
export type TranscriptEntry = Schemas['TranscriptEntryDto'];

export function verifyCertificate(code: string, signal?: AbortSignal): Promise<CertificateVerification> {
  return unwrap(publicApi.GET('/api/verify/{code}', { params: { path: { code } }, signal }));
}

/** `POST /api/verify/statement` (public): checks a signed statement against this server's trusted keys. */
export function verifyStatement(statement: string, signal?: AbortSignal): Promise<StatementVerification> {
  return unwrap(publicApi.POST('/api/verify/statement', { body: { statement }, signal }));
}

export function loadTranscript(api: ApiClient, signal?: AbortSignal): Promise<Transcript> {
  return unwrap(api.GET('/api/me/transcript', { signal }));
}

export function downloadTranscriptPdf(api: ApiClient): Promise<void> {
  return downloadAnswer(
    unwrap(api.GET('/api/me/transcript.pdf', { headers: { Accept: 'application/pdf' }, parseAs: 'blob' })),
    `transcript-${new Date().toISOString().slice(0, 10)}.pdf`,
  );
}

/** The owner's certificate PDF; a 409 CERTIFICATE_PDF_PENDING while the worker is still making it. */
export function downloadCertificatePdf(api: ApiClient, id: string, code: string): Promise<void> {
  return downloadAnswer(
    unwrap(
      api.GET('/api/certificates/{id}/pdf', {
        params: { path: { id } },
        headers: { Accept: 'application/pdf' },
        parseAs: 'blob',
      }),
    ),
    `certificate-${code.replace(/[^0-9A-Z]/gi, '')}.pdf`,
  );
}
