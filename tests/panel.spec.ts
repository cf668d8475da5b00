/**
 * Browser tests of the Foresight panel: Debian's Chromium (headless, via playwright-core) loads a page that mounts
 * the real panel with @grafana/ui and @grafana/data, fed with frames the real model fits on the demo metric.
 * Run with `npm run e2e`.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';

import { DEFAULT_DEMO_END, demoModelParams, generateDemoSeries } from '../src/demo';
import { fit, predict } from '../src/model';
import { launchChromium } from './harness/browser';
import { buildHarness } from './harness/build';
import { flatten, near, over, parseColor } from './harness/pixels';
import { HarnessServer, startHarnessServer } from './harness/server';

// Every wait is for a condition (an element, a text, a pixel) under Playwright's default 30 s limit, which only
// guards against a hang: nothing here sleeps or bets that a render finishes within a shorter time.
// The README's screenshots are rewritten only on request (npm run e2e:screenshots); a test run leaves the tree clean.
const SCREENSHOTS = path.resolve(
  __dirname,
  process.env.FORESIGHT_UPDATE_SCREENSHOTS === '1' ? '../docs/screenshots' : '../out/screenshots'
);
// The panel's 720 px of charts plus the 56 px outside-band strip above them, so each chart keeps the height the
// band samples below were tuned on.
const PANEL_HEIGHT = 776;
const VIEWPORT = { width: 1216, height: PANEL_HEIGHT + 20 };

let browser: Browser;
let server: HarnessServer;

async function openPanel(theme: 'light' | 'dark', scenario = 'demo', query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  // tsx compiles this file with esbuild's keepNames; functions sent to page.evaluate may call its __name helper.
  await page.addInitScript('window.__name = (fn) => fn;');
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${server.url}/?theme=${theme}&scenario=${scenario}&height=${PANEL_HEIGHT}${query}`);
  await page.waitForFunction(() => window.foresightHarness?.ready || window.foresightHarness?.error, undefined, {
    timeout: 60_000,
  });
  const failure = await page.evaluate(() => window.foresightHarness.error);
  assert.equal(failure, undefined, `the harness failed: ${failure}`);
  assert.deepEqual(errors, [], 'no errors on the page');
  return page;
}

interface ChartProbe {
  key: string;
  /** Canvas pixels at the centre of the first outliers, with the direction of each. */
  markers: Array<{ rgba: number[]; direction: number }>;
  /** Pixels inside the band, between the expectation and the upper edge, where the value is far away. */
  inBand: number[][];
  /** Pixels above the band's upper edge, inside the plot. */
  aboveBand: number[][];
  /** Pixels at the top of the plot inside the excluded range. */
  excluded: number[][];
  /** Pixels at the top of the plot well outside any region. */
  plain: number[][];
  forecastDash: number[] | undefined;
  forecastPoints: number;
  plot: { left: number; top: number; width: number; height: number };
}

/** The bodies of the annotations the page posts, collected as they pass on to the harness's server. */
async function recordAnnotationPosts(page: Page): Promise<Array<Record<string, unknown>>> {
  const posted: Array<Record<string, unknown>> = [];
  await page.route('**/api/annotations', async (route) => {
    if (route.request().method() === 'POST') {
      posted.push(route.request().postDataJSON() as Record<string, unknown>);
    }
    await route.continue();
  });
  return posted;
}

