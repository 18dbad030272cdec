#!/usr/bin/env node
// Starts the CLI from a bundle of the current sources; through tsx's hooks when none can be built here.
import { bundled, mapStacks } from './launch.mjs';

const bundle = await bundled();
if (bundle !== null) {
  mapStacks(bundle);
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
