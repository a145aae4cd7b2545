import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

interface DialogProps {
  open: boolean;
  /** The dialog's name: its h2 and aria-labelledby. */
  title: string;
  /** Escape, or anything else closing the dialog that the page did not ask for. */
  onDismiss: () => void;
  /** What gets focus when the dialog opens (else the browser's choice: the first focusable element). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes when the dialog closes, when set by then; else back to what opened it. */
  returnFocus?: RefObject<HTMLElement | null>;
  describedBy?: string;
  children: ReactNode;
}

/**
 * A modal <dialog> opened with showModal(): the browser keeps focus inside it and makes the page
 * behind it inert, and Escape closes it.
 */
export function Dialog({ open, title, onDismiss, initialFocus, returnFocus, describedBy, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<HTMLElement | null>(null);
  const wanted = useRef(open);
  wanted.current = open;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    if (!open && opener.current) {
      const target = returnFocus?.current ?? (opener.current.isConnected ? opener.current : null);
      opener.current = null;
      target?.focus();
    }
  }, [open, initialFocus, returnFocus]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onClose={() => {
        // Closed by the browser (Escape): tell the page, which still thinks it is open.
        if (wanted.current) {
          onDismiss();
        }
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
