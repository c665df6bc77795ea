import type { Browser, Page } from 'playwright-core';

type Credentials = { email: string; password: string };

export type OpenPage = { page: Page; dialogs: string[]; errors: string[] };

/**
 * A fresh page (own cookies) that records every dialog (alert, confirm, prompt) and uncaught
 * error, so a test can prove that nothing a customer wrote ran as code.
 */
export async function openPage(browser: Browser, baseUrl: string): Promise<OpenPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, dialogs, errors };
}

/** Logs in through the form, as a person would, and waits for the inbox. */
export async function logIn(page: Page, credentials: Credentials): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
}
