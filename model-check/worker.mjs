// Worker-thread entry when the worker code is not bundled (see worker-bundle.ts): Node 20 does not
// pass tsx's loader hooks to workers, so register them here.
import { register } from 'tsx/esm/api';
register();
const { serve } = await import('./worker.ts');
await serve();
