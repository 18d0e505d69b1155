// Writes the toolbar icons (extension/public/icon/{16,32,48,128}.png).
// Run by hand after changing the design: `node extension/scripts/generate-icons.mjs`.
// A dependency-free rasteriser so the icons are reproducible from this file alone:
// a rounded indigo square with two white nodes joined by a link ("connect").
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 48, 128];
const SUPERSAMPLE = 4; // 4x4 samples per pixel for smooth edges
const BRAND = [79, 70, 229]; // --color-accent in the side panel theme (#4f46e5)

/** Coverage of the shape at a point in unit coordinates (0..1): 0 = brand, 1 = white, -1 = transparent. */
function sample(x, y) {
  // Rounded square with corner radius 0.22.
  const r = 0.22;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return -1;
  // Two nodes, lower-left and upper-right, and a thick link between them.
  const a = [0.32, 0.68];
  const b = [0.68, 0.32];
  const node = 0.14;
  if ((x - a[0]) ** 2 + (y - a[1]) ** 2 < node * node) return 1;
  if ((x - b[0]) ** 2 + (y - b[1]) ** 2 < node * node) return 1;
  // Distance from the segment a-b.
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  const [px, py] = [a[0] + t * dx, a[1] + t * dy];
  if ((x - px) ** 2 + (y - py) ** 2 < 0.055 ** 2) return 1;
  return 0;
}

function render(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let alpha = 0;
      let white = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const v = sample((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (v >= 0) {
            alpha++;
            white += v;
          }
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const w = alpha === 0 ? 0 : white / alpha;
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(BRAND[c] * (1 - w) + 255 * w);
      row[o + 3] = Math.round((alpha / n) * 255);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

// PNG encoding (https://www.w3.org/TR/png/): signature, IHDR, one IDAT, IEND.
function png(width, height, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) writeFileSync(join(outDir, `${size}.png`), render(size));
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to ${outDir}`);
