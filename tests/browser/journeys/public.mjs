// The public (no sign-in): the request form on the city's side of the service. A GDPR request
// sent anonymously comes back with the problems on the form and what was written kept; with a
// name and contact details it is registered and answered with a receipt naming its diary number
// and the day the answer is due. An anonymous request for documents is registered too.

export const user = null;

export async function run(ctx) {
    const { page } = ctx;
    await page.goto(`${ctx.base}/asiointi`);
    await ctx.check('request form');
    const form = page.locator('form[action="/asiointi"]');
    const description = ctx.unique('Kaikki minusta tallennetut tiedot');
    await form.locator('input[name="kind"][value="gdpr-access"]').check();
    await form.locator('textarea[name="description"]').fill(description);
    await form.locator('input[name="anonymous"]').check();
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"], button').last().click()]);
    await ctx.expectText('.error-summary', ctx.texts.checkTheForm);
    const kept = await page.locator('textarea[name="description"]').inputValue();
    if (kept !== description) throw new Error(`the description was not kept: "${kept}"`);
    await ctx.check('refused on the form');

    await page.locator('input[name="anonymous"]').uncheck();
    await page.locator('input[name="name"]').fill('Maija Meikäläinen');
    await page.locator('input[name="contact"]').fill('maija.meikalainen@example.fi');
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action="/asiointi"] button').last().click()]);
    await ctx.expectText('[role="status"]', ctx.texts.publicReceived);
    await ctx.expectText('main', 'LAI/');
    await ctx.check('receipt');

    await page.locator('main a[href="/asiointi"]').click();
    const again = page.locator('form[action="/asiointi"]');
    await again.locator('input[name="kind"][value="publicity"]').check();
    await again.locator('textarea[name="description"]').fill(ctx.unique('Valtuuston pöytäkirja 27.10.2026'));
    await again.locator('input[name="anonymous"]').check();
    await Promise.all([page.waitForLoadState('load'), again.locator('button').last().click()]);
    await ctx.expectText('[role="status"]', ctx.texts.publicReceived);
    await ctx.check('anonymous receipt');
}
