import type { Brand } from '../../api/contract.ts';
import { splitList } from './split-list.ts';

/** What a brand is heard by, as typed: each a comma-separated list. */
export interface TermsDraft {
  handles: string;
  keywords: string;
  hashtags: string;
  exclusions: string;
  languages: string;
  ideasTerms: string;
}

type TermsInput = Pick<Brand, keyof TermsDraft>;

const fields: ReadonlyArray<{ key: keyof TermsDraft; label: string; hint: string }> = [
  { key: 'handles', label: 'Handles', hint: '@acme, acme.bsky.social' },
  { key: 'keywords', label: 'Keywords', hint: 'acme, acme cloud (words and phrases)' },
  { key: 'hashtags', label: 'Hashtags', hint: '#acme' },
  {
    key: 'exclusions',
    label: 'Exclusions',
    hint: 'acme anvils (posts naming these are not heard)',
  },
  { key: 'languages', label: 'Languages', hint: 'en, fr (empty: every language)' },
  {
    key: 'ideasTerms',
    label: 'Ideas channel',
    hint: '@acmeideas, #AcmeIdeas (posts naming these are triaged as ideas)',
  },
];

export const emptyTermsDraft: TermsDraft = {
  handles: '',
  keywords: '',
  hashtags: '',
  exclusions: '',
  languages: '',
  ideasTerms: '',
};

export function termsDraftOf(brand: TermsInput): TermsDraft {
  return {
    handles: brand.handles.join(', '),
    keywords: brand.keywords.join(', '),
    hashtags: brand.hashtags.join(', '),
    exclusions: brand.exclusions.join(', '),
    languages: brand.languages.join(', '),
    ideasTerms: brand.ideasTerms.join(', '),
  };
}

export function termsOfDraft(draft: TermsDraft): TermsInput {
  return {
    handles: splitList(draft.handles),
    keywords: splitList(draft.keywords),
    hashtags: splitList(draft.hashtags),
    exclusions: splitList(draft.exclusions),
    languages: splitList(draft.languages),
    ideasTerms: splitList(draft.ideasTerms),
  };
}

/** The six comma-separated lists of a brand's listening terms and ideas channel (the placeholder shows an example). */
export function BrandTermFields(props: {
  idPrefix: string;
  draft: TermsDraft;
  onChange(draft: TermsDraft): void;
}) {
  return (
    <>
      {fields.map(({ key, label, hint }) => (
        <div className="field" key={key}>
          <label htmlFor={`${props.idPrefix}-${key}`}>{label}</label>
          <input
            id={`${props.idPrefix}-${key}`}
            placeholder={hint}
            value={props.draft[key]}
            onChange={(event) => props.onChange({ ...props.draft, [key]: event.target.value })}
          />
        </div>
      ))}
    </>
  );
}
