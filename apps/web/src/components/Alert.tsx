import { useEffect, useRef, type ReactNode } from 'react';

interface AlertProps {
  id?: string;
  /** Move focus to the alert when it appears (so the keyboard user continues from there). */
  takeFocus?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * An error message in role="alert". Mount a new one per failure (change its `key`), so a repeated
 * error is announced and focused again.
 */
export function Alert({ id, takeFocus = true, className, children }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) {
      ref.current?.focus();
    }
  }, [takeFocus]);
  return (
    <div id={id} ref={ref} className={className ? `alert ${className}` : 'alert'} role="alert" tabIndex={-1}>
      {children}
    </div>
  );
}
