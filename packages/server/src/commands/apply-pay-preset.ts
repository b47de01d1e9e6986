import type { ApplyPreset, PayPreset, PayPresetKey, PayScheme } from "@conveyor/contracts";
import { applyPresetSchema } from "@conveyor/contracts";
import { defaultPresetParameters, payPresets } from "@conveyor/domain";
import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { assignTargets, insertScheme, insertVersion } from "../repositories/pay.repository";
import type { Viewer } from "../scope";
import { definitionOf } from "./compute-payroll";
import { getPayScheme } from "./manage-pay-schemes";
import { mustManagePay, payPeriodFor } from "./pay-context";

/*
 * [pay] the presets that reproduce the seeds (M5.14, M3.2, M1.6) and applying one: its schemes created from a
 * month on, each assigned as the preset suggests (levels; new-business and client department kinds).
 */

const englishNames: Record<string, string> = {
  half_and_half: "50/50: half salary, half percentage (M5.14)",
  new_business: "New business department (M3.2)",
  client: "Client department (M3.2)",
  L1: "Conveyor L1: attraction",
  L2: "Conveyor L2: first deal",
  L3: "Conveyor L3: account growth",
};

export const listPayPresets = (): { items: PayPreset[] } => ({
  items: payPresets(defaultPresetParameters).map((p) => ({
    key: p.key,
    method: p.method,
    schemes: p.schemes.map((s) => ({ key: s.key, assignment: s.assignment, definition: definitionOf(s.definition) })),
  })),
});

export const applyPayPreset = async (context: AppContext, viewer: Viewer, key: PayPresetKey, raw: ApplyPreset): Promise<{ items: PayScheme[] }> => {
  mustManagePay(viewer);
  const input = applyPresetSchema.parse(raw);
  const parameters = { ...defaultPresetParameters, ...Object.fromEntries(Object.entries(input.parameters).filter(([, v]) => v !== undefined)) };
  const preset = payPresets(parameters).find((p) => p.key === key);
  if (!preset) throw notFound("The preset");
  const at = context.now();
  const ids = await context.database.db.transaction(async (tx) => {
    const created: string[] = [];
    for (const scheme of preset.schemes) {
      const id = await insertScheme(tx, viewer.organizationId, { name: input.names[scheme.key] ?? englishNames[scheme.key] ?? scheme.key, presetKey: preset.key, createdById: viewer.userId, at });
      const from = await payPeriodFor(tx, viewer.organizationId, input.effectiveFrom);
      await insertVersion(tx, viewer.organizationId, { schemeId: id, effectiveFrom: from.start, definition: scheme.definition, createdById: viewer.userId, at });
      if (input.assign && scheme.assignment) await assignTargets(tx, viewer.organizationId, id, [scheme.assignment]);
      created.push(id);
    }
    return created;
  });
  return { items: await Promise.all(ids.map((id) => getPayScheme(context, viewer, id))) };
};
