// Vendure in-process on SQLite (sql.js) through Vendure's own testing harness, with the plugin connected to the
// real back office of ./backoffice.ts.
process.env.VENDURE_DISABLE_TELEMETRY = 'true';

import { LanguageCode, PaymentMethodHandler, mergeConfig } from '@vendure/core';
import { SimpleGraphQLClient, createTestEnvironment, registerInitializer, SqljsInitializer, testConfig } from '@vendure/testing';
import { InMemoryJobQueueStrategy } from '@vendure/core/dist/job-queue/in-memory-job-queue-strategy';
import gql from 'graphql-tag';
import * as path from 'node:path';
import { after, before } from 'node:test';

import { MlmBackofficePlugin, mlmBackoff } from '../src';
import { BackOffice } from './backoffice';

registerInitializer('sqljs', new SqljsInitializer(path.join(__dirname, '__data__')));

/** A card payment that is authorized first and settled by an administrator, and can be refunded. */
const testCard = new PaymentMethodHandler({
    code: 'test-card',
    description: [{ languageCode: LanguageCode.en, value: 'Test card' }],
    args: {},
    createPayment: (_ctx, _order, amount) => ({ amount, state: 'Authorized' as const, transactionId: `t-${Date.now()}` }),
    settlePayment: () => ({ success: true }),
    cancelPayment: () => ({ success: true }),
    createRefund: () => ({ state: 'Settled' as const, transactionId: `r-${Date.now()}` }),
});

const initialData = {
    defaultLanguage: LanguageCode.en,
    defaultZone: 'Everywhere',
    taxRates: [{ name: 'Standard Tax', percentage: 0 }],
    shippingMethods: [{ name: 'Standard Shipping', price: 0 }],
    paymentMethods: [{ name: 'Test card', handler: { code: testCard.code, arguments: [] } }],
    countries: [{ name: 'United States', code: 'US', zone: 'Everywhere' }],
    collections: [],
};

export interface Shop {
    admin: SimpleGraphQLClient;
    shop: SimpleGraphQLClient;
    server: { app: any; destroy(): Promise<void> };
    shopUrl: string;
}

/** Starts Vendure with its default channel connected to the back office's store `store`. */
export async function startVendure(backOffice: BackOffice, store: string, port: number): Promise<Shop> {
    const config = mergeConfig(testConfig, {
        apiOptions: { port },
        authOptions: { requireVerification: false },
        paymentOptions: { paymentMethodHandlers: [testCard] },
        jobQueueOptions: {
            jobQueueStrategy: new InMemoryJobQueueStrategy({ pollInterval: 50, backoffStrategy: mlmBackoff({ initialMs: 100, maxMs: 400 }) }),
        },
        plugins: [
            MlmBackofficePlugin.init({
                channels: { __default_channel__: { url: backOffice.baseUrl, apiKey: backOffice.keys[store], timeoutMs: 2000 } },
                catalogTtlMs: 60_000,
            }),
        ],
    });
    const { server, adminClient, shopClient } = createTestEnvironment(config);
    await server.init({ initialData, productsCsvPath: path.resolve(__dirname, '../../test/fixtures/products.csv'), customerCount: 0 });
    await adminClient.asSuperAdmin();
    return { admin: adminClient, shop: shopClient, server, shopUrl: `http://localhost:${port}/shop-api` };
}

export const Q = {
    referral: gql`
        query ($code: String!) {
            mlmReferral(code: $code) { code ownerCode ownerName url }
        }
    `,
    register: gql`
        mutation ($input: RegisterCustomerInput!) {
            registerCustomerAccount(input: $input) { ... on Success { success } ... on ErrorResult { errorCode message } }
        }
    `,
    login: gql`
        mutation ($username: String!, $password: String!) {
            login(username: $username, password: $password) { ... on CurrentUser { id } ... on ErrorResult { errorCode message } }
        }
    `,
    logout: gql`
        mutation { logout { success } }
    `,
    product: gql`
        query ($slug: String!) {
            product(slug: $slug) { variants { id sku price priceWithTax } }
        }
    `,
    addItem: gql`
        mutation ($id: ID!, $qty: Int!) {
            addItemToOrder(productVariantId: $id, quantity: $qty) {
                ... on Order { code lines { unitPrice quantity productVariant { sku } } }
                ... on ErrorResult { errorCode message }
            }
        }
    `,
    address: gql`
        mutation {
            setOrderShippingAddress(input: { fullName: "A Buyer", streetLine1: "1 Main St", city: "Springfield", postalCode: "12345", countryCode: "US" }) {
                ... on Order { code }
                ... on ErrorResult { errorCode message }
            }
        }
    `,
    shippingMethods: gql`
        query { eligibleShippingMethods { id } }
    `,
    setShipping: gql`
        mutation ($id: [ID!]!) {
            setOrderShippingMethod(shippingMethodId: $id) { ... on Order { code } ... on ErrorResult { errorCode message } }
        }
    `,
    toPayment: gql`
        mutation {
            transitionOrderToState(state: "ArrangingPayment") { ... on Order { code state } ... on OrderStateTransitionError { errorCode message transitionError } }
        }
    `,
    pay: gql`
        mutation {
            addPaymentToOrder(input: { method: "test-card", metadata: {} }) {
                ... on Order { code state totalWithTax lines { unitPrice quantity productVariant { sku } } }
                ... on ErrorResult { errorCode message }
            }
        }
    `,
    join: gql`
        mutation ($input: MlmJoinInput!) {
            mlmJoin(input: $input) { status memberCode sponsorCode message }
        }
    `,
    adminCustomer: gql`
        query ($email: String!) {
            customers(options: { filter: { emailAddress: { eq: $email } } }) { items { id customFields { mlmRef mlmMemberCode mlmRegistered } } }
        }
    `,
    adminOrder: gql`
        query ($code: String!) {
            orders(options: { filter: { code: { eq: $code } } }) {
                items {
                    id state totalWithTax customFields { mlmStatus mlmError }
                    payments { id state }
                    history(options: { take: 100 }) { items { type data } }
                }
            }
        }
    `,
    settle: gql`
        mutation ($id: ID!) {
            settlePayment(id: $id) { ... on Payment { id state } ... on ErrorResult { errorCode message } }
        }
    `,
    refund: gql`
        mutation ($input: RefundOrderInput!) {
            refundOrder(input: $input) { ... on Refund { id state total } ... on ErrorResult { errorCode message } }
        }
    `,
    cancel: gql`
        mutation ($id: ID!) {
            cancelOrder(input: { orderId: $id, cancelShipping: true }) { ... on Order { id state } ... on ErrorResult { errorCode message } }
        }
    `,
    sendOrder: gql`
        mutation ($code: String!) { mlmSendOrder(code: $code) }
    `,
    jobs: gql`
        query {
            jobs(options: { filter: { queueName: { eq: "mlm-backoffice" } }, take: 1000 }) { items { id state attempts retries error data } }
        }
    `,
};

/**
 * For a test file: a fixture back office served by mlm-server, and Vendure with its default channel connected to the
 * back office's store `store`; started before the file's tests, stopped after them.
 */
export function useShop(store: string, port: number): { bo: BackOffice; v: Shop } {
    const bo = new BackOffice();
    const shop = { bo, v: undefined as unknown as Shop };
    before(async () => {
        await bo.create();
        await bo.start();
        shop.v = await startVendure(bo, store, port);
    });
    after(async () => {
        await shop.v?.server.destroy();
        await bo.destroy();
    });
    return shop;
}
