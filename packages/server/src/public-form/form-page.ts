import type { FieldError, FormConfig, FormField } from "@conveyor/contracts";
import { maxLengthOf, reservedFormNames } from "../commands/submit-form";
import { directionOf, errorText, fieldLabel, formTexts, hasText, localized, type FormLanguage } from "./form-texts";

/*
 * The hosted form (/f/:key) as plain server-rendered HTML: it works as an ordinary form POST without JavaScript,
 * and with it submits by fetch and shows the thank-you in place. Every text is escaped; the one inline script
 * and style carry the response's CSP nonce.
 */

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);

/** JSON safe inside a <script> element: nothing in it can close the element or break the line. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

const autocompleteOf: Record<string, string> = {
  name: "name",
  companyName: "organization",
  phone: "tel",
  email: "email",
  region: "address-level1",
};

const inputTypeOf = (field: FormField): string => {
  if (field.key === "email" || field.type === "email") return "email";
  if (field.key === "phone" || field.type === "tel") return "tel";
  return "text";
};

const styles = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Tahoma,sans-serif;color:#1f2328;background:#f6f7f9}
body.cf-embed{background:transparent;padding:4px}
main{max-width:520px;margin:0 auto;background:#fff;border:1px solid #dde1e6;border-radius:10px;padding:20px}
.cf-embed main{border:0;padding:8px;background:transparent}
h1{font-size:1.35rem;margin:0 0 16px}
.cf-field{margin:0 0 14px}
label{display:block;font-weight:600;margin:0 0 4px}
.cf-req{color:#c92a2a;margin-inline-start:2px}
input[type=text],input[type=email],input[type=tel],textarea{width:100%;padding:9px 11px;font:inherit;border:1px solid #b8bfc7;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:110px;resize:vertical}
input:focus,textarea:focus,button:focus{outline:2px solid #1c7ed6;outline-offset:1px}
[aria-invalid=true]{border-color:#c92a2a}
.cf-consent{display:flex;gap:8px;align-items:flex-start;margin:0 0 14px}
.cf-consent label{font-weight:400;margin:0}
.cf-consent input{margin-top:4px}
.cf-error{color:#c92a2a;font-size:.9rem;margin:4px 0 0}
.cf-alert{color:#c92a2a;margin:0 0 12px}
button{font:inherit;font-weight:600;padding:10px 18px;border:0;border-radius:6px;background:#1c7ed6;color:#fff;cursor:pointer}
button[disabled]{opacity:.6;cursor:default}
.cf-hp{position:absolute;inset-inline-start:-10000px;width:1px;height:1px;overflow:hidden}
.cf-done{font-size:1.1rem}
`;

type Shell = { lang: FormLanguage; title: string; nonce: string; embed: boolean; body: string; script?: string };

const page = (shell: Shell): string => `<!doctype html>
<html lang="${shell.lang}" dir="${directionOf(shell.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${escapeHtml(shell.title)}</title>
<style nonce="${shell.nonce}">${styles}</style>
</head>
<body${shell.embed ? ' class="cf-embed"' : ""}>
<main>
${shell.body}
</main>
${shell.script ? `<script nonce="${shell.nonce}">${shell.script}</script>` : ""}
</body>
</html>
`;

/** Tells an embedding page how tall the form is, so its iframe fits without a scrollbar. */
const heightScript = (key: string) => `
var cfKey=${scriptJson(key)};
function cfHeight(){if(window.parent!==window){window.parent.postMessage({type:"conveyor-form-height",key:cfKey,height:Math.ceil(document.body.getBoundingClientRect().height)},"*");}}
window.addEventListener("load",cfHeight);window.addEventListener("resize",cfHeight);cfHeight();
`;

const submitScript = (texts: { submit: string; sending: string; thankYou: string; rateLimited: string; failed: string; errors: Record<string, string> }) => `
(function(){
var t=${scriptJson(texts)};
var form=document.getElementById("cf-form");
if(!form||!window.fetch||!window.FormData)return;
var button=document.getElementById("cf-submit");
var alertBox=document.getElementById("cf-alert");
var done=document.getElementById("cf-done");
function clear(){
  Array.prototype.forEach.call(form.querySelectorAll(".cf-error"),function(el){el.hidden=true;el.textContent="";});
  Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"),function(el){el.removeAttribute("aria-invalid");});
  alertBox.hidden=true;alertBox.textContent="";
}
function fail(text){alertBox.textContent=text;alertBox.hidden=false;}
form.addEventListener("submit",function(event){
  event.preventDefault();
  clear();
  var data={};
  new FormData(form).forEach(function(value,name){data[name]=String(value);});
  button.disabled=true;button.textContent=t.sending;
  fetch(form.action,{method:"POST",headers:{"content-type":"application/json",accept:"application/json"},body:JSON.stringify(data)})
    .then(function(res){return res.json().catch(function(){return {};}).then(function(body){return {status:res.status,body:body||{}};});})
    .then(function(r){
      if(r.status===200||r.status===201){form.hidden=true;done.textContent=r.body.thankYou||t.thankYou;done.hidden=false;done.focus();return;}
      if(r.status===429){fail(t.rateLimited);return;}
      var errors=Array.isArray(r.body.errors)?r.body.errors:[];
      var first=null;
      errors.forEach(function(e){
        var box=document.getElementById("cf-error-"+e.field);
        var input=document.getElementById("cf-"+e.field);
        if(!box){fail(t.errors[e.code]||t.errors.invalid);return;}
        box.textContent=t.errors[e.code]||t.errors.invalid;box.hidden=false;
        if(input){input.setAttribute("aria-invalid","true");first=first||input;}
      });
      if(errors.length===0)fail(t.failed);
      if(first)first.focus();
    })
    .catch(function(){fail(t.failed);})
    .then(function(){button.disabled=false;button.textContent=t.submit;cfHeight();});
});
})();
`;

