// The page sweep: `node sweep.mjs BASE` signs in as each demo user, visits every page reachable
// from the header's navigation and the pages linked from those (one level deep, at most
// PAGES_PER_USER per user), plus the public pages without a session, and runs `check` on each in
// every language of KIRJURI_BROWSER_LANGS at every width. It prints a table of what it found
// and every failure, and exits 1 on any.
//
// Users come from KIRJURI_BROWSER_USERS (`name:password` pairs separated by commas, as the Rust
// test passes what `serve --demo` printed) or are the demo users with their demo passwords.

import {
    DEMO_USERS, LANGS, Run, WIDTHS, WORKERS, baseFromArgs, demoPassword, inParallel, launch, newPage, setLang,
    signIn,
} from './harness.mjs';

const base = baseFromArgs();

/** At most this many pages per user (per language and width)... */
const PAGES_PER_USER = 25;
/** ...and this many of one kind (`/ui/cases/case-N`): the demo has some twenty cases. */
const PAGES_PER_SHAPE = 3;

/** Pages without a session; one that answers 404 does not exist yet and is skipped. */
const PUBLIC_PAGES = ['/login', '/accessibility', '/asiointi'];

/** Pages a link does not reach, visited too: a search with hits. */
const EXTRA_PAGES = ['/ui/search?q=sopimus'];

