import type { Notification } from "@conveyor/contracts";
import { describe, expect, it } from "vitest";
import { exportNoticeTarget } from "./notification-target";
import { isMaskedValue } from "./reveal-button";

const notice = (kind: Notification["kind"], sellerId?: string): Notification => ({
  id: "00000000-0000-4000-8000-000000000001",
  kind,
  company: null,
  handover: null,
  lead: null,
  review: sellerId ? { seller: { id: sellerId, name: "S" }, figures: {} } : null,
  createdAt: "2026-12-07T10:00:00.000Z",
  readAt: null,
});

describe("export control in the browser", () => {
  it("recognizes the server's masks", () => {
    expect(isMaskedValue("+7 *** ***-**-67")).toBe(true);
    expect(isMaskedValue("i***@example.test")).toBe(true);
    expect(isMaskedValue("+74951234567")).toBe(false);
  });

  it("sends export notices to the approvals and a bulk-read alert to the seller's report", () => {
    expect(exportNoticeTarget(notice("export_requested"))).toBe("/exports");
    expect(exportNoticeTarget(notice("export_decided"))).toBe("/exports");
    expect(exportNoticeTarget(notice("bulk_read_alert", "u1"))).toBe("/users/u1/offboarding");
    expect(exportNoticeTarget(notice("review_due", "u1"))).toBeNull();
  });
});
