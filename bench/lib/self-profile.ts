// A bench server profiles itself from the moment it is ready until it exits, so that its
// .cpuprofile shows the requests, not the start (--cpu-prof is refused in NODE_OPTIONS and would
// record the loading of every module too).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/** When BENCH_CPU_PROFILE_DIR is set: starts the V8 profiler now, writes a .cpuprofile there at exit. */
export function profileUntilExit(env: Record<string, string | undefined>): void {
  const dir = env.BENCH_CPU_PROFILE_DIR;
  if (!dir) return;
  const session = new Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // A session on the main thread answers synchronously, so the profile is written before exit.
  process.once('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err)
        writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
