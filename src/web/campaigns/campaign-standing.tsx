import type { CampaignDetail } from '../../api/contract.ts';
import { networkName } from '../../domain/networks.ts';
import { formatAbsolute, formatCount } from '../text/format-time.ts';
import { safeHref } from '../text/safe-href.ts';
import { UserText } from '../text/user-text.tsx';
import { byKindText, shareKindLabels } from './campaign-labels.ts';

/** Who shared most, ranked by the stated tie-break. */
export function CampaignLeaderboard({ campaign }: { campaign: CampaignDetail }) {
  return (
    <section aria-labelledby="campaign-leaderboard">
      <h2 id="campaign-leaderboard">Leaderboard</h2>
      <p className="muted">Ranked by {campaign.tieBreak}.</p>
      {campaign.leaderboard.length === 0 ? (
        <p className="muted">No counted shares yet.</p>
      ) : (
        <table className="campaign-table">
          <caption className="visually-hidden">Leaderboard</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Who</th>
              <th scope="col">Shares</th>
              <th scope="col">Entries</th>
              <th scope="col">First share</th>
              <th scope="col">Followers</th>
            </tr>
          </thead>
          <tbody>
            {campaign.leaderboard.map((entry) => (
              <tr key={entry.authorExternalId}>
                <td>{entry.rank}</td>
                <th scope="row">
                  @<UserText text={entry.authorHandle} />
                </th>
                <td>
                  {entry.shares} <span className="muted">({byKindText(entry.byKind)})</span>
                </td>
                <td>{entry.entries}</td>
                <td>{formatAbsolute(entry.firstSharedAt)}</td>
                <td>{entry.followers === null ? '–' : formatCount(entry.followers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Every counted share, newest first, each with its link on the network. */
export function CountedShares({ campaign }: { campaign: CampaignDetail }) {
  const newestFirst = [...campaign.shares].reverse();
  return (
    <section aria-labelledby="campaign-shares">
      <h2 id="campaign-shares">Counted shares ({campaign.shares.length})</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">
          None yet: the shares the campaign counts (replies in the threads of its posts, quotes,
          reposts) appear here as they are heard.
        </p>
      ) : (
        <ul className="settings-list campaign-shares" aria-label="Counted shares">
          {newestFirst.map((share) => {
            const href = safeHref(share.url);
            return (
              <li key={share.mentionId ?? share.repostId} className="settings-card">
                <p>
                  <strong>
                    @<UserText text={share.authorHandle} />
                  </strong>{' '}
                  <span className="muted">
                    {shareKindLabels[share.kind]} on {networkName(share.network)},{' '}
                    {formatAbsolute(share.postedAt)}
                    {share.sentiment ? `, ${share.sentiment}` : ''}
                  </span>{' '}
                  {href ? (
                    <a
                      href={href}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={
                        share.kind === 'repost'
                          ? `Open the profile of @${share.authorHandle}`
                          : `Open the post by @${share.authorHandle}`
                      }
                    >
                      {share.kind === 'repost' ? 'Open the profile' : 'Open the post'}
                    </a>
                  ) : null}
                </p>
                {share.kind === 'repost' ? (
                  <p className="muted">Reposted the campaign’s post.</p>
                ) : (
                  <UserText as="p" className="campaign-share__text" text={share.text} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
