import { beforeAll, describe, expect, it } from "vitest";
import { i18next, initI18n } from "../i18n/i18n";
import { describeRoutingRule, type RoutingNames } from "./routing-words";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const names: RoutingNames = {
  locale: "en",
  currency: "RUB",
  product: (productId) => (productId === id(1) ? "Press" : undefined),
  productGroup: () => "Equipment",
  source: () => "Website form",
};

/** Names are isolated for mixed-direction lines by some formatters; the words are what is checked here. */
const plain = (text: string) => text.replace(/[\u2068\u2069\u00a0\u202f]/g, " ");

beforeAll(async () => {
  await initI18n("en");
});

describe("describeRoutingRule", () => {
  it("says an empty rule as every lead", () => {
    const t = i18next.getFixedT("en");
    expect(describeRoutingRule(t, { conditions: {}, targetTeam: { id: id(5), name: "Moscow L1" }, targetUsers: [] }, names)).toBe("Every lead → team Moscow L1");
  });

  it("says the conditions in a fixed order, then the receivers and their skills", () => {
    const t = i18next.getFixedT("en");
    const sentence = describeRoutingRule(
      t,
      {
        conditions: {
          temperatures: ["hot", "warm"],
          regions: ["Moscow", "Tver"],
          channels: ["Website"],
          productIds: [id(1), id(2)],
          minAmountMinor: 50_000_000,
          skills: ["equipment"],
        },
        targetTeam: null,
        targetUsers: [
          { id: id(3), name: "Anna" },
          { id: id(4), name: "Boris" },
        ],
      },
      names,
    );
    expect(plain(sentence)).toMatch(
      /^Leads from channel Website, in regions Moscow or Tver, about product Press or product a removed product, warm or hot, worth \S*\s?500,000(\.00)?\s?\S* or more → sellers Anna and Boris, with skill “equipment”$/,
    );
  });

  it("drops a condition on all three temperatures", () => {
    const t = i18next.getFixedT("en");
    expect(describeRoutingRule(t, { conditions: { temperatures: ["cold", "warm", "hot"] }, targetTeam: null, targetUsers: [] }, names)).toBe("Every lead → nobody yet");
  });
});
