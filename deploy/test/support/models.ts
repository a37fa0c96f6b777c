import {
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

interface TypeMeta {
  apiVersion: string;
  kind: string;
}

// The shape every kubernetes-models class has: a type guard on apiVersion/kind and validate().
interface ModelClass<T extends TypeMeta> {
  apiVersion: string;
  kind: string;
  is: (value: unknown) => value is T;
  new (data: T): { validate(): void };
}

type Validator = (value: unknown) => void;

const entry = <T extends TypeMeta>(model: ModelClass<T>): [string, Validator] => [
  `${model.apiVersion}/${model.kind}`,
  (value) => {
    if (!model.is(value)) throw new Error(`not a ${model.apiVersion} ${model.kind}`);
    new model(value).validate();
  },
];

// Every kind the overlays may render; a new kind must be added here to be validated at all.
const VALIDATORS = new Map<string, Validator>([
  entry(Namespace),
  entry(ConfigMap),
  entry(PersistentVolumeClaim),
  entry(Service),
  entry(ServiceAccount),
  entry(Deployment),
  entry(StatefulSet),
  entry(CronJob),
  entry(HorizontalPodAutoscaler),
  entry(PodDisruptionBudget),
  entry(Ingress),
  entry(NetworkPolicy),
]);

/** Validates against the Kubernetes OpenAPI schema of its apiVersion and kind; throws the errors. */
export function validateObject(object: TypeMeta): void {
  const validate = VALIDATORS.get(`${object.apiVersion}/${object.kind}`);
  if (!validate) throw new Error(`no schema known for ${object.apiVersion} ${object.kind}`);
  validate(object);
}
