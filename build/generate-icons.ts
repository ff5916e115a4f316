/**
 * Renders build/icon.svg into the app icons electron-builder needs: icon.png (1024),
 * icons/<size>x<size>.png (Linux), icon.ico (Windows) and icon.icns (macOS); and
 * build/document.svg into the icon of the files the app opens (document.ico, document.icns,
 * document.png: electron-builder's fileAssociations). Uses the same Chromium the end-to-end
 * tests use. Run after editing an SVG:
 *   node --experimental-strip-types build/generate-icons.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const buildDir = fileURLToPath(new URL('./', import.meta.url));
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

async function renderPngs(svg: string): Promise<Map<number, Buffer>> {
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const pngs = new Map<number, Buffer>();
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    pngs.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
  }
  await browser.close();
  return pngs;
}

/** ICO with PNG-compressed entries (supported since Windows Vista). */
function buildIco(pngs: Map<number, Buffer>, icoSizes: number[]): Buffer {
  const header = Buffer.alloc(6 + 16 * icoSizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(icoSizes.length, 4);
  let offset = header.length;
  const images: Buffer[] = [];
  icoSizes.forEach((size, i) => {
    const png = pngs.get(size) as Buffer;
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
    images.push(png);
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x), ic11-ic14 retina. */
function buildIcns(pngs: Map<number, Buffer>): Buffer {
  const types: Array<[string, number]> = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ];
  const chunks = types.map(([type, size]) => {
    const png = pngs.get(size) as Buffer;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngs = await renderPngs(readFileSync(`${buildDir}icon.svg`, 'utf8'));
mkdirSync(`${buildDir}icons`, { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  writeFileSync(`${buildDir}icons/${size}x${size}.png`, pngs.get(size) as Buffer);
}
writeFileSync(`${buildDir}icon.png`, pngs.get(1024) as Buffer);
writeFileSync(`${buildDir}icon.ico`, buildIco(pngs, [16, 24, 32, 48, 64, 128, 256]));
writeFileSync(`${buildDir}icon.icns`, buildIcns(pngs));
const documentPngs = await renderPngs(readFileSync(`${buildDir}document.svg`, 'utf8'));
writeFileSync(`${buildDir}document.png`, documentPngs.get(512) as Buffer);
writeFileSync(`${buildDir}document.ico`, buildIco(documentPngs, [16, 24, 32, 48, 64, 128, 256]));
writeFileSync(`${buildDir}document.icns`, buildIcns(documentPngs));
console.log(
  'Wrote build/icon.png, build/icon.ico, build/icon.icns, build/icons/*.png and build/document.*',
);
