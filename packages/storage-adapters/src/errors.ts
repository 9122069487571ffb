/**
 * The local errors of the stores. Every error class ends in `Error`, sets `name`
 * and passes the underlying failure on as `cause`.
 *
 * @module
 */

/** The base class of every error a store throws on purpose. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

/** An event (or a batch containing it) was refused before it reached storage. */
export class InvalidEventError extends StoreError {
  override readonly name: string = 'InvalidEventError';
  constructor(
    message: string,
    /** The position of the offending entry in the batch, when the input was a batch. */
    readonly index?: number,
    options?: ErrorOptions,
  ) {
    super(index === undefined ? message : `batch entry ${index}: ${message}`, options);
  }
}

/** Some other argument of a store call is malformed (a bad ID, a negative limit, ...). */
export class InvalidArgumentError extends StoreError {
  override readonly name: string = 'InvalidArgumentError';
}

/** `readEvent` (or a read that needs an event) did not find it. */
export class MissingEventError extends StoreError {
  override readonly name: string = 'MissingEventError';
  constructor(
    /** The event ID that was looked for. */
    readonly eventId: string,
    options?: ErrorOptions,
  ) {
    super(`event ${eventId} is not stored`, options);
  }
}

/**
 * A current-state update names an event that is not stored in that room, is not a
 * state event, or does not match the state key it is filed under. Thrown inside the
 * write transaction, so the whole batch is rolled back.
 */
export class StateReferenceError extends StoreError {
  override readonly name: string = 'StateReferenceError';
}

/** The store was closed; no call is possible any more. */
export class StoreClosedError extends StoreError {
  override readonly name: string = 'StoreClosedError';
  constructor(options?: ErrorOptions) {
    super('the store is closed', options);
  }
}

/**
 * The database holds a schema version this code does not know: written by a newer
 * release, or not a maxtryx database at all. Nothing was changed.
 */
export class SchemaVersionError extends StoreError {
  override readonly name: string = 'SchemaVersionError';
  constructor(
    /** The version found in the database. */
    readonly found: unknown,
    /** The newest version this code knows. */
    readonly supported: number,
    options?: ErrorOptions,
  ) {
    super(`database schema version ${JSON.stringify(found)} is not supported (this code knows versions 1 to ${supported})`, options);
  }
}

/** A record that must be unique already exists (a user ID, an alias bound to another room). */
export class AlreadyExistsError extends StoreError {
  override readonly name: string = 'AlreadyExistsError';
}

/** The storage engine failed (I/O, driver or connection failure). The engine's error is the `cause`. */
export class StorageEngineError extends StoreError {
  override readonly name: string = 'StorageEngineError';
}

/** The optional peer dependency an adapter needs (`better-sqlite3`, `surrealdb`, `@surrealdb/node`) could not be loaded. */
export class MissingDriverError extends StoreError {
  override readonly name: string = 'MissingDriverError';
  constructor(
    /** The package that is missing. */
    readonly driver: string,
    options?: ErrorOptions,
  ) {
    super(`the optional peer dependency ${driver} is not installed; add it to your dependencies to use this adapter`, options);
  }
}

/** A record that must exist for the call does not (e.g. `updateUser` of an unknown user). */
export class MissingRecordError extends StoreError {
  override readonly name: string = 'MissingRecordError';
}
