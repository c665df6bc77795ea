import { useQuery } from '@tanstack/react-query';
import { Link } from '../app/link.tsx';
import { paths, type SettingsSection } from '../app/router.ts';
import { request, ws } from '../api/client.ts';
import type { SetupChecklist } from '../../api/contract.ts';

const stepText: Record<
  SetupChecklist['steps'][number]['key'],
  { title: string; why: string; section: SettingsSection }
> = {
  brand: {
    title: 'Add your brand',
    why: 'its handles, keywords and hashtags are what Earshot listens for',
    section: 'brands',
  },
  channel: {
    title: 'Connect a network',
    why: 'Bluesky, Mastodon, X, Facebook and Instagram, review sites, or a webhook',
    section: 'channels',
  },
  team: {
    title: 'Create a team',
    why: 'routing sends each mention to the people who can answer it',
    section: 'teams',
  },
  sla: {
    title: 'Set an SLA policy',
    why: 'how fast you promise to answer, so late conversations rise to the top',
    section: 'sla',
  },
  teammates: {
    title: 'Invite your teammates',
    why: 'share the inbox; nights and weekends too',
    section: 'teams',
  },
};

export const setupKey = (workspaceId: string) => ['setup', workspaceId] as const;

/**
 * "Get started": the steps a new workspace needs, each a link to where it is done, ticked from
 * the workspace's real state. Gone once every step is done.
 */
export function FirstRunChecklist({ workspaceId }: { workspaceId: string }) {
  const setup = useQuery({
    queryKey: setupKey(workspaceId),
    queryFn: () => request<SetupChecklist>('GET', `${ws(workspaceId)}/setup`),
    // Steps are done on other pages (Settings, by other people too): one small read per visit.
    refetchOnMount: 'always',
  });
  if (!setup.data || setup.data.complete) return null;
  const done = setup.data.steps.filter((step) => step.done).length;
  const next = setup.data.steps.find((step) => !step.done);
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">
        Get started{' '}
        <span className="muted first-run__count">
          {done} of {setup.data.steps.length} done
        </span>
      </h2>
      <ol className="first-run__steps">
        {setup.data.steps.map((step) => {
          const text = stepText[step.key];
          return (
            <li
              key={step.key}
              className={step.done ? 'first-run__step first-run__step--done' : 'first-run__step'}
            >
              <span className="first-run__mark" aria-hidden="true">
                {step.done ? '✓' : ''}
              </span>
              <Link href={paths.settings(workspaceId, text.section)}>
                {text.title}
                <span className="visually-hidden">{step.done ? ' (done)' : ' (to do)'}</span>
              </Link>
            </li>
          );
        })}
      </ol>
      {next ? (
        <p className="muted first-run__next">
          Next, {stepText[next.key].title.toLowerCase()}: {stepText[next.key].why}.
        </p>
      ) : null}
    </section>
  );
}
