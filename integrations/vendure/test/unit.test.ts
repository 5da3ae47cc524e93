// The plugin's own rules, without Vendure: status steps, the referral of a visit, the backoff, and how the client
// tells "try again later" from "refused" (against a small local HTTP server standing in for the back office).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';

import { BackOfficeClient, BackOfficeRefusal, BackOfficeUnavailable } from '../src/backoffice-client';
import { isReferralCode, mlmBackoff } from '../src/options';
import { SyncService, referralOf } from '../src/sync.service';

describe('plugin rules', () => {
    it('moves a back office order only along its lifecycle', () => {
        assert.deepEqual(SyncService.steps('pending', 'paid'), ['paid']);
        assert.deepEqual(SyncService.steps('pending', 'refunded'), ['paid', 'refunded']);
        assert.deepEqual(SyncService.steps('pending', 'cancelled'), ['cancelled']);
        assert.deepEqual(SyncService.steps('paid', 'refunded'), ['refunded']);
        assert.deepEqual(SyncService.steps('paid', 'paid'), []);
        assert.deepEqual(SyncService.steps('refunded', 'paid'), []);
        assert.deepEqual(SyncService.steps('cancelled', 'paid'), []);
        assert.deepEqual(SyncService.steps('paid', 'cancelled'), []);
    });

    it('reads the referral of a visit from the query, else the cookie, and only if it is a code', () => {
        assert.equal(referralOf({ query: { ref: 'ANNA-SHOP' }, headers: { cookie: 'mlm_ref=OTHER' } }), 'ANNA-SHOP');
        assert.equal(referralOf({ query: {}, headers: { cookie: 'a=1; mlm_ref=CARL-MY; b=2' } }), 'CARL-MY');
        assert.equal(referralOf({ query: { ref: 'x' }, headers: {} }), undefined); // too short
        assert.equal(referralOf({ query: { ref: ['ANNA', 'BOB1'] }, headers: {} }), undefined);
        assert.equal(referralOf({ query: {}, headers: { cookie: 'mlm_ref=%3Cscript%3E' } }), undefined);
        assert.equal(referralOf(undefined), undefined);
        assert.ok(isReferralCode('A-B-C-1'));
        assert.ok(!isReferralCode('A'.repeat(33)));
    });

    it('backs off the plugin queue only, doubling to the cap', () => {
        const b = mlmBackoff({ initialMs: 100, maxMs: 1000, otherMs: 7 });
        assert.deepEqual([1, 2, 3, 4, 5, 9].map(n => b('mlm-backoffice', n)), [100, 200, 400, 800, 1000, 1000]);
        assert.equal(b('send-email', 3), 7);
    });

    it('tells an unreachable back office from a refusal', async () => {
        const answers: Record<string, [number, string]> = {
            '/api/v1/ok': [200, '{"fine":true}'],
            '/api/v1/refused': [409, '{"error":{"code":"conflict","message":"no"}}'],
            '/api/v1/busy': [503, '{"error":{"code":"unavailable","message":"later"}}'],
            '/api/v1/garbage': [200, 'not json'],
        };
        let auth = '';
        const server = http.createServer((req, res) => {
            auth = req.headers.authorization ?? '';
            if (req.url === '/api/v1/slow') return; // never answers
            const [status, body] = answers[req.url ?? ''] ?? [404, '{}'];
            res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
        });
        await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
        const port = (server.address() as AddressInfo).port;
        try {
            const client = new BackOfficeClient({ url: `http://127.0.0.1:${port}`, apiKey: 'mlm_k_s', timeoutMs: 300 });
            assert.deepEqual(await client.get('/ok'), { status: 200, body: { fine: true } });
            assert.equal(auth, 'Bearer mlm_k_s');
            const refused = await client.post('/refused', { a: 1 });
            assert.equal(refused.status, 409);
            assert.equal(BackOfficeClient.describe(refused), '409 conflict: no');
            await assert.rejects(client.get('/busy'), BackOfficeUnavailable);
            await assert.rejects(client.get('/garbage'), BackOfficeUnavailable);
            await assert.rejects(client.get('/slow'), /no answer within 300 ms/);
            // Just found unreachable: a page's read does not ask again for a moment, a job's does.
            await assert.rejects(client.get('/ok', true), /unreachable a moment ago/);
            assert.equal((await client.get('/ok')).status, 200);
            assert.equal((await client.get('/ok', true)).status, 200);
        } finally {
            server.close();
        }
        const nowhere = new BackOfficeClient({ url: 'http://127.0.0.1:1', apiKey: 'k' });
        await assert.rejects(nowhere.get('/ok'), BackOfficeUnavailable);
        assert.throws(() => new BackOfficeClient({ url: 'ftp://x', apiKey: 'k' }), /http or https/);
        assert.throws(() => new BackOfficeClient({ url: 'http://x', apiKey: '' }), /API key/);
        assert.ok(new BackOfficeRefusal(400, 'x', 'y') instanceof Error);
    });
});
