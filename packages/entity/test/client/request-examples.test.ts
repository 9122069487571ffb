/**
 * The request bodies of the covered client-server files: every operation that takes a
 * JSON body is mapped to its request schema, and the example the spec gives (inside the
 * request schema, or built from its properties' examples) parses losslessly.
 */
import {
  accountDataContentSchema,
  authDataSchema,
  banRequestSchema,
  createRoomRequestSchema,
  discoveryInformationSchema,
  emailRequestTokenRequestSchema,
  filterSchema,
  invite3pidSchema,
  inviteRequestSchema,
  joinRoomRequestSchema,
  kickRequestSchema,
  knockRoomRequestSchema,
  leaveRoomRequestSchema,
  loginFlowSchema,
  loginRequestSchema,
  msisdnRequestTokenRequestSchema,
  profileFieldBodySchema,
  redactEventRequestSchema,
  registerRequestSchema,
  sendEventRequestSchema,
  setRoomAliasRequestSchema,
  setStateRequestSchema,
  thirdPartySignedSchema,
  typingRequestSchema,
  unbanRequestSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { coveredClientServerFiles } from '../spec-examples/map-client-server.js';
import { loadSpecDocument, resolveRefs } from '../spec-examples/spec-data.js';
import { expectLossless } from './helpers.js';

const requestSchemas: Record<string, ZodType> = {
  'api/client-server/registration.yaml POST /register': registerRequestSchema,
  'api/client-server/registration.yaml POST /register/email/requestToken': emailRequestTokenRequestSchema,
  'api/client-server/registration.yaml POST /register/msisdn/requestToken': msisdnRequestTokenRequestSchema,
  'api/client-server/login.yaml POST /login': loginRequestSchema,
  'api/client-server/create_room.yaml POST /createRoom': createRoomRequestSchema,
  'api/client-server/joining.yaml POST /rooms/{roomId}/join': joinRoomRequestSchema,
  'api/client-server/joining.yaml POST /join/{roomIdOrAlias}': joinRoomRequestSchema,
  'api/client-server/leaving.yaml POST /rooms/{roomId}/leave': leaveRoomRequestSchema,
  'api/client-server/kicking.yaml POST /rooms/{roomId}/kick': kickRequestSchema,
  'api/client-server/banning.yaml POST /rooms/{roomId}/ban': banRequestSchema,
  'api/client-server/banning.yaml POST /rooms/{roomId}/unban': unbanRequestSchema,
  'api/client-server/inviting.yaml POST /rooms/{roomId}/invite ': inviteRequestSchema,
  'api/client-server/knocking.yaml POST /knock/{roomIdOrAlias}': knockRoomRequestSchema,
  'api/client-server/room_send.yaml PUT /rooms/{roomId}/send/{eventType}/{txnId}': sendEventRequestSchema,
  'api/client-server/room_state.yaml PUT /rooms/{roomId}/state/{eventType}/{stateKey}': setStateRequestSchema,
  'api/client-server/redaction.yaml PUT /rooms/{roomId}/redact/{eventId}/{txnId}': redactEventRequestSchema,
  'api/client-server/profile.yaml PUT /profile/{userId}/{keyName}': profileFieldBodySchema,
  'api/client-server/directory.yaml PUT /directory/room/{roomAlias}': setRoomAliasRequestSchema,
  'api/client-server/filter.yaml POST /user/{userId}/filter': filterSchema,
  'api/client-server/typing.yaml PUT /rooms/{roomId}/typing/{userId}': typingRequestSchema,
  'api/client-server/account-data.yaml PUT /user/{userId}/account_data/{type}': accountDataContentSchema,
  'api/client-server/account-data.yaml PUT /user/{userId}/rooms/{roomId}/account_data/{type}': accountDataContentSchema,
};

interface JsonSchema {
  example?: unknown;
  properties?: Record<string, JsonSchema>;
}

/** The request example of an operation: the schema's own, or one built from its properties' examples. */
function requestExample(schema: JsonSchema): unknown {
  if (schema.example !== undefined) return schema.example;
  const built: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.example !== undefined) built[key] = property.example;
  }
  return Object.keys(built).length > 0 ? built : undefined;
}

/** Operations whose request schema (an `allOf` of definitions) carries no example of its own. */
const withoutExample = new Set([
  'api/client-server/registration.yaml POST /register/email/requestToken',
  'api/client-server/registration.yaml POST /register/msisdn/requestToken',
]);

const operations: Array<[string, JsonSchema]> = [];
for (const file of coveredClientServerFiles) {
  const doc = loadSpecDocument(file) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, rawOp] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete'].includes(method)) continue;
      const op = resolveRefs(rawOp, file) as {
        requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
      };
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema !== undefined) operations.push([`${file} ${method.toUpperCase()} ${path}`, schema]);
    }
  }
}

describe('request bodies of the covered client-server files', () => {
  it('maps every operation with a JSON request body, and no other', () => {
    expect(operations.map(([id]) => id).sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it.each(operations)('%s: the spec example parses losslessly', (id, schema) => {
    const mapped = requestSchemas[id];
    expect(mapped).toBeDefined();
    const example = requestExample(schema);
    if (withoutExample.has(id)) {
      // Checked below from the properties of the identity service definitions.
      expect(example).toBeUndefined();
      return;
    }
    expectLossless(mapped as ZodType, example);
  });
});

describe('examples of the definitions', () => {
  const definition = (rel: string) => resolveRefs(loadSpecDocument(rel), rel) as JsonSchema & Record<string, unknown>;

  it('auth_data.yaml', () => {
    expectLossless(authDataSchema, definition('api/client-server/definitions/auth_data.yaml').example);
  });
  it('invite_3pid.yaml', () => {
    expectLossless(invite3pidSchema, definition('api/client-server/definitions/invite_3pid.yaml').example);
  });
  it('wellknown/full.yaml', () => {
    expectLossless(discoveryInformationSchema, definition('api/client-server/definitions/wellknown/full.yaml').example);
  });
  it('third_party_signed.yaml (built from its properties)', () => {
    expectLossless(thirdPartySignedSchema, requestExample(definition('api/client-server/definitions/third_party_signed.yaml')));
  });
  it('sso_login_flow.yaml (built from its properties)', () => {
    expectLossless(loginFlowSchema, requestExample(definition('api/client-server/definitions/sso_login_flow.yaml')));
  });
  it('request_email_validation and request_msisdn_validation (built from their properties)', () => {
    const email = requestExample(definition('api/identity/definitions/request_email_validation.yaml'));
    expectLossless(emailRequestTokenRequestSchema, { ...(email as object), id_server: 'id.example.com', id_access_token: 'abc' });
    const msisdn = requestExample(definition('api/identity/definitions/request_msisdn_validation.yaml'));
    expectLossless(msisdnRequestTokenRequestSchema, msisdn);
  });
});
