// Human-readable numbers for reports.

/** 12345 -> "12,345". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes -> "123 MiB". */
export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

/** Seconds -> "1.23 s". */
export function secs(s: number): string {
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}
