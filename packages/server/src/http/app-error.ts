import type { ErrorCode, FieldError } from "@conveyor/contracts";

/**
 * The one error type use cases throw. The code is stable and documented in
 * contracts/errors.ts; `problem.ts` maps it to an HTTP status in one place.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export const notFound = (what = "The resource"): AppError => new AppError("not_found", `${what} was not found`);
export const forbidden = (detail = "You are not allowed to do this"): AppError => new AppError("forbidden", detail);
