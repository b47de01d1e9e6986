import type { PaySettings } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { existingProductGroups, paySettingsOf, upsertPaySettings } from "../repositories/pay.repository";
import type { Viewer } from "../scope";
import { mustManagePay } from "./pay-context";

/* [pay] M1.6 "don't overpay": the share of gross profit the month's payroll may take, and margins per product group. */

export const getPaySettings = async (context: AppContext, viewer: Viewer): Promise<PaySettings> => {
  mustManagePay(viewer);
  return paySettingsOf(context.database.db, viewer.organizationId);
};

export const savePaySettings = async (
  context: AppContext,
  viewer: Viewer,
  input: { payrollShareLimitPercent?: number | null | undefined; defaultMarginPercent?: number | undefined; marginPercentByProductGroup?: Record<string, number> | undefined },
): Promise<PaySettings> => {
  mustManagePay(viewer);
  return context.database.db.transaction(async (tx) => {
    const current = await paySettingsOf(tx, viewer.organizationId);
    const margins = input.marginPercentByProductGroup ?? current.marginPercentByProductGroup;
    const known = await existingProductGroups(tx, viewer.organizationId, Object.keys(margins));
    const unknown = Object.keys(margins).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppError("validation_failed", "No such product group", {
        errors: unknown.map((id) => ({ field: `marginPercentByProductGroup.${id}`, code: "unknown_product_group", message: "Not a product group of your organization" })),
      });
    }
    const next = {
      payrollShareLimitPercent: input.payrollShareLimitPercent === undefined ? current.payrollShareLimitPercent : input.payrollShareLimitPercent,
      defaultMarginPercent: input.defaultMarginPercent ?? current.defaultMarginPercent,
      marginPercentByProductGroup: margins,
    };
    await upsertPaySettings(tx, viewer.organizationId, next, viewer.userId, context.now());
    return next;
  });
};
