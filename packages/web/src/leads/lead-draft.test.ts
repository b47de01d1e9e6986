import { describe, expect, it } from "vitest";
import { leadInputSchema } from "@conveyor/contracts";
import { draftToLeadInput, emptyLeadDraft } from "./lead-draft";

describe("draftToLeadInput", () => {
  it("trims and leaves empty fields out", () => {
    expect(
      draftToLeadInput({ ...emptyLeadDraft, name: "  Ivan Petrov ", companyName: "Romashka", phone: " +7 495 123-45-67 ", email: "   " }),
    ).toEqual({ name: "Ivan Petrov", companyName: "Romashka", phone: "+7 495 123-45-67" });
  });

  it("sends the warmth only when one was picked", () => {
    expect(draftToLeadInput({ ...emptyLeadDraft, name: "A" })).not.toHaveProperty("temperature");
    expect(draftToLeadInput({ ...emptyLeadDraft, name: "A", temperature: "hot" }).temperature).toBe("hot");
  });

  it("makes a body the contract accepts, and leaves the missing way to reach the person to the server", () => {
    const full = draftToLeadInput({
      ...emptyLeadDraft,
      email: "buyer@example.test",
      message: "Need 20 t a month",
      region: "Kazan",
      productInterest: "Polymers",
      audience: "Wholesale",
      channel: "Phone",
    });
    expect(leadInputSchema.safeParse(full).success).toBe(true);
    expect(draftToLeadInput(emptyLeadDraft)).toEqual({});
    expect(leadInputSchema.safeParse({}).error?.issues[0]?.path).toEqual(["phone"]);
  });
});
