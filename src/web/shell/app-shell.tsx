import { useState, type ReactNode } from 'react';
import { AlertIndicator } from '../alerts/alert-indicator.tsx';
import { NoteMentionsIndicator } from '../conversation/note-mentions-indicator.tsx';
import { Link } from '../app/link.tsx';
import { navigate, paths, type Route } from '../app/router.ts';
import { useLiveUpdates } from '../api/live-updates.ts';
import type { Session } from '../../api/contract.ts';
import { focusSearch } from '../keyboard/focus.ts';
import { HelpOverlay } from '../keyboard/help-overlay.tsx';
import { useShortcuts } from '../keyboard/use-shortcuts.ts';
import { AvailabilitySwitch } from './availability-switch.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { UserMenu } from './user-menu.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

type AppShellProps = { session: Session; workspaceId: string; route: Route; children: ReactNode };

const sections = [
  { page: 'inbox', label: 'Inbox' },
  { page: 'ideas', label: 'Ideas' },
  { page: 'campaigns', label: 'Campaigns' },
  { page: 'moderation', label: 'Moderation' },
  { page: 'alerts', label: 'Alerts' },
  { page: 'approvals', label: 'Approvals' },
  { page: 'quality', label: 'Quality' },
  { page: 'reports', label: 'Reports' },
  { page: 'settings', label: 'Settings' },
] as const;

/** Header, navigation and the page: the frame every signed-in page shares. */
export function AppShell({ session, workspaceId, route, children }: AppShellProps) {
  const current =
    route.page === 'conversation'
      ? 'inbox'
      : route.page === 'idea'
        ? 'ideas'
        : route.page === 'campaign'
          ? 'campaigns'
          : route.page;
  // One stream per workspace for every page: it keeps whatever is on screen fresh.
  const live = useLiveUpdates(workspaceId);
  const [helpOpen, setHelpOpen] = useState(false);
  const role = session.memberships.find((m) => m.workspaceId === workspaceId)?.role;
  const canTakeConversations = role !== undefined && role !== 'viewer';
  useShortcuts({
    '?': () => setHelpOpen(true),
    '/': () => {
      if (focusSearch()) return;
      navigate(paths.inbox(workspaceId));
      // The inbox renders on the next frames; its search box takes the focus when it exists.
      let tries = 10;
      const retry = () => {
        if (!focusSearch() && (tries -= 1) > 0) requestAnimationFrame(retry);
      };
      requestAnimationFrame(retry);
    },
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <Link className="brand-mark" href={paths.inbox(workspaceId)}>
          Earshot
        </Link>
        <WorkspaceSwitcher memberships={session.memberships} workspaceId={workspaceId} />
        <LiveIndicator state={live} />
        <AlertIndicator workspaceId={workspaceId} />
        <NoteMentionsIndicator workspaceId={workspaceId} />
        <button
          type="button"
          className="button button--quiet shortcuts-button"
          aria-label="Keyboard shortcuts"
          aria-haspopup="dialog"
          onClick={() => setHelpOpen(true)}
        >
          ?
        </button>
        {canTakeConversations ? (
          <AvailabilitySwitch workspaceId={workspaceId} userId={session.user.id} />
        ) : null}
        <UserMenu user={session.user} />
      </header>
      <nav className="shell__nav" aria-label="Main">
        <ul>
          {sections.map(({ page, label }) => (
            <li key={page}>
              <Link
                href={
                  page === 'inbox' ? paths.inbox(workspaceId) : paths.section(workspaceId, page)
                }
                aria-current={current === page ? 'page' : undefined}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
      <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
