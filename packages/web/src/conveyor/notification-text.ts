import type { TFunction } from "i18next";
import type { Notification } from "@conveyor/contracts";
import { isolate, levelPair } from "./level-words";

/**
 * One notification as a sentence: "Client X was handed to you by A (L1 → L2)", "You handed client X
 * to B (L2 → L3)", "Client X became a permanent client" (M1.4, M4.2).
 */
export const notificationText = (t: TFunction, notification: Notification): string => {
  const client = notification.company ? isolate(notification.company.name) : t("inbox.someClient");
  const { handover } = notification;
  switch (notification.kind) {
    case "handover_received":
      return handover
        ? t("inbox.kinds.handover_received", { client, from: isolate(handover.from.name), levels: levelPair(t, handover.fromLevel, handover.toLevel) })
        : t("inbox.handedOver", { client });
    case "handover_given":
      return handover
        ? t("inbox.kinds.handover_given", { client, to: isolate(handover.to.name), levels: levelPair(t, handover.fromLevel, handover.toLevel) })
        : t("inbox.handedOver", { client });
    case "permanent_client":
      return t("inbox.kinds.permanent_client", { client });
    case "lead_assigned":
    case "lead_reminder":
    case "lead_taken_away":
    case "lead_escalated":
    case "lead_unassigned":
    case "prospects_low":
    case "clients_received":
      return t(`inbox.kinds.${notification.kind}`, { client });
    case "evening_sweep":
    case "review_due":
    case "export_requested":
    case "export_decided":
    case "bulk_read_alert":
      return t(`inbox.kinds.${notification.kind}`, { seller: isolate(notification.review?.seller.name ?? ""), ...notification.review?.figures });
  }
};
