import { Link } from '../app/link.tsx';
import { paths, type SettingsSection } from '../app/router.ts';
import type { Role } from '../../api/contract.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { AccountSettings } from './account-settings.tsx';
import { AlertDestinations } from './alert-destinations.tsx';
import { AuditSettings } from './audit-settings.tsx';
import { BrandsSettings } from './brands-settings.tsx';
import { BusinessHoursSettings } from './business-hours-settings.tsx';
import { CannedSettings } from './canned-settings.tsx';
import { ChannelsSettings } from './channels-settings.tsx';
import { ReviewImportSettings } from './review-import-settings.tsx';
import { RoutingSettings } from './routing-settings.tsx';
import { SlaSettings } from './sla-settings.tsx';
import { TagsSettings } from './tags-settings.tsx';
import { TeamsSettings } from './teams-settings.tsx';
import { TokensSettings } from './tokens-settings.tsx';
import { TwoFactorRequirement } from './two-factor-requirement.tsx';

const sectionLabels: Record<SettingsSection, string> = {
  teams: 'Teams and members',
  brands: 'Brands and keywords',
  channels: 'Channels',
  reviews: 'Import reviews',
  routing: 'Routing rules',
  canned: 'Canned responses',
  tokens: 'API tokens',
  sla: 'SLA policies',
  hours: 'Business hours',
  alerts: 'Alert destinations',
  tags: 'Tags',
  audit: 'Audit log',
  account: 'Your account',
};

type SettingsPageProps = { workspaceId: string; section: SettingsSection; role: Role };

/** The workspace's settings, one section per page; changing them needs the admin role. */
export function SettingsPage({ workspaceId, section, role }: SettingsPageProps) {
  useDocumentTitle(`Settings: ${sectionLabels[section]}`);
  const canEdit = role === 'admin' || role === 'owner';
  return (
    <section className="settings" aria-labelledby="page-title">
      <h1 id="page-title">Settings</h1>
      <nav aria-label="Settings sections">
        <ul className="view-tabs">
          {(Object.keys(sectionLabels) as SettingsSection[]).map((name) => (
            <li key={name}>
              <Link
                href={paths.settings(workspaceId, name)}
                aria-current={name === section ? 'page' : undefined}
              >
                {sectionLabels[name]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!canEdit && section !== 'tokens' && section !== 'account' && section !== 'audit' ? (
        <p className="muted">Only admins and owners change these settings; you can look.</p>
      ) : null}
      {section === 'teams' ? <TeamsSettings workspaceId={workspaceId} canEdit={canEdit} /> : null}
      {section === 'teams' ? <TwoFactorRequirement workspaceId={workspaceId} role={role} /> : null}
      {section === 'brands' ? <BrandsSettings workspaceId={workspaceId} canEdit={canEdit} /> : null}
      {section === 'channels' ? (
        <ChannelsSettings workspaceId={workspaceId} canEdit={canEdit} />
      ) : null}
      {section === 'reviews' ? (
        <ReviewImportSettings workspaceId={workspaceId} canEdit={canEdit} />
      ) : null}
      {section === 'routing' ? (
        <RoutingSettings workspaceId={workspaceId} canEdit={canEdit} />
      ) : null}
      {section === 'canned' ? <CannedSettings workspaceId={workspaceId} canEdit={canEdit} /> : null}
      {section === 'tokens' ? (
        <TokensSettings workspaceId={workspaceId} role={role} canEdit={canEdit} />
      ) : null}
      {section === 'account' ? <AccountSettings /> : null}
      {section === 'sla' ? <SlaSettings workspaceId={workspaceId} canEdit={canEdit} /> : null}
      {section === 'hours' ? (
        <BusinessHoursSettings workspaceId={workspaceId} canEdit={canEdit} />
      ) : null}
      {section === 'tags' ? <TagsSettings workspaceId={workspaceId} canEdit={canEdit} /> : null}
      {section === 'audit' ? (
        canEdit ? (
          <AuditSettings workspaceId={workspaceId} />
        ) : (
          <p className="muted">Only admins and owners see the audit log.</p>
        )
      ) : null}
      {section === 'alerts' ? (
        <AlertDestinations workspaceId={workspaceId} canEdit={canEdit} />
      ) : null}
    </section>
  );
}
