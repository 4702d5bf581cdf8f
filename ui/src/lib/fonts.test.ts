import { afterEach, describe, expect, it, vi } from "vitest";
import { loadReaderFonts, readerFontsReady, resetReaderFonts } from "./fonts";

/** A FontFaceSet whose `load` is the spy the test inspects. */
function fakeFonts(impl: (font: string) => Promise<FontFace[]>) {
  const load = vi.fn(impl);
  // A test double: only `load` is used by the code under test.
  const fonts = { load } as unknown as FontFaceSet;
  return { fonts, load };
}

afterEach(() => {
  resetReaderFonts();
  vi.useRealTimers();
});

describe("reader fonts", () => {
  it("asks for the reading font's faces once however often it is called", async () => {
    const { fonts, load } = fakeFonts(() => Promise.resolve([]));
    await loadReaderFonts(fonts);
    await loadReaderFonts(fonts);
    expect(load).toHaveBeenCalledTimes(3);
    expect(load.mock.calls.map((c) => c[0])).toContain('italic 400 1em "Literata Variable"');
  });

  it("a failed font load still lets the article open", async () => {
    const { fonts } = fakeFonts(() => Promise.reject(new Error("no such font")));
    await expect(loadReaderFonts(fonts)).resolves.toBeUndefined();
  });

  it("never waits longer than its limit for a slow font", async () => {
    vi.useFakeTimers();
    // Never settles: the font never arrives.
    void loadReaderFonts(fakeFonts(() => new Promise(() => {})).fonts);
    let done = false;
    const ready = readerFontsReady(400).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(399);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await ready;
    expect(done).toBe(true);
  });
});
