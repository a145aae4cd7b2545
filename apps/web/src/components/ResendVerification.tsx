import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { publicApi } from '../api/client';
import { useErrorText } from '../i18n/errors';
import { Alert } from './Alert';
import { Field } from './Field';

interface ResendVerificationProps {
  /** The address to send to; when not known, the person types it. */
  email?: string;
}

/** Asks for the confirmation mail again (the API answers 202 whatever the address). */
export function ResendVerification({ email: knownEmail }: ResendVerificationProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [email, setEmail] = useState(knownEmail ?? '');
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'sending' }
    | { kind: 'sent'; email: string }
    | { kind: 'failed'; error: unknown; attempt: number }
  >({ kind: 'idle' });
  const attempts = useRef(0);
  const [missing, setMissing] = useState(false);

  const send = async () => {
    const address = email.trim();
    if (!address) {
      setMissing(true);
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    setMissing(false);
    setState({ kind: 'sending' });
    try {
      await publicApi.POST('/api/auth/resend-verification', { body: { email: address } });
      setState({ kind: 'sent', email: address });
    } catch (caught) {
      attempts.current += 1;
      setState({ kind: 'failed', error: caught, attempt: attempts.current });
    }
  };

  return (
    <form
      className="form resend"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void send();
      }}
    >
      {knownEmail === undefined && (
        <Field id={`${id}-email`} label={t('resend.email')} error={missing ? t('register.errors.emailRequired') : null}>
          {(control) => (
            <input
              {...control}
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
      )}
      <div>
        <button type="submit" className="button button-secondary" disabled={state.kind === 'sending'}>
          {state.kind === 'sending' ? t('resend.sending') : t('resend.submit')}
        </button>
      </div>
      <p role="status" className="status-text">
        {state.kind === 'sent' ? t('resend.sent', { email: state.email }) : ''}
      </p>
      {state.kind === 'failed' && <Alert key={state.attempt}>{errorText(state.error)}</Alert>}
    </form>
  );
}
