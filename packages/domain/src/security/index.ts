export * from "./audit-chain";
export * from "./ip-allow-list";
export * from "./session-policy";
export * from "./types";
