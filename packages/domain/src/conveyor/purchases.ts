/** An order a client placed; dates are the organization's local "YYYY-MM-DD", money is integer minor units. */
export type OrderFact = {
  id: string;
  orderedOn: string;
  amountMinor: number;
  currency: string;
  productId: string | null;
  productGroupId: string | null;
  /** An order without a product of its own stands for its deal's product lines. */
  lineProducts?: readonly { productId: string; productGroupId: string | null }[];
};

/** Money received against an order; a negative amount is a refund. */
export type PaymentFact = { orderId: string; paidOn: string; amountMinor: number; currency: string };

export type PurchaseHistory = { orders: readonly OrderFact[]; payments: readonly PaymentFact[] };

/** M4.1: the company-wide criterion for handing a client from a hunter to a farmer. */
export type HunterToFarmerCriterion =
  | { kind: "orders"; count: number }
  | { kind: "volume"; amountMinor: number; currency: string }
  | { kind: "product"; productIds: readonly string[]; productGroupIds: readonly string[] }
  | { kind: "monthly_minimum"; months: number; amountMinor: number; currency: string };

/**
 * The numbers a rule looked at, flat, so a screen can say why it was or was not met.
 * Amounts are integer minor units; "—" stands for a figure that does not apply.
 */
export type RuleFigures = Record<string, string | number>;

export type CriterionResult = { met: boolean; figures: RuleFigures };

/** M4.2: "permanent client" when total purchases reached X, or the monthly minimum held for `months` months. */
export type PermanentClientRule = {
  totalAmountMinor: number | null;
  monthlyMinimumMinor: number | null;
  months: number;
  currency: string;
};

const notApplicable = "—";
const maxMonths = 24;

const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const assertDate = (date: string): void => {
  if (!datePattern.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
};

const assertAmount = (name: string, amountMinor: number): void => {
  if (!Number.isInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`${name} must be a non-negative integer of minor units: ${amountMinor}`);
  }
};

const assertMonths = (months: number): void => {
  if (!Number.isInteger(months) || months < 1 || months > maxMonths) {
    throw new RangeError(`Months must be an integer from 1 to ${maxMonths}: ${months}`);
  }
};

/** "YYYY-MM-DD" strings order as dates, so plain comparison is enough; what is dated after today has not happened. */
const paymentsUpTo = (history: PurchaseHistory, today: string): PaymentFact[] =>
  history.payments.filter((payment) => payment.paidOn <= today);

/** Net money received per currency; refunds are negative payments and subtract. */
const netByCurrency = (payments: readonly PaymentFact[]): Map<string, number> => {
  const net = new Map<string, number>();
  for (const payment of payments) net.set(payment.currency, (net.get(payment.currency) ?? 0) + payment.amountMinor);
  return net;
};

/**
 * Money in other currencies is not converted (there are no exchange rates) and does not count towards a
 * threshold, but it is shown, one flat key per currency: `other_USD: 120000`.
 */
const otherCurrencyFigures = (net: ReadonlyMap<string, number>, currency: string): RuleFigures => {
  const figures: RuleFigures = {};
  for (const [other, amount] of [...net].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (other !== currency && amount !== 0) figures[`other_${other}`] = amount;
  }
  return figures;
};

/**
 * M4.1: the orders that count for the `orders` and `product` criteria: placed by today and not fully refunded.
 * Fully refunded = at least one refund and the order's payments in its own currency sum to zero or less.
 * An order not yet paid still counts: the client placed it.
 */
const countingOrders = (history: PurchaseHistory, today: string): OrderFact[] => {
  const paid = new Map<string, { net: number; refunded: boolean }>();
  const currencyOf = new Map(history.orders.map((order) => [order.id, order.currency]));
  for (const payment of paymentsUpTo(history, today)) {
    if (currencyOf.get(payment.orderId) !== payment.currency) continue;
    const entry = paid.get(payment.orderId) ?? { net: 0, refunded: false };
    paid.set(payment.orderId, {
      net: entry.net + payment.amountMinor,
      refunded: entry.refunded || payment.amountMinor < 0,
    });
  }
  return history.orders.filter((order) => {
    if (order.orderedOn > today) return false;
    const entry = paid.get(order.id);
    return !(entry !== undefined && entry.refunded && entry.net <= 0);
  });
};

const monthOf = (date: string): string => date.slice(0, 7);

/** "YYYY-MM" moved by `delta` calendar months; December + 1 is January of the next year. */
const shiftMonth = (month: string, delta: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
};

/**
 * M4.2 (and the M4.1 `monthly_minimum` criterion): net purchases of every one of `months` consecutive calendar
 * months (by payment date, so a refund lowers the month it was paid back in) are at least `minimumMinor`.
 * Two windows are tried: the `months` complete months before today's month, and the `months` months ending
 * with today's month, so a client who already crossed the minimum this month need not wait for it to end.
 * Figures: each month's net keyed "YYYY-MM" (oldest first) and `minimum`.
 */
