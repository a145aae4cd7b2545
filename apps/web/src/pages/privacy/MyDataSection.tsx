import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrapWithResponse } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ActionStatus } from '../../components/ActionStatus';
import { useActionState } from '../../hooks/useActionState';
import { useErrorText } from '../../i18n/errors';
import { fileNameOf, saveBlob } from '../../api/download';

/** "Download my data": the person's records as JSON files in a zip (GET /api/me/export). */
export function MyDataSection() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const action = useActionState();

  const download = async () => {
    action.start(t('privacy.preparing'));
    try {
      // The bearer header is needed, so a plain link cannot do: fetch, then hand the browser a Blob URL.
      const { data: blob, response } = await unwrapWithResponse(
        api.GET('/api/me/export', { headers: { Accept: 'application/zip' }, parseAs: 'blob' }),
      );
      const name = fileNameOf(response, 'clearance-my-data.zip');
      saveBlob(blob, name);
      action.stop(t('privacy.downloaded', { file: name }));
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('privacy.myDataHeading')}</h2>
      <p>{t('privacy.myDataIntro')}</p>
      <button type="button" className="button button-secondary" disabled={action.busy} onClick={() => void download()}>
        {action.busy ? t('privacy.preparing') : t('privacy.download')}
      </button>
      <ActionStatus state={action} />
    </section>
  );
}
