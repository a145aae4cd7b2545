import type { MailLanguage } from '../templates/mail-templates';
import { NotificationKind } from './notification-kind';

interface Text {
  title: string;
  line: string;
}

/**
 * Mail words of each kind in each language: a title (the subject of an immediate mail) and a line
 * (its text, and its line in a digest). `{name}` is the notification's param; `{country}` shows the
 * country's name. The web app has its own words for the in-app list (section `notifications`).
 */
const TEXT: Record<
  Exclude<NotificationKind, NotificationKind.ImportEnded> | 'import_completed' | 'import_failed',
  Record<MailLanguage, Text>
> = {
  [NotificationKind.RegistrationsWaiting]: {
    en: { title: 'Registrations wait for your review', line: 'New registrations from {country} wait for your review.' },
    fr: {
      title: 'Des inscriptions attendent votre examen',
      line: 'De nouvelles inscriptions ({country}) attendent votre examen.',
    },
    es: { title: 'Hay registros pendientes de revisión', line: 'Nuevos registros ({country}) esperan su revisión.' },
  },
  [NotificationKind.GroupInvitation]: {
    en: { title: 'You are invited to a group', line: 'You are invited to join the group “{groupName}”.' },
    fr: {
      title: 'Vous êtes invité à un groupe',
      line: 'Vous êtes invité à rejoindre le groupe «\u00a0{groupName}\u00a0».',
    },
    es: { title: 'Le han invitado a un grupo', line: 'Le han invitado a unirse al grupo «{groupName}».' },
  },
  [NotificationKind.CertificateIssued]: {
    en: { title: 'Your certificate is ready', line: 'Your certificate for “{courseTitle}” has been issued.' },
    fr: {
      title: 'Votre certificat est prêt',
      line: 'Votre certificat pour «\u00a0{courseTitle}\u00a0» a été délivré.',
    },
    es: { title: 'Su certificado está listo', line: 'Se ha emitido su certificado de «{courseTitle}».' },
  },
  import_completed: {
    en: { title: 'Your import is finished', line: 'The import of “{fileName}” is finished.' },
    fr: { title: 'Votre import est terminé', line: 'L’import de «\u00a0{fileName}\u00a0» est terminé.' },
    es: { title: 'Su importación ha terminado', line: 'La importación de «{fileName}» ha terminado.' },
  },
  import_failed: {
    en: { title: 'Your import failed', line: 'The import of “{fileName}” failed: see the reason on the imports page.' },
    fr: {
      title: 'Votre import a échoué',
      line: 'L’import de «\u00a0{fileName}\u00a0» a échoué\u00a0: le motif est indiqué sur la page des imports.',
    },
    es: {
      title: 'Su importación ha fallado',
      line: 'La importación de «{fileName}» ha fallado: el motivo figura en la página de importaciones.',
    },
  },
  [NotificationKind.LicenceExpiring]: {
    en: { title: 'A licence ends soon', line: 'The licence for {country} ends on {validUntil}.' },
    fr: { title: 'Une licence arrive à échéance', line: 'La licence pour {country} prend fin le {validUntil}.' },
    es: { title: 'Una licencia vence pronto', line: 'La licencia para {country} vence el {validUntil}.' },
  },
};

function fill(source: string, params: Record<string, string>, language: MailLanguage): string {
  return source.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name] ?? '';
    if (name === 'country' && /^[A-Z]{2}$/.test(value)) {
      return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(value) ?? value;
    }
    if (name === 'validUntil' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${value}T00:00:00Z`),
      );
    }
    return value;
  });
}

/** The title and line of a notification in `language`. */
export function describeNotification(
  kind: NotificationKind,
  params: Record<string, string>,
  language: MailLanguage,
): Text {
  const key =
    kind === NotificationKind.ImportEnded ? (params.state === 'failed' ? 'import_failed' : 'import_completed') : kind;
  const text = TEXT[key][language];
  return { title: fill(text.title, params, language), line: fill(text.line, params, language) };
}
