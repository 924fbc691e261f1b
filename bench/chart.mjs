// chart.mjs - small dependency-free SVG charts for bench/REPORT.md.
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#be185d", "#4b5563"];
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function ticksLog(min, max) {
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

function ticksLinear(min, max, n = 5) {
  const step = (max - min) / n || 1;
  return Array.from({ length: n + 1 }, (_, i) => min + i * step);
}

const label = (v) => (v >= 1000 ? `${+(v / 1000).toPrecision(3)}k` : v >= 1 ? `${+v.toPrecision(3)}` : `${+v.toPrecision(2)}`);

/**
 * A line chart. series: [{ name, points: [[x, y], ...] }]; logX/logY pick log scales.
 * @returns {string} SVG text
 */
export function lineChart({ title, xLabel, yLabel, series, logX = false, logY = true, width = 720, height = 400 }) {
  const pad = { l: 70, r: 170, t: 40, b: 50 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0])), ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => y > 0);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)], [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const fx = logX ? (x) => (Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0) || 1) : (x) => (x - x0) / (x1 - x0 || 1);
  const ylo = logY ? 10 ** Math.floor(Math.log10(y0)) : 0, yhi = logY ? 10 ** Math.ceil(Math.log10(y1)) : y1 * 1.1;
  const fy = logY ? (y) => (Math.log10(y) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo) || 1) : (y) => (y - ylo) / (yhi - ylo || 1);
  const W = width - pad.l - pad.r, H = height - pad.t - pad.b;
  const px = (x) => pad.l + fx(x) * W, py = (y) => pad.t + H - fy(Math.max(y, ylo)) * H;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`, `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`];
  for (const t of logY ? ticksLog(ylo, yhi) : ticksLinear(ylo, yhi)) {
    parts.push(`<line x1="${pad.l}" x2="${pad.l + W}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e7eb"/>`,
      `<text x="${pad.l - 6}" y="${py(t) + 4}" text-anchor="end" fill="#4b5563">${label(t)}</text>`);
  }
  let lastX = -Infinity;
  for (const t of [...new Set(xs)].sort((a, b) => a - b)) {
    if (px(t) - lastX < 36) continue; // sizes a few percent apart (a JSON and a YAML merge) share one label
    lastX = px(t);
    parts.push(`<text x="${px(t)}" y="${pad.t + H + 18}" text-anchor="middle" fill="#4b5563">${label(t)}</text>`);
  }
  parts.push(`<text x="${pad.l + W / 2}" y="${height - 10}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${pad.t + H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}${logY ? " (log scale)" : ""}</text>`,
    `<rect x="${pad.l}" y="${pad.t}" width="${W}" height="${H}" fill="none" stroke="#9ca3af"/>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.points.filter((p) => p[1] > 0).sort((a, b) => a[0] - b[0]);
    if (pts.length) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(" ")}"/>`);
    for (const p of pts) parts.push(`<circle cx="${px(p[0]).toFixed(1)}" cy="${py(p[1]).toFixed(1)}" r="3" fill="${color}"/>`);
    parts.push(`<rect x="${pad.l + W + 14}" y="${pad.t + i * 20}" width="12" height="12" fill="${color}"/>`,
      `<text x="${pad.l + W + 32}" y="${pad.t + i * 20 + 10}">${esc(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** A horizontal bar chart. bars: [{ name, value, highlight? }] */
export function barChart({ title, unit, bars, width = 720 }) {
  const rowH = 26, pad = { l: 190, r: 90, t: 40, b: 16 };
  const height = pad.t + pad.b + bars.length * rowH;
  const max = Math.max(...bars.map((b) => b.value)) || 1;
  const W = width - pad.l - pad.r;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`, `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`];
  bars.forEach((b, i) => {
    const y = pad.t + i * rowH, w = Math.max(1, (b.value / max) * W);
    parts.push(`<text x="${pad.l - 8}" y="${y + 16}" text-anchor="end">${esc(b.name)}</text>`,
      `<rect x="${pad.l}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${b.highlight ? "#2563eb" : "#9ca3af"}"/>`,
      `<text x="${pad.l + w + 6}" y="${y + 16}">${esc(label(b.value))} ${esc(unit)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}
