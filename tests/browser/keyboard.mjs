// Keyboard only: `node keyboard.mjs BASE`, in every language of KIRJURI_BROWSER_LANGS at every
// width. No clicks and no `fill`: only Tab, typing, arrow keys and Enter through `page.keyboard`.
//
// - Sign in with the keyboard.
// - On each page: the first Tab reaches the skip link (WCAG 2.4.1), which is then on screen;
//   Enter on it moves on past the header; each of the first FOCUS_STOPS Tab stops has a visible
//   focus indicator (a computed outline or box-shadow; WCAG 2.4.7) and is on screen.
// - Send the public request form, open a case, register a request and register a document on a
//   case, each by keyboard only; as the privacy officer, register a personal-data breach and
//   see its 72-hour clock. For the document: the form's record type, direction, title and file
//   (the day and the sender left empty)
//   (the file input is reached by Tab and given its file with `setInputFiles` on the focused
//   element, the accepted way: a file chooser is the operating system's), sent with Enter on the
//   button; the page then says the document was registered.
// - Other users' tasks, each signed in by keyboard in a browser context of its own
//   (`OTHER_TASKS`): the admin adds a user; the archivist starts an export and places and lifts
//   a legal hold; the privacy officer registers a breach and sees its clock.

import path from 'node:path';
import {
    LANGS, REPO_ROOT, Run, WIDTHS, baseFromArgs, demoPassword, launch, newPage, setLang, texts,
} from './harness.mjs';

const base = baseFromArgs();
const USER = 'kirjaaja';
/** The archivist of the keyboard tasks. */
const ARCHIVIST = 'arkistonhoitaja';
const CASE = '/ui/cases/case-1';
const PUBLIC_PAGES = ['/login', '/accessibility', '/asiointi'];
const SIGNED_IN_PAGES = ['/', '/ui/search', '/ui/cases', '/ui/requests', CASE];
/** How many Tab stops of each page are looked at. */
const FOCUS_STOPS = 15;
/** How many Tabs a script presses at most to reach one form field. */
const MAX_TABS = 80;
const FILE = path.join(REPO_ROOT, 'fixtures', 'demo', 'files', 'tarkastuspyynto-virtanen.txt');

/** What the focused element is, and whether focus on it can be seen. */
async function focused(page) {
    return page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body || element === document.documentElement) return null;
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow && style.boxShadow !== 'none';
        const name = element.getAttribute('name');
        return {
            describe: element.tagName.toLowerCase() +
                (name ? `[name=${name}]` : '') +
                (element.getAttribute('href') ? `[href=${element.getAttribute('href')}]` : '') +
                (element.type && element.tagName === 'INPUT' ? `[type=${element.type}]` : '') +
                ` "${(element.innerText || element.value || '').trim().slice(0, 30)}"`,
            tag: element.tagName.toLowerCase(),
            name,
            href: element.getAttribute('href'),
            text: (element.innerText || '').trim(),
            indicator: outline || shadow,
            style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
            onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
                box.top < window.innerHeight && box.left < window.innerWidth,
            inHeader: Boolean(element.closest('header')),
            form: element.form ? element.form.getAttribute('action') : null,
            value: element.value,
        };
    });
}

/** Presses Tab until `wanted(focused)` holds; fails after MAX_TABS. */
async function tabTo(page, what, wanted) {
    for (let presses = 0; presses < MAX_TABS; presses += 1) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        if (now && wanted(now)) return now;
    }
    throw new Error(`${MAX_TABS} Tabs did not reach ${what}`);
}

/** The next Tab must land on `what`. */
async function nextTab(page, what, wanted) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now || !wanted(now)) throw new Error(`Tab after the previous field reached ${now ? now.describe : 'nothing'}, not ${what}`);
    return now;
}

async function signInByKeyboard(page, name) {
    await page.goto(`${base}/login`);
    await tabTo(page, 'the user name field', (f) => f.name === 'name');
    await page.keyboard.type(name);
    await nextTab(page, 'the password field', (f) => f.name === 'password');
    await page.keyboard.type(demoPassword(name));
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    if (new URL(page.url()).pathname === '/login') throw new Error(`keyboard sign-in of ${name} failed`);
}

