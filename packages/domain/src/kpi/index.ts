export * from "./plan-to-date";
export * from "./effectiveness";
export * from "./funnel";
export * from "./forecast";
export * from "./plan-split";
