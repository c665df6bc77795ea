import { useId, useState, type FormEvent } from 'react';
import { networkName } from '../../domain/networks.ts';
import { UserText } from '../text/user-text.tsx';
import { ActionOutcome } from './mention-tools.tsx';
import { useContactSearch, useSamePersonActions, type CustomerContact } from './customer-api.ts';

type CustomerLinkProps = {
  workspaceId: string;
  contactId: string;
  /** The other contacts already linked to this customer. */
  linked: CustomerContact[];
};

const contactLabel = (contact: CustomerContact) =>
  contact.identities.length > 0
    ? contact.identities
        .map((identity) => `@${identity.handle} on ${networkName(identity.network)}`)
        .join(', ')
    : contact.displayName;

/** "Same person as…": find the customer's contact on another network and link it, or unlink. */
export function CustomerLink({ workspaceId, contactId, linked }: CustomerLinkProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [searched, setSearched] = useState('');
  const [message, setMessage] = useState('');
  const search = useContactSearch(workspaceId, searched);
  const actions = useSamePersonActions(workspaceId);
  const ids = { search: useId(), results: useId() };
  const linkedIds = new Set(linked.map((contact) => contact.id));
  const results = (search.data?.items ?? []).filter(
    (contact) => contact.id !== contactId && !linkedIds.has(contact.id),
  );
  const error = actions.link.error ?? actions.unlink.error ?? search.error;

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearched(draft.trim());
  };
  const link = (contact: CustomerContact) =>
    actions.link.mutate(
      { contactId: contact.id, sameAsContactId: contactId },
      { onSuccess: () => setMessage(`Linked ${contactLabel(contact)} as the same person.`) },
    );
  const unlink = (contact: CustomerContact) =>
    actions.unlink.mutate(contact.id, {
      onSuccess: () => setMessage(`${contactLabel(contact)} is no longer linked.`),
    });

  return (
    <div className="customer-link">
      {linked.length > 0 ? (
        <ul className="customer-link__linked" aria-label="Linked as the same person">
          {linked.map((contact) => (
            <li key={contact.id}>
              <UserText text={contactLabel(contact)} />{' '}
              <button
                type="button"
                className="button button--small"
                onClick={() => unlink(contact)}
                disabled={actions.unlink.isPending}
              >
                Not the same person
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Same person as…
      </button>
      {open ? (
        <form className="customer-link__search" role="search" onSubmit={onSearch}>
          <label htmlFor={ids.search}>Find this customer on another network</label>
          <input
            id={ids.search}
            type="search"
            value={draft}
            maxLength={100}
            placeholder="Handle or name"
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button button--small">
            Search
          </button>
        </form>
      ) : null}
      {open && search.isSuccess ? (
        results.length === 0 ? (
          <p className="muted">No other contact matches “{searched}”.</p>
        ) : (
          <ul id={ids.results} className="customer-link__results" aria-label="Matching contacts">
            {results.map((contact) => (
              <li key={contact.id}>
                <UserText text={contactLabel(contact)} />{' '}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => link(contact)}
                  disabled={actions.link.isPending}
                >
                  Link as same person
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <ActionOutcome className="customer-link__message" message={message} error={error} />
    </div>
  );
}
