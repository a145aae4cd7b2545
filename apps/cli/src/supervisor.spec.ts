import { Supervisor } from './supervisor';

const node = process.execPath;

function alive(pid: number | undefined): boolean {
  if (pid === undefined) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Supervisor', () => {
  let sut: Supervisor | undefined;

  afterEach(async () => {
    await sut?.stop();
  });

  it('restarts a crashing child with a growing backoff and never stops the others', async () => {
    const lines: string[] = [];
    sut = new Supervisor(
      [
        { name: 'api', command: node, args: ['-e', 'setInterval(() => {}, 1000)'] },
        { name: 'worker', command: node, args: ['-e', 'process.exit(3)'] },
      ],
      { initialDelayMs: 100, maxDelayMs: 400, resetAfterMs: 60_000, log: (line) => lines.push(line) },
    );
    sut.start();
    const api = sut.child('api')!.pid;
    const started = Date.now();
    while ((sut.restarts.get('worker') ?? 0) < 5 && Date.now() - started < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sut.restarts.get('worker')).toBeGreaterThanOrEqual(5);
    // Backoff: 0.1, 0.2, 0.4, then capped at 0.4 s.
    expect(lines.slice(0, 5)).toEqual([
      'worker stopped (exit 3): starting it again in 0.1 s',
      'worker stopped (exit 3): starting it again in 0.2 s',
      'worker stopped (exit 3): starting it again in 0.4 s',
      'worker stopped (exit 3): starting it again in 0.4 s',
      'worker stopped (exit 3): starting it again in 0.4 s',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100 + 200 + 400 + 400);
    // The api was never touched.
    expect(sut.restarts.get('api')).toBeUndefined();
    expect(sut.child('api')!.pid).toBe(api);
    expect(alive(api)).toBe(true);
  });

  it('restarts a child killed by a signal, and stop() ends every child for good', async () => {
    sut = new Supervisor(
      [
        { name: 'api', command: node, args: ['-e', 'setInterval(() => {}, 1000)'] },
        { name: 'worker', command: node, args: ['-e', 'setInterval(() => {}, 1000)'] },
      ],
      { initialDelayMs: 50, log: () => undefined },
    );
    sut.start();
    const first = sut.child('worker')!.pid!;
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while ((sut.child('worker')?.pid ?? first) === first && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = sut.child('worker')!.pid!;
    expect(second).not.toBe(first);
    const api = sut.child('api')!.pid!;
    await sut.stop();
    expect(alive(api)).toBe(false);
    expect(alive(second)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sut.restarts.get('worker')).toBe(1);
    sut = undefined;
  });
});
