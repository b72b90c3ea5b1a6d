export type ShellErrorCode =
  | 'ENCRYPTION_UNAVAILABLE'
  | 'CREDENTIALS_UNREADABLE'
  | 'WRITE_FAILED'
  | 'PDF_FAILED'
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'FAILED';

/** A failure the renderer shows as is: a code for logs and a sentence for people. */
export class ShellError extends Error {
  constructor(
    readonly code: ShellErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ShellError';
  }
}
