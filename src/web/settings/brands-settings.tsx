import { useState, type FormEvent } from 'react';
import { createBrand, updateBrand } from '../api/settings-client.ts';
import { useBrands, useSettingsChange } from '../api/settings-queries.ts';
import type { Brand } from '../../api/contract.ts';
import type { BrandInput } from '../api/types.ts';
import { ChangeError } from './change-outcome.tsx';
import { BrandTermFields, emptyTermsDraft, termsDraftOf, termsOfDraft } from './brand-terms.tsx';
import type { TermsDraft } from './brand-terms.tsx';

type Props = { workspaceId: string; canEdit: boolean };

/**
 * Brands Earshot listens for, competitors included, with what each is heard by: handles,
 * keywords and phrases, hashtags, exclusions and languages. Every listening channel reads them.
 */
export function BrandsSettings({ workspaceId, canEdit }: Props) {
  const brands = useBrands(workspaceId);
  const create = useSettingsChange(workspaceId, (brand: BrandInput) =>
    createBrand(workspaceId, brand),
  );
  const [name, setName] = useState('');
  const [isCompetitor, setIsCompetitor] = useState(false);
  const [terms, setTerms] = useState<TermsDraft>(emptyTermsDraft);
  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), isCompetitor, ...termsOfDraft(terms) },
      {
        onSuccess: () => {
          setName('');
          setIsCompetitor(false);
          setTerms(emptyTermsDraft);
        },
      },
    );
  };
  return (
    <div className="settings-section">
      <h2>Brands and keywords</h2>
      <p className="settings-hint">
        What a brand is heard by, on every listening channel (Bluesky, Mastodon, X search, review
        imports). A change applies within a minute, without reconnecting.
      </p>
      <ul className="settings-list">
        {(brands.data?.items ?? []).map((brand) => (
          <BrandCard key={brand.id} workspaceId={workspaceId} brand={brand} canEdit={canEdit} />
        ))}
      </ul>
      {canEdit ? (
        <form className="settings-form" onSubmit={onCreate} aria-label="Add a brand">
          <h3>Add a brand or competitor</h3>
          <div className="field">
            <label htmlFor="brand-name">Name</label>
            <input
              id="brand-name"
              required
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <BrandTermFields idPrefix="brand" draft={terms} onChange={setTerms} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={isCompetitor}
              onChange={(event) => setIsCompetitor(event.target.checked)}
            />
            A competitor (heard, not answered)
          </label>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Add brand
          </button>
          <ChangeError error={create.error} />
        </form>
      ) : null}
    </div>
  );
}

function BrandCard({ workspaceId, brand, canEdit }: { brand: Brand } & Props) {
  const [terms, setTerms] = useState<TermsDraft>(() => termsDraftOf(brand));
  const save = useSettingsChange(workspaceId, (change: Partial<BrandInput>) =>
    updateBrand(workspaceId, brand.id, change),
  );
  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(termsOfDraft(terms));
  };
  return (
    <li className="settings-card">
      <h3>
        {brand.name} {brand.isCompetitor ? <span className="badge">Competitor</span> : null}
      </h3>
      {canEdit ? (
        <form onSubmit={onSave} aria-label={`Keywords of ${brand.name}`}>
          <BrandTermFields idPrefix={`brand-${brand.id}`} draft={terms} onChange={setTerms} />
          <button type="submit" className="button" disabled={save.isPending}>
            Save {brand.name}
          </button>
          {save.isSuccess ? <span role="status"> Saved.</span> : null}
          <ChangeError error={save.error} />
        </form>
      ) : (
        <p>
          Handles: {brand.handles.join(', ') || 'none'} · Keywords:{' '}
          {brand.keywords.join(', ') || 'none'} · Hashtags: {brand.hashtags.join(', ') || 'none'} ·
          Exclusions: {brand.exclusions.join(', ') || 'none'} · Languages:{' '}
          {brand.languages.join(', ') || 'all'} · Ideas channel:{' '}
          {brand.ideasTerms.join(', ') || 'none'}
        </p>
      )}
    </li>
  );
}
