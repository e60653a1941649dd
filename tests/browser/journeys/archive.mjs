// The archivist (arkistonhoitaja) and the archive: the archive list of permanently kept records;
// an export of the permanent records started from the page, its progress followed by reloading
// the job's page, the signed package downloaded, and that very file uploaded for verification
// with the result shown.
//
// Links are found by their address and form fields by their `name`; words on the page only
// through `ctx.texts`.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const user = 'arkistonhoitaja';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/archive"]').click();
    await ctx.expectText('main table', 'LAI/');
    await ctx.check('archive');
    // Issue 20: the list says when the secrecy of each series ends.
    await ctx.expectText('main table', ctx.texts.secrecyEnds);
    await ctx.check('archive secrecy ends');

    // The export starts as a job; its page shows the progress and, when done, the package.
    const form = page.locator('form#export');
    await form.locator('input[name="permanent"]').check();
    await Promise.all([page.waitForURL(/done=started/), form.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.exportStarted);
    await page.locator('progress#export-progress').waitFor();
    await ctx.check('export started');
    for (let tries = 0; tries < 60; tries += 1) {
        if ((await page.locator('#export-state').innerText()).includes(ctx.texts.exportDone)) break;
        await page.waitForTimeout(500);
        await page.reload();
    }
    await ctx.expectText('#export-state', ctx.texts.exportDone);
    await ctx.check('export done');
    const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('main a[href$="/package"]').click(),
    ]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kirjuri-package-')), 'paketti.zip');
    await download.saveAs(file);

    // The downloaded package, verified by upload.
    await page.goto(`${ctx.base}/ui/archive`);
    const verify = page.locator('form#verify');
    await verify.locator('input[name="package"]').setInputFiles(file);
    await Promise.all([page.waitForURL(/\/ui\/archive\/verify$/), verify.locator('button').click()]);
    await ctx.expectText('main [role="status"]', ctx.texts.packageIntact);
    await ctx.check('package verified');
}
