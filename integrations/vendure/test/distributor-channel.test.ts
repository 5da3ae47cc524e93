// Scenario 2, the distributor channel: every buyer is a member, placed under the member who invited them, and
// pays its tier's prices; orders are credited to the buyer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { OrderPlacedEvent, EventBus, OrderService, RequestContextService } from '@vendure/core';

import { eventually } from './backoffice';
import { adminOrder, backOfficeStatus, cancel, checkout, memberCodeOf, queueIdle, refund, register, settle, shownPrices, signIn } from './flows';
import { Q, useShop } from './vendure';

describe('distributor channel', () => {
    const s = useShop('shop', 3101);
    const bo = s.bo;
    let kim = '';

    it('resolves the referral code of the visit', async () => {
        const found = await s.v.shop.query(Q.referral, { code: 'anna-shop' });
        assert.deepEqual(found.mlmReferral, { code: 'ANNA-SHOP', ownerCode: 'ANNA', ownerName: 'Anna Smith', url: 'https://shop.example.com/?ref=ANNA-SHOP' });
        assert.equal((await s.v.shop.query(Q.referral, { code: 'NO-SUCH-CODE' })).mlmReferral, null);
    });

    it('shows a visitor the retail prices', async () => {
        assert.deepEqual(await shownPrices(s.v.shop), { 'VITA-1': 3000, TEA: 1000, MUG: 700 }); // MUG: Vendure's own
    });

    it('registers a customer in the first line of the inviting member', async () => {
        await register(s.v.shop, 'kim@example.com', 'ANNA-SHOP');
        kim = await memberCodeOf(s.v.admin, 'kim@example.com');
        const member = bo.exported().members.find((m: any) => m.code === kim);
        assert.equal(member.email, 'kim@example.com');
        assert.equal(member.sponsor, 'ANNA');
        assert.equal(member.status, 'customer');
        const customer = (await s.v.admin.query(Q.adminCustomer, { email: 'kim@example.com' })).customers.items[0];
        assert.equal(customer.customFields.mlmRef, 'ANNA-SHOP');
    });

    it('a referral kept in the cookie counts at registration', async () => {
        const anonymous = await fetch(`${s.v.shopUrl}?ref=CARL-NONE`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ query: '{ activeChannel { code } }' }),
        });
        const cookie = anonymous.headers.get('set-cookie') ?? '';
        assert.match(cookie, /^mlm_ref=CARL-NONE; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax/);
        // The link does not resolve: the back office's fallback applies (the store's default sponsor).
        const res = await fetch(s.v.shopUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Cookie: 'mlm_ref=CARL-NONE', 'vendure-token': 'e2e-default-channel' },
            body: JSON.stringify({
                query: 'mutation($i: RegisterCustomerInput!) { registerCustomerAccount(input: $i) { ... on Success { success } } }',
                variables: { i: { emailAddress: 'lee@example.com', firstName: 'Lee', lastName: 'Park', password: 'secret-pass-1' } },
            }),
        });
        assert.equal(((await res.json()) as any).data.registerCustomerAccount.success, true);
        const lee = await memberCodeOf(s.v.admin, 'lee@example.com');
        assert.equal(bo.exported().members.find((m: any) => m.code === lee).sponsor, 'ROOT');
    });

    it('shows and charges a customer the customer tier prices', async () => {
        await signIn(s.v.shop, 'kim@example.com');
        const catalog = await bo.store('shop', 'GET', `/catalog?member=${kim}`);
        assert.equal(catalog.body.tier, 'customer');
        const tierPrices = Object.fromEntries(catalog.body.products.map((p: any) => [p.sku, p.unit_price]));
        const shown = await shownPrices(s.v.shop);
        assert.deepEqual({ 'VITA-1': shown['VITA-1'], TEA: shown.TEA }, tierPrices);
        assert.deepEqual(tierPrices, { 'VITA-1': 2700, TEA: 1000 });

        const { code, charged } = await checkout(s.v.shop, { 'VITA-1': 2, TEA: 1 });
        assert.deepEqual(charged, { 'VITA-1': 2700, TEA: 1000 });
        const pending = await eventually('the order in the back office', () => bo.order('shop', code));
        assert.equal(pending.status, 'pending');
        assert.deepEqual(pending.buyer, { member: kim });
        assert.equal(pending.credited_member, kim);
        assert.equal(pending.tier, 'customer');
        assert.equal(pending.total, 6400);
        assert.deepEqual(
            pending.lines.map(l => [l.sku, l.qty, l.unit_price]),
            [['VITA-1', 2, 2700], ['TEA', 1, 1000]],
        );

        await settle(s.v.admin, code);
        await backOfficeStatus(bo, 'shop', code, 'paid');
        await refund(s.v.admin, code);
        await backOfficeStatus(bo, 'shop', code, 'refunded');
        await queueIdle(s.v.admin);
        assert.equal((await adminOrder(s.v.admin, code)).customFields.mlmStatus, 'refunded');
    });

    it('a cancelled order is cancelled in the back office', async () => {
        await signIn(s.v.shop, 'kim@example.com');
        const { code } = await checkout(s.v.shop, { TEA: 3 });
        await eventually('the order', () => bo.order('shop', code));
        await cancel(s.v.admin, code);
        await backOfficeStatus(bo, 'shop', code, 'cancelled');
    });

    it('a promotion in the back office changes the prices from the next sign-in on', async () => {
        await bo.office('POST', `members/${kim}/status`, { status: 'distributor', reason: 'promoted' });
        await signIn(s.v.shop, 'kim@example.com');
        const shown = await shownPrices(s.v.shop);
        assert.equal(shown['VITA-1'], 2100);
        assert.equal(shown.TEA, 800);
        const { code, charged } = await checkout(s.v.shop, { 'VITA-1': 1 });
        assert.deepEqual(charged, { 'VITA-1': 2100 });
        const stored = await eventually('the order', () => bo.order('shop', code));
        assert.equal(stored.tier, 'distributor');
        assert.equal(stored.lines[0].unit_price, 2100);
        await settle(s.v.admin, code);
        await backOfficeStatus(bo, 'shop', code, 'paid');
    });

    it('a checkout while the back office is down reaches it once when it is back', async () => {
        await signIn(s.v.shop, 'kim@example.com');
        await bo.stop();
        const { code, charged } = await checkout(s.v.shop, { TEA: 2 }); // never fails for the back office
        assert.deepEqual(charged, { TEA: 800 }); // the prices seen before it went away
        await settle(s.v.admin, code);
        await new Promise(r => setTimeout(r, 1000)); // the queue tries, and tries again
        await bo.start();
        const stored = await eventually('the order after the outage', async () => {
            const o = await bo.order('shop', code);
            return o?.status === 'paid' ? o : undefined;
        });
        assert.equal(stored.total, 1600);
        const jobs = await queueIdle(s.v.admin);
        assert.ok(jobs.some((j: any) => j.data.orderCode === code && j.attempts > 1), 'the job was tried again');

        // The same event delivered again does not make a second order.
        const app = s.v.server.app;
        const ctx = await app.get(RequestContextService).create({ apiType: 'admin' });
        const order = await app.get(OrderService).findOneByCode(ctx, code);
        app.get(EventBus).publish(new OrderPlacedEvent('ArrangingPayment', 'PaymentAuthorized', ctx, order));
        await new Promise(r => setTimeout(r, 300));
        await queueIdle(s.v.admin);
        const orders = bo.exported().orders.filter((o: any) => o.external_id === code);
        assert.equal(orders.length, 1);
        assert.equal(orders[0].status, 'paid');
    });

    it('a refusal is recorded on the order and not tried again', async () => {
        await register(s.v.shop, 'max@example.com', 'ANNA-SHOP');
        const max = await memberCodeOf(s.v.admin, 'max@example.com');
        const { code } = await checkout(s.v.shop, { TEA: 1 });
        await eventually('the order', () => bo.order('shop', code));
        // A product the back office does not sell: the order cannot be recorded there.
        const mug = await checkout(s.v.shop, { MUG: 1 });
        const refused = await eventually('the refusal', async () => {
            const o = await adminOrder(s.v.admin, mug.code);
            return o.customFields.mlmStatus === 'refused' ? o : undefined;
        });
        assert.match(refused.customFields.mlmError, /400 unknown_reference: .*MUG/);
        assert.ok(refused.history.items.some((h: any) => h.type === 'ORDER_NOTE' && /Back office refused the order/.test(h.data.note)));
        const jobs = await queueIdle(s.v.admin);
        const job = jobs.find((j: any) => j.data.orderCode === mug.code);
        assert.equal(job.state, 'COMPLETED');
        assert.equal(job.attempts, 1);
        assert.equal(await bo.order('shop', mug.code), undefined);

        // The cause fixed in the back office, an admin sends it again from Vendure.
        await bo.office('POST', 'catalog/products', { sku: 'MUG', name: 'Mug', pv: 100, bv: 50, prices: { retail: 650 } });
        assert.equal((await s.v.admin.query(Q.sendOrder, { code: mug.code })).mlmSendOrder, true);
        const sent = await eventually('the order sent again', () => bo.order('shop', mug.code));
        assert.deepEqual(sent.buyer, { member: max });
        assert.equal(sent.lines[0].unit_price, 650);
        await queueIdle(s.v.admin);
        const after = await adminOrder(s.v.admin, mug.code);
        assert.deepEqual(after.customFields, { mlmStatus: 'pending', mlmError: '' });
    });
});
