import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReviewImportPreview, ReviewImportResult, ReviewMapping } from '../../api/contract.ts';
import { ratingLabel } from '../../domain/review-rating.ts';
import { keys } from '../api/queries.ts';
import { useBrands } from '../api/settings-queries.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import {
  importReviewFile,
  previewReviewFile,
  useReviewTemplates,
  type ReviewUpload,
} from './review-import-client.ts';

type Props = { workspaceId: string; canEdit: boolean };

/** The mapping's column fields, in the order a person reads a review. */
const columnFields = [
  ['id', 'Review id', true],
  ['rating', 'Rating', true],
  ['text', 'Text', true],
  ['postedAt', 'Date', true],
  ['author', 'Author', false],
  ['title', 'Title', false],
  ['url', 'Link', false],
  ['site', 'Site column', false],
] as const;

/** Largest file the server reads (review-import.schema.ts). */
const maxFileBytes = 5 * 1024 * 1024;

/**
 * Review sites without an API (Yelp, Trustpilot, Tripadvisor, Bing Places, Angi) as files: pick
 * the export, check the columns and the first rows, import. Importing the same file again adds
 * nothing; rows that cannot be read are listed with their reasons and kept as rejected records.
 */
export function ReviewImportSettings({ workspaceId, canEdit }: Props) {
  const templates = useReviewTemplates(workspaceId);
  const brands = useBrands(workspaceId);
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [template, setTemplate] = useState('');
  const [mapping, setMapping] = useState<Partial<ReviewMapping>>({});
  const [brandId, setBrandId] = useState('');
  const [preview, setPreview] = useState<ReviewImportPreview | null>(null);
  const [result, setResult] = useState<ReviewImportResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const complete = (m: Partial<ReviewMapping>): m is ReviewMapping =>
    Boolean(m.id && m.text && m.rating && m.postedAt && (m.site || m.defaultSite));
  type How = { template?: string; mapping?: Partial<ReviewMapping> };
  const upload = (source: { name: string; text: string }, how: How): ReviewUpload => ({
    fileName: source.name,
    text: source.text,
    ...(how.mapping && complete(how.mapping)
      ? { mapping: how.mapping }
      : how.template
        ? { template: how.template }
        : {}),
    ...(brandId ? { brandId } : {}),
  });
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const templateMapping = (id: string | undefined) =>
    templates.data?.items.find((item) => item.id === id)?.mapping as
      Partial<ReviewMapping> | undefined;
  // Reads the file's columns and first rows with the mapping (or template) chosen, else the one
  // the server suggests, which then fills the column choices.
  const showPreview = (source: { name: string; text: string }, how: How) =>
    run(async () => {
      const shown = await previewReviewFile(workspaceId, upload(source, how));
      setPreview(shown);
      setMapping(
        how.mapping ?? templateMapping(how.template) ?? (shown.mapping as Partial<ReviewMapping>),
      );
      if (!how.template && !how.mapping) setTemplate(shown.template ?? '');
    });

  if (!canEdit) return <p className="muted">Only admins and owners import reviews.</p>;
  return (
    <section aria-labelledby="review-import-title">
      <h2 id="review-import-title">Import reviews</h2>
      <p className="muted">
        For review sites Earshot cannot reach by API: export the reviews (CSV or JSON, up to 5 MB)
        and import them here. Importing the same file again adds nothing.
      </p>
      <div className="review-import__form">
        <div className="field">
          <label htmlFor="review-file">Review file</label>
          <input
            id="review-file"
            type="file"
            accept=".csv,.json,.jsonl,text/csv,application/json"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              setResult(null);
              setPreview(null);
              if (!chosen) return setFile(null);
              if (chosen.size > maxFileBytes) {
                setFile(null);
                return setError(
                  `${chosen.name} is larger than 5 MB; split it and import each part.`,
                );
              }
              void chosen.text().then((text) => {
                const read = { name: chosen.name, text };
                setFile(read);
                void showPreview(read, template ? { template } : {});
              });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="review-template">Export from</label>
          <select
            id="review-template"
            value={template}
            onChange={(event) => {
              const next = event.target.value;
              setTemplate(next);
              if (file) void showPreview(file, next ? { template: next } : {});
            }}
          >
            <option value="">Detect from the columns</option>
            {(templates.data?.items ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="review-brand">Brand</label>
          <select id="review-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
            <option value="">The brand each review names (or the only one)</option>
            {(brands.data?.items ?? []).map((brand) => (
              <option key={brand.id} value={brand.id}>
                {brand.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {preview ? (
        <MappingFields
          columns={preview.columns}
          mapping={mapping}
          onChange={(next) => {
            setMapping(next);
            if (file && complete(next)) void showPreview(file, { mapping: next });
          }}
        />
      ) : null}
      {preview?.problem ? (
        <p role="alert" className="form-error">
          {preview.problem}
        </p>
      ) : null}
      {preview && preview.rows.length > 0 ? <PreviewTable preview={preview} /> : null}
      {preview ? (
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !complete(mapping) || preview.problem !== null}
          onClick={() =>
            void run(async () => {
              if (!file) return;
              setResult(await importReviewFile(workspaceId, upload(file, { mapping })));
              await queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
            })
          }
        >
          Import reviews
        </button>
      ) : null}
      <p role="alert" className="form-error">
        {error}
      </p>
      {result ? <ImportOutcome result={result} /> : null}
    </section>
  );
}

function MappingFields({
  columns,
  mapping,
  onChange,
}: {
  columns: string[];
  mapping: Partial<ReviewMapping>;
  onChange: (mapping: Partial<ReviewMapping>) => void;
}) {
  const set = (field: string, value: string | number | undefined) => {
    const next = { ...mapping } as Record<string, unknown>;
    if (value === undefined || value === '') delete next[field];
    else next[field] = value;
    onChange(next as Partial<ReviewMapping>);
  };
  return (
    <fieldset className="review-import__mapping">
      <legend>Columns</legend>
      {columnFields.map(([field, label, required]) => (
        <div className="field field--inline" key={field}>
          <label htmlFor={`review-map-${field}`}>
            {label}
            {required ? ' (required)' : ''}
          </label>
          <select
            id={`review-map-${field}`}
            value={((mapping as Record<string, unknown>)[field] as string | undefined) ?? ''}
            onChange={(event) => set(field, event.target.value)}
          >
            <option value="">{required ? 'Choose a column' : 'None'}</option>
            {columns.map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field field--inline">
        <label htmlFor="review-map-defaultSite">Site name (without a site column)</label>
        <input
          id="review-map-defaultSite"
          className="input--short"
          maxLength={60}
          value={mapping.defaultSite ?? ''}
          onChange={(event) => set('defaultSite', event.target.value.trim())}
        />
      </div>
      <div className="field field--inline">
        <label htmlFor="review-map-scale">Top rating on the site</label>
        <input
          id="review-map-scale"
          className="input--short"
          type="number"
          min={1}
          max={100}
          value={mapping.ratingScale ?? 5}
          onChange={(event) => {
            const scale = Number(event.target.value);
            set(
              'ratingScale',
              Number.isFinite(scale) && scale > 0 && scale !== 5 ? scale : undefined,
            );
          }}
        />
      </div>
    </fieldset>
  );
}

function PreviewTable({ preview }: { preview: ReviewImportPreview }) {
  return (
    <table className="review-import__preview">
      <caption>First rows, read with these columns</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Site</th>
          <th scope="col">Rating</th>
          <th scope="col">Author</th>
          <th scope="col">Date</th>
          <th scope="col">Review</th>
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((row) =>
          row.review ? (
            <tr key={row.line}>
              <td>{row.line}</td>
              <td>
                <UserText text={row.review.site} />
              </td>
              <td>{ratingLabel(row.review.stars)}</td>
              <td>
                <UserText text={row.review.author} />
              </td>
              <td>{formatAbsolute(row.review.postedAt)}</td>
              <td>
                <UserText text={row.review.text} />
              </td>
            </tr>
          ) : (
            <tr key={row.line} className="review-import__rejected">
              <td>{row.line}</td>
              <td colSpan={5}>
                Will be rejected: <UserText text={row.reason ?? ''} />
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function ImportOutcome({ result }: { result: ReviewImportResult }) {
  const reviews = (count: number) => (count === 1 ? '1 review' : `${count} reviews`);
  return (
    <div role="status" className="review-import__result">
      <p>
        Added {reviews(result.added)}; skipped {reviews(result.duplicates)} already imported;
        rejected {result.rejected}.
      </p>
      {result.rejections.length > 0 ? (
        <ul>
          {result.rejections.map((rejection) => (
            <li key={`${rejection.line}:${rejection.reason}`}>
              Line {rejection.line}: <UserText text={rejection.reason} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
