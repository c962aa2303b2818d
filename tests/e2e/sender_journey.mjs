// The sender and recipient journey in headless Chromium against the real binary in demo mode
// (issue 4): Émile signs in through the demo identity provider, acts for Demo Sender NV, composes a
// registered item to Demo Recipient BV with a PDF (live checks, registration status, drag-and-drop,
// upload progress), sees it in the outbox with its timeline; Jan Janssens signs in, acts for Demo
// Recipient BV, opens it from the inbox (the hand-over), downloads the attachment — byte for byte
// what was sent — and the proofs; Émile then sees the proof of receipt in the timeline. On the way:
// axe-core on every main page (no serious or critical violation), the compose page at 360 px
// without horizontal scrolling, the security headers, no script error or CSP violation, and no
// catalogue key leaking in any of the four languages.
//
//   node tests/e2e/sender_journey.mjs build/sealpost
import fs from 'node:fs';
import {
  CITIZENS, actFor, assert, expectAccessible, expectNoHorizontalScroll, expectNoLeakedKeys,
  expectPageHeaders, launchBrowser, log, newContext, newPage, signIn, startServer,
} from './lib.mjs';

// A small but real PDF with binary bytes after the header, as a PDF writer makes them.
function samplePdf(text) {
  const binary = Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n'), binary,
    Buffer.from(`1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
  ]);
}

async function main() {
  const server = await startServer(process.argv[2]);
  const browser = await launchBrowser();
  const { base } = server;
  const contexts = [];
  try {
    log(`sealpost at ${base}`);
    const sender = await newContext(browser);
    contexts.push(sender);
    const page = await newPage(sender);

    // --- public pages -------------------------------------------------------------------------
    let response = await page.goto(`${base}/`);
    expectPageHeaders(response, 'home');
    await expectAccessible(page, 'home');
    response = await page.goto(`${base}/sign-in`);
    expectPageHeaders(response, 'sign-in');
    await expectAccessible(page, 'sign-in');

    // --- Émile sends for Demo Sender NV ---------------------------------------------------------
    await signIn(page, base, CITIZENS.emile);
    await expectAccessible(page, 'account');
    await actFor(page, base, 'Demo Sender NV');
    log('signed in as Émile, acting for Demo Sender NV');
    await page.goto(`${base}/account/api-keys`);
    await expectAccessible(page, 'api keys');
    await page.goto(`${base}/account/members`);
    await expectAccessible(page, 'members');
    for (const [path, label] of [['/account/company', 'company details'],
      ['/account/recipient', 'registered recipient'], ['/notifications', 'notifications']]) {
      response = await page.goto(`${base}${path}`);
      expectPageHeaders(response, label);
      await expectAccessible(page, label);
    }

    response = await page.goto(`${base}/compose`);
    expectPageHeaders(response, 'compose');
    assert((await page.title()).startsWith('Send a registered item'), 'compose title');
    await expectAccessible(page, 'compose (empty)');

    // Live checks: a wrong check digit is named next to its field, then cleared when corrected.
    await page.fill('#recipient-0-email', 'recipient@demo.sealpost.test');
    await page.fill('#recipient-0-name', 'Demo Recipient BV');
    await page.fill('#recipient-0-enterprise_number', '0566.988.258');
    await page.locator('#subject').focus();
    await page.waitForSelector('#recipient-0-enterprise_number-error');
    assert(await page.getAttribute('#recipient-0-enterprise_number', 'aria-invalid') === 'true',
      'a wrong enterprise number is marked invalid');
    assert((await page.getAttribute('#recipient-0-enterprise_number', 'aria-describedby'))
      .includes('recipient-0-enterprise_number-error'), 'the error is tied to the field');
    await expectAccessible(page, 'compose (live error)');
    await page.fill('#recipient-0-enterprise_number', '0566.988.259');
    await page.waitForSelector('#recipient-0-enterprise_number-error', { state: 'detached' });
    // The registration status of the recipient (GET /compose/recipient-status).
    await page.waitForFunction(() => document.querySelector('#recipient-0-status').textContent
      .startsWith('Registered on sealpost'));
    log('live validation and registration status work');

    // A second recipient row, added and removed again without a round trip.
    await page.click('#add-recipient');
    await page.waitForSelector('#recipient-1-email');
    assert(await page.evaluate(() => document.activeElement.id) === 'recipient-1-email',
      'focus moves to the new row');
    await page.fill('#recipient-1-email', 'not-an-address');
    await page.locator('#recipient-1-name').focus();
    await page.waitForSelector('#recipient-1-email-error');
    await page.click('fieldset[data-index="1"] .recipient__remove');
    await page.waitForSelector('#recipient-1-email', { state: 'detached' });

    await page.fill('#message', 'Geachte,\n\nIn bijlage vindt u onze ingebrekestelling.\n\nMet vriendelijke groeten');
    const pdf = samplePdf('the letter');
    await page.setInputFiles('#attachments', { name: 'ingebrekestelling.pdf', mimeType: 'application/pdf', buffer: pdf });
    // Drag-and-drop adds to the chosen files.
    const annex = samplePdf('the annex, a little longer '.repeat(200));
    const dropped = await page.evaluateHandle(({ name, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }));
      return transfer;
    }, { name: 'bijlage-factuur.pdf', bytes: [...annex] });
    await page.dispatchEvent('#attachments-field', 'drop', { dataTransfer: dropped });
    await page.waitForFunction(() => document.querySelectorAll('#file-list li').length === 2);
    const listed = await page.locator('#file-list').innerText();
    assert(listed.includes('ingebrekestelling.pdf') && listed.includes('bijlage-factuur.pdf'), `file list: ${listed}`);
    assert(/kB|bytes/.test(listed), `sizes are shown: ${listed}`);
    await expectAccessible(page, 'compose (filled)');

    // --- the phone: 360 px wide, no horizontal scrolling ----------------------------------------
    const phone = await newContext(browser, {
      viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
      storageState: await sender.storageState(),
    });
    contexts.push(phone);
    const phonePage = await newPage(phone);
    await phonePage.goto(`${base}/compose`);
    await expectNoHorizontalScroll(phonePage, 'compose at 360 px');
    await phonePage.click('#add-recipient');
    await phonePage.waitForSelector('#recipient-1-email');
    await expectNoHorizontalScroll(phonePage, 'compose at 360 px with two recipients');
    log('compose fits 360 px');

    // --- without script the form works all the same: the browser posts it itself ----------------
    const plain = await newContext(browser, {
      javaScriptEnabled: false, storageState: await sender.storageState(),
    });
    contexts.push(plain);
    const plainPage = await newPage(plain);
    await plainPage.goto(`${base}/compose`);
    await plainPage.fill('#recipient-0-email', 'recipient@demo.sealpost.test');
    await plainPage.click('#add-recipient'); // a round trip that adds a row and keeps the values
    await plainPage.waitForSelector('#recipient-1-email');
    assert(await plainPage.inputValue('#recipient-0-email') === 'recipient@demo.sealpost.test',
      'values survive adding a row');
    await plainPage.fill('#recipient-0-name', 'Demo Recipient BV');
    await plainPage.fill('#subject', 'Sent without script');
    await plainPage.setInputFiles('#attachments', { name: 'plain.pdf', mimeType: 'application/pdf', buffer: samplePdf('plain') });
    // Without script the confirmation is a checkbox the server insists on.
    await plainPage.click('#send');
    await plainPage.waitForSelector('#confirm-error');
    assert((await plainPage.locator('#confirm-error').innerText()).includes('Tick the box'), 'confirmation asked');
    await plainPage.setInputFiles('#attachments', { name: 'plain.pdf', mimeType: 'application/pdf', buffer: samplePdf('plain') });
    await plainPage.check('#confirm');
    await Promise.all([plainPage.waitForURL(/\/outbox\/[0-9a-f-]{36}$/), plainPage.click('#send')]);
    log('the form works without script');

    // --- send (XMLHttpRequest with progress, then the item page) --------------------------------
    const posts = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/compose')) posts.push(request.resourceType());
    });
    // The subject is checked by the server only: its answer replaces the form in place, the
    // summary takes the focus, and the chosen files stay chosen.
    await page.click('#send');
    // The review: recipients, files and the total price, then one button to send.
    await page.waitForSelector('#review:not([hidden])');
    const review = await page.locator('#review').innerText();
    assert(review.includes('Demo Recipient BV') && review.includes('ingebrekestelling.pdf') && review.includes('€'),
      `the review shows recipients, files and price:\n${review}`);
    assert(await page.evaluate(() => document.activeElement.id) === 'review', 'the review has the focus');
    await expectAccessible(page, 'compose (review)');
    await page.click('#review-confirm');
    await page.waitForSelector('#subject-error');
    assert(await page.evaluate(() => document.activeElement.id) === 'error-summary', 'the summary has the focus');
    assert((await page.locator('#error-summary').innerText()).includes('Enter a subject.'), 'the summary names the subject');
    assert(await page.locator('#file-list li').count() === 2, 'the files stay chosen');
    assert(await page.locator('#files-again').count() === 0, 'so nobody is asked to choose them again');
    assert(await page.inputValue('#message') !== '', 'the message is kept');
    await expectAccessible(page, 'compose (server errors)');
    await page.fill('#subject', 'Ingebrekestelling factuur 2026-113');
    await page.click('#send');
    await Promise.all([
      page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/, { timeout: 30000 }),
      page.click('#review-confirm'),
    ]);
    const itemUrl = page.url();
    assert(posts.length === 2 && posts.every((kind) => kind === 'xhr'), `sent with upload progress: ${posts}`);
    log(`sent: ${itemUrl}`);
    await expectAccessible(page, 'outbox item');
    let body = await page.locator('main').innerText();
    for (const phrase of ['Ingebrekestelling factuur 2026-113', 'Recipient 1: Demo Recipient BV',
      'Item accepted for delivery (proof of sending)', 'Item placed in the recipient’s inbox',
      'ingebrekestelling.pdf', 'bijlage-factuur.pdf']) {
      assert(body.includes(phrase), `item page shows "${phrase}":\n${body}`);
    }
    // The mail job may have told the recipient already.
    const waiting = /In the recipient’s inbox|Recipient notified/;
    assert(waiting.test(body), `the state of the delivery:\n${body}`);

    response = await page.goto(`${base}/outbox`);
    expectPageHeaders(response, 'outbox');
    await expectAccessible(page, 'outbox');
    const row = page.locator('.item-card', { hasText: 'Ingebrekestelling factuur 2026-113' });
    assert(await row.count() === 1, 'the outbox lists the item');
    assert(waiting.test(await row.innerText()), 'with its state');
    await page.selectOption('#state', 'handed_over');
    await Promise.all([page.waitForURL(/state=handed_over/), page.click('.filters button[type=submit]')]);
    assert(await page.locator('.item-card').count() === 0, 'the state filter hides it');
    await expectAccessible(page, 'outbox (no matches)');

    // --- Jan opens it from the inbox of Demo Recipient BV --------------------------------------
    const recipient = await newContext(browser);
    contexts.push(recipient);
    const jan = await newPage(recipient);
    await signIn(jan, base, CITIZENS.jan);
    await actFor(jan, base, 'Demo Recipient BV');
    response = await jan.goto(`${base}/inbox`);
    expectPageHeaders(response, 'inbox');
    await expectAccessible(jan, 'inbox');
    const unread = jan.locator('.item-card--unread', { hasText: 'Demo Sender NV' });
    // Both items (the one sent without script too) wait to be opened; the newest comes first.
    assert(await unread.count() === 2, 'the items wait among the items to open');
    await Promise.all([jan.waitForURL(/\/inbox\/[0-9a-f-]{36}$/), unread.first().locator('a').click()]);
    await expectAccessible(jan, 'inbox item (unopened)');
    body = await jan.locator('main').innerText();
    assert(body.includes('proof of receipt'), 'the page explains that opening records the receipt');
    assert(!body.includes('Ingebrekestelling'), 'the subject waits for the opening');
    await Promise.all([
      jan.waitForURL(/\/inbox\/[0-9a-f-]{36}$/),
      jan.click('form[action$="/open"] button[type=submit]'),
    ]);
    await expectAccessible(jan, 'inbox item (opened)');
    body = await jan.locator('main').innerText();
    assert(body.includes('Ingebrekestelling factuur 2026-113'), 'the subject after opening');
    assert(body.includes('In bijlage vindt u onze ingebrekestelling.'), 'the message after opening');
    assert(body.includes('Content handed over to the recipient (proof of receipt)'), 'the receipt is in the timeline');
    log('Jan opened the item');

    const download = async (locator) => {
      const [file] = await Promise.all([jan.waitForEvent('download'), locator.click()]);
      const saved = await file.path();
      return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) };
    };
    const letter = await download(jan.locator('.attachment-list a', { hasText: 'ingebrekestelling.pdf' }));
    assert(letter.name === 'ingebrekestelling.pdf', `file name ${letter.name}`);
    assert(Buffer.compare(letter.bytes, pdf) === 0, 'the downloaded attachment is byte-identical');
    const second = await download(jan.locator('.attachment-list a', { hasText: 'bijlage-factuur.pdf' }));
    assert(Buffer.compare(second.bytes, annex) === 0, 'the dropped attachment is byte-identical');
    const evidence = await download(jan.locator('.timeline a').last());
    assert(evidence.name.startsWith('ContentHandover-') && evidence.bytes.includes('ContentHandover'),
      `the receipt evidence: ${evidence.name}`);
    const bundle = await download(jan.locator('a', { hasText: 'proof bundle' }));
    assert(bundle.bytes.subarray(0, 2).toString() === 'PK', 'the proof bundle is a zip');
    const certificate = await download(jan.locator('a', { hasText: 'Certificate (PDF)' }));
    assert(certificate.bytes.subarray(0, 5).toString() === '%PDF-', `the certificate is a PDF: ${certificate.name}`);
    log('attachments and proofs downloaded, byte-identical');

    // --- the sender sees the timeline updated ---------------------------------------------------
    await page.goto(itemUrl);
    body = await page.locator('main').innerText();
    assert(body.includes('Content handed over to the recipient (proof of receipt)'), 'the sender sees the receipt');
    assert(body.includes('Received (opened)'), 'and the new state');
    const senderBundle = await Promise.all([page.waitForEvent('download'),
      page.locator('a', { hasText: 'proof bundle' }).click()]);
    assert((await senderBundle[0].suggestedFilename()).endsWith('.zip'), 'the sender’s proof bundle');

    // --- every language: the right language, no catalogue key ------------------------------------
    const inboxItemUrl = jan.url();
    for (const lang of ['nl', 'fr', 'en', 'de']) {
      for (const [who, url] of [[page, `${base}/compose`], [page, `${base}/outbox`], [page, itemUrl],
        [page, `${base}/notifications`], [page, `${base}/account/company`],
        [page, `${base}/account/recipient`], [jan, `${base}/inbox`], [jan, inboxItemUrl]]) {
        await who.goto(`${url}?lang=${lang}`);
        assert(await who.getAttribute('html', 'lang') === lang, `${url} in ${lang}`);
        await expectNoLeakedKeys(who, `${url}?lang=${lang}`);
      }
    }
    log('no catalogue key leaks in nl, fr, en, de');

    // --- Sophie, the operator, in the back office -------------------------------------------------
    const staff = await newContext(browser);
    contexts.push(staff);
    const sophie = await newPage(staff);
    await signIn(sophie, base, CITIZENS.sophie);
    for (const [path, label] of [['/operator', 'back office'],
      ['/operator/accounts?q=demo', 'accounts'], ['/operator/audit', 'audit log']]) {
      response = await sophie.goto(`${base}${path}`);
      expectPageHeaders(response, label);
      await expectAccessible(sophie, label);
      for (const lang of ['nl', 'fr', 'de']) {
        await sophie.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await expectNoLeakedKeys(sophie, `${path} in ${lang}`);
      }
    }
    await sophie.goto(`${base}/operator/accounts?q=demo&lang=en`);
    await Promise.all([sophie.waitForURL(/\/operator\/accounts\/[0-9a-f-]{36}$/),
      sophie.locator('a', { hasText: 'Demo Sender NV' }).click()]);
    await expectAccessible(sophie, 'account in the back office');
    assert((await sophie.locator('main').innerText()).includes('Émile Dupont-Lefèvre'), 'members listed');
    log('back office pages accessible');

    for (const context of contexts) {
      if (context.problems.length > 0) throw new Error(context.problems.join('\n'));
    }
    log('PASS sender journey');
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    await browser.close().catch(() => {});
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`FAIL ${error.stack || error}`);
  process.exit(1);
});