/** The skip link first, then FOCUS_STOPS stops that each show where focus is. */
async function checkTabStops(run, page, where, lang, shoot) {
    const skip = texts(lang).skipLink;
    await page.keyboard.press('Tab');
    const first = await focused(page);
    if (!first || first.href !== '#main' || first.text !== skip) {
        run.fail(where, `the first Tab reached ${first ? first.describe : 'nothing'}, not the skip link "${skip}"`);
    } else if (!first.onScreen) {
        run.fail(where, 'the focused skip link is not on screen');
    }
    const address = new URL(page.url()).pathname;
    await shoot(page, `${address === '/' ? 'front-page' : address} skip link`);
    const seen = [];
    for (let stop = 1; stop <= FOCUS_STOPS; stop += 1) {
        const now = await focused(page);
        if (!now) break; // past the last stop: focus left the page
        if (stop > 1 && now.describe === seen[0]) break; // wrapped around to the first stop
        seen.push(now.describe);
        if (!now.indicator) run.fail(where, `Tab stop ${stop}, ${now.describe}: no visible focus indicator (${now.style})`);
        if (!now.onScreen) run.fail(where, `Tab stop ${stop}, ${now.describe}: focused but not on screen`);
        await page.keyboard.press('Tab');
    }
    // Enter on the skip link moves past the header: the next Tab is in the page's content.
    await page.reload();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const hash = await page.evaluate(() => window.location.hash);
    await page.keyboard.press('Tab');
    const after = await focused(page);
    if (hash !== '#main') run.fail(where, `Enter on the skip link did not go to #main (${hash || 'no fragment'})`);
    else if (after && after.inHeader) run.fail(where, `after the skip link, Tab went back to the header: ${after.describe}`);
}

