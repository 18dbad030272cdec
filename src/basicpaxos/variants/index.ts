// The broken variants, by name (each swaps handler-table entries). The one place a variant is registered.
import type { BpVariant } from '../types.ts';

export const variants: Readonly<Record<string, BpVariant>> = Object.fromEntries(([] as BpVariant[]).map((v) => [v.name, v]));
