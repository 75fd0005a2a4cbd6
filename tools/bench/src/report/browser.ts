/**
 * Opens a report in headless Chromium (Debian's /usr/bin/chromium through playwright-core, a
 * fresh profile each time, nothing fetched), reads back what every chart drew, and keeps a
 * screenshot beside the report.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** BENCH_CHROMIUM, else Debian's chromium; undefined when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env['BENCH_CHROMIUM'];
  if (named) return existsSync(named) ? named : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export interface RenderedChart {
  id: string;
  type: string;
  /** Data points of each dataset. */
  points: number[];
  /** Canvas pixels that are not transparent. */
  paintedPixels: number;
}

/** What the page script reads: only what it needs of the DOM and of Chart.js (no DOM types in this Node project). */
interface CanvasLike {
  id: string;
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<CanvasLike> };
  Chart: { getChart(canvas: CanvasLike): { config: { type: string }; data: { datasets: { data: unknown[] }[] } } | undefined };
}

export interface RenderedReport {
  charts: RenderedChart[];
  /** Every URL the page asked for: only the report itself when it is self-contained. */
  requests: string[];
}

export async function renderReport(htmlFile: string, screenshotFile: string, executablePath: string): Promise<RenderedReport> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, viewport: { width: 1240, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(htmlFile).href);
    await page.waitForSelector('body[data-charts-ready]', { timeout: 15_000 });
    const charts = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return Array.from(w.document.querySelectorAll('canvas')).map((canvas) => {
        const chart = w.Chart.getChart(canvas);
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted += 1;
        return { id: canvas.id, type: chart?.config.type ?? 'none', points: chart ? chart.data.datasets.map((d) => d.data.length) : [], paintedPixels: painted };
      });
    });
    await page.screenshot({ path: screenshotFile, fullPage: true });
    return { charts, requests };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