/** Reads pixels of chart `index` where the model's numbers say the band, markers and regions must be. */
function probeChart(page: Page, index: number): Promise<ChartProbe> {
  return page.evaluate((chartIndex) => {
    const [key, u] = Array.from(window.foresightHarness.charts.entries())[chartIndex];
    const ctx = u.ctx;
    const px = (x: number, y: number) => Array.from(ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data);
    const [times, value, expected, forecast, , upper] = u.data as unknown as Array<Array<number | null>>;
    const top = u.bbox.top;
    const [exFrom, exTo] = window.foresightHarness.exclusion;

    const markers: ChartProbe['markers'] = [];
    const outlierRows: number[] = [];
    const inBand: number[][] = [];
    const aboveBand: number[][] = [];
    const excluded: number[][] = [];
    const plain: number[][] = [];
    // Outliers: the rows the model flagged (the outlier field of the frame this chart draws).
    const flags = window.foresightHarness.outliers[key];
    for (let i = 0; i < times.length; i++) {
      if (value[i] !== null && (flags[i] ?? 0) !== 0) {
        outlierRows.push(i);
      }
    }
    const isAbove = (i: number) => (flags[i] as number) > 0;
    const sampled = [
      ...outlierRows.filter(isAbove).slice(0, 25),
      ...outlierRows.filter((i) => !isAbove(i)).slice(0, 25),
    ];
    for (const i of sampled) {
      const x = u.valToPos(times[i] as number, 'x', true);
      const y = u.valToPos(value[i] as number, 'y', true);
      markers.push({ rgba: px(x, y), direction: isAbove(i) ? 1 : -1 });
    }
    for (let i = 0; i < times.length; i += 13) {
      const v = value[i];
      const e = expected[i];
      const hi = upper[i];
      const t = times[i] as number;
      if (v === null || e === null || hi === null || (t >= exFrom && t <= exTo)) {
        continue;
      }
      const yMid = u.valToPos(e + 0.6 * (hi - e), 'y', true);
      const yValue = u.valToPos(v, 'y', true);
      const yExpected = u.valToPos(e, 'y', true);
      const x = u.valToPos(t, 'x', true);
      if (Math.abs(yMid - yValue) > 6 && Math.abs(yMid - yExpected) > 6) {
        inBand.push(px(x, yMid));
      }
      const yAbove = u.valToPos(hi, 'y', true) - 8;
      if (yAbove > top + 4 && Math.abs(yAbove - yValue) > 6) {
        aboveBand.push(px(x, yAbove));
      }
    }
    if (exTo > exFrom) {
      for (let k = 1; k < 8; k++) {
        const t = exFrom + ((exTo - exFrom) * k) / 8;
        excluded.push(px(u.valToPos(t, 'x', true), top + 2));
        plain.push(px(u.valToPos(times[Math.floor((times.length * k) / 8) - 1] as number, 'x', true), top + 2));
      }
    }
    const forecastPoints = forecast.filter((y) => y !== null).length;
    return {
      key,
      markers,
      inBand,
      aboveBand,
      excluded,
      plain,
      forecastDash: u.series[3].dash,
      forecastPoints,
      plot: { left: u.bbox.left, top: u.bbox.top, width: u.bbox.width, height: u.bbox.height },
    };
  }, index);
}

type Rgb = ReturnType<typeof flatten>;

/** The demo metric's components over its last week, from the real model, as the `components` resource sends them. */
function modelComponents() {
  const demo = generateDemoSeries();
  const model = fit(demo.timestamps, demo.values, demoModelParams(demo));
  const times = demo.timestamps.filter((t) => t >= DEFAULT_DEMO_END - 7 * 86_400_000);
  const out = predict(model, times);
  const list = (a: Float64Array) => Array.from(a);
  return {
    times: Array.from(times),
    components: {
      trend: list(out.trend),
      ...Object.fromEntries(Object.entries(out.seasonal).map(([name, values]) => [name, list(values)])),
      holidays: list(out.holidays),
    },
  };
}

