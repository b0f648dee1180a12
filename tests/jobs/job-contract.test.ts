import { Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeJobSchema, RESULTS_QUEUE, resultJobSchema, sendJobSchema, type ComposeJob, type ResultJob } from '../../src/jobs/digest-jobs.js';
import { composeJob, sendJob } from '../../src/jobs/job-builders.js';
import { composeJobId, resultJobId, sendJobId } from '../../src/jobs/job-ids.js';
import { parsePayload } from '../../src/jobs/parse-payload.js';
import { reportResult } from '../../src/jobs/report-result.js';
import { createRedis } from '../../src/redis.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis-prefix.js';

const composeData: ComposeJob = {
  digestId: 7,
  digestKey: '7.1767225600000',
  period: '2026-11',
  profileKey: 'abc123',
  language: 'en',
  topics: [{ slug: 'education', label: 'Education' }],
  candidates: [
    {
      id: 1,
      kind: 'project',
      title: 'T',
      summary: 'S',
      url: null,
      authors: [],
      venue: null,
      doi: null,
      date: '2026-10-05',
      language: 'en',
      external: false,
      topics: ['education'],
    },
  ],
  cachedSummaries: {},
  dryRun: false,
};

function composedResult(): Extract<ResultJob, { type: 'composed' }> {
  return {
    type: 'composed',
    digestId: 7,
    profileKey: 'abc123',
    composedWith: 'llm',
    llmCalls: 1,
    llmError: null,
    newSummaries: {},
    itemIds: [1],
    profile: { language: 'en', subject: 'November', html: { texts: ['<p>', '</p>'], slots: ['greeting'] }, text: { texts: ['', ''], slots: ['greeting'] } },
  };
}

describe('job ids', () => {
  it('name each piece of work the same way every time', () => {
    expect(composeJobId(7, 'abc123')).toBe('compose-7-abc123');
    expect(sendJobId(7, 42)).toBe('send-7-b42');
    const results: Array<[ResultJob, string]> = [
      [{ type: 'sent', digestId: 7, deliveryId: 42, messageId: '<m@x>', attempts: 1 }, 'sent-7-42'],
      [{ type: 'send-failed', digestId: 7, deliveryId: 42, error: '550', attempts: 1, recipientRejected: true }, 'send-failed-7-42'],
      [{ type: 'compose-failed', digestId: 7, profileKey: 'abc123', error: 'down', llmRequired: true }, 'compose-failed-7-abc123'],
      [{ ...composedResult(), digestId: 7, profileKey: 'abc123' }, 'composed-7-abc123'],
    ];
    for (const [result, id] of results) expect(resultJobId(result)).toBe(id);
    // A batch's report is one per attempt: each may carry news the one before did not.
    const batch: ResultJob = { type: 'send-batch', digestId: 7, batch: 3, attempts: 1, sent: [], failed: [] };
    expect(resultJobId(batch)).toMatch(/^send-batch-7-3-[0-9a-f-]{36}$/);
    expect(resultJobId(batch)).not.toBe(resultJobId(batch));
  });
});

describe('job builders', () => {
  it('make a compose job under its id, with a payload the worker accepts', () => {
    const job = composeJob(composeData);
    expect(job).toEqual({ name: 'compose', data: composeData, opts: { jobId: 'compose-7-abc123' } });
    expect(composeJobSchema.parse(job.data)).toEqual(composeData);
  });

  it('make a send job from a batch of readers, under the batch’s id, with a payload the worker accepts', () => {
    const reader = {
      deliveryId: 42,
      to: 'ana@example.org',
      messageId: '<digest-7.x@labdigest.test>',
      name: 'Ana',
      preferencesUrl: 'http://labdigest.test/preferences/t',
      unsubscribeUrl: 'http://labdigest.test/unsubscribe/t',
    };
    const job = sendJob({ digestId: 7, digestKey: '7.1767225600000' }, 3, 'abc123', [reader]);
    expect(job).toEqual({
      name: 'send',
      data: { digestId: 7, digestKey: '7.1767225600000', batch: 3, profileKey: 'abc123', readers: [reader] },
      opts: { jobId: 'send-7-b3' },
    });
    expect(sendJobSchema.parse(job.data)).toEqual(job.data);
    // A reader's links must be http(s): the worker refuses anything else before filling them in.
    expect(sendJobSchema.safeParse({ ...job.data, readers: [{ ...reader, unsubscribeUrl: 'javascript:alert(1)' }] }).success).toBe(false);
  });
});

describe('parsePayload', () => {
  it('returns the parsed payload, defaults filled in', () => {
    const parsed = parsePayload(resultJobSchema, { type: 'compose-failed', digestId: 1, profileKey: 'k', error: 'x' }, 'result');
    expect(parsed).toEqual({ type: 'compose-failed', digestId: 1, profileKey: 'k', error: 'x', llmRequired: false });
  });

  it('fails a payload that can never succeed with UnrecoverableError, naming what it is', () => {
    const bad = () => parsePayload(sendJobSchema, { digestId: 'one' }, 'send job');
    expect(bad).toThrow(UnrecoverableError);
    expect(bad).toThrow(/^invalid send job: /);
  });
});

describe('reportResult', () => {
  const prefix = uniquePrefix('report-result');
  let redis: Redis;
  let results: Queue<ResultJob>;
  beforeAll(() => {
    redis = createRedis(TEST_REDIS_URL);
    results = new Queue<ResultJob>(RESULTS_QUEUE, { connection: redis, prefix });
  });
  afterAll(async () => {
    await results.close();
    redis.disconnect();
    await deletePrefix(prefix);
  });

  it('queues the result under its stable id, once however often it is sent while it waits', async () => {
    const sent: ResultJob = { type: 'sent', digestId: 7, deliveryId: 42, messageId: '<m@x>', attempts: 1 };
    await reportResult(results, sent);
    await reportResult(results, { ...sent, attempts: 2 });
    await reportResult(results, composedResult());
    const waiting = await results.getJobs(['waiting']);
    expect(waiting.map((j) => [j.id, j.name]).sort()).toEqual([
      ['composed-7-abc123', 'composed'],
      ['sent-7-42', 'sent'],
    ]);
    expect((await results.getJob('sent-7-42'))!.data).toEqual(sent);
    expect(resultJobSchema.parse((await results.getJob('composed-7-abc123'))!.data)).toEqual(composedResult());
  });
});
