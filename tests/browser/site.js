// Drives the system Chromium (Playwright's playwright-core, no bundled
// browser) over a site written by 'kabi publish', from file:// with no
// network:
//   node site.js SITE_DIR OUT_DIR [SYSCALL] [ABI]
// loads the index, uses the search (by name and by number), follows links
// to a syscall page, an ABI page and a diff page, changes the release on the
// ABI page, visits every ABI and diff page and a sample of syscall pages,
// and fails on any console error, page error or failed request.  Keeps
// screenshots in OUT_DIR (index, syscall page, ABI page; desktop and phone).
// Prints "ok ..." / "FAIL ..." lines; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [site, out, want = 'clone3', abiName = 'x86_64'] = process.argv.slice(2);
let failed = 0;
function check(what, cond, detail) {
	if (cond) console.log('ok ' + what);
	else {
		failed++;
		console.log('FAIL ' + what + (detail ? ': ' + detail : ''));
	}
}
const url = (rel) => 'file://' + path.resolve(site, rel);

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kabi-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1280, height: 900 },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const problems = [];
	const page = ctx.pages()[0] || (await ctx.newPage());
	page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text() + ' at ' + page.url()); });
	page.on('pageerror', (e) => problems.push('page error: ' + e.message + ' at ' + page.url()));
	page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));
	// Repository text is data: a dialog or the marker that the hostile
	// repository test's markup would set means that text ran as script.
	page.on('dialog', (d) => { problems.push('dialog opened: ' + d.message() + ' at ' + page.url()); d.dismiss(); });
	page.on('load', async () => {
		try {
			if (await page.evaluate(() => window.__kabi_pwned !== undefined)) problems.push('injected script ran at ' + page.url());
		} catch (e) { /* navigated away meanwhile */ }
	});
	try {
		// The index, and the search box by name.
		await page.goto(url('index.html'));
		check('index loads', (await page.title()).includes('kabi'));
		check('index lists ABIs', (await page.locator('a[href="abi/' + abiName + '.html"]').count()) > 0);
		await page.screenshot({ path: path.join(out, 'index.png'), fullPage: true });
		await page.fill('#q', want.slice(0, 4));
		await page.waitForSelector('#results li a');
		const names = await page.locator('#results li a').allTextContents();
		check('search by name finds ' + want, names.includes(want), names.join(' '));
		await page.fill('#q', want);
		await page.waitForSelector('#results li a');
		check('the exact name comes first', (await page.locator('#results li a').first().textContent()) === want);
		await page.screenshot({ path: path.join(out, 'search.png') });
		await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
		check('Enter opens the syscall page', page.url().endsWith('/syscall/' + want + '.html'), page.url());
		check('syscall page heading', (await page.locator('h1').textContent()) === want);
		check('syscall page has a history table', (await page.locator('table tbody tr').count()) > 0);
		await page.screenshot({ path: path.join(out, 'syscall.png') });
		await page.screenshot({ path: path.join(out, 'syscall-full.png'), fullPage: true });

		// Search by number, from a page one level down.
		const nr = await page.evaluate((n) => {
			const e = window.KABI.search.find((x) => x[0] === n);
			return e ? e[1][0][1] : null;
		}, want);
		await page.fill('#q', String(nr));
		await page.waitForSelector('#results li a');
		const byNr = await page.locator('#results li a').allTextContents();
		check('search by number ' + nr + ' finds ' + want, byNr.includes(want), byNr.join(' '));
		await page.fill('#q', 'no_such_syscall_zz');
		check('search says when nothing matches', (await page.locator('#results li').first().textContent()).includes('no syscall'));

		// Follow links: syscall page -> ABI page -> change release -> diff page.
		await page.fill('#q', '');
		await Promise.all([page.waitForNavigation(), page.click('h3 a[href="../abi/' + abiName + '.html"]')]);
		check('link to the ABI page', page.url().endsWith('/abi/' + abiName + '.html'), page.url());
		const rows0 = await page.locator('#rows tr').count();
		check('ABI page shows the table', rows0 > 0);
		const count0 = await page.locator('#count').textContent();
		check('ABI page script ran', count0.includes(abiName + ' at '), count0);
		// The script's table at the newest release says what the page's own
		// (for readers without JavaScript) says: implemented, and under which
		// Kconfig condition ("if CONFIG_X").
		const html = fs.readFileSync(path.join(site, 'abi', abiName + '.html'), 'utf8');
		const body = (/<tbody[^>]*id="rows"[^>]*>([\s\S]*?)<\/tbody>/.exec(html) || [])[1] || '';
		const unhtml = (x) => x.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
		const staticImpl = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
			.map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>|<td[^>]*\/>/g)].map((d) => unhtml(d[1] || '')))
			.filter((tds) => tds.length >= 5)
			.map((tds) => tds[1] + ' ' + tds[4]).sort();
		const drawnImpl = (await page.evaluate(() => Array.from(document.querySelectorAll('#rows tr:not(.removed)'))
			.map((tr) => tr.querySelectorAll('td'))
			.map((td) => td[1].querySelector('a').textContent + ' ' + td[4].textContent))).sort();
		check('the script\'s table says what the static one says (implemented, conditions)',
			staticImpl.length > 0 && JSON.stringify(staticImpl) === JSON.stringify(drawnImpl),
			staticImpl.filter((x, i) => x !== drawnImpl[i]).slice(0, 3).join(' | ') + ' vs ' +
			drawnImpl.filter((x, i) => x !== staticImpl[i]).slice(0, 3).join(' | '));
		const options = await page.locator('#rel option').evaluateAll((os) => os.map((o) => o.value));
		if (options.length > 1) {
			await page.selectOption('#rel', options[0]);
			const count1 = await page.locator('#count').textContent();
			check('choosing the first release redraws', count1 !== count0 && count1.includes('first table'), count1);
			await page.selectOption('#rel', options[1]);
			const count2 = await page.locator('#count').textContent();
			check('the second release counts changes', /since .*: \d+ added, \d+ removed, \d+ changed/.test(count2), count2);
			check('the release is in the address', decodeURIComponent(page.url()).includes('#v'), page.url());
			await page.selectOption('#rel', options[options.length - 1]);
			const marked = await page.locator('#rows tr.added, #rows tr.removed, #rows tr.changed').count();
			const anyMarks = await page.evaluate(async (opts) => {
				const sel = document.getElementById('rel');
				for (const v of opts) {
					sel.value = v;
					sel.dispatchEvent(new Event('change'));
					if (document.querySelectorAll('#rows tr.added, #rows tr.removed, #rows tr.changed').length) return v;
				}
				return null;
			}, options.slice(1));
			check('some release has added/removed/changed markers', marked > 0 || anyMarks !== null);
			if (anyMarks !== null) {
				await page.check('#only');
				const shown = await page.locator('#rows tr').count();
				const marks = await page.locator('#rows tr.added, #rows tr.removed, #rows tr.changed').count();
				check('"only what changed" shows just the marked rows', shown > 0 && shown === marks, shown + ' vs ' + marks);
				await page.uncheck('#only');
			}
			if (anyMarks !== null) await page.screenshot({ path: path.join(out, 'abi-marked.png'), fullPage: false });
		}
		await page.screenshot({ path: path.join(out, 'abi.png') });
		const diffLink = page.locator('#rows a[href*="../diff/"]').first();
		if (await diffLink.count()) {
			await Promise.all([page.waitForNavigation(), diffLink.click()]);
			check('link to a diff page', page.url().includes('/diff/'), page.url());
			check('diff page heading', (await page.locator('h1').textContent()).startsWith('Changes in'));
		}

		// A phone-sized view of the index and a syscall page.
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(url('index.html'));
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		check('phone: the index does not scroll sideways', overflow <= 1, 'overflow ' + overflow + 'px');
		await page.screenshot({ path: path.join(out, 'index-phone.png'), fullPage: false });
		await page.goto(url('syscall/' + want + '.html'));
		await page.screenshot({ path: path.join(out, 'syscall-phone.png'), fullPage: false });
		await page.setViewportSize({ width: 1280, height: 900 });

		// Malformed queries and fragments are ignored, not page errors.
		await page.goto(url('index.html') + '?q=%');
		await page.waitForLoadState('load');
		await page.goto(url('abi/' + abiName + '.html') + '#%E0%A4%A');
		await page.waitForLoadState('load');

		// Every ABI and diff page, and a sample of syscall pages: no errors.
		const all = [];
		for (const d of ['abi', 'diff']) for (const f of fs.readdirSync(path.join(site, d))) all.push(d + '/' + f);
		const sc = fs.readdirSync(path.join(site, 'syscall'));
		for (let i = 0; i < sc.length; i += Math.max(1, Math.floor(sc.length / 40))) all.push('syscall/' + sc[i]);
		all.push('syscalls.html');
		for (const p of all) {
			await page.goto(url(p));
			await page.waitForLoadState('load');
			// hover and focus everything: on* attributes would fire now
			await page.evaluate(() => {
				for (const e of document.querySelectorAll('*')) {
					for (const t of ['mouseover', 'focus', 'click']) if (t !== 'click' || e.tagName !== 'A') e.dispatchEvent(new Event(t));
				}
			});
			if (await page.evaluate(() => window.__kabi_pwned !== undefined)) problems.push('injected script ran at ' + page.url());
		}
		check('visited ' + all.length + ' pages', true);
	} catch (e) {
		check('browser session', false, e.message.split('\n')[0]);
	}
	check('no console errors, page errors or failed requests', problems.length === 0, problems.slice(0, 5).join('; '));
	await ctx.close();
	fs.rmSync(profile, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
})();
