import { BackOfficeConnection } from './backoffice-client';

export interface MlmBackofficePluginOptions {
    /**
     * The back office's store behind each Vendure channel, by channel code (the default channel's code is
     * `__default_channel__`). A channel not named here is left alone: Vendure's own prices, nothing sent.
     * The store's scenario, pinned tier and currency are read from the back office (`GET /api/v1/store`).
     */
    channels: Record<string, BackOfficeConnection>;
    /** How long a buyer's catalog (its tier prices) is kept before it is asked again, in ms (default 30000). */
    catalogTtlMs?: number;
    /** How long the `mlm_ref` cookie keeps a visitor's referral code, in days (default 30). */
    referralCookieDays?: number;
    /**
     * How often a call that found the back office unreachable is tried again (default 200: with `mlmBackoff`'s
     * default of 1 s doubling up to 10 minutes, about 32 hours).
     */
    retries?: number;
}

export const MLM_PLUGIN_OPTIONS = Symbol('MLM_PLUGIN_OPTIONS');
export const kQueueName = 'mlm-backoffice';
export const kReferralCookie = 'mlm_ref';

/**
 * A backoff for the shop's job queue (`DefaultJobQueuePlugin.init({ backoffStrategy: mlmBackoff() })`): the plugin's
 * jobs wait `initialMs`, doubling to at most `maxMs`; other queues keep `otherMs` (Vendure's default 1000).
 */
export function mlmBackoff(options: { initialMs?: number; maxMs?: number; otherMs?: number } = {}) {
    const initial = options.initialMs ?? 1000;
    const max = options.maxMs ?? 600_000;
    const other = options.otherMs ?? 1000;
    return (queueName: string, attemptsMade: number): number =>
        queueName === kQueueName ? Math.min(max, initial * 2 ** Math.max(0, attemptsMade - 1)) : other;
}

/** A referral or link code as the back office writes them (SPEC 4): 4-32 of A-Z a-z 0-9 -. */
export function isReferralCode(text: unknown): text is string {
    return typeof text === 'string' && /^[A-Za-z0-9-]{4,32}$/.test(text);
}
