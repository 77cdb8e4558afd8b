/** A SentencePiece unigram vocabulary: each piece with its log probability, in id order. */
// User-defined pieces (punctuation such as "▁:") carry no score: null, which the reference adds as 0.
export type PieceVocabulary = readonly (readonly [piece: string, score: number | null])[];

const SEPARATOR = '\u2581';
// USE-lite's first six ids are <unk>, <s>, </s> and three reserved ids: never produced by a match.
const RESERVED = 6;
const UNKNOWN = 0;

interface TrieNode {
  children: Map<string, TrieNode>;
  id: number;
}

/**
 * Splits text into USE-lite's vocabulary pieces exactly as @energetic-ai/embeddings does (NFKC,
 * spaces become ▁, the Viterbi path of highest total log probability, runs of unknown symbols
 * merged into one <unk>), but word by word with a cache: no piece crosses a ▁, so each word's
 * best path is independent of its neighbours, and a help center repeats its words constantly.
 */
export function createPieceTokenizer(vocabulary: PieceVocabulary): (text: string) => number[] {
  const root: TrieNode = { children: new Map(), id: -1 };
  for (let id = RESERVED; id < vocabulary.length; id++) {
    let node = root;
    for (const symbol of vocabulary[id]?.[0] ?? '') {
      let child = node.children.get(symbol);
      if (child === undefined) {
        child = { children: new Map(), id: -1 };
        node.children.set(symbol, child);
      }
      node = child;
    }
    node.id = id;
  }
  const score = (id: number) => vocabulary[id]?.[1] ?? 0;
  const length = (id: number) => [...(vocabulary[id]?.[0] ?? ' ')].length;
  const cache = new Map<string, { ids: number[]; total: number }>();

  // `offset` is the total score of the text before this word. The reference reads a total of 0 as
  // "no path yet" (scores are log probabilities, but user-defined pieces such as "▁:" score 0), so
  // only whether the offset is 0 changes the result; any other offset behaves like -1.
  const encodeWord = (symbols: string[], offset: number): { ids: number[]; total: number } => {
    const best = new Array<number>(symbols.length + 1).fill(0);
    best[0] = offset;
    const last = new Array<number>(symbols.length + 1).fill(UNKNOWN);
    const lastLength = new Array<number>(symbols.length + 1).fill(1);
    for (let start = 0; start < symbols.length; start++) {
      let node = root.children.get(symbols[start] ?? '');
      if (node === undefined) {
        relax(best, last, lastLength, start, 1, UNKNOWN, 0);
        continue;
      }
      let matched = false;
      for (let end = start + 1; node !== undefined; end++) {
        if (node.id >= 0) {
          relax(best, last, lastLength, start, end - start, node.id, score(node.id));
          matched = true;
        }
        node = end < symbols.length ? node.children.get(symbols[end] ?? '') : undefined;
      }
      if (!matched) relax(best, last, lastLength, start, 1, UNKNOWN, 0);
    }
    const ids: number[] = [];
    for (let end = symbols.length; end > 0; ) {
      const id = last[end] ?? UNKNOWN;
      ids.push(id);
      end -= id === UNKNOWN ? (lastLength[end] ?? 1) : length(id);
    }
    return { ids: ids.reverse(), total: (best[symbols.length] ?? 0) - offset };
  };

  return (text) => {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const out: number[] = [];
    let total = 0;
    // "a b" becomes "▁a▁b": each word is the ▁ before it plus its symbols (a leading space gives a lone ▁).
    for (const word of normalized.split(' ')) {
      const offset = total === 0 ? 0 : -1;
      const key = `${offset}${SEPARATOR}${word}`;
      let encoded = cache.get(key);
      if (encoded === undefined) {
        encoded = encodeWord([SEPARATOR, ...word], offset);
        if (cache.size < 200_000) cache.set(key, encoded);
      }
      total += encoded.total;
      for (const id of encoded.ids) {
        if (id === UNKNOWN && out[out.length - 1] === UNKNOWN) continue;
        out.push(id);
      }
    }
    return out;
  };
}

// The reference keeps a later candidate on ties (>=), and candidates arrive by start position.
function relax(
  best: number[],
  last: number[],
  lastLength: number[],
  start: number,
  span: number,
  id: number,
  score: number,
): void {
  const end = start + span;
  const total = score + (best[start] ?? 0);
  if (best[end] === 0 || total >= (best[end] ?? 0)) {
    best[end] = total;
    last[end] = id;
    lastLength[end] = span;
  }
}
