import { describe, expect, it } from "vitest";
import { redistributeSchema, type RedistributionPreview } from "@conveyor/contracts";
import { assignmentsFromPreview, emptyRedistributionDraft, reasonText, receiverRows, redistributionBody, type RedistributionDraft } from "./redistribution-draft";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const draft = (patch: Partial<RedistributionDraft>): RedistributionDraft => ({ ...emptyRedistributionDraft(), fromUserId: id(1), ...patch });

/** Every body built here must pass the server's own schema. */
const valid = (result: ReturnType<typeof redistributionBody>) => {
  if (!result.ok) throw new Error(`Not built: ${result.problems.join(", ")}`);
  expect(redistributeSchema.safeParse(result.body).success).toBe(true);
  return result.body;
};

describe("redistributionBody", () => {
  it("splits evenly over chosen sellers", () => {
    expect(valid(redistributionBody(draft({ toUserIds: [id(2), id(3), id(2)], note: " two weeks " }), "Vacation"))).toEqual({
      fromUserId: id(1),
      mode: "manual",
      toUserIds: [id(2), id(3)],
      reason: "Vacation: two weeks",
    });
  });

  it("splits evenly over a team", () => {
    expect(valid(redistributionBody(draft({ receivers: "team", teamId: id(5) }), "Dismissal"))).toEqual({
      fromUserId: id(1),
      mode: "manual",
      teamId: id(5),
      reason: "Dismissal",
    });
  });

  it("leaves the receivers to the routing rules", () => {
    expect(valid(redistributionBody(draft({ receivers: "rules", toUserIds: [id(2)], split: "by_hand" }), "Vacation"))).toEqual({
      fromUserId: id(1),
      mode: "rules",
      reason: "Vacation",
    });
  });

  it("sends the by-hand choices, without the ones left to stay or given back to the giver", () => {
    const byHand = draft({ toUserIds: [id(2)], split: "by_hand", assignments: { [id(7)]: id(2), [id(8)]: "", [id(9)]: id(1) } });
    expect(valid(redistributionBody(byHand, "Vacation"))).toEqual({
      fromUserId: id(1),
      mode: "manual",
      assignments: [{ companyId: id(7), toUserId: id(2) }],
      reason: "Vacation",
    });
    // The first preview of a by-hand split asks the even split.
    expect(valid(redistributionBody({ ...byHand, assignments: {} }, "Vacation", { evenOnly: true }))).toMatchObject({ toUserIds: [id(2)] });
  });

  it("names what is missing", () => {
    expect(redistributionBody(draft({ fromUserId: null, reason: "other" }), "Other")).toEqual({ ok: false, problems: ["fromUserId", "toUserIds", "note"] });
    expect(redistributionBody(draft({ receivers: "team" }), "Vacation")).toEqual({ ok: false, problems: ["teamId"] });
    expect(redistributionBody(draft({ toUserIds: [id(1)] }), "Vacation")).toEqual({ ok: false, problems: ["selfTarget"] });
    expect(redistributionBody(draft({ toUserIds: [id(2)], split: "by_hand" }), "Vacation")).toEqual({ ok: false, problems: ["assignments"] });
  });

  it("writes the reason with its note", () => {
    expect(reasonText("Vacation", "")).toBe("Vacation");
    expect(reasonText("Отпуск", " до 20 марта ")).toBe("Отпуск: до 20 марта");
  });
});

describe("preview helpers", () => {
  const preview: RedistributionPreview = {
    clients: [
      { company: { id: id(7), name: "Acme" }, to: { id: id(2), name: "Boris" }, openDeals: 1, openTasks: 2, amounts: [] },
      { company: { id: id(8), name: "Beta" }, to: null, openDeals: 0, openTasks: 0, amounts: [] },
    ],
    totals: { clients: 2, deals: 1, tasks: 2, unplaced: 1 },
    byReceiver: [
      { user: { id: id(3), name: "Vera" }, clients: 1, deals: 0, tasks: 0, amounts: [] },
      { user: { id: id(2), name: "Boris" }, clients: 1, deals: 1, tasks: 2, amounts: [{ currency: "RUB", amountMinor: 100 }] },
      { user: { id: id(4), name: "Gleb" }, clients: 3, deals: 0, tasks: 0, amounts: [] },
    ],
    skipped: [],
  };

  it("starts by hand from the even split, placed clients only", () => {
    expect(assignmentsFromPreview(preview)).toEqual({ [id(7)]: id(2) });
  });

  it("lists receivers by clients, then by name", () => {
    expect(receiverRows(preview).map((row) => row.user.name)).toEqual(["Gleb", "Boris", "Vera"]);
  });
});
