// Worker-thread entry: Node 20 does not pass tsx's loader hooks to workers, so register them here.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
