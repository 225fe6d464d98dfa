/** Grafana's classic palette: the colour of the series at an index, deterministic. */
const PALETTE = [
  '#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0',
  '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477',
  '#B7DBAB', '#F4D598', '#70DBED', '#F9BA8F', '#F29191', '#82B5D8', '#E5A8E2', '#AEA2E0',
  '#629E51', '#E5AC0E', '#64B0C8', '#E0752D', '#BF1B00', '#0A50A1', '#962D82', '#614D93',
  '#9AC48A', '#F2C96D', '#65C5DB', '#F9934E', '#EA6460', '#5195CE', '#D683CE', '#806EB7',
  '#3F6833', '#967302', '#2F575E', '#99440A', '#58140C', '#052B51', '#511749', '#3F2B5B',
];

export function seriesColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#7EB26D';
}

let colorCtx: CanvasRenderingContext2D | null = null;

/** A CSS colour with an alpha (0-1), for fills; named colours are resolved by a canvas. */
export function withAlpha(color: string, alpha: number): string {
  colorCtx ??= document.createElement('canvas').getContext('2d');
  let c = color;
  if (colorCtx !== null) {
    colorCtx.fillStyle = '#000';
    colorCtx.fillStyle = color;
    c = String(colorCtx.fillStyle);
  }
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex !== null) return `rgba(${parseInt(hex[1] ?? '0', 16)}, ${parseInt(hex[2] ?? '0', 16)}, ${parseInt(hex[3] ?? '0', 16)}, ${alpha})`;
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(c);
  if (rgb !== null) return `rgba(${rgb[1]},${rgb[2]},${rgb[3]}, ${alpha})`;
  return c;
}
