// Shared helpers of the browser tests (STYLE.md §9): Debian's Chromium driven by playwright-core,
// sign-in, the language switch, and `check`, which looks at one page as a person and a screen
// reader would: axe-core's WCAG 2.1 A and AA rules, reflow (no sideways scrolling of the page at
// 390 px, WCAG 1.4.10, nor at 1280), the `<html lang>` of the chosen language, and no machine key
// on the page; each check saves a full-page screenshot to the artifacts folder, and `Run.finish`
// writes an `index.html` there listing every screenshot of every script run so far, so a person
// can look at them all.
//
// A failed check does not stop a script: every failure is collected, all are listed at the end,
// and the script exits 1.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository's root folder (this file is in tests/browser/). */
export const REPO_ROOT = path.resolve(here, '..', '..');

/** Debian's Chromium: never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/** The UI's languages to check, from `KIRJURI_BROWSER_LANGS` (e.g. `fi,en`). */
export const LANGS = (process.env.KIRJURI_BROWSER_LANGS || 'fi,sv,en')
    .split(',')
    .map((lang) => lang.trim())
    .filter(Boolean);

/** Desktop and phone widths; reflow (WCAG 1.4.10) is about the narrow one. */
export const WIDTHS = [1280, 390];
export const NARROW = 390;
const HEIGHT = 800;

/** The axe-core rule sets: WCAG 2.0 and 2.1, levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Where screenshots and `index.html` go. */
export const ARTIFACTS = path.resolve(
    process.env.KIRJURI_BROWSER_ARTIFACTS || path.join(REPO_ROOT, 'target', 'browser-artifacts'),
);

/** The demo users (`kirjuri serve --demo`), each with its public demo password. */
export const DEMO_USERS = ['kirjaaja', 'arkistonhoitaja', 'arkistosihteeri', 'tietosuojavastaava', 'tarkastaja', 'tyontekija'];

/** The admin's password: `crates/kirjuri/tests/browser.rs` starts the server with it. */
export const ADMIN_PASSWORD = 'a long admin passphrase';

export function demoPassword(name) {
    return name === 'admin' ? ADMIN_PASSWORD : `demo-${name}-2026`;
}

/**
 * Texts a script looks for on a page, per language (the UI's message catalogue says the same).
 * Only what cannot be found by a language-free attribute: the skip link's words and the messages
 * a page shows after an action.
 */
