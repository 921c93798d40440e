#!/usr/bin/env node
// The `ct-friendbuy` command, compiled in production, from its TypeScript sources elsewhere (run-entry.mjs).
import { runEntry } from './run-entry.mjs';

await runEntry('cli/index');
