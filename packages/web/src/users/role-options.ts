import type { TFunction } from "i18next";
import { roles, userStatuses, type Role, type UserStatus } from "@conveyor/contracts";

export const roleOptions = (t: TFunction): { value: Role; label: string }[] =>
  roles.map((value) => ({ value, label: t(`roles.${value}`) }));

export const statusOptions = (t: TFunction): { value: UserStatus; label: string }[] =>
  userStatuses.map((value) => ({ value, label: t(`statuses.${value}`) }));
