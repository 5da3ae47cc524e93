import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { HistoryEntryType } from '@vendure/common/lib/generated-types';
import {
    Customer,
    CustomerEvent,
    EventBus,
    HistoryService,
    ID,
    JobQueue,
    JobQueueService,
    Logger,
    LoginEvent,
    Order,
    OrderPlacedEvent,
    OrderService,
    OrderStateTransitionEvent,
    RefundStateTransitionEvent,
    RequestContext,
    RequestContextService,
    TransactionalConnection,
} from '@vendure/core';

import { BackOfficeAnswer, BackOfficeClient, BackOfficeRefusal, BackOfficeUnavailable } from './backoffice-client';
import { BackOfficeService, Buyer, StoreInfo, loggerCtx } from './backoffice.service';
import { MLM_PLUGIN_OPTIONS, MlmBackofficePluginOptions, isReferralCode, kQueueName, kReferralCookie } from './options';

/** What one job of the plugin's queue does; every job repeats safely (the back office is idempotent by id). */
export type SyncJob =
    | { kind: 'customer'; channel: string; customerId: ID }
    | { kind: 'order'; channel: string; orderCode: string }
    | { kind: 'join'; channel: string; registration: JoinRegistration };

export type JoinRegistration = {
    email: string;
    name: string;
    phone?: string;
    country?: string;
    ref?: string;
};

/** The answer to a "join us" registration. */
export interface JoinAnswer {
    status: 'registered' | 'queued' | 'refused';
    memberCode?: string;
    sponsorCode?: string;
    message?: string;
}

type BackOfficeStatus = 'pending' | 'paid' | 'cancelled' | 'refunded';

/** The referral code a visitor came with: `?ref=` on this request, else the `mlm_ref` cookie. */
export function referralOf(req: any): string | undefined {
    const query = req?.query?.ref;
    if (isReferralCode(query)) return query;
    for (const part of String(req?.headers?.cookie ?? '').split(';')) {
        const [name, value] = part.trim().split('=');
        if (name === kReferralCookie && isReferralCode(decodeURIComponent(value ?? ''))) return decodeURIComponent(value);
    }
    return undefined;
}

