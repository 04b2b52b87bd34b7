import { parentPort } from 'node:worker_threads';
import { type UnderstandOptions, understandMessage, warmUpNlu } from './understand-message.ts';

// The NLU thread: trains the classifier and compiles the recognizers once, then answers requests.
// Listening starts at once (requests sent during the warm-up wait for it, none is lost).

export interface NluRequest {
  id: number;
  text: string | null;
  options: Omit<UnderstandOptions, 'classifier'>;
}

const port = parentPort;
if (!port) throw new Error('nlu.worker.ts runs in a worker thread');
const ready = warmUpNlu();
port.on('message', async (request: NluRequest) => {
  try {
    await ready;
    port.postMessage({ id: request.id, result: await understandMessage(request.text, request.options) });
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
