import { useId, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../hooks/useActionState';
import { Alert } from './Alert';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  /** The cancel button's text, when not the usual "Cancel". */
  cancelLabel?: string;
  busy: boolean;
  /** A failure of the confirmed action, shown in the dialog (a new `attempt` announces it again). */
  failure: Failure | null;
  danger?: boolean;
  /** Said in the dialog's live region while the action runs (e.g. "Ending…"). */
  busyText?: string;
  /** Where focus goes when the dialog closes, when set by then (after success); else back to the opener. */
  returnFocus?: RefObject<HTMLElement | null>;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action that is hard to undo; focus starts on Cancel, the safe choice. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  busy,
  failure,
  danger = true,
  busyText,
  returnFocus,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      title={title}
      onDismiss={onCancel}
      initialFocus={cancelRef}
      returnFocus={returnFocus}
      describedBy={`${id}-body`}
    >
      <p id={`${id}-body`}>{body}</p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      {busyText !== undefined && (
        <p className="status-text" role="status">
          {busy ? busyText : ''}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className={danger ? 'button button-danger' : 'button button-primary'}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          {cancelLabel ?? t('dialog.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

export { nextFailure, type Failure } from '../hooks/useActionState';
