// itsme_like_op.mjs — a test OpenID Provider (npm oidc-provider, certified) configured the way itsme
// works, for sealpost's OIDC relying-party tests. Started by the C++ integration test as a child
// process; nothing here is production code.
//
//   node tests/oidc/itsme_like_op.mjs --client-id sealpost --client-jwks client_public_jwks.json \
//        --redirect-uri http://127.0.0.1/cb [--enc A256GCM] [--secret-client-id ID --client-secret S]
//        [--userinfo-signed]
//
// First stdout line: `ISSUER http://127.0.0.1:PORT` (port chosen by the kernel). The OP exits when its
// stdin closes (so it never outlives the test) or on SIGTERM.
//
// itsme-like behaviour: private_key_jwt client authentication, ID tokens signed (RS256) then encrypted
// (RSA-OAEP-256) for the client's `enc` key, PKCE S256 required, itsme acr values, the national number
// claim under the `eid` scope, claims parameter, userinfo, authorization codes living 3 minutes.
//
// Interaction: there is no login page. /interaction/:uid signs in the citizen named by `login_hint`
// (default "jan") at the acr named by the extra parameter `test_acr` ("basic" or "advanced"; default:
// the first requested acr_values entry, else advanced), then grants every requested scope and claim.
import fs from 'node:fs';
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const NN_CLAIM = 'http://itsme.services/v2/claim/BENationalNumber';
const ACR_BASIC = 'http://itsme.services/v2/claim/acr_basic';
const ACR_ADVANCED = 'http://itsme.services/v2/claim/acr_advanced';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    if (key === 'userinfo-signed') {
      args[key] = true;
    } else {
      args[key] = argv[i + 1];
      i += 1;
    }
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const clientId = args['client-id'] ?? 'sealpost';
const redirectUri = args['redirect-uri'] ?? 'http://127.0.0.1/callback';
if (!args['client-jwks']) {
  console.error('usage: itsme_like_op.mjs --client-jwks FILE|JSON [--client-id ID] [--redirect-uri URI]');
  process.exit(2);
}
const jwksArg = args['client-jwks'].trim();
const clientJwks = JSON.parse(jwksArg.startsWith('{') ? jwksArg : fs.readFileSync(jwksArg, 'utf8'));

// Test citizens. "nonn" has no national number (like a foreign user), "badnn" a wrong check digit.
const citizens = {
  jan: { given_name: 'Jan', family_name: 'Peeters', nn: '85073003328', email: 'jan@example.test' },
  marie: { given_name: 'Marie Louise', family_name: 'Dubois', nn: '17073003384', email: 'marie@example.test' },
  nonn: { given_name: 'Nora', family_name: 'Noname', nn: undefined, email: 'nora@example.test' },
  badnn: { given_name: 'Bart', family_name: 'Badnumber', nn: '85073003329', email: 'bart@example.test' },
};

async function signingKeys() {
  const rsa = await jose.generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const ec = await jose.generateKeyPair('ES256', { extractable: true });
  const rsaJwk = { ...(await jose.exportJWK(rsa.privateKey)), kid: 'op-rsa-1', use: 'sig', alg: 'RS256' };
  const ecJwk = { ...(await jose.exportJWK(ec.privateKey)), kid: 'op-ec-1', use: 'sig', alg: 'ES256' };
  return { keys: [rsaJwk, ecJwk] };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const clients = [{
  client_id: clientId,
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: 'RS256',
  jwks: clientJwks,
  redirect_uris: [redirectUri],
  response_types: ['code'],
  grant_types: ['authorization_code'],
  require_auth_time: true,
  id_token_signed_response_alg: 'RS256',
  id_token_encrypted_response_alg: 'RSA-OAEP-256',
  id_token_encrypted_response_enc: args.enc ?? 'A256GCM',
  ...(args['userinfo-signed'] ? { userinfo_signed_response_alg: 'RS256' } : {}),
}];
if (args['secret-client-id']) {
  // A plain client (generic provider): client_secret_basic/post, signed but not encrypted ID tokens.
  clients.push({
    client_id: args['secret-client-id'],
    client_secret: args['client-secret'],
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    require_auth_time: true,
    id_token_signed_response_alg: args['secret-client-alg'] ?? 'ES256',
  });
}

const provider = new Provider(issuer, {
  clients,
  jwks: await signingKeys(),
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  acrValues: [ACR_BASIC, ACR_ADVANCED],
  scopes: ['openid', 'service:SEALPOST'],
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name', 'name'],
    eid: [NN_CLAIM],
    email: ['email'],
  },
  extraParams: ['test_acr'],
  pkce: { required: () => true },
  ttl: { AuthorizationCode: 180, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    encryption: { enabled: true },
    userinfo: { enabled: true },
    jwtUserinfo: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const c = citizens[id];
    if (!c) return undefined;
    return {
      accountId: id,
      async claims() {
        const out = {
          sub: id, given_name: c.given_name, family_name: c.family_name, name: `${c.given_name} ${c.family_name}`, email: c.email,
        };
        if (c.nn) out[NN_CLAIM] = c.nn;
        return out;
      },
    };
  },
  // Consent is implicit for the test client: grant whatever was asked (scopes and claims).
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
    grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
});

// The interaction: log in automatically (see the header comment).
provider.use(async (ctx, next) => {
  const m = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!m) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const { params } = details;
  const login = params.login_hint ?? 'jan';
  if (!citizens[login]) {
    ctx.status = 400;
    ctx.body = `unknown test citizen ${login}`;
    return undefined;
  }
  const requested = (params.acr_values ?? '').split(' ').filter(Boolean);
  let acr = requested[0] ?? ACR_ADVANCED;
  if (params.test_acr === 'basic') acr = ACR_BASIC;
  if (params.test_acr === 'advanced') acr = ACR_ADVANCED;
  const result = { login: { accountId: login, acr, amr: ['app'] } };
  const url = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(url);
  return undefined;
});

provider.on('server_error', (ctx, err) => console.error('server_error', err));
server.on('request', provider.callback());

process.stdout.write(`ISSUER ${issuer}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
