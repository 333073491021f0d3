// Reflow and enlarged text (WCAG 1.4.4, 1.4.10) and nothing hidden under
// parts that stay in place: the problems of the page as it is laid out in
// this window, as sentences. Needs common.js.
(() => {
  const { name, shown, inScroller } = window.__a11y;
  const problems = [];
  const W = document.documentElement.clientWidth, H = window.innerHeight;
  const wide = document.documentElement.scrollWidth;
  if (wide > W + 1) problems.push(`the page scrolls sideways: ${wide} px wide in a ${W} px window`);
  for (const el of document.querySelectorAll("a, button, input:not([type=hidden]), select, textarea, label, h1, h2, p, td, th, li, time")) {
    if (!shown(el) || el.closest(".skip") || inScroller(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > W + 1) problems.push(`cut off at the side: ${name(el)} spans ${Math.round(r.left)} to ${Math.round(r.right)} px of ${W}`);
  }
  const ctx = document.createElement("canvas").getContext("2d");
  for (const el of document.querySelectorAll("input:not([type=hidden]):not([type=file]):not([type=checkbox]), textarea, select")) {
    if (!shown(el)) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const inner = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (el.getBoundingClientRect().width < 5 * size) problems.push(`too narrow to write in: ${name(el)} is ${Math.round(el.getBoundingClientRect().width)} px`);
    if (el.placeholder && !el.value) {
      ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const need = ctx.measureText(el.placeholder).width;
      if (el.tagName === "TEXTAREA") {
        const line = parseFloat(s.lineHeight) || size * 1.2;
        const rows = Math.ceil(need * 1.1 / inner);
        const room = el.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
        if (rows * line > room + 2) problems.push(`placeholder cut off: ${name(el)} needs ${rows} lines, has room for ${Math.floor(room / line)}`);
      } else if (need > inner + 1) {
        problems.push(`placeholder cut off: ${name(el)} needs ${Math.round(need)} px, has ${Math.round(inner)}`);
      }
    }
  }
  let stuck = 0;
  for (const el of document.querySelectorAll("body *")) {
    const p = getComputedStyle(el).position;
    if ((p === "sticky" || p === "fixed") && shown(el)) stuck += el.getBoundingClientRect().height;
  }
  if (stuck > H / 4) problems.push(`parts that stay in place take ${Math.round(stuck)} of the window's ${H} px`);
  const log = document.querySelector("[role=log]");
  const scrolls = log && /auto|scroll/.test(getComputedStyle(log).overflowY) && log.scrollHeight > log.clientHeight + 1;
  if (scrolls && log.clientHeight < H * 0.4) {
    problems.push(`the chat's messages get ${log.clientHeight} of the window's ${H} px`);
  }
  return problems;
})()
