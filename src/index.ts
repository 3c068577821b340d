// The action's entry point, bundled by ncc into dist/index.js: everything else is in main.ts.
import { run } from './main.js';
// The YAML reader (and the yaml package) stays in the action's main chunk rather than in a chunk of its
// own, as the CLI loads it: ncc writes each chunk's licences to the one dist/licenses.txt, the last
// chunk's overwriting the others'. A job starts once, so loading it on demand would save the action next to nothing.
import './matrix/yaml-read.js';

void run();
