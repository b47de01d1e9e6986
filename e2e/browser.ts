import { copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { findChromium } from "./chromium.mjs";

const repoRoot = resolve(import.meta.dirname, "..");
export const artifactsDir = join(repoRoot, "e2e", "artifacts");
const screenshotsDir = join(repoRoot, "docs", "screenshots");

/** Debian's Chromium with the flags this network needs; never a downloaded browser. */
export const launchBrowser = async (): Promise<Browser> => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium: install Debian's chromium or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
};

export const newContext = (browser: Browser, baseURL: string, locale = "en-US"): Promise<BrowserContext> =>
  browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });

/**
 * Saves a screenshot under e2e/artifacts/; with UPDATE_SCREENSHOTS=1 also under
 * docs/screenshots/, which the README shows.
 */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(artifactsDir, { recursive: true });
  // Let transitions (the language switch's indicator, toasts) settle.
  await page.waitForTimeout(400);
  // Toasts belong to the moment, not to the picture of the screen.
  await page.addStyleTag({ content: ".mantine-Notifications-root { display: none !important; }" });
  const file = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (process.env["UPDATE_SCREENSHOTS"] === "1") {
    mkdirSync(screenshotsDir, { recursive: true });
    copyFileSync(file, join(screenshotsDir, `${name}.png`));
  }
};
