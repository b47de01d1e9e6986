import { notificationListSchema } from "@conveyor/contracts";
import { api } from "../app/api";

/** The signed-in person's notifications (handovers given and received, permanent clients: M1.4, M4.2). */
export const notificationsKey = ["me", "notifications"];

export const listNotifications = () => api.get("/api/v1/me/notifications", notificationListSchema);

export const markNotificationRead = (id: string) => api.send("POST", `/api/v1/me/notifications/${encodeURIComponent(id)}/read`);

export const markAllNotificationsRead = () => api.send("POST", "/api/v1/me/notifications/read-all");
