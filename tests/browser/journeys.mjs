// The user journeys: `node journeys.mjs BASE [NAME ...]` runs every journey of journeys/ (or the
// named ones) in every language of KIRJURI_BROWSER_LANGS at every width, each in a fresh browser
// context on the server it is given. A journey is a file `journeys/NAME.mjs` that exports
// `async function run(ctx)`; `ctx` gives:
//
//   base, page, lang, width     the server, a fresh page (no session yet; the language chosen)
//   check(label)                checks the page shown and saves its screenshot (harness.mjs)
//   signIn(name)                signs in as a demo user
//   unique(text)                `text` made unique on this server (journeys run again and again)
//   file(name)                  a sample file of fixtures/demo/files/
//   today                       today in Helsinki, YYYY-MM-DD (for date fields)
//   texts                       the few page words a journey looks for, in this language
//   expectText(selector, text)  fails unless the elements matched show `text`
//
// A failing step ends that journey's run in that language and width; the others go on, and
// every failure is listed at the end.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LANGS, REPO_ROOT, Run, WIDTHS, baseFromArgs, launch, newPage, setLang, signIn, texts } from './harness.mjs';

const base = baseFromArgs();
const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'journeys');
const wanted = process.argv.slice(3);
const names = readdirSync(folder)
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => file.slice(0, -'.mjs'.length))
    .filter((name) => wanted.length === 0 || wanted.includes(name))
    .sort();
if (names.length === 0) {
    console.error(`no journeys ${wanted.length ? `named ${wanted.join(', ')} ` : ''}in ${folder}`);
    process.exit(2);
}

/** Unique on one server across runs: this run's start time and a counter. */
const runId = Date.now().toString(36);
let counter = 0;

function helsinkiToday() {
    // Swedish writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
}

const run = new Run('journeys');
const browser = await launch();
const table = [];
try {
    for (const name of names) {
        const journey = await import(pathToFileURL(path.join(folder, `${name}.mjs`)).href);
        for (const lang of LANGS) {
            for (const width of WIDTHS) {
                const where = `${name} ${lang} ${width}px`;
                const page = await newPage(browser, width);
                const before = run.failures.length;
                const ctx = {
                    base,
                    page,
                    lang,
                    width,
                    check: (() => {
                        const check = run.checker({ journey: name, lang, width, user: journey.user || null });
                        return (label) => check(page, label);
                    })(),
                    signIn: (user) => signIn(page, base, user),
                    unique: (text) => `${text} ${runId}-${(counter += 1)}`,
                    file: (file) => path.join(REPO_ROOT, 'fixtures', 'demo', 'files', file),
                    today: helsinkiToday(),
                    texts: texts(lang),
                    expectText: async (selector, text) => {
                        await page.locator(selector).first().waitFor();
                        const shown = (await page.locator(selector).allInnerTexts()).join('\n');
                        if (!shown.includes(text)) throw new Error(`${selector} does not show "${text}": "${shown.slice(0, 300)}"`);
                    },
                };
                const started = Date.now();
                await run.attempt(where, async () => {
                    await setLang(page, base, lang);
                    await journey.run(ctx);
                }, page);
                table.push({ where, seconds: (Date.now() - started) / 1000, failures: run.failures.length - before });
                await page.context().close();
            }
        }
    }
} finally {
    await browser.close();
}

const lines = [
    `${'journey'.padEnd(28)} ${'seconds'.padStart(7)} ${'failures'.padStart(8)}`,
    ...table.map((row) => `${row.where.padEnd(28)} ${row.seconds.toFixed(1).padStart(7)} ${String(row.failures).padStart(8)}`),
];
process.exitCode = run.finish(lines.join('\n'));
