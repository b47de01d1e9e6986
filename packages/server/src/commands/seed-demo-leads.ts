import type { FormConfig, LeadInput } from "@conveyor/contracts";
import { and, eq } from "drizzle-orm";
import type { AppContext } from "../context";
import { leadRoutingRules, leadSources, memberships } from "../db/schema";
import { newPublicKey, newSourceSecret } from "../repositories/lead-source.repository";
import { receiveLead } from "./receive-lead";
import { forgetIntake } from "../repositories/intake-cache";

/*
 * The demo department's lead intake (M5.5): a site form in three languages, a partner webhook, a rule sending
 * Kazan's leads to two hunters, and a morning's leads already in the queue — through the same intake as real
 * ones, so each has its client, deal, assignee and timers.
 */

const demoForm: FormConfig = {
  title: { ru: "Оставьте заявку — перезвоним за 15 минут", en: "Leave a request — we call back in 15 minutes", fa: "درخواست بگذارید — در ۱۵ دقیقه تماس می‌گیریم" },
  fields: [
    { key: "name", label: {}, type: "text", required: true },
    { key: "companyName", label: {}, type: "text", required: false },
    { key: "phone", label: {}, type: "tel", required: true },
    { key: "email", label: {}, type: "email", required: false },
    { key: "message", label: {}, type: "textarea", required: false },
  ],
  consentText: {
    ru: "Согласен на обработку персональных данных",
    en: "I agree to the processing of my personal data",
    fa: "با پردازش اطلاعات شخصی‌ام موافقم",
  },
  thankYou: { ru: "Спасибо! Менеджер скоро позвонит.", en: "Thank you! A manager will call you shortly.", fa: "سپاس! کارشناس به‌زودی تماس می‌گیرد." },
  allowedOrigins: [],
};

const demoLeads: Array<LeadInput & { minutesAgo: number; via: "form" | "webhook" }> = [
  { via: "form", minutesAgo: 3, name: "Андрей Беляев", companyName: "ООО «Полимер-Трейд»", phone: "+79161234501", region: "Москва", message: "Нужен расчёт на 20 т в месяц", utm: { source: "yandex", medium: "cpc", campaign: "polymers" } },
  { via: "form", minutesAgo: 9, name: "Светлана Орлова", companyName: "АО «Казань-Снаб»", phone: "+79171234502", region: "Казань", temperature: "hot", message: "Срочно, тендер в пятницу" },
  { via: "webhook", minutesAgo: 14, name: "Рустам Галиев", companyName: "ООО «Идель Логистик»", phone: "+79171234503", region: "Казань", channel: "Маркетплейс", productInterest: "Складская логистика" },
  { via: "form", minutesAgo: 22, name: "Ксения Миронова", phone: "+79261234504", email: "k.mironova@example.ru", region: "Санкт-Петербург", utm: { source: "google", medium: "cpc", campaign: "brand" } },
  { via: "webhook", minutesAgo: 35, name: "Виктор Ершов", companyName: "ООО «Уралпромснаб»", phone: "+79221234505", region: "Екатеринбург", channel: "Маркетплейс", amountMinor: 450_000_00 },
  { via: "form", minutesAgo: 48, name: "Дарья Крылова", companyName: "ИП Крылова", phone: "+79031234506", region: "Краснодар", message: "Интересует пилот на месяц" },
  { via: "webhook", minutesAgo: 61, name: "Тимур Хасанов", companyName: "ООО «Волга-Техно»", phone: "+79171234507", region: "Казань", channel: "Маркетплейс" },
  { via: "form", minutesAgo: 75, name: "Михаил Гусев", companyName: "ООО «Нева Маркет»", phone: "+79111234508", region: "Санкт-Петербург", temperature: "cold" },
];

/** Seeds the demo's lead sources, a routing rule and a morning's leads. Returns how many leads were taken. */
export const seedDemoLeads = async (context: AppContext, organizationId: string): Promise<{ sources: number; leads: number }> => {
  const { db } = context.database;
  const now = context.now();
  const [form, hook] = await db
    .insert(leadSources)
    .values([
      { organizationId, name: "Форма на сайте", kind: "form", channel: "Сайт", defaultTemperature: "warm", publicKey: newPublicKey(), config: { form: demoForm }, createdAt: now, updatedAt: now },
      { organizationId, name: "Маркетплейс (вебхук)", kind: "webhook", channel: "Маркетплейс", defaultTemperature: "warm", publicKey: newPublicKey(), secret: newSourceSecret(), config: {}, createdAt: now, updatedAt: now },
    ])
    .returning({ id: leadSources.id, name: leadSources.name, kind: leadSources.kind, channel: leadSources.channel, defaultTemperature: leadSources.defaultTemperature });
  if (!form || !hook) throw new Error("demo lead sources were not made");

  // Kazan's leads go to two of the L1 hunters (M5.5 territory rule).
  const hunters = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.level, "L1"), eq(memberships.status, "active")))
    .orderBy(memberships.userId)
    .limit(2);
  if (hunters.length > 0) {
    await db.insert(leadRoutingRules).values({
      organizationId,
      name: "Казань → региональные менеджеры",
      enabled: true,
      position: 0,
      conditions: { regions: ["Казань"] },
      targetTeamId: null,
      targetUserIds: hunters.map((h) => h.userId),
      createdAt: now,
      updatedAt: now,
    });
  }
  // Written here directly, past the repositories that forget the intake's cache.
  forgetIntake(organizationId);

  let taken = 0;
  for (const [index, { via, minutesAgo, ...input }] of demoLeads.entries()) {
    const at = new Date(now.getTime() - minutesAgo * 60_000);
    const source = via === "form" ? form : hook;
    await receiveLead(
      { ...context, now: () => at },
      { organizationId, source: { ...source, enabled: true }, input, idempotencyKey: `demo-${index}` },
    );
    taken += 1;
  }
  return { sources: 2, leads: taken };
};
