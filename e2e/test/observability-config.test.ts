import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  declares,
  loadDashboards,
  loadRuleFiles,
  metricNamesIn,
  panelsOf,
} from './observability-support.js';

const read = async (path: string): Promise<unknown> =>
  parse(await readFile(new URL(`../../${path}`, import.meta.url), 'utf8'));

const PANEL_TYPES = new Set(['row', 'timeseries', 'stat', 'text', 'table', 'gauge', 'bargauge']);
const SERVICES = ['gateway', 'auth', 'catalog', 'billing', 'social'];

describe('Grafana dashboards', () => {
  it('are one overview, messaging, business and one per service, each with a unique uid', async () => {
    const dashboards = await loadDashboards();
    const uids = [...dashboards.values()].map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toEqual(
      expect.arrayContaining([
        'kavosh-overview',
        'kavosh-messaging',
        'kavosh-business',
        ...SERVICES.map((s) => `kavosh-${s}`),
      ]),
    );
  });

  it('follow the dashboard schema: titled panels on the 24-column grid, queried from Prometheus', async () => {
    const datasources = await read('infra/grafana/provisioning/datasources/prometheus.yml');
    expect(datasources).toMatchObject({
      apiVersion: 1,
      datasources: [{ uid: 'prometheus', type: 'prometheus' }],
    });
    for (const [file, dashboard] of await loadDashboards()) {
      expect(dashboard, file).toMatchObject({
        title: expect.stringMatching(/^Kavosh \/ /),
        uid: expect.stringMatching(/^[a-z0-9-]{1,40}$/),
        schemaVersion: expect.any(Number),
        time: { from: expect.any(String), to: expect.any(String) },
      });
      const panels = panelsOf(dashboard);
      expect(panels.length, file).toBeGreaterThan(3);
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size, `${file}: panel ids`).toBe(ids.length);
      for (const panel of panels) {
        const where = `${file}: ${String(panel.title)}`;
        expect(PANEL_TYPES.has(String(panel.type)), where).toBe(true);
        expect(panel.title, where).toEqual(expect.any(String));
        expect(panel.gridPos, where).toMatchObject({
          x: expect.any(Number),
          y: expect.any(Number),
          w: expect.any(Number),
          h: expect.any(Number),
        });
        const { x, w } = panel.gridPos as { x: number; w: number };
        expect(x + w, where).toBeLessThanOrEqual(24);
        if (panel.type === 'row' || panel.type === 'text') continue;
        expect(panel.datasource, where).toEqual({ type: 'prometheus', uid: 'prometheus' });
        const targets = panel.targets as { refId: unknown; expr: unknown }[];
        expect(targets.length, where).toBeGreaterThan(0);
        for (const target of targets) {
          expect(target.refId, where).toMatch(/^[A-Z]$/);
          expect(metricNamesIn(String(target.expr)).length, where).toBeGreaterThan(0);
        }
      }
    }
  });

  it('are provisioned from the folder docker-compose mounts', async () => {
    const provider = await read('infra/grafana/provisioning/dashboards/kavosh.yml');
    expect(provider).toMatchObject({
      providers: [{ type: 'file', options: { path: '/var/lib/grafana/dashboards' } }],
    });
    const compose = await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    expect(compose).toContain('./infra/grafana/dashboards:/var/lib/grafana/dashboards:ro');
  });
});

describe('Prometheus configuration and alert rules', () => {
  it('scrapes every process with its service label and loads the rules compose mounts', async () => {
    const config = (await read('infra/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { static_configs: { labels: { service: string } }[] }[];
    };
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    const services = config.scrape_configs.flatMap((job) =>
      job.static_configs.map((target) => target.labels.service),
    );
    expect(services.sort()).toEqual([...SERVICES].sort());
    const compose = await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    expect(compose).toContain('./infra/prometheus/rules:/etc/prometheus/rules:ro');
  });

  it('has alerts for errors, latency, outbox lag, DLQ, consumers and targets, each well formed', async () => {
    const alerts: string[] = [];
    for (const [file, content] of await loadRuleFiles()) {
      const { groups } = content as {
        groups: { name: string; rules: Record<string, unknown>[] }[];
      };
      expect(groups.length, file).toBeGreaterThan(0);
      for (const group of groups) {
        expect(group.name, file).toMatch(/^[a-z0-9-]+$/);
        for (const rule of group.rules) {
          const where = `${file}: ${String(rule.alert)}`;
          expect(rule.alert, where).toMatch(/^Kavosh[A-Za-z0-9]+$/);
          expect(metricNamesIn(String(rule.expr)).length, where).toBeGreaterThan(0);
          if (rule.for !== undefined) expect(rule.for, where).toMatch(/^\d+[smh]$/);
          expect(rule.labels, where).toMatchObject({
            severity: expect.stringMatching(/^(page|ticket)$/),
          });
          expect(rule.annotations, where).toMatchObject({
            summary: expect.any(String),
            description: expect.any(String),
          });
          alerts.push(String(rule.alert));
        }
      }
    }
    expect(new Set(alerts).size).toBe(alerts.length);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'KavoshHighErrorRate',
        'KavoshHighLatencyP99',
        'KavoshOutboxLag',
        'KavoshDlqNotEmpty',
        'KavoshConsumerDown',
        'KavoshTargetDown',
      ]),
    );
  });
});

describe('metric lookup in a /metrics text', () => {
  const text = [
    '# HELP kavosh_outbox_lag_seconds Age of the oldest unsent outbox event',
    '# TYPE kavosh_outbox_lag_seconds gauge',
    'kavosh_outbox_lag_seconds 0',
    '# TYPE http_request_duration_seconds histogram',
  ].join('\n');

  it('finds declared metrics, histogram series by their base name, and Prometheus own series', () => {
    expect(declares(text, 'kavosh_outbox_lag_seconds')).toBe(true);
    expect(declares(text, 'http_request_duration_seconds_bucket')).toBe(true);
    expect(declares(text, 'http_request_duration_seconds_count')).toBe(true);
    expect(declares(text, 'up')).toBe(true);
  });

  it('misses what no process declares', () => {
    expect(declares(text, 'kavosh_outbox_lag_seconds_count')).toBe(false);
    expect(declares(text, 'kavosh_auth_signing_key_age_seconds')).toBe(false);
  });

  it('reads the metric names of an expression from its selectors', () => {
    expect(
      metricNamesIn('sum by (le) (rate(a_bucket{x="1"}[5m])) / sum(rate(b_total{}[5m]))'),
    ).toEqual(['a_bucket', 'b_total']);
  });
});
