// The privacy officer (tietosuojavastaava), as `tietosuojavastaava`: a personal-data breach
// registered from the incident list, its 72-hour clock (due moment and time left in words),
// the risk assessment, a notification to the Data Protection Ombudsman recorded with its day
// and reference, the notification draft, and the incident moved on.
//
// Links are found by their address and form fields by their `name`; words on the page only
// through `ctx.texts`.

export const user = 'tietosuojavastaava';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/incidents"]').click();
    await ctx.check('incidents');

    // Register a breach that came to light an hour ago.
    const register = page.locator('form[action="/ui/incidents"]');
    const title = ctx.unique('Kirje väärälle vastaanottajalle');
    await register.locator('input[name="title"]').fill(title);
    const hourAgo = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', hour12: false,
    }).format(new Date(Date.now() - 3600 * 1000)).replace(' ', 'T');
    await register.locator('input[name="aware_at"]').fill(hourAgo);
    await register.locator('select[name="severity"]').selectOption('high');
    await register.locator('input[name="breach"]').check();
    await Promise.all([page.waitForURL(/done=registered/), register.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.incidentRegistered);
    // The clock: its heading, the due moment and the time left in words.
    await ctx.expectText('section.clock', ctx.texts.timeLeft);
    await ctx.check('breach registered with its clock');
    // The moment the 72 hours run from (awareness that personal data were affected) is shown
    // with the due moment, and the form to correct it with a reason is there.
    await ctx.expectText('section.clock', ctx.texts.clockRunsFrom);
    if (await page.locator('form[action$="/breach-awareness"] input[name="reason"]').count() !== 1) {
        throw new Error('no form to correct the moment of awareness');
    }
    await ctx.check('breach awareness moment and due time');

    // A risk assessment with a count in words comes back with the error beside the field.
    const assess = page.locator('form[action$="/assessment"]');
    await assess.locator('select[name="risk"]').selectOption('high');
    await assess.locator('textarea[name="rationale"]').fill('Terveystietoja ja henkilötunnuksia');
    await assess.locator('input[name="people"]').fill('kaksitoista');
    await assess.locator('button').click();
    await ctx.expectText('.error-summary', ctx.texts.checkTheForm);
    await ctx.check('assessment refused');
    const again = page.locator('form[action$="/assessment"]');
    await again.locator('select[name="risk"]').selectOption('high');
    await again.locator('input[name="people"]').fill('12');
    await again.locator('input[name="types"][value="confidentiality"]').check();
    await again.locator('textarea[name="data_categories"]').fill('terveystiedot');
    await Promise.all([page.waitForURL(/done=assessed/), again.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.assessmentSaved);
    await ctx.check('breach assessed');

    // The preliminary notice to the Ombudsman, with its reference.
    const notify = page.locator('form[action$="/notifications"]');
    await notify.locator('select[name="phase"]').selectOption('preliminary');
    await notify.locator('input[name="reference"]').fill(ctx.unique('TSV/2026'));
    await Promise.all([page.waitForURL(/done=notified/), notify.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.notificationRecorded);
    await ctx.expectText('main', 'TSV/2026');
    // The draft: shown on the page, downloadable.
    await page.locator('main details summary').click();
    await ctx.expectText('main details pre', title);
    await ctx.check('notified, draft shown');
    const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('main a[href$="/draft.md"]').click(),
    ]);
    if (!download.suggestedFilename().endsWith('.md')) throw new Error(`draft file ${download.suggestedFilename()}`);

    // The incident moves on.
    const move = page.locator('form[action$="/transition"]');
    await move.locator('select[name="state"]').selectOption('containment');
    await Promise.all([page.waitForURL(/done=moved/), move.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.incidentMoved);
    await ctx.check('incident moved');

    // Classified for the annual report: a letter to the wrong recipient, a human error.
    const classify = page.locator('form#classification');
    await classify.locator('select[name="category"]').selectOption('misdelivery');
    await classify.locator('select[name="cause"]').selectOption('human-error');
    await Promise.all([page.waitForURL(/done=classified/), classify.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.classificationSaved);
    await ctx.expectText('main dl.facts', ctx.texts.misdelivery);
    await ctx.check('incident classified');
}
