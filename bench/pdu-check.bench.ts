// The full check of a received PDU, as the /send pipeline runs it before authorization:
// strict JSON parse of the wire bytes, content hash check, event ID (reference hash),
// and signature verification of the redacted event. Reported in PDUs per second; the
// baseline is JSON.parse of the same bytes alone, so the ratio shows what the checks cost.
//
// Run alone: pnpm bench pdu-check
import {
  checkContentHash,
  computeEventId,
  hashAndSignEvent,
  parseStrictJson,
  signingKeyFromSeed,
  verifyEventSignatures,
  type JsonObject,
} from '../packages/federation-core/src/index.js';
import { messageEvent, powerLevelsEvent } from './events.js';
import { runGroup } from './harness.js';

/** Runs the PDU-check groups. */
export async function runPduCheckBench(): Promise<void> {
  const key = signingKeyFromSeed('ed25519:a_AbCd', new Uint8Array(32).fill(7));
  const lookup = () => key.publicKey;
  for (const [name, template] of [
    ['message PDU', messageEvent()],
    ['power levels, 1,000 users', powerLevelsEvent(1000)],
  ] as const) {
    const { signatures: _s, unsigned: _u, hashes: _h, event_id: _e, ...content } = template;
    const signed = hashAndSignEvent({ ...content, sender: '@alice:example.org' } as JsonObject, 'example.org', key, '10');
    const bytes = new TextEncoder().encode(JSON.stringify(signed));
    if (!(await verifyEventSignatures(signed, '10', lookup)).ok) throw new Error('does not verify');
    const check = async () => {
      const pdu = parseStrictJson(bytes) as JsonObject;
      if (!checkContentHash(pdu, '10')) throw new Error('bad hash');
      computeEventId(pdu, '10');
      return (await verifyEventSignatures(pdu, '10', lookup)).ok;
    };
    // The check is async (the key lookup may be); measure it in sequential batches.
    const results = runGroup(`received PDU check: ${name}, ${bytes.length} bytes`, [
      { name: 'JSON.parse only (baseline)', fn: () => JSON.parse(new TextDecoder().decode(bytes)) },
      { name: 'parse + hash + event ID (sync part)', fn: () => {
        const pdu = parseStrictJson(bytes) as JsonObject;
        checkContentHash(pdu, '10');
        return computeEventId(pdu, '10');
      } },
    ]);
    const n = 2000;
    const start = performance.now();
    for (let i = 0; i < n; i++) await check();
    const perSecond = (n * 1000) / (performance.now() - start);
    console.log(`  ${'full check incl. signature verification'.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(14)} PDUs/s  ${(perSecond / results[0]!.opsPerSecond).toFixed(2)}x`);
  }
}
