export * from "./business-time";
export * from "./routing";
export * from "./sla";
export * from "./lead-clock";
export * from "./rate-limit";
export * from "./money-prospects";