async function registerByKeyboard(run, page, lang, check) {
    const title = `Näppäimistöllä kirjattu ${lang}-${page.viewportSize().width} ${Date.now().toString(36)}`;
    await page.goto(base + CASE);
    const inForm = (f) => f.form && f.form.endsWith('/documents');
    await tabTo(page, 'the record type of "Kirjaa asiakirjoja"', (f) => inForm(f) && f.name === 'record_type');
    const direction = await nextTab(page, 'the direction', (f) => inForm(f) && f.name === 'direction');
    await page.keyboard.press('ArrowDown');
    const changed = await focused(page);
    if (changed.value === direction.value) throw new Error('ArrowDown did not change the direction select');
    // The day (today when empty) and the sender stay empty.
    await nextTab(page, 'the day received', (f) => inForm(f) && f.name === 'date');
    await tabTo(page, 'the title field', (f) => inForm(f) && f.name === 'title');
    await page.keyboard.type(title);
    await nextTab(page, 'the file field', (f) => inForm(f) && f.name === 'file');
    await page.setInputFiles(':focus', FILE);
    await nextTab(page, 'the submit button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).documentRegistered);
    const table = await page.locator('main table').first().innerText();
    if (!table.includes(title)) throw new Error(`the registered document "${title}" is not in the case's table`);
    await check(page, 'registered by keyboard');
}

/** Fails unless the page's status message says `wanted`. */
async function expectStatus(page, wanted) {
    const status = (await page.locator('[role="status"]').allInnerTexts()).join(' ');
    if (!status.includes(wanted)) throw new Error(`the page does not say "${wanted}" (status: "${status}")`);
}

/** Opens a case from the register by keyboard: the class picker, a title, the parties. */
async function openCaseByKeyboard(run, page, lang, check) {
    await page.goto(`${base}/ui/cases`);
    await tabTo(page, 'the "open a new case" link', (f) => f.href === '/ui/cases/new');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const inForm = (f) => f.form === '/ui/cases/new' && f.name !== 'q';
    await tabTo(page, 'the class picker', (f) => inForm(f) && f.name === 'class');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await nextTab(page, 'the title field', (f) => inForm(f) && f.name === 'title');
    await page.keyboard.type(`Näppäimistöllä avattu ${lang}-${page.viewportSize().width}`);
    await nextTab(page, 'the public title', (f) => inForm(f) && f.name === 'public_title');
    await nextTab(page, 'the parties', (f) => inForm(f) && f.name === 'parties');
    await page.keyboard.type('Kuljetus Oy');
    await tabTo(page, 'the submit button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).caseOpened);
    await check(page, 'case opened by keyboard');
}

/** Registers an anonymous request for documents by keyboard; the page names its diary number. */
async function registerRequestByKeyboard(run, page, lang, check) {
    await page.goto(`${base}/ui/requests`);
    const inForm = (f) => f.form === '/ui/requests';
    const kind = await tabTo(page, 'the kind of request', (f) => inForm(f) && f.name === 'kind');
    // Home, then down to the Publicity Act request (its place in the list is the catalogue's).
    for (let presses = 0; presses < 12; presses += 1) {
        const now = await focused(page);
        if (now.value === 'publicity') break;
        await page.keyboard.press('ArrowDown');
    }
    if ((await focused(page)).value !== 'publicity') throw new Error(`no Publicity Act request below ${kind.value}`);
    await nextTab(page, 'the day received', (f) => inForm(f) && f.name === 'received');
    await tabTo(page, 'the anonymous box', (f) => inForm(f) && f.name === 'anonymous');
    await page.keyboard.press('Space');
    await tabTo(page, 'the submit button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).requestRegistered);
    await check(page, 'request registered by keyboard');
}

/** The public form by keyboard, without a session: a request for documents, anonymously. */
async function publicFormByKeyboard(run, page, lang, check) {
    await page.goto(`${base}/asiointi`);
    const inForm = (f) => f.form === '/asiointi';
    await tabTo(page, 'the kind of request', (f) => inForm(f) && f.name === 'kind');
    await tabTo(page, 'the description', (f) => inForm(f) && f.name === 'description');
    await page.keyboard.type('Valtuuston pöytäkirja 27.10.2026');
    await tabTo(page, 'the anonymous box', (f) => inForm(f) && f.name === 'anonymous');
    await page.keyboard.press('Space');
    await tabTo(page, 'the send button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).publicReceived);
    await check(page, 'public request by keyboard');
}

/** The admin adds a staff user of the first department by keyboard (a password Kirjuri makes). */
async function addUserByKeyboard(run, page, lang, check) {
    await page.goto(`${base}/ui/admin`);
    const inForm = (f) => f.form === '/ui/admin/users';
    await tabTo(page, 'the user name', (f) => inForm(f) && f.name === 'name');
    await page.keyboard.type(`nappaimisto.${lang}.${page.viewportSize().width}.${Date.now().toString(36)}`);
    await nextTab(page, 'the role', (f) => inForm(f) && f.name === 'role');
    await nextTab(page, 'the first department', (f) => inForm(f) && f.name === 'department');
    await page.keyboard.press('Space');
    await tabTo(page, 'the add button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).userAdded);
    await check(page, 'user added by keyboard');
}

/**
 * The archivist starts an export of the permanently kept records by keyboard: the box, the
 * start button, then the job's page with its progress.
 */
async function exportByKeyboard(run, page, lang, check) {
    await page.goto(`${base}/ui/archive`);
    const inForm = (f) => f.form === '/ui/archive/exports';
    await tabTo(page, 'the permanent-records box', (f) => inForm(f) && f.name === 'permanent');
    await page.keyboard.press('Space');
    await tabTo(page, 'the start button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).exportStarted);
    await check(page, 'export started by keyboard');
}

/**
 * The archivist places a legal hold on a due record and lifts it again by keyboard only (the
 * retention page's hold form, then the lift form beside the hold in the dues table).
 */
async function holdByKeyboard(run, page, lang, check) {
    await page.goto(`${base}/ui/retention`);
    const inForm = (f) => f.form === '/ui/retention/holds';
    await tabTo(page, 'the record of "Aseta säilytysesto"', (f) => inForm(f) && f.name === 'document');
    await page.keyboard.press('ArrowDown');
    if (!(await focused(page)).value) throw new Error('ArrowDown did not choose a due record');
    await nextTab(page, 'what is held', (f) => inForm(f) && f.name === 'target');
    await nextTab(page, 'the reason', (f) => inForm(f) && f.name === 'reason');
    await page.keyboard.type('Näppäimistöllä asetettu esto');
    await nextTab(page, 'the place button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).holdPlaced);
    await check(page, 'hold placed by keyboard');
    const inLift = (f) => f.form === '/ui/retention/holds/lift';
    await tabTo(page, 'the reason for lifting', (f) => inLift(f) && f.name === 'reason');
    await page.keyboard.type('Näppäimistöllä poistettu esto');
    await nextTab(page, 'the lift button', (f) => inLift(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).holdLifted);
    await check(page, 'hold lifted by keyboard');
}

/**
 * The privacy officer registers a personal-data breach by keyboard only: the title typed, the
 * moment of awareness left as now, the breach box ticked with Space, sent with Enter; the
 * incident page then says it was registered and shows the 72-hour clock.
 */
async function registerBreachByKeyboard(run, page, lang, check) {
    const width = page.viewportSize().width;
    await page.goto(`${base}/ui/incidents`);
    const inForm = (f) => f.form === '/ui/incidents';
    await tabTo(page, 'the incident title', (f) => inForm(f) && f.name === 'title');
    await page.keyboard.type(`Näppäimistöllä kirjattu loukkaus ${lang}-${width} ${Date.now().toString(36)}`);
    await tabTo(page, 'the breach box', (f) => inForm(f) && f.name === 'breach');
    await page.keyboard.press('Space');
    await tabTo(page, 'the register button', (f) => inForm(f) && f.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectStatus(page, texts(lang).incidentRegistered);
    const clock = await page.locator('section.clock').innerText();
    if (!clock.includes(texts(lang).timeLeft)) throw new Error(`no time left on the clock: "${clock}"`);
    await check(page, 'breach registered by keyboard');
}

/** Tasks of other users than the registry office, each signed in by keyboard in its own context. */
const OTHER_TASKS = [
    { user: 'admin', what: 'add a user', task: addUserByKeyboard },
    { user: ARCHIVIST, what: 'export by keyboard', task: exportByKeyboard },
    { user: ARCHIVIST, what: 'legal hold by keyboard', task: holdByKeyboard },
    { user: 'tietosuojavastaava', what: 'register a breach', task: registerBreachByKeyboard },
];

const run = new Run('keyboard');
const browser = await launch();
try {
    for (const lang of LANGS) {
        for (const width of WIDTHS) {
            const journey = 'keyboard';
            const page = await newPage(browser, width);
            const shoot = run.checker({ journey, lang, width, user: USER, screenshotOnly: true });
            const check = run.checker({ journey: 'keyboard-register', lang, width, user: USER });
            const where = (what) => `keyboard ${lang} ${width}px ${what}`;
            if (!(await run.attempt(where('language'), () => setLang(page, base, lang), page))) {
                await page.context().close();
                continue;
            }
            for (const address of PUBLIC_PAGES) {
                await run.attempt(where(address), async () => {
                    await page.goto(base + address);
                    await checkTabStops(run, page, where(address), lang, shoot);
                }, page);
            }
            await run.attempt(where('public request form'), () => publicFormByKeyboard(run, page, lang, check), page);
            if (await run.attempt(where('sign-in'), () => signInByKeyboard(page, USER), page)) {
                for (const address of SIGNED_IN_PAGES) {
                    await run.attempt(where(address), async () => {
                        await page.goto(base + address);
                        await checkTabStops(run, page, where(address), lang, shoot);
                    }, page);
                }
                await run.attempt(where('register a document'), () => registerByKeyboard(run, page, lang, check), page);
                await run.attempt(where('open a case'), () => openCaseByKeyboard(run, page, lang, check), page);
                await run.attempt(where('register a request'), () => registerRequestByKeyboard(run, page, lang, check), page);
            }
            await page.context().close();
            for (const { user, what, task } of OTHER_TASKS) {
                const other = await newPage(browser, width);
                const checkOther = run.checker({ journey: `keyboard-${user}`, lang, width, user });
                if (await run.attempt(where(`${user} language`), () => setLang(other, base, lang), other)
                    && await run.attempt(where(`${user} sign-in`), () => signInByKeyboard(other, user), other)) {
                    await run.attempt(where(what), () => task(run, other, lang, checkOther), other);
                }
                await other.context().close();
            }
        }
    }
} finally {
    await browser.close();
}
process.exitCode = run.finish(`keyboard: languages ${LANGS.join(', ')}; widths ${WIDTHS.join(', ')} px`);
