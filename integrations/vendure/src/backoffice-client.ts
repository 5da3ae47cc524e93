import * as http from 'node:http';
import * as https from 'node:https';

/** How the plugin reaches one store of the back office (one Vendure channel). */
export interface BackOfficeConnection {
    /** The back office's address, e.g. `https://backoffice.example.com:8443` (the API lives under /api/v1). */
    url: string;
    /** The store's API key (`mlmctl store key create --store CODE`). */
    apiKey: string;
    /** PEM text of the CA that signed the back office's certificate, when it is not a public one. */
    ca?: string;
    /** How long one call may take before it counts as unreachable, in ms (default 5000). */
    timeoutMs?: number;
}

/** A JSON answer of the back office. */
export interface BackOfficeAnswer {
    status: number;
    body: any;
}

/**
 * The back office could not be asked or could not answer for now (down, a timeout, a 5xx, 408, 429): the call is
 * worth repeating later.
 */
export class BackOfficeUnavailable extends Error {}

/** The back office refused the call for good (a 4xx): repeating it would give the same answer. */
export class BackOfficeRefusal extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

/** How long reads made for a page (prices, a referral) skip the back office after it was found unreachable. */
const kPauseAfterFailureMs = 5000;

/** A small JSON client of mlm-server's store API. */
export class BackOfficeClient {
    private pausedUntil = 0;

    constructor(private readonly connection: BackOfficeConnection) {
        const url = new URL(connection.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw new Error(`the back office URL must be http or https: ${connection.url}`);
        if (!connection.apiKey) throw new Error('the back office API key is missing');
    }

    /**
     * GET `path` (below /api/v1). With `failFast`, a back office found unreachable within the last seconds is not
     * asked again (a shop page must not wait on it).
     */
    async get(path: string, failFast = false): Promise<BackOfficeAnswer> {
        if (failFast && Date.now() < this.pausedUntil) throw new BackOfficeUnavailable('the back office was unreachable a moment ago');
        return this.request('GET', path);
    }

    async post(path: string, body: unknown): Promise<BackOfficeAnswer> {
        return this.request('POST', path, body);
    }

    /** Percent-encodes one path segment (a code, an order's external id). */
    static segment(text: string): string {
        return encodeURIComponent(text);
    }

    /** The message of an error answer: `409 conflict: the text`. */
    static describe(answer: BackOfficeAnswer): string {
        const e = answer.body?.error;
        return e ? `${answer.status} ${e.code}: ${e.message}` : `HTTP ${answer.status}`;
    }

    private request(method: string, path: string, body?: unknown): Promise<BackOfficeAnswer> {
        const url = new URL('/api/v1' + path, this.connection.url);
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
        const secure = url.protocol === 'https:';
        const options: https.RequestOptions = {
            method,
            headers: {
                Authorization: `Bearer ${this.connection.apiKey}`,
                Accept: 'application/json',
                ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
            },
            timeout: this.connection.timeoutMs ?? 5000,
            ...(secure && this.connection.ca ? { ca: this.connection.ca } : {}),
        };
        return new Promise<BackOfficeAnswer>((resolve, reject) => {
            const fail = (why: string) => {
                this.pausedUntil = Date.now() + kPauseAfterFailureMs;
                reject(new BackOfficeUnavailable(`${method} ${url.pathname}: ${why}`));
            };
            const req = (secure ? https : http).request(url, options, res => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('error', e => fail(e.message));
                res.on('end', () => {
                    const status = res.statusCode ?? 0;
                    let parsed: any = null;
                    try {
                        parsed = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
                    } catch {
                        return fail(`HTTP ${status} with a body that is not JSON`);
                    }
                    const answer = { status, body: parsed };
                    if (status >= 500 || status === 408 || status === 429) return fail(BackOfficeClient.describe(answer));
                    this.pausedUntil = 0;
                    resolve(answer);
                });
            });
            req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeout} ms`)));
            req.on('error', e => fail(e.message));
            req.end(payload);
        });
    }
}