export const TEXTS = {
    fi: {
        contractRegister: 'Sopimusrekisteri',
        lastNoticeDay: 'Viimeinen irtisanomispäivä',
        calendarUrlOnce: 'Kopioi se nyt',
        userAdded: 'Käyttäjä lisätty',
        roleChanged: 'Rooli muutettu',
        userDisabled: 'Käyttäjä poistettu käytöstä',
        skipLink: 'Siirry sisältöön',
        documentRegistered: 'Asiakirjat kirjattu',
        caseOpened: 'Asia avattu',
        requestRegistered: 'Pyyntö kirjattu',
        appealInstructions: 'Valitusosoitus',
        disclosureHeading: 'Luovutus',
        checkTheForm: 'Tarkista lomake',
        controlRecorded: 'Valvontatoimi kirjattu',
        restoreTest: 'Varmuuskopion palautustesti',
        versionsHeading: 'Muutoshistoria',
        securityMeasures: 'Turvatoimet',
        publicReceived: 'Pyyntösi on vastaanotettu ja kirjattu',
        planRefused: 'Mitään ei tallennettu',
        planImported: 'Tiedosto tuotiin luonnosversioksi',
        planApproved: 'hyväksyttiin',
        findingWarning: 'Varoitus',
        tenYears: '10 vuotta',
        exportStarted: 'Vienti aloitettiin',
        exportDone: 'Valmis',
        secrecyEnds: 'Salassapito päättyy',
        packageIntact: 'Paketti on eheä',
        disposalProposed: 'Hävitysesitys tehty',
        itemRemoved: 'Tallenne poistettu esityksestä',
        ownProposal: 'Et voi hyväksyä omaa hävitysesitystäsi',
        disposalApproved: 'Hävitysesitys hyväksytty',
        disposalExecuted: 'Hävittäminen ajettu',
        paperConfirmed: 'Paperitallenteen hävittäminen vahvistettu',
        holdPlaced: 'asetettu: tallennetta ei hävitetä',
        holdLifted: 'poistettu.',
        incidentRegistered: 'Poikkeama kirjattu',
        timeLeft: 'jäljellä',
        clockRunsFrom: '72 tuntia kulkee hetkestä',
        assessmentSaved: 'Riskiarvio tallennettu',
        notificationRecorded: 'Ilmoitus kirjattu',
        incidentMoved: 'Poikkeaman tila on nyt',
        classificationSaved: 'Luokittelu tallennettu',
        misdelivery: 'Väärä vastaanottaja',
        assessmentWritten: 'Arvio tallennettu',
        targetSaved: 'Kehittämiskohde tallennettu',
        logInvestigationDone: 'Lokiselvitys tehty',
    },
    sv: {
        contractRegister: 'Avtalsregister',
        lastNoticeDay: 'Sista uppsägningsdag',
        calendarUrlOnce: 'Kopiera den nu',
        userAdded: 'Användaren tillagd',
        roleChanged: 'Rollen ändrad',
        userDisabled: 'Användaren inaktiverad',
        skipLink: 'Gå till innehållet',
        documentRegistered: 'Handlingarna registrerade',
        caseOpened: 'Ärendet inlett',
        requestRegistered: 'Begäran registrerad',
        appealInstructions: 'Besvärsanvisning',
        disclosureHeading: 'Utlämnande',
        checkTheForm: 'Kontrollera formuläret',
        controlRecorded: 'Kontrollen registrerad',
        restoreTest: 'Återställningstest av säkerhetskopia',
        versionsHeading: 'Ändringshistorik',
        securityMeasures: 'Säkerhetsåtgärder',
        publicReceived: 'Din begäran har tagits emot och registrerats',
        planRefused: 'Ingenting sparades',
        planImported: 'Filen importerades som utkastversion',
        planApproved: 'godkändes',
        findingWarning: 'Varning',
        tenYears: '10 år',
        exportStarted: 'Exporten startades',
        exportDone: 'Klar',
        secrecyEnds: 'Sekretessen upphör',
        packageIntact: 'Paketet är intakt',
        disposalProposed: 'Gallringsförslaget gjort',
        itemRemoved: 'Handlingen struken ur förslaget',
        ownProposal: 'Du kan inte godkänna ditt eget gallringsförslag',
        disposalApproved: 'Gallringsförslaget godkänt',
        disposalExecuted: 'Gallringen körd',
        paperConfirmed: 'Gallringen av pappershandlingen bekräftad',
        holdPlaced: 'infört: handlingen gallras inte',
        holdLifted: 'hävt.',
        incidentRegistered: 'Incidenten registrerad',
        timeLeft: 'kvar',
        clockRunsFrom: '72 timmar räknas från',
        assessmentSaved: 'Riskbedömningen sparad',
        notificationRecorded: 'Anmälan registrerad',
        incidentMoved: 'Incidentens skede är nu',
        classificationSaved: 'Klassificeringen sparad',
        misdelivery: 'Fel mottagare',
        assessmentWritten: 'Bedömningen sparad',
        targetSaved: 'Utvecklingsområdet sparat',
        logInvestigationDone: 'Loggutredningen gjord',
    },
    en: {
        contractRegister: 'Contract register (sopimusrekisteri)',
        lastNoticeDay: 'Last day to give notice',
        calendarUrlOnce: 'Copy it now',
        userAdded: 'User added',
        roleChanged: 'Role changed',
        userDisabled: 'User disabled',
        skipLink: 'Skip to content',
        documentRegistered: 'Documents registered',
        caseOpened: 'Case opened',
        requestRegistered: 'Request registered',
        appealInstructions: 'Appeal instructions',
        disclosureHeading: 'Disclosure',
        checkTheForm: 'Check the form',
        controlRecorded: 'Control recorded',
        restoreTest: 'Backup restore test',
        versionsHeading: 'History of changes',
        securityMeasures: 'Security measures',
        publicReceived: 'Your request has been received and registered',
        planRefused: 'Nothing was stored',
        planImported: 'The file was imported as draft version',
        planApproved: 'was approved',
        findingWarning: 'Warning',
        tenYears: '10 years',
        exportStarted: 'The export was started',
        exportDone: 'Done',
        secrecyEnds: 'Secrecy ends',
        packageIntact: 'The package is intact',
        disposalProposed: 'Disposal proposed',
        itemRemoved: 'The record is removed from the proposal',
        ownProposal: 'You cannot approve your own disposal proposal',
        disposalApproved: 'The disposal proposal is approved',
        disposalExecuted: 'Disposal executed',
        paperConfirmed: "The paper record's destruction is confirmed",
        holdPlaced: 'placed: the record is not destroyed',
        holdLifted: 'lifted.',
        incidentRegistered: 'Incident registered',
        timeLeft: 'left',
        clockRunsFrom: 'The 72 hours run from',
        assessmentSaved: 'Risk assessment saved',
        notificationRecorded: 'Notification recorded',
        incidentMoved: 'The incident is now in the state',
        classificationSaved: 'Classification saved',
        misdelivery: 'Wrong recipient',
        assessmentWritten: 'Assessment saved',
        targetSaved: 'Development target saved',
        logInvestigationDone: 'Log investigation done',
    },
};

