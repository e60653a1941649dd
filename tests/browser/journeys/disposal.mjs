// Disposal (hävittäminen) with four eyes, as the archivists `arkistonhoitaja` and
// `arkistosihteeri`: the registry office first registers two purchase invoices of 2018 found
// late (kept 6 years from the end of the financial year, so their retention has ended); the
// first archivist sees them in the dues, chooses them and one of the demo's paper invoice
// binders of 2017, proposes, removes one invoice in review with a reason and is refused when
// approving their own proposal; the second archivist approves, executes after confirming,
// confirms the paper binder destroyed by hand and downloads the destruction list; a legal hold
// is placed on the invoice that was kept and lifted again.
//
// The journey runs six times on one server: each run registers its own invoices through the
// registry office's form and takes one paper binder (the demo seeds eight); no retention rule
// is bent. Links and fields are found by address and `name`; words only through `ctx.texts`.

export const user = 'arkistonhoitaja';

/** Registers, as the registry office, a case of purchase invoices with two invoices of 2018. */
async function registerOldInvoices(ctx, titles) {
    const { page } = ctx;
    await ctx.signIn('kirjaaja');
    await page.goto(`${ctx.base}/ui/cases/new?q=ostolask`);
    const form = page.locator('form[action="/ui/cases/new"][method="post"]');
    await form.locator('select[name="class"]').selectOption('02 06 04');
    await form.locator('input[name="title"]').fill(ctx.unique('Ostolaskut 2018'));
    await form.locator('textarea[name="parties"]').fill('Toimittaja Oy');
    await Promise.all([page.waitForURL(/opened=1/), form.locator('button').click()]);
    const register = page.locator('form[action$="/documents"]');
    for (const title of titles) {
        await register.locator('select[name="record_type"]').selectOption('ostolasku');
        await register.locator('select[name="direction"]').selectOption('incoming');
        await register.locator('input[name="date"]').fill('2018-03-15');
        await register.locator('input[name="title"]').fill(title);
        await register.locator('input[name="file"]').setInputFiles(ctx.file('hankintasopimus-ruokapalvelut.md'));
        await Promise.all([page.waitForURL(/registered=doc-\d+/), register.locator('button').click()]);
    }
    await signOut(page);
}

async function signOut(page) {
    await Promise.all([page.waitForURL(/\/login/), page.locator('header form[action="/logout"] button').click()]);
}

/** The table row of a record, by its whole title (one run's title may begin another's). */
function rowOf(page, title) {
    return page.locator('main table tr').filter({ has: page.getByText(title, { exact: true }) });
}

export async function run(ctx) {
    const { page } = ctx;
    const kept = ctx.unique('Ostolasku, kalusteet');
    const destroyed = ctx.unique('Ostolasku, toimistotarvikkeet');
    await registerOldInvoices(ctx, [kept, destroyed]);

    // The dues of today, with the two invoices and the paper binders.
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/retention"]').click();
    await ctx.expectText('main table', destroyed);
    await ctx.check('retention dues');

    // Propose: the two invoices and one paper binder not yet in a proposal.
    await rowOf(page, kept).locator('input[name="documents"]').check();
    await rowOf(page, destroyed).locator('input[name="documents"]').check();
    const paper = page.locator('main table tr', { hasText: 'Arkisto A' }).locator('input[name="documents"]');
    const withPaper = (await paper.count()) > 0;
    if (withPaper) await paper.first().check();
    await Promise.all([
        page.waitForURL(/\/ui\/disposal\/disp-\d+\?done=proposed/),
        page.locator('#propose button[value="chosen"]').click(),
    ]);
    await ctx.expectText('[role="status"]', ctx.texts.disposalProposed);
    const proposal = new URL(page.url()).pathname;
    await ctx.check('disposal proposed');

    // Review: one invoice is kept, with a reason.
    const keptRow = rowOf(page, kept);
    await keptRow.locator('input[name="reason"]').fill('Tarvitaan takuuasiassa');
    await Promise.all([page.waitForURL(/done=removed/), keptRow.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.itemRemoved);

    // The proposer may not approve: refused in words.
    await Promise.all([page.waitForURL(/\/approve$/), page.locator('#approve button').click()]);
    await ctx.expectText('.error-summary', ctx.texts.ownProposal);
    await ctx.check('own approval refused');
    await signOut(page);

    // The second archivist approves and executes.
    await ctx.signIn('arkistosihteeri');
    await page.goto(`${ctx.base}${proposal}`);
    await Promise.all([page.waitForURL(/done=approved/), page.locator('#approve button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.disposalApproved);
    await ctx.check('disposal approved');
    await page.locator('#execute input[name="confirm"]').check();
    await Promise.all([page.waitForURL(/done=executed/), page.locator('#execute button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.disposalExecuted);
    await ctx.check('disposal executed');

    // The paper binder, destroyed by hand, is confirmed with its method.
    if (withPaper) {
        const confirm = page.locator('form[action$="/confirm-paper"]').first();
        await confirm.locator('input[name="method"]').fill('Tietosuojajäte, lukittu keräysastia');
        await Promise.all([page.waitForURL(/done=confirmed/), confirm.locator('button').click()]);
        await ctx.expectText('[role="status"]', ctx.texts.paperConfirmed);
        await ctx.check('paper confirmed');
    }

    // The destruction list of the proposal, as a CSV file.
    const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`main a[href="${proposal}/destruction-list"]`).click(),
    ]);
    if (!download.suggestedFilename().endsWith('.csv')) {
        throw new Error(`the destruction list is ${download.suggestedFilename()}, not a CSV file`);
    }

    // A legal hold on the invoice that was kept, then lifted.
    await page.locator('header a[href="/ui/retention"]').click();
    const hold = page.locator('#place-hold');
    const record = await hold
        .locator('select[name="document"] option', { hasText: new RegExp(`— ${kept}$`) })
        .getAttribute('value');
    await hold.locator('select[name="document"]').selectOption(record);
    await hold.locator('input[name="reason"]').fill('Takuuasia vireillä');
    await Promise.all([page.waitForURL(/done=held/), hold.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.holdPlaced);
    await ctx.check('legal hold placed');
    const lift = page
        .locator('#holds + ul li')
        .filter({ has: page.getByText(kept, { exact: true }) })
        .locator('form[action="/ui/retention/holds/lift"]')
        .first();
    await lift.locator('input[name="reason"]').fill('Takuuasia ratkaistu');
    await Promise.all([page.waitForURL(/done=lifted/), lift.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.holdLifted);
    await ctx.check('legal hold lifted');
}
