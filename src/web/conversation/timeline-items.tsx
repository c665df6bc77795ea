import type { Mention } from '../../api/contract.ts';
import { mentionSegments, type Mentionable } from '../../domain/teammate-mentions.ts';
import { formatAbsolute, formatCount } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { LongText, foldAfter } from '../text/long-text.tsx';
import { safeHref } from '../text/safe-href.ts';
import { RatingBadge } from '../text/rating-badge.tsx';
import { UserText } from '../text/user-text.tsx';
import { EarlierVersions, MentionChangeBadges } from './mention-changes.tsx';
import type { NoteWithMentions } from './note-api.ts';

function Timestamp({ iso }: { iso: string }) {
  return (
    <time className="muted" dateTime={iso}>
      {formatAbsolute(iso)}
    </time>
  );
}

/** A link to where the post lives, only for http(s) URLs; anything else is shown, inert, as text. */
export function OriginalLink({ url, label }: { url: string | null; label: string }) {
  if (!url) return null;
  const href = safeHref(url);
  if (!href) {
    return (
      <span className="muted original-link">
        Source: <UserText text={url} />
      </span>
    );
  }
  return (
    <a className="original-link" href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {label}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

type MentionItemProps = {
  mention: Mention;
  /** Offers "Reply to this post" (customer posts still on the network), or undefined. */
  onReplyTo?: ((mention: Mention) => void) | undefined;
  /** This post is the one the composer answers. */
  chosen?: boolean;
};

export function MentionItem({ mention, onReplyTo, chosen = false }: MentionItemProps) {
  const { author } = mention;
  const kind = mention.fromBrand ? 'message message--brand' : 'message message--customer';
  return (
    <article
      className={`${kind}${mention.deletedAt ? ' message--deleted' : ''}${chosen ? ' message--chosen' : ''}`}
      data-mention-id={mention.id}
    >
      <header className="message__header">
        <span className="message__author">
          {author.displayName ? (
            <UserText text={author.displayName} className="message__name" />
          ) : null}
          <UserText
            text={`@${author.handle}`}
            className={author.displayName ? 'muted handle' : 'message__name'}
          />
        </span>
        {author.followers !== null ? (
          <span className="muted">{formatCount(author.followers)} followers</span>
        ) : null}
        <span className="badge">
          {mention.rating && mention.network === 'reviews'
            ? mention.rating.site
            : networkName(mention.network)}
          {mention.isPrivate ? ' · private message' : ''}
        </span>
        <RatingBadge rating={mention.rating} />
        <Timestamp iso={mention.postedAt} />
        <MentionChangeBadges mention={mention} />
      </header>
      <LongText text={mention.text} className="message__body" />
      <EarlierVersions mention={mention} />
      <OriginalLink url={mention.url} label={`View on ${networkName(mention.network)}`} />
      {onReplyTo && !mention.fromBrand && !mention.deletedAt ? (
        <button
          type="button"
          className="button button--small message__reply-to"
          aria-pressed={chosen}
          onClick={() => onReplyTo(mention)}
        >
          Reply to this post
          <span className="visually-hidden">{` by @${author.handle}`}</span>
        </button>
      ) : null}
    </article>
  );
}

type NoteItemProps = { note: NoteWithMentions; authorName: string; members: Mentionable[] };

export function NoteItem({ note, authorName, members }: NoteItemProps) {
  const mentioned = new Set(note.mentionedUserIds ?? []);
  return (
    <article className="message message--note" aria-label={`Internal note by ${authorName}`}>
      <header className="message__header">
        <span className="message__author">
          <UserText text={authorName} className="message__name" />
        </span>
        <span className="badge badge--note">Internal note</span>
        <Timestamp iso={note.createdAt} />
      </header>
      {note.body.length > foldAfter || mentioned.size === 0 ? (
        <LongText text={note.body} className="message__body" />
      ) : (
        <NoteBody body={note.body} members={members.filter((m) => mentioned.has(m.userId))} />
      )}
    </article>
  );
}

/** The note's words as text, the teammates it mentions set apart (still text, never markup). */
function NoteBody({ body, members }: { body: string; members: Mentionable[] }) {
  return (
    <p dir="auto" className="user-text message__body">
      {mentionSegments(body, members).map((segment, index) =>
        segment.userId ? (
          <strong key={index} className="note-mention">
            {segment.text}
          </strong>
        ) : (
          segment.text
        ),
      )}
    </p>
  );
}