export function texts(lang) {
    const found = TEXTS[lang];
    if (!found) throw new Error(`no texts for the language \`${lang}\` in harness.mjs TEXTS`);
    return found;
}

// Machine keys that must never be visible on a page (STYLE.md §9), the same vocabularies as the
// Rust test `no_machine_key_on_a_finnish_page` (crates/kirjuri-server/tests/role_matrix.rs; keep
// the two alike): roles, request kinds and states, incident states, publicity classes, plan
// states, retention triggers and record-type ids.
const ROLE_KEYS = ['staff', 'registrar', 'archivist', 'privacy-officer', 'auditor', 'admin'];
const REQUEST_KIND_KEYS = [
    'gdpr-access', 'gdpr-rectification', 'gdpr-erasure', 'gdpr-restriction', 'gdpr-portability',
    'gdpr-objection', 'publicity', 'log-investigation',
];
const REQUEST_STATE_KEYS = [
    'received', 'identity-check', 'clarification', 'in-progress', 'extended', 'granted',
    'partly-granted', 'refused', 'withdrawn', 'duplicate', 'referral-offered', 'referral-requested',
    'decision-issued', 'appealed',
];
const INCIDENT_STATE_KEYS = ['open', 'containment', 'eradication', 'recovery', 'post-incident', 'closed'];
const INCIDENT_CLASSIFICATION_KEYS = [
    'unauthorised-access', 'denial-of-service', 'lost-device', 'system-failure', 'human-error',
    'technical-fault', 'malicious-act', 'third-party', 'false-positive', 'no-effect',
];
const PUBLICITY_KEYS = ['public', 'partly-secret', 'secret', 'non-public'];
const PLAN_STATE_KEYS = ['draft', 'sent-for-review', 'waiting-for-approval', 'approved'];
const RETENTION_TRIGGER_KEYS = [
    'case-decision', 'document-date', 'end-of-care', 'end-of-employment', 'end-of-financial-year',
    'end-of-calendar-year', 'end-of-contract', 'building-demolition',
];

/**
 * The record-type ids of the demo data that cannot be ordinary words: those with a hyphen, and
 * `asiakirjapyynto` (ö spelled o). Plain-word ids such as `hankintasopimus` are left out: a
 * search snippet may rightly show the word.
 */
function recordTypeKeys() {
    const keys = new Set(['gdpr-access-request', 'asiakirjapyynto']);
    const demo = path.join(REPO_ROOT, 'fixtures', 'demo', 'demo.json');
    if (existsSync(demo)) {
        for (const match of readFileSync(demo, 'utf8').matchAll(/"record_type"\s*:\s*"([^"]+)"/g)) {
            if (match[1].includes('-')) keys.add(match[1]);
        }
    }
    return [...keys];
}

const ALL_KEYS = [
    ...ROLE_KEYS, ...REQUEST_KIND_KEYS, ...REQUEST_STATE_KEYS, ...INCIDENT_STATE_KEYS, ...INCIDENT_CLASSIFICATION_KEYS,
    ...PUBLICITY_KEYS, ...PLAN_STATE_KEYS, ...RETENTION_TRIGGER_KEYS, ...recordTypeKeys(),
];

/**
 * The keys looked for in a language. In English, keys of one plain word (`open`, `public`,
 * `staff`, `received`) are also the right English words, so only the hyphenated keys count there.
 */
export function machineKeys(lang) {
    return lang === 'en' ? ALL_KEYS.filter((key) => key.includes('-')) : ALL_KEYS;
}

