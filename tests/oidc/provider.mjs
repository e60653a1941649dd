// A real OpenID provider on loopback for Kirjuri's sign-in tests and for trying the sign-in
// locally: the certified `oidc-provider` package (pinned in package.json), with Kirjuri
// registered as a confidential client and test accounts whose `groups` and `roles` claims come
// from a JSON file that is read again at every sign-in (so a test can remove a group between two
// sign-ins).
//
//   node tests/oidc/provider.mjs --port 9000 --accounts tests/oidc/accounts.json \
//        --client-id kirjuri --client-secret kirjuri-test-secret \
//        --redirect-uri http://127.0.0.1:8080/oidc/callback \
//        [--post-logout-redirect-uri http://127.0.0.1:8080/login] [--mode normal]
//
// It prints `issuer http://127.0.0.1:PORT` once it listens (`--port 0`: a free port).
// The login form is oidc-provider's development interaction: it takes any password; the account
// name chooses the claims. Never use this outside a test machine.
//
// `--mode` makes the provider misbehave on purpose, for the negative tests:
//   wrong-issuer    ID tokens carry another `iss` than the discovery document says
//   wrong-audience  the provider issues the code and ID token to another client (`aud`)
//   expired         the provider's clock runs 15 minutes slow and ID tokens live 60 s
//   bad-signature   the JWKS published is not the key the ID tokens are signed with
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import process from 'node:process';

import Provider from 'oidc-provider';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) {
    if (fallback === undefined) {
      console.error(`provider.mjs: --${name} is required`);
      process.exit(2);
    }
    return fallback;
  }
  return process.argv[index + 1];
}

const port = Number(option('port', '0'));
const accountsFile = option('accounts');
const clientId = option('client-id', 'kirjuri');
const clientSecret = option('client-secret', 'kirjuri-test-secret');
const redirectUri = option('redirect-uri');
const postLogoutRedirectUri = option('post-logout-redirect-uri', '');
const mode = option('mode', 'normal');
const modes = ['normal', 'wrong-issuer', 'wrong-audience', 'expired', 'bad-signature'];
if (!modes.includes(mode)) {
  console.error(`provider.mjs: --mode must be one of ${modes.join(', ')}`);
  process.exit(2);
}

// The other client of `wrong-audience`: the provider hands out tokens for it instead.
const otherClientId = 'another-application';

function signingKey(kid) {
  // The key is generated as PEM text and read back as a new key object before its JWK export:
  // exporting the key object that generateKeyPairSync returns can deadlock node 20 when a
  // garbage collection runs during the export (the key generation job's destructor takes the
  // lock the export holds; seen as a provider that never printed its issuer line).
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const jwk = createPrivateKey(privateKey).export({ format: 'jwk' });
  return { ...jwk, kid, use: 'sig', alg: 'RS256' };
}

function publicPart(jwk) {
  const { kty, n, e, kid, use, alg } = jwk;
  return { kty, n, e, kid, use, alg };
}

const signing = signingKey('test-key-1');
// Same key id, other key: what `bad-signature` publishes.
const published = mode === 'bad-signature' ? publicPart(signingKey('test-key-1')) : null;

if (mode === 'expired') {
  const realNow = Date.now;
  Date.now = () => realNow() - 15 * 60 * 1000;
}

function accounts() {
  return JSON.parse(readFileSync(accountsFile, 'utf8'));
}

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const { port: bound } = server.address();
  const issuer = `http://127.0.0.1:${bound}`;
  const client = (id) => ({
    client_id: id,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: postLogoutRedirectUri ? [postLogoutRedirectUri] : [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  });
  const provider = new Provider(mode === 'wrong-issuer' ? `${issuer}/another-issuer` : issuer, {
    clients: [client(clientId), client(otherClientId)],
    jwks: { keys: [signing] },
    cookies: { keys: ['kirjuri-test-provider-cookie-key'] },
    claims: {
      openid: ['sub', 'groups', 'roles'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // Entra puts the configured claims in the ID token; so does this provider.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { IdToken: mode === 'expired' ? 60 : 3600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(ctx, id) {
      const account = accounts()[id] ?? {};
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            name: account.name ?? id,
            preferred_username: account.preferred_username ?? id,
            email: `${id}@example.test`,
            groups: account.groups ?? [],
            roles: account.roles ?? [],
          };
        },
      };
    },
  });

  provider.use(async (ctx, next) => {
    if (mode === 'wrong-audience') {
      // The authorization request and the token request are taken as another client's.
      if (ctx.path === '/auth' && ctx.query.client_id === clientId) {
        ctx.query = { ...ctx.query, client_id: otherClientId };
      }
      if (ctx.path === '/token' && ctx.headers.authorization) {
        const credentials = `${encodeURIComponent(otherClientId)}:${encodeURIComponent(clientSecret)}`;
        ctx.headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
      }
    }
    await next();
    if (mode === 'wrong-issuer' && ctx.path === '/.well-known/openid-configuration') {
      ctx.body = { ...ctx.body, issuer };
    }
    if (mode === 'bad-signature' && ctx.path === '/jwks') {
      ctx.body = { keys: [published] };
    }
  });

  server.on('request', provider.callback());
  console.log(`issuer ${issuer}`);
});
