// The registry office (kirjaamo), as `kirjaaja`, from sign-in to each finished task: the case
// register with its filters; opening a case with the class picker and its search; registering
// incoming documents (two files at once) and an outgoing one; changing the case's state; the
// printable case card; registering an information request and seeing its diary number and both
// days at once; pausing and resuming its clock, moving it on and extending it with a reason; the
// work queue's views; the calendar page with the feed of the registrar's deadlines.
//
// Links are found by their address and form fields by their `name`, which stay the same in
// every language; words on the page are only looked for through `ctx.texts`.

export const user = 'kirjaaja';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await ctx.check('front page');

    // The case register, filtered by class and year.
    await page.locator('header a[href="/ui/cases"]').click();
    await ctx.check('case register');
    const filters = page.locator('form.filters');
    await filters.locator('input[name="class"]').fill('07');
    await filters.locator('select[name="year"]').selectOption({ index: 1 });
    await Promise.all([page.waitForURL(/class=07/), filters.locator('button').click()]);
    await ctx.expectText('main table', 'LAI/');
    await ctx.check('register filtered');

    // Open a case: narrow the class picker with a search, then fill in the case.
    await page.locator('main a[href="/ui/cases/new"]').click();
    await ctx.check('new case');
    const search = page.locator('form[action="/ui/cases/new"][method="get"]');
    await search.locator('input[name="q"]').fill('hankin');
    await Promise.all([page.waitForURL(/q=hankin/), search.locator('button').click()]);
    const form = page.locator('form[action="/ui/cases/new"][method="post"]');
    await form.locator('select[name="class"]').selectOption('02 07 01');
    const title = ctx.unique('Koulukuljetusten hankinta');
    await form.locator('input[name="title"]').fill(title);
    await form.locator('textarea[name="parties"]').fill('Kuljetus Oy\nTaksi Ab');
    await Promise.all([page.waitForURL(/opened=1/), form.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.caseOpened);
    await ctx.check('case opened');

    // Two incoming documents at once, then an outgoing one.
    const register = page.locator('form[action$="/documents"]');
    await register.locator('select[name="record_type"]').selectOption('tarjous');
    await register.locator('select[name="direction"]').selectOption('incoming');
    await register.locator('input[name="title"]').fill('Tarjous');
    await register.locator('input[name="file"]').setInputFiles([
        ctx.file('hankintasopimus-ruokapalvelut.md'),
        ctx.file('valtuusto-poytakirja-2026-10.txt'),
    ]);
    await Promise.all([page.waitForURL(/registered=doc-\d+(%2C|,)doc-\d+/), register.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.documentRegistered);
    await ctx.expectText('main table', 'Tarjous: hankintasopimus-ruokapalvelut');
    await ctx.check('two documents registered');
    await register.locator('select[name="record_type"]').selectOption('tarjouspyynto');
    await register.locator('select[name="direction"]').selectOption('outgoing');
    await register.locator('input[name="title"]').fill(ctx.unique('Tarjouspyyntö'));
    await register.locator('input[name="file"]').setInputFiles(ctx.file('hankintasopimus-ruokapalvelut.md'));
    await Promise.all([page.waitForURL(/registered=doc-\d+/), register.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.documentRegistered);

    // The case moves on; the card prints its facts, documents and history.
    const state = page.locator('form[action$="/state"]');
    await state.locator('select[name="state"]').selectOption('vireilla');
    await state.locator('input[name="reason"]').fill('Tarjoukset saapuneet');
    await Promise.all([page.waitForURL(/moved=1/), state.locator('button').click()]);
    await ctx.check('case moved');
    await page.locator('main a[href$="/card"]').click();
    await ctx.expectText('main', 'Tarjoukset saapuneet');
    await ctx.check('case card');

    // An information request: its diary number and both days at once.
    await page.locator('header a[href="/ui/requests"]').click();
    await ctx.check('work queue');
    const request = page.locator('form[action="/ui/requests"]');
    await request.locator('select[name="kind"]').selectOption('publicity');
    await request.locator('input[name="received"]').fill(ctx.today);
    await request.locator('input[name="anonymous"]').check();
    await request.locator('input[name="assignee"]').fill(user);
    await Promise.all([page.waitForURL(/\/ui\/requests\/req-\d+\?done=registered/), request.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.requestRegistered);
    await ctx.expectText('[role="status"]', 'LAI/');
    await ctx.check('request registered');

    // Pause and resume the clock, move the request on and extend it with a reason.
    const pause = page.locator('form[action$="/pause"]');
    await pause.locator('input[name="reason"]').fill('Odotetaan täsmennystä');
    await Promise.all([page.waitForURL(/done=paused/), pause.locator('button').click()]);
    await ctx.check('clock paused');
    await Promise.all([page.waitForURL(/done=resumed/), page.locator('form[action$="/resume"] button').click()]);
    await ctx.check('clock resumed');
    const transition = page.locator('form[action$="/transition"]');
    await transition.locator('select[name="state"]').selectOption('in-progress');
    await Promise.all([page.waitForURL(/done=moved/), transition.locator('button').click()]);
    await transition.locator('select[name="state"]').selectOption('extended');
    await transition.locator('input[name="reason"]').fill('Paljon asiakirjoja');
    await transition.locator('select[name="justification"]').selectOption('large-volume');
    // The same address as after the last move: wait for the page to load again.
    await Promise.all([page.waitForEvent('load'), transition.locator('button').click()]);
    await ctx.check('request extended');

    // The work queue's views: mine (the request is assigned to the registrar), then overdue.
    await page.goto(`${ctx.base}/ui/requests?queue=mine`);
    await ctx.expectText('main table', 'LAI/');
    await ctx.check('queue: mine');
    await page.locator('nav.tabs a[href$="queue=overdue"]').click();
    await ctx.check('queue: overdue');

    // The demo's document request that went to an appealable decision (Publicity Act §14(3)):
    // its decision target, decision day and appeal instructions (valitusosoitus, §33).
    await page.goto(`${ctx.base}/ui/requests/req-10`);
    await ctx.expectText('#appeal-heading', ctx.texts.appealInstructions);
    await ctx.check('decision with appeal instructions');

    // Its disclosure record (Publicity Act): the documents disclosed in full or in part with
    // the withheld parts and grounds in words, and the fee for copies (§34).
    await ctx.expectText('#disclosure-heading', ctx.texts.disclosureHeading);
    await page.locator('#disclosure').scrollIntoViewIfNeeded();
    await ctx.check('disclosure record');

    // The calendar page: the secret address of the feed of my deadlines for Outlook, shown
    // once after it is made.
    await page.locator('header a[href="/ui/calendar"]').click();
    await ctx.check('calendar page');
    await page.locator('form[action="/ui/calendar/feed"] button').click();
    await ctx.expectText('[role="status"]', ctx.texts.calendarUrlOnce);
    await ctx.check('calendar feed address shown once');
}
