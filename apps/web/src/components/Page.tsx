import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

interface PageProps {
  /** Translated page name, used in the document title. */
  title: string;
  /** Translated main heading (the page's only h1). */
  heading: string;
  className?: string;
  /**
   * What makes a navigation a new page, whose h1 takes focus: the path by default. A page with
   * sections at their own paths passes its base path, so moving between sections keeps focus on the tab.
   */
  pageKey?: string;
  children?: ReactNode;
}

/**
 * Every page's frame: sets the translated document title and, after a client-side navigation (not on
 * the first load), moves focus to the h1 so keyboard and screen reader users start at the new content.
 */
export function Page({ title, heading, className, pageKey, children }: PageProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  // 'default' is the key of the location the app was loaded at; any other one came from a navigation.
  const navigated = location.key !== 'default';
  const key = pageKey ?? location.pathname;
  const previousKey = useRef<string | null>(null);
  useEffect(() => {
    if (navigated && previousKey.current !== key) {
      headingRef.current?.focus();
    }
    previousKey.current = key;
  }, [navigated, key]);

  return (
    <div className={className ? `page ${className}` : 'page'}>
      <h1 ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      {children}
    </div>
  );
}
