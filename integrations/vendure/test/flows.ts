// What a storefront and a shop's staff do, through Vendure's own Shop and Admin GraphQL APIs.
import { SimpleGraphQLClient } from '@vendure/testing';
import assert from 'node:assert/strict';

import { BackOffice, eventually } from './backoffice';
import { Q, Shop } from './vendure';

export async function register(shop: SimpleGraphQLClient, email: string, ref?: string) {
    const input = { emailAddress: email, firstName: 'Test', lastName: email.split('@')[0], password: 'secret-pass-1' };
    const answer = await shop.query(Q.register, { input }, ref ? { ref } : undefined);
    assert.equal(answer.registerCustomerAccount.success, true, JSON.stringify(answer));
    await signIn(shop, email);
}

export async function signIn(shop: SimpleGraphQLClient, email: string) {
    await shop.asAnonymousUser();
    const answer = await shop.query(Q.login, { username: email, password: 'secret-pass-1' });
    assert.ok(answer.login.id, JSON.stringify(answer));
}

/** The prices the shop shows the signed-in visitor, by sku. */
export async function shownPrices(shop: SimpleGraphQLClient): Promise<Record<string, number>> {
    const prices: Record<string, number> = {};
    for (const slug of ['vitamins', 'herbal-tea', 'shop-mug'])
        for (const v of (await shop.query(Q.product, { slug })).product.variants) prices[v.sku] = v.price;
    return prices;
}

/** Puts `items` (sku -> quantity) in the cart and pays with the test card (authorized): the order is placed. */
export async function checkout(shop: SimpleGraphQLClient, items: Record<string, number>) {
    const ids: Record<string, string> = {};
    for (const slug of ['vitamins', 'herbal-tea', 'shop-mug'])
        for (const v of (await shop.query(Q.product, { slug })).product.variants) ids[v.sku] = v.id;
    for (const [sku, qty] of Object.entries(items)) {
        const added = await shop.query(Q.addItem, { id: ids[sku], qty });
        assert.ok(added.addItemToOrder.code, JSON.stringify(added));
    }
    assert.ok((await shop.query(Q.address)).setOrderShippingAddress.code);
    const methods = (await shop.query(Q.shippingMethods)).eligibleShippingMethods;
    assert.ok((await shop.query(Q.setShipping, { id: [methods[0].id] })).setOrderShippingMethod.code);
    const arranging = await shop.query(Q.toPayment);
    assert.equal(arranging.transitionOrderToState.state, 'ArrangingPayment', JSON.stringify(arranging));
    const paid = (await shop.query(Q.pay)).addPaymentToOrder;
    assert.equal(paid.state, 'PaymentAuthorized', JSON.stringify(paid));
    const charged: Record<string, number> = {};
    for (const l of paid.lines) charged[l.productVariant.sku] = l.unitPrice;
    return { code: paid.code as string, charged, total: paid.totalWithTax as number };
}

export async function adminOrder(admin: SimpleGraphQLClient, code: string) {
    return (await admin.query(Q.adminOrder, { code })).orders.items[0];
}

export async function settle(admin: SimpleGraphQLClient, code: string) {
    const order = await adminOrder(admin, code);
    const settled = await admin.query(Q.settle, { id: order.payments[0].id });
    assert.equal(settled.settlePayment.state, 'Settled', JSON.stringify(settled));
}

export async function refund(admin: SimpleGraphQLClient, code: string, amount?: number) {
    const order = await adminOrder(admin, code);
    const input = { lines: [], shipping: 0, adjustment: 0, paymentId: order.payments[0].id, reason: 'test', amount: amount ?? order.totalWithTax };
    const refunded = await admin.query(Q.refund, { input });
    assert.equal(refunded.refundOrder.state, 'Settled', JSON.stringify(refunded));
}

export async function cancel(admin: SimpleGraphQLClient, code: string) {
    const order = await adminOrder(admin, code);
    const cancelled = await admin.query(Q.cancel, { id: order.id });
    assert.equal(cancelled.cancelOrder.state, 'Cancelled', JSON.stringify(cancelled));
}

/** Waits until the plugin's queue has no job waiting or running; returns its jobs. */
export async function queueIdle(admin: SimpleGraphQLClient) {
    return eventually('the plugin queue to be idle', async () => {
        const jobs = (await admin.query(Q.jobs)).jobs.items;
        return jobs.some((j: any) => j.state === 'PENDING' || j.state === 'RUNNING' || j.state === 'RETRYING') ? undefined : jobs;
    });
}

/** The back office member code kept on the Vendure customer, once the registration reached the back office. */
export async function memberCodeOf(admin: SimpleGraphQLClient, email: string): Promise<string> {
    return eventually(`the member code of ${email}`, async () => {
        const c = (await admin.query(Q.adminCustomer, { email })).customers.items[0];
        return c?.customFields?.mlmMemberCode || undefined;
    });
}

/** Waits until the back office has the order in `status`. */
export async function backOfficeStatus(bo: BackOffice, store: string, code: string, status: string) {
    return eventually(`${code} ${status} in the back office`, async () => {
        const order = await bo.order(store, code);
        return order?.status === status ? order : undefined;
    });
}

/**
 * The rest of an order's life, as the shop's staff lives it, each step checked in the back office: the payment
 * settled (paid), the whole payment refunded (refunded); then a second order of the same buyer cancelled.
 */
export async function payRefundAndCancel(v: Shop, bo: BackOffice, store: string, code: string) {
    await settle(v.admin, code);
    await backOfficeStatus(bo, store, code, 'paid');
    await refund(v.admin, code);
    await backOfficeStatus(bo, store, code, 'refunded');
    const second = await checkout(v.shop, { TEA: 1 });
    await backOfficeStatus(bo, store, second.code, 'pending');
    await cancel(v.admin, second.code);
    await backOfficeStatus(bo, store, second.code, 'cancelled');
}
