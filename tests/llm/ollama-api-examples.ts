/**
 * Response bodies copied from Ollama's own documentation (docs/api.md and docs/api/errors.mdx of
 * github.com/ollama/ollama at commit fb30760). The stand-in's replies must have the same keys and types.
 */

/** "Chat request (Structured outputs)": the non-streaming reply. */
export const chatResponse = {
  model: 'llama3.1',
  created_at: '2024-12-06T00:46:58.265747Z',
  message: { role: 'assistant', content: '{"age": 22, "available": false}' },
  done_reason: 'stop',
  done: true,
  total_duration: 2254970291,
  load_duration: 574751416,
  prompt_eval_count: 34,
  prompt_eval_duration: 1502000000,
  eval_count: 12,
  eval_duration: 175000000,
};

/**
 * "Chat request (Streaming)": one chunk. The docs show `"images": null`; current servers omit it
 * (Message.Images is omitempty), so it is left out here.
 */
export const chatStreamChunk = {
  model: 'llama3.2',
  created_at: '2023-08-04T08:52:19.385406455-07:00',
  message: { role: 'assistant', content: 'The' },
  done: false,
};

/** "Chat request (Streaming with tools)": the final frame, with done_reason and metrics. */
export const chatStreamFinal = {
  model: 'llama3.2',
  created_at: '2025-07-07T20:22:19.19314Z',
  message: { role: 'assistant', content: '' },
  done_reason: 'stop',
  done: true,
  total_duration: 182242375,
  load_duration: 41295167,
  prompt_eval_count: 169,
  prompt_eval_duration: 24573166,
  eval_count: 15,
  eval_duration: 115959084,
};

/** "Generate request (Structured outputs)": the non-streaming reply (the streamed final frame has the same keys). */
export const generateResponse = {
  model: 'llama3.1:8b',
  created_at: '2024-12-06T00:48:09.983619Z',
  response: '{\n  "age": 22,\n  "available": true\n}',
  done: true,
  done_reason: 'stop',
  context: [1, 2, 3],
  total_duration: 1075509083,
  load_duration: 567678166,
  prompt_eval_count: 28,
  prompt_eval_duration: 236000000,
  eval_count: 16,
  eval_duration: 269000000,
};

/** "Generate request (Streaming)": one chunk. */
export const generateStreamChunk = {
  model: 'llama3.2',
  created_at: '2023-08-04T08:52:19.385406455-07:00',
  response: 'The',
  done: false,
};

/** "List Local Models". */
export const tagsResponse = {
  models: [
    {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-05-04T17:37:44.706015396-07:00',
      size: 2019393189,
      digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    },
  ],
};

/** "Version". */
export const versionResponse = { version: '0.5.1' };

/** errors.mdx: every error body. */
export const errorResponse = { error: 'the model failed to generate a response' };

/** The shape of a JSON value: the same keys (sorted) and the same types, all the way down. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? ['array', shapeOf(value[0])] : ['array'];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}
