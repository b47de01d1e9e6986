import type { Notification } from "@conveyor/contracts";

/** Where an export-control notice leads: the approvals or one's requests; a bulk-read alert to the seller's report. */
export const exportNoticeTarget = (notification: Notification): string | null => {
  switch (notification.kind) {
    case "export_requested":
    case "export_decided":
      return "/exports";
    case "bulk_read_alert":
      return notification.review ? `/users/${notification.review.seller.id}/offboarding` : null;
    default:
      return null;
  }
};
