// A real back office for the tests: a SQLite database made by mlmctl from a fixture company, served by a real
// mlm-server on a loopback port (stopped and started again by the outage tests).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const buildDir = process.env.MLM_BUILD_DIR ?? path.resolve(__dirname, '../../../../build');
const mlmctlBin = path.join(buildDir, 'app', 'mlmctl');
const serverBin = path.join(buildDir, 'app', 'mlm-server');
const fixture = path.resolve(__dirname, '../../test/fixtures/company.json');

export interface BackOfficeOrder {
    external_id: string;
    status: string;
    buyer: { member?: string; customer?: string };
    credited_member: string | null;
    tier: string;
    total: number;
    lines: { sku: string; qty: number; unit_price: number }[];
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const port = (s.address() as net.AddressInfo).port;
            s.close(() => resolve(port));
        });
    });
}

export class BackOffice {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlm-vendure-'));
    readonly url = `sqlite://${path.join(this.dir, 'company.db')}`;
    readonly keys: Record<string, string> = {};
    port = 0;
    /** Serve HTTPS with this certificate and key (PEM files) instead of plain HTTP. */
    tls?: { cert: string; key: string };
    private server?: ChildProcess;
    private adminToken?: string;

    /** Makes the database: schema, the fixture company, an API key per store, an administrator for the office API. */
    async create(): Promise<void> {
        this.mlmctl(['init']);
        this.mlmctl(['import', fixture]);
        for (const store of ['shop', 'my', 'outlet'])
            this.keys[store] = this.mlmctl(['store', 'key', 'create', '--store', store, '--label', 'vendure test']).trim();
        this.mlmctl(['user', 'add', 'boss', '--role', 'admin'], 'boss-password-1\n');
        this.port = await freePort();
    }

    mlmctl(args: string[], input?: string): string {
        return execFileSync(mlmctlBin, ['--db', this.url, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    }

    get baseUrl() {
        return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
    }

    async start(): Promise<void> {
        const tls = this.tls ? ['--tls-cert', this.tls.cert, '--tls-key', this.tls.key] : [];
        const server = spawn(serverBin, ['--db', this.url, '--listen', `127.0.0.1:${this.port}`, '--threads', '2', '--no-access-log', ...tls], {
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        this.server = server;
        let said = '';
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`mlm-server did not start: ${said}`)), 15000);
            const listen = (chunk: Buffer) => {
                said += chunk.toString();
                if (said.includes('listening on')) {
                    clearTimeout(timer);
                    resolve();
                }
            };
            server.stdout!.on('data', listen);
            server.stderr!.on('data', listen);
            server.once('exit', code => {
                clearTimeout(timer);
                reject(new Error(`mlm-server exited with ${code}: ${said}`));
            });
        });
        server.removeAllListeners('exit');
    }

    async stop(): Promise<void> {
        const server = this.server;
        if (!server || server.exitCode !== null) return;
        this.server = undefined;
        await new Promise<void>(resolve => {
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
        });
    }

    async destroy(): Promise<void> {
        await this.stop();
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    /** A call of the store API with a store's key, as a store would make it. */
    async store(store: string, method: string, pathBelowV1: string, body?: unknown): Promise<{ status: number; body: any }> {
        const res = await fetch(`${this.baseUrl}/api/v1${pathBelowV1}`, {
            method,
            headers: { Authorization: `Bearer ${this.keys[store]}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
            body: body ? JSON.stringify(body) : undefined,
        });
        return { status: res.status, body: (await res.json()) as any };
    }

    async order(store: string, externalId: string): Promise<BackOfficeOrder | undefined> {
        const answer = await this.store(store, 'GET', `/orders/${encodeURIComponent(externalId)}`);
        return answer.status === 200 ? answer.body : undefined;
    }

    /** A call of the office API as the administrator (a person signed in at the company's server). */
    async office(method: string, pathBelowOffice: string, body?: unknown): Promise<any> {
        if (!this.adminToken) {
            const res = await fetch(`${this.baseUrl}/api/v1/session`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ username: 'boss', password: 'boss-password-1' }),
            });
            if (res.status !== 201) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
            this.adminToken = ((await res.json()) as any).token;
        }
        const res = await fetch(`${this.baseUrl}/api/v1/office/${pathBelowOffice}`, {
            method,
            headers: { Authorization: `Bearer ${this.adminToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
            body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        if (res.status >= 300) throw new Error(`${method} office/${pathBelowOffice}: ${res.status} ${text}`);
        return JSON.parse(text);
    }

    /** Everything the back office holds, as `mlmctl export` writes it. */
    exported(): any {
        return JSON.parse(this.mlmctl(['export', '-']));
    }
}

/** Waits until `probe` gives a value that is not undefined (or throws after `ms`). */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 20000): Promise<T> {
    const deadline = Date.now() + ms;
    let last: unknown;
    while (Date.now() < deadline) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (e) {
            last = e;
        }
        await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
