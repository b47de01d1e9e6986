import ExcelJS from "exceljs";
import type { Company, CompanyCard, CompanyPage, Contact, DealPage, ImportJob, ImportRowPage, Problem } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { companyFacetDrift } from "../src/repositories/company-facet.repository";
import { dealTotalsDrift } from "../src/repositories/deal.repository";
import { parseAmount, parseDay } from "../src/imports/import-row";
import { detectPreset, suggestMapping } from "../src/imports/column-mapping";
import { decodeText, parseCsv } from "../src/imports/read-table";
import { buildOrganization, buildUser, signedIn, type TestClient, useTestApp } from "./harness";

const test = useTestApp();

const upload = async (client: TestClient, entity: string, content: Buffer | string, fileName = "clients.csv", type = "text/csv") => {
  const reply = await client.upload<ImportJob>(`/api/v1/imports?entity=${entity}&fileName=${encodeURIComponent(fileName)}`, content, type);
  if (reply.status !== 201) throw new Error(`upload failed: ${reply.status} ${reply.raw}`);
  return reply.body;
};

/** Starts the job with its suggested mapping (or the given one) and waits for the runner. */
const run = async (client: TestClient, job: ImportJob, options: { onDuplicate?: "skip" | "update"; mapping?: (string | null)[] } = {}) => {
  const started = await client.post<ImportJob>(`/api/v1/imports/${job.id}/start`, {
    mapping: options.mapping ?? job.mapping,
    onDuplicate: options.onDuplicate ?? "skip",
  });
  if (started.status !== 202) throw new Error(`start failed: ${started.status} ${started.raw}`);
  await test.app.imports.idle();
  return (await client.get<ImportJob>(`/api/v1/imports/${job.id}`)).body;
};

const setup = async () => {
  const org = await buildOrganization(test.database);
  const head = await buildUser(test.database, org.organizationId, { role: "head_of_sales", name: "Елена Смирнова" });
  const seller = await buildUser(test.database, org.organizationId, { name: "Иван Петров" });
  return { org, head, seller, as: { head: await signedIn(test, head), seller: await signedIn(test, seller), admin: await signedIn(test, org.admin) } };
};

describe("reading files", () => {
  it("reads CSV with any common separator, quotes and line breaks in cells, and Windows-1251 text", () => {
    expect(parseCsv('name;phone\r\n"ООО ""Ромашка""";+7 495\n"two\nlines";x\n')).toEqual([
      ["name", "phone"],
      ['ООО "Ромашка"', "+7 495"],
      ["two\nlines", "x"],
    ]);
    expect(parseCsv("a\tb\n1\t2")).toEqual([["a", "b"], ["1", "2"]]);
    const cp1251 = Buffer.from([0xcd, 0xe0, 0xe7, 0xe2, 0xe0, 0xed, 0xe8, 0xe5]); // "Название"
    expect(decodeText(cp1251)).toBe("Название");
  });

  it("reads amounts and dates as people write them", () => {
    expect(parseAmount("1 500 000,50")).toBe(1500000.5);
    expect(parseAmount("1,500,000.50")).toBe(1500000.5);
    expect(parseAmount("۱۲۰٬۰۰۰")).toBe(120000);
    expect(parseAmount("abc")).toBeNull();
    expect(parseDay("31.12.2026")).toBe("2026-12-31");
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("46022")).toBe("2025-12-31");
  });

  it("recognizes amoCRM and Bitrix24 exports and suggests the mapping from their headers", () => {
    const amo = ["Название сделки", "Бюджет", "Ответственный", "Этап сделки", "Воронка", "Компания", "Основной контакт", "Дата создания"];
    expect(detectPreset(amo)).toBe("amocrm");
    expect(suggestMapping("deals", amo)).toEqual(["title", "amount", "owner", "stage", "pipeline", "company", null, null]);
    const bitrix = ["Название компании", "Тип компании", "Сфера деятельности", "Ответственный", "Рабочий телефон", "Мобильный телефон", "Рабочий e-mail"];
    expect(detectPreset(bitrix)).toBe("bitrix24");
    expect(suggestMapping("companies", bitrix)).toEqual(["name", "audience", "industry", "owner", "phone", "phone", "email"]);
    expect(detectPreset(["Name", "Phone"])).toBeNull();
  });
});

