export {
  createEvent,
  CloudEventEnvelope,
  type CloudEvent,
  type CreateEventOptions,
} from './event.js';
export { publishInTx } from './outbox.js';
export { OutboxRelay, LeaseLostError, type OutboxRelayOptions } from './outbox-relay.js';
export { listParked, resendParked, type ParkedEvent } from './parked.js';
export { Broker, type BrokerOptions, type ConnectHook, type PublishOptions } from './connection.js';
export {
  DEFAULT_EXCHANGE,
  declareTopology,
  consumerTopology,
  declareConsumerTopology,
  deleteConsumerTopology,
  type ConsumerTopology,
  type QueueDeclaration,
} from './topology.js';
export { Consumer, subscribe, DEFAULT_RETRY_DELAYS_MS, type SubscribeOptions } from './consumer.js';
export { defineHandler, type EventHandler, type HandlerContext } from './handler.js';
export { HEADERS } from './retry.js';
export { listDlq, replayDlq, purgeDlq, dlqName, type DlqMessage } from './dlq.js';
export { pruneInbox } from './inbox.js';
export { BrokerUnavailableError, UnroutableError, PublishNotConfirmedError } from './errors.js';
export {
  poolRunner,
  TransactionTimeoutError,
  type SqlExecutor,
  type TransactionRunner,
  type TransactionOptions,
  type IsolationLevel,
  type MariaDbPoolLike,
  type MariaDbConnectionLike,
} from './sql-client.js';
export { Messaging, type MessagingOptions } from './messaging.js';
export {
  PUBLISHER_HEADER,
  allowedPublishers,
  amqpUser,
  parseEventPublishers,
  producerOf,
  serviceUser,
  type EventPublishers,
} from './publishers.js';
export {
  brokerPermissions,
  provisionBrokerUsers,
  type BrokerAccount,
  type BrokerPermissions,
} from './provision.js';
