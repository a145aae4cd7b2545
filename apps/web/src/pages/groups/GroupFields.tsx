import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { GROUP_KINDS, GROUP_LANGUAGES, type GroupSummary } from './types';

/** Each language named in itself. */
const LANGUAGE_NAMES: Record<(typeof GROUP_LANGUAGES)[number], string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
};

/** A group's language and kind, as chosen when creating it and in its settings. */
export function GroupLanguageAndKind({
  id,
  labels,
  language = 'en',
  kind = 'expert_community',
}: {
  id: string;
  labels: { language: string; kind: string };
  language?: GroupSummary['language'];
  kind?: GroupSummary['kind'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={`${id}-language`} label={labels.language}>
        {(control) => (
          <select {...control} name="language" defaultValue={language}>
            {GROUP_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-kind`} label={labels.kind}>
        {(control) => (
          <select {...control} name="kind" defaultValue={kind}>
            {GROUP_KINDS.map((one) => (
              <option key={one} value={one}>
                {t(`groups.kinds.${one}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
