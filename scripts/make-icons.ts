// Draws the two Teams app icons and writes them as PNGs (no image library):
//   manifest/color.png   192×192, opaque: a white speech bubble with a teal tick on teal
//   manifest/outline.png  32×32, white outline of the same mark on transparent
// Shapes are defined in unit coordinates and anti-aliased by supersampling.
// Run once after changing the drawing: `npx tsx scripts/make-icons.ts [outDir]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './lib/png.js';
import { ICONS, MANIFEST_DIR } from './lib/manifest.js';

type Point = readonly [number, number];
type Shape = (x: number, y: number) => boolean;

const TEAL: readonly [number, number, number] = [0x1f, 0x6f, 0x5c]; // the manifest's accentColor
const WHITE: readonly [number, number, number] = [255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - r <= 0;
  };
}

function triangle(a: Point, b: Point, c: Point): Shape {
  const side = (p: Point, q: Point, x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const d1 = side(a, b, x, y);
    const d2 = side(b, c, x, y);
    const d3 = side(c, a, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

/** A polyline stroked with round caps and joins. */
function stroke(points: readonly Point[], width: number): Shape {
  const half = width / 2;
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i] as Point;
      const [bx, by] = points[i + 1] as Point;
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      if (Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= half) return true;
    }
    return false;
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** Fraction of the pixel (px, py) covered by `shape`, sampled on an n×n grid. */
function coverage(shape: Shape, px: number, py: number, size: number, n: number): number {
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
    }
  }
  return hits / (n * n);
}

function mix(a: readonly number[], b: readonly number[], t: number): number[] {
  return a.map((v, i) => Math.round(v + ((b[i] as number) - v) * t));
}

function drawColorIcon(size: number = ICONS.color.size): RgbaImage {
  const bubble = union(
    roundedRect(0.18, 0.2, 0.82, 0.66, 0.12),
    triangle([0.3, 0.6], [0.46, 0.6], [0.27, 0.82]),
  );
  const tick = stroke([[0.37, 0.43], [0.46, 0.52], [0.63, 0.34]], 0.065);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onBubble = mix(TEAL, WHITE, coverage(bubble, x, y, size, 4));
      const [r, g, b] = mix(onBubble, TEAL, coverage(tick, x, y, size, 4));
      rgba.set([r ?? 0, g ?? 0, b ?? 0, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, rgba };
}

function drawOutlineIcon(size: number = ICONS.outline.size): RgbaImage {
  const ring = minus(
    roundedRect(0.08, 0.1, 0.92, 0.72, 0.17),
    roundedRect(0.155, 0.175, 0.845, 0.645, 0.1),
  );
  const mark = union(
    ring,
    triangle([0.25, 0.66], [0.47, 0.66], [0.2, 0.93]),
    stroke([[0.33, 0.41], [0.45, 0.52], [0.67, 0.3]], 0.09),
  );
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      rgba.set([...WHITE, Math.round(coverage(mark, x, y, size, 8) * 255)], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, rgba };
}

const outDir = path.resolve(process.argv[2] ?? MANIFEST_DIR);
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, ICONS.color.file), encodePng(drawColorIcon(), { opaque: true }));
writeFileSync(path.join(outDir, ICONS.outline.file), encodePng(drawOutlineIcon()));
console.log(`Wrote ${ICONS.color.file} and ${ICONS.outline.file} to ${outDir}`);
