import { randomBytes, randomUUID } from "node:crypto";
import { problemSchema, publicFormSchema, type FieldError, type FormConfig } from "@conveyor/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { reservedFormNames, submitForm, utmNames, type FormSubmission } from "../../commands/submit-form";
import type { AppContext } from "../../context";
import { AppError, forbidden, notFound } from "../../http/app-error";
import { statusForCode } from "../../http/problem";
import { embedScript } from "../../public-form/embed-script";
import { renderFormPage, renderMessagePage, thankYouOf } from "../../public-form/form-page";
import { formLanguageOf, formTexts, localized, type FormLanguage } from "../../public-form/form-texts";
import { findSourceByPublicKey, type SourceRow } from "../../repositories/lead-intake.repository";
import { loadLeadSettings } from "../../repositories/lead-settings.repository";
import { sourceConfigOf } from "../../repositories/lead-source.repository";
import { createFormRateLimiter } from "./form-rate-limiter";

const tags = ["public forms"];
const keyParamsSchema = z.strictObject({ key: z.string().min(1).max(100) });
/** A form posts text fields (a checkbox as "on"); JSON may send the consent as true. */
const submissionSchema = z.record(z.string().max(100), z.union([z.string().max(25_000), z.boolean(), z.number()]));
const receivedSchema = z.object({ received: z.literal(true), thankYou: z.string() });
const pageQuerySchema = z.object({
  lang: z.string().optional(),
  embed: z.string().optional(),
  page: z.string().optional(),
  referrer: z.string().optional(),
  utm_source: z.string().optional(),
  utm_medium: z.string().optional(),
  utm_campaign: z.string().optional(),
  utm_term: z.string().optional(),
  utm_content: z.string().optional(),
});
const utmParamNames = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const satisfies readonly (keyof typeof utmNames)[];
const publicApiErrors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 429: problemSchema };

/** A submission may carry a long message in any script; far below the app's 1 MiB. */
const submissionBodyLimit = 256 * 1024;

type FoundForm = { source: SourceRow; form: FormConfig };

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** Who may frame the form: the origins its settings name, else any site. */
const frameAncestorsOf = (form: FormConfig | null): string => {
  const origins = (form?.allowedOrigins ?? []).map(originOf).filter((o): o is string => o !== null);
  return origins.length > 0 ? origins.join(" ") : "*";
};

/** The page's own policy in place of the app's: its nonce'd script and style, framing by the sites allowed. */
const sendHtml = (reply: FastifyReply, status: number, html: string, nonce: string, form: FormConfig | null): FastifyReply =>
  reply
    .status(status)
    .removeHeader("x-frame-options")
    .header(
      "content-security-policy",
      [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        `frame-ancestors ${frameAncestorsOf(form)}`,
      ].join("; "),
    )
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(html);

const newNonce = (): string => randomBytes(16).toString("base64");

const stringValues = (values: FormSubmission): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === "string" ? value : String(value)]));

/** A plain HTML form posts urlencoded and wants a page back; a script sends JSON or asks for JSON. */
const wantsHtml = (request: FastifyRequest): boolean =>
  String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") &&
  !String(request.headers.accept ?? "").includes("application/json");

/** The attribution a re-shown form carries on: the same submission id, page, referrer, UTM parameters. */
const carriedHidden = (values: Record<string, string>, lang: FormLanguage): Record<string, string> => {
  const names = [reservedFormNames.submissionId, reservedFormNames.page, reservedFormNames.referrer, ...Object.keys(utmNames), "embed"];
  const hidden: Record<string, string> = {};
  for (const name of names) if (values[name]) hidden[name] = values[name];
  hidden[reservedFormNames.lang] = lang;
  return hidden;
};

/**
 * The public web-form channel of lead intake (M5.5), no sign-in: the form's definition and its submission API
 * (/api/public/forms/:key, open to any origin), the hosted page (/f/:key) and the embed snippet (/embed/form.js).
 */
