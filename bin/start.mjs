#!/usr/bin/env node
// `npm start`: the connector, compiled in production, from its TypeScript sources elsewhere (run-entry.mjs).
import { runEntry } from './run-entry.mjs';

await runEntry('main');
