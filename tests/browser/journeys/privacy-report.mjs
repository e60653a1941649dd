// The privacy officer, as `tietosuojavastaava`: the annual report (tietotilinpäätös) of this
// year, management's assessment written under the security chapter, and the report downloaded,
// as Markdown and as the PDF/A for the council in the page's language.

import { readFileSync } from 'node:fs';

export const user = 'tietosuojavastaava';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/report"]').click();
    await ctx.check('annual report');
    const text = ctx.unique('Loukkaukset ilmoitettiin ajallaan.');
    const form = page.locator('form:has(input[name="chapter"][value="security"])');
    await form.locator('textarea[name="text"]').fill(text);
    await Promise.all([page.waitForURL(/done=security/), form.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.assessmentWritten);
    await ctx.expectText('main', text);
    await ctx.check('report assessment saved');
    // Chapter 4: the page lists the chapters still lacking an assessment, and a development
    // target is added to the year through its form.
    await page.locator('#lacking').waitFor();
    const target = ctx.unique('Lokien seuranta automatisoidaan');
    const targetForm = page.locator('#target-add');
    await targetForm.locator('textarea[name="text"]').fill(target);
    await targetForm.locator('input[name="owner"]').fill('tietohallinto');
    await Promise.all([page.waitForURL(/done=target/), targetForm.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.targetSaved);
    await ctx.expectText('main', target);
    await ctx.check('development target added');
    const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('main a[href*="format=md"][href*="lang=fi"]').click(),
    ]);
    if (download.suggestedFilename() !== `tietotilinpaatos-${ctx.today.slice(0, 4)}.md`) {
        throw new Error(`report file ${download.suggestedFilename()}`);
    }
    const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`main a[href*="format=pdf"][href*="lang=${ctx.lang}"]`).click(),
    ]);
    if (pdf.suggestedFilename() !== `tietotilinpaatos-${ctx.today.slice(0, 4)}.pdf`) {
        throw new Error(`report file ${pdf.suggestedFilename()}`);
    }
    if (readFileSync(await pdf.path()).subarray(0, 5).toString() !== '%PDF-') {
        throw new Error('the PDF download is no PDF');
    }
    await ctx.check('report downloaded as PDF');
}
