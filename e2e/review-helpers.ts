import type { Page } from "playwright-core";

/** A seller of the demo with at least `minClients` clients to review, by the API the review workspace reads. */
export const sellerWithQueue = (page: Page, minClients: number) =>
  page.evaluate(async (min) => {
    const people: { items: Array<{ id: string; name: string; role: string }> } = await (await fetch("/api/v1/people")).json();
    for (const person of people.items.filter((p) => p.role === "seller")) {
      const queue: { items: unknown[] } = await (await fetch(`/api/v1/review/queue?sellerId=${person.id}`)).json();
      if (queue.items.length >= min) return { id: person.id, name: person.name };
    }
    return null;
  }, minClients);

/** Today on the organization's clock, late in the day: a next task the server accepts and My day lists as today's. */
export const lateToday = (page: Page) =>
  page.evaluate(async () => {
    const session: { organization: { timeZone: string } } = await (await fetch("/api/v1/auth/session")).json();
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: session.organization.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    return `${day}T23:30`;
  });
