import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "./common";
import { organizationSchema } from "./organization";
import { passwordSchema, userSchema } from "./users";

export const signInSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type SignIn = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1).max(200),
    newPassword: passwordSchema,
  })
  .refine((b) => b.currentPassword !== b.newPassword, {
    message: "The new password must differ from the current one",
    path: ["newPassword"],
  });
export type ChangePassword = z.infer<typeof changePasswordSchema>;

/**
 * The signed-in person, their organization, and the token every cookie-authenticated
 * write must echo in the `X-CSRF-Token` header.
 */
export const sessionSchema = z.object({
  user: userSchema,
  organization: organizationSchema,
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const csrfHeader = "x-csrf-token";
export const sessionCookie = "conveyor_session";

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
  revokedAt: isoDateTimeSchema.nullable(),
  userId: idSchema,
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const createApiTokenSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export type CreateApiToken = z.infer<typeof createApiTokenSchema>;

/** The secret is shown once, at creation; only its hash is stored. */
export const createdApiTokenSchema = z.object({ apiToken: apiTokenSchema, token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const healthSchema = z.object({
  status: z.literal("ok"),
  database: z.enum(["embedded", "postgres"]),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;
