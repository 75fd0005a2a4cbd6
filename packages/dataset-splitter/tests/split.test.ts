import fc from 'fast-check';
import type { Case, FlatRequest } from '@fanout/shared-types';
import { SplitError, toChunks, toFlat, toSlotted } from '../src';

function flatOf(size: number): FlatRequest {
  const requests: Case[] = Array.from({ length: size }, (_, i) => ({ caseId: String(i) }));
  return { requestId: '123456', requests, length: String(size) };
}

const ids = (cases: readonly Case[]): string[] => cases.map((c) => c.caseId);

describe('toSlotted', () => {
  it("deals the seed's 100 cases over 3 slots exactly as the seed shows", () => {
    // act
    const slotted = toSlotted(flatOf(100), { slots: 3 });

    // assert
    const [slot0, slot1, slot2] = slotted.requestSlots.map((s) => ids(s.requests));
    expect(slot0?.slice(0, 8)).toEqual(['0', '1', '2', '9', '10', '11', '18', '19']);
    expect(slot0?.at(-1)).toBe('99');
    expect(slot0).toHaveLength(34);
    expect(slot1?.slice(0, 4)).toEqual(['3', '4', '5', '12']);
    expect(slot1).toHaveLength(33);
    expect(slot2?.slice(0, 4)).toEqual(['6', '7', '8', '15']);
    expect(slot2?.at(-1)).toBe('98');
    expect(slot2).toHaveLength(33);
  });

  it('honours a chunk size different from the slot count', () => {
    const slotted = toSlotted(flatOf(7), { slots: 2, chunkSize: 1 });
    expect(slotted.requestSlots.map((s) => ids(s.requests))).toEqual([['0', '2', '4', '6'], ['1', '3', '5']]);
  });

  it('keeps the simulation fields of each case', () => {
    const flat: FlatRequest = { requestId: 'r', requests: [{ caseId: 'a', durationMs: 5, failure: { error: 'E' } }], length: '1' };
    expect(toSlotted(flat, { slots: 2 }).requestSlots[0]?.requests[0]).toEqual(flat.requests[0]);
  });

  const sizes = [0, 1, 2, 3, 4, 39, 40, 41, 100, 10_000];
  it.each(sizes)('holds every case once, in input order per slot, sizes within c (%i cases, many N and c)', (size) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), (slots, chunk) => {
        // prepare
        const flat = flatOf(size);
        const chunkSize = chunk ?? slots;

        // act
        const slotted = chunk === undefined ? toSlotted(flat, { slots }) : toSlotted(flat, { slots, chunkSize });

        // assert
        expect(slotted.requestSlots).toHaveLength(slots);
        const all = slotted.requestSlots.flatMap((s) => ids(s.requests));
        expect(new Set(all).size).toBe(size);
        expect(all).toHaveLength(size);
        for (const slot of slotted.requestSlots) {
          const positions = slot.requests.map((c) => Number(c.caseId));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
        const lengths = slotted.requestSlots.map((s) => s.requests.length);
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(chunkSize);
        expect(toFlat(slotted, chunkSize)).toEqual(flat);
      }),
      { numRuns: size >= 10_000 ? 5 : 60 },
    );
  });

  it('treats slot counts around N alike (N−1, N, N+1 cases for N = 3)', () => {
    expect(toSlotted(flatOf(2), { slots: 3 }).requestSlots.map((s) => s.requests.length)).toEqual([2, 0, 0]);
    expect(toSlotted(flatOf(3), { slots: 3 }).requestSlots.map((s) => s.requests.length)).toEqual([3, 0, 0]);
    expect(toSlotted(flatOf(4), { slots: 3 }).requestSlots.map((s) => s.requests.length)).toEqual([3, 1, 0]);
  });

  it.each([
    [{ slots: 0 }, 'slots must be a whole number ≥ 1, got 0'],
    [{ slots: 2.5 }, 'slots must be a whole number ≥ 1, got 2.5'],
    [{ slots: 3, chunkSize: 0 }, 'chunkSize must be a whole number ≥ 1, got 0'],
    [{ slots: 3, chunkSize: Number.NaN }, 'chunkSize must be a whole number ≥ 1, got NaN'],
  ])('rejects %o', (options, message) => {
    expect(() => toSlotted(flatOf(3), options)).toThrow(new SplitError(message));
  });

  it('rejects duplicate caseIds, naming where', () => {
    const flat: FlatRequest = { requestId: 'r', requests: [{ caseId: 'a' }, { caseId: 'a' }], length: '2' };
    expect(() => toSlotted(flat, { slots: 2 })).toThrow('requests[1].caseId: duplicate caseId "a" (first at requests[0])');
  });
});

describe('toChunks', () => {
  it.each([0, 1, 39, 40, 41, 1000])('cuts %i cases into consecutive chunks of at most 40', (size) => {
    const chunked = toChunks(flatOf(size));
    expect(chunked.requestChunks).toHaveLength(Math.ceil(size / 40));
    expect(chunked.requestChunks.every((c) => c.requests.length >= 1 && c.requests.length <= 40)).toBe(true);
    expect(chunked.requestChunks.flatMap((c) => ids(c.requests))).toEqual(ids(flatOf(size).requests));
  });

  it('rejects a chunk size below 1', () => {
    expect(() => toChunks(flatOf(3), 0)).toThrow(SplitError);
  });
});

describe('toFlat', () => {
  it('flattens any slotted request into each case exactly once', () => {
    const flat = toFlat({ requestId: 'r', requestSlots: [{ requests: [{ caseId: 'x' }] }, { requests: [] }, { requests: [{ caseId: 'y' }, { caseId: 'z' }] }] });
    expect(flat).toEqual({ requestId: 'r', requests: [{ caseId: 'x' }, { caseId: 'y' }, { caseId: 'z' }], length: '3' });
  });

  it('rejects a case that sits in two slots', () => {
    expect(() => toFlat({ requestId: 'r', requestSlots: [{ requests: [{ caseId: 'x' }] }, { requests: [{ caseId: 'x' }] }] })).toThrow(
      'requestSlots[1].requests[0].caseId: duplicate caseId "x"',
    );
  });
});
