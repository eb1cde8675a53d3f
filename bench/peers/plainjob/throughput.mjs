// plainjob on the same terms as Baton's throughput scenario: a SQLite file in WAL mode with synchronous=NORMAL
// (plainjob's own settings), no-op jobs, a producer queuing on another thread while four workers drain, three
// commits per job (insert, claim, done). Prints one JSON line: {"jobs", "warmup", "seconds", "rate", "produce_rate"}.
//
//   node throughput.mjs --dir DIR [--jobs 20000] [--warmup 1000] [--workers 4]
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { join } from "node:path";
import Database from "better-sqlite3";
import { better, defineQueue, defineWorker } from "plainjob";

const quiet = { info() {}, warn() {}, error: (m) => process.stderr.write(`${m}\n`), debug() {} };

function open(file) {
  return defineQueue({ connection: better(new Database(file)), logger: quiet });
}

if (!isMainThread) {
  // The producer: one add (one committed transaction) after another, as fast as the store takes them.
  const queue = open(workerData.file);
  const begun = performance.now();
  for (let i = 0; i < workerData.count; i++) {
    queue.add("noop", "{}");
  }
  parentPort.postMessage({ seconds: (performance.now() - begun) / 1000 });
  queue.close();
} else {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const dir = option("dir");
  if (!dir) {
    process.stderr.write("usage: node throughput.mjs --dir DIR [--jobs N] [--warmup N] [--workers N]\n");
    process.exit(2);
  }
  const jobs = Number(option("jobs", "20000"));
  const warmup = Number(option("warmup", "1000"));
  const workerCount = Number(option("workers", "4"));
  const file = join(dir, "plainjob.db");
  const queue = open(file);

  let done = 0;
  let waiter;
  const whenDone = (count) => new Promise((resolve) => {
    waiter = { count, resolve };
    if (done >= count) resolve(performance.now());
  });
  const workers = Array.from({ length: workerCount }, () => defineWorker("noop", async () => {}, {
    queue,
    logger: quiet,
    pollIntervall: 1,
    onCompleted: () => {
      done++;
      if (waiter && done >= waiter.count) waiter.resolve(performance.now());
    },
  }));
  workers.forEach((w) => w.start());

  const produce = (count) => new Promise((resolve, reject) => {
    const producer = new Worker(new URL(import.meta.url), { workerData: { file, count } });
    producer.once("message", resolve);
    producer.once("error", reject);
  });

  await produce(warmup);
  await whenDone(warmup);
  const begun = performance.now();
  const finished = whenDone(warmup + jobs);
  const produced = await produce(jobs);
  const end = await finished;
  const seconds = (end - begun) / 1000;
  await Promise.all(workers.map((w) => w.stop()));
  queue.close();
  process.stdout.write(`${JSON.stringify({ jobs, warmup, seconds, rate: jobs / seconds, produce_rate: jobs / produced.seconds })}\n`);
}
