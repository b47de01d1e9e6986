import type { FormConfig, LocalizedText } from "@conveyor/contracts";

/** The languages a public form speaks; Persian lays out right to left. */
export const formLanguages = ["ru", "en", "fa"] as const;
export type FormLanguage = (typeof formLanguages)[number];

const isFormLanguage = (value: unknown): value is FormLanguage => formLanguages.some((l) => l === value);

export const directionOf = (lang: FormLanguage): "rtl" | "ltr" => (lang === "fa" ? "rtl" : "ltr");

/** The text in `lang`, else in the first language it is given in; "" when it is given in none. */
export const localized = (text: LocalizedText, lang: FormLanguage): string => {
  const own = text[lang]?.trim();
  if (own) return own;
  for (const other of formLanguages) {
    const value = text[other]?.trim();
    if (value) return value;
  }
  return "";
};

export const hasText = (text: LocalizedText): boolean => formLanguages.some((l) => !!text[l]?.trim());

/** Languages of an Accept-Language header, best first (`fa-IR,fa;q=0.9,en;q=0.8` → fa, en). */
const acceptedLanguages = (header: string | undefined): FormLanguage[] => {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.lang)
    .filter(isFormLanguage);
};

/**
 * The language a form is shown in: one asked for (`?lang=`, the page's hidden field), else the visitor's browser
 * language among those the form's title is written in, else the first language the title is written in.
 */
export const formLanguageOf = (form: Pick<FormConfig, "title">, asked: { explicit?: unknown; acceptLanguage?: string }): FormLanguage => {
  if (isFormLanguage(asked.explicit)) return asked.explicit;
  const written = formLanguages.filter((l) => !!form.title[l]?.trim());
  const offered = written.length > 0 ? written : formLanguages;
  const fromBrowser = acceptedLanguages(asked.acceptLanguage).find((l) => offered.includes(l));
  return fromBrowser ?? offered[0] ?? "en";
};

type Texts = {
  fields: Record<"name" | "companyName" | "phone" | "email" | "message" | "region" | "productInterest" | "legalId", string>;
  submit: string;
  sending: string;
  thankYou: string;
  required: string;
  tooLong: string;
  invalidEmail: string;
  invalidPhone: string;
  consentRequired: string;
  contactRequired: string;
  invalid: string;
  rateLimited: string;
  failed: string;
  notFound: string;
  disabled: string;
  frameTitle: string;
};

/** The form's own words in each language: the standard fields' labels, the button, the errors. */
export const formTexts: Record<FormLanguage, Texts> = {
  ru: {
    fields: {
      name: "Имя",
      companyName: "Компания",
      phone: "Телефон",
      email: "Электронная почта",
      message: "Сообщение",
      region: "Регион",
      productInterest: "Что вас интересует",
      legalId: "ИНН",
    },
    submit: "Отправить",
    sending: "Отправляем…",
    thankYou: "Спасибо! Мы свяжемся с вами в ближайшее время.",
    required: "Заполните это поле",
    tooLong: "Слишком длинный текст",
    invalidEmail: "Проверьте адрес электронной почты",
    invalidPhone: "Проверьте номер телефона",
    consentRequired: "Нужно ваше согласие",
    contactRequired: "Оставьте телефон, почту или имя",
    invalid: "Проверьте это поле",
    rateLimited: "Слишком много заявок подряд. Попробуйте чуть позже.",
    failed: "Не удалось отправить заявку. Попробуйте ещё раз.",
    notFound: "Форма не найдена",
    disabled: "Эта форма больше не принимает заявки",
    frameTitle: "Форма заявки",
  },
  en: {
    fields: {
      name: "Name",
      companyName: "Company",
      phone: "Phone",
      email: "Email",
      message: "Message",
      region: "Region",
      productInterest: "What are you interested in",
      legalId: "Tax ID",
    },
    submit: "Send",
    sending: "Sending…",
    thankYou: "Thank you! We will be in touch shortly.",
    required: "Please fill in this field",
    tooLong: "This text is too long",
    invalidEmail: "Please check the email address",
    invalidPhone: "Please check the phone number",
    consentRequired: "Your consent is needed",
    contactRequired: "Leave a phone, an email or a name",
    invalid: "Please check this field",
    rateLimited: "Too many requests in a row. Please try again a little later.",
    failed: "The request could not be sent. Please try again.",
    notFound: "Form not found",
    disabled: "This form no longer accepts requests",
    frameTitle: "Request form",
  },
  fa: {
    fields: {
      name: "نام",
      companyName: "شرکت",
      phone: "تلفن",
      email: "ایمیل",
      message: "پیام",
      region: "منطقه",
      productInterest: "به چه چیزی علاقه دارید",
      legalId: "شناسه ملی",
    },
    submit: "ارسال",
    sending: "در حال ارسال…",
    thankYou: "سپاس! به‌زودی با شما تماس می‌گیریم.",
    required: "لطفاً این بخش را پر کنید",
    tooLong: "این متن بیش از حد طولانی است",
    invalidEmail: "لطفاً نشانی ایمیل را بررسی کنید",
    invalidPhone: "لطفاً شماره تلفن را بررسی کنید",
    consentRequired: "موافقت شما لازم است",
    contactRequired: "تلفن، ایمیل یا نام خود را بنویسید",
    invalid: "لطفاً این بخش را بررسی کنید",
    rateLimited: "درخواست‌ها بیش از حد پشت سر هم است. کمی بعد دوباره تلاش کنید.",
    failed: "ارسال درخواست ممکن نشد. دوباره تلاش کنید.",
    notFound: "فرم پیدا نشد",
    disabled: "این فرم دیگر درخواست نمی‌پذیرد",
    frameTitle: "فرم درخواست",
  },
};

export type FormErrorCode = "required" | "too_long" | "invalid_email" | "invalid_phone" | "consent_required" | "contact_required";

/** A field error's words for the visitor. */
export const errorText = (lang: FormLanguage, code: string): string => {
  const t = formTexts[lang];
  switch (code) {
    case "required":
      return t.required;
    case "too_long":
      return t.tooLong;
    case "invalid_email":
      return t.invalidEmail;
    case "invalid_phone":
      return t.invalidPhone;
    case "consent_required":
      return t.consentRequired;
    case "contact_required":
      return t.contactRequired;
    default:
      return t.invalid;
  }
};

const standardKeys = new Set(Object.keys(formTexts.en.fields));
const isStandardKey = (key: string): key is keyof Texts["fields"] => standardKeys.has(key);

/** A field's label: the one the form gives, else the standard field's own, else its key. */
export const fieldLabel = (field: { key: string; label: LocalizedText }, lang: FormLanguage): string =>
  localized(field.label, lang) || (isStandardKey(field.key) ? formTexts[lang].fields[field.key] : field.key);
