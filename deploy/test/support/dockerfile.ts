/** One instruction of a Dockerfile, continuation lines joined, with the stage it belongs to. */
export interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** A deliberately small parser: enough to check the invariants, not a full Dockerfile grammar. */
export function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  let stage = -1;
  return joined.split('\n').flatMap((line): Instruction[] => {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) return [];
    const keyword = (match[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage += 1;
    return [{ keyword, args: (match[2] ?? '').trim(), stage }];
  });
}

/** The image a FROM names, with global ARG defaults substituted. */
export function baseImages(instructions: Instruction[]): string[] {
  const globals = new Map<string, string>();
  for (const i of instructions) {
    if (i.stage >= 0) break;
    const arg = /^(\w+)=(\S+)$/.exec(i.args);
    if (i.keyword === 'ARG' && arg) globals.set(arg[1] ?? '', arg[2] ?? '');
  }
  return instructions
    .filter((i) => i.keyword === 'FROM')
    .map((i) =>
      (i.args.split(/\s+/)[0] ?? '').replace(/\$\{(\w+)\}/g, (_, n) => globals.get(n) ?? ''),
    );
}
