/**
 * Domain events inside one process: services queue them with `emitAfterCommit(transaction, …)`
 * and listeners (the realtime layer) hear them only once that transaction has committed
 * (DESIGN §4 rule 5). A rolled-back transaction never runs its afterCommit hooks, and a retried
 * one is a new transaction, so only the attempt that committed is heard.
 *
 * Sequelize 6 runs afterCommit hooks in a `finally`, i.e. also when COMMIT itself fails (a
 * connection lost, a Galera certification failure). So the transaction's commit is wrapped to note
 * a failure, and the hook delivers on the next macrotask, after that note is made; a failed
 * COMMIT delivers nothing.
 *
 * The bus is per process. Other processes learn of a change through the Socket.IO adapter
 * (Redis), which carries what the realtime layer emits, never these raw events.
 */
import { EventEmitter } from 'node:events';
import type { Transaction } from 'sequelize';
import type { DomainEvent, DomainEventMap, DomainEventName } from '../../shared/events';
import { getLogger } from '../logging/logger';

const log = getLogger('realtime');

type Listener<K extends DomainEventName> = (payload: DomainEventMap[K]) => void;

export class DomainEventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per realtime server; tests build many.
    this.#emitter.setMaxListeners(0);
  }

  on<K extends DomainEventName>(name: K, listener: Listener<K>): () => void {
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }

  /** Every event, for a listener that relays them all. */
  onAny(listener: (event: DomainEvent) => void): () => void {
    this.#emitter.on('*', listener);
    return () => this.#emitter.off('*', listener);
  }

  /** Delivers now: only for code that has no transaction (a job's progress); else emitAfterCommit. */
  emit(event: DomainEvent): void {
    for (const name of [event.name, '*'] as const) {
      for (const listener of this.#emitter.listeners(name)) {
        try {
          (listener as (p: unknown) => void)(name === '*' ? event : event.payload);
        } catch (error) {
          // A listener's failure must not reach the service whose change already committed.
          log.error('Domain event listener failed', { event: event.name, error });
        }
      }
    }
  }
}

/** The process's bus. */
export const domainEvents = new DomainEventBus();

interface Pending {
  events: DomainEvent[];
  /** Work of this process that must see the commit (the city snapshot), before the events. */
  tasks: (() => void)[];
  commitFailed: boolean;
}

const pending = new WeakMap<Transaction, Pending>();

function pendingFor(transaction: Transaction, bus: DomainEventBus): Pending {
  const known = pending.get(transaction);
  if (known) return known;
  const created: Pending = { events: [], tasks: [], commitFailed: false };
  pending.set(transaction, created);
  const commit = transaction.commit.bind(transaction);
  transaction.commit = async () => {
    try {
      await commit();
    } catch (error) {
      created.commitFailed = true;
      throw error;
    }
  };
  // Sequelize runs afterCommit hooks even when COMMIT failed: hence commitFailed.
  transaction.afterCommit(() => {
    if (created.commitFailed) return;
    for (const task of created.tasks) task();
    setImmediate(() => {
      if (created.commitFailed) return;
      for (const event of created.events) bus.emit(event);
    });
  });
  return created;
}

/** Runs `task` once `transaction` has committed; never if it rolls back or its COMMIT fails. */
export function runAfterCommit(transaction: Transaction, task: () => void): void {
  pendingFor(transaction, domainEvents).tasks.push(task);
}

/**
 * Queues `event` to be heard once `transaction` commits; never if it rolls back or its COMMIT
 * fails. Events of one transaction are heard in the order they were queued.
 */
export function emitAfterCommit(
  transaction: Transaction,
  event: DomainEvent,
  bus: DomainEventBus = domainEvents,
): void {
  pendingFor(transaction, bus).events.push(event);
}
