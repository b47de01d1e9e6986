import type { Role } from "@conveyor/contracts";

/** Who may see the list of people: everyone who leads someone. Sellers get 403 from the API. */
export const canListUsers = (role: Role): boolean => {
  switch (role) {
    case "admin":
    case "head_of_sales":
    case "team_lead":
      return true;
    case "seller":
      return false;
  }
};

/** Adding people, changing roles, passwords, organization settings and API tokens. */
export const isAdmin = (role: Role): boolean => role === "admin";

/** Heads shape the department (rules, structure, settings): the administrator and the head of sales. */
export const isHead = (role: Role): boolean => {
  switch (role) {
    case "admin":
    case "head_of_sales":
      return true;
    case "team_lead":
    case "seller":
      return false;
  }
};

/** Whoever leads someone: heads and team leads (the level report, people, the staffing advisor). */
export const leadsPeople = (role: Role): boolean => isHead(role) || role === "team_lead";

/** Who edits pipelines and their stages (M5.15): the administrator and the head of sales. */
export const canManagePipelines = (role: Role): boolean => {
  switch (role) {
    case "admin":
    case "head_of_sales":
      return true;
    case "team_lead":
    case "seller":
      return false;
  }
};

/** Who keeps the price list (product groups and products): the administrator and the head of sales. */
export const canManageProducts = (role: Role): boolean => {
  switch (role) {
    case "admin":
    case "head_of_sales":
      return true;
    case "team_lead":
    case "seller":
      return false;
  }
};

/** Who may export lists (until [anti-leak] makes export a permission with approvals): admins and heads of sales. */
export const canExport = (role: Role): boolean => canManageProducts(role);

/** Who defines the organization's custom fields of clients and deals: the administrator and the head of sales. */
export const canManageCustomFields = (role: Role): boolean => canManagePipelines(role);

/** Who may share a saved list view with everyone in the organization (the server checks the same). */
export const canShareViews = (role: Role): boolean => canManagePipelines(role);

/** Who may import clients, contacts and deals from a file (the server checks the same): the administrator and the head of sales. */
export const canImport = (role: Role): boolean => canManagePipelines(role);
