import type { ConversationSummary } from '../../api/contract.ts';
import { ratingLabel } from '../../domain/review-rating.ts';

type Rating = NonNullable<ConversationSummary['rating']>;

/** The site's own value when it is not the 1–5 stars shown ("4.5/5 on yelp", "8/10 on booking"). */
function siteValue(rating: Rating): string {
  const onSite = `${rating.value}/${rating.scale}`;
  return onSite === `${rating.stars}/5` ? '' : `, ${onSite} on ${rating.site}`;
}

/** A review's stars as text ("★ 2/5"), read out as "Rating: 2 of 5 stars". */
export function RatingBadge({ rating }: { rating: Rating | null | undefined }) {
  if (!rating) return null;
  return (
    <span
      className={`badge badge--rating badge--rating-${rating.stars}`}
      title={`${rating.stars} of 5 stars${siteValue(rating)}`}
    >
      <span aria-hidden="true">{ratingLabel(rating.stars)}</span>
      <span className="visually-hidden">{`Rating: ${rating.stars} of 5 stars${siteValue(rating)}`}</span>
    </span>
  );
}
