import { useTranslation } from 'react-i18next';

/** Shown while the player's chunk (with scorm-again) downloads: part of the main bundle, so tiny. */
export function PlayerLoading() {
  const { t } = useTranslation();
  return (
    <p className="loading player-chunk-loading" role="status">
      {t('loading')}
    </p>
  );
}
