// The registry office (kirjaamo), as `kirjaaja`: the case list, a case, registering a document
// with its file, the requests page and registering an information request.
//
// Links are found by their address and form fields by their `name`, which stay the same in
// every language; words on the page are only looked for through `ctx.texts`.

export const user = 'kirjaaja';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await ctx.check('front page');

    // The case list, and a case.
    await page.locator('header a[href="/ui/cases"]').click();
    await ctx.check('cases');
    await page.locator('main a[href="/ui/cases/case-1"]').click();
    await ctx.check('case');

    // Register a document with a file on the case.
    const title = ctx.unique('Lisäselvitys');
    const form = page.locator('form[action$="/documents"]');
    await form.locator('select[name="record_type"]').selectOption({ index: 0 });
    await form.locator('input[name="title"]').fill(title);
    await form.locator('select[name="direction"]').selectOption('incoming');
    await form.locator('input[name="file"]').setInputFiles(ctx.file('tarkastuspyynto-virtanen.txt'));
    await form.locator('button').click();
    await page.waitForURL(/registered=/);
    await ctx.expectText('[role="status"]', ctx.texts.documentRegistered);
    await ctx.expectText('main table', title);
    await ctx.check('document registered');

    // The requests page: register a request and find it in the table.
    await page.locator('header a[href="/ui/requests"]').click();
    await ctx.check('requests');
    const before = await diaryNumbers(page);
    const requests = page.locator('form[action="/ui/requests"]');
    await requests.locator('select[name="kind"]').selectOption('gdpr-access');
    await requests.locator('input[name="received"]').fill(ctx.today);
    await requests.locator('input[name="requester"]').fill(ctx.unique('Maija Meikäläinen'));
    await requests.locator('button').click();
    await page.waitForLoadState('load');
    const added = (await diaryNumbers(page)).filter((number) => !before.includes(number));
    if (added.length !== 1) {
        throw new Error(`after registering a request the table has ${added.length} new rows, not 1`);
    }
    await ctx.check('request registered');
}

/** The diary numbers in the page's request table. */
async function diaryNumbers(page) {
    return page.locator('main table a[href^="/ui/cases/"]').allInnerTexts();
}
