// Headless Debian Chromium signed in to the built portal as guest (the only provider the e2e
// config has), for the browser tests.
import { chromium } from 'playwright-core';

/** @returns {Promise<{ browser: import('playwright-core').Browser, page: import('playwright-core').Page }>} */
export async function openSignedInPage(baseUrl) {
  const browser = await chromium.launch({
    executablePath: process.env.DOMAIN_SPLIT_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
  });
  await page.goto(baseUrl);
  // The sign-in page offers guest on a first visit.
  const enter = page.getByRole('button', { name: /enter/i });
  const sidebarItem = page.getByText('Domain Split', { exact: true }).first();
  await Promise.race([enter.waitFor(), sidebarItem.waitFor()]);
  if (await enter.isVisible()) await enter.click();
  await sidebarItem.waitFor();
  return { browser, page };
}
