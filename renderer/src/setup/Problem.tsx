/** A field's problem, tied to its input by id so screen readers announce it. */
export function Problem({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} className="error" role="alert">
      {text}
    </span>
  );
}
