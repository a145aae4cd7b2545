import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import type { Failure } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { formatNumber } from '../../i18n/format';

export const REASON_MAX = 1000;

/** Who a rejection is about: one row, or the selected ones. */
export interface RejectTarget {
  ids: string[];
  /** The person's name when there is one only. */
  name: string | null;
}

interface Props {
  target: RejectTarget | null;
  busy: boolean;
  failure: Failure | null;
  returnFocus: RefObject<HTMLElement | null>;
  nameOf: (userId: string) => string;
  /** Called with the reason, trimmed and not empty. */
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for the reason of a rejection (required, sent to the person); focus starts in the reason. */
export function RejectDialog({ target, busy, failure, returnFocus, nameOf, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const opened = target !== null;
  // Each opening starts with an empty reason.
  useEffect(() => {
    if (opened) {
      setReason('');
      setReasonError(null);
    }
  }, [opened]);

  return (
    <Dialog
      open={opened}
      title={
        target?.name && target.ids.length === 1
          ? t('registrations.rejectDialogOne', { name: target.name })
          : t('registrations.rejectDialogMany', { number: formatNumber(target?.ids.length ?? 0, language) })
      }
      onDismiss={onCancel}
      initialFocus={reasonRef}
      returnFocus={returnFocus}
      describedBy={`${id}-reject-intro`}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!target || busy) {
            return;
          }
          const text = reason.trim();
          if (!text) {
            setReasonError(t('registrations.reasonRequired'));
            reasonRef.current?.focus();
            return;
          }
          setReasonError(null);
          onConfirm(text);
        }}
      >
        <p id={`${id}-reject-intro`}>
          {target && target.ids.length > 1
            ? t('registrations.rejectIntroMany', { names: target.ids.map(nameOf).join(', ') })
            : t('registrations.rejectIntroOne')}
        </p>
        {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
        <Field
          id={`${id}-reason`}
          label={t('registrations.reason')}
          help={t('registrations.reasonHelp', { max: formatNumber(REASON_MAX, language) })}
          error={reasonError}
        >
          {(control) => (
            <textarea
              {...control}
              ref={reasonRef}
              rows={4}
              maxLength={REASON_MAX}
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <p className="status-text" role="status">
          {busy && target ? t('registrations.rejectingNow') : ''}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="button button-danger" disabled={busy}>
            {t('registrations.confirmReject')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