export const publicFormsRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const limiter = createFormRateLimiter();
    const { db } = context.database;

    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      done(null, Object.fromEntries(new URLSearchParams(text)));
    });
    // Public resources: readable from any site, without credentials.
    app.addHook("onRequest", async (_request, reply) => {
      reply.header("access-control-allow-origin", "*").header("cross-origin-resource-policy", "cross-origin");
    });

    const findForm = async (key: string): Promise<FoundForm | undefined> => {
      const source = await findSourceByPublicKey(db, key);
      if (!source || source.kind !== "form") return undefined;
      const form = sourceConfigOf(source).form;
      return form ? { source, form } : undefined;
    };

    /** Counts the hit; seconds to wait when the address is over the organization's limit. */
    const retryAfterSeconds = async (found: FoundForm, ip: string): Promise<number | null> => {
      const settings = await loadLeadSettings(db, found.source.organizationId);
      const window = { limit: settings.formRateLimit, windowMs: settings.formRateWindowSeconds * 1000 };
      const result = limiter.hit(found.source.id, ip, context.now().getTime(), window);
      return result.admitted ? null : Math.ceil(result.retryAfterMs / 1000);
    };

    /** A foreign page may post only when the form allows every origin or names this one. */
    const assertOriginAllowed = (request: FastifyRequest, form: FormConfig) => {
      const origin = request.headers.origin;
      if (!origin || form.allowedOrigins.length === 0) return;
      // The hosted page itself (behind a TLS proxy the scheme seen here may differ, the host does not).
      if (URL.canParse(origin) && new URL(origin).host === request.host) return;
      if (!form.allowedOrigins.map(originOf).includes(origin)) throw forbidden("This form does not take submissions from this site");
    };

    app.options(
      "/api/public/forms/:key",
      { schema: { tags, summary: "CORS preflight of the public form API", params: keyParamsSchema } },
      async (_request, reply) =>
        reply
          .status(204)
          .header("access-control-allow-methods", "GET, POST, OPTIONS")
          .header("access-control-allow-headers", "content-type, accept")
          .header("access-control-max-age", "86400")
          .send(),
    );

    app.get(
      "/api/public/forms/:key",
      {
        schema: {
          tags,
          summary: "A web form's definition by its public key (no sign-in): title, fields, consent and thank-you texts",
          security: [],
          params: keyParamsSchema,
          response: { 200: publicFormSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const found = await findForm(request.params.key);
        if (!found?.source.enabled) throw notFound("The form");
        const { form } = found;
        reply.header("cache-control", "public, max-age=60");
        return { publicKey: request.params.key, title: form.title, fields: form.fields, consentText: form.consentText, thankYou: form.thankYou };
      },
    );

    app.post(
      "/api/public/forms/:key",
      {
        bodyLimit: submissionBodyLimit,
        schema: {
          tags,
          summary:
            "Submit a web form (no sign-in; JSON or a plain HTML form post, which is answered with a page). The form's own " +
            "fields by key, `consent` when the form has a consent text, `submission_id` (a double submit makes one lead), " +
            "`page`, `referrer`, `utm_source`…`utm_content`; `website` must stay empty. Per-address rate limit → 429.",
          security: [],
          params: keyParamsSchema,
          body: submissionSchema,
          response: { 200: receivedSchema, 201: receivedSchema, ...publicApiErrors },
        },
      },
      async (request, reply) => {
        const html = wantsHtml(request);
        const values = request.body;
        const found = await findForm(request.params.key);
        const lang = formLanguageOf(found?.form ?? { title: {} }, { explicit: values[reservedFormNames.lang], acceptLanguage: request.headers["accept-language"] });
        const texts = formTexts[lang];
        const embed = values["embed"] === "1";
        const nonce = newNonce();
        const message = (status: number, title: string, text: string, form: FormConfig | null, retryAfter?: string) => {
          if (retryAfter) reply.header("retry-after", retryAfter);
          return sendHtml(reply, status, renderMessagePage({ publicKey: request.params.key, lang, title, message: text, nonce, embed }), nonce, form);
        };

        if (!found) {
          if (html) return message(404, texts.notFound, texts.notFound, null);
          throw notFound("The form");
        }
        const { source, form } = found;
        const title = localized(form.title, lang) || texts.frameTitle;
        if (!source.enabled) {
          if (html) return message(409, title, texts.disabled, form);
          throw new AppError("lead_source_disabled", "This form is switched off");
        }
        assertOriginAllowed(request, form);
        const wait = await retryAfterSeconds(found, request.ip);
        if (wait !== null) {
          if (html) return message(429, title, texts.rateLimited, form, String(wait));
          throw new AppError("rate_limited", "Too many submissions from this address", { retryAfterSeconds: wait });
        }
        try {
          const result = await submitForm(context, { source, form, values, ip: request.ip, referer: request.headers.referer ?? null });
          const status = result.kind === "received" && result.receipt.duplicate ? 200 : 201;
          const thankYou = thankYouOf(form, lang);
          if (html) return message(status, title, thankYou, form);
          return reply.status(status).send({ received: true, thankYou });
        } catch (error) {
          if (!html || !(error instanceof AppError)) throw error;
          if (error.code !== "validation_failed") return message(statusForCode(error.code), title, texts.failed, form);
          const typed = stringValues(values);
          const errors: FieldError[] = error.details.errors ?? [];
          const page = renderFormPage({
            publicKey: request.params.key,
            form,
            lang,
            nonce,
            embed,
            action: `/api/public/forms/${encodeURIComponent(request.params.key)}`,
            hidden: carriedHidden(typed, lang),
            values: typed,
            errors,
          });
          return sendHtml(reply, 400, page, nonce, form);
        }
      },
    );

    app.get(
      "/f/:key",
      { schema: { hide: true, params: keyParamsSchema, querystring: pageQuerySchema } },
      async (request, reply) => {
        const { key } = request.params;
        const query = request.query;
        const found = await findForm(key);
        const form = found?.form ?? null;
        const lang = formLanguageOf(form ?? { title: {} }, { explicit: query.lang, acceptLanguage: request.headers["accept-language"] });
        const texts = formTexts[lang];
        const embed = query.embed === "1";
        const nonce = newNonce();
        if (!found || !form || !found.source.enabled) {
          const text = found && !found.source.enabled ? texts.disabled : texts.notFound;
          return sendHtml(reply, 404, renderMessagePage({ publicKey: key, lang, title: text, message: text, nonce, embed }), nonce, form);
        }
        const hidden: Record<string, string> = {
          [reservedFormNames.submissionId]: randomUUID(),
          [reservedFormNames.lang]: lang,
          [reservedFormNames.page]: (query.page ?? request.headers.referer ?? "").slice(0, 2000),
        };
        if (query.referrer) hidden[reservedFormNames.referrer] = query.referrer.slice(0, 2000);
        for (const name of utmParamNames) {
          const value = query[name];
          if (value) hidden[name] = value.slice(0, 200);
        }
        if (embed) hidden["embed"] = "1";
        const html = renderFormPage({ publicKey: key, form, lang, nonce, embed, action: `/api/public/forms/${encodeURIComponent(key)}`, hidden });
        return sendHtml(reply, 200, html, nonce, form);
      },
    );

    app.get("/embed/form.js", { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header("cache-control", "public, max-age=3600, stale-while-revalidate=86400")
        .type("application/javascript; charset=utf-8")
        .send(embedScript),
    );
  };
