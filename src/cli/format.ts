// Human-readable numbers for reports.

/** 12345 -> "12,345". */
export function count(n: number): string {
  // Grouped by hand: the first toLocaleString call loads ICU's locale data, a noticeable part of start-up.
  const r = Math.round(n);
  if (!Number.isSafeInteger(r)) return r.toLocaleString('en-US');
  return String(r).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Bytes -> "123 MiB". */
export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

/** Seconds -> "1.23 s". */
export function secs(s: number): string {
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}
