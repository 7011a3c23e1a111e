import { describe, expect, it } from 'vitest';
import { ConsoleModel } from '../src/console/model';
import { aCase, aMessage, ALICE, aTile, BOB } from './fakes';

const alice = { id: ALICE.id, firstName: 'Alice', lastName: 'Anderson' };
const bob = { id: BOB.id, firstName: 'Bob', lastName: 'Baker' };

function looks(m: ConsoleModel) {
  return m.tiles().shown.map((t) => ({ n: t.case.number, ...t.look }));
}

describe('ConsoleModel', () => {
  it('shows the tiles frame oldest first with its unread marks', () => {
    const m = new ConsoleModel(ALICE);
    const newer = aCase({ number: 2, createdAt: '2025-01-01T10:00:02Z', lastSeq: 3 });
    const older = aCase({ number: 1, createdAt: '2025-01-01T10:00:01Z' });
    m.applyTiles([aTile(newer, 'orange', true), aTile(older)], 0);
    expect(looks(m)).toEqual([
      { n: 1, color: 'orange', unread: false, badge: false, solid: false },
      { n: 2, color: 'orange', unread: true, badge: true, solid: false },
    ]);
  });

  it('adds new chats, turns mine blue and drops those others claim', () => {
    const m = new ConsoleModel(ALICE);
    const a = aCase({ number: 1 });
    const b = aCase({ number: 2 });
    expect(m.applyCase(a).appeared).toBe(true);
    m.applyCase(b);
    expect(m.applyCase({ ...a, status: 'READY', owner: alice })).toMatchObject({
      visible: true,
      appeared: false,
    });
    const lost = m.applyCase({ ...b, status: 'READY', owner: bob });
    expect(lost).toEqual({ visible: false, appeared: false, left: true, refill: false });
    expect(looks(m).map((t) => [t.n, t.color])).toEqual([[1, 'blue']]);
  });

  it('drops my Case when it is resolved and brings it back when reopened', () => {
    const m = new ConsoleModel(ALICE);
    const a = aCase({ status: 'READY', owner: alice });
    m.applyTiles([aTile(a, 'blue')], 0);
    expect(m.applyCase({ ...a, status: 'RESOLVED' }).left).toBe(true);
    expect(m.tiles().shown).toEqual([]);
    expect(m.applyCase({ ...a, status: 'READY' }).appeared).toBe(true);
  });

  it('badges a customer message in a Case I am not in, and not in the one I am in', () => {
    const m = new ConsoleModel(ALICE);
    const a = aCase({ number: 1, status: 'READY', owner: alice, lastSeq: 2 });
    const b = aCase({ number: 2, status: 'READY', owner: alice, lastSeq: 2 });
    m.applyTiles([aTile(a, 'blue'), aTile(b, 'blue')], 0);
    m.setAccessing(b.caseId);
    expect(m.noteMessage(aMessage(a, 3)).fromCustomer).toBe(true);
    m.noteMessage(aMessage(b, 3));
    expect(looks(m)).toEqual([
      { n: 1, color: 'blue', unread: true, badge: true, solid: false },
      { n: 2, color: 'blue', unread: true, badge: false, solid: true },
    ]);
    // I open the first one: it is read up to its last seq, solid, no badge.
    m.setAccessing(a.caseId);
    m.markRead(a.caseId, 3);
    expect(m.look(a.caseId)).toEqual({ color: 'blue', unread: false, badge: false, solid: true });
    // My own messages never badge.
    m.noteMessage(
      aMessage(b, 4, { sender: { type: 'USER', id: ALICE.id, name: 'Alice Anderson' } }),
    );
    expect(m.look(b.caseId)?.badge).toBe(true); // still the customer's seq 3, unread
    expect(m.markRead(b.caseId, 1)).toBe(false); // read marks never move back
  });

  it('keeps an unassigned Case solid orange while I read it', () => {
    const m = new ConsoleModel(ALICE);
    const a = aCase({ lastSeq: 1 });
    m.applyTiles([aTile(a, 'orange', true)], 0);
    m.setAccessing(a.caseId);
    expect(m.look(a.caseId)).toEqual({ color: 'orange', unread: true, badge: false, solid: true });
  });

  it('shows seven tiles and "+N", and asks for a refill when a shown tile leaves', () => {
    const m = new ConsoleModel(ALICE);
    const cases = Array.from({ length: 8 }, (_, i) =>
      aCase({ number: i + 1, createdAt: `2025-01-01T10:00:0${i}Z` }),
    );
    for (const c of cases) m.applyCase(c);
    expect(m.tiles().shown.map((t) => t.case.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(m.tiles().more).toBe(1);

    // The server sent seven and counted two more it did not send.
    m.applyTiles(
      cases.slice(0, 7).map((c) => aTile(c)),
      2,
    );
    expect(m.tiles().more).toBe(2);
    const first = cases[0];
    if (!first) throw new Error('fixture');
    expect(m.applyCase({ ...first, status: 'READY', owner: bob }).refill).toBe(true);
    expect(m.remove('unknown').refill).toBe(false);
  });

  it('trusts the server when a tiles frame says unread after a local read mark', () => {
    const m = new ConsoleModel(ALICE);
    const a = aCase({ lastSeq: 5 });
    m.markRead(a.caseId, 5);
    m.applyTiles([aTile({ ...a, lastSeq: 5 }, 'orange', true)], 0);
    expect(m.look(a.caseId)?.badge).toBe(true);
  });
});
