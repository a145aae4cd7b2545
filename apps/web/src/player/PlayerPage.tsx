import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../auth/api';
import { takeLaunchToken } from './launch-url';
import type { Refusal } from './nav-reasons';
import { loadPlayerData, PlayerError, PlayerSession, type Navigation, type SessionState } from './player-session';
import { TableOfContents } from './TableOfContents';
import type { PlayerData } from './types';
import './player.css';

type Failure = 'token' | 'notFound' | 'expired' | 'network' | 'switch';

/** The sentence that says why sequencing refused a move, in the interface language. */
export function useRefusalText(): (refusal: Refusal) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (refusal: Refusal) => {
      const parts = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(refusal.parts);
      return t(`player.refusals.${refusal.reason}`, { parts });
    },
    [t, i18n.language],
  );
}

function failureOf(error: unknown): Failure {
  if (error instanceof PlayerError || error instanceof ApiError) {
    if (error.status === 401) {
      return 'expired';
    }
    if (error.status === 404) {
      return 'notFound';
    }
    return error.status === 0 ? 'token' : 'network';
  }
  return 'network';
}

/**
 * `/play/:attemptId#token=…`: the SCORM player, outside the app's chrome, usable without a session
 * (the launch token is enough). The content is framed from the content origin by the session's own
 * stage, laid out beside the bar and the table of contents.
 */
