import { Inject, Injectable } from '@nestjs/common';
import { Customer, ID, Logger, RequestContext, TransactionalConnection } from '@vendure/core';

import { BackOfficeClient, BackOfficeRefusal, BackOfficeUnavailable } from './backoffice-client';
import { MLM_PLUGIN_OPTIONS, MlmBackofficePluginOptions } from './options';

export const loggerCtx = 'MlmBackofficePlugin';

/** The back office's store behind a channel (`GET /api/v1/store`). */
export interface StoreInfo {
    code: string;
    name: string;
    scenario: 'distributor_channel' | 'personal_storefront' | 'separate_channel';
    currency: string;
    pinned_tier: string | null;
}

/** Whom the back office prices and credits: a member by code, a retail customer of the store by email, or nobody. */
export type Buyer = { member: string } | { customer: string } | null;

/** A buyer's catalog: the unit price of every product for sale, by sku, in the buyer's tier. */
export interface BuyerCatalog {
    tier: string;
    prices: Map<string, number>;
}

interface Kept<T> {
    value: T;
    at: number;
}

const kStoreTtlMs = 60_000;

/**
 * What the plugin knows of the back office: one client per channel, the store behind it, and buyers' catalogs kept
 * for a short while (and used past that while the back office cannot be reached).
 */
@Injectable()
export class BackOfficeService {
    private readonly clients = new Map<string, BackOfficeClient>();
    private readonly stores = new Map<string, Kept<StoreInfo>>();
    private readonly catalogs = new Map<string, Kept<BuyerCatalog>>();
    private readonly asking = new Map<string, Promise<unknown>>();

    constructor(
        @Inject(MLM_PLUGIN_OPTIONS) private readonly options: MlmBackofficePluginOptions,
        private readonly connection: TransactionalConnection,
    ) {
        for (const [channel, c] of Object.entries(options.channels ?? {})) this.clients.set(channel, new BackOfficeClient(c));
    }

    /** The client of the channel's store, or undefined for a channel the plugin does not serve. */
    client(channelCode: string): BackOfficeClient | undefined {
        return this.clients.get(channelCode);
    }

    /** The store behind the channel, asked at most once a minute; the last one known while the back office is away. */
    async store(channelCode: string, failFast = false): Promise<StoreInfo> {
        const client = this.need(channelCode);
        const kept = this.stores.get(channelCode);
        if (kept && Date.now() - kept.at < kStoreTtlMs) return kept.value;
        try {
            const info = await this.once(`store|${channelCode}`, async () => {
                const answer = await client.get('/store', failFast);
                if (answer.status !== 200)
                    throw new BackOfficeRefusal(answer.status, answer.body?.error?.code ?? '', BackOfficeClient.describe(answer));
                return answer.body as StoreInfo;
            });
            this.stores.set(channelCode, { value: info, at: Date.now() });
            return info;
        } catch (e) {
            if (kept && e instanceof BackOfficeUnavailable) return kept.value;
            throw e;
        }
    }

    /** Whom the back office prices for this Vendure customer in this store. */
    buyerOf(customer: Customer | undefined | null, store: StoreInfo): Buyer {
        // Retail customers (the other two scenarios) buy at retail, or at the store's pinned tier, like a visitor.
        if (!customer || store.scenario !== 'distributor_channel') return null;
        const code = (customer.customFields as any)?.mlmMemberCode;
        return code ? { member: code } : null;
    }

    /** The customer signed in on this request, if any (looked up once per request). */
    async activeCustomer(ctx: RequestContext): Promise<Customer | undefined> {
        if (!ctx.activeUserId) return undefined;
        const key = ctx.req as object | undefined;
        const cache = key ? this.perRequest.get(key) : undefined;
        if (cache) return cache;
        const found = this.connection
            .getRepository(ctx, Customer)
            .findOne({ where: { user: { id: ctx.activeUserId } } })
            .then(c => c ?? undefined);
        if (key) this.perRequest.set(key, found);
        return found;
    }
    private readonly perRequest = new WeakMap<object, Promise<Customer | undefined>>();

