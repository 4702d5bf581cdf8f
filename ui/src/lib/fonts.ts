// The reading font (Literata) is loaded before the first article is laid out.
// Loaded lazily, as CSS does by default, it arrived after a long article's
// first layout and WebKit laid the whole article out again when it swapped
// in (0.5-1.2 s for a 1 MB article in the whole-app benchmark).

const FACES = ['400 1em "Literata Variable"', 'italic 400 1em "Literata Variable"', '700 1em "Literata Variable"'];

let loading: Promise<void> | null = null;

/** Starts loading the reading font's faces once; resolves when they are in (or could not be). */
export function loadReaderFonts(fonts: FontFaceSet | undefined = typeof document !== "undefined" ? document.fonts : undefined): Promise<void> {
  if (!loading) {
    loading = fonts ? Promise.all(FACES.map((f) => fonts.load(f))).then(() => undefined, () => undefined) : Promise.resolve();
  }
  return loading;
}

/** Waits for the reading font, but never longer than `maxMs`: a slow or missing font must not hold an article back. */
export function readerFontsReady(maxMs = 400): Promise<void> {
  return Promise.race([loadReaderFonts(), new Promise<void>((r) => setTimeout(r, maxMs))]);
}

/** For tests: forget the started load. */
export function resetReaderFonts(): void {
  loading = null;
}
