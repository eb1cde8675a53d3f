// pg-boss with its documented settings for throughput (LISTEN/NOTIFY on and a notify queue, 4 local workers each
// fetching batches of up to 10 jobs and fetching again at once while batches come back full, the shortest polling
// interval it allows), no-op jobs, on the database named by DATABASE_URL. Prints one JSON line.
//
//   node queue.mjs --mode producer --jobs 3000 --warmup 300   {"rate", "seconds", "produce_rate"}: a producer thread
//        sends one job per transaction while the workers run; the clock runs from the first send after the warm-up
//        to the last job's completion committed.
//   node queue.mjs --mode drain --jobs 5000                    {"rate", "seconds"}: the queue is filled first (in
//        batches), then the workers start; the clock runs from starting them to the last completion committed.
//   node queue.mjs --mode latency --jobs 100 --warmup 10       {"samples_ms"}: an idle queue; a producer thread sends
//        one job, the handler records send → start, and the next job follows once the last one is completed.
//
// pg-boss has no event for a committed completion, so the clock stops when a query sees no unfinished job left.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { setTimeout as delay } from "node:timers/promises";
import { PgBoss } from "pg-boss";

const queue = "noop";
const now = () => performance.timeOrigin + performance.now();
const connectionString = process.env.DATABASE_URL;
const BatchSize = 10;

async function open(options) {
  const boss = new PgBoss({ connectionString, ...options });
  boss.on("error", (error) => process.stderr.write(`${error.stack ?? error}\n`));
  return boss.start();
}

if (!isMainThread) {
  // The producer: its own connection, one send (one committed transaction) after another.
  const boss = await open({ max: 1, supervise: false, schedule: false, migrate: false });
  if (workerData.mode === "latency") {
    parentPort.on("message", async (message) => {
      if (message === "stop") {
        await boss.stop({ graceful: false });
        parentPort.close();
        return;
      }
      await boss.send(queue, { added: now() });
    });
    parentPort.postMessage("ready");
  } else {
    const begun = now();
    for (let i = 0; i < workerData.count; i++) {
      await boss.send(queue, {});
    }
    parentPort.postMessage({ seconds: (now() - begun) / 1000 });
    await boss.stop({ graceful: false });
  }
} else {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const mode = option("mode");
  const jobs = Number(option("jobs", "3000"));
  const warmup = Number(option("warmup", "0"));
  const workers = Number(option("workers", "4"));
  if (!connectionString || !["producer", "drain", "latency"].includes(mode)) {
    process.stderr.write("usage: DATABASE_URL=... node queue.mjs --mode producer|drain|latency [--jobs N] [--warmup N] [--workers N]\n");
    process.exit(2);
  }

  const boss = await open({ useListenNotify: true, schedule: false });
  await boss.createQueue(queue, { notify: true });
  const db = boss.getDb();
  const unfinished = async () => {
    const result = await db.executeSql(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')", [queue]);
    return result.rows[0].n;
  };
  // Polls every 2 ms once every job has at least started; returns when all are completed and committed.
  const whenAllCompleted = async () => {
    while (await unfinished() > 0) await delay(2);
    return now();
  };

  const samples = [];
  let started = 0;
  let startedWaiter;
  const whenStarted = (count) => new Promise((resolve) => {
    startedWaiter = { count, resolve };
    if (started >= count) resolve();
  });
  let producer;
  const work = () => boss.work(
    queue,
    { localConcurrency: workers, batchSize: BatchSize, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
    async (batch) => {
      const at = now();
      for (const job of batch) {
        if (mode === "latency") samples.push(at - job.data.added);
      }
      started += batch.length;
      if (startedWaiter && started >= startedWaiter.count) startedWaiter.resolve();
    });

  const startProducer = (count) => new Promise((resolve, reject) => {
    producer = new Worker(new URL(import.meta.url), { workerData: { mode, count }, env: process.env });
    producer.once("message", resolve);
    producer.once("error", reject);
  });

  let result;
  if (mode === "producer") {
    await work();
    await startProducer(warmup);
    await whenStarted(warmup);
    await whenAllCompleted();
    const begun = now();
    const produced = await startProducer(jobs);
    await whenStarted(warmup + jobs);
    const end = await whenAllCompleted();
    result = { jobs, warmup, seconds: (end - begun) / 1000, rate: jobs / ((end - begun) / 1000), produce_rate: jobs / produced.seconds };
  } else if (mode === "drain") {
    for (let added = 0; added < jobs; added += 1000) {
      await boss.insert(queue, Array.from({ length: Math.min(1000, jobs - added) }, () => ({ data: {} })));
    }
    const begun = now();
    await work();
    await whenStarted(jobs);
    const end = await whenAllCompleted();
    result = { jobs, seconds: (end - begun) / 1000, rate: jobs / ((end - begun) / 1000) };
  } else {
    await work();
    await startProducer(0);
    for (let i = 1; i <= warmup + jobs; i++) {
      // A short pause first, so the workers have gone back to waiting for work when the job arrives.
      await delay(10);
      producer.postMessage("next");
      await whenStarted(i);
      await whenAllCompleted();
    }
    producer.postMessage("stop");
    result = { samples_ms: samples.slice(warmup) };
  }

  await boss.stop({ graceful: false });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
