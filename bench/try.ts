import { benchBare, benchStore } from './intake.js';
console.log(JSON.stringify(await benchBare({ seconds: 3, rate: 500, concurrency: 32 }), null, 1));
