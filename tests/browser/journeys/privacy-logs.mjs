// The privacy officer, as `tietosuojavastaava`: a log investigation request (lokitietojen
// tarkastus) registered, the investigation run from the request's page for the data subject,
// and its stored report opened.

export const user = 'tietosuojavastaava';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/requests"]').click();
    const request = page.locator('form[action="/ui/requests"]');
    await request.locator('select[name="kind"]').selectOption('log-investigation');
    await request.locator('input[name="received"]').fill(ctx.today);
    await request.locator('input[name="requester"]').fill(ctx.unique('Maija Meikäläinen'));
    await Promise.all([page.waitForURL(/done=registered/), request.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.requestRegistered);
    await ctx.check('log investigation request');
    const form = page.locator('form#log-investigation');
    await form.locator('input[name="from"]').fill(`${ctx.today.slice(0, 4)}-01-01`);
    await Promise.all([page.waitForURL(/done=log-report\./), form.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.logInvestigationDone);
    await ctx.check('log investigation done');
    await page.locator('main a[href^="/ui/documents/"]').click();
    await ctx.check('log report opened');
}
