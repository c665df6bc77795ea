import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where a browser for the tests comes from, in the order it is looked for. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'npm';

export interface ChromiumFound {
  source: ChromiumSource;
  executablePath: string;
  /** Extra environment for the browser process (fonts for the npm build). */
  env: Record<string, string>;
}

/** System browsers looked for when CHROMIUM_PATH is not set (Debian, Ubuntu, Fedora, Chrome). */
export const systemChromiumPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

const projectRoot = path.resolve(import.meta.dirname, '../..');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The pinned version of the devDependency `@sparticuz/chromium`, or undefined if it is absent. */
function npmChromiumVersion(): string | undefined {
  try {
    // The package's exports hide its package.json from require; read it from where npm put it.
    const require = createRequire(path.join(projectRoot, 'package.json'));
    const entry = require.resolve('@sparticuz/chromium');
    const manifestPath = path.join(entry.slice(0, entry.lastIndexOf('/build/')), 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    return manifest.version;
  } catch {
    return undefined;
  }
}

/**
 * Unpacks the Chromium that `npm install` brought (`@sparticuz/chromium` ships it brotli-packed)
 * into node_modules/.cache, once per version. The package unpacks into the OS temporary folder,
 * not atomically; here it unpacks in a child process whose temporary folder is a private staging
 * folder, which is then renamed into place, so concurrent test files never see half a browser.
 */
function unpackNpmChromium(version: string): ChromiumFound {
  const cacheRoot = path.join(projectRoot, 'node_modules', '.cache', 'earshot-chromium');
  const dir = path.join(cacheRoot, version);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    const staging = path.join(cacheRoot, `${version}.partial-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    execFileSync(
      process.execPath,
      ['-e', "import('@sparticuz/chromium').then((m) => m.default.executablePath())"],
      { cwd: projectRoot, env: { ...process.env, TMPDIR: staging }, stdio: 'pipe' },
    );
    // Fonts: the bundled ones plus whatever the system has; the package's own fonts.conf names
    // Lambda's folders.
    writeFileSync(
      path.join(staging, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${path.join(dir, 'fonts')}</dir>`,
        `  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw error;
    }
  }
  return { source: 'npm', executablePath, env: { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') } };
}

/**
 * The browser the tests drive: `CHROMIUM_PATH` if set; else a system Chromium or Chrome; else the
 * Chromium installed from the npm registry with the dev dependencies. `EARSHOT_TEST_NPM_CHROMIUM=1`
 * skips the system browsers (CI uses it to prove the bare-machine path).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumFound {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is ${fromEnv}, which is not an executable file`);
    }
    return { source: 'CHROMIUM_PATH', executablePath: fromEnv, env: {} };
  }
  if (env.EARSHOT_TEST_NPM_CHROMIUM !== '1') {
    const system = systemChromiumPaths.find(isExecutable);
    if (system) return { source: 'system', executablePath: system, env: {} };
  }
  const version = npmChromiumVersion();
  if (!version) {
    throw new Error(
      'No Chromium found for the browser tests: set CHROMIUM_PATH, install a system Chromium, ' +
        'or run `npm install` (it brings @sparticuz/chromium as a dev dependency)',
    );
  }
  return unpackNpmChromium(version);
}

/** Launches headless Chromium (see findChromium for which one). */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  return chromium.launch({
    executablePath: found.executablePath,
    env: { ...process.env, ...found.env } as Record<string, string>,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
