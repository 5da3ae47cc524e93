// Scenario 1, the separate channel: retail customers with no owner at retail prices, credited to nobody; a "join us"
// page registers distributors under the inviting link's owner.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { eventually } from './backoffice';
import { checkout, payRefundAndCancel, queueIdle, register, shownPrices } from './flows';
import { Q, useShop } from './vendure';

describe('separate channel', () => {
    const s = useShop('outlet', 3103);
    const bo = s.bo;

    it('buyers are retail customers of nobody; their orders are credited to nobody', async () => {
        await register(s.v.shop, 'sam@example.com', 'ANNA-OUT');
        const customer = await eventually('sam in the back office', async () =>
            bo.exported().customers.find((c: any) => c.store === 'outlet' && c.email === 'sam@example.com'),
        );
        assert.equal(customer.owner ?? null, null);
        assert.deepEqual(await shownPrices(s.v.shop), { 'VITA-1': 3000, TEA: 1000, MUG: 700 });

        const { code, charged } = await checkout(s.v.shop, { 'VITA-1': 2 });
        assert.deepEqual(charged, { 'VITA-1': 3000 });
        const stored = await eventually('the order', () => bo.order('outlet', code));
        assert.deepEqual(stored.buyer, { customer: 'sam@example.com' });
        assert.equal(stored.credited_member, null);
        assert.equal(stored.tier, 'retail');
        await payRefundAndCancel(s.v, bo, 'outlet', code);
        await queueIdle(s.v.admin);
    });

    it('the join page registers a distributor under the inviting link owner', async () => {
        const joined = (await s.v.shop.query(Q.join, { input: { emailAddress: 'jo@example.com', name: 'Jo Newman', ref: 'ANNA-OUT' } })).mlmJoin;
        assert.equal(joined.status, 'registered');
        assert.equal(joined.sponsorCode, 'ANNA');
        const member = bo.exported().members.find((m: any) => m.code === joined.memberCode);
        assert.equal(member.status, 'distributor');
        assert.equal(member.sponsor, 'ANNA');
        assert.equal(member.email, 'jo@example.com');
    });

    it('a join without a valid ref, in a store with no default sponsor, is refused with the reason', async () => {
        const joined = (await s.v.shop.query(Q.join, { input: { emailAddress: 'nobody@example.com', name: 'No Body', ref: 'NO-SUCH' } })).mlmJoin;
        assert.equal(joined.status, 'refused');
        assert.match(joined.message, /sponsor/);
        assert.ok(!bo.exported().members.some((m: any) => m.email === 'nobody@example.com'));
        // A member's email: only that it is taken, nothing of the member.
        const taken = (await s.v.shop.query(Q.join, { input: { emailAddress: 'anna@example.com', name: 'Someone', ref: 'ANNA-OUT' } })).mlmJoin;
        assert.equal(taken.status, 'refused');
        assert.match(taken.message, /belongs to a member/);
        assert.equal(taken.memberCode, null);
    });

    it('a join while the back office is down is queued and registered when it is back', async () => {
        await bo.stop();
        const joined = (await s.v.shop.query(Q.join, { input: { emailAddress: 'late@example.com', name: 'Late Joiner', ref: 'ANNA-OUT' } })).mlmJoin;
        assert.equal(joined.status, 'queued');
        await new Promise(r => setTimeout(r, 500));
        await bo.start();
        const member = await eventually('the queued join', async () => bo.exported().members.find((m: any) => m.email === 'late@example.com'));
        assert.equal(member.sponsor, 'ANNA');
        assert.equal(member.status, 'distributor');
    });
});
