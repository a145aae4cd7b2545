import { useCallback, useRef, useState } from 'react';

/** A failure to show in an Alert; a new `attempt` re-mounts it, so the same message is announced again. */
export interface Failure {
  message: string;
  attempt: number;
}

export function nextFailure(previous: Failure | null, message: string): Failure {
  return { message, attempt: (previous?.attempt ?? 0) + 1 };
}

export interface ActionState {
  busy: boolean;
  /** The last progress or outcome sentence, for a role="status" live region (see ActionStatus). */
  status: string;
  failure: Failure | null;
  /** The status element: focus goes there when an action ends, as the row acted on may be gone. */
  statusRef: React.RefObject<HTMLParagraphElement | null>;
  /** An action begins: busy, its progress said, the last failure cleared. */
  start: (message?: string) => void;
  /** It ended well: the outcome said and focused (after any dialog has closed). */
  succeed: (message: string) => void;
  /** It failed: not busy, the failure shown; focus goes to `focus` when given (the field in trouble). */
  fail: (message: string, focus?: HTMLElement | null) => void;
  /** Forgets the last failure (e.g. a dialog opens again). */
  clearFailure: () => void;
  /** Not busy any more; what was said stays, unless `message` replaces it. */
  stop: (message?: string) => void;
}

/** The busy / status / failure state of the actions of one page section, with focus handling. */
export function useActionState(): ActionState {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const start = useCallback((message = '') => {
    setBusy(true);
    setFailure(null);
    setStatus(message);
  }, []);
  const succeed = useCallback((message: string) => {
    setBusy(false);
    setStatus(message);
    // After a dialog has closed: the page behind a modal dialog cannot take focus.
    window.setTimeout(() => statusRef.current?.focus(), 0);
  }, []);
  const fail = useCallback((message: string, focus?: HTMLElement | null) => {
    setBusy(false);
    setStatus('');
    setFailure((previous) => nextFailure(previous, message));
    if (focus) {
      window.setTimeout(() => focus.focus(), 0);
    }
  }, []);
  const stop = useCallback((message?: string) => {
    setBusy(false);
    if (message !== undefined) {
      setStatus(message);
    }
  }, []);
  const clearFailure = useCallback(() => setFailure(null), []);
  return { busy, status, failure, statusRef, start, succeed, fail, clearFailure, stop };
}
