import type { Executor } from "../db/database";
import { exportLog } from "../db/schema";
import type { Viewer } from "../scope";

/** Records an export (M1.5's leak-risk trigger reads these; [anti-leak] builds its control on them). */
export const logExport = async (
  ex: Executor,
  viewer: Viewer,
  entry: { entity: "companies" | "deals" | "report"; format: string; rows: number; filter: Record<string, unknown>; at: Date },
): Promise<void> => {
  await ex.insert(exportLog).values({ organizationId: viewer.organizationId, userId: viewer.userId, ...entry });
};
