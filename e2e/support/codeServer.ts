/**
 * A real VS Code (code-server 4.100.3 = VS Code 1.100.3) with our packaged .vsix
 * installed, shown in Debian's Chromium driven by playwright-core.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

export interface CodeServer {
  page: Page;
  log: () => string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, ms: number, log: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not come up:\n${log()}`);
}

export interface StartOptions {
  codeServer: string;
  chromium: string;
  vsix: string;
  /** Scratch directory for profile, extensions and config. */
  home: string;
  workspace: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /**
   * Settings of the machine code-server runs on. Machine-scoped settings (our
   * `mirage.paths.*`) set in the user settings are ignored in a remote window, which the
   * browser's workbench is.
   */
  machineSettings?: Record<string, unknown>;
  /** PATH for the extension host (and so the language server and its children). */
  path?: string;
}

export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const port = await freePort();
  const userData = join(o.home, 'user-data');
  const extensions = join(o.home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(
    join(o.home, 'config.yaml'),
    `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`,
  );
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'chat.disableAIFeatures': true,
        // The DOM renderer keeps terminal text readable from the page.
        'terminal.integrated.gpuAcceleration': 'off',
        'editor.codeLens': true,
        ...o.settings,
      },
      null,
      2,
    ),
  );
  mkdirSync(join(userData, 'Machine'), { recursive: true });
  writeFileSync(
    join(userData, 'Machine', 'settings.json'),
    JSON.stringify(o.machineSettings ?? {}, null, 2),
  );
  const args = ['--config', join(o.home, 'config.yaml'), '--user-data-dir', userData];
  args.push('--extensions-dir', extensions);
  execFileSync(o.codeServer, [...args, '--install-extension', o.vsix], { stdio: 'pipe' });

  let log = '';
  const env = { ...process.env, ...(o.path ? { PATH: o.path } : {}) };
  const server: ChildProcess = spawn(
    o.codeServer,
    [
      ...args,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      o.workspace,
    ],
    // Its own process group, so that closing kills the extension host and our server too.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env },
  );
  server.stdout!.on('data', (b: Buffer) => (log += b.toString()));
  server.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  const stopServer = (): void => {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let browser: Browser | undefined;
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, 60000, () => log);
    browser = await chromium.launch({
      executablePath: o.chromium,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.setDefaultTimeout(30000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.workspace)}`);
    await page.waitForSelector('.monaco-workbench');
    const b = browser;
    return {
      page,
      log: () => log,
      close: async () => {
        await b.close().catch(() => undefined);
        stopServer();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    stopServer();
    throw e;
  }
}

function exactly(text: string): RegExp {
  // Icons (codicons) put a space before some labels.
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** The row of the open quick pick whose label is exactly `label`. */
export function quickPickRow(page: Page, label: string) {
  return page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) })
    .first();
}

/** Runs a command from the palette by its title, as a user would. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Click the exact title: Enter takes the first row, which may be a recently used command.
  const row = quickPickRow(page, title);
  await row.waitFor();
  await row.click();
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits until it is the active editor. */
export async function openFile(page: Page, relative: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relative);
  const [dir, name] = relative.includes('/')
    ? [relative.slice(0, relative.lastIndexOf('/')), relative.slice(relative.lastIndexOf('/') + 1)]
    : ['', relative];
  // Click the row: Enter would take the first one, which may be a recent file of the same name.
  const row = page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .filter({ hasText: dir })
    .first();
  await row.waitFor();
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // Several files are called config.ml: check the breadcrumbs of the active editor.
  await page
    .locator('.editor-group-container.active .breadcrumbs-control', { hasText: dir })
    .filter({ hasText: name })
    .first()
    .waitFor();
}

/** Moves the cursor to a 1-based line and column (Quick Open's `:line:column`). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}
