import { crc32, deflateSync } from "node:zlib";

/**
 * Files for the demo world's attachments, made here rather than shipped: a real PNG (so a client shows
 * an image in --sandbox) and a short text file.
 */

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An RGB PNG of `width`×`height`, each pixel's colour from `paint`. */
function png(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1); // each row starts with filter type 0
    for (let x = 0; x < width; x += 1) rows.set(paint(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A phone's store listing, drawn small: a coral header, an app icon, three lines of text and a button. */
export function storeScreenshotPng(): Buffer {
  const inside = (x: number, y: number, left: number, top: number, w: number, h: number) => x >= left && x < left + w && y >= top && y < top + h;
  return png(90, 160, (x, y) => {
    if (y < 22) return [240, 106, 106];
    if (inside(x, y, 10, 32, 24, 24)) return [69, 115, 210];
    if (inside(x, y, 40, 36, 40, 5) || inside(x, y, 40, 46, 28, 4)) return [60, 60, 67];
    if (inside(x, y, 10, 70 + 12 * Math.floor((y - 70) / 12), 70, 4) && y >= 70 && y < 106) return [174, 174, 178];
    if (inside(x, y, 10, 130, 70, 16)) return [52, 199, 89];
    return [250, 250, 252];
  });
}

export const releaseNotesMarkdown = [
  "# Mobile app 2.0: release notes",
  "",
  "- Offline mode for the task list",
  "- Faster start (cold start down from 2.4 s to 1.1 s)",
  "- Dark theme follows the system setting",
  "",
  "Known issue: push notifications can arrive twice on Android 14; fixed in 2.0.1.",
  "",
].join("\n");
