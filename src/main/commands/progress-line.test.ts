import { describe, expect, it } from 'vitest';
import { createProgressLine } from './progress-line.ts';

function setup(isTTY: boolean) {
  let time = 0;
  const written: string[] = [];
  const line = createProgressLine(
    { write: (text: string) => written.push(text) },
    { isTTY, now: () => time },
  );
  return { line, written, advance: (ms: number) => (time += ms) };
}

describe('createProgressLine', () => {
  it('redraws in place on a terminal at most every 100 ms', () => {
    const { line, written, advance } = setup(true);
    let renders = 0;
    const render = () => `step ${++renders}`;
    for (let tick = 0; tick < 10; tick++) {
      advance(30);
      line.update(render);
    }
    // 300 ms in 30 ms steps: drawn at 120, 240 (render is not even called in between).
    expect(written).toEqual(['\rstep 1\x1b[K', '\rstep 2\x1b[K']);
    line.finish('done');
    expect(written.slice(-2)).toEqual(['\rdone\x1b[K', '\n']);
  });

  it('prints plain lines every 2 s when not a terminal', () => {
    const { line, written, advance } = setup(false);
    for (let tick = 0; tick < 10; tick++) {
      advance(500);
      line.update(() => `at ${tick}`);
    }
    expect(written).toEqual(['at 3\n', 'at 7\n']);
    line.finish('done');
    expect(written.at(-1)).toBe('done\n');
  });

  it('clears a half-drawn terminal line before an error', () => {
    const { line, written, advance } = setup(true);
    advance(200);
    line.update(() => 'busy');
    line.clear();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });
});
