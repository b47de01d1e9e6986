import { crossRoles, farmerRoles, hunterRoles, type SalesRole } from "@conveyor/contracts";

/** M4.3: hunters win clients, farmers grow them, and some roles sit between both. */
export const salesRoleFamilies = ["hunters", "farmers", "between"] as const;
export type SalesRoleFamily = (typeof salesRoleFamilies)[number];

export const rolesOfFamily = (family: SalesRoleFamily): readonly SalesRole[] => {
  switch (family) {
    case "hunters":
      return hunterRoles;
    case "farmers":
      return farmerRoles;
    case "between":
      return crossRoles;
  }
};

export const familyOfRole = (role: SalesRole): SalesRoleFamily => {
  for (const family of salesRoleFamilies) if (rolesOfFamily(family).includes(role)) return family;
  throw new RangeError(`Unknown sales role: ${role}`);
};

/**
 * M4.4: product, territory and regional managers (and technical support) are the cross roles whose
 * attachments make the matrix; hunters and farmers normally have none.
 */
export const isCrossRole = (role: SalesRole | null): boolean => role !== null && familyOfRole(role) === "between";

/** Options for a grouped select: Hunters / Farmers / Between, each with its roles in the method's order. */
export const groupedSalesRoleOptions = (
  familyLabel: (family: SalesRoleFamily) => string,
  roleLabel: (role: SalesRole) => string,
): { group: string; items: { value: SalesRole; label: string }[] }[] =>
  salesRoleFamilies.map((family) => ({
    group: familyLabel(family),
    items: rolesOfFamily(family).map((value) => ({ value, label: roleLabel(value) })),
  }));
