export * from "./queue";
export * from "./cadence";
export * from "./review-close";
export * from "./prospecting";