describe("imports", () => {
  it("imports clients with their first contact, reports each row, and the same file twice creates nothing new", async () => {
    const d = await setup();
    const csv = [
      "Название;ИНН;Регион;Ответственный;Контакт;Телефон;Email",
      `ООО Альфа;7707083893;Москва;${d.seller.email};Анна;8 (495) 123-45-67;anna@alfa.ru`,
      "ООО Бета;;Казань;Иван Петров;;+7 912 345-67-89;",
      "Без телефона;;;;Пётр;12;",
      ";;;;;;",
      "Гамма;;;Неизвестный;;;",
      "ООО Альфа (дубль);77 07 083893;;;;;",
      "Дельта;;Тегеран;;;;info@delta.ir",
    ].join("\n");
    const draft = await upload(d.as.head, "companies", csv);
    expect(draft).toMatchObject({ status: "draft", totalRows: 7, headers: ["Название", "ИНН", "Регион", "Ответственный", "Контакт", "Телефон", "Email"] });
    expect(draft.mapping).toEqual(["name", "legalId", "region", "owner", "contactName", "phone", "email"]);
    expect(draft.sample[0]?.[0]).toBe("ООО Альфа");

    const done = await run(d.as.head, draft);
    expect(done).toMatchObject({ status: "done", processedRows: 7, createdCount: 3, skippedCount: 1, errorCount: 2 });
    const report = (await d.as.head.get<ImportRowPage>(`/api/v1/imports/${draft.id}/rows`)).body;
    expect(report.items.map((r) => [r.rowNumber, r.outcome, r.code, r.field])).toEqual([
      [2, "created", null, null],
      [3, "created", null, null],
      [4, "error", "invalid_phone", "phone"],
      [6, "error", "owner_unknown", "owner"],
      [7, "skipped", null, null],
      [8, "created", null, null],
    ]);
    const errorsOnly = (await d.as.head.get<ImportRowPage>(`/api/v1/imports/${draft.id}/rows?outcome=error`)).body;
    expect(errorsOnly.total).toBe(2);
    const reportCsv = await d.as.head.get<string>(`/api/v1/imports/${draft.id}/report`);
    expect(reportCsv.raw).toContain("4,phone,invalid_phone");
    expect(reportCsv.raw).toContain("Без телефона");

    const alfaId = report.items[0]?.entityId ?? "";
    const card = (await d.as.seller.get<CompanyCard>(`/api/v1/companies/${alfaId}`)).body.company;
    expect(card).toMatchObject({ name: "ООО Альфа", legalId: "7707083893", ownerId: d.seller.id, region: "Москва" });
    const contacts = (await d.as.seller.get<{ items: Contact[] }>(`/api/v1/companies/${alfaId}/contacts`)).body;
    expect(contacts.items[0]).toMatchObject({ name: "Анна", phones: ["+74951234567"], emails: ["anna@alfa.ru"] });
    // The seller sees the two clients made theirs (by email and by name), not the head's.
    const sellerList = (await d.as.seller.get<CompanyPage>("/api/v1/companies")).body;
    expect(sellerList.items.map((c) => c.name).sort()).toEqual(["ООО Альфа", "ООО Бета"]);
    // Found by the imported phone, in another notation.
    expect((await d.as.seller.get<CompanyPage>("/api/v1/companies?q=89123456789")).body.total).toBe(0);
    expect((await d.as.seller.get<CompanyPage>("/api/v1/companies?q=9123456789")).body.items.map((c) => c.name)).toEqual(["ООО Бета"]);

    const again = await upload(d.as.head, "companies", csv);
    expect(again.sameFileImportedAt).not.toBeNull();
    const second = await run(d.as.head, again);
    expect(second).toMatchObject({ status: "done", createdCount: 0, skippedCount: 4, errorCount: 2 });
    expect((await d.as.head.get<CompanyPage>("/api/v1/companies")).body.total).toBe(3);
    expect(await companyFacetDrift(test.database.db, d.org.organizationId)).toEqual([]);
  });

  it("updates duplicates found by legal id, phone or email when asked, never blanking a field", async () => {
    const d = await setup();
    const existing = (await d.as.head.post<Company>("/api/v1/companies", { name: "Old name", legalId: "7707083893", region: "Москва", industry: "IT" })).body;
    const withPhone = (await d.as.head.post<Company>("/api/v1/companies", { name: "Phone Co" })).body;
    await d.as.head.post(`/api/v1/companies/${withPhone.id}/contacts`, { name: "Owner", phones: ["+7 912 000-00-01"] });
    const csv = "name,legal id,region,industry,phone,email,tags\nNew name,7707083893,,Retail,,,vip\nPhone Co Ltd,,Самара,,89120000001,new@phone.co,\n";
    const done = await run(d.as.head, await upload(d.as.head, "companies", csv), { onDuplicate: "update" });
    expect(done).toMatchObject({ createdCount: 0, updatedCount: 2 });
    const updated = (await d.as.head.get<CompanyCard>(`/api/v1/companies/${existing.id}`)).body.company;
    expect(updated).toMatchObject({ name: "New name", region: "Москва", industry: "Retail", tags: ["vip"] });
    const phoneCo = (await d.as.head.get<{ items: Contact[] }>(`/api/v1/companies/${withPhone.id}/contacts`)).body;
    expect(phoneCo.items).toHaveLength(1);
    expect(phoneCo.items[0]).toMatchObject({ phones: ["+79120000001"], emails: ["new@phone.co"] });
    expect((await d.as.head.get<CompanyPage>("/api/v1/companies?q=new@phone.co")).body.total).toBe(1);
  });

  it("imports contacts to named clients and deals into pipeline stages, from XLSX", async () => {
    const d = await setup();
    await d.as.head.post<Company>("/api/v1/companies", { name: "Альфа", legalId: "500100732259" });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Сделки");
    sheet.addRow(["Название сделки", "Бюджет", "Этап сделки", "Компания", "Ответственный", "Дата закрытия", "Причина отказа"]);
    sheet.addRow(["Поставка", "150 000,50", "Переговоры", "альфа", "", new Date(Date.UTC(2026, 11, 31)), ""]);
    sheet.addRow(["Проигранная", 1000, "Проиграна", "Альфа", "", "", ""]);
    sheet.addRow(["Нет такого клиента", 1, "", "Омега", "", "", ""]);
    sheet.addRow(["Странный этап", 1, "Луна", "Альфа", "", "", ""]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const draft = await upload(d.as.head, "deals", xlsx, "deals.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(draft.preset).toBe("amocrm");
    const done = await run(d.as.head, draft);
    const report = (await d.as.head.get<ImportRowPage>(`/api/v1/imports/${draft.id}/rows`)).body;
    expect(report.items.map((r) => [r.rowNumber, r.outcome, r.code])).toEqual([
      [2, "created", null],
      [3, "error", "lost_reason_required"],
      [4, "error", "company_not_found"],
      [5, "error", "stage_unknown"],
    ]);
    expect(done.createdCount).toBe(1);
    const deals = (await d.as.head.get<DealPage>("/api/v1/deals")).body;
    expect(deals.items[0]).toMatchObject({ title: "Поставка", amountMinor: 15000050, expectedCloseDate: "2026-12-31", stageName: "Переговоры" });

    // The rollup the board and list totals read stays exact through imports, moves and edits.
    const wonStage = (await d.as.head.get<{ items: { stages: { id: string; kind: string }[] }[] }>("/api/v1/pipelines")).body.items[0]?.stages.find((st) => st.kind === "won");
    await d.as.head.post(`/api/v1/deals/${deals.items[0]?.id ?? ""}/move`, { stageId: wonStage?.id });
    await d.as.head.patch(`/api/v1/deals/${deals.items[0]?.id ?? ""}`, { ownerId: d.seller.id });
    expect(await dealTotalsDrift(test.database.db, d.org.organizationId)).toEqual([]);
    const won = (await d.as.head.get<DealPage>("/api/v1/deals?status=won")).body;
    expect(won.total).toBe(1);

    const contactsCsv = "Компания,ИНН,Имя,Фамилия,Должность,Мобильный телефон\n,500100732259,Мария,Иванова,Директор,+7 900 111-22-33\nАльфа,,Мария,Иванова,,+79001112233\n";
    const contactsJob = await run(d.as.head, await upload(d.as.head, "contacts", contactsCsv));
    expect(contactsJob).toMatchObject({ createdCount: 1, skippedCount: 1 });
  });

  it("refuses what it cannot read or map, and only admins and heads of sales import", async () => {
    const d = await setup();
    const denied = await d.as.seller.upload<Problem>("/api/v1/imports?entity=companies&fileName=a.csv", "name\nA\n");
    expect(denied.status).toBe(403);
    const empty = await d.as.head.upload<Problem>("/api/v1/imports?entity=companies&fileName=a.csv", "name\n");
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe("import_file_unreadable");
    const broken = await d.as.head.upload<Problem>("/api/v1/imports?entity=companies&fileName=a.xlsx", Buffer.from("PK\u0003\u0004garbage"), "application/octet-stream");
    expect(broken.body.code).toBe("import_file_unreadable");
    const badEntity = await d.as.head.upload<Problem>("/api/v1/imports?entity=planets&fileName=a.csv", "name\nA\n");
    expect(badEntity.status).toBe(400);
    const wrongType = await d.as.head.upload<Problem>("/api/v1/imports?entity=companies&fileName=a.csv", "name\nA\n", "image/png");
    expect(wrongType.status).toBe(415);

    const job = await upload(d.as.head, "companies", "region,phone\nМосква,1\n");
    const unmapped = await d.as.head.post<Problem>(`/api/v1/imports/${job.id}/start`, { mapping: ["region", "phone"], onDuplicate: "skip" });
    expect(unmapped.status).toBe(422);
    expect(unmapped.body).toMatchObject({ code: "import_mapping_invalid", errors: [{ field: "mapping", code: "required_field_unmapped" }] });
    const twice = await d.as.head.post<Problem>(`/api/v1/imports/${job.id}/start`, { mapping: ["name", "name"], onDuplicate: "skip" });
    expect(twice.body.errors?.[0]).toMatchObject({ field: "mapping.1", code: "duplicate_field" });
    const unknown = await d.as.head.post<Problem>(`/api/v1/imports/${job.id}/start`, { mapping: ["name", "planet"], onDuplicate: "skip" });
    expect(unknown.body.errors?.[0]).toMatchObject({ field: "mapping.1", code: "unknown_field" });
    await run(d.as.head, job, { mapping: ["name", null] });
    const restart = await d.as.head.post<Problem>(`/api/v1/imports/${job.id}/start`, { mapping: ["name", null], onDuplicate: "skip" });
    expect(restart.status).toBe(409);
    expect(restart.body.code).toBe("import_not_draft");
  });
});
