import { useEffect } from 'react';
import { useSession } from '../api/queries.ts';
import type { Role } from '../../api/contract.ts';
import { AlertsPage } from '../alerts/alerts-page.tsx';
import { ApprovalQueuePage } from '../conversation/approval-queue-page.tsx';
import { CampaignPage } from '../campaigns/campaign-page.tsx';
import { CampaignsPage } from '../campaigns/campaigns-page.tsx';
import { DashboardPage } from '../dashboard/dashboard-page.tsx';
import { IdeasPage } from '../ideas/ideas-page.tsx';
import { IdeaNoticesPage } from '../ideas/idea-notices-page.tsx';
import { InboxWorkspace } from '../inbox/inbox-workspace.tsx';
import { ModerationPage } from '../moderation/moderation-page.tsx';
import { QualityPage } from '../quality/quality-page.tsx';
import { AppShell } from '../shell/app-shell.tsx';
import { AcceptInvitePage, ResetPasswordPage } from '../shell/account-pages.tsx';
import { LoginPage } from '../shell/login-page.tsx';
import { SettingsPage } from '../settings/settings-page.tsx';
import { StatusMessage } from '../shell/status-message.tsx';
import { TwoFactorRequiredPage } from '../shell/two-factor-required-page.tsx';
import { navigate, paths, useRoute, type Route } from './router.ts';

export function App() {
  const session = useSession();
  const route = useRoute();
  const firstWorkspace = session.data?.memberships[0]?.workspaceId;
  const needsRedirect = route.page === 'login' || route.page === 'home';

  useEffect(() => {
    if (session.data && needsRedirect && firstWorkspace) {
      navigate(paths.inbox(firstWorkspace), { replace: true });
    }
  }, [session.data, needsRedirect, firstWorkspace]);

  // Reached from a one-time link: shown whoever is signed in, before the session is known.
  if (route.page === 'invite') return <AcceptInvitePage />;
  if (route.page === 'reset-password') return <ResetPasswordPage />;
  if (session.isPending) return <StatusMessage title="Loading Earshot…" />;
  if (session.isError) {
    return (
      <StatusMessage title="Earshot is not reachable" tone="error">
        {session.error.message} Reload the page to try again.
      </StatusMessage>
    );
  }
  if (!session.data) return <LoginPage />;
  if (!firstWorkspace) {
    return (
      <StatusMessage title="No workspace yet">
        Your account is not a member of any workspace. Ask an owner to invite you.
      </StatusMessage>
    );
  }
  if (needsRedirect) return <StatusMessage title="Loading Earshot…" />;

  const workspaceId = 'workspaceId' in route ? route.workspaceId : firstWorkspace;
  const membership = session.data.memberships.find((m) => m.workspaceId === workspaceId);
  if (membership?.requireTwoFactor && !session.data.twoFactorEnabled)
    return <TwoFactorRequiredPage workspaceName={membership.workspaceName} />;
  return (
    <AppShell session={session.data} workspaceId={workspaceId} route={route}>
      {membership ? (
        <Page route={route} userId={session.data.user.id} role={membership.role} />
      ) : (
        <StatusMessage title="Page not found" inline>
          This workspace does not exist or you are not a member of it.
        </StatusMessage>
      )}
    </AppShell>
  );
}

const emptySearch = new URLSearchParams();

function Page({ route, userId, role }: { route: Route; userId: string; role: Role }) {
  switch (route.page) {
    // One element for both, so the list beside an open conversation stays mounted (its place,
    // its selection) while the agent moves from one conversation to the next.
    case 'inbox':
    case 'conversation':
      return (
        <InboxWorkspace
          workspaceId={route.workspaceId}
          conversationId={route.page === 'conversation' ? route.conversationId : null}
          search={route.page === 'inbox' ? route.search : emptySearch}
          userId={userId}
        />
      );
    case 'settings':
      return <SettingsPage workspaceId={route.workspaceId} section={route.section} role={role} />;
    case 'reports':
      return <DashboardPage workspaceId={route.workspaceId} />;
    case 'ideas':
      return <IdeasPage workspaceId={route.workspaceId} role={role} />;
    case 'idea':
      return (
        <IdeaNoticesPage
          key={route.ideaId}
          workspaceId={route.workspaceId}
          ideaId={route.ideaId}
          role={role}
        />
      );
    case 'campaigns':
      return <CampaignsPage workspaceId={route.workspaceId} role={role} />;
    case 'campaign':
      return (
        <CampaignPage
          key={route.campaignId}
          workspaceId={route.workspaceId}
          campaignId={route.campaignId}
          role={role}
        />
      );
    case 'alerts':
      return <AlertsPage workspaceId={route.workspaceId} canAcknowledge={role !== 'viewer'} />;
    case 'approvals':
      return <ApprovalQueuePage workspaceId={route.workspaceId} />;
    case 'moderation':
      return <ModerationPage workspaceId={route.workspaceId} />;
    case 'quality':
      return <QualityPage workspaceId={route.workspaceId} userId={userId} role={role} />;
    default:
      return (
        <StatusMessage title="Page not found" inline>
          There is nothing at this address.
        </StatusMessage>
      );
  }
}
