import { useState } from 'react';
import type { NoticeStatus } from '../../domain/idea-notices.ts';
import { noticeVariables } from '../../domain/idea-notices.ts';
import { SaveOutcome } from '../settings/change-outcome.tsx';
import { ideaStatusLabels } from './idea-labels.ts';
import { useSaveNoticeTemplate } from './idea-notices-client.ts';

/** The workspace's template for this status (admins): saving drafts every reply again. */
export function NoticeTemplateForm(props: {
  workspaceId: string;
  ideaId: string;
  status: NoticeStatus;
  template: string;
}) {
  const [body, setBody] = useState(props.template);
  const save = useSaveNoticeTemplate(props.workspaceId, props.ideaId);
  const id = `notice-template-${props.status}`;
  return (
    <details className="idea-notices__template">
      <summary>Template for “{ideaStatusLabels[props.status]}”</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ status: props.status, body });
        }}
      >
        <div className="field">
          <label htmlFor={id}>Reply template</label>
          <textarea id={id} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          <p className="muted">
            Fills in: {noticeVariables.map((name) => `{{${name}}}`).join(', ')}
          </p>
        </div>
        <div className="settings-inline">
          <button type="submit" className="button" disabled={save.isPending}>
            Save template
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={save.isPending}
            onClick={() => save.mutate({ status: props.status, body: null })}
          >
            Back to the default
          </button>
        </div>
        <SaveOutcome change={save} />
      </form>
    </details>
  );
}
