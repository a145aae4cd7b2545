import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';

type Preference = Schemas['NotificationPreferenceDto'];
const DELIVERIES: ReadonlyArray<Preference['delivery']> = ['immediate', 'digest', 'off'];

/** The profile page's choice, per kind, of a mail at once, the daily digest, or nothing. */
export function NotificationPreferencesSection() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const loaded = useLoader((signal) => unwrap(api.GET('/api/me/notification-preferences', { signal })), [api]);
  const [choices, setChoices] = useState<Preference[]>([]);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (loaded.data) {
      setChoices(loaded.data.preferences);
    }
  }, [loaded.data]);

  const save = async () => {
    setSaving(true);
    setFailure(null);
    setStatus(t('notificationPreferences.saving'));
    try {
      const saved = await unwrap(api.PUT('/api/me/notification-preferences', { body: { preferences: choices } }));
      setChoices(saved.preferences);
      setStatus(t('notificationPreferences.saved'));
    } catch (caught) {
      setStatus('');
      setFailure(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="section" id="notification-preferences" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('notificationPreferences.heading')}</h2>
      <p>{t('notificationPreferences.intro')}</p>
      {loaded.error !== null && <Alert>{errorText(loaded.error)}</Alert>}
      {failure !== null && <Alert>{errorText(failure)}</Alert>}
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!saving) {
            void save();
          }
        }}
      >
        {choices.map((choice) => (
          <fieldset key={choice.kind} className="radio-group">
            <legend>{t(`notificationPreferences.kinds.${choice.kind}`)}</legend>
            {DELIVERIES.map((delivery) => (
              <label key={delivery}>
                <input
                  type="radio"
                  name={`${id}-${choice.kind}`}
                  value={delivery}
                  checked={choice.delivery === delivery}
                  onChange={() =>
                    setChoices((all) => all.map((c) => (c.kind === choice.kind ? { ...c, delivery } : c)))
                  }
                />{' '}
                {t(`notificationPreferences.deliveries.${delivery}`)}
              </label>
            ))}
          </fieldset>
        ))}
        {choices.length > 0 && (
          <div>
            <button type="submit" className="button button-primary" disabled={saving}>
              {t('notificationPreferences.save')}
            </button>
          </div>
        )}
        <p className="status-text" role="status">
          {status}
        </p>
      </form>
    </section>
  );
}
