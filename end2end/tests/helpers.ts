import { expect, Page } from '@playwright/test';

/** Signs in on the login page and waits for the editions list. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.waitForSelector('body[data-hydrated]');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/editions$/);
}
