export { buildApp } from "./http/app";
export { openDatabase, type Database } from "./db/database";
export { migrateDatabase } from "./db/migrate";
export { bootstrapInstallation } from "./commands/bootstrap-installation";
export { defaultSecurity, type AppContext } from "./context";
export { keysFromSecret } from "./security/secret-box";
export { startEmbeddedDatabase } from "./db/embedded";
export { companySearchText } from "./commands/company-input";
