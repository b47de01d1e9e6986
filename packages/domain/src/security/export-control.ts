/*
 * [anti-leak] M1.5 (5), the rising risk of leaking information: the rules of export control, masking,
 * reveals and the bulk-read guard. Pure functions: thresholds, roles and `now` are passed in.
 */

export type ExportRole = "admin" | "head_of_sales" | "team_lead" | "seller";

/** M1.5: heads of sales and admins decide on exports; they export without asking anyone. */
export const isExportApprover = (role: ExportRole): boolean => role === "admin" || role === "head_of_sales";

/** M1.5: export is a permission per role (the organization's setting); admins always keep it. */
export const mayExport = (role: ExportRole, exportRoles: readonly string[]): boolean => role === "admin" || exportRoles.includes(role);

/** M1.5: an export of more rows than the threshold needs a head's approval, unless the exporter is one. */
export const exportNeedsApproval = (options: { role: ExportRole; rows: number; threshold: number }): boolean =>
  !isExportApprover(options.role) && options.rows > options.threshold;

export type ExportRequestStatus = "pending" | "approved" | "rejected" | "downloaded" | "expired";

/** An approved request can be downloaded once, until it expires; a pending one expires too, unanswered. */
export const exportRequestState = (
  request: { status: "pending" | "approved" | "rejected" | "downloaded"; expiresAt: Date | null; createdAt: Date },
  now: Date,
  validHours: number,
): ExportRequestStatus => {
  switch (request.status) {
    case "rejected":
    case "downloaded":
      return request.status;
    case "approved":
      return request.expiresAt !== null && request.expiresAt.getTime() <= now.getTime() ? "expired" : "approved";
    case "pending":
      return now.getTime() - request.createdAt.getTime() >= validHours * 3_600_000 ? "expired" : "pending";
  }
};

/** M1.5: whether a role sees client phones and emails in full (admins always do). */
export const seesContactsInFull = (role: ExportRole, revealRoles: readonly string[]): boolean => role === "admin" || revealRoles.includes(role);

/**
 * A phone with its middle hidden: the country code and the last two digits stay, so a person can tell two
 * numbers apart without being able to dial them. "+74951234567" → "+7 *** ***-**-67".
 */
export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "***";
  const last = digits.slice(-2);
  const head = phone.startsWith("+") ? `+${digits.slice(0, digits.length > 10 ? digits.length - 10 : 1)} ` : "";
  return `${head}*** ***-**-${last}`;
};

/** An email with its name hidden but its first letter and domain kept: "irina@example.test" → "i***@example.test". */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
};

/** Whether a value is one of our masks (a masked value sent back must never overwrite the real one). */
export const isMasked = (value: string): boolean => value.includes("***");

/** M1.5: reveals left today under the daily cap (never negative). */
export const revealsLeft = (revealedToday: number, dailyCap: number): number => Math.max(0, dailyCap - revealedToday);

export type BulkReadThresholds = { cardOpensPerHour: number; listedRowsPerHour: number; slowdownMs: number };
export type BulkReadCounts = { cardOpens: number; listedRows: number };

/**
 * M1.5: a seller who opens more than N other people's client cards or lists more than M rows within an hour is
 * over the line; the reasons say which.
 */
export const bulkReadReasons = (counts: BulkReadCounts, thresholds: BulkReadThresholds): Array<"card_opens" | "listed_rows"> => [
  ...(counts.cardOpens > thresholds.cardOpensPerHour ? (["card_opens"] as const) : []),
  ...(counts.listedRows > thresholds.listedRowsPerHour ? (["listed_rows"] as const) : []),
];

/** The most a request is ever held back, whatever the setting says: slowed, never hung. */
export const maxSlowdownMs = 10_000;

/** The delay for a request over the line: the setting, bounded; none under it. */
export const bulkReadDelayMs = (over: boolean, slowdownMs: number): number => (over ? Math.min(Math.max(0, slowdownMs), maxSlowdownMs) : 0);

/** The start of the clock hour a moment falls in (the guard counts per hour). */
export const hourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

/** The visible watermark of an export: who, when, and the export's id, in one line. */
export const watermarkLine = (options: { name: string; email: string; at: Date; exportId: string }): string =>
  `Conveyor export ${options.exportId} · ${options.name} <${options.email}> · ${options.at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The export id inside a watermark line or a document property, if any. */
export const exportIdInText = (text: string): string | null => {
  const match = /Conveyor export ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text);
  return match?.[1]?.toLowerCase() ?? null;
};

/*
 * The invisible mark of a CSV: the export id as bits after the last line, a space for 0 and a tab for 1, between
 * two newlines. Spreadsheet programs and `trim()` drop trailing whitespace, so the file reads as before, but a copy
 * of the file keeps it and names its export.
 */
const markStart = "\n \t \t";

export const encodeWhitespaceMark = (exportId: string): string => {
  const hex = exportId.replace(/-/g, "").toLowerCase();
  const bits = [...hex].map((c) => Number.parseInt(c, 16).toString(2).padStart(4, "0")).join("");
  return `${markStart}${bits.replace(/0/g, " ").replace(/1/g, "\t")}\n`;
};

export const decodeWhitespaceMark = (text: string): string | null => {
  const at = text.lastIndexOf(markStart);
  if (at < 0) return null;
  const bits = text.slice(at + markStart.length, at + markStart.length + 128);
  if (!/^[ \t]{128}$/.test(bits)) return null;
  let hex = "";
  for (let i = 0; i < 128; i += 4) hex += Number.parseInt(bits.slice(i, i + 4).replace(/ /g, "0").replace(/\t/g, "1"), 2).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
