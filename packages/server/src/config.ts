import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { countrySchema, type Country } from "@conveyor/contracts";
import { z } from "zod";

export type Config = {
  port: number;
  host: string;
  /** Embedded mode's data directory (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** CONVEYOR_SECRET: the installation's secret the keys for sealed secrets come from; unset, DATA_DIR/secret.key. */
  secret: string | undefined;
  logLevel: string;
  trustProxy: boolean | string;
  /** false: API only, no web app built or served. */
  serveWeb: boolean;
  bootstrap: { organizationName: string; country: Country; adminEmail: string; adminName: string };
};

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  CONVEYOR_SECRET: z.string().min(32, "CONVEYOR_SECRET must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.string().optional(),
  SERVE_WEB: z.enum(["true", "false"]).default("true"),
  CONVEYOR_ORG_NAME: z.string().min(1).default("My company"),
  CONVEYOR_COUNTRY: countrySchema.default("RU"),
  CONVEYOR_ADMIN_EMAIL: z.email().default("admin@conveyor.local"),
  CONVEYOR_ADMIN_NAME: z.string().min(1).default("Administrator"),
});

/** Reads the environment once, at start; a wrong value stops the start with the variable's name. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const trustProxy = e.TRUST_PROXY === undefined ? false : e.TRUST_PROXY === "true" ? true : e.TRUST_PROXY;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    secret: e.CONVEYOR_SECRET,
    logLevel: e.LOG_LEVEL,
    trustProxy,
    serveWeb: e.SERVE_WEB === "true",
    bootstrap: {
      organizationName: e.CONVEYOR_ORG_NAME,
      country: e.CONVEYOR_COUNTRY,
      adminEmail: e.CONVEYOR_ADMIN_EMAIL.toLowerCase(),
      adminName: e.CONVEYOR_ADMIN_NAME,
    },
  };
};

export const repoRoot = resolve(import.meta.dirname, "../../..");

export const readVersion = (): string => {
  const pkg: unknown = JSON.parse(readFileSync(resolve(repoRoot, "package.json"), "utf8"));
  return typeof pkg === "object" && pkg !== null && "version" in pkg && typeof pkg.version === "string"
    ? pkg.version
    : "0.0.0";
};
