import { z } from "zod";
import { idSchema, isoDateTimeSchema, localeSchema, pageOf, pageQuerySchema } from "./common";

/** Roles of a membership. [conveyor] adds the method's roles (M4.3) on top of these. */
export const roles = ["admin", "head_of_sales", "team_lead", "seller"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const userStatuses = ["active", "deactivated"] as const;
export const userStatusSchema = z.enum(userStatuses);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const minPasswordLength = 10;
export const passwordSchema = z.string().min(minPasswordLength).max(200);

/** Emails are trimmed and lower-cased before they are checked and stored. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  status: userStatusSchema,
  locale: localeSchema.nullable(),
  mustChangePassword: z.boolean(),
  createdAt: isoDateTimeSchema,
  deactivatedAt: isoDateTimeSchema.nullable(),
  lastSignInAt: isoDateTimeSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const userPageSchema = pageOf(userSchema);
export type UserPage = z.infer<typeof userPageSchema>;

export const listUsersQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  status: userStatusSchema.optional(),
  role: roleSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const createUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  temporaryPassword: passwordSchema,
  locale: localeSchema.nullable().optional(),
});
export type CreateUser = z.input<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: roleSchema.optional(),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.strictObject({ temporaryPassword: passwordSchema });
export type ResetPassword = z.infer<typeof resetPasswordSchema>;

/** What a signed-in person may change about themselves. */
export const updateMeSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  locale: localeSchema.nullable().optional(),
});
export type UpdateMe = z.infer<typeof updateMeSchema>;
