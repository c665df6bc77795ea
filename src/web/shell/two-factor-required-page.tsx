import { useLogout } from '../api/queries.ts';
import { TwoFactorSettings } from '../settings/two-factor-settings.tsx';
import { useDocumentTitle } from './status-message.tsx';

/**
 * What a member without two-factor sign-in sees of a workspace whose owner requires it: the
 * enrolment, and nothing else of the workspace (its routes answer 403 two_factor_required).
 */
export function TwoFactorRequiredPage({ workspaceName }: { workspaceName: string }) {
  useDocumentTitle('Two-factor sign-in required');
  const logout = useLogout();
  return (
    <main className="status-page">
      <div className="settings">
        <h1>Two-factor sign-in required</h1>
        <p>{workspaceName} requires two-factor sign-in. Set it up for your account to continue.</p>
        <TwoFactorSettings />
        <button type="button" className="button" onClick={() => logout.mutate()}>
          Log out
        </button>
      </div>
    </main>
  );
}
