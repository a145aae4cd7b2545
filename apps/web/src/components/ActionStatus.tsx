import type { ActionState } from '../hooks/useActionState';
import { Alert } from './Alert';

/** The live region saying how an action goes (focusable, so focus can land on it), then its failure. */
export function ActionStatus({ state }: { state: Pick<ActionState, 'status' | 'failure' | 'statusRef'> }) {
  return (
    <>
      <p ref={state.statusRef} className="status-text" role="status" tabIndex={-1}>
        {state.status}
      </p>
      {state.failure && <Alert key={state.failure.attempt}>{state.failure.message}</Alert>}
    </>
  );
}
