// graphile-worker with its documented fast settings (concurrency 4, LISTEN/NOTIFY, a local queue of concurrency + 1
// jobs, job completions batched with a delay of 0), no-op tasks, on the database named by DATABASE_URL.
// Prints one JSON line.
//
//   node queue.mjs --mode producer --jobs 3000 --warmup 300   {"rate", "seconds", "produce_rate"}: a producer thread
//        adds one job per transaction (addJob) while the runner works; the clock runs from the first add after the
//        warm-up to the last job's completion written back.
//   node queue.mjs --mode drain --jobs 5000                    {"rate", "seconds"}: the queue is filled first (in
//        batches), then the runner starts; the clock runs from starting it to the last completion written back.
//   node queue.mjs --mode latency --jobs 100 --warmup 10       {"samples_ms"}: an idle queue; a producer thread adds
//        one job, the runner's task records add → start, and the next job follows once the runner is idle again.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { Logger, makeWorkerUtils, run } from "graphile-worker";

const quiet = new Logger(() => (level, message) => {
  if (level === "error") process.stderr.write(`${message}\n`);
});
const now = () => performance.timeOrigin + performance.now();
const connectionString = process.env.DATABASE_URL;

if (!isMainThread) {
  // The producer: its own connection, one addJob (one committed transaction) after another.
  const utils = await makeWorkerUtils({ connectionString, logger: quiet, maxPoolSize: 1 });
  if (workerData.mode === "latency") {
    parentPort.on("message", async (message) => {
      if (message === "stop") {
        await utils.release();
        parentPort.close();
        return;
      }
      // A short pause first, so the runner has gone back to waiting for work (LISTEN) when the job arrives.
      await new Promise((resolve) => setTimeout(resolve, 10));
      await utils.addJob("noop", { added: now() });
    });
    parentPort.postMessage("ready");
  } else {
    const begun = now();
    for (let i = 0; i < workerData.count; i++) {
      await utils.addJob("noop", {});
    }
    parentPort.postMessage({ seconds: (now() - begun) / 1000 });
    await utils.release();
  }
} else {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const mode = option("mode");
  const jobs = Number(option("jobs", "3000"));
  const warmup = Number(option("warmup", "0"));
  const concurrency = Number(option("workers", "4"));
  if (!connectionString || !["producer", "drain", "latency"].includes(mode)) {
    process.stderr.write("usage: DATABASE_URL=... node queue.mjs --mode producer|drain|latency [--jobs N] [--warmup N] [--workers N]\n");
    process.exit(2);
  }

  const samples = [];
  let producer;
  const taskList = {
    noop: async (payload) => {
      if (mode === "latency") samples.push(now() - payload.added);
    },
  };

  let completed = 0;
  let waiter;
  const whenCompleted = (count) => new Promise((resolve) => {
    waiter = { count, resolve };
    if (completed >= count) resolve(now());
  });

  const start = async () => {
    const runner = await run({
      connectionString,
      concurrency,
      noHandleSignals: true,
      logger: quiet,
      taskList,
      preset: { worker: { localQueue: { size: concurrency + 1 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    // "job:complete" is emitted once the result has been written back to the database.
    runner.events.on("job:complete", () => {
      completed++;
      if (waiter && completed >= waiter.count) waiter.resolve(now());
      // The next job once this one's completion is written back: the queue is idle again.
      if (mode === "latency" && completed < warmup + jobs) producer.postMessage("next");
    });
    return runner;
  };

  const startProducer = (count) => new Promise((resolve, reject) => {
    producer = new Worker(new URL(import.meta.url), { workerData: { mode, count }, env: process.env });
    producer.once("message", resolve);
    producer.once("error", reject);
  });

  let result;
  if (mode === "producer") {
    const runner = await start();
    await startProducer(warmup);
    await whenCompleted(warmup);
    const begun = now();
    const finished = whenCompleted(warmup + jobs);
    const produced = await startProducer(jobs);
    const end = await finished;
    await runner.stop();
    result = { jobs, warmup, seconds: (end - begun) / 1000, rate: jobs / ((end - begun) / 1000), produce_rate: jobs / produced.seconds };
  } else if (mode === "drain") {
    const utils = await makeWorkerUtils({ connectionString, logger: quiet });
    await utils.migrate();
    for (let added = 0; added < jobs; added += 1000) {
      const batch = Math.min(1000, jobs - added);
      await utils.addJobs(Array.from({ length: batch }, () => ({ identifier: "noop", payload: {} })));
    }
    await utils.release();
    const begun = now();
    const finished = whenCompleted(jobs);
    const runner = await start();
    const end = await finished;
    await runner.stop();
    result = { jobs, seconds: (end - begun) / 1000, rate: jobs / ((end - begun) / 1000) };
  } else {
    const runner = await start();
    await startProducer(0);
    const allDone = whenCompleted(warmup + jobs);
    producer.postMessage("next");
    await allDone;
    producer.postMessage("stop");
    await runner.stop();
    result = { samples_ms: samples.slice(warmup) };
  }

  process.stdout.write(`${JSON.stringify(result)}\n`);
}
