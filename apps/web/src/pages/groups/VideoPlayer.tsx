import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { signedLink } from './files';
import type { LibraryFile } from './types';
import { useGroupErrorText } from './useGroupErrorText';

/** Fresh links asked for in a row after the video failed, before giving up. */
const MAX_RENEWALS = 2;

/**
 * A library video played in a dialog: the browser's own controls (keyboard-operable), the signed
 * link as its source, so the browser streams it with range requests and seeks without loading it all.
 */
export function VideoPlayer({ file, onClose }: { file: LibraryFile | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={file !== null} title={file ? t('groups.player.title', { name: file.name }) : ''} onDismiss={onClose}>
      {file && <PlayerBody key={file.id} file={file} />}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('groups.player.close')}
        </button>
      </div>
    </Dialog>
  );
}

function PlayerBody({ file }: { file: LibraryFile }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useGroupErrorText();
  const video = useRef<HTMLVideoElement>(null);
  const [source, setSource] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [failed, setFailed] = useState(false);
  /** Where to resume once a renewed link's video is ready. */
  const resumeAt = useRef<number | null>(null);
  const renewals = useRef(0);

  const load = async (signal?: AbortSignal) => {
    try {
      const url = await signedLink(api, '/api/group-files/{id}/download-link', file.id);
      if (!signal?.aborted) {
        setSource(url);
      }
    } catch (caught) {
      if (!signal?.aborted) {
        setError(caught);
      }
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
    // One link per file; renewals ask again from the error handler.
  }, [file.id]);

  // A link lasts minutes and a recorded session hours: when a range request fails (the link has
  // expired), ask for a new one and carry on from the same second.
  const renew = () => {
    const element = video.current;
    if (!element || renewals.current >= MAX_RENEWALS) {
      setFailed(true);
      return;
    }
    renewals.current += 1;
    resumeAt.current = element.currentTime;
    void load();
  };

  return (
    <figure className="video-player">
      {source && (
        <video
          ref={video}
          src={source}
          controls
          preload="metadata"
          aria-label={t('groups.player.video', { name: file.name })}
          onError={renew}
          onLoadedMetadata={(event) => {
            if (resumeAt.current !== null) {
              event.currentTarget.currentTime = resumeAt.current;
              resumeAt.current = null;
              void event.currentTarget.play().catch(() => undefined);
            }
          }}
          onPlaying={() => {
            renewals.current = 0;
          }}
        >
          {t('groups.player.unsupported')}
        </video>
      )}
      <figcaption>{t('groups.player.caption', { name: file.name })}</figcaption>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {failed && <Alert>{t('groups.player.failed')}</Alert>}
    </figure>
  );
}
