#!/usr/bin/env node
// The `earshot` command. Node.js >= 22.18 runs the TypeScript sources directly (type stripping);
// an older one stops in require-node.js with one line, before the TypeScript is loaded.
import './require-node.js';

await import('../src/cli/main.ts');
