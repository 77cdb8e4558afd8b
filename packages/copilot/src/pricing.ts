/** USD per million tokens, by model name. */
export type PriceTable = Record<string, { promptPerMillion: number; completionPerMillion: number }>;

/** Cost of one call; a model missing from the table costs 0 (and the usage is still logged). */
export function costUsd(
  prices: PriceTable,
  model: string | null,
  promptTokens: number,
  completionTokens: number,
): number {
  const price = model === null ? undefined : prices[model];
  if (price === undefined) return 0;
  const cost = (promptTokens * price.promptPerMillion + completionTokens * price.completionPerMillion) / 1_000_000;
  return Number(cost.toFixed(6));
}
