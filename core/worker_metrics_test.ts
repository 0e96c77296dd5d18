import assert from "node:assert/strict";
import { Metrics, renderMetrics } from "./metrics.ts";
import { WorkerMetrics } from "./worker_metrics.ts";

Deno.test("WorkerMetrics - one worker renders its own counters without labels", async () => {
  const metrics = new Metrics();
  metrics.messagesIn = 3;
  const gatherer = new WorkerMetrics(metrics, "a", 1);
  const sets = await gatherer.gather();
  const { memory: _, ...counters } = metrics.snapshot();
  assert.deepEqual(sets.map((s) => s.labels), [{}]);
  assert.deepEqual({ ...sets[0].snapshot, memory: undefined }, {
    ...counters,
    memory: undefined,
  });
  assert.match(renderMetrics(sets), /^echo_messages_received_total 3$/m);
  gatherer.close();
});

Deno.test("WorkerMetrics - several workers answer over the channel, each labelled", async () => {
  const a = new Metrics();
  const b = new Metrics();
  a.messagesIn = 5;
  b.messagesIn = 7;
  b.countClose(1000);
  a.countRejection("origin");
  const workerA = new WorkerMetrics(a, "a", 2);
  const workerB = new WorkerMetrics(b, "b", 2);
  try {
    const text = renderMetrics(await workerA.gather());
    assert.match(text, /^echo_messages_received_total\{worker="a"\} 5$/m);
    assert.match(text, /^echo_messages_received_total\{worker="b"\} 7$/m);
    assert.match(text, /^echo_closes_total\{worker="b",code="1000"\} 1$/m);
    assert.match(
      text,
      /^echo_rejections_total\{worker="a",reason="origin"\} 1$/m,
    );
    // HELP and TYPE once per metric, whatever the number of workers.
    assert.equal(text.match(/# TYPE echo_messages_received_total/g)?.length, 1);
  } finally {
    workerA.close();
    workerB.close();
  }
});
