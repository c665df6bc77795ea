import { useState, type FormEvent } from 'react';
import { createBrand, updateBrand } from '../api/settings-client.ts';
import { useBrands, useSettingsChange } from '../api/settings-queries.ts';
import type { Brand } from '../../api/contract.ts';
import type { BrandInput } from '../api/types.ts';
import { ChangeError } from './change-outcome.tsx';
import { splitList } from './split-list.ts';

type Props = { workspaceId: string; canEdit: boolean };

/** Brands Earshot listens for, competitors included, with the handles and keywords it matches. */
export function BrandsSettings({ workspaceId, canEdit }: Props) {
  const brands = useBrands(workspaceId);
  const create = useSettingsChange(workspaceId, (brand: BrandInput) =>
    createBrand(workspaceId, brand),
  );
  const [draft, setDraft] = useState({ name: '', handles: '', keywords: '', isCompetitor: false });
  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      {
        name: draft.name.trim(),
        handles: splitList(draft.handles),
        keywords: splitList(draft.keywords),
        isCompetitor: draft.isCompetitor,
      },
      { onSuccess: () => setDraft({ name: '', handles: '', keywords: '', isCompetitor: false }) },
    );
  };
  return (
    <div className="settings-section">
      <h2>Brands and keywords</h2>
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
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="brand-handles">Handles (comma-separated)</label>
            <input
              id="brand-handles"
              value={draft.handles}
              onChange={(event) => setDraft({ ...draft, handles: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="brand-keywords">Keywords (comma-separated)</label>
            <input
              id="brand-keywords"
              value={draft.keywords}
              onChange={(event) => setDraft({ ...draft, keywords: event.target.value })}
            />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.isCompetitor}
              onChange={(event) => setDraft({ ...draft, isCompetitor: event.target.checked })}
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
  const [keywords, setKeywords] = useState(brand.keywords.join(', '));
  const [handles, setHandles] = useState(brand.handles.join(', '));
  const save = useSettingsChange(workspaceId, (change: Partial<BrandInput>) =>
    updateBrand(workspaceId, brand.id, change),
  );
  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ keywords: splitList(keywords), handles: splitList(handles) });
  };
  const id = `brand-${brand.id}`;
  return (
    <li className="settings-card">
      <h3>
        {brand.name} {brand.isCompetitor ? <span className="badge">Competitor</span> : null}
      </h3>
      {canEdit ? (
        <form onSubmit={onSave} aria-label={`Keywords of ${brand.name}`}>
          <div className="field">
            <label htmlFor={`${id}-handles`}>Handles</label>
            <input
              id={`${id}-handles`}
              value={handles}
              onChange={(event) => setHandles(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-keywords`}>Keywords</label>
            <input
              id={`${id}-keywords`}
              value={keywords}
              onChange={(event) => setKeywords(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={save.isPending}>
            Save {brand.name}
          </button>
          {save.isSuccess ? <span role="status"> Saved.</span> : null}
          <ChangeError error={save.error} />
        </form>
      ) : (
        <p>
          Handles: {brand.handles.join(', ') || 'none'} · Keywords:{' '}
          {brand.keywords.join(', ') || 'none'}
        </p>
      )}
    </li>
  );
}
