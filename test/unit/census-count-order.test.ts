// CountOrder (count-order.ts), the Stream-Summary under TopKeys: after any sequence of
// increments and replacements (leave then enter, or replaceSmallest in one step) its smallest is the plain minimum by (count, order taken in), and
// every count is what a plain array says, whether the smallest is asked for after every step (the
// buckets kept all along) or only when a key is to be replaced (built then from plain counts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CountOrder } from '../../src/core/census/count-order';

test('CountOrder: the smallest by (count, order taken in) and every count, as a plain array has them', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 400 }), fc.boolean(), fc.boolean(), (capacity, steps, fused, probe) => {
      const order = new CountOrder(capacity);
      const counts: number[] = [];
      const taken: number[] = [];
      let clock = 0;
      const plainSmallest = (): number => {
        let best = -1;
        for (let s = 0; s < counts.length; s++) if (best < 0 || counts[s]! < counts[best]! || (counts[s] === counts[best] && taken[s]! < taken[best]!)) best = s;
        return best;
      };
      for (const [newKey, pick] of steps) {
        if (newKey || counts.length === 0) {
          if (counts.length < capacity) {
            // A new key while there is room: count 1.
            order.enter(counts.length, 1);
            counts.push(1);
            taken.push(clock++);
          } else {
            // A new key when full: the smallest's slot, its count + 1.
            const slot = plainSmallest();
            assert.equal(order.smallest(), slot);
            const min = counts[slot]!;
            // replaceSmallest is leave then enter, in one step.
            if (fused) assert.equal(order.replaceSmallest(), slot);
            else {
              order.leave(slot);
              order.enter(slot, min + 1);
            }
            counts[slot] = min + 1;
            taken[slot] = clock++;
          }
        } else {
          const slot = pick % counts.length;
          order.increment(slot);
          counts[slot]!++;
        }
        if (probe) {
          assert.equal(order.smallest(), plainSmallest());
          assert.equal(order.smallestCount(), counts[plainSmallest()]);
        }
        for (let s = 0; s < counts.length; s++) assert.equal(order.count(s), counts[s]);
      }
    }),
    { numRuns: 500 },
  );
});
