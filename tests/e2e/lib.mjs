// Shared pieces of the browser end-to-end tests: the real `sealpost serve --demo` binary on a
// fresh data directory and a kernel-chosen port, headless Debian Chromium driven by playwright-core,
// signing in through the built-in demo identity provider, and the axe-core accessibility scan.
// Test code only; everything it needs is pinned in package.json (nothing is downloaded).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.SEALPOST_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export const CITIZENS = {
  emile: '85.07.30-033.28', // admin of Demo Sender NV
  an: '03.02.14-124.47', // sender at Demo Sender NV
  jan: '90.01.01-319.93', // admin and recipient handler of Demo Recipient BV
  sophie: '78.05.22-246.88', // operator of the provider
};

// What the binary prints once it accepts connections (src/main, see
// tests/integration/server_process.cpp).
const READY = /sealpost listening on (http:\/\/localhost:\d+)/;

export function log(...parts) {
  console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
}

// Starts `binary serve --demo` on a temp directory; resolves with { base, stop() }.
export async function startServer(binary) {
  if (!binary || !fs.existsSync(binary)) {
    throw new Error(`usage: node <script> /path/to/sealpost (got ${binary})`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-e2e-'));
  const child = spawn(binary, ['serve', '--demo', '--data', path.join(dir, 'data'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sealpost did not start:\n${output}`)), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const m = READY.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sealpost exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 10000);
        child.on('exit', () => { clearTimeout(timer); resolve(); });
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { base, stop, output: () => output };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

// A browser context that records script errors and CSP violations of its pages (context.problems).
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true, ...options });
  context.problems = [];
  context.on('page', (page) => watchPage(context, page));
  return context;
}

function watchPage(context, page) {
  page.on('pageerror', (error) => context.problems.push(`script error on ${page.url()}: ${error}`));
  // A blocked script, style or request is reported on the console ("Refused to …").
  page.on('console', (message) => {
    if (message.type() === 'error' && /Refused to|Content Security Policy/.test(message.text())) {
      context.problems.push(`CSP violation on ${page.url()}: ${message.text()}`);
    }
  });
}

export async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

// Signs in through the demo provider as the citizen with that printed national number; lands on
// the account page.
export async function signIn(page, base, nationalNumber) {
  await page.goto(`${base}/sign-in`);
  await Promise.all([
    page.waitForURL(/\/demo-idp\/authorize/),
    page.click('form[action="/sign-in/demo"] button[type=submit]'),
  ]);
  await Promise.all([
    page.waitForURL(`${base}/account`),
    page.click(`button[name=citizen]:has-text("${nationalNumber}")`),
  ]);
}

// Switches, on the account page, to acting for the company named `name`.
export async function actFor(page, base, name) {
  await page.goto(`${base}/account`);
  const button = page.locator('form[action="/account/acting-for"] button', { hasText: name });
  await Promise.all([page.waitForURL(`${base}/account`), button.click()]);
  const pressed = await button.getAttribute('aria-pressed');
  if (pressed !== 'true') throw new Error(`not acting for ${name}`);
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe-core (WCAG 2.x A and AA rules) on the page; throws on a serious or critical violation.
export async function expectAccessible(page, label) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) {
    log(`  axe ${label}: ${v.impact} ${v.id} (${v.nodes.length}×) ${bad.includes(v) ? '' : '(tolerated)'}`);
  }
  if (bad.length > 0) {
    const details = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes
      .slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n  ');
    throw new Error(`axe on ${label}:\n  ${details}`);
  }
}

// Throws when the page is wider than the viewport (a horizontal scroll bar on a phone).
export async function expectNoHorizontalScroll(page, label) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  if (scroll > client) throw new Error(`${label}: ${scroll}px wide in a ${client}px viewport`);
}

// The security headers every page carries (src/http/web/web_context.cpp).
export function expectPageHeaders(response, label) {
  const headers = response.headers();
  const csp = headers['content-security-policy'] || '';
  for (const part of ["default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"]) {
    if (!csp.includes(part)) throw new Error(`${label}: CSP lacks ${part}: ${csp}`);
  }
  if (csp.includes('unsafe-inline')) throw new Error(`${label}: CSP allows inline code`);
  if (headers['x-frame-options'] !== 'DENY') throw new Error(`${label}: no X-Frame-Options`);
  if (!headers['referrer-policy']) throw new Error(`${label}: no Referrer-Policy`);
}

// Throws when a catalogue key, a template marker or an unformatted argument shows in the page.
export async function expectNoLeakedKeys(page, label) {
  const html = await page.content();
  const text = await page.evaluate(() => document.body.innerText);
  const marker = /\{\{|\bt_[a-z]+_[a-z]/.exec(html);
  const key = /\b(?:items|compose|outbox|inbox|layout|error|account)\.[a-z_]+\.[a-z_]+/.exec(text);
  const argument = /\{[a-z_]+\}/.exec(text);
  const found = marker || key || argument;
  if (found) throw new Error(`${label}: "${found[0]}" leaked into the page`);
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
