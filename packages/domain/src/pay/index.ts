export * from "./scheme";
export * from "./coefficient-curve";
export * from "./pro-rating";
export * from "./payroll";
export * from "./what-if";
export * from "./payroll-share";
export * from "./contests";
export * from "./presets";
