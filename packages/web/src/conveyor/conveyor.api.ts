import {
  handoverOptionsSchema,
  handoverPageSchema,
  handoverPreviewSchema,
  handoverRuleSchema,
  handoverSchema,
  levelReportSchema,
  type HandOverClient,
  type HandoverRule,
  type HandoverRuleParams,
  type LevelReportQuery,
  type ListHandoversQuery,
  type SaveHandoverRule,
  type UpdateHandoverRule,
} from "@conveyor/contracts";
import type { Parser } from "../api/client";
import { api } from "../app/api";

/** Everything of the conveyor (M1.4, M4.1) sits under this key: a handover refreshes rules' reports at once. */
export const conveyorKey = ["conveyor"];
export const rulesKey = [...conveyorKey, "rules"];
export const handoversKey = [...conveyorKey, "handovers"];
export const levelReportKey = (query: LevelReportQuery) => [...conveyorKey, "levels", query];
export const handoverOptionsKey = (companyId: string) => [...conveyorKey, "options", companyId];

const rulePath = (id: string) => `/api/v1/conveyor/rules/${encodeURIComponent(id)}`;
const companyHandoverPath = (companyId: string) => `/api/v1/companies/${encodeURIComponent(companyId)}/handover`;

const ruleArraySchema = handoverRuleSchema.array();
/** `{ items: HandoverRule[] }`; contracts export no list schema for rules, so the array is checked inside. */
const ruleListParser: Parser<HandoverRule[]> = {
  parse: (data) => ruleArraySchema.parse(typeof data === "object" && data !== null && "items" in data ? data.items : undefined),
};

export const listRules = () => api.get("/api/v1/conveyor/rules", ruleListParser);

export const createRule = (body: SaveHandoverRule) => api.post("/api/v1/conveyor/rules", handoverRuleSchema, body);

export const updateRule = (id: string, body: UpdateHandoverRule) => api.patch(rulePath(id), handoverRuleSchema, body);

export const deleteRule = (id: string) => api.send("DELETE", rulePath(id));

/** M4.1: who a rule would move if it were switched on now, with the figures it saw for each. */
export const previewRule = (rule: HandoverRuleParams) => api.post("/api/v1/conveyor/rules/preview", handoverPreviewSchema, { rule });

export type HandoverListQuery = Partial<Omit<ListHandoversQuery, "limit">> & { limit?: number };

export const listHandovers = (query: HandoverListQuery) => api.get("/api/v1/conveyor/handovers", handoverPageSchema, query);

export const getLevelReport = (query: LevelReportQuery) => api.get("/api/v1/conveyor/levels", levelReportSchema, query);

export const getHandoverOptions = (companyId: string) => api.get(companyHandoverPath(companyId), handoverOptionsSchema);

export const handOverClient = (companyId: string, body: HandOverClient) => api.post(companyHandoverPath(companyId), handoverSchema, body);
