// A real OpenID Connect provider (panva's oidc-provider) for Partnerportalen's
// tests: a stand-in for a MitID Erhverv broker on localhost. Not for
// production. Configured from the environment by tests/oidc/server.py:
//
//   OIDC_TEST_PORT      port on 127.0.0.1
//   OIDC_TEST_CLIENTS   JSON list of clients (client_id, client_secret, redirect_uris)
//   OIDC_TEST_ACCOUNTS  JSON object: account id -> {claims, acr, id_token_ttl}
//
// The login page lists the accounts; submitting one logs it in with its acr.
// Consent is granted at once (the portal is a first-party client of a broker).
// It prints "listening <issuer>" when it is ready.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.OIDC_TEST_CLIENTS);
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const claimNames = [...new Set(Object.values(accounts).flatMap((a) => Object.keys(a.claims)))];

const acrValues = ['Low', 'Substantial', 'High'].map(
  (level) => `https://data.gov.dk/concept/core/nsis/loa/${level}`,
);

const provider = new Provider(issuer, {
  clients: clients.map((client) => ({
    // As MitID brokers do, every ID token says the level of the login (acr).
    default_acr_values: acrValues,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  jwks: { keys: [jwk] },
  // Every claim an account has is released for the scopes below, in the ID
  // token as brokers do, and from the userinfo endpoint.
  claims: {
    acr: null,
    sid: null,
    auth_time: null,
    iss: null,
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    nemlogin: claimNames.filter((name) => !['sub', 'email', 'email_verified', 'name'].includes(name)),
  },
  conformIdTokenClaims: false,
  acrValues,
  pkce: { required: () => false },
  features: { devInteractions: { enabled: false } },
  ttl: {
    // An account may ask for short-lived ID tokens (the expiry test).
    IdToken: (ctx, token) => accounts[token.available.sub]?.id_token_ttl ?? 600,
  },
  cookies: { keys: ['partnerportalen-test-only'] },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError(ctx, out) {
    ctx.type = 'text/plain';
    ctx.body = `${out.error}: ${out.error_description}`;
  },
});

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function formBody(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

// The broker's login page: pick a test person (the e2e test clicks one).
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'POST' && match[2]) {
    const login = (await formBody(ctx.req)).get('login');
    const account = accounts[login];
    if (!account) {
      ctx.status = 400;
      ctx.body = 'unknown test account';
      return undefined;
    }
    const result = { login: { accountId: login, acr: account.acr, amr: ['pwd'] } };
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    return undefined;
  }
  const buttons = Object.entries(accounts).map(([id, account]) => `
      <li><button name="login" value="${escape(id)}">${escape(account.claims.name ?? id)}</button></li>`).join('');
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Test-broker: log ind</title></head>
<body><main><h1>Test-broker: log ind med MitID Erhverv</h1>
<p>Klient: ${escape(details.params.client_id)}</p>
<form method="post" action="/interaction/${escape(details.uid)}/login"><ul>${buttons}
</ul></form></main></body></html>`;
  return undefined;
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
