// The plugin reaches a back office that serves HTTPS with a certificate of the company's own CA: it trusts that CA
// when given (`ca`), and refuses the connection (as unreachable, never as an answer) when not.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { BackOfficeClient, BackOfficeUnavailable } from '../src/backoffice-client';
import { BackOffice } from './backoffice';

function openssl(dir: string, args: string[]) {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

describe('a back office over HTTPS', () => {
    const bo = new BackOffice();
    let ca = '';

    before(async () => {
        await bo.create();
        const d = bo.dir;
        openssl(d, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test company CA']);
        openssl(d, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
        fs.writeFileSync(path.join(d, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
        openssl(d, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
        ca = fs.readFileSync(path.join(d, 'ca.pem'), 'utf8');
        bo.tls = { cert: path.join(d, 'server.pem'), key: path.join(d, 'server.key') };
        await bo.start();
    });
    after(() => bo.destroy());

    it('trusts the company CA it is given', async () => {
        const client = new BackOfficeClient({ url: bo.baseUrl, apiKey: bo.keys.shop, ca });
        const store = await client.get('/store');
        assert.equal(store.status, 200);
        assert.equal(store.body.scenario, 'distributor_channel');
    });

    it('refuses a certificate it has no CA for', async () => {
        const client = new BackOfficeClient({ url: bo.baseUrl, apiKey: bo.keys.shop });
        await assert.rejects(client.get('/store'), (e: Error) => e instanceof BackOfficeUnavailable && /certificate/i.test(e.message));
    });
});
