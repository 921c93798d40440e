// Worker-thread entry of the load generator: runs the plan it is given and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { generateLoad, type LoadPlan } from './load-generator.js';
import { orderCreatedEnvelope } from './messages.js';

parentPort?.postMessage({ type: 'started' });
const result = await generateLoad(workerData as LoadPlan, orderCreatedEnvelope);
parentPort?.postMessage({ type: 'result', result });
