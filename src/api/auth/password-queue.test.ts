import { describe, expect, it } from 'vitest';
import { PasswordQueue } from './password-queue.ts';

/** A task that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the password hashing queue', () => {
  it('runs at most `concurrency` hashes, and one address never takes a second slot', async () => {
    const queue = new PasswordQueue({ concurrency: 2, perKey: 5, maxWaiting: 10 });
    const log: string[] = [];
    const flood = [1, 2, 3].map((n) => gate(log, `attacker ${n}`));
    const runs = flood.map((g) => queue.run('203.0.113.9', g.task));
    await tick();
    expect(log).toEqual(['attacker 1']);
    const agent = gate(log, 'agent');
    const agentRun = queue.run('198.51.100.4', agent.task);
    await tick();
    expect(log).toEqual(['attacker 1', 'agent']);
    expect(queue.running).toBe(2);
    agent.finish();
    expect(await agentRun).toEqual({ admitted: true, value: 'agent' });
    for (const g of flood) g.finish();
    expect(await Promise.all(runs)).toHaveLength(3);
    expect(log).toEqual(['attacker 1', 'agent', 'attacker 2', 'attacker 3']);
  });

  it('takes turns between addresses when every slot is busy', async () => {
    const queue = new PasswordQueue({ concurrency: 1, perKey: 5, maxWaiting: 10 });
    const log: string[] = [];
    const gates = ['a1', 'a2', 'a3', 'b1', 'c1'].map((name) => gate(log, name));
    const runs = gates.map((g, i) => queue.run(['a', 'a', 'a', 'b', 'c'][i]!, g.task));
    for (const g of gates) {
      await tick();
      g.finish();
      await tick();
    }
    await Promise.all(runs);
    expect(log).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
  });

  it('turns away an address over its share and a full queue, at once', async () => {
    const queue = new PasswordQueue({ concurrency: 1, perKey: 2, maxWaiting: 3 });
    const log: string[] = [];
    const held = [gate(log, 'x1'), gate(log, 'x2')];
    const runs = held.map((g) => queue.run('x', g.task));
    expect(await queue.run('x', async () => 'x3')).toEqual({ admitted: false });
    const others = ['y', 'z'].map((key) => queue.run(key, async () => key));
    expect(await queue.run('w', async () => 'w')).toEqual({ admitted: false });
    for (const g of held) g.finish();
    await Promise.all([...runs, ...others]);
    expect(queue.running).toBe(0);
    expect(await queue.run('x', async () => 'again')).toEqual({ admitted: true, value: 'again' });
  });

  it('frees the slot when a hash fails', async () => {
    const queue = new PasswordQueue({ concurrency: 1 });
    await expect(queue.run('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run('x', async () => 1)).toEqual({ admitted: true, value: 1 });
  });
});
