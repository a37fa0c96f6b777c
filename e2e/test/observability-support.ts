import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { parse } from 'yaml';
import type { Pool, PoolConnection } from 'mariadb';
import type { SqlExecutor, TransactionRunner } from '@kavosh/messaging';

/** One span as an OTLP/HTTP JSON export carries it, with its process's service.name. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP numbering: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  links: { traceId: string; spanId: string }[];
}

export const OTLP_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function serviceOf(resource: unknown): string {
  const attributes = isObject(resource) ? list(resource.attributes) : [];
  const name = attributes.find((a) => a.key === 'service.name');
  return isObject(name?.value) ? text(name.value.stringValue) : '';
}

/** The spans of one OTLP/HTTP JSON ExportTraceServiceRequest. */
export function spansOfExport(body: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of list(isObject(body) ? body.resourceSpans : undefined)) {
    const service = serviceOf(resourceSpans.resource);
    for (const scope of list(resourceSpans.scopeSpans)) {
      for (const span of list(scope.spans)) {
        spans.push({
          service,
          traceId: text(span.traceId),
          spanId: text(span.spanId),
          parentSpanId: text(span.parentSpanId) || undefined,
          name: text(span.name),
          kind: typeof span.kind === 'number' ? span.kind : 0,
          links: list(span.links).map((l) => ({
            traceId: text(l.traceId),
            spanId: text(l.spanId),
          })),
        });
      }
    }
  }
  return spans;
}

/**
 * A minimal OTLP/HTTP JSON collector (POST /v1/traces) that keeps every span it is sent: the child
 * processes export to it exactly as they would to a real collector.
 */
export async function startOtlpReceiver(): Promise<{
  endpoint: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      try {
        spans.push(...spansOfExport(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function executor(db: Pool | PoolConnection): SqlExecutor {
  return {
    async $executeRawUnsafe(query, ...values) {
      const result: unknown = await db.query(query, values);
      return isObject(result) ? Number(result.affectedRows ?? 0) : 0;
    },
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> {
      const rows: T = await db.query(query, values);
      return rows;
    },
  };
}

/** @kavosh/messaging's TransactionRunner on a plain mariadb pool (the test's own consumer). */
export function poolRunner(pool: Pool): TransactionRunner {
  return {
    ...executor(pool),
    async $transaction(fn) {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        const result = await fn(executor(conn));
        await conn.commit();
        return result;
      } catch (err) {
        await conn.rollback();
        throw err;
      } finally {
        await conn.release();
      }
    },
  };
}

const DASHBOARDS_DIR = new URL('../../infra/grafana/dashboards/', import.meta.url);
const RULES_DIR = new URL('../../infra/prometheus/rules/', import.meta.url);

/** Every dashboard JSON under infra/grafana/dashboards, by file name. */
export async function loadDashboards(): Promise<Map<string, Json>> {
  const dashboards = new Map<string, Json>();
  for (const file of (await readdir(DASHBOARDS_DIR)).filter((f) => f.endsWith('.json')).sort()) {
    const parsed: unknown = JSON.parse(await readFile(new URL(file, DASHBOARDS_DIR), 'utf8'));
    if (!isObject(parsed)) throw new Error(`${file} is not a JSON object`);
    dashboards.set(file, parsed);
  }
  return dashboards;
}

/** Every rule file under infra/prometheus/rules, parsed, by file name. */
export async function loadRuleFiles(): Promise<Map<string, unknown>> {
  const files = new Map<string, unknown>();
  for (const file of (await readdir(RULES_DIR)).filter((f) => f.endsWith('.yml')).sort()) {
    files.set(file, parse(await readFile(new URL(file, RULES_DIR), 'utf8')));
  }
  return files;
}

/** The panels of a dashboard, rows' nested panels included. */
export function panelsOf(dashboard: Json): Json[] {
  return list(dashboard.panels).flatMap((panel) => [panel, ...list(panel.panels)]);
}

/** Every PromQL expression of a dashboard's panels and of the alert rules, with where it is. */
export async function queriesInUse(): Promise<{ where: string; expr: string }[]> {
  const queries: { where: string; expr: string }[] = [];
  for (const [file, dashboard] of await loadDashboards()) {
    for (const panel of panelsOf(dashboard)) {
      for (const target of list(panel.targets)) {
        queries.push({ where: `${file}: ${text(panel.title)}`, expr: text(target.expr) });
      }
    }
  }
  for (const [file, content] of await loadRuleFiles()) {
    for (const group of list(isObject(content) ? content.groups : undefined)) {
      for (const rule of list(group.rules)) {
        queries.push({ where: `${file}: ${text(rule.alert)}`, expr: text(rule.expr) });
      }
    }
  }
  return queries;
}

/**
 * The metric names an expression selects. Our dashboards and rules always write a selector with
 * braces (`name{}` when there is no matcher), so a name is an identifier right before `{`.
 */
export function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1] ?? '');
}

// Written by Prometheus itself for each target, never by a process.
const PROMETHEUS_SERIES = new Set(['up', 'ALERTS', 'scrape_duration_seconds']);

/** Whether a /metrics text declares `name` (a histogram's _bucket/_count/_sum by its base name). */
export function declares(metricsText: string, name: string): boolean {
  if (PROMETHEUS_SERIES.has(name)) return true;
  const types = new Map(
    [...metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  if (types.has(name)) return true;
  const base = /^(.+)_(bucket|count|sum)$/.exec(name)?.[1];
  const type = base === undefined ? undefined : types.get(base);
  return type === 'histogram' || type === 'summary';
}
