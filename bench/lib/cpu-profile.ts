// Summarises a V8 .cpuprofile (node --cpu-prof) as the functions with the most self time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  percent: number;
}

const shortUrl = (url: string): string =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/work\/main\//, '');

/**
 * The main thread's profile among those --cpu-prof wrote to `dir`: every thread writes its own
 * (tsx's loader runs on another), and the main thread's, the one serving requests, is the largest.
 */
export function mainThreadProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(dir, name));
  const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (largest === undefined) throw new Error(`no .cpuprofile in ${dir}`);
  return largest;
}

/** The `top` entries by self time of a .cpuprofile file, as a share of the busy time
 * (idle excluded; GC and native "(program)" time included). */
export function topSelfTime(file: string, top = 10): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim()
      : '(unknown)';
    if (name === '(idle)') return;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, micros]) => ({ fn, percent: Math.round((micros / total) * 1000) / 10 }));
}
