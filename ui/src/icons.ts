// Sidenote's icon set: drawn for the app on one 24px grid, 1.75px strokes,
// round caps, so every icon matches the others.
import { svg } from "./dom";

const paths: Record<string, string> = {
  import: '<path d="M12 3v12"/><path d="m7 10 5 5 5-5"/><path d="M5 19h14"/>',
  search: '<circle cx="11" cy="11" r="6.5"/><path d="m16 16 4.5 4.5"/>',
  back: '<path d="M15 5 8 12l7 7"/>',
  library: '<path d="M5 4h3v16H5z"/><path d="M10 4h3v16h-3z"/><path d="m15.5 5 2.9-.8 3.6 15.3-2.9.8z"/>',
  contents: '<path d="M4 6h2M4 12h2M4 18h2"/><path d="M9 6h11M11 12h9M9 18h11"/>',
  timeline: '<path d="M7 4v16"/><circle cx="7" cy="7" r="1.8"/><circle cx="7" cy="13" r="1.8"/><path d="M11 7h8M11 13h6M11 18h7"/>',
  margin: '<rect x="3.5" y="4" width="11" height="16" rx="1.5"/><path d="M17.5 7h3M17.5 11h3"/>',
  sun: '<circle cx="12" cy="12" r="4"/><path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4"/>',
  moon: '<path d="M19.5 14.5A8 8 0 0 1 9.5 4.5a8 8 0 1 0 10 10z"/>',
  sepia: '<path d="M6 3.5h9l3 3v14H6z"/><path d="M9 10h6M9 13.5h6M9 17h4"/>',
  textSize: '<path d="M4 18 8.5 6 13 18"/><path d="M5.7 14h5.6"/><path d="M15 18l2.8-7.5 2.7 7.5"/><path d="M16 15.8h3.5"/>',
  help: '<circle cx="12" cy="12" r="9"/><path d="M9.6 9.3a2.5 2.5 0 1 1 3.6 2.2c-.8.4-1.2 1-1.2 1.8v.7"/><path d="M12 17h.01"/>',
  trash: '<path d="M4.5 7h15"/><path d="M9.5 7V4.5h5V7"/><path d="M6.5 7l1 13h9l1-13"/>',
  edit: '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="m13.5 6.5 4 4"/>',
  eyeOff: '<path d="M3 12s3.5-6.5 9-6.5c1.6 0 3 .5 4.2 1.2M21 12s-3.5 6.5-9 6.5c-1.6 0-3-.5-4.2-1.2"/><path d="M9.9 14.1a3 3 0 0 1 4.2-4.2"/><path d="M4 20 20 4"/>',
  close: '<path d="M6 6l12 12M18 6 6 18"/>',
  check: '<path d="m5 12.5 4.5 4.5L19 7.5"/>',
  alert: '<path d="M12 3.5 2.5 20h19z"/><path d="M12 10v4.5M12 17.5h.01"/>',
  paste: '<rect x="5" y="4.5" width="14" height="16" rx="2"/><path d="M9 4.5V3h6v1.5"/><path d="M9 11h6M9 15h4"/>',
  sortUp: '<path d="m7 14 5-5 5 5"/>',
  sortDown: '<path d="m7 10 5 5 5-5"/>',
  sync: '<path d="M19.5 11a7.5 7.5 0 0 0-13.4-4.2L4.5 8.5"/><path d="M4.5 4v4.5H9"/><path d="M4.5 13a7.5 7.5 0 0 0 13.4 4.2l1.6-1.7"/><path d="M19.5 20v-4.5H15"/>',
  restore: '<path d="M4.5 9.5h10a5 5 0 0 1 0 10H9"/><path d="m8 5.5-3.5 4 3.5 4"/>',
  removed: '<rect x="4" y="4" width="16" height="16" rx="2"/><path d="M8 9h8M8 13h5"/><path d="M4 20 20 4" stroke-dasharray="2 2.5"/>',
};

export type IconName = keyof typeof paths;

// Each icon is parsed once and cloned after that: a long article's 500 note
// cards each carry one, and parsing SVG markup per card took ~45 ms of an open.
const parsed = new Map<IconName, SVGElement>();

export function icon(name: IconName, label?: string): SVGElement {
  let template = parsed.get(name);
  if (!template) {
    template = svg(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" class="icon">${paths[name]}</svg>`,
    );
    parsed.set(name, template);
  }
  const el = template.cloneNode(true) as SVGElement;
  if (label) {
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", label);
  } else {
    el.setAttribute("aria-hidden", "true");
  }
  return el;
}
