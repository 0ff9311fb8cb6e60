import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Reads a PDF back as text with a real extractor, so tests check what a reader will see:
// poppler's `pdftotext` when it is installed (as in CI), otherwise pdf.js.

let havePdftotext: boolean | undefined;

function pdftotextAvailable(): boolean {
  havePdftotext ??= spawnSync("pdftotext", ["-v"], { stdio: "ignore" }).error === undefined;
  return havePdftotext;
}

async function withPdfjs(buffer: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(buffer),
    useSystemFonts: false,
    isEvalSupported: false,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(text);
    }
    return pages.join("\f");
  } finally {
    await pdf.destroy();
  }
}

function withPdftotext(buffer: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "headway-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    writeFileSync(file, buffer);
    return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function hasPdftotext(): boolean {
  return pdftotextAvailable();
}

/**
 * The text of every page of a PDF, pages separated by form feeds. `using` picks the extractor;
 * by default `pdftotext` when it is on PATH, else pdf.js.
 */
export async function extractPdfText(
  buffer: Buffer | Uint8Array,
  { using }: { using?: "pdftotext" | "pdfjs" } = {},
): Promise<string> {
  const data = Buffer.from(buffer);
  if (data.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("Not a PDF file.");
  const extractor = using ?? (pdftotextAvailable() ? "pdftotext" : "pdfjs");
  return extractor === "pdftotext" ? withPdftotext(data) : withPdfjs(data);
}

/** Text with every run of whitespace (line breaks, layout padding) folded to one space. */
export function flatText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