const monthlyMinimum = (
  payments: readonly PaymentFact[],
  months: number,
  minimumMinor: number,
  currency: string,
  today: string,
): CriterionResult => {
  const current = monthOf(today);
  const sums = new Map<string, number>();
  for (let delta = -months; delta <= 0; delta += 1) sums.set(shiftMonth(current, delta), 0);
  for (const payment of payments) {
    const month = monthOf(payment.paidOn);
    const sum = sums.get(month);
    if (payment.currency === currency && sum !== undefined) sums.set(month, sum + payment.amountMinor);
  }
  const holdsThrough = (last: string): boolean =>
    Array.from({ length: months }, (_, i) => sums.get(shiftMonth(last, -i)) ?? 0).every((sum) => sum >= minimumMinor);
  const figures: RuleFigures = Object.fromEntries(sums);
  figures.minimum = minimumMinor;
  return { met: holdsThrough(shiftMonth(current, -1)) || holdsThrough(current), figures };
};

/**
 * M4.1: whether a client's purchase history meets the company's hunter → farmer criterion as of `today`.
 * Purchases are money received: net payments, refunds being negative payments; payments and orders dated
 * after `today` are ignored.
 * - `orders`: at least `count` counting orders (see above: not fully refunded; unpaid ones count).
 *   Figures: `orders`, `threshold`.
 * - `volume`: cumulative net purchases in `currency` ≥ `amountMinor`; other currencies are shown, not
 *   converted. Figures: `total`, `threshold`, `currency`, `other_<CODE>`.
 * - `product`: some counting order is for one of `productIds` or in one of `productGroupIds`.
 *   Figures: `matchingOrders`.
 * - `monthly_minimum`: see the monthly minimum of M4.2, with `months` and `amountMinor`.
 * Throws RangeError on a count below 1, months outside 1..24, a negative or fractional amount, or a bad date.
 */
export const evaluateHunterToFarmer = (
  criterion: HunterToFarmerCriterion,
  history: PurchaseHistory,
  today: string,
): CriterionResult => {
  assertDate(today);
  switch (criterion.kind) {
    case "orders": {
      if (!Number.isInteger(criterion.count) || criterion.count < 1) {
        throw new RangeError(`Order count must be an integer of at least 1: ${criterion.count}`);
      }
      const orders = countingOrders(history, today).length;
      return { met: orders >= criterion.count, figures: { orders, threshold: criterion.count } };
    }
    case "volume": {
      assertAmount("Volume", criterion.amountMinor);
      const net = netByCurrency(paymentsUpTo(history, today));
      const total = net.get(criterion.currency) ?? 0;
      return {
        met: total >= criterion.amountMinor,
        figures: {
          total,
          threshold: criterion.amountMinor,
          currency: criterion.currency,
          ...otherCurrencyFigures(net, criterion.currency),
        },
      };
    }
    case "product": {
      const productIds = new Set(criterion.productIds);
      const groupIds = new Set(criterion.productGroupIds);
      const matchingOrders = countingOrders(history, today).filter(
        (order) =>
          [{ productId: order.productId, productGroupId: order.productGroupId }, ...(order.lineProducts ?? [])].some(
            (line) => (line.productId !== null && productIds.has(line.productId)) || (line.productGroupId !== null && groupIds.has(line.productGroupId)),
          ),
      ).length;
      return { met: matchingOrders > 0, figures: { matchingOrders } };
    }
    case "monthly_minimum": {
      assertMonths(criterion.months);
      assertAmount("Monthly minimum", criterion.amountMinor);
      const payments = paymentsUpTo(history, today);
      const result = monthlyMinimum(payments, criterion.months, criterion.amountMinor, criterion.currency, today);
      const others = otherCurrencyFigures(netByCurrency(payments), criterion.currency);
      return { met: result.met, figures: { ...result.figures, currency: criterion.currency, ...others } };
    }
    default: {
      const unknown: never = criterion;
      throw new RangeError(`Unknown hunter-to-farmer criterion: ${JSON.stringify(unknown)}`);
    }
  }
};

/**
 * M4.2: a client is permanent when `totalAmountMinor` is set and cumulative net purchases in `currency`
 * reached it, OR `monthlyMinimumMinor` is set and the monthly minimum held for `months` months (the same
 * two windows as above). With both unset the status is never earned automatically.
 * Figures: `total`, `threshold` and `minimum` ("—" when unset), `currency`, `other_<CODE>`, and the months
 * keyed "YYYY-MM" when a monthly minimum is set.
 * Throws RangeError on months outside 1..24, a negative or fractional amount, or a bad date.
 */
export const evaluatePermanentClient = (
  rule: PermanentClientRule,
  history: PurchaseHistory,
  today: string,
): CriterionResult => {
  assertDate(today);
  assertMonths(rule.months);
  if (rule.totalAmountMinor !== null) assertAmount("Total purchases", rule.totalAmountMinor);
  if (rule.monthlyMinimumMinor !== null) assertAmount("Monthly minimum", rule.monthlyMinimumMinor);

  const payments = paymentsUpTo(history, today);
  const net = netByCurrency(payments);
  const total = net.get(rule.currency) ?? 0;
  const totalMet = rule.totalAmountMinor !== null && total >= rule.totalAmountMinor;
  const monthly =
    rule.monthlyMinimumMinor === null
      ? { met: false, figures: { minimum: notApplicable } }
      : monthlyMinimum(payments, rule.months, rule.monthlyMinimumMinor, rule.currency, today);
  return {
    met: totalMet || monthly.met,
    figures: {
      total,
      threshold: rule.totalAmountMinor ?? notApplicable,
      ...monthly.figures,
      currency: rule.currency,
      ...otherCurrencyFigures(net, rule.currency),
    },
  };
};
