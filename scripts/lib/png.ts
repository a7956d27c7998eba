// Minimal PNG writer and reader for the app icons: 8-bit RGBA (or RGB) only,
// written with node:zlib and hand-made chunks (IHDR, IDAT, IEND, each with its
// CRC-32). The reader understands what the writer (and most tools) produce:
// non-interlaced 8-bit greyscale/RGB/RGBA with any of the five row filters.
import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from './crc32.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG colour types we use: 2 = RGB, 6 = RGBA. */
export const COLOR_TYPE_RGB = 2;
export const COLOR_TYPE_RGBA = 6;

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major, straight (not premultiplied) alpha. */
  rgba: Uint8Array;
}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(4 + typeAndData.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  return out;
}

/**
 * Encodes an RGBA image. With `opaque: true` the alpha channel is dropped and
 * an RGB PNG is written (and every pixel must then have alpha 255).
 */
export function encodePng(image: RgbaImage, options: { opaque?: boolean } = {}): Buffer {
  const { width, height, rgba } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`PNG size must be positive integers, got ${width}×${height}.`);
  }
  if (rgba.length !== width * height * 4) {
    throw new Error(`PNG pixel buffer has ${rgba.length} bytes; ${width}×${height} RGBA needs ${width * height * 4}.`);
  }
  const opaque = options.opaque === true;
  const channels = opaque ? 3 : 4;
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * (stride + 1);
    raw[rowStart] = 0; // filter type 0 (None) for every row
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = rowStart + 1 + x * channels;
      if (opaque && rgba[src + 3] !== 255) {
        throw new Error(`Pixel (${x}, ${y}) is not opaque but an opaque PNG was requested.`);
      }
      for (let c = 0; c < channels; c++) raw[dst + c] = rgba[src + c] as number;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = opaque ? COLOR_TYPE_RGB : COLOR_TYPE_RGBA;
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads the IHDR of a PNG (size, depth, colour type); throws a sentence on anything that is not a PNG. */
export function readPngInfo(png: Uint8Array): PngInfo {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error('Not a PNG file: the 8-byte PNG signature is missing.');
  }
  if (buf.toString('latin1', 12, 16) !== 'IHDR' || buf.readUInt32BE(8) !== 13) {
    throw new Error('Malformed PNG: the first chunk is not a 13-byte IHDR.');
  }
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24] as number,
    colorType: buf[25] as number,
    interlace: buf[28] as number,
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decodes a non-interlaced 8-bit greyscale, RGB or RGBA PNG into RGBA pixels; checks every chunk CRC. */
export function decodePng(png: Uint8Array): RgbaImage {
  const info = readPngInfo(png);
  const channelsByType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
  const channels = channelsByType[info.colorType];
  if (info.bitDepth !== 8 || channels === undefined || info.interlace !== 0) {
    throw new Error(
      `Unsupported PNG: bit depth ${info.bitDepth}, colour type ${info.colorType}, interlace ${info.interlace} (only 8-bit, non-interlaced grey/RGB/RGBA).`,
    );
  }
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const idat: Buffer[] = [];
  let offset = 8;
  let sawEnd = false;
  while (offset + 12 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > buf.length) throw new Error(`Truncated PNG chunk ${type}.`);
    const expected = buf.readUInt32BE(end);
    if (crc32(buf.subarray(offset + 4, end)) !== expected) throw new Error(`Bad CRC in PNG chunk ${type}.`);
    if (type === 'IDAT') idat.push(buf.subarray(offset + 8, end));
    offset = end + 4;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new Error('Malformed PNG: no IEND chunk.');
  const raw = inflateSync(Buffer.concat(idat));
  const { width, height } = info;
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error('Malformed PNG: image data shorter than its size.');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i] as number;
      const a = i >= channels ? (pixels[dst + i - channels] as number) : 0;
      const b = y > 0 ? (pixels[dst - stride + i] as number) : 0;
      const c = y > 0 && i >= channels ? (pixels[dst - stride + i - channels] as number) : 0;
      let value: number;
      switch (filter) {
        case 0: value = x; break;
        case 1: value = x + a; break;
        case 2: value = x + b; break;
        case 3: value = x + ((a + b) >> 1); break;
        case 4: value = x + paeth(a, b, c); break;
        default: throw new Error(`Malformed PNG: unknown row filter ${filter} on row ${y}.`);
      }
      pixels[dst + i] = value & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const d = p * 4;
    if (channels <= 2) {
      const grey = pixels[s] as number;
      rgba[d] = grey; rgba[d + 1] = grey; rgba[d + 2] = grey;
      rgba[d + 3] = channels === 2 ? (pixels[s + 1] as number) : 255;
    } else {
      rgba[d] = pixels[s] as number; rgba[d + 1] = pixels[s + 1] as number; rgba[d + 2] = pixels[s + 2] as number;
      rgba[d + 3] = channels === 4 ? (pixels[s + 3] as number) : 255;
    }
  }
  return { width, height, rgba };
}
