// Renders the favicon and app icons in public/ from app/icon.svg: `node docs/render-icons.mjs`.
// Uses sharp (librsvg inside), which Next installs for image optimisation; it is not a dependency
// of Orka itself, so install it elsewhere if it is missing (`npm install --no-save sharp`).
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "app/icon.svg"), "utf8");
// iOS rounds the corners itself and fills transparent pixels with black: draw the background full-bleed.
const squareSvg = svg.replace(/<rect ([^>]*?) rx="[^"]*"/, "<rect $1");
if (squareSvg === svg) throw new Error("app/icon.svg has no rounded <rect> background to square off");
const background = /<rect [^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? "#4f46e5";
const out = path.join(root, "public");

/** A PNG of the 32×32 SVG at `size` pixels, rasterised at that size (not scaled from a small bitmap). */
function png(source, size, { opaque = false } = {}) {
  const image = sharp(Buffer.from(source), { density: (72 * size) / 32 }).resize(size, size);
  return (opaque ? image.flatten({ background }) : image).png({ compressionLevel: 9 }).toBuffer();
}

/** An ICO file whose images are PNGs (every current browser reads them). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size, 0);
    entry.writeUInt8(size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

const favicon = [];
for (const size of [16, 32, 48]) favicon.push({ size, data: await png(svg, size) });
const files = {
  "favicon.ico": ico(favicon),
  "icon-192.png": await png(svg, 192),
  "icon-512.png": await png(svg, 512),
  "apple-touch-icon.png": await png(squareSvg, 180, { opaque: true }),
};
for (const [name, data] of Object.entries(files)) {
  fs.writeFileSync(path.join(out, name), data);
  console.log(`public/${name}: ${data.length} bytes`);
}
