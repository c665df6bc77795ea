import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
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
};

/** The form's fields as the API's body, or what is wrong with each field. */
function readForm(fields: Fields): { body: NewCampaign } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
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
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const prefix = useId();
  const set = (name: keyof Fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    const read = readForm(fields);
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    create.mutate(read.body, {
      onSuccess: (created) => navigate(paths.campaign(workspaceId, created.id)),
    });
  }
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
