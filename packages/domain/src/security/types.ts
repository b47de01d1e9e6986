export type SessionTimeouts = { idleTimeoutMinutes: number; absoluteTimeoutHours: number };
