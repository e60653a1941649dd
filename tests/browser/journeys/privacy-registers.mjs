// The privacy officer, as `tietosuojavastaava`: the register of processing activities
// (seloste käsittelytoimista) with its completeness check; an entry created (first refused for
// a bad identifier, the input kept) and edited, its history of versions shown; a processor
// agreement created and edited; the training and control page (coverage per department, controls
// of the year) and a restore test recorded (first refused: deviations without findings); the
// contract register (sopimusrekisteri) and the early-childhood system's contract with its notice
// day and its processor agreement.

export const user = 'tietosuojavastaava';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/registers"]').click();
    await ctx.check('registers and agreements');

    // A new entry: a bad identifier is refused beside its field, with the input kept.
    await page.locator('main a[href="/ui/registers/new"]').click();
    await ctx.check('new register entry');
    const form = page.locator('form#register');
    const name = ctx.unique('Kuntalaispalaute');
    await form.locator('input[name="id"]').fill('Ei Kelpaa');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="department"]').fill('keskushallinto');
    await form.locator('input[name="controller"]').fill('Laitilan kaupunki');
    await form.locator('input[name="dpo_contact"]').fill('tietosuojavastaava@laitila.fi');
    await form.locator('textarea[name="purposes"]').fill('palautteen käsittely');
    await form.locator('textarea[name="data_categories"]').fill('yhteystiedot\npalautteen sisältö');
    await form.locator('input[name="privacy_notice"]').fill('https://www.laitila.fi/tietosuoja/palaute');
    await form.locator('input[name="privacy_notice_published"]').fill(ctx.today);
    await form.locator('button').click();
    await ctx.expectText('.error-summary', ctx.texts.checkTheForm);
    await ctx.check('register entry refused');
    const id = `palaute-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
    const kept = page.locator('form#register');
    await kept.locator('input[name="id"]').fill(id);
    await Promise.all([page.waitForURL(/done=register-created/), kept.locator('button').click()]);
    await ctx.expectText('[role="status"]', name);
    await ctx.check('register entry created');

    // Edit it: the security measures it lacked.
    await page.locator(`main a[href="/ui/registers/${id}"]`).click();
    const edit = page.locator('form#register');
    await edit.locator('textarea[name="security_measures"]').fill('käyttöoikeudet roolin mukaan, lokitus');
    await edit.locator('textarea[name="subject_categories"]').fill('kuntalaiset');
    await Promise.all([page.waitForURL(/done=register-updated/), edit.locator('button').click()]);
    await ctx.expectText('[role="status"]', name);
    await ctx.check('register entry edited');

    // Its history: the creation and the edit, newest first, with what changed in words.
    await page.locator(`main a[href="/ui/registers/${id}"]`).click();
    await ctx.expectText('#versions h2', ctx.texts.versionsHeading);
    await ctx.expectText('#versions tbody tr:first-child', ctx.texts.securityMeasures);
    await ctx.check('register entry history');
    await page.locator('header a[href="/ui/registers"]').click();

    // A processor agreement for it, then one more Art 28(3) item ticked.
    await page.locator('main a[href="/ui/processors/new"]').click();
    const agreement = page.locator('form#agreement');
    const processor = ctx.unique('Palautepalvelu Oy');
    const agreementId = `sop-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
    await agreement.locator('input[name="id"]').fill(agreementId);
    await agreement.locator('input[name="processor"]').fill(processor);
    await agreement.locator('input[name="starts_on"]').fill(ctx.today);
    await agreement.locator(`input[name="registers"][value="${id}"]`).check();
    await agreement.locator('input[name="covers"][value="security"]').check();
    await ctx.check('new processor agreement');
    await Promise.all([page.waitForURL(/done=agreement-created/), agreement.locator('button').click()]);
    await ctx.expectText('[role="status"]', processor);
    await page.locator(`main a[href="/ui/processors/${agreementId}"]`).click();
    const editAgreement = page.locator('form#agreement');
    await editAgreement.locator('input[name="covers"][value="audits"]').check();
    await Promise.all([page.waitForURL(/done=agreement-updated/), editAgreement.locator('button').click()]);
    await ctx.expectText('[role="status"]', processor);
    await ctx.check('processor agreement edited');

    // Training and controls: coverage per department, then a restore test with deviations,
    // first refused without its findings (the input kept), then recorded.
    await page.locator('header a[href="/ui/governance"]').click();
    await page.locator('table#coverage-table').waitFor();
    await ctx.check('training coverage and controls');
    const control = page.locator('form#control');
    await control.locator('select[name="kind"]').selectOption('restore-test');
    await control.locator('input[name="system"]').fill(ctx.unique('Asianhallinta'));
    await control.locator('input[name="performed_on"]').fill(ctx.today);
    await control.locator('input[name="performed_by"]').fill('Tietohallinto');
    await control.locator('select[name="result"]').selectOption('deviations');
    await control.locator('button').click();
    await ctx.expectText('.error-summary', ctx.texts.checkTheForm);
    await ctx.check('control refused without findings');
    const again = page.locator('form#control');
    await again.locator('textarea[name="findings"]').fill('Palautus kesti 9 tuntia, tavoite 4.');
    await Promise.all([page.waitForURL(/done=control/), again.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.controlRecorded);
    await ctx.expectText('table#controls-list', ctx.texts.restoreTest);
    await ctx.check('control recorded');

    // The contract register: the list with the next notice days, then one contract's page.
    await page.locator('header a[href="/ui/contracts"]').click();
    await ctx.expectText('main h1', ctx.texts.contractRegister);
    await ctx.expectText('main table', ctx.texts.lastNoticeDay);
    await ctx.check('contract register');
    await page.locator('main a[href="/ui/contracts/vaka-jarjestelma"]').click();
    await page.locator('#notice-day').waitFor();
    await ctx.check('contract with its notice day');
}
