import { useTranslation } from 'react-i18next';

/** The password rules, as help text under a new-password field. */
export function PasswordHelp() {
  const { t } = useTranslation();
  return (
    <ul className="help-list">
      <li>{t('password.length')}</li>
      <li>{t('password.anyCharacters')}</li>
      <li>{t('password.notCommon')}</li>
      <li>{t('password.notGuessable')}</li>
    </ul>
  );
}
