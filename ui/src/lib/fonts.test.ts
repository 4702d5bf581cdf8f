import { afterEach, describe, expect, it, vi } from "vitest";
import { loadReaderFonts, readerFontsReady, resetReaderFonts } from "./fonts";

function fakeFonts(load: (font: string) => Promise<FontFace[]>) {
  return { load: vi.fn(load) } as unknown as FontFaceSet & { load: ReturnType<typeof vi.fn> };
}

afterEach(() => {
  resetReaderFonts();
  vi.useRealTimers();
});

describe("reader fonts", () => {
  it("asks for the reading font's faces once however often it is called", async () => {
    const fonts = fakeFonts(async () => []);
    await loadReaderFonts(fonts);
    await loadReaderFonts(fonts);
    expect(fonts.load).toHaveBeenCalledTimes(3);
    expect(fonts.load.mock.calls.map((c) => c[0])).toContain('italic 400 1em "Literata Variable"');
  });

  it("a failed font load still lets the article open", async () => {
    const fonts = fakeFonts(async () => {
      throw new Error("no such font");
    });
    await expect(loadReaderFonts(fonts)).resolves.toBeUndefined();
  });

  it("never waits longer than its limit for a slow font", async () => {
    vi.useFakeTimers();
    loadReaderFonts(fakeFonts(() => new Promise(() => {})));
    let done = false;
    const ready = readerFontsReady(400).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(399);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await ready;
    expect(done).toBe(true);
  });
});
