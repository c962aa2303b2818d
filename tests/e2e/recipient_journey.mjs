// The journey of a recipient who is not registered (issue 5), in headless Chromium against the real
// binary in demo mode: the sender submits through the API to Jürgen Müller (national number given);
// the notification arrives in the demo mail viewer without the subject; Jürgen follows its link,
// signs in through the demo identity provider, comes back to the link, accepts, opens the item
// (the proof of receipt) and downloads the PDF certificate, which `pdfsig` (poppler) checks.
//
//   node tests/e2e/recipient_journey.mjs build/sealpost
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assert, expectAccessible, expectNoLeakedKeys, launchBrowser, log, newContext, newPage,
  startServer,
} from './lib.mjs';

const JURGEN = '62.11.03-157.65';

async function waitForMail(base, to) {
  for (let attempt = 0; attempt < 80; attempt += 1) {
    const list = await (await fetch(`${base}/dev/mail`)).text();
    const row = new RegExp(`<td>[^<]*${to}[^<]*</td><td><a href="(/dev/mail/[^"]+)"`).exec(list);
    if (row) return (await fetch(`${base}${row[1]}`)).text();
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }
  throw new Error(`no e-mail to ${to}`);
}

async function main() {
  const server = await startServer(process.argv[2]);
  const browser = await launchBrowser();
  const { base } = server;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-e2e-pdf-'));
  try {
    const key = /sender\s+(sp_demo_\S+)/.exec(server.output())[1];
    const form = new FormData();
    form.append('item', new Blob([JSON.stringify({
      subject: 'Ingebrekestelling 2026-118',
      message: 'Zie bijlage.',
      recipients: [{ email: 'juergen@example.de', name: 'Jürgen Müller',
        national_number: JURGEN, language: 'de' }],
    })], { type: 'application/json' }));
    form.append('file', new Blob([Buffer.from('%PDF-1.7\n% notice\n%%EOF\n')],
      { type: 'application/pdf' }), 'notice.pdf');
    const submitted = await fetch(`${base}/api/v1/items`,
      { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: form });
    assert(submitted.status === 201, `submission answered ${submitted.status}`);
    const item = await submitted.json();
    log('item submitted to a recipient who is not registered');

    const mail = await waitForMail(base, 'juergen@example.de');
    assert(!mail.includes('Ingebrekestelling'), 'the notification must not show the subject');
    const link = /(\/d\/[A-Za-z0-9_-]{20,})/.exec(mail)[1];
    log('notification received in the mail viewer');

    const context = await newContext(browser, { locale: 'de-BE' });
    const page = await newPage(context);
    await page.goto(`${base}${link}`);
    assert((await page.content()).includes('Demo Sender NV'), 'the link page names the sender');
    assert(!(await page.content()).includes('Ingebrekestelling'), 'no subject before acceptance');
    await expectAccessible(page, 'link page');
    await expectNoLeakedKeys(page, 'link page');

    // Sign in from the link page and come back to it.
    await Promise.all([page.waitForURL(/\/sign-in/), page.click(`a[href^="/sign-in?return_to="]`)]);
    await Promise.all([
      page.waitForURL(/\/demo-idp\/authorize/),
      page.click('form[action="/sign-in/demo"] button[type=submit]'),
    ]);
    await Promise.all([
      page.waitForURL(`${base}${link}`),
      page.click(`button[name=citizen]:has-text("${JURGEN}")`),
    ]);
    log('signed in as Jürgen and back on the link page');

    await Promise.all([
      page.waitForURL(`${base}${link}`),
      page.click(`form[action="${link}/accept"] button[type=submit]`),
    ]);
    await expectAccessible(page, 'link page (accepted)');
    const delivery = item.deliveries[0].id;
    await Promise.all([page.waitForURL(`${base}/inbox/${delivery}`),
      page.click(`a[href="/inbox/${delivery}"]`)]);
    // Opening is an explicit action: it records the proof of receipt.
    await Promise.all([page.waitForURL(`${base}/inbox/${delivery}`),
      page.click(`form[action$="/open"] button[type=submit]`)]);
    assert((await page.content()).includes('Ingebrekestelling 2026-118'),
      'the subject is shown once opened');
    log('accepted and opened');

    const href = await page.getAttribute('a[href*="/certificate"]', 'href');
    const pdf = await page.request.get(`${base}${href}`);
    assert(pdf.status() === 200, `certificate answered ${pdf.status()}`);
    const file = path.join(dir, 'certificate.pdf');
    fs.writeFileSync(file, await pdf.body());

    // The QR code of the certificate leads to the public verification page: drop the file there.
    await page.goto(`${base}/verify`);
    await expectAccessible(page, 'verify');
    await page.setInputFiles('#file', file);
    await Promise.all([page.waitForURL(`${base}/verify`), page.click('form[action="/verify"] button')]);
    assert((await page.textContent('[role=status]')).includes('Gültig'),
      'the verification page finds the certificate valid (in German)');
    await expectAccessible(page, 'verify (verdict)');
    let report = '';
    try {
      report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (error) {
      report = `${error.stdout}${error.stderr}`;  // pdfsig exits non-zero for an untrusted issuer
    }
    assert(/Signature Validation: Signature is Valid/.test(report), `pdfsig: ${report}`);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert(text.includes('Müller'), 'the certificate names the recipient');
    log('certificate downloaded; pdfsig: signature is valid');

    const events = await (await fetch(`${base}/api/v1/items/${item.id}/evidence`,
      { headers: { Authorization: `Bearer ${key}` } })).json();
    const names = events.items.map((e) => e.event).join(',');
    assert(names === 'SubmissionAcceptance,NotificationForAcceptance,ConsignmentAcceptance,ContentHandover',
      `events: ${names}`);
    assert(context.problems.length === 0, context.problems.join('\n'));
    log('PASS recipient journey');
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`FAIL ${error.stack || error}`);
  process.exit(1);
});
