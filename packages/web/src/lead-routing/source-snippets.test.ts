import { describe, expect, it } from "vitest";
import { embedSnippet, hostedFormUrl, signedCurlExample, webhookEndpoint } from "./source-snippets";

describe("form links", () => {
  it("builds the hosted page, with a language when one is chosen", () => {
    expect(hostedFormUrl("https://crm.example.com/", "pk_abc")).toBe("https://crm.example.com/f/pk_abc");
    expect(hostedFormUrl("https://crm.example.com", "pk_abc", "fa")).toBe("https://crm.example.com/f/pk_abc?lang=fa");
  });

  it("builds the embed snippet the server's script reads", () => {
    expect(embedSnippet("https://crm.example.com", "pk_abc")).toBe('<script src="https://crm.example.com/embed/form.js" data-key="pk_abc" async></script>');
    expect(embedSnippet("https://crm.example.com", "pk_abc", "ru")).toBe(
      '<script src="https://crm.example.com/embed/form.js" data-key="pk_abc" data-lang="ru" async></script>',
    );
  });

  it("escapes what could break the attribute", () => {
    expect(embedSnippet("https://x", 'a"b')).toContain('data-key="a&quot;b"');
  });
});

describe("webhook example", () => {
  it("signs “timestamp.body” with the headers the server checks", () => {
    const script = signedCurlExample({ origin: "https://crm.example.com", publicKey: "pk_abc", secret: "s3cr'et", secretPlaceholder: "<secret>" });
    expect(webhookEndpoint("https://crm.example.com/")).toBe("https://crm.example.com/api/v1/leads");
    expect(script).toContain(`SECRET='s3cr'\\''et'`);
    expect(script).toContain(`printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"`);
    expect(script).toContain('SIG="sha256=');
    expect(script).toContain("curl -X POST 'https://crm.example.com/api/v1/leads'");
    expect(script).toContain("-H 'X-Conveyor-Source: pk_abc'");
    expect(script).toContain('-H "X-Conveyor-Timestamp: $TS"');
    expect(script).toContain('-H "X-Conveyor-Signature: $SIG"');
    expect(script).toContain("Idempotency-Key");
  });

  it("shows a placeholder once the secret is no longer on screen", () => {
    expect(signedCurlExample({ origin: "https://x", publicKey: "pk", secret: null, secretPlaceholder: "<your secret>" })).toContain("SECRET='<your secret>'");
  });
});
