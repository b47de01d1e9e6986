import type { TFunction } from "i18next";
import {
  companyStatuses,
  levels,
  temperatures,
  type CompanyStatus,
  type Level,
  type Temperature,
} from "@conveyor/contracts";

export const statusOptions = (t: TFunction): { value: CompanyStatus; label: string }[] =>
  companyStatuses.map((value) => ({ value, label: t(`companyStatuses.${value}`) }));

export const temperatureOptions = (t: TFunction): { value: Temperature; label: string }[] =>
  temperatures.map((value) => ({ value, label: t(`temperatures.${value}`) }));

export const levelOptions = (t: TFunction): { value: Level; label: string }[] =>
  levels.map((value) => ({ value, label: t(`levels.${value}`) }));

export const statusColor = (status: CompanyStatus): string => {
  switch (status) {
    case "new":
      return "blue";
    case "current":
      return "teal";
    case "permanent":
      return "grape";
  }
};

export const temperatureColor = (temperature: Temperature): string => {
  switch (temperature) {
    case "cold":
      return "cyan";
    case "warm":
      return "orange";
    case "hot":
      return "red";
  }
};
