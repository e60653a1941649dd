// The auditor (tarkastaja), as `tarkastaja`: the audit trail filtered by action, and
// the chain's verification (the first slice of the web UI's part 2).

export const user = 'tarkastaja';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/audit"]').click();
    await ctx.expectText('main table', '');
    await ctx.check('audit trail');
    const filters = page.locator('form.filters');
    await filters.locator('input[name="action"]').fill('case.');
    await Promise.all([page.waitForURL(/action=case\./), filters.locator('button').click()]);
    await ctx.expectText('main', '');
    await ctx.check('audit filtered');
    await Promise.all([page.waitForURL(/verify=1/), page.locator('#verify button').click()]);
    await ctx.expectText('.notice[role="status"]', '');
    await ctx.check('chain verified');
}
