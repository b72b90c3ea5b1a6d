import type {
  BuiltInResponse,
  CreateSegmentRequest,
  FieldDescriptor,
  HistoryResponse,
  MembersResponse,
  PreviewResponse,
  RecalculateResponse,
  RuleIssue,
  SegmentRule,
  SegmentSummary,
  UpdateSegmentRequest,
} from '@cellardoor/shared';
import { type ConsoleApi, ConsoleError } from '../console-api';

/** The segments API (shared/src/api/segments.ts), in one place. */
const BASE = '/api/v1/segments';

export const segmentsApi = {
  fields: async (api: ConsoleApi, signal?: AbortSignal): Promise<FieldDescriptor[]> => {
    const body = await api.get<FieldDescriptor[] | { fields: FieldDescriptor[] }>(`${BASE}/fields`, {}, signal);
    return Array.isArray(body) ? body : body.fields;
  },
  list: async (api: ConsoleApi, signal?: AbortSignal): Promise<SegmentSummary[]> => {
    const body = await api.get<SegmentSummary[] | { segments: SegmentSummary[] }>(BASE, {}, signal);
    return Array.isArray(body) ? body : body.segments;
  },
  get: async (api: ConsoleApi, id: string, signal?: AbortSignal): Promise<SegmentSummary> => {
    const body = await api.get<SegmentSummary | { segment: SegmentSummary }>(`${BASE}/${id}`, {}, signal);
    return 'segment' in body ? body.segment : body;
  },
  preview: (api: ConsoleApi, rule: SegmentRule, signal?: AbortSignal) => api.post<PreviewResponse>(`${BASE}/preview`, { rule }, signal),
  create: (api: ConsoleApi, body: CreateSegmentRequest) => api.post<SegmentSummary>(BASE, body),
  update: (api: ConsoleApi, id: string, body: UpdateSegmentRequest) => api.put<SegmentSummary>(`${BASE}/${id}`, body),
  members: (api: ConsoleApi, id: string, limit: number, offset: number, signal?: AbortSignal) =>
    api.get<MembersResponse>(`${BASE}/${id}/members`, { limit, offset }, signal),
  history: (api: ConsoleApi, id: string, limit: number, offset: number, signal?: AbortSignal) =>
    api.get<HistoryResponse>(`${BASE}/${id}/history`, { limit, offset }, signal),
  recalculate: (api: ConsoleApi, id: string) => api.post<RecalculateResponse>(`${BASE}/${id}/recalculate`, {}),
  exportPath: (id: string) => `${BASE}/${id}/export`,
  builtIn: (api: ConsoleApi, signal?: AbortSignal) => api.get<BuiltInResponse>(`${BASE}/built-in`, {}, signal),
};

/** The rule problems in a server refusal (422), wherever the error format carries them. */
export function ruleIssuesOf(err: unknown): RuleIssue[] {
  if (!(err instanceof ConsoleError)) return [];
  const d = err.details as { issues?: unknown } | unknown[] | undefined;
  const list = Array.isArray(d) ? d : Array.isArray((d as { issues?: unknown })?.issues) ? ((d as { issues: unknown[] }).issues as unknown[]) : [];
  return list
    .filter((i): i is { path: unknown; message: string } => typeof i === 'object' && i !== null && typeof (i as { message?: unknown }).message === 'string')
    .map((i) => ({
      path: Array.isArray(i.path) ? i.path.join('.').replace(/^rule\.?/, '') || '(rule)' : String(i.path ?? '(rule)').replace(/^rule\.?/, '') || '(rule)',
      message: i.message,
    }));
}
