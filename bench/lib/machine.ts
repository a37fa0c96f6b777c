import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';

export interface Machine {
  cpus: { model: string; count: number };
  memoryBytes: number;
  node: string;
  os: string;
  gitSha: string;
}

const gitSha = (): string => {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout (an exported tarball): the figures still stand, without a commit.
    return 'unknown';
  }
};

/** Describes where the figures were measured, for results/<name>.json. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpus: { model: list[0]?.model.trim() ?? 'unknown', count: list.length },
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
    gitSha: gitSha(),
  };
}
