export * from "./common";
export * from "./errors";
export * from "./organization";
export * from "./users";
export * from "./auth";
export * from "./crm";
export * from "./deals";
export * from "./money";
