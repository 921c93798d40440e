// A commercetools Connect job application: Connect calls its endpoint on the job's cron, and each call runs
// `ct-friendbuy jobs run <kind>` once, in a process of its own that exits when the run is over; the answer is 200
// when the run is done and 500 when it failed (its output is in the application's logs). A call while a run is
// still going answers 409: Connect does not prevent overlapping runs, the application does.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfigFromEnvironment } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

export interface JobApplication {
  /** The declared recurring job kind, e.g. `friendbuy.analytics-pull`. */
  kind: string;
  /** Where Connect calls it, as connect.yaml declares, e.g. `/jobs/friendbuy-analytics-pull`. */
  endpoint: string;
}

// dist/connect/ runs the compiled CLI; src/connect/ (tests, tsx) the TypeScript one through tsx.
const HERE = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL(`../cli/index${extname(HERE)}`, import.meta.url));
const NODE_OPTIONS = extname(HERE) === '.ts' ? ['--import', 'tsx'] : [];

/** The job application's entry point: reads the configuration, listens on PORT, stops on SIGTERM. */
export function serveJobApplication(job: JobApplication): Server {
  let config: Config;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG, as the connector
  }
  const logger = createLogger(config.logLevel).child({ jobKind: job.kind });
  const server = createJobApplication(job, logger);
  server.listen(config.port, config.host, () =>
    logger.info({ port: config.port, endpoint: job.endpoint }, 'ct-friendbuy job application started'),
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}

/** The HTTP server of a job application (not yet listening); each run's process inherits this one's environment. */
export function createJobApplication(job: JobApplication, logger: Logger): Server {
  let running = false;

  const runOnce = () =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [...NODE_OPTIONS, CLI, 'jobs', 'run', job.kind], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', (error) => {
        logger.error({ err: error }, 'job run could not start');
        resolve(null);
      });
      child.on('exit', (code) => resolve(code));
    });

  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const answer = (status: number, body: object) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path !== job.endpoint)
      return answer(404, { message: `this job application answers at ${job.endpoint}` });
    if (request.method === 'GET' || request.method === 'HEAD') return answer(200, { job: job.kind, running });
    if (request.method !== 'POST') return answer(405, { message: 'POST runs the job once' });
    if (running) return answer(409, { job: job.kind, message: 'a run is still going' });
    running = true;
    logger.info('job run started');
    void runOnce().then((code) => {
      running = false;
      const outcome = code === 0 ? 'done' : 'failed';
      logger[code === 0 ? 'info' : 'error']({ exitCode: code }, `job run ${outcome}`);
      answer(code === 0 ? 200 : 500, { job: job.kind, outcome, exitCode: code });
    });
  });
}
