export * from "./sign-in-throttle";
export * from "./working-hours";
export * from "./client-base";
export * from "./search-text";
export * from "./tasks";
export * from "./pipelines";
export * from "./custom-fields";
export * from "./conveyor";
