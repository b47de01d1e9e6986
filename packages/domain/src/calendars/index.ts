export * from "./calendar-date";
export * from "./jalali";
export * from "./production-calendar";
export * from "./working-days";
export * from "./data";