/** ISO 8601 in UTC to the second, never later than now. */
function isoTime(at: Date | undefined): string {
    const t = Math.min(at ? at.getTime() : Date.now(), Date.now());
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Sends the shop's registrations and orders to the back office through Vendure's job queue: an event only adds a
 * job, so a checkout never waits on the back office; a job that finds it unreachable is repeated with the queue's
 * backoff; one that is refused is recorded on the customer or order (admin: custom fields and history) and not
 * repeated.
 */
@Injectable()
export class SyncService implements OnModuleInit, OnApplicationBootstrap {
    private queue!: JobQueue<SyncJob>;

    constructor(
        @Inject(MLM_PLUGIN_OPTIONS) private readonly options: MlmBackofficePluginOptions,
        private readonly backOffice: BackOfficeService,
        private readonly jobQueueService: JobQueueService,
        private readonly eventBus: EventBus,
        private readonly connection: TransactionalConnection,
        private readonly orderService: OrderService,
        private readonly historyService: HistoryService,
        private readonly requestContextService: RequestContextService,
    ) {}

    async onModuleInit() {
        this.queue = await this.jobQueueService.createQueue<SyncJob>({
            name: kQueueName,
            process: async job => {
                const ctx = await this.requestContextService.create({ apiType: 'admin', channelOrToken: job.data.channel });
                switch (job.data.kind) {
                    case 'customer':
                        return this.syncCustomer(ctx, job.data.customerId);
                    case 'order':
                        return this.syncOrder(ctx, job.data.orderCode);
                    case 'join':
                        return this.join(ctx, job.data.registration, false);
                }
            },
        });
    }

    onApplicationBootstrap() {
        this.eventBus.ofType(CustomerEvent).subscribe(event => {
            if (event.type === 'created') void this.customerCreated(event.ctx, event.entity);
        });
        this.eventBus.ofType(OrderPlacedEvent).subscribe(event => this.add(event.ctx, { orderCode: event.order.code }));
        this.eventBus.ofType(OrderStateTransitionEvent).subscribe(event => {
            if (['PaymentSettled', 'Cancelled'].includes(event.toState)) this.add(event.ctx, { orderCode: event.order.code });
        });
        this.eventBus.ofType(RefundStateTransitionEvent).subscribe(event => {
            if (event.toState === 'Settled') this.add(event.ctx, { orderCode: event.order.code });
        });
        // A sign-in asks for the buyer's prices anew: a member promoted meanwhile sees its new tier's prices.
        this.eventBus.ofType(LoginEvent).subscribe(async event => {
            const customer = await this.connection.rawConnection
                .getRepository(Customer)
                .findOne({ where: { user: { id: event.user.id } } });
            const code = (customer?.customFields as any)?.mlmMemberCode;
            if (code) this.backOffice.expire({ member: code });
        });
    }

    /** Registers a distributor now ("join us"); with the back office away, queues it and says so. */
    async join(ctx: RequestContext, registration: JoinRegistration, queueWhenAway = true): Promise<JoinAnswer> {
        const client = this.need(ctx);
        const body = { ...registration, member_status: 'distributor' };
        let answer: BackOfficeAnswer;
        try {
            answer = await client.post('/registrations', body);
        } catch (e) {
            if (!(e instanceof BackOfficeUnavailable) || !queueWhenAway) throw e;
            await this.queue.add({ kind: 'join', channel: ctx.channel.token, registration }, { retries: this.retries() });
            return { status: 'queued', message: 'The back office is not reachable; the registration is sent when it is.' };
        }
        if (answer.status !== 200 && answer.status !== 201) {
            Logger.warn(`join of ${registration.email} refused by the back office: ${BackOfficeClient.describe(answer)}`, loggerCtx);
            return { status: 'refused', message: answer.body?.error?.message ?? BackOfficeClient.describe(answer) };
        }
        const member = answer.body.member ?? {};
        return { status: 'registered', memberCode: member.code, sponsorCode: member.sponsor };
    }

    /** Queues the order's reconciliation (an admin's "send again"); false for a channel the plugin does not serve. */
    async send(ctx: RequestContext, orderCode: string): Promise<boolean> {
        if (!this.backOffice.client(ctx.channel.code)) return false;
        await this.queue.add({ kind: 'order', channel: ctx.channel.token, orderCode }, { retries: this.retries() });
        return true;
    }

    private add(ctx: RequestContext, what: { orderCode: string } | { customerId: ID }) {
        if (!this.backOffice.client(ctx.channel.code)) return;
        const job: SyncJob =
            'orderCode' in what
                ? { kind: 'order', channel: ctx.channel.token, orderCode: what.orderCode }
                : { kind: 'customer', channel: ctx.channel.token, customerId: what.customerId };
        this.queue.add(job, { retries: this.retries() }).catch(e => Logger.error(`cannot queue ${job.kind}: ${e.message}`, loggerCtx));
    }

    private retries() {
        return this.options.retries ?? 200;
    }

    private async customerCreated(ctx: RequestContext, customer: Customer) {
        if (!this.backOffice.client(ctx.channel.code)) return;
        // The referral code of the visit is kept with the customer: the back office registration may come later.
        const ref = referralOf(ctx.req);
        if (ref) await this.connection.rawConnection.getRepository(Customer).update(customer.id, { customFields: { mlmRef: ref } } as any);
        this.add(ctx, { customerId: customer.id });
    }

    private async syncCustomer(ctx: RequestContext, customerId: ID) {
        const customer = await this.backOffice.customerById(ctx, customerId);
        if (!customer) return;
        try {
            await this.registered(ctx, await this.backOffice.store(ctx.channel.code), customer);
        } catch (e) {
            if (!(e instanceof BackOfficeRefusal)) throw e;
            Logger.error(`customer ${customer.emailAddress} refused by the back office: ${e.message}`, loggerCtx);
            await this.historyService.createHistoryEntryForCustomer({
                ctx,
                customerId: customer.id,
                type: HistoryEntryType.CUSTOMER_NOTE,
                data: { note: `Back office refused the registration: ${e.message}` },
            });
        }
    }

    /** The customer as the back office's buyer, registering it first when it is not yet. */
    private async registered(ctx: RequestContext, store: StoreInfo, customer: Customer): Promise<Buyer> {
        const fields = (customer.customFields ?? {}) as any;
        const member = store.scenario === 'distributor_channel';
        if (member && fields.mlmMemberCode) return { member: fields.mlmMemberCode };
        if (!member && fields.mlmRegistered) return { customer: customer.emailAddress };
        const name = `${customer.firstName ?? ''} ${customer.lastName ?? ''}`.trim() || customer.emailAddress;
        const answer = await this.need(ctx).post('/registrations', {
            email: customer.emailAddress,
            name,
            ...(customer.phoneNumber ? { phone: customer.phoneNumber } : {}),
            ...(isReferralCode(fields.mlmRef) ? { ref: fields.mlmRef } : {}),
        });
        if (answer.status !== 200 && answer.status !== 201) throw this.refusal(answer);
        const code: string | undefined = answer.body.member?.code;
        await this.connection.rawConnection
            .getRepository(Customer)
            .update(customer.id, { customFields: { mlmRegistered: true, ...(code ? { mlmMemberCode: code } : {}) } } as any);
        if (member) {
            if (!code) throw new BackOfficeRefusal(answer.status, 'internal', 'the back office registered no member');
            this.backOffice.expire({ member: code });
            return { member: code };
        }
        return { customer: customer.emailAddress };
    }

    /** Brings the back office's copy of the order to the shop's state: sent once, then paid, cancelled, refunded. */
    private async syncOrder(ctx: RequestContext, orderCode: string) {
        const order = await this.orderService.findOneByCode(ctx, orderCode, [
            'customer',
            'lines',
            'lines.productVariant',
            'payments',
            'payments.refunds',
        ]);
        if (!order || !order.orderPlacedAt) return;
        const client = this.need(ctx);
        const path = `/orders/${BackOfficeClient.segment(order.code)}`;
        try {
            const store = await this.backOffice.store(ctx.channel.code);
            let stored = await client.get(path);
            if (stored.status === 404) {
                if (!order.customer) throw new BackOfficeRefusal(0, 'no_customer', 'the order has no customer');
                const quantities = new Map<string, number>();
                for (const line of order.lines)
                    if (line.quantity > 0) quantities.set(line.productVariant.sku, (quantities.get(line.productVariant.sku) ?? 0) + line.quantity);
                stored = await client.post('/orders', {
                    external_id: order.code,
                    buyer: await this.registered(ctx, store, order.customer),
                    status: 'pending',
                    lines: [...quantities].map(([sku, qty]) => ({ sku, qty })),
                });
                if (stored.status !== 200 && stored.status !== 201) throw this.refusal(stored);
            } else if (stored.status !== 200) {
                throw this.refusal(stored);
            }
            let status: BackOfficeStatus = stored.body.status;
            const wanted = this.wantedStatus(order);
            for (const next of SyncService.steps(status, wanted.status)) {
                const at = next === 'paid' ? wanted.paidAt : next === 'refunded' ? wanted.refundedAt : undefined;
                let answer = await client.post(`${path}/status`, { status: next, at: isoTime(at) });
                if (answer.status === 409 && answer.body?.error?.code === 'failed_precondition' && next === 'paid') {
                    // Its month is closed in the back office: the payment counts from today.
                    await this.note(ctx, order, `Back office: ${answer.body.error.message}; the payment was sent dated now.`);
                    answer = await client.post(`${path}/status`, { status: next });
                }
                if (answer.status === 409 && answer.body?.error?.code === 'conflict') {
                    const now = await client.get(path); // another worker may have sent it meanwhile
                    if (now.status === 200 && now.body.status === next) {
                        status = next;
                        continue;
                    }
                }
                if (answer.status !== 200) throw this.refusal(answer);
                status = next;
            }
            if (wanted.partialRefund)
                await this.note(ctx, order, 'Back office: a partial refund is not sent; the back office refunds whole orders.');
            await this.record(ctx, order, status, '');
        } catch (e) {
            if (!(e instanceof BackOfficeRefusal)) throw e; // unreachable: the queue tries again
            Logger.error(`order ${order.code} refused by the back office: ${e.message}`, loggerCtx);
            if ((order.customFields as any)?.mlmError !== e.message) await this.note(ctx, order, `Back office refused the order: ${e.message}`);
            await this.record(ctx, order, 'refused', e.message);
        }
    }

    /** The back office status that matches the shop's order: its settled payments and refunds. */
    private wantedStatus(order: Order) {
        const settled = (order.payments ?? []).filter(p => p.state === 'Settled');
        const paid = settled.reduce((sum, p) => sum + p.amount, 0);
        const refunds = settled.flatMap(p => p.refunds ?? []).filter(r => r.state === 'Settled');
        const refunded = refunds.reduce((sum, r) => sum + r.total, 0);
        const latest = (dates: Date[]) => (dates.length ? new Date(Math.max(...dates.map(d => d.getTime()))) : undefined);
        const paidAt = latest(settled.map(p => p.updatedAt));
        const refundedAt = latest(refunds.map(r => r.updatedAt));
        let status: BackOfficeStatus = 'pending';
        if (paid > 0) status = refunded >= paid ? 'refunded' : 'paid';
        else if (order.state === 'Cancelled') status = 'cancelled';
        return { status, paidAt, refundedAt, partialRefund: paid > 0 && refunded > 0 && refunded < paid };
    }

    /** The status changes from `from` to `to` the back office allows, or none. */
    static steps(from: BackOfficeStatus, to: BackOfficeStatus): BackOfficeStatus[] {
        if (from === to) return [];
        if (from === 'pending' && to === 'refunded') return ['paid', 'refunded'];
        if ((from === 'pending' && (to === 'paid' || to === 'cancelled')) || (from === 'paid' && to === 'refunded')) return [to];
        return [];
    }

    private async record(ctx: RequestContext, order: Order, status: string, error: string) {
        await this.connection.getRepository(ctx, Order).update(order.id, { customFields: { mlmStatus: status, mlmError: error } } as any);
    }

    private async note(ctx: RequestContext, order: Order, note: string) {
        await this.historyService.createHistoryEntryForOrder(
            { ctx, orderId: order.id, type: HistoryEntryType.ORDER_NOTE, data: { note } },
            false,
        );
    }

    private refusal(answer: BackOfficeAnswer): BackOfficeRefusal {
        return new BackOfficeRefusal(answer.status, answer.body?.error?.code ?? '', BackOfficeClient.describe(answer));
    }

    private need(ctx: RequestContext): BackOfficeClient {
        const client = this.backOffice.client(ctx.channel.code);
        if (!client) throw new Error(`the channel ${ctx.channel.code} is not connected to the back office`);
        return client;
    }
}
