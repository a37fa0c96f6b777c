import { ConfigMap } from 'kubernetes-models/v1';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import type { RenderedObject } from './kustomize.js';

/** A Deployment or StatefulSet, reduced to what the policy tests read. */
export interface Workload {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  replicas: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  pod: IPodSpec;
}

export function workloadsOf(objects: RenderedObject[]): Workload[] {
  return objects.flatMap((object): Workload[] => {
    if (!Deployment.is(object) && !StatefulSet.is(object)) return [];
    const template = object.spec?.template;
    if (!template?.spec) throw new Error(`${object.kind}/${object.metadata?.name} has no pod spec`);
    return [
      {
        kind: object.kind,
        name: object.metadata?.name ?? '',
        replicas: object.spec?.replicas ?? 1,
        labels: template.metadata?.labels ?? {},
        annotations: template.metadata?.annotations ?? {},
        pod: template.spec,
      },
    ];
  });
}

/** Kavosh's own processes (gateway and services), as opposed to dev data stores. */
export const isApp = (w: Workload): boolean => w.labels['app.kubernetes.io/part-of'] === 'kavosh';

export const allContainers = (pod: IPodSpec): IContainer[] => [
  ...(pod.initContainers ?? []),
  ...pod.containers,
];

/**
 * The variables a container gets: its `env` names and the keys of the ConfigMaps it loads with
 * `envFrom` (a Secret loaded whole would hide its keys, so the manifests never do that).
 */
export function environmentOf(
  container: IContainer,
  objects: RenderedObject[],
): Map<string, string> {
  const env = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) throw new Error(`${container.name} loads a whole Secret with envFrom`);
    const name = source.configMapRef?.name;
    const configMap = objects.find((o) => ConfigMap.is(o) && o.metadata?.name === name);
    if (!configMap || !ConfigMap.is(configMap)) throw new Error(`ConfigMap ${name} not rendered`);
    for (const [key, value] of Object.entries(configMap.data ?? {})) env.set(key, value);
  }
  for (const variable of container.env ?? []) env.set(variable.name, variable.value ?? '<ref>');
  return env;
}

/** True when every matchLabels pair of the selector is among the labels. */
export function selects(
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

/** The rendered objects a kubernetes-models guard accepts, typed as that model. */
export function pick<T>(objects: RenderedObject[], is: (value: unknown) => value is T): T[] {
  return objects.flatMap((object) => {
    const value: unknown = object;
    return is(value) ? [value] : [];
  });
}
