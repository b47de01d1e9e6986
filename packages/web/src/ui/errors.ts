import type { TFunction } from "i18next";
import { isApiError } from "../api/client";

/** The translated sentence for a failed call; the server's English `title` is never shown. */
export const problemMessage = (t: TFunction, error: unknown): string =>
  isApiError(error) ? t(`errors.${error.code}`) : t("errors.unexpected_response");

const fieldCodeMessage = (t: TFunction, code: string): string | null => {
  switch (code) {
    case "too_small":
      return t("validation.too_small");
    case "too_big":
      return t("validation.too_big");
    case "invalid_format":
    case "invalid_string":
      return t("validation.invalid_format");
    case "invalid_type":
      return t("validation.invalid_type");
    case "invalid_value":
    case "invalid_enum_value":
      return t("validation.invalid_value");
    case "invalid_phone":
      return t("contacts.invalidPhone");
    case "legal_id_taken":
      return t("clientForm.legalIdTaken");
    case "custom_field_invalid":
      return t("customFields.invalidValue");
    case "custom_field_unknown":
      return t("customFields.unknownField");
    default:
      return null;
  }
};

/**
 * The message to show under one field, if the server rejected it. Field codes are zod issue codes;
 * an unknown one falls back to the server's (English) message rather than hiding the problem.
 */
export const fieldErrorMessage = (t: TFunction, error: unknown, field: string): string | undefined => {
  if (!isApiError(error)) return undefined;
  const fieldError = error.fieldError(field);
  if (!fieldError) return undefined;
  return fieldCodeMessage(t, fieldError.code) ?? (fieldError.message || t("validation.invalid"));
};

/** Whether the error is fully explained by messages under fields, so no banner is needed. */
export const isOnlyFieldErrors = (error: unknown, fields: readonly string[]): boolean =>
  isApiError(error, "validation_failed") &&
  error.fieldErrors.length > 0 &&
  error.fieldErrors.every((e) => fields.includes(e.field));

/**
 * Like isOnlyFieldErrors, for forms with lists: `phones` also covers `phones.0`, and any error code
 * that names only these fields (e.g. a 400 `invalid_phone`) counts as explained.
 */
export const isExplainedByFields = (error: unknown, fields: readonly string[]): boolean =>
  isApiError(error) &&
  error.fieldErrors.length > 0 &&
  error.fieldErrors.every((e) => fields.some((field) => e.field === field || e.field.startsWith(`${field}.`)));
