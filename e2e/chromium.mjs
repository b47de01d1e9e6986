import { existsSync } from "node:fs";

/** Debian's Chromium (or CHROMIUM_PATH); never a browser downloaded by a test tool. */
export const findChromium = () => {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((path) => path && existsSync(path));
};
