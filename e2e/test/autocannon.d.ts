// autocannon ships no types; this declares the part of its programmatic API the tests use.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
  }
  interface Result {
    requests: { total: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  interface Instance {
    /** Ends the run early; the callback then receives the result. */
    stop(): void;
  }
  export default function autocannon(
    opts: Options,
    done: (err: Error | null, result: Result) => void,
  ): Instance;
}
