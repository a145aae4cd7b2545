import { Link } from 'react-router';

export interface SectionTab {
  key: string;
  to: string;
  label: string;
}

/**
 * The sections of one page as links, each with its own URL; the current one is marked with
 * aria-current="page" (and by weight and a bar, not colour alone). Plain links: Tab moves between
 * them and Enter opens one.
 */
export function SectionTabs({ label, tabs, current }: { label: string; tabs: SectionTab[]; current: string }) {
  return (
    <nav className="section-tabs" aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link to={tab.to} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
