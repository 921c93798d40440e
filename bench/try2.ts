import { orderCreatedEnvelope } from './messages.js';
let t = performance.now(); let n = 0;
for (let i = 0; i < 20000; i++) n += orderCreatedEnvelope(i).length;
console.log('per body us', ((performance.now() - t) / 20000 * 1000).toFixed(1), 'bytes', n / 20000);
