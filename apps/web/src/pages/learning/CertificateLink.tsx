import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDate } from '../../i18n/format';
import { saveBlob } from '../../api/download';

export type MyCertificate = Schemas['MyCertificateDto'];

/** The caller's certificates (`GET /api/me/certificates`), valid ones by course. */
export function useMyCertificates(enabled = true): Map<string, MyCertificate> {
  const { api } = useAuth();
  const loaded = useLoader(
    (signal) => (enabled ? unwrap(api.GET('/api/me/certificates', { signal })) : Promise.resolve([])),
    [api, enabled],
  );
  const byCourse = new Map<string, MyCertificate>();
  for (const certificate of loaded.data ?? []) {
    if (certificate.status === 'valid') {
      byCourse.set(certificate.courseId, certificate);
    }
  }
  return byCourse;
}

/**
 * Downloads a certificate's PDF (`GET /api/certificates/:id/pdf`): the bearer header is needed, so a
 * plain link cannot do; the file is fetched, then handed to the browser as a Blob URL.
 */
export function CertificateLink({ certificate, title }: { certificate: MyCertificate; title: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);

  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const blob = await unwrap(
        api.GET('/api/certificates/{id}/pdf', {
          params: { path: { id: certificate.id } },
          headers: { Accept: 'application/pdf' },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob, `certificate-${certificate.code.replace(/[^A-Za-z0-9-]/g, '')}.pdf`);
    } catch (caught) {
      setFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="certificate-link">
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        aria-label={t('myLearningPage.downloadCertificateOf', { title })}
        onClick={() => void download()}
      >
        {t('myLearningPage.downloadCertificate')}
      </button>
      <span className="status-text">
        {t('myLearningPage.certificateIssued', { date: formatDate(certificate.issuedAt, language) })}
      </span>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
    </div>
  );
}
