/**
 * The room core of the server: sending local events and persisting events (local or
 * received) with their state, the room's current state and forward extremities, and
 * handing new local events to the outbound sender.
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import {
  authEventTypesFor,
  prevEventIds,
  stateKeyOf,
  type RoomEvent,
  type RoomVersion,
  type SigningKey,
  type StateKey,
} from '@maxtryx/federation-core';
import type { EventStatus, Store } from '@maxtryx/storage-adapters';
import type { TransactionSender } from '../federation/sender.js';
import type { Logger } from '../logger.js';
import { buildEvent, toFederationPdu, type EventTemplate } from './build-event.js';
import { KeyedMutex, roomVersionOfCreate, serverOf, toRoomEvent } from './room-events.js';
import { loadStateEvents, resolveStates, stateAfter, stateChange, type StateIds } from './room-state.js';

const CREATE_KEY = stateKeyOf('m.room.create', '');

/** What the service needs around it. */
export interface RoomServiceDeps {
  readonly store: Store;
  readonly serverName: string;
  readonly signingKey: () => SigningKey;
  readonly sender: TransactionSender;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** A room as the server knows it now. */
export interface RoomContext {
  readonly roomId: string;
  readonly roomVersion: RoomVersion;
  readonly createEvent: RoomEvent;
  readonly currentState: StateIds;
}

/** The room core. */
export class RoomService {
  readonly mutex = new KeyedMutex();
  private readonly now: () => number;

  constructor(readonly deps: RoomServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  get store(): Store {
    return this.deps.store;
  }

  /** The room's version, create event and current state, or undefined for a room we do not know. */
  async context(roomId: string): Promise<RoomContext | undefined> {
    const currentState = await this.store.getCurrentState(roomId);
    const createId = currentState.get(CREATE_KEY);
    if (!createId) return undefined;
    const create = await this.store.getEvent(createId);
    if (!create) return undefined;
    const createEvent = toRoomEvent(create);
    return { roomId, roomVersion: roomVersionOfCreate(createEvent), createEvent, currentState };
  }

  /** Like {@link context}, but a room we do not know is `M_NOT_FOUND`. */
  async requireContext(roomId: string): Promise<RoomContext> {
    const ctx = await this.context(roomId);
    if (!ctx) throw new MatrixError('M_NOT_FOUND', `unknown room ${roomId}`, { httpStatus: 404 });
    return ctx;
  }

  /** The current state events of a room for the given keys (all keys if none given). */
  async currentStateEvents(roomId: string, keys?: Iterable<StateKey>): Promise<Map<StateKey, RoomEvent>> {
    return loadStateEvents(this.store, await this.store.getCurrentState(roomId), keys);
  }

  /**
   * Builds, authorises, persists and sends out a local event. Serialised per room.
   * Throws `M_FORBIDDEN` when the auth rules reject it.
   */
  sendLocal(roomId: string, template: EventTemplate, extraDestinations: readonly string[] = []): Promise<RoomEvent> {
    return this.mutex.run(roomId, async () => {
      const ctx = await this.requireContext(roomId);
      const event = await this.buildLocked(ctx, template);
      await this.persistLocked(ctx.roomId, ctx.roomVersion, event, 'accepted', ctx.currentState);
      await this.fanOut(ctx.roomId, ctx.roomVersion, event, extraDestinations);
      return event;
    });
  }

  /** Builds (but does not persist) a local event against the room's current state and extremities. */
  async buildLocked(ctx: RoomContext, template: EventTemplate): Promise<RoomEvent> {
    const extremities = await this.store.getEvents(await this.store.getForwardExtremities(ctx.roomId));
    const keys = authEventTypesFor(template, ctx.roomVersion).map((t) => stateKeyOf(t.type, t.stateKey));
    const state = await loadStateEvents(this.store, ctx.currentState, keys);
    return buildEvent({
      roomVersion: ctx.roomVersion,
      roomId: ctx.roomId,
      template,
      prevEvents: extremities.map(toRoomEvent),
      state,
      createEvent: ctx.createEvent,
      serverName: this.deps.serverName,
      key: this.deps.signingKey(),
      now: this.now(),
    });
  }

  /**
   * Persists an event whose room lock the caller holds, with the state before it.
   * An accepted event moves the room's current state: to the state after it when it
   * is the only forward extremity, else to the resolution of the old current state
   * and the state after it.
   */
  async persistLocked(
    roomId: string,
    rv: RoomVersion,
    event: RoomEvent,
    status: EventStatus,
    stateBefore: ReadonlyMap<StateKey, string> | undefined,
    rejectionReason?: string,
  ): Promise<void> {
    const pdu = toFederationPdu(event, rv) as never;
    const input = { roomVersion: rv.id, eventId: event.event_id, pdu, status, ...(rejectionReason ? { rejectionReason } : {}) };
    if (status !== 'accepted' || stateBefore === undefined) {
      await this.store.putEvents([{ ...input, ...(stateBefore ? { stateBefore } : {}) }]);
      return;
    }
    const oldCurrent = await this.store.getCurrentState(roomId);
    const after = stateAfter(stateBefore, event);
    const prevs = new Set(prevEventIds(event));
    const others = (await this.store.getForwardExtremities(roomId)).filter((id) => !prevs.has(id) && id !== event.event_id);
    const newCurrent = others.length === 0 || oldCurrent.size === 0 ? after : await resolveStates(this.store, roomId, rv, [oldCurrent, after]);
    const change = stateChange(oldCurrent, newCurrent);
    await this.store.putEvents([{ ...input, stateBefore }], {
      currentState: [{ roomId, set: change.set, remove: change.remove }],
    });
  }

  /** Sends a new local event to every other server in the room (and to `extra`, e.g. an invitee's). */
  async fanOut(roomId: string, rv: RoomVersion, event: RoomEvent, extra: readonly string[] = []): Promise<void> {
    const servers = new Set(await this.store.getServersInRoom(roomId));
    for (const s of extra) servers.add(s);
    // A member event also goes to the target's server (a kick or ban of its user).
    if (event.type === 'm.room.member' && typeof event.state_key === 'string') servers.add(serverOf(event.state_key));
    servers.delete(this.deps.serverName);
    if (servers.size > 0) this.deps.sender.sendPdu(servers, toFederationPdu(event, rv));
  }
}
