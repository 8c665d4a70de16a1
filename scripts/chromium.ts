// The Chromium every browser run uses (e2e, bench:ui, bench --runtime chromium). Playwright cannot
// download browsers on machines without internet: the system Chromium (Debian's package) when
// there is one, else Playwright's own if `npx playwright install chromium` put it there.
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].find((p) => existsSync(p));

/** Launch options: headless, no sandbox, nothing that reaches the network on its own. */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): {
  executablePath?: string;
  args: string[];
} {
  return {
    ...(SYSTEM_CHROMIUM ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}
