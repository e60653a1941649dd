// The admin (pääkäyttäjä), as `admin`: the users and departments; a user added with a
// department and a password Kirjuri makes (shown once); a refused name kept on the form; the
// user's role changed, an API token issued (shown once) and revoked, and the user disabled.

export const user = 'admin';

export async function run(ctx) {
    const { page } = ctx;
    await ctx.signIn(user);
    await page.locator('header a[href="/ui/admin"]').click();
    await ctx.expectText('main table', 'arkistonhoitaja');
    await ctx.check('users');

    // A name that is no user name comes back with the problem beside the field.
    const add = page.locator('form[action="/ui/admin/users"]');
    await add.locator('input[name="name"]').fill('x');
    await add.locator('button').click();
    await ctx.expectText('.error-summary', ctx.texts.checkTheForm);
    await ctx.check('user refused');

    // A staff user of the first department, with a password Kirjuri makes.
    const name = ctx.unique('testi').replace(/[^A-Za-z0-9]+/g, '.');
    await add.locator('input[name="name"]').fill(name);
    await add.locator('select[name="role"]').selectOption('staff');
    await add.locator('input[name="department"]').first().check();
    await add.locator('button').click();
    await ctx.expectText('[role="status"]', ctx.texts.userAdded);
    await page.locator('code.secret').first().waitFor();
    await ctx.check('user added');

    // The role changed; a token issued and revoked; the user disabled.
    const role = page.locator('form[action$="/role"]');
    await role.locator('select[name="role"]').selectOption('registrar');
    await Promise.all([page.waitForURL(/done=role/), role.locator('button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.roleChanged);
    await page.locator('form[action$="/tokens"] button').click();
    await page.locator('code.secret').first().waitFor();
    await ctx.check('token issued');
    await Promise.all([page.waitForURL(/done=revoked/), page.locator('form[action$="/tokens/revoke"] button').click()]);
    await Promise.all([page.waitForURL(/done=disabled/), page.locator('form[action$="/access"] button').click()]);
    await ctx.expectText('[role="status"]', ctx.texts.userDisabled);
    await ctx.check('user disabled');
}
