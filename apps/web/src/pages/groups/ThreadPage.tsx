import { useId, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatBytes, formatDateTime } from '../../i18n/format';
import NotFoundPage from '../NotFoundPage';
import { downloadStoredFile, formText } from './files';
import { MentionTextarea } from './MentionTextarea';
import { PostForm } from './PostFields';
import type { Post, Thread } from './types';

function PostView({ post, groupId, onChanged }: { post: Post; groupId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    try {
      await unwrap(
        api.PATCH('/api/posts/{id}', {
          params: { path: { id: post.id } },
          body: { body: formText(new FormData(event.currentTarget), 'body') },
        }),
      );
      setEditing(false);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async () => {
    setError(null);
    try {
      await unwrap(api.DELETE('/api/posts/{id}', { params: { path: { id: post.id } } }));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <article className="post" data-post={post.id} aria-labelledby={`${id}-author`}>
      <header className="post-header">
        <span id={`${id}-author`} className="post-author">
          {post.authorName}
        </span>{' '}
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, language)}</time>
        {post.editedAt && <span className="post-edited"> · {t('groups.posts.edited')}</span>}
      </header>
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
      {post.deleted ? (
        <p className="empty">{t('groups.posts.deleted')}</p>
      ) : editing ? (
        <form className="form" onSubmit={(event) => void save(event)}>
          <Field id={`${id}-edit`} label={t('groups.posts.editLabel')}>
            {(control) => (
              <MentionTextarea
                {...control}
                groupId={groupId}
                name="body"
                defaultValue={post.bodySource}
                rows={6}
                required
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t('groups.posts.save')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {t('groups.posts.cancel')}
            </button>
          </div>
        </form>
      ) : (
        // The server renders Markdown with raw HTML off and a closed set of tags and link targets.
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      )}
      {post.attachments.length > 0 && (
        <ul className="attachments" aria-label={t('groups.posts.attachments')}>
          {post.attachments.map((attachment) => (
            <li key={attachment.fileId}>
              <button
                type="button"
                className="button button-quiet"
                onClick={() =>
                  void downloadStoredFile(
                    api,
                    '/api/group-files/{id}/download-link',
                    attachment.fileId,
                    attachment.name,
                  ).catch(setError)
                }
              >
                <span className="file-name">{attachment.name}</span> ({formatBytes(attachment.sizeBytes, language)})
              </button>
            </li>
          ))}
        </ul>
      )}
      {post.canEdit && !editing && (
        <div className="actions">
          <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
            {t('groups.posts.edit')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => void remove()}>
            {t('groups.posts.delete')}
          </button>
        </div>
      )}
    </article>
  );
}

function ReplyForm({ thread, onPosted }: { thread: Thread; onPosted: () => void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  return (
    <PostForm
      groupId={thread.groupId}
      title={t('groups.posts.reply')}
      level={2}
      rows={5}
      submitLabel={t('groups.posts.send')}
      send={async (form, attachmentIds) => {
        await unwrap(
          api.POST('/api/threads/{id}/posts', {
            params: { path: { id: thread.id } },
            body: { body: formText(form, 'body'), attachmentIds },
          }),
        );
        onPosted();
      }}
    />
  );
}

function ThreadView({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const thread = useLoader(
    (signal) => unwrap(api.GET('/api/threads/{id}', { params: { path: { id: threadId } }, signal })),
    [api, threadId],
  );

  if (thread.error instanceof ApiError && thread.error.status === 404) {
    return <NotFoundPage />;
  }
  const pin = async (pinned: boolean) => {
    setError(null);
    try {
      await unwrap(api.PATCH('/api/threads/{id}', { params: { path: { id: threadId } }, body: { pinned } }));
      thread.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const title = thread.data?.title ?? t('groups.threads.title');
  return (
    <Page title={title} heading={title} className="wide">
      {thread.error !== null && <Alert>{errorText(thread.error)}</Alert>}
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
      {thread.data && (
        <>
          <p>
            <Link to={`/groups/${thread.data.groupId}`}>
              {t('groups.threads.back', { name: thread.data.groupName })}
            </Link>
          </p>
          {thread.data.groupArchived && (
            <div className="notice-box group-archived-notice" role="note">
              <p>{t('groups.archivedNotice')}</p>
            </div>
          )}
          {thread.data.canModerate && (
            <p>
              <button type="button" className="button button-quiet" onClick={() => void pin(!thread.data!.pinned)}>
                {thread.data.pinned ? t('groups.threads.unpin') : t('groups.threads.pin')}
              </button>
            </p>
          )}
          <div className="posts">
            {thread.data.posts.map((post) => (
              <PostView key={post.id} post={post} groupId={thread.data!.groupId} onChanged={thread.reload} />
            ))}
          </div>
          {!thread.data.groupArchived && <ReplyForm thread={thread.data} onPosted={thread.reload} />}
        </>
      )}
    </Page>
  );
}

export default function ThreadPage() {
  const { id = '' } = useParams();
  return (
    <RequireAuth>
      <ThreadView threadId={id} />
    </RequireAuth>
  );
}
