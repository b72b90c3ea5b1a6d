import type { ApiError, ErrorCode, RefusedRow } from '@cellardoor/shared';
import type { z } from 'zod';

/** An error that is the client's to fix or to know: becomes a 4xx with a reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { rows?: RefusedRow[]; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  toBody(): ApiError {
    const body: ApiError = { error: { code: this.code, message: this.message } };
    if (this.extra.rows) body.error.rows = this.extra.rows;
    if (this.extra.details !== undefined) body.error.details = this.extra.details;
    return body;
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'BAD_REQUEST', message, { details });
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);
export const forbidden = (message: string) => new HttpError(403, 'FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in again: the token is missing, expired or not valid.') =>
  new HttpError(401, 'UNAUTHENTICATED', message);

/** One readable sentence from zod issues: "items.0.quantity: quantity must not be zero; …". */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((i) => {
    const path = i.path.join('.');
    if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}${path ? ` in ${path}` : ''}`;
    return path ? `${path}: ${i.message}` : i.message;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return parts.join('; ') + more;
}

/** Parses input with a zod schema or throws a 400 naming what is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`The ${what} is not valid: ${describeIssues(result.error)}.`, result.error.issues);
  return result.data;
}
