import { localeSchema, roleSchema, userStatusSchema, type User } from "@conveyor/contracts";
import type { MemberRow } from "../repositories/user.repository";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const presentUser = (row: MemberRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: roleSchema.parse(row.role),
  status: userStatusSchema.parse(row.status),
  locale: row.locale === null ? null : localeSchema.parse(row.locale),
  mustChangePassword: row.mustChangePassword,
  createdAt: row.createdAt.toISOString(),
  deactivatedAt: iso(row.deactivatedAt),
  lastSignInAt: iso(row.lastSignInAt),
});