/** Whether `key` stands as a word of its own in `text` (not inside a longer word or key). */
function hasWord(text, key) {
    const part = /[\p{L}\p{N}_-]/u;
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
        const before = at > 0 ? text[at - 1] : '';
        const after = text[at + key.length] || '';
        if (!(before && part.test(before)) && !(after && part.test(after))) return true;
    }
    return false;
}

export async function launch() {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
    }
    return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A fresh browser context (its own cookies) and page. axe-core is loaded into every page of the
 * context before the page's own content (a third faster than adding it to each page after it
 * loaded), with the page's CSP bypassed so that it may run.
 */
export async function newPage(browser, width = WIDTHS[0]) {
    const context = await browser.newContext({
        viewport: { width, height: HEIGHT },
        bypassCSP: true,
        locale: 'fi-FI',
        timezoneId: 'Europe/Helsinki',
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(20_000);
    await context.addInitScript({ content: AXE_SOURCE });
    return context.newPage();
}

/** Runs `work(item)` for every item, at most `workers` at once. */
export async function inParallel(items, workers, work) {
    const queue = [...items];
    const worker = async () => {
        while (queue.length) await work(queue.shift());
    };
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
}

/** How many pages a script checks at once (KIRJURI_BROWSER_WORKERS; 2: the machine has 2 cores). */
export const WORKERS = Number(process.env.KIRJURI_BROWSER_WORKERS || 2);

/** Signs in through the form at /login; fails unless the browser ends on a page of the service. */
export async function signIn(page, base, name, password = demoPassword(name)) {
    await page.goto(`${base}/login`);
    const form = page.locator('form[action="/login"]');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="password"]').fill(password);
    const [response] = await Promise.all([
        page.waitForNavigation(),
        form.locator('button[type="submit"], button:not([type])').first().click(),
    ]);
    if (!response || !response.ok() || new URL(page.url()).pathname === '/login') {
        throw new Error(`sign-in of ${name} failed: ${response ? response.status() : 'no answer'} at ${page.url()}`);
    }
}

/**
 * Chooses the UI's language with GET /lang/{lang} (it sets the `kirjuri_lang` cookie). A server
 * without the language answers 404: the error says to narrow KIRJURI_BROWSER_LANGS.
 */
export async function setLang(page, base, lang) {
    const response = await page.goto(`${base}/lang/${lang}`);
    if (!response || !response.ok()) {
        const status = response ? response.status() : 'no answer';
        throw new Error(
            `GET /lang/${lang} answered ${status}: this server has no \`${lang}\` UI ` +
                `(run with KIRJURI_BROWSER_LANGS set to the languages it has, e.g. fi,en)`,
        );
    }
    const shown = await page.evaluate(() => document.documentElement.lang);
    if (shown !== lang) {
        throw new Error(`after GET /lang/${lang} the page's <html lang> is "${shown}", not "${lang}"`);
    }
}

/** A file name part from any text: lower case letters, digits and hyphens. */
function slug(text) {
    return String(text)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'page';
}

/**
 * One script's run: collects failures and screenshots, and at the end prints them, writes the
 * artifacts folder's index and sets the exit code.
 */
export class Run {
    constructor(script) {
        this.script = script;
        this.failures = [];
        this.shots = [];
        this.started = Date.now();
        this.cleared = new Set();
        this.counters = new Map();
        mkdirSync(ARTIFACTS, { recursive: true });
    }

    /** Records a failure: `where` says which journey, language, width and page. */
    fail(where, problem, shot = null) {
        this.failures.push({ where, problem: String(problem), shot });
        console.log(`  FAIL ${where}: ${String(problem).split('\n')[0]}`);
    }

    /**
     * Runs `step` and records an exception it throws as a failure (with the page's address) instead
     * of stopping the script.
     */
    async attempt(where, step, page) {
        try {
            await step();
            return true;
        } catch (error) {
            const at = page && !page.isClosed() ? ` (at ${page.url()})` : '';
            this.fail(where, `${error && error.message ? error.message : error}${at}`);
            return false;
        }
    }

    /**
     * A `check(page, label)` for one journey in one language at one width: screenshots go to
     * `<journey>/<lang>-<width>-<NN>-<label>.png`. With `screenshotOnly` it only takes the
     * screenshot (the keyboard script's pictures of where focus is).
     */
    checker({ journey, lang, width, user = null, screenshotOnly = false }) {
        const folder = path.join(ARTIFACTS, slug(journey));
        if (!this.cleared.has(folder)) {
            rmSync(folder, { recursive: true, force: true });
            this.cleared.add(folder);
        }
        mkdirSync(folder, { recursive: true });
        const counterKey = `${journey}/${lang}/${width}`;
        return async (page, label) => {
            const number = (this.counters.get(counterKey) || 0) + 1;
            this.counters.set(counterKey, number);
            const file = `${lang}-${width}-${String(number).padStart(2, '0')}-${slug(label)}.png`;
            const address = new URL(page.url()).pathname + new URL(page.url()).search;
            const where = `${journey} ${lang} ${width}px #${number} ${label}${label === address ? '' : ` (${address})`}`;
            const problems = screenshotOnly ? [] : await checkPage(page, { lang, width, user });
            const shot = path.join(folder, file);
            try {
                await page.screenshot({ path: shot, fullPage: true });
            } catch (error) {
                problems.push(`screenshot failed: ${error.message}`);
            }
            for (const problem of problems) this.fail(where, problem, path.relative(ARTIFACTS, shot));
            this.shots.push({
                journey,
                file: path.relative(ARTIFACTS, shot),
                label,
                lang,
                width,
                url: address,
                checked: !screenshotOnly,
                problems,
            });
            return problems;
        };
    }

    /** Prints every failure, writes this run's manifest and the index; returns the exit code. */
    finish(summary = '') {
        const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
        this.shots.sort((a, b) => a.file.localeCompare(b.file, 'en', { numeric: true }));
        writeFileSync(
            path.join(ARTIFACTS, `${this.script}.json`),
            JSON.stringify({ script: this.script, seconds: Number(seconds), shots: this.shots, failures: this.failures }, null, 1),
        );
        writeIndex();
        if (summary) console.log(summary);
        const checked = this.shots.filter((shot) => shot.checked).length;
        console.log(
            `${this.script}: ${checked} pages checked, ${this.shots.length} screenshots, in ${seconds} s; ` +
                `screenshots: ${path.join(ARTIFACTS, 'index.html')}`,
        );
        if (this.failures.length === 0) {
            console.log(`${this.script}: no failures`);
            return 0;
        }
        console.log(`\n${this.script}: ${this.failures.length} failures:`);
        for (const { where, problem } of this.failures) {
            console.log(`- ${where}\n    ${problem.replace(/\n/g, '\n    ')}`);
        }
        return 1;
    }
}

/** What is wrong with the page shown now, as a list of messages (empty: nothing). */
export async function checkPage(page, { lang, width, user = null }) {
    const problems = [];
    await page.waitForLoadState('load');
    const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        // Stored values a page marks as such (`data-value`: an audit entry's person and record)
        // are data, not keys: left out of the text looked at.
        text: document.body
            ? (() => {
                  // Left out whole (hidden while the text is read: a long value such as a
                  // shown document does not always come back from innerText character for
                  // character), and each value also wherever else it stands (a user's name in
                  // the header).
                  const elements = [...document.querySelectorAll('[data-value]')];
                  const marked = elements.map((e) => e.innerText).filter((name) => name.trim());
                  const shown = elements.map((e) => e.style.getPropertyValue('display'));
                  elements.forEach((e) => e.style.setProperty('display', 'none', 'important'));
                  let text = document.body.innerText;
                  elements.forEach((e, i) => e.style.setProperty('display', shown[i]));
                  for (const name of marked) text = text.split(name).join(' ');
                  return text;
              })()
            : '',
    }));
    if (facts.lang !== lang) {
        problems.push(`<html lang="${facts.lang}">, expected "${lang}"`);
    }
    // Reflow (WCAG 1.4.10): no sideways scrolling of the page at 390 px (nor on a desktop).
    if (facts.scrollWidth > facts.innerWidth) {
        const widest = await widestElements(page, facts.innerWidth);
        problems.push(
            `reflow: the page is ${facts.scrollWidth} px wide in a ${facts.innerWidth}-px window` +
                (width === NARROW ? ' (WCAG 1.4.10)' : '') +
                (widest.length ? `; widest: ${widest.join(', ')}` : ''),
        );
    }
    // No machine key visible (user names are people's data, not keys).
    let text = facts.text;
    if (user) text = text.split(user).join(' ');
    const keys = machineKeys(lang).filter((key) => hasWord(text, key));
    if (keys.length) problems.push(`machine keys visible: ${keys.map((k) => `\`${k}\``).join(', ')}`);
    // axe-core, WCAG 2.0/2.1 A and AA.
    const violations = await runAxe(page);
    for (const violation of violations) {
        const targets = violation.nodes.slice(0, 8).map((node) => node.target.join(' ')).join(' | ');
        const more = violation.nodes.length > 8 ? ` (+${violation.nodes.length - 8} more)` : '';
        problems.push(`axe ${violation.id} [${violation.impact}]: ${violation.help} — ${targets}${more}`);
    }
    return problems;
}

async function runAxe(page) {
    const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
    if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
    return page.evaluate(async (tags) => {
        const results = await window.axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
        });
        return results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.map(String) })),
        }));
    }, AXE_TAGS);
}

/** The elements that stick out of a window `innerWidth` wide, as short selectors. */
async function widestElements(page, innerWidth) {
    return page.evaluate((limit) => {
        const found = [];
        for (const element of document.body.querySelectorAll('*')) {
            const box = element.getBoundingClientRect();
            if (box.right > limit + 0.5 && box.width > 0) {
                // Only the outermost: skip an element whose parent already sticks out, or that
                // a scrolling or clipping box inside the window holds.
                const parent = element.parentElement;
                if (parent && parent !== document.body && parent.getBoundingClientRect().right > limit + 0.5) continue;
                let held = false;
                for (let up = parent; up && up !== document.body; up = up.parentElement) {
                    if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= limit + 0.5) held = true;
                }
                if (held) continue;
                const name = element.tagName.toLowerCase() +
                    (element.id ? `#${element.id}` : '') +
                    (element.classList.length ? `.${[...element.classList].join('.')}` : '');
                found.push(`${name} (${Math.round(box.right)} px)`);
                if (found.length >= 5) break;
            }
        }
        return found;
    }, innerWidth);
}

