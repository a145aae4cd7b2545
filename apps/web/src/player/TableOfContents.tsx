import { useTranslation } from 'react-i18next';
import type { PlayerItem } from './types';

type ItemStatus = 'completed' | 'passed' | 'failed' | 'incomplete' | 'notAttempted';

export function itemStatus(item: PlayerItem): ItemStatus {
  const { completion, success } = item.status;
  if (success === 'failed') {
    return 'failed';
  }
  if (success === 'passed') {
    return 'passed';
  }
  if (completion === 'completed') {
    return 'completed';
  }
  if (completion === 'incomplete') {
    return 'incomplete';
  }
  return 'notAttempted';
}

interface Props {
  items: PlayerItem[];
  current: string;
  /** Items sequencing allows choosing now; null = all. */
  allowed: ReadonlySet<string> | null;
  disabled: boolean;
  /** Phones: whether the collapsible panel is open (wider screens always show it). */
  open: boolean;
  /** Escape in the open panel (phones) closes it. */
  onClose: () => void;
  onChoose: (itemId: string) => void;
}

/**
 * The package's launchable items with their status (the open one is at least in progress) and, apart,
 * whether sequencing lets the learner choose it now; the current one is marked for assistive
 * technology too. Choosing an unavailable part asks the session, which says why it is refused.
 */
export function TableOfContents({ items, current, allowed, disabled, open, onClose, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <nav
      id="player-toc"
      className={open ? 'player-toc open' : 'player-toc'}
      aria-label={t('player.tocLabel')}
      onKeyDown={(event) => {
        if (open && event.key === 'Escape') {
          onClose();
        }
      }}
    >
      <h2>{t('player.tocHeading')}</h2>
      <ol>
        {items.map((item) => {
          const stored = itemStatus(item);
          const isCurrent = item.itemId === current;
          const status = isCurrent && stored === 'notAttempted' ? 'incomplete' : stored;
          const locked = allowed !== null && !allowed.has(item.itemId) && !isCurrent;
          return (
            <li key={item.itemId} className={isCurrent ? 'current' : undefined}>
              <button
                type="button"
                aria-current={isCurrent ? 'step' : undefined}
                aria-disabled={locked || disabled ? 'true' : undefined}
                data-item={item.itemId}
                onClick={() => {
                  if (!disabled && !isCurrent) {
                    onChoose(item.itemId);
                  }
                }}
              >
                <span className="toc-title">{item.title}</span>
                <span className={`toc-status toc-status-${status}`}>{t(`player.statuses.${status}`)}</span>
                {locked && <span className="toc-locked">{t('player.locked')}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