export default function PlayerPage() {
  const { t } = useTranslation();
  const { attemptId = '' } = useParams();
  const navigate = useNavigate();
  const [data, setData] = useState<PlayerData | null>(null);
  const [state, setState] = useState<SessionState>('loading');
  const [navigation, setNavigation] = useState<Navigation | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** Counts refusals, so that the same sentence shown again is a new alert (announced again). */
  const [refusals, setRefusals] = useState(0);
  /** Phones: the contents panel is collapsed until asked for (wider screens always show it). */
  const [tocOpen, setTocOpen] = useState(false);
  const refusalText = useRefusalText();
  const barRef = useRef<HTMLElement>(null);
  const tocToggleRef = useRef<HTMLButtonElement>(null);
  const sessionRef = useRef<PlayerSession | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = data !== null;

  useEffect(() => {
    const token = takeLaunchToken(attemptId);
    if (!token) {
      setFailure('token');
      return;
    }
    const aborted = { current: false };
    let session: PlayerSession | null = null;
    loadPlayerData(attemptId, token).then(
      (loaded) => {
        if (aborted.current) {
          return;
        }
        setData(loaded);
        session = new PlayerSession(loaded, token, {
          onData: setData,
          onState: setState,
          onNavigation: setNavigation,
          onRefusal: (next) => {
            setRefusal(next);
            if (next) {
              setRefusals((count) => count + 1);
            }
          },
          onError: (error) => setFailure(failureOf(error) === 'network' ? 'switch' : failureOf(error)),
          onExitRequested: () => {
            const course = session?.current.courseUrl;
            void session?.leave().then(() => navigate(course ?? '/my-learning'));
          },
        });
        sessionRef.current = session;
        session.setLayout(loaded.items.length > 1);
        session.start();
      },
      (error: unknown) => {
        if (!aborted.current) {
          setFailure(failureOf(error));
        }
      },
    );
    return () => {
      aborted.current = true;
      // In-app navigation away: the SCO still gets its graceful unload, the page does not wait.
      if (session) {
        session.detach();
        void session.leave();
      }
      sessionRef.current = null;
    };
    // The attempt of the URL the page was opened at; later items replace the URL themselves.
  }, []);

  // The content and the contents panel start below the bar, however tall it wraps (phones, long
  // titles, an explanation shown under it): nothing is drawn under it.
  useEffect(() => {
    const bar = barRef.current;
    if (!bar) {
      return;
    }
    const root = document.documentElement;
    const measure = () =>
      root.style.setProperty('--player-bar-height', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--player-bar-height');
    };
  }, [failure, loaded]);

  // A new part: the last refusal no longer applies, and a phone's contents panel closes.
  const shownItem = data?.attempt.itemId;
  useEffect(() => {
    setRefusal(null);
    setTocOpen(false);
  }, [shownItem]);

  // Keyboard and screen reader users start at the player's heading, as on every page of the app.
  useEffect(() => {
    if (loaded) {
      headingRef.current?.focus();
    }
  }, [loaded]);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: data ? data.course.title : t('player.title') });
  }, [t, data]);

  const exit = useCallback(async () => {
    const session = sessionRef.current;
    const course = session?.current.courseUrl ?? '/my-learning';
    if (session) {
      await session.leave();
    }
    void navigate(course);
  }, [navigate]);

  const currentItem = data?.items.find((item) => item.itemId === data.attempt.itemId);
  const multi = (data?.items.length ?? 0) > 1;
  const busy = state === 'switching' || state === 'leaving' || state === 'loading';
  const review = data?.attempt.mode === 'review';
  const statusText =
    state === 'switching'
      ? t('player.switching')
      : state === 'leaving'
        ? t('player.leaving')
        : state === 'ended'
          ? t('player.ended')
          : data && state === 'running'
            ? review
              ? t('player.reviewEntered', { title: currentItem?.title ?? data.package.title })
              : t('player.nowShowing', { title: currentItem?.title ?? data.package.title })
            : '';
  const why = (request: 'continue' | 'previous') => {
    const reason = navigation?.why[request];
    return reason ? refusalText(reason) : undefined;
  };

  if (failure && !data) {
    return (
      <main className="player-failure page">
        <h1>{t('player.title')}</h1>
        <p role="alert">{t(`player.failures.${failure}`)}</p>
        <p>
          <Link to="/my-learning">{t('player.toMyLearning')}</Link>
        </p>
      </main>
    );
  }

  return (
    <div className={multi ? 'player with-toc' : 'player'}>
      <header className="player-bar" ref={barRef}>
        <div className="player-bar-row">
          <div className="player-titles">
            <h1 ref={headingRef} tabIndex={-1}>
              {data ? data.course.title : t('player.title')}
            </h1>
            {data && multi && currentItem && <p className="player-item-title">{currentItem.title}</p>}
          </div>
          {review && <p className="player-review badge">{t('player.review')}</p>}
          {data && multi && (
            <button
              type="button"
              ref={tocToggleRef}
              className="button button-secondary player-toc-toggle"
              aria-expanded={tocOpen}
              aria-controls="player-toc"
              onClick={() => setTocOpen((open) => !open)}
            >
              {t('player.tocToggle')}
            </button>
          )}
          {multi && navigation && (
            <div className="player-flow" role="group" aria-label={t('player.flowLabel')}>
              {(['previous', 'continue'] as const).map((request) => {
                const explanation = why(request);
                return (
                  <button
                    key={request}
                    type="button"
                    className="button button-secondary"
                    data-request={request}
                    disabled={busy}
                    aria-disabled={!navigation[request] ? 'true' : undefined}
                    aria-describedby={explanation ? `player-why-${request}` : undefined}
                    title={explanation}
                    onClick={() => void sessionRef.current?.navigate(request)}
                  >
                    {t(request === 'previous' ? 'player.previous' : 'player.next')}
                  </button>
                );
              })}
              {(['previous', 'continue'] as const).map((request) =>
                why(request) ? (
                  <span key={request} id={`player-why-${request}`} className="visually-hidden">
                    {why(request)}
                  </span>
                ) : null,
              )}
            </div>
          )}
          <nav className="player-links" aria-label={t('player.linksLabel')}>
            {data && <Link to={data.courseUrl}>{t('player.toCourse')}</Link>}
            <Link to="/my-learning">{t('player.toMyLearning')}</Link>
          </nav>
          <button
            type="button"
            className="button button-primary player-exit"
            disabled={state === 'leaving'}
            onClick={() => void exit()}
          >
            {t('player.exit')}
          </button>
        </div>
        {refusal && (
          <div className="player-notice" role="alert" key={refusals}>
            <p>{refusalText(refusal)}</p>
            <button type="button" className="button button-secondary" onClick={() => setRefusal(null)}>
              {t('player.dismiss')}
            </button>
          </div>
        )}
      </header>
      {data && multi && (
        <TableOfContents
          items={data.items}
          current={data.attempt.itemId}
          allowed={navigation?.choice ?? null}
          disabled={busy}
          open={tocOpen}
          onClose={() => {
            setTocOpen(false);
            tocToggleRef.current?.focus();
          }}
          onChoose={(itemId) => void sessionRef.current?.choose(itemId)}
        />
      )}
      <p className="player-status visually-hidden" role="status" aria-live="polite">
        {statusText}
      </p>
      {failure && data && (
        <p className="player-error" role="alert">
          {t(`player.failures.${failure}`)}
        </p>
      )}
      {!data && !failure && (
        <p className="loading player-loading" role="status">
          {t('loading')}
        </p>
      )}
    </div>
  );
}