function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/**
 * Writes `index.html` in the artifacts folder from the manifests of every script run there:
 * each screenshot with its journey, language, width, label and address, failures marked.
 */
export function writeIndex() {
    const runs = readdirSync(ARTIFACTS)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => JSON.parse(readFileSync(path.join(ARTIFACTS, name), 'utf8')));
    const sections = runs.map((run) => {
        const failed = run.failures.length;
        const rows = run.shots.map((shot) => {
            const problems = shot.problems.length
                ? `<ul class="bad">${shot.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
                : '<span class="ok">ok</span>';
            return `<tr><td>${escapeHtml(shot.journey)}</td><td>${shot.lang}</td><td>${shot.width}</td>` +
                `<td><a href="${escapeHtml(shot.file)}">${escapeHtml(shot.label)}</a>` +
                (shot.url === shot.label ? '' : `<br><code>${escapeHtml(shot.url)}</code>`) + `</td>` +
                `<td>${problems}</td><td><a href="${escapeHtml(shot.file)}"><img loading="lazy" src="${escapeHtml(shot.file)}" alt=""></a></td></tr>`;
        }).join('\n');
        const others = run.failures.filter((f) => !f.shot);
        const otherList = others.length
            ? `<p>Other failures:</p><ul class="bad">${others.map((f) => `<li>${escapeHtml(f.where)}: ${escapeHtml(f.problem)}</li>`).join('')}</ul>`
            : '';
        return `<h2>${escapeHtml(run.script)}: ${run.shots.length} screenshots, ${failed} failures, ${run.seconds} s</h2>${otherList}
<table><tr><th>Journey</th><th>Language</th><th>Width</th><th>Label</th><th>Problems</th><th>Screenshot</th></tr>
${rows}
</table>`;
    }).join('\n');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kirjuri browser test screenshots</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}
img{max-width:240px;max-height:180px;border:1px solid #999}.bad{color:#b00020;margin:0;padding-left:1rem}.ok{color:#1a7f37}</style></head>
<body><h1>Kirjuri browser test screenshots</h1>
<p>Written ${new Date().toISOString()} in ${escapeHtml(ARTIFACTS)}.</p>
${sections}
</body></html>
`;
    writeFileSync(path.join(ARTIFACTS, 'index.html'), html);
}

/** The base address from the command line (`node script.mjs http://127.0.0.1:8080`). */
export function baseFromArgs() {
    const base = process.argv[2];
    if (!base || !/^https?:\/\//.test(base)) {
        console.error(`usage: node ${path.basename(process.argv[1])} BASE   (e.g. http://127.0.0.1:8080)`);
        process.exit(2);
    }
    return base.replace(/\/+$/, '');
}