/** Addresses never followed: signing out, the language switch, the API, downloads. */
const SKIPPED = [/^\/logout/, /^\/lang\//, /^\/api\//];

function users() {
    const given = process.env.KIRJURI_BROWSER_USERS;
    if (!given) return DEMO_USERS.map((name) => ({ name, password: demoPassword(name) }));
    return given.split(',').map((pair) => {
        const at = pair.indexOf(':');
        return { name: pair.slice(0, at).trim(), password: pair.slice(at + 1).trim() };
    });
}

/** The same-origin page links of the page shown (the front page and /ui/), in page order. */
async function pageLinks(page, scope) {
    const hrefs = await page.$$eval(`${scope} a[href]`, (links) =>
        links.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
    const origin = new URL(base).origin;
    const found = [];
    for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        const address = url.pathname + url.search;
        if (SKIPPED.some((pattern) => pattern.test(url.pathname))) continue;
        if (url.pathname !== '/' && !url.pathname.startsWith('/ui/')) continue;
        if (!found.includes(address)) found.push(address);
    }
    return found;
}

/**
 * Whether an address is a page: a download (an answer that is not HTML, or a redirect to the
 * API's content) is not. A link to an address that fails is a failure of the page linking to it.
 */
async function probe(page, address) {
    const response = await page.request.get(base + address, { maxRedirects: 0 });
    const status = response.status();
    if (status >= 300 && status < 400) {
        const location = new URL(response.headers().location || '/', base);
        return location.pathname.startsWith('/api/') ? 'download' : 'page';
    }
    if (status >= 400) return `answers ${status}`;
    const type = response.headers()['content-type'] || '';
    const disposition = response.headers()['content-disposition'] || '';
    return type.startsWith('text/html') && !disposition.startsWith('attachment') ? 'page' : 'download';
}

/**
 * The kind of page an address shows: its path with the ids' numbers taken out, and the names of
 * its query's fields (`/ui/cases/case-N`, `/ui/search?class&q`).
 */
function shape(address) {
    const url = new URL(address, base);
    const keys = [...new Set(url.searchParams.keys())].sort();
    return url.pathname.replace(/\d+/g, 'N') + (keys.length ? `?${keys.join('&')}` : '');
}

/** A list from both ends in turn (first, last, second, second last ...): a list's oldest and newest. */
function endsFirst(list) {
    const out = [];
    for (let low = 0, high = list.length - 1; low <= high; low += 1, high -= 1) {
        out.push(list[low]);
        if (high !== low) out.push(list[high]);
    }
    return out;
}

/**
 * The pages a signed-in user reaches: the navigation's, then the pages they link to, taken in
 * turn from each (the first link of every page, then its last, then its second ...), at most
 * PAGES_PER_SHAPE of one kind of page and PAGES_PER_USER in all: every kind of page before many of
 * one kind, and both ends of a list (the newest case and the oldest).
 */
async function crawl(run, page, journey) {
    await page.goto(`${base}/`);
    const pages = [];
    const shapes = new Map();
    const add = (address) => {
        const kind = shape(address);
        if (pages.includes(address) || pages.length >= PAGES_PER_USER) return;
        if ((shapes.get(kind) || 0) >= PAGES_PER_SHAPE) return;
        shapes.set(kind, (shapes.get(kind) || 0) + 1);
        pages.push(address);
    };
    for (const address of await pageLinks(page, 'header')) add(address);
    for (const address of EXTRA_PAGES) add(address);
    const linked = [];
    for (const from of [...pages]) {
        await page.goto(base + from);
        const links = (await pageLinks(page, 'body')).filter((address) => !pages.includes(address));
        linked.push(endsFirst(links).map((address) => ({ from, address })));
    }
    const probed = new Set();
    for (let turn = 0; linked.some((links) => turn < links.length); turn += 1) {
        for (const links of linked) {
            if (turn >= links.length) continue;
            const { from, address } = links[turn];
            if (pages.includes(address) || probed.has(address) || pages.length >= PAGES_PER_USER) continue;
            if ((shapes.get(shape(address)) || 0) >= PAGES_PER_SHAPE) continue;
            probed.add(address);
            const kind = await probe(page, address);
            if (kind === 'page') add(address);
            else if (kind !== 'download') run.fail(`${journey} ${from}`, `the link to ${address} ${kind}`);
        }
    }
    return pages;
}

/** Visits each address in one language at each width and checks it. */
async function checkPages(run, page, journey, lang, addresses, user) {
    if (!(await run.attempt(`${journey} ${lang}`, () => setLang(page, base, lang), page))) return;
    const checks = new Map(WIDTHS.map((width) => [width, run.checker({ journey, lang, width, user })]));
    for (const address of addresses) {
        await run.attempt(`${journey} ${lang} ${address}`, async () => {
            await page.setViewportSize({ width: WIDTHS[0], height: 800 });
            const response = await page.goto(base + address);
            if (!response || !response.ok()) {
                throw new Error(`${address} answered ${response ? response.status() : 'nothing'}`);
            }
            for (const width of WIDTHS) {
                await page.setViewportSize({ width, height: 800 });
                await checks.get(width)(page, address === '/' ? 'front-page' : address);
            }
        }, page);
    }
}

const run = new Run('sweep');
const browser = await launch();
const journeys = []; // { journey, user, password, addresses }
try {
    // The public pages, without a session; a page that answers 404 is not there yet.
    const publicPages = [];
    const probe = await newPage(browser);
    for (const address of PUBLIC_PAGES) {
        const response = await probe.request.get(base + address, { maxRedirects: 0 });
        if (response.status() === 404) console.log(`note: ${address} answers 404 (not there yet): skipped`);
        else publicPages.push(address);
    }
    await probe.context().close();
    journeys.push({ journey: 'sweep-public', user: null, addresses: publicPages });
    // What each user reaches.
    await inParallel(users(), WORKERS, async ({ name, password }) => {
        const journey = `sweep-${name}`;
        const page = await newPage(browser);
        const found = { journey, user: name, password, addresses: [] };
        journeys.push(found);
        await run.attempt(journey, async () => {
            await signIn(page, base, name, password);
            found.addresses = await crawl(run, page, journey);
        }, page);
        await page.context().close();
    });
    // Each user's pages in each language, in a context of its own.
    const tasks = journeys.flatMap((found) => LANGS.map((lang) => ({ ...found, lang })));
    await inParallel(tasks, WORKERS, async ({ journey, user, password, addresses, lang }) => {
        if (addresses.length === 0) return;
        const page = await newPage(browser);
        const ready = !user || (await run.attempt(`${journey} ${lang}`, () => signIn(page, base, user, password), page));
        if (ready) await checkPages(run, page, journey, lang, addresses, user);
        await page.context().close();
    });
} finally {
    await browser.close();
}

const order = ['sweep-public', ...users().map(({ name }) => `sweep-${name}`)];
journeys.sort((a, b) => order.indexOf(a.journey) - order.indexOf(b.journey));
const failuresOf = (journey) => run.failures.filter(({ where }) => where === journey || where.startsWith(`${journey} `)).length;
const checksPerPage = LANGS.length * WIDTHS.length;
const lines = [
    `languages ${LANGS.join(', ')}; widths ${WIDTHS.join(', ')} px; ${WORKERS} at once`,
    `${'journey'.padEnd(28)} ${'pages'.padStart(5)} ${'checks'.padStart(6)} ${'failures'.padStart(8)}`,
    ...journeys.map((row) =>
        `${row.journey.padEnd(28)} ${String(row.addresses.length).padStart(5)} ` +
        `${String(row.addresses.length * checksPerPage).padStart(6)} ${String(failuresOf(row.journey)).padStart(8)}`),
];
process.exitCode = run.finish(lines.join('\n'));
