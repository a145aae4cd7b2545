import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';

export type NotificationItem = Schemas['NotificationView'];

/** The sentence of a notification and where it leads, in the interface language. */
export function describe(
  item: NotificationItem,
  t: TFunction,
  countryName: (code: string) => string,
): { text: string; to: string } {
  const p = item.params;
  switch (item.kind) {
    case 'registrations_waiting':
      return {
        text: t('notifications.kinds.registrations_waiting', { country: countryName(p.country ?? '') }),
        to: '/coordinator',
      };
    case 'group_invitation':
      return { text: t('notifications.kinds.group_invitation', { group: p.groupName ?? '' }), to: '/groups' };
    case 'certificate_issued':
      return { text: t('notifications.kinds.certificate_issued', { course: p.courseTitle ?? '' }), to: '/my-learning' };
    case 'import_ended':
      return {
        text:
          p.state === 'failed'
            ? t('notifications.kinds.import_failed', { file: p.fileName ?? '' })
            : t('notifications.kinds.import_completed', { file: p.fileName ?? '' }),
        to: p.kind === 'officers' ? '/coordinator' : '/admin/imports',
      };
    case 'licence_expiring':
      return {
        text: t('notifications.kinds.licence_expiring', {
          country: countryName(p.country ?? ''),
          date: p.validUntil ?? '',
        }),
        to: '/admin/licences',
      };
  }
}
