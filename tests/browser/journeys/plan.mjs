// The archivist (arkistonhoitaja) and the information-management plan (tiedonohjaussuunnitelma):
// the plan in force as a tree of classes, searched and opened at a class whose record types show
// their retention, publicity and personal data in words; the version list; a broken JHS 191
// file refused with its findings (nothing stored); the sample plan imported as a new draft (a
// copy of its own each run, with a unique name and one element of another namespace, so the
// import has a warning to show) and approved from a day in the future.
//
// Links are found by their address and form fields by their `name`; words on the page only
// through `ctx.texts`.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../harness.mjs';

export const user = 'arkistonhoitaja';

const SAMPLE = path.join(REPO_ROOT, 'fixtures', 'plan', 'sample-plan-jhs191.xml');

/** `day` (YYYY-MM-DD) plus `days`. */
function later(day, days) {
    const date = new Date(`${day}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);

    // The plan in force: the tree, a search, a class.
    await page.locator('header a[href="/ui/plan"]').click();
    await ctx.expectText('main ul.tree', '07 00 03');
    await ctx.check('plan tree');
    const search = page.locator('form[role="search"]');
    await search.locator('input[name="q"]').fill('oikaisupyyntö');
    await Promise.all([page.waitForURL(/q=/), search.locator('button').click()]);
    await ctx.check('plan searched');
    await page.locator('main a[href="/ui/plan/classes/07.00.03"]').click();
    await ctx.expectText('main table', ctx.texts.tenYears);
    await ctx.check('plan class');

    // The versions; a broken file is refused with its findings.
    await page.goto(`${ctx.base}/ui/plan/versions`);
    await ctx.check('plan versions');
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kirjuri-plan-'));
    const broken = path.join(folder, 'rikki.xml');
    writeFileSync(broken, '<?xml version="1.0"?>\n<Tos>\n  <TosTiedot>\n</Tos>\n');
    const form = page.locator('form#import');
    await form.locator('input[name="file"]').setInputFiles(broken);
    await form.locator('button').click();
    await ctx.expectText('.error-summary', ctx.texts.planRefused);
    await ctx.expectText('main ol.findings', 'rikki.xml');
    await ctx.check('plan refused');

    // This run's own copy of the sample plan, imported as a draft with one warning.
    const name = ctx.unique('Testisuunnitelma');
    const xml = readFileSync(SAMPLE, 'utf8')
        .replace('<tos:TosVersio>1</tos:TosVersio>',
            '<tos:TosVersio>1</tos:TosVersio><x:Huomautus xmlns:x="urn:example">kokeilu</x:Huomautus>')
        .replace('Laitilan kaupungin tiedonohjaussuunnitelma', name);
    const copy = path.join(folder, 'suunnitelma.xml');
    writeFileSync(copy, xml);
    await page.locator('form#import input[name="file"]').setInputFiles(copy);
    await Promise.all([page.waitForURL(/done=imported/), page.locator('form#import button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.planImported);
    await ctx.expectText('main ol.findings', ctx.texts.findingWarning);
    await ctx.expectText('main dl', name);
    await ctx.check('plan imported');

    // Approved from a day in the future (later than every earlier run's), so the plan in force
    // today stays as it is.
    const day = page.locator('form#approve input[name="valid_from"]');
    await day.fill(later(await day.inputValue(), 30));
    await Promise.all([page.waitForURL(/done=approved/), page.locator('form#approve button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.planApproved);
    await ctx.check('plan approved');
}
