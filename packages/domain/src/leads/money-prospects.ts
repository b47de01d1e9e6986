/** A seller and how many of their open deals are with a warm or hot client (M2.2). */
export type SellerProspects = { userId: string; warmOrHotOpenDeals: number };

/** Code-unit order, not locale order: the same list on every server. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * M2.2: sellers who have no open deal with a warm or hot client — nobody money can come from soon — so the head of
 * sales is proposed to route more fresh leads to them. userIds, each once, in code-unit order.
 */
export const sellersWithoutProspects = (sellers: readonly SellerProspects[]): string[] => {
  // A seller listed twice (one row per team, say) has prospects if any row has them.
  const deals = new Map<string, number>();
  for (const seller of sellers) deals.set(seller.userId, (deals.get(seller.userId) ?? 0) + Math.max(0, seller.warmOrHotOpenDeals));
  return [...deals].filter(([, count]) => count === 0).map(([userId]) => userId).sort(compareIds);
};

/**
 * M2.2: the routing weight (M5.5) proposed for a seller without prospects: multiplied by `factor`, rounded, at
 * most `max`. A boost never lowers a weight, and a weight of 0 or less (opted out of distribution) stays as it is.
 */
export const boostedWeight = (weight: number, factor = 2, max = 10): number => {
  if (!(weight > 0)) return weight;
  return Math.max(weight, Math.min(max, Math.round(weight * factor)));
};
