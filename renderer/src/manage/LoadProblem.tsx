import type { ConsoleError } from './console-api';

/** What went wrong loading a page's data, in the server's words, with a way to try again. */
export function LoadProblem({ error, retry }: { error: ConsoleError; retry?: () => void }) {
  return (
    <div className="notice danger" role="alert">
      <p>{error.message}</p>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
