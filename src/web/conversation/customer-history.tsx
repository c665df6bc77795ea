import { useState } from 'react';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { statusLabel } from '../text/labels.ts';
import { UserText } from '../text/user-text.tsx';
import { useCustomerHistory, type CustomerConversation } from './customer-api.ts';
import { CustomerLink } from './customer-link.tsx';
import './customer-history.css';

/** How many of the customer's other conversations show before "Show all". */
const shownAtFirst = 5;

type CustomerHistoryProps = { workspaceId: string; conversationId: string; contactId: string };

/**
 * The same customer's other conversations on any network (the contacts an agent linked as one
 * person), newest first, each a link; and the way to say "this is the same person as…".
 */
export function CustomerHistory({ workspaceId, conversationId, contactId }: CustomerHistoryProps) {
  const history = useCustomerHistory(workspaceId, conversationId);
  const [showAll, setShowAll] = useState(false);
  const conversations = history.data?.conversations ?? [];
  const shown = showAll ? conversations : conversations.slice(0, shownAtFirst);
  const elsewhere = (history.data?.contacts ?? []).filter((contact) => contact.id !== contactId);
  return (
    <section className="customer-history" aria-labelledby="customer-history-title">
      <h2 id="customer-history-title" className="customer-history__title">
        This customer’s other conversations
      </h2>
      {history.isError ? (
        <p role="alert" className="form-error">
          {history.error.message}
        </p>
      ) : null}
      {elsewhere.length > 0 ? (
        <p className="customer-history__identities muted">
          Also on{' '}
          {elsewhere
            .flatMap((contact) => contact.identities)
            .map((identity, index) => (
              <span key={`${identity.network}:${identity.handle}`}>
                {index > 0 ? ', ' : ''}
                {networkName(identity.network)} as <UserText text={`@${identity.handle}`} />
              </span>
            ))}
        </p>
      ) : null}
      {history.isSuccess && conversations.length === 0 ? (
        <p className="muted">No other conversations with this customer.</p>
      ) : null}
      {shown.length > 0 ? (
        <ol className="customer-history__list">
          {shown.map((item) => (
            <HistoryItem key={item.id} workspaceId={workspaceId} item={item} />
          ))}
        </ol>
      ) : null}
      {conversations.length > shownAtFirst ? (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show fewer' : `Show all ${conversations.length}`}
        </button>
      ) : null}
      <CustomerLink workspaceId={workspaceId} contactId={contactId} linked={elsewhere} />
    </section>
  );
}

function HistoryItem({ workspaceId, item }: { workspaceId: string; item: CustomerConversation }) {
  return (
    <li className="customer-history__item">
      <Link href={paths.conversation(workspaceId, item.id)} className="customer-history__link">
        <UserText text={item.preview || '(no text)'} />
      </Link>
      <span className="customer-history__meta">
        <span className="badge">{networkName(item.network)}</span>
        <span className={`badge badge--status badge--status-${item.status}`}>
          {statusLabel(item.status)}
        </span>
        <UserText text={item.brand.name} className="badge badge--brand" />
        <time className="muted" dateTime={item.lastMessageAt}>
          {formatAbsolute(item.lastMessageAt)}
        </time>
      </span>
    </li>
  );
}
