import { styleText } from 'node:util';
import { prettyFactory } from 'pino-pretty';

type Color = Parameters<typeof styleText>[0];

const NAME_COLORS: Color[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];
export const NAME_WIDTH = 8;

/** Prefixes every line with a fixed-width, colored name: `auth    | …`. */
export function linePrefixer(
  name: string,
  index: number,
  color: boolean,
): (line: string) => string {
  const padded = name.padEnd(NAME_WIDTH);
  const styled = color
    ? styleText(NAME_COLORS[index % NAME_COLORS.length] ?? 'cyan', padded)
    : padded;
  return (line) => `${styled}| ${line}`;
}

/** Turns one pino JSON line into readable text; any other line is returned unchanged. */
export function logLineFormatter(color: boolean): (line: string) => string {
  const pretty = prettyFactory({
    colorize: color,
    translateTime: 'SYS:HH:MM:ss.l',
    // The line prefix already names the process.
    ignore: 'pid,hostname,service',
    singleLine: false,
  });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || !('level' in parsed)) return line;
      return pretty(parsed).replace(/\n$/, '');
    } catch {
      // Not JSON after all (a line that merely starts with "{"): show it as is.
      return line;
    }
  };
}

export const bold = (text: string, color: boolean): string =>
  color ? styleText('bold', text) : text;
export const red = (text: string, color: boolean): string =>
  color ? styleText('red', text) : text;
