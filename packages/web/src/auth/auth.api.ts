import { sessionSchema, userSchema, type ChangePassword, type SignIn, type UpdateMe } from "@conveyor/contracts";
import { api } from "../app/api";
import { forgetSession, rememberSession } from "./session";

export const signIn = async (body: SignIn) => {
  const session = await api.post("/api/v1/auth/sign-in", sessionSchema, body);
  rememberSession(session);
  return session;
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