const errorCodes = ["required", "too_long", "invalid_email", "invalid_phone", "consent_required", "contact_required", "invalid"];

export type FormPageOptions = {
  publicKey: string;
  form: FormConfig;
  lang: FormLanguage;
  nonce: string;
  embed: boolean;
  /** Where the form posts. */
  action: string;
  /** The hidden fields: a fresh submission id, the page and referrer, the UTM parameters. */
  hidden: Record<string, string>;
  /** What the visitor typed, shown again beside the errors of a form posted without JavaScript. */
  values?: Record<string, string>;
  errors?: readonly FieldError[];
  /** A message over the form (a refused or failed submit without JavaScript). */
  alert?: string;
};

const fieldHtml = (field: FormField, options: FormPageOptions): string => {
  const id = `cf-${field.key}`;
  const error = options.errors?.find((e) => e.field === field.key);
  const value = options.values?.[field.key] ?? "";
  const attributes = [
    `id="${id}"`,
    `name="${escapeHtml(field.key)}"`,
    `maxlength="${maxLengthOf(field)}"`,
    `aria-describedby="cf-error-${field.key}"`,
    field.required ? "required" : "",
    autocompleteOf[field.key] ? `autocomplete="${autocompleteOf[field.key]}"` : "",
    error ? 'aria-invalid="true"' : "",
  ]
    .filter((a) => a !== "")
    .join(" ");
  const control =
    field.type === "textarea" || field.key === "message"
      ? `<textarea ${attributes}>${escapeHtml(value)}</textarea>`
      : `<input type="${inputTypeOf(field)}" ${attributes} value="${escapeHtml(value)}">`;
  const marker = field.required ? '<span class="cf-req" aria-hidden="true">*</span>' : "";
  return `<div class="cf-field">
<label for="${id}">${escapeHtml(fieldLabel(field, options.lang))}${marker}</label>
${control}
<p class="cf-error" id="cf-error-${field.key}" role="alert"${error ? "" : " hidden"}>${error ? escapeHtml(errorText(options.lang, error.code)) : ""}</p>
</div>`;
};

const consentHtml = (options: FormPageOptions): string => {
  const text = localized(options.form.consentText, options.lang);
  if (!hasText(options.form.consentText)) return "";
  const error = options.errors?.find((e) => e.field === reservedFormNames.consent);
  const ticked = options.values?.[reservedFormNames.consent] ? " checked" : "";
  return `<div class="cf-consent">
<input type="checkbox" id="cf-consent" name="${reservedFormNames.consent}" value="on" required${ticked} aria-describedby="cf-error-consent"${error ? ' aria-invalid="true"' : ""}>
<label for="cf-consent">${escapeHtml(text)}</label>
</div>
<p class="cf-error" id="cf-error-consent" role="alert"${error ? "" : " hidden"}>${error ? escapeHtml(errorText(options.lang, error.code)) : ""}</p>`;
};

/** The form page: the title, the fields, the consent box, the hidden attribution and the honeypot. */
export const renderFormPage = (options: FormPageOptions): string => {
  const { form, lang } = options;
  const texts = formTexts[lang];
  const title = localized(form.title, lang) || texts.frameTitle;
  const hidden = Object.entries(options.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  const otherErrors = (options.errors ?? []).filter(
    (e) => e.field !== reservedFormNames.consent && !form.fields.some((f) => f.key === e.field),
  );
  const alert = options.alert ?? (otherErrors[0] ? errorText(lang, otherErrors[0].code) : "");
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="cf-alert" id="cf-alert" role="alert"${alert ? "" : " hidden"}>${escapeHtml(alert)}</p>
<form id="cf-form" method="post" action="${escapeHtml(options.action)}" accept-charset="utf-8" novalidate>
${hidden}
<div class="cf-hp" aria-hidden="true"><label>Website <input type="text" name="${reservedFormNames.honeypot}" tabindex="-1" autocomplete="off" value=""></label></div>
${form.fields.map((field) => fieldHtml(field, options)).join("\n")}
${consentHtml(options)}
<button type="submit" id="cf-submit">${escapeHtml(texts.submit)}</button>
</form>
<p class="cf-done" id="cf-done" tabindex="-1" role="status" hidden></p>`;
  const errors = Object.fromEntries(errorCodes.map((code) => [code, errorText(lang, code)]));
  return page({
    lang,
    title,
    nonce: options.nonce,
    embed: options.embed,
    body,
    script:
      heightScript(options.publicKey) +
      submitScript({ submit: texts.submit, sending: texts.sending, thankYou: thankYouOf(form, lang), rateLimited: texts.rateLimited, failed: texts.failed, errors }),
  });
};

/** The form's own thank-you, else the standard one. */
export const thankYouOf = (form: FormConfig | null, lang: FormLanguage): string =>
  (form ? localized(form.thankYou, lang) : "") || formTexts[lang].thankYou;

/** A page with one message: the thank-you after a plain POST, "not found", "too many requests". */
export const renderMessagePage = (options: { publicKey: string; lang: FormLanguage; title: string; message: string; nonce: string; embed: boolean }): string =>
  page({
    lang: options.lang,
    title: options.title,
    nonce: options.nonce,
    embed: options.embed,
    body: `<h1>${escapeHtml(options.title)}</h1>\n<p class="cf-done" role="status">${escapeHtml(options.message)}</p>`,
    script: heightScript(options.publicKey),
  });
