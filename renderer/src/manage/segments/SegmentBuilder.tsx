import type { FieldDescriptor, PreviewResponse, SegmentRule, SegmentSummary } from '@cellardoor/shared';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useConsoleApi } from '../console-api';
import { LoadProblem } from '../LoadProblem';
import { type DraftNode, checkDraft, fromRule, issuesByNode, newCondition, newGroup, replaceNode } from './rule-draft';
import { RuleEditor } from './RuleEditor';
import { ruleIssuesOf, segmentsApi } from './segments-api';
import { useSegmentFields } from './use-fields';

const PREVIEW_DELAY_MS = 400;

/** New segment (no `segment`) or editing one: the rule, a live count of who matches, save. */
export function SegmentBuilder({ segment }: { segment?: SegmentSummary }) {
  const fields = useSegmentFields();
  if (fields.error) return <LoadProblem error={fields.error} retry={fields.reload} />;
  if (!fields.data) return <p role="status">Loading…</p>;
  return <Builder fields={fields.data} segment={segment} />;
}

function Builder({ fields, segment }: { fields: FieldDescriptor[]; segment?: SegmentSummary }) {
  const api = useConsoleApi();
  const navigate = useNavigate();
  const byName = useMemo(() => new Map(fields.map((f) => [f.name, f])), [fields]);
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [root, setRoot] = useState<DraftNode>(() => (segment ? fromRule(segment.rule as SegmentRule, byName) : newGroup('all', [newCondition(fields[0]!)])));
  const [preview, setPreview] = useState<{ state: 'idle' | 'counting' | 'done' | 'failed'; result?: PreviewResponse; message?: string }>({ state: 'idle' });
  const [serverProblems, setServerProblems] = useState<Map<string, string[]>>(new Map());
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const checked = useMemo(() => checkDraft(root, byName), [root, byName]);
  const problems = checked.ok ? serverProblems : checked.problems;
  const ruleKey = JSON.stringify(checked.rule);

  // Counting waits for a pause in typing, and an answer for an older rule is dropped.
  useEffect(() => {
    setServerProblems(new Map());
    if (!checked.ok) {
      setPreview({ state: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setPreview((p) => ({ ...p, state: 'counting' }));
      segmentsApi.preview(api, checked.rule, ctrl.signal).then(
        (result) => setPreview({ state: 'done', result }),
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          const issues = ruleIssuesOf(err);
          if (issues.length) setServerProblems(issuesByNode(issues, checked.paths));
          setPreview({ state: 'failed', message: (err as Error).message });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the rule's text is what matters, not the object
  }, [ruleKey, checked.ok, api]);

  const change = (id: string, next: (n: DraftNode) => DraftNode | null) => setRoot((r) => replaceNode(r, id, next) ?? newGroup('all', []));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaveProblem(null);
    if (!name.trim()) return setSaveProblem('Give the segment a name.');
    if (!checked.ok) return setSaveProblem('Fix the marked parts of the rule first.');
    setSaving(true);
    try {
      const body = { name: name.trim(), description: description.trim() || null, rule: checked.rule };
      const saved = segment ? await segmentsApi.update(api, segment.id, body) : await segmentsApi.create(api, body);
      await navigate({ to: '/manage/segments/$segmentId', params: { segmentId: saved.id } });
    } catch (err) {
      const issues = ruleIssuesOf(err);
      if (issues.length) setServerProblems(issuesByNode(issues, checked.paths));
      setSaveProblem((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const count = preview.result?.count;
  return (
    <form className="stack" onSubmit={save} aria-labelledby="builder-title">
      <div className="row between">
        <h1 id="builder-title">{segment ? `Edit “${segment.name}”` : 'New segment'}</h1>
        <div className="card preview-box" aria-live="polite" data-testid="preview">
          {!checked.ok ? (
            <span>Fix the marked parts to see who matches.</span>
          ) : preview.state === 'failed' ? (
            <span className="error">{preview.message}</span>
          ) : count === undefined ? (
            <span>Counting…</span>
          ) : (
            <span>
              <span className="preview-count" data-testid="preview-count">
                {count.toLocaleString()}
              </span>{' '}
              {count === 1 ? 'guest matches' : 'guests match'}
              {preview.state === 'counting' ? ' (updating…)' : ''}
            </span>
          )}
        </div>
      </div>
      <div className="card form-grid">
        <div className="field">
          <label htmlFor="segment-name">Name</label>
          <input id="segment-name" className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="segment-description">Description (optional)</label>
          <input id="segment-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />
        </div>
      </div>
      <RuleEditor node={root} depth={0} fields={fields} problems={problems} onChange={change} removable={false} />
      {preview.result && preview.result.sample.length > 0 && (
        <p className="hint" data-testid="preview-sample">
          For example: {preview.result.sample.slice(0, 5).map((m) => `${m.firstName ?? ''} ${m.lastName ?? ''}`.trim() || 'a guest without a name').join(', ')}
          {preview.result.count > 5 ? ' …' : ''}
        </p>
      )}
      {saveProblem && (
        <p className="notice danger" role="alert">
          {saveProblem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn primary" disabled={saving}>
          {saving ? 'Saving…' : segment ? 'Save changes' : 'Save segment'}
        </button>
      </div>
    </form>
  );
}
