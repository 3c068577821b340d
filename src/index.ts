// The action's entry point, bundled by ncc into dist/index.js: everything else is in main.ts.
import { run } from './main.js';

void run();
