// The browser explorer: a page on 127.0.0.1 to walk a model's states by hand (docs/explorer.md).
export { startExplorer } from './server.ts';
export type { Explorer, ExplorerOptions } from './server.ts';
export { indicesOf, parsePath, viewOf, walk } from './session.ts';
export type { View, Walk } from './session.ts';
