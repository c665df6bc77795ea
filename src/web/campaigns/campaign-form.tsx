import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ShareKind } from '../../domain/campaign.ts';
import { parsePostLink } from '../../domain/post-link.ts';
import { useBrands } from '../api/settings-queries.ts';
import { navigate, paths } from '../app/router.ts';
import { ChangeError } from '../settings/change-outcome.tsx';
import { useCreateCampaign } from './campaigns-client.ts';
import type { NewCampaign } from './campaigns-client.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A `datetime-local` value a week from now at this minute, for the form's end. */
function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

type Fields = {
  name: string;
  brandId: string;
  posts: string;
  startsAt: string;
  endsAt: string;
  hashtag: string;
  entryMode: 'per_person' | 'per_share';
  excluded: string;
  budget: string;
  minAge: string;
};

const kindChoices: Array<{ kind: ShareKind; label: string }> = [
  { kind: 'reply', label: 'Replies in the posts’ threads' },
  { kind: 'quote', label: 'Quotes of the posts' },
  { kind: 'repost', label: 'Reposts (Bluesky) and boosts (Mastodon)' },
];

/** The form's fields as the API's body, or what is wrong with each field. */
function readForm(
  fields: Fields,
  kinds: ReadonlySet<ShareKind>,
): { body: NewCampaign } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (kinds.size === 0) errors.kinds = 'Choose at least one kind of share that counts.';
  const minAge = fields.minAge.trim();
  const minAccountAgeDays = minAge === '' ? null : Number(minAge);
  if (
    minAccountAgeDays !== null &&
    (!Number.isInteger(minAccountAgeDays) || minAccountAgeDays < 1 || minAccountAgeDays > 36_500)
  ) {
    errors.minAge = 'A whole number of days from 1 to 36,500, or empty for any age.';
  }
  if (!fields.name.trim()) errors.name = 'Give the campaign a name.';
  if (!fields.brandId) errors.brandId = 'Choose the brand whose posts are shared.';
  const posts: NewCampaign['posts'] = [];
  const postLines = lines(fields.posts);
  if (postLines.length === 0) errors.posts = 'Add at least one of the brand’s posts.';
  for (const [index, line] of postLines.entries()) {
    const parsed = parsePostLink(line);
    if ('error' in parsed) {
      errors.posts ??= `Line ${index + 1}: ${parsed.error}.`;
    } else posts.push(parsed);
  }
  const startsAt = new Date(fields.startsAt);
  const endsAt = new Date(fields.endsAt);
  if (Number.isNaN(startsAt.getTime())) errors.startsAt = 'Enter when the campaign starts.';
  if (Number.isNaN(endsAt.getTime())) errors.endsAt = 'Enter when the campaign ends.';
  else if (endsAt <= startsAt) errors.endsAt = 'The campaign must end after it starts.';
  const hashtag = fields.hashtag.trim();
  if (hashtag && !/^#?[\p{L}\p{N}_]{1,100}$/u.test(hashtag)) {
    errors.hashtag = 'One hashtag: letters, digits and underscores, like #summer.';
  }
  const budget = fields.budget.trim();
  const budgetCents = budget === '' ? null : Math.round(Number(budget) * 100);
  if (budgetCents !== null && (!Number.isFinite(budgetCents) || budgetCents < 0)) {
    errors.budget = 'The budget is an amount like 250 or 99.50, or empty.';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      name: fields.name.trim(),
      brandId: fields.brandId,
      posts,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      requiredHashtag: hashtag || null,
      entryMode: fields.entryMode,
      shareKinds: kindChoices.map((choice) => choice.kind).filter((kind) => kinds.has(kind)),
      minAccountAgeDays,
      excludedAuthorIds: lines(fields.excluded),
      budgetCents,
    },
  };
}

