// Scenario 3, the personal storefront: buyers are retail customers of the distributor whose link brought them
// (the first owner stays), pay retail prices, and their orders are credited to that owner.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { eventually } from './backoffice';
import { checkout, payRefundAndCancel, register, shownPrices } from './flows';
import { Q, useShop } from './vendure';

describe('personal storefront', () => {
    const s = useShop('my', 3102);
    const bo = s.bo;

    const registeredInBackOffice = (email: string) =>
        eventually(`${email} in the back office`, async () =>
            bo.exported().customers.find((c: any) => c.store === 'my' && c.email === email),
        );

    it('the link of the visit says whose shop it is', async () => {
        const found = (await s.v.shop.query(Q.referral, { code: 'ANNA-MY' })).mlmReferral;
        assert.equal(found.ownerName, 'Anna Smith');
        assert.equal(found.url, 'https://my.example.com/?ref=ANNA-MY');
        // Another store's link is not this shop's.
        assert.equal((await s.v.shop.query(Q.referral, { code: 'ANNA-SHOP' })).mlmReferral, null);
    });

    it('a buyer is a retail customer of the link owner, pays retail, and the owner is credited', async () => {
        await register(s.v.shop, 'rita@example.com', 'ANNA-MY');
        const customer = await registeredInBackOffice('rita@example.com');
        assert.equal(customer.owner, 'ANNA');
        assert.ok(!bo.exported().members.some((m: any) => m.email === 'rita@example.com'), 'not placed in the network');

        assert.deepEqual(await shownPrices(s.v.shop), { 'VITA-1': 3000, TEA: 1000, MUG: 700 });
        const { code, charged } = await checkout(s.v.shop, { 'VITA-1': 1, TEA: 2 });
        assert.deepEqual(charged, { 'VITA-1': 3000, TEA: 1000 });
        const stored = await eventually('the order', () => bo.order('my', code));
        assert.deepEqual(stored.buyer, { customer: 'rita@example.com' });
        assert.equal(stored.credited_member, 'ANNA');
        assert.equal(stored.tier, 'retail');
        assert.equal(stored.total, 5000);
        assert.equal(stored.status, 'pending');

        await payRefundAndCancel(s.v, bo, 'my', code);
    });

    it('the first owner stays when the buyer comes through another link', async () => {
        // Olga became CARL's customer before the shop had her account; she now signs up through ANNA's link.
        await register(s.v.shop, 'olga@example.com', 'ANNA-MY');
        const { code } = await checkout(s.v.shop, { TEA: 1 });
        const stored = await eventually('the order', () => bo.order('my', code));
        assert.equal(stored.credited_member, 'CARL');
        assert.equal((await registeredInBackOffice('olga@example.com')).owner, 'CARL');
    });
});