describe('Foresight panel in Chromium', () => {
  before(async () => {
    const dir = await buildHarness();
    server = await startHarnessServer(dir);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`draws the band, outliers, forecast and excluded range from the model's frames (${theme})`, async () => {
      const page = await openPanel(theme);
      const colors = await page.evaluate(() => window.foresightHarness.colors!);
      const background = await page.evaluate(() => window.foresightHarness.background!);
      const bandOnBackground = over(colors.band, background);
      const share = (pixels: number[][], test: (p: Rgb) => boolean) =>
        pixels.filter((p) => test(flatten(p, background))).length / pixels.length;

      const chat = await probeChart(page, 0);
      const push = await probeChart(page, 1);
      assert.equal(await page.locator('[data-testid="foresight-chart"]').count(), 2, 'one chart per series');

      assert.ok(chat.inBand.length >= 50, `enough band samples (${chat.inBand.length})`);
      const inBandShare = share(chat.inBand, (p) => near(p, bandOnBackground, 40));
      // The band is 8-16 px high on the demo (its weekends fitted by a daily shape of their own): the noisy series'
      // line between samples crosses some of them (0.84 in the light theme).
      assert.ok(
        inBandShare > 0.8,
        `band shaded with its colour (${inBandShare.toFixed(2)} of ${chat.inBand.length} samples)`
      );
      const aboveShare = share(chat.aboveBand, (p) => near(p, bandOnBackground, 12));
      assert.ok(aboveShare < 0.2, `no band colour above the band (${aboveShare.toFixed(2)})`);

      // The model flags the slow degradation (below) in both series and the injected burst (above) in "push".
      const below = parseColor(colors.below).rgb;
      const above = parseColor(colors.above).rgb;
      const markers = [...chat.markers, ...push.markers];
      assert.ok(markers.some((m) => m.direction < 0) && markers.some((m) => m.direction > 0), 'outliers both ways');
      const coloured = markers.filter((m) =>
        near(flatten(m.rgba, background), m.direction > 0 ? above : below, 30)
      ).length;
      assert.ok(
        coloured / markers.length > 0.9,
        `markers drawn in their direction's colour (${coloured}/${markers.length})`
      );

      assert.equal(chat.excluded.length, 7);
      const excludedShare = share(chat.excluded, (p) => !near(p, parseColor(background).rgb, 6));
      assert.ok(excludedShare > 0.85, `excluded range shaded (${excludedShare.toFixed(2)})`);
      const plainShare = share(chat.plain, (p) => near(p, parseColor(background).rgb, 24));
      assert.ok(plainShare > 0.7, `no shading outside regions (${plainShare.toFixed(2)})`);

      assert.deepEqual(chat.forecastDash, [6, 4], 'forecast dashed');
      assert.ok(chat.forecastPoints > 100, `12 hours of forecast drawn (${chat.forecastPoints} points)`);

      // Hovering shows the tooltip with the model's numbers.
      const overlay = page.locator('[data-testid="foresight-chart"] .u-over').first();
      const box = (await overlay.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      const tooltip = page.locator('[data-testid="foresight-tooltip"]');
      await tooltip.waitFor();
      const text = await tooltip.innerText();
      for (const label of ['Value', 'Expected', 'Band', 'Score', 'Excluded']) {
        assert.ok(text.includes(label), `tooltip shows ${label}: ${text}`);
      }
      // For the screenshot, hover the burst the model flags above the band in the second chart.
      const burst = await page.evaluate(() => {
        const [key, u] = Array.from(window.foresightHarness.charts.entries())[1];
        const [times, value, expected] = u.data as unknown as Array<Array<number | null>>;
        const flags = window.foresightHarness.outliers[key];
        // Of the rows the model flags above, the one farthest above its expectation.
        const excess = (k: number) => (value[k] ?? 0) - (expected[k] ?? 0);
        let i = -1;
        value.forEach((v, k) => {
          if (v !== null && (flags[k] ?? 0) > 0 && (i < 0 || excess(k) > excess(i))) {
            i = k;
          }
        });
        return { x: u.valToPos(times[i] as number, 'x'), y: u.valToPos(value[i] as number, 'y') };
      });
      const second = (await page.locator('[data-testid="foresight-chart"] .u-over').nth(1).boundingBox())!;
      await page.mouse.move(second.x + burst.x, second.y + burst.y);
      // The tooltip is still up from the first hover; React redraws it after the move, so wait for its new text.
      await page.locator('[data-testid="foresight-tooltip"]', { hasText: 'outlier, high' }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, `panel-${theme}.png`), animations: 'disabled' });
      await page.close();
    });
  }

  it('drags an exclusion, confirms it with a note, posts the annotation and refreshes', async () => {
    const page = await openPanel('light');
    const posted = await recordAnnotationPosts(page);

    await page.locator('[data-testid="foresight-drag-mode"] input[title="Exclude"]').click();
    const overlay = page.locator('[data-testid="foresight-chart"] .u-over').first();
    const box = (await overlay.boundingBox())!;
    const x0 = box.width * 0.55;
    const x1 = box.width * 0.65;
    const [from, to] = await page.evaluate(
      ([a, b]) => {
        const u = Array.from(window.foresightHarness.charts.values())[0];
        return [u.posToVal(a, 'x'), u.posToVal(b, 'x')];
      },
      [x0, x1]
    );
    await page.mouse.move(box.x + x0, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + (x0 + x1) / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + x1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();

    const dialog = page.locator('[data-testid="foresight-region-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-testid="foresight-region-note"]').fill('deploy of v2.3 went wrong');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-exclude-dialog.png'), animations: 'disabled' });
    await page.locator('[data-testid="foresight-region-save"]').click();
    await dialog.waitFor({ state: 'detached' });

    assert.equal(posted.length, 1, 'one annotation request');
    const body = posted[0];
    assert.deepEqual(body.tags, ['foresight:exclude']);
    assert.equal(body.text, 'deploy of v2.3 went wrong');
    assert.equal(body.dashboardUID, 'foresight-demo');
    assert.equal(body.panelId, 2);
    const minute = 60_000;
    assert.ok(Math.abs((body.time as number) - from) < 10 * minute, `start ${body.time} ≈ ${from}`);
    assert.ok(Math.abs((body.timeEnd as number) - to) < 10 * minute, `end ${body.timeEnd} ≈ ${to}`);
    assert.equal(server.annotations.length, 1, 'the server stored it');
    // The panel lists its exclusions again and shades the new range without waiting for the dashboard.
    const shadingAt = (x: number, shaded: boolean) =>
      page.waitForFunction(
        ([px, wanted]) => {
          const u = Array.from(window.foresightHarness.charts.values())[0];
          const x = Math.round(px * devicePixelRatio + u.bbox.left);
          return u.ctx.getImageData(x, u.bbox.top + 2, 1, 1).data[3] > 0 === wanted;
        },
        [x, shaded] as const
      );
    await shadingAt((x0 + x1) / 2, true);
    assert.ok((await page.evaluate(() => window.foresightHarness.refreshes)) >= 1, 'queries refreshed');
    assert.deepEqual(await page.evaluate(() => window.foresightHarness.timeRangeChanges), [], 'no zoom');

    // The list shows it, and Remove deletes it.
    await page.getByRole('button', { name: 'Exclusions' }).click();
    const list = page.locator('[data-testid="foresight-exclusion-list"]');
    await list.getByText('deploy of v2.3 went wrong').waitFor();
    const deleted = page.waitForRequest((r) => r.method() === 'DELETE' && /\/api\/annotations\/\d+$/.test(r.url()));
    await list.getByRole('button', { name: /Remove annotation/ }).click();
    await deleted;
    await list.getByText('No Foresight annotations in this range').waitFor();
    assert.equal(server.annotations.length, 0);
    await page.keyboard.press('Escape');
    await shadingAt((x0 + x1) / 2, false);
    await page.close();
  });

  it('selects an exclusion with the keyboard and opens the same dialog as a drag', async () => {
    const page = await openPanel('light');
    const posted = await recordAnnotationPosts(page);
    await page.locator('[data-testid="foresight-drag-mode"] input[title="Exclude"]').click();
    const chart = page.getByRole('application').first();
    assert.match((await chart.getAttribute('aria-label')) ?? '', /select a time range to mark/);
    await chart.focus();
    // Where the first chart's cursor is, and its data interval: what one arrow key moves.
    const probe = () =>
      page.evaluate(() => {
        const u = Array.from(window.foresightHarness.charts.values())[0];
        const times = u.data[0] as number[];
        return {
          cursor: u.posToVal(u.cursor.left ?? -1, 'x'),
          step: times[1] - times[0],
          selectWidth: u.select.width,
        };
      });
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    const start = await probe();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
    }
    const end = await probe();
    assert.ok(Math.abs(end.cursor - start.cursor - 3 * start.step) < 1_000, 'three arrows are three intervals');
    assert.ok(end.selectWidth > 0, 'the open range is drawn as the selection box');
    await page.keyboard.press('Space');

    const dialog = page.locator('[data-testid="foresight-region-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-testid="foresight-region-save"]').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(posted.length, 1, 'one annotation request');
    assert.deepEqual(posted[0].tags, ['foresight:exclude']);
    const minute = 60_000;
    assert.ok(Math.abs((posted[0].time as number) - start.cursor) <= minute, `start ${posted[0].time}`);
    assert.ok(Math.abs((posted[0].timeEnd as number) - end.cursor) <= minute, `end ${posted[0].timeEnd}`);
    assert.deepEqual(await page.evaluate(() => window.foresightHarness.timeRangeChanges), [], 'no zoom');
    // Later tests draw the demo without this exclusion.
    server.annotations.splice(0);
    await page.close();
  });

  it('shows the decomposition the datasource returns in the model view', async () => {
    const page = await openPanel('light');
    const components = modelComponents();
    const requests: Array<Record<string, unknown>> = [];
    await page.route('**/api/datasources/uid/*/resources/components', async (route) => {
      requests.push(route.request().postDataJSON() as Record<string, unknown>);
      await route.fulfill({ json: { series: [{ name: 'value', labels: { service: 'chat' }, ...components }] } });
    });
    await page.getByRole('button', { name: 'Model' }).click();
    const view = page.locator('[data-testid="foresight-model-view"]');
    await view.waitFor();
    await view.locator('canvas').nth(3).waitFor();
    const names = Object.keys(components.components);
    // The demo's weekends and holidays peak later than its work days: the daily seasonality is split by day kind.
    assert.deepEqual([...names].sort(), ['daily_weekday', 'daily_weekend', 'holidays', 'trend', 'weekly']);
    for (const name of names) {
      await view.getByText(name, { exact: true }).waitFor();
    }
    assert.equal(await view.locator('canvas').count(), names.length, 'one chart per component');
    assert.equal(requests.length, 1);
    assert.deepEqual(Object.keys(requests[0]).sort(), ['from', 'intervalMs', 'options', 'query', 'to']);
    assert.equal((requests[0].query as Record<string, unknown>).refId, 'A');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-model-view.png'), animations: 'disabled' });
    await page.close();
  });

  it('shares the crosshair: hovering one chart moves the other chart’s cursor to the same time', async () => {
    const page = await openPanel('light');
    const overlay = page.locator('[data-testid="foresight-chart"] .u-over').first();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    const [hovered, synced] = await page.evaluate(() => {
      const [first, second] = Array.from(window.foresightHarness.charts.values());
      const timeAt = (u: typeof first) => u.posToVal(u.cursor.left ?? -1, 'x');
      return [timeAt(first), timeAt(second)];
    });
    assert.ok(Math.abs(hovered - synced) < 10 * 60_000, `second chart's cursor at ${synced}, hovered ${hovered}`);
    await page.close();
  });

  it('zooms the dashboard time range on a plain drag', async () => {
    const page = await openPanel('dark');
    const overlay = page.locator('[data-testid="foresight-chart"] .u-over').nth(1);
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + 40, { steps: 8 });
    await page.mouse.up();
    const changes = await page.evaluate(() => window.foresightHarness.timeRangeChanges);
    const range = await page.evaluate(() => window.foresightHarness.range);
    assert.equal(changes.length, 1);
    assert.ok(changes[0].from > range.from && changes[0].to < range.to && changes[0].from < changes[0].to);
    await page.close();
  });

  it('triages a fleet: most anomalous first, top N, one spike in the strip for a shared incident', async () => {
    const page = await openPanel('light', 'fleet', '&top=3');
    const headers = await page.locator('[data-testid="foresight-series-header"]').allInnerTexts();
    // The hosts still outside at the end, by the significance of their latest point; the rest are not charted.
    assert.deepEqual(
      headers.map((h) => h.split(/\s/)[0]),
      ['host=h29', 'host=h28', 'host=h27']
    );
    assert.match(headers[0], /significance 0\.90/);
    await page.getByText('The 3 most anomalous of 30 series').waitFor();

    const caption = page.locator('[data-testid="foresight-outside-strip-caption"]');
    assert.equal(await caption.innerText(), 'Series outside the band: at most 20 of 30 at once');
    // The strip counts every host, drawn ones or not: filled near its top at the shared incident, flat elsewhere.
    const strip = page.locator('[data-testid="foresight-outside-strip"] canvas');
    const stripBox = (await strip.boundingBox())!;
    const probe = await page.evaluate(() => {
      const u = Array.from(window.foresightHarness.charts.values())[0];
      const [from, to] = window.foresightHarness.incident!;
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="foresight-outside-strip"] canvas')!;
      const ctx = canvas.getContext('2d')!;
      // The charts' x position of a time is the strip's too: same x range, same axis width.
      const column = (t: number) => {
        const x = Math.round(u.valToPos(t, 'x', true));
        let filled = 0;
        for (let y = 0; y < canvas.height; y++) {
          filled += ctx.getImageData(x, y, 1, 1).data[3] > 0 ? 1 : 0;
        }
        return { x: x / devicePixelRatio, filled: filled / canvas.height };
      };
      return { spike: column((from + to) / 2), quiet: column(from - 6 * 3_600_000) };
    });
    assert.ok(probe.spike.filled > 0.6, `the incident fills the strip's column (${probe.spike.filled.toFixed(2)})`);
    assert.ok(probe.quiet.filled < 0.15, `a quiet time leaves it empty (${probe.quiet.filled.toFixed(2)})`);

    // Hovering the spike says how many hosts were out, and moves the charts' crosshair to that time.
    await page.mouse.move(stripBox.x + probe.spike.x, stripBox.y + stripBox.height / 2);
    await page.locator('[data-testid="foresight-outside-strip-caption"]', { hasText: '20 of 30 outside at' }).waitFor();
    const synced = await page.evaluate(() => {
      const u = Array.from(window.foresightHarness.charts.values())[0];
      const [from, to] = window.foresightHarness.incident!;
      return Math.abs(u.posToVal(u.cursor.left ?? -1, 'x') - (from + to) / 2);
    });
    assert.ok(synced < 10 * 60_000, `chart cursor within 10 minutes of the hovered time (${synced} ms)`);

    // The tooltip shows the alerting fields the frames carry.
    const overlay = page.locator('[data-testid="foresight-chart"] .u-over').first();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    const tooltip = page.locator('[data-testid="foresight-tooltip"]', { hasText: 'Significance' });
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    for (const label of ['Significance', 'Alert', 'Direction', 'Vs past']) {
      assert.ok(text.includes(label), `tooltip shows ${label}: ${text}`);
    }
    assert.ok(!text.includes('Threshold'), 'no threshold row without a threshold_breach field');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-fleet.png'), animations: 'disabled' });
    await page.close();
  });

  it('draws the early warning: the threshold, a marker at the expected crossing with its ETA, the drift start', async () => {
    const page = await openPanel('light', 'warning');
    const colors = await page.evaluate(() => window.foresightHarness.colors!);
    const background = await page.evaluate(() => window.foresightHarness.background!);
    const probe = await page.evaluate(() => {
      const u = Array.from(window.foresightHarness.charts.values())[0];
      const { above, crossing, driftStart } = window.foresightHarness.warning!;
      const px = (x: number, y: number) => Array.from(u.ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data);
      const y = u.valToPos(above, 'y', true);
      const left = u.bbox.left;
      const line = Array.from({ length: 40 }, (_, i) => px(left + 10 + i, y));
      const driftX = u.valToPos(driftStart, 'x', true);
      // The 1 px line may straddle two pixel columns: read both.
      const drift = Array.from({ length: 20 }, (_, i) => [
        px(driftX - 0.5, u.bbox.top + 20 + i),
        px(driftX + 0.5, u.bbox.top + 20 + i),
      ]).flat();
      return { diamond: px(u.valToPos(crossing, 'x', true), y), line, drift, crossingX: u.valToPos(crossing, 'x') };
    });
    const aboveColor = parseColor(colors.above).rgb;
    const belowColor = parseColor(colors.below).rgb;
    assert.ok(near(flatten(probe.diamond, background), aboveColor, 30), `crossing marked: ${probe.diamond.join(',')}`);
    const onLine = probe.line.filter((p) => near(flatten(p, background), aboveColor, 90)).length;
    assert.ok(onLine >= 8, `dashed threshold line drawn (${onLine} of 40 pixels)`);
    const onDrift = probe.drift.filter((p) => near(flatten(p, background), belowColor, 90)).length;
    assert.ok(onDrift >= 4, `drift start marked (${onDrift} of 40 pixels: ${JSON.stringify(probe.drift.slice(0, 6))})`);

    const overlay = page.locator('[data-testid="foresight-chart"] .u-over').first();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + probe.crossingX, box.y + box.height / 2);
    await page.locator('[data-testid="foresight-tooltip"]', { hasText: 'Crossing' }).waitFor();
    const text = await page.locator('[data-testid="foresight-tooltip"]').innerText();
    assert.match(text, /Crossing.*\(in (\d+ h )?\d+ min\)|Crossing.*\(in \d+ h\)/s, text);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-warning.png'), animations: 'disabled' });
    await page.close();
  });

  it('says it needs the Foresight datasource when frames lack the band', async () => {
    const page = await openPanel('light', 'plain');
    const message = page.locator('[data-testid="foresight-panel-missing-fields"]');
    await message.waitFor();
    assert.match(await message.innerText(), /needs the Foresight datasource/);
    assert.match(await message.innerText(), /lacks yhat, yhat_lower, yhat_upper/);
    await page.close();
  });
});
