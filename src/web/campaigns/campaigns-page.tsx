import type { Role } from '../../api/contract.ts';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { CampaignForm } from './campaign-form.tsx';
import { useCampaigns } from './campaigns-client.ts';
import './campaigns.css';

/** Share contests: the brand's posts people are asked to share, counted from what is heard. */
export function CampaignsPage({ workspaceId, role }: { workspaceId: string; role: Role }) {
  useDocumentTitle('Campaigns');
  const campaigns = useCampaigns(workspaceId);
  const items = campaigns.data?.items ?? [];
  const canManage = role === 'admin' || role === 'owner';
  return (
    <section className="settings campaigns" aria-labelledby="page-title">
      <h1 id="page-title">Campaigns</h1>
      <p className="muted">
        Share contests on the brand’s own posts: the replies people post in their threads are heard
        live, counted per person and ranked; winners are picked in a way anyone can check.
      </p>
      {campaigns.isError ? (
        <p role="alert" className="form-error">
          The campaigns did not load: {campaigns.error.message}
        </p>
      ) : null}
      {campaigns.isPending ? <p className="muted">Loading campaigns…</p> : null}
      {campaigns.isSuccess && items.length === 0 ? (
        <p className="muted">No campaigns yet.</p>
      ) : (
        <ul className="settings-list" aria-label="Campaigns">
          {items.map((campaign) => (
            <li key={campaign.id} className="settings-card">
              <Link href={paths.campaign(workspaceId, campaign.id)}>
                <UserText text={campaign.name} />
              </Link>{' '}
              <span className="muted">
                {formatAbsolute(campaign.startsAt)} – {formatAbsolute(campaign.endsAt)}
                {campaign.requiredHashtag ? (
                  <>
                    {' · #'}
                    <UserText text={campaign.requiredHashtag} />
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canManage ? <CampaignForm workspaceId={workspaceId} /> : null}
    </section>
  );
}
