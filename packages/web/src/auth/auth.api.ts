import { sessionSchema, signInResultSchema, userSchema, type ChangePassword, type SignIn, type SignInResult, type UpdateMe } from "@conveyor/contracts";
import { api } from "../app/api";
import { forgetSession, rememberSession } from "./session";

/** The session, or — with two-factor ([anti-leak]) — which second step is due; the session is remembered only when it came. */
export const signIn = async (body: SignIn): Promise<SignInResult> => {
  const result = await api.post("/api/v1/auth/sign-in", signInResultSchema, body);
  if (!("twoFactor" in result)) rememberSession(result);
  return result;
};

export const changePassword = async (body: ChangePassword) => {
  const session = await api.post("/api/v1/auth/change-password", sessionSchema, body);
  rememberSession(session);
  return session;
};

/** Signs out locally even if the server cannot be told; resolves to whether the server agreed. */
export const signOut = async (): Promise<boolean> => {
  try {
    await api.send("POST", "/api/v1/auth/sign-out");
    return true;
  } catch {
    return false;
  } finally {
    forgetSession({ deliberate: true });
  }
};

/** The signed-in person's own name and language. */
export const updateMe = (body: UpdateMe) => api.patch("/api/v1/me", userSchema, body);
