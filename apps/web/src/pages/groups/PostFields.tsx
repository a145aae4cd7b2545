import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { FileInput } from '../../components/FileInput';
import { MentionTextarea } from './MentionTextarea';

/** The body (Markdown, @mentions) and optional attachment of a new thread or a reply. */
export function PostFields({ id, groupId, rows }: { id: string; groupId: string; rows: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        id={`${id}-body`}
        label={t('groups.threads.body')}
        help={
          <>
            <p>{t('groups.threads.markdownHelp')}</p>
            <p>{t('groups.mentions.help')}</p>
          </>
        }
      >
        {(control) => <MentionTextarea {...control} groupId={groupId} name="body" required rows={rows} />}
      </Field>
      <Field id={`${id}-file`} label={t('groups.threads.attachment')} optional>
        {(control) => <FileInput {...control} name="attachment" />}
      </Field>
    </>
  );
}
