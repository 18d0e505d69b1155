import type { Page } from 'puppeteer-core';
import { E2E_PASSWORD } from './dashboard-user';

/** A laptop's window: the dashboard is a web page, not the panel. */
export const DASHBOARD_VIEWPORT = { width: 1024, height: 768 };

/** Opens a dashboard page and waits for its heading, which every page has in `main`. */
export async function openDashboardPage(page: Page, serverUrl: string, path: string): Promise<void> {
  await page.goto(`${serverUrl}${path}`);
  await page.waitForSelector('main h1', { visible: true, timeout: 15_000 });
}

/** Signs in through the login page as a person does (the form, then the home page's heading). */
export async function signInOnDashboard(page: Page, serverUrl: string, email: string, password = E2E_PASSWORD): Promise<void> {
  await openDashboardPage(page, serverUrl, '/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('main button[type="submit"]').click()]);
  await page.waitForSelector('main h1', { visible: true, timeout: 15_000 });
  if (new URL(page.url()).pathname === '/login') throw new Error(`signing in as ${email} stayed on the login page`);
}
