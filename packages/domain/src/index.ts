export * from "./sign-in-throttle";
export * from "./working-hours";
