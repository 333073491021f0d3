// The focused element as a keyboard user sees it (WCAG 2.4.7, 2.4.11,
// 1.4.11): its name, and what is wrong with its focus indicator. null when
// nothing on the page has the focus; again is true for an element the walk
// (window.__a11yWalk, a Set) has been on before. Needs common.js.
(() => {
  const { rgba, behind, contrast, hex, name } = window.__a11y;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const walk = window.__a11yWalk || (window.__a11yWalk = new Set());
  if (walk.has(el)) return { name: name(el), again: true, problems: [] };
  walk.add(el);
  const problems = [];
  // A control too small to see (the camera's file input) shows its focus
  // on its label, the button people see.
  let seen = el;
  const r0 = el.getBoundingClientRect();
  if ((r0.width < 4 || r0.height < 4) && el.closest("label")) seen = el.closest("label");
  const s = getComputedStyle(seen);
  const width = parseFloat(s.outlineWidth);
  if (s.outlineStyle === "none" || !(width >= 2)) {
    problems.push(`no focus outline (${s.outlineStyle} ${s.outlineWidth})`);
  } else {
    const ring = rgba(s.outlineColor), around = behind(seen.parentElement);
    const ratio = contrast(ring, around);
    if (ratio < 3) problems.push(`focus outline ${hex(ring)} has ${ratio.toFixed(2)}:1 against ${hex(around)} (3:1 needed)`);
  }
  const r = seen.getBoundingClientRect();
  const points = [[(r.left + r.right) / 2, (r.top + r.bottom) / 2], [r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
  const visible = points.some(([x, y]) => {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit && (seen.contains(hit) || hit === seen || hit.contains(seen));
  });
  if (!visible) {
    const hit = document.elementFromPoint((r.left + r.right) / 2, Math.min(Math.max((r.top + r.bottom) / 2, 0), innerHeight - 1));
    problems.push(`hidden: at ${Math.round(r.top)} to ${Math.round(r.bottom)} px of ${innerHeight}, under ${hit ? name(hit) : "nothing"}`);
  }
  return { name: name(el), problems };
})()