/** Starts a share contest on the brand's own posts; opens it once made. */
export function CampaignForm({ workspaceId }: { workspaceId: string }) {
  const brands = useBrands(workspaceId).data?.items ?? [];
  const create = useCreateCampaign(workspaceId);
  const now = new Date();
  const [fields, setFields] = useState<Fields>(() => ({
    name: '',
    brandId: '',
    posts: '',
    startsAt: localInput(now),
    endsAt: localInput(new Date(now.getTime() + 7 * 24 * 3600_000)),
    hashtag: '',
    entryMode: 'per_person',
    excluded: '',
    budget: '',
    minAge: '',
  }));
  const [kinds, setKinds] = useState<ReadonlySet<ShareKind>>(() => new Set(['reply']));
  const toggleKind = (kind: ShareKind) => {
    const next = new Set(kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setKinds(next);
  };
  const [errors, setErrors] = useState<Record<string, string>>({});
  const prefix = useId();
  const set = (name: keyof Fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    const read = readForm(fields, kinds);
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    create.mutate(read.body, {
      onSuccess: (created) => navigate(paths.campaign(workspaceId, created.id)),
    });
  }
  const kindsErrorId = `${prefix}-kinds-error`;
  const field = (name: keyof Fields, label: string, control: ReactNode, hint?: string) => {
    const id = `${prefix}-${name}`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {control}
        {hint ? (
          <p className="muted field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {errors[name] ? (
          <p className="form-error" id={`${id}-error`}>
            {errors[name]}
          </p>
        ) : null}
      </div>
    );
  };
  const describe = (name: keyof Fields, hint = false) => {
    const id = `${prefix}-${name}`;
    const ids = [hint ? `${id}-hint` : '', errors[name] ? `${id}-error` : ''].filter(Boolean);
    return {
      id,
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': ids.length ? ids.join(' ') : undefined,
    };
  };
  const errorCount = Object.keys(errors).length;
  return (
    <form className="settings-card campaign-form" onSubmit={submit} noValidate>
      <h2>New campaign</h2>
      {field(
        'name',
        'Name',
        <input {...describe('name')} value={fields.name} onChange={set('name')} />,
      )}
      {field(
        'brandId',
        'Brand',
        <select {...describe('brandId')} value={fields.brandId} onChange={set('brandId')}>
          <option value="">Choose a brand</option>
          {brands.map((brand) => (
            <option key={brand.id} value={brand.id}>
              {brand.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        'posts',
        'The brand’s posts to share',
        <textarea
          {...describe('posts', true)}
          rows={3}
          value={fields.posts}
          onChange={set('posts')}
        />,
        'One per line: the post’s link (Bluesky with the account’s DID, Mastodon, X), an at:// URI, or a network and id such as “x 1790000000000000001”.',
      )}
      <div className="campaign-form__row">
        {field(
          'startsAt',
          'Starts',
          <input
            {...describe('startsAt')}
            type="datetime-local"
            value={fields.startsAt}
            onChange={set('startsAt')}
          />,
        )}
        {field(
          'endsAt',
          'Ends',
          <input
            {...describe('endsAt')}
            type="datetime-local"
            value={fields.endsAt}
            onChange={set('endsAt')}
          />,
        )}
      </div>
      <div className="campaign-form__row">
        {field(
          'hashtag',
          'Required hashtag (optional)',
          <input {...describe('hashtag')} value={fields.hashtag} onChange={set('hashtag')} />,
        )}
        {field(
          'entryMode',
          'Entries',
          <select {...describe('entryMode')} value={fields.entryMode} onChange={set('entryMode')}>
            <option value="per_person">One per person</option>
            <option value="per_share">One per share</option>
          </select>,
        )}
        {field(
          'budget',
          'Budget (optional)',
          <input
            {...describe('budget')}
            inputMode="decimal"
            value={fields.budget}
            onChange={set('budget')}
          />,
        )}
      </div>
      <fieldset
        className="field campaign-form__kinds"
        aria-describedby={errors.kinds ? kindsErrorId : undefined}
      >
        <legend>What counts as a share</legend>
        {kindChoices.map((choice) => (
          <label key={choice.kind} className="checkbox">
            <input
              type="checkbox"
              checked={kinds.has(choice.kind)}
              onChange={() => toggleKind(choice.kind)}
            />{' '}
            {choice.label}
          </label>
        ))}
        <p className="muted field__hint">
          The hashtag, when set, is asked of replies and quotes; a repost has no text.
        </p>
        {errors.kinds ? (
          <p className="form-error" id={kindsErrorId}>
            {errors.kinds}
          </p>
        ) : null}
      </fieldset>
      {field(
        'minAge',
        'Minimum account age in days (optional)',
        <input
          {...describe('minAge', true)}
          inputMode="numeric"
          value={fields.minAge}
          onChange={set('minAge')}
        />,
        'Shares from accounts younger than this when they shared do not count; an account whose age the network has not told yet counts once it is known.',
      )}
      {field(
        'excluded',
        'Excluded accounts (staff)',
        <textarea
          {...describe('excluded', true)}
          rows={2}
          value={fields.excluded}
          onChange={set('excluded')}
        />,
        'One per line, by the network’s id for the account (did:plc:… on Bluesky).',
      )}
      <p role="alert" className="form-error">
        {errorCount > 0
          ? `The campaign was not created: ${errorCount === 1 ? 'one field needs' : `${errorCount} fields need`} attention.`
          : ''}
      </p>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        Create campaign
      </button>
      <ChangeError error={create.error} />
    </form>
  );
}
