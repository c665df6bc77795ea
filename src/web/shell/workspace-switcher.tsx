import { navigate, paths } from '../app/router.ts';
import type { Membership } from '../../api/contract.ts';

type WorkspaceSwitcherProps = { memberships: Membership[]; workspaceId: string };

/** A native select: keyboard and screen-reader support for free, and it fits small screens. */
export function WorkspaceSwitcher({ memberships, workspaceId }: WorkspaceSwitcherProps) {
  if (memberships.length <= 1) {
    return <span className="workspace-name">{memberships[0]?.workspaceName}</span>;
  }
  return (
    <div className="workspace-switcher">
      <label htmlFor="workspace-switcher" className="visually-hidden">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        value={workspaceId}
        onChange={(event) => navigate(paths.inbox(event.target.value))}
      >
        {memberships.map((m) => (
          <option key={m.workspaceId} value={m.workspaceId}>
            {m.workspaceName}
          </option>
        ))}
      </select>
    </div>
  );
}
