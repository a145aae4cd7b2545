import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { FileInput } from '../../components/FileInput';
import { useActionState } from '../../hooks/useActionState';
import { useErrorText } from '../../i18n/errors';
import { fileForm } from './files';
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

interface PostFormProps {
  groupId: string;
  title: string;
  /** The heading level of the form's title. */
  level: 2 | 3;
  rows: number;
  submitLabel: string;
  /** Fields before the message (a new thread's subject). */
  fields?: (id: string) => ReactNode;
  /** Sends the post, given the form and the ids of the attachment just uploaded to the group's library. */
  send: (form: FormData, attachmentIds: string[]) => Promise<void>;
}

/** A new thread or a reply: uploads the attachment to the group's library, then sends the post. */
export function PostForm({ groupId, title, level, rows, submitLabel, fields, send }: PostFormProps) {
  const { authUpload } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const action = useActionState();
  const Heading = level === 2 ? 'h2' : 'h3';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const file = form.get('attachment');
    action.start();
    try {
      const attachmentIds: string[] = [];
      if (file instanceof File && file.size > 0) {
        attachmentIds.push((await authUpload('/api/groups/{id}/files', { id: groupId }, fileForm(file))).id);
      }
      await send(form, attachmentIds);
      formElement.reset();
      action.stop();
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{title}</Heading>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {fields?.(id)}
      <PostFields id={id} groupId={groupId} rows={rows} />
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  );
}
