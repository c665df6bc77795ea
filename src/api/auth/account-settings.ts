import nodemailer from 'nodemailer';

/** How long a password reset link works: short, since it opens an account. */
export const passwordResetLifetimeMs = 60 * 60 * 1000;

/** Sessions, links and mail for accounts; missing pieces fall back to the defaults. */
export interface AccountSettings {
  /** A session unused this long ends (default 12 h). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in (default 14 days). */
  sessionLifetimeMs: number;
  /** Where browsers reach Earshot; links are relative paths without it. */
  publicUrl: string | undefined;
  /** Invitation and reset links are emailed through this server when set. */
  smtp: { url: string; from: string } | undefined;
}

export const defaultAccountSettings: AccountSettings = Object.freeze({
  sessionIdleMs: 12 * 60 * 60 * 1000,
  sessionLifetimeMs: 14 * 24 * 60 * 60 * 1000,
  publicUrl: undefined,
  smtp: undefined,
});

/** The settings a process was started with (AppDependencies.accounts), or the defaults. */
export function accountSettings(deps: { accounts?: AccountSettings | undefined }): AccountSettings {
  return deps.accounts ?? defaultAccountSettings;
}

/**
 * A one-time link to a page of the web app. The secret is in the fragment, which browsers never
 * send to a server: it stays out of access logs and Referer headers.
 */
export function accountLink(
  settings: AccountSettings,
  page: 'invite' | 'reset-password',
  token: string,
) {
  const base = (settings.publicUrl ?? '').replace(/\/+$/, '');
  return `${base}/${page}#${token}`;
}

/** Sends a plain-text account email; false when no SMTP server is configured. */
export async function sendAccountMail(
  settings: AccountSettings,
  message: { to: string; subject: string; text: string },
): Promise<boolean> {
  if (!settings.smtp) return false;
  const transport = nodemailer.createTransport(settings.smtp.url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 10_000,
  });
  try {
    await transport.sendMail({ from: settings.smtp.from, ...message });
    return true;
  } finally {
    transport.close();
  }
}
