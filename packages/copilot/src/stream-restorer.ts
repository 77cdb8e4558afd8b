// The longest tail that could still grow into a placeholder: "<", "<EMA", "<EMAIL_1", "EMAIL_".
const PARTIAL_PLACEHOLDER = /<?[A-Z][A-Z_]*\d*$|<$/;

/**
 * Restores placeholders in streamed text. A placeholder can be split across deltas ("<EMA",
 * "IL_1>"), so the tail that might be the start of one is held back until the next delta.
 */
export function createStreamRestorer(restore: (text: string) => string): {
  push(delta: string): string;
  flush(): string;
} {
  let pending = '';
  return {
    push(delta) {
      pending += delta;
      const tail = PARTIAL_PLACEHOLDER.exec(pending);
      const cut = tail === null ? pending.length : tail.index;
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return ready === '' ? '' : restore(ready);
    },
    flush() {
      const rest = pending;
      pending = '';
      return rest === '' ? '' : restore(rest);
    },
  };
}
