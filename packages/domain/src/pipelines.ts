export type StageKind = "open" | "won" | "lost";
export type StageTemplate = { name: string; probability: number; kind: StageKind };

const stageNames: Record<"RU" | "IR" | "OTHER", readonly string[]> = {
  RU: ["Новая", "Квалификация", "КП отправлено", "Переговоры", "Договор", "Выиграна", "Проиграна"],
  IR: ["جدید", "ارزیابی", "پیشنهاد ارسال شد", "مذاکره", "قرارداد", "موفق", "ناموفق"],
  OTHER: ["New", "Qualification", "Proposal sent", "Negotiation", "Contract", "Won", "Lost"],
};

/**
 * The pipeline a new organization starts with, named in its country's language: five open
 * stages from first contact to contract with rising probabilities, then won and lost.
 */
export const defaultPipelineStages = (country: "RU" | "IR" | "OTHER"): StageTemplate[] => {
  const [n0, n1, n2, n3, n4, won, lost] = stageNames[country];
  const probabilities = [10, 20, 40, 60, 80];
  const open = [n0, n1, n2, n3, n4].map((name, i) => ({ name: name ?? "", probability: probabilities[i] ?? 0, kind: "open" as const }));
  return [...open, { name: won ?? "Won", probability: 100, kind: "won" }, { name: lost ?? "Lost", probability: 0, kind: "lost" }];
};

export const defaultPipelineName: Record<"RU" | "IR" | "OTHER", string> = { RU: "Продажи", IR: "فروش", OTHER: "Sales" };

/** A deal is closed in a won or lost stage; the status follows the stage. */
export const dealStatusOf = (kind: StageKind): "open" | "won" | "lost" => kind;

/** M5.15: a lost deal must say why, or the funnel cannot show where money is lost. */
export const lostReasonMissing = (kind: StageKind, lostReason: string | null | undefined): boolean =>
  kind === "lost" && (lostReason ?? "").trim().length === 0;

/** Whole seconds from entering a stage to leaving it (or to now while still there). */
export const secondsInStage = (enteredAt: Date, leftAt: Date | null, now: Date): number =>
  Math.max(0, Math.floor(((leftAt ?? now).getTime() - enteredAt.getTime()) / 1000));
