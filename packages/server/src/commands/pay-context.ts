import type { Role } from "@conveyor/contracts";
import { monthRange } from "@conveyor/domain";
import { AppError, forbidden, notFound } from "../http/app-error";
import type { Executor } from "../db/database";
import { paySellersInScope, type PaySeller } from "../repositories/pay-facts.repository";
import type { Viewer } from "../scope";

/*
 * [pay] what every pay use case needs: the month as dates, who may change pay (heads of sales and admins),
 * and the one seller a viewer may see (a seller themselves, a team lead their team, heads everyone).
 */

export type PayMonthRange = { key: string; start: string; end: string; year: number; month: number };

export const payMonth = (key: string): PayMonthRange => {
  const [year, month] = key.split("-").map(Number) as [number, number];
  const range = monthRange(year, month);
  return { key, start: range.from, end: range.to, year, month };
};

/** "2026-11-01" → "2026-12-01". */
export const nextMonthStart = (start: string): string => {
  const [y, m] = start.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};

export const monthKeyOf = (start: string): string => start.slice(0, 7);

const payManagers: readonly Role[] = ["admin", "head_of_sales"];

/** Only heads of sales and admins set schemes, close months, adjust pay and export it. */
export const mustManagePay = (viewer: Viewer): void => {
  if (!payManagers.includes(viewer.role)) throw forbidden("Only heads of sales and admins manage pay");
};

export const managesPay = (viewer: Viewer): boolean => payManagers.includes(viewer.role);

/** A seller whose pay the viewer sees; anyone else is missing (404), like an id of another organization. */
export const mustSeePaySeller = async (ex: Executor, viewer: Viewer, sellerId: string): Promise<PaySeller> => {
  const [seller] = await paySellersInScope(ex, viewer, sellerId);
  if (!seller) throw notFound("The seller");
  return seller;
};

export const validation = (field: string, code: string, message: string): AppError => new AppError("validation_failed", message, { errors: [{ field, code, message }] });
