import type { Locale } from "@conveyor/contracts";

/** The origin without a trailing slash, so every address below has exactly one. */
const base = (origin: string): string => origin.replace(/\/+$/, "");

/** The hosted page of a form source; with a language, the page opens in it instead of the visitor's browser language. */
export const hostedFormUrl = (origin: string, publicKey: string, lang: Locale | null = null): string =>
  `${base(origin)}/f/${encodeURIComponent(publicKey)}${lang ? `?lang=${lang}` : ""}`;

const attribute = (value: string): string => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The tag a site pastes where the form should appear: the script puts the hosted form there in a frame. */
export const embedSnippet = (origin: string, publicKey: string, lang: Locale | null = null): string =>
  `<script src="${attribute(`${base(origin)}/embed/form.js`)}" data-key="${attribute(publicKey)}"${lang ? ` data-lang="${lang}"` : ""} async></script>`;

/** Where webhook sources post their leads. */
export const webhookEndpoint = (origin: string): string => `${base(origin)}/api/v1/leads`;

/** A value inside single quotes of a POSIX shell. */
const shellQuoted = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * A working delivery for a webhook source, signed as the server checks it (server/security/lead-signature.ts):
 * X-Conveyor-Source is the public key, X-Conveyor-Timestamp the Unix time in seconds (±5 minutes of the server's
 * clock), X-Conveyor-Signature `sha256=` and the hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret.
 * The secret is written in only while it is on screen (right after creation or rotation); otherwise a placeholder.
 */
export const signedCurlExample = (input: { origin: string; publicKey: string; secret: string | null; secretPlaceholder: string }): string => {
  const body = JSON.stringify({ name: "Anna Petrova", phone: "+7 900 000-00-00", email: "anna@example.com", message: "Need a quote" });
  return [
    `SECRET=${shellQuoted(input.secret ?? input.secretPlaceholder)}`,
    `BODY=${shellQuoted(body)}`,
    "TS=$(date +%s)",
    `SIG="sha256=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')"`,
    `curl -X POST ${shellQuoted(webhookEndpoint(input.origin))} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H ${shellQuoted(`X-Conveyor-Source: ${input.publicKey}`)} \\`,
    `  -H "X-Conveyor-Timestamp: $TS" \\`,
    `  -H "X-Conveyor-Signature: $SIG" \\`,
    `  -H 'Idempotency-Key: order-12345' \\`,
    `  --data "$BODY"`,
  ].join("\n");
};
