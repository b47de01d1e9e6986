import type { LeadInput, Temperature } from "@conveyor/contracts";

/** The typed-in fields of the "New lead" form, as the inputs hold them. */
export type LeadDraft = {
  name: string;
  companyName: string;
  phone: string;
  email: string;
  message: string;
  region: string;
  productInterest: string;
  audience: string;
  channel: string;
  /** null: the manual source's default warmth. */
  temperature: Temperature | null;
};

export const emptyLeadDraft: LeadDraft = {
  name: "",
  companyName: "",
  phone: "",
  email: "",
  message: "",
  region: "",
  productInterest: "",
  audience: "",
  channel: "",
  temperature: null,
};

/** The text fields of the form, in its order; the server names the same keys in a problem's `errors[]`. */
export const leadTextFields = ["name", "companyName", "phone", "email", "message", "region", "productInterest", "audience", "channel"] as const;
export type LeadTextField = (typeof leadTextFields)[number];

/**
 * The body of `POST /api/v1/leads` (leadInputSchema): trimmed, with empty fields left out rather than sent as "".
 * Whether there is a way to reach the person is the server's to say, under the phone.
 */
export const draftToLeadInput = (draft: LeadDraft): LeadInput => {
  const input: LeadInput = {};
  for (const field of leadTextFields) {
    const value = draft[field].trim();
    if (value !== "") input[field] = value;
  }
  if (draft.temperature !== null) input.temperature = draft.temperature;
  return input;
};
