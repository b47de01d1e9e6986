export * from "./staffing";
export * from "./purchases";
export * from "./receiver";
export * from "./restructure";