    async customerById(ctx: RequestContext, id: ID | undefined | null): Promise<Customer | undefined> {
        if (id == null) return undefined;
        return (await this.connection.getRepository(ctx, Customer).findOne({ where: { id } })) ?? undefined;
    }

    /**
     * The buyer's unit price of `sku` in the back office, or undefined when it has none (a sku it does not sell, a
     * back office never reached): the caller keeps Vendure's own price then.
     */
    async unitPrice(channelCode: string, customer: Customer | undefined, sku: string): Promise<number | undefined> {
        if (!this.clients.has(channelCode)) return undefined;
        try {
            const store = await this.store(channelCode, true);
            const buyer = this.buyerOf(customer, store);
            let catalog: BuyerCatalog | undefined;
            try {
                catalog = await this.catalog(channelCode, buyer);
            } catch (e) {
                // A member the back office will not price (terminated, unknown): the visitor's prices; the order
                // itself is refused when it is sent, and that is shown on the order.
                if (!(e instanceof BackOfficeRefusal) || buyer === null) throw e;
                catalog = await this.catalog(channelCode, null);
            }
            return catalog.prices.get(sku);
        } catch (e) {
            Logger.warn(`prices of channel ${channelCode} not read from the back office: ${(e as Error).message}`, loggerCtx);
            return undefined;
        }
    }

    /** The buyer's catalog, kept `catalogTtlMs`; the one kept before while the back office cannot be reached. */
    async catalog(channelCode: string, buyer: Buyer): Promise<BuyerCatalog> {
        const client = this.need(channelCode);
        const key = BackOfficeService.catalogKey(channelCode, buyer);
        const kept = this.catalogs.get(key);
        if (kept && Date.now() - kept.at < (this.options.catalogTtlMs ?? 30_000)) return kept.value;
        try {
            const catalog = await this.once(`catalog|${key}`, async () => {
                const query =
                    buyer === null
                        ? ''
                        : 'member' in buyer
                          ? `?member=${encodeURIComponent(buyer.member)}`
                          : `?customer=${encodeURIComponent(buyer.customer)}`;
                const answer = await client.get('/catalog' + query, true);
                if (answer.status !== 200)
                    throw new BackOfficeRefusal(answer.status, answer.body?.error?.code ?? '', BackOfficeClient.describe(answer));
                const prices = new Map<string, number>();
                for (const p of answer.body.products ?? []) prices.set(p.sku, p.unit_price);
                return { tier: answer.body.tier, prices } as BuyerCatalog;
            });
            this.catalogs.set(key, { value: catalog, at: Date.now() });
            return catalog;
        } catch (e) {
            if (kept && e instanceof BackOfficeUnavailable) return kept.value;
            throw e;
        }
    }

    /**
     * Makes a buyer's catalog old, so that its next page asks the back office (a sign-in: its status may have
     * changed); it is still used while the back office cannot be reached.
     */
    expire(buyer: Buyer) {
        for (const channel of this.clients.keys()) {
            const kept = this.catalogs.get(BackOfficeService.catalogKey(channel, buyer));
            if (kept) kept.at = 0;
        }
    }

    private static catalogKey(channelCode: string, buyer: Buyer): string {
        if (buyer === null) return `${channelCode}|`;
        return 'member' in buyer ? `${channelCode}|m|${buyer.member.toUpperCase()}` : `${channelCode}|c|${buyer.customer.toLowerCase()}`;
    }

    private need(channelCode: string): BackOfficeClient {
        const client = this.clients.get(channelCode);
        if (!client) throw new Error(`the channel ${channelCode} is not connected to the back office`);
        return client;
    }

    /** One question in flight per key: a product list of 50 variants asks the back office once. */
    private once<T>(key: string, ask: () => Promise<T>): Promise<T> {
        const running = this.asking.get(key) as Promise<T> | undefined;
        if (running) return running;
        const p = ask().finally(() => this.asking.delete(key));
        this.asking.set(key, p);
        return p;
    }
}
