//! Sign-in through the organisation's OpenID provider (Microsoft Entra ID in production):
//! the authorization-code flow with PKCE, `state` and `nonce`, done by the `openidconnect`
//! crate — discovery from the issuer URL, the provider's keys (JWKS) cached with the
//! discovery document and fetched again when a token names a key the cache does not hold (key
//! rotation), and the ID token checked for issuer, audience, signature (RS256, PS256 or ES256
//! only, whatever the provider offers), expiry and nonce. No
//! JWT is checked by hand here.
//!
//! A sign-in that the browser begins (`/login/oidc`) is kept server-side, in memory, under the
//! SHA-256 of its `state`, with its nonce and PKCE verifier (at most 20 per source address: one
//! client cannot push out other people's sign-ins), and bound to the browser by a
//! random value in a short-lived `HttpOnly` cookie (only its SHA-256 is kept). The callback
//! takes it out once: a replayed or unknown `state`, another browser or a late callback is
//! refused. What the provider says about the person then goes to [`accounts`], which creates
//! the user or brings its role and departments in line with the groups claim.
//!
//! Nothing here logs or audits a secret: not the client secret, the code, the tokens, the
//! state, the nonce or the PKCE verifier. Refusals carry a reason code ([`Refusal`]).

pub mod accounts;
pub mod config;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreClient, CoreGenderClaim, CoreIdTokenVerifier, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreResponseType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope,
    SignatureVerificationError, TokenResponse as _,
};
use serde::{Deserialize, Serialize};

pub use config::{Access, LocalSignIn, OidcConfig, OidcSettings};

use crate::users::random_secret;

/// The cookie that binds a sign-in in progress to the browser that began it.
pub const FLOW_COOKIE: &str = "kirjuri_oidc";
/// How long a begun sign-in waits for its callback.
pub const FLOW_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// Most sign-ins in progress kept at once (the oldest go first).
const MAX_PENDING: usize = 10_000;
/// Most sign-ins in progress begun from one source address: a further one from the address
/// evicts the address's oldest, not anyone else's.
const MAX_PENDING_PER_SOURCE: usize = 20;
/// The discovery document and keys are fetched again after this long.
const PROVIDER_CACHE: Duration = Duration::from_secs(60 * 60);
/// A token signed with a key the cache does not hold fetches the keys again, at most this often.
const KEY_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// The only signature algorithms an ID token may use: asymmetric ones, whatever the
/// provider's discovery document offers (an offered `HS256` would make a token signed with
/// the client secret acceptable).
const ID_TOKEN_ALGORITHMS: [CoreJwsSigningAlgorithm; 3] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
];

type ProviderClient =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The groups and app roles of an ID token (Entra's `groups` and `roles` claims), and the
/// marker Entra puts instead of `groups` when a person has too many groups for a token.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GroupClaims {
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// `{"groups": "src1"}` when the groups did not fit in the token (groups overage).
    #[serde(default, rename = "_claim_names", skip_serializing_if = "Option::is_none")]
    pub claim_names: Option<serde_json::Map<String, serde_json::Value>>,
}

impl AdditionalClaims for GroupClaims {}

type GroupsIdToken = IdToken<GroupClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// Why a sign-in through the provider was refused: a stable reason code for the audit trail and
/// the log, never a token or a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub reason: &'static str,
}

impl Refusal {
    const fn of(reason: &'static str) -> Refusal {
        Refusal { reason }
    }
}

/// Who the provider says signed in, after every check of the ID token.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    /// `preferred_username`, else `email`: the basis of the Kirjuri user name.
    pub preferred_name: Option<String>,
    pub groups: Vec<String>,
    pub app_roles: Vec<String>,
    /// The token said the groups did not fit (Entra's groups overage).
    pub groups_overage: bool,
    /// The `email` claim, when the provider sends one: where reminders are mailed.
    pub email: Option<String>,
}

/// The callback's query: `code` and `state`, or `error`; `iss` from providers that send it
/// (RFC 9207, a guard against mix-up).
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub iss: Option<String>,
}

struct PendingSignIn {
    /// The throttle's key of the address that began it (`None`: unknown).
    source: Option<String>,
    binding_digest: String,
    nonce: Nonce,
    pkce_verifier: String,
    begun: Instant,
}

struct CachedProvider {
    metadata: ProviderMetadataWithLogout,
    fetched: Instant,
}

/// The provider connection of a running service: settings, discovery cache, sign-ins in progress.
pub struct Oidc {
    pub settings: OidcSettings,
    http: reqwest::Client,
    provider: tokio::sync::Mutex<Option<CachedProvider>>,
    pending: Mutex<HashMap<String, PendingSignIn>>,
}

/// A sign-in begun: where to send the browser, and the value of its binding cookie.
pub struct Begun {
    pub authorize_url: String,
    pub binding: String,
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Result<Oidc, String> {
        // No redirects: a provider's answer is read where it was asked (no SSRF through them).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| format!("oidc: cannot build the HTTP client: {e}"))?;
        Ok(Oidc {
            settings,
            http,
            provider: tokio::sync::Mutex::new(None),
            pending: Mutex::new(HashMap::new()),
        })
    }

    /// The discovery document with the provider's keys, from the cache unless it is old or
    /// `refresh_keys` asks for new keys (not more often than every 30 seconds).
    async fn metadata(&self, refresh_keys: bool) -> Result<ProviderMetadataWithLogout, Refusal> {
        let mut cached = self.provider.lock().await;
        if let Some(entry) = cached.as_ref() {
            let age = entry.fetched.elapsed();
            let fresh = age < PROVIDER_CACHE && !(refresh_keys && age >= KEY_REFRESH_INTERVAL);
            if fresh {
                return Ok(entry.metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|_| Refusal::of("bad_issuer_url"))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|error| {
                tracing::warn!(%error, "oidc: provider discovery failed");
                Refusal::of("discovery_failed")
            })?;
        *cached = Some(CachedProvider {
            metadata: metadata.clone(),
            fetched: Instant::now(),
        });
        Ok(metadata)
    }

    /// Fetches the discovery document at start-up, so a mistake shows in the log at once.
    pub async fn warm_up(&self) {
        match self.metadata(false).await {
            Ok(_) => tracing::info!(issuer = %self.settings.issuer, "oidc: provider discovered"),
            Err(refusal) => tracing::warn!(reason = refusal.reason, "oidc: provider not reachable yet"),
        }
    }

    fn client(&self, metadata: ProviderMetadataWithLogout) -> Result<ProviderClient, Refusal> {
        let redirect =
            RedirectUrl::new(self.settings.redirect_url.clone()).map_err(|_| Refusal::of("bad_redirect_url"))?;
        Ok(ProviderClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings
                .client_secret
                .as_ref()
                .map(|secret| ClientSecret::new(secret.expose().to_owned())),
        )
        .set_redirect_uri(redirect))
    }

    /// Begins a sign-in: the provider's authorization URL (code flow, PKCE S256, state, nonce)
    /// and the binding cookie's value.
    pub async fn begin(&self, address: Option<std::net::IpAddr>) -> Result<Begun, Refusal> {
        let client = self.client(self.metadata(false).await?)?;
        let (pkce_challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scopes(self.settings.scopes.iter().map(|scope| Scope::new(scope.clone())))
            .set_pkce_challenge(pkce_challenge)
            .url();
        let binding = random_secret(43);
        let pending = PendingSignIn {
            source: address.map(crate::throttle::address_key),
            binding_digest: kirjuri_store::sha256_hex(binding.as_bytes()),
            nonce,
            pkce_verifier: pkce_verifier.secret().clone(),
            begun: Instant::now(),
        };
        let mut table = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        keep_pending(
            &mut table,
            kirjuri_store::sha256_hex(state.secret().as_bytes()),
            pending,
        );
        Ok(Begun {
            authorize_url: url.to_string(),
            binding,
        })
    }

    /// Finishes a sign-in at the callback: the begun sign-in is taken out (once), the code is
    /// exchanged with the PKCE verifier, and the ID token is checked.
    pub async fn finish(&self, query: &CallbackQuery, binding: Option<&str>) -> Result<Identity, Refusal> {
        if query.error.is_some() {
            return Err(Refusal::of("provider_error"));
        }
        let state = query.state.as_deref().ok_or(Refusal::of("missing_state"))?;
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&kirjuri_store::sha256_hex(state.as_bytes()))
            .ok_or(Refusal::of("unknown_state"))?;
        let presented = kirjuri_store::sha256_hex(binding.unwrap_or_default().as_bytes());
        if !bool::from(subtle::ConstantTimeEq::ct_eq(
            presented.as_bytes(),
            pending.binding_digest.as_bytes(),
        )) {
            return Err(Refusal::of("browser_mismatch"));
        }
        if pending.begun.elapsed() >= FLOW_LIFETIME {
            return Err(Refusal::of("state_expired"));
        }
        if query.iss.as_deref().is_some_and(|iss| iss != self.settings.issuer) {
            return Err(Refusal::of("issuer_mismatch"));
        }
        let code = query.code.clone().ok_or(Refusal::of("missing_code"))?;
        let client = self.client(self.metadata(false).await?)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| Refusal::of("no_token_endpoint"))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|error| {
                // The error names the failure (an HTTP status, `invalid_grant`), never the code.
                tracing::warn!(error = %error_kind(&error), "oidc: code exchange failed");
                Refusal::of("token_exchange_failed")
            })?;
        let raw_token = response.id_token().ok_or(Refusal::of("no_id_token"))?.to_string();
        let token: GroupsIdToken = raw_token.parse().map_err(|_| Refusal::of("id_token_malformed"))?;
        let claims = match token.claims(&pinned(client.id_token_verifier()), &pending.nonce) {
            Ok(claims) => claims.clone(),
            Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) => {
                // The provider may have rotated its keys: fetch them again, once.
                let client = self.client(self.metadata(true).await?)?;
                token
                    .claims(&pinned(client.id_token_verifier()), &pending.nonce)
                    .map_err(refusal_of_claims)?
                    .clone()
            }
            Err(error) => return Err(refusal_of_claims(error)),
        };
        let extra = claims.additional_claims();
        let groups_overage = extra
            .claim_names
            .as_ref()
            .is_some_and(|names| names.contains_key("groups"));
        Ok(Identity {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            preferred_name: claims
                .preferred_username()
                .map(|name| name.as_str().to_owned())
                .or_else(|| claims.email().map(|email| email.as_str().to_owned())),
            groups: extra.groups.clone(),
            app_roles: extra.roles.clone(),
            groups_overage,
            email: claims.email().map(|email| email.as_str().to_owned()),
        })
    }

    /// Where sign-out sends the browser when the provider's session is to end too
    /// (RP-initiated logout), if it is configured and the provider has an end-session endpoint.
    pub async fn end_session_url(&self) -> Option<String> {
        if !self.settings.end_session {
            return None;
        }
        let metadata = self.metadata(false).await.ok()?;
        let endpoint = metadata.additional_metadata().end_session_endpoint.clone()?;
        let mut request =
            openidconnect::LogoutRequest::from(endpoint).set_client_id(ClientId::new(self.settings.client_id.clone()));
        if let Some(after) = &self.settings.post_logout_redirect_url {
            request = request.set_post_logout_redirect_uri(PostLogoutRedirectUrl::new(after.clone()).ok()?);
        }
        Some(request.http_get_url().to_string())
    }
}

/// The ID-token verifier with the signature algorithms pinned to [`ID_TOKEN_ALGORITHMS`].
fn pinned(verifier: CoreIdTokenVerifier<'_>) -> CoreIdTokenVerifier<'_> {
    verifier.set_allowed_algs(ID_TOKEN_ALGORITHMS)
}

/// Keeps a begun sign-in: expired ones go; an address at its limit loses its own oldest; a
/// full table loses its oldest.
fn keep_pending(table: &mut HashMap<String, PendingSignIn>, key: String, pending: PendingSignIn) {
    table.retain(|_, sign_in| sign_in.begun.elapsed() < FLOW_LIFETIME);
    if let Some(source) = &pending.source {
        let mut own = 0;
        let mut oldest: Option<(&String, Instant)> = None;
        for (key, sign_in) in table.iter() {
            if sign_in.source.as_ref() == Some(source) {
                own += 1;
                if oldest.is_none_or(|(_, begun)| sign_in.begun < begun) {
                    oldest = Some((key, sign_in.begun));
                }
            }
        }
        if own >= MAX_PENDING_PER_SOURCE
            && let Some(oldest) = oldest.map(|(key, _)| key.clone())
        {
            table.remove(&oldest);
        }
    }
    if table.len() >= MAX_PENDING
        && let Some(oldest) = table
            .iter()
            .min_by_key(|(_, sign_in)| sign_in.begun)
            .map(|(key, _)| key.clone())
    {
        table.remove(&oldest);
    }
    table.insert(key, pending);
}

/// The reason code of a failed ID-token check.
fn refusal_of_claims(error: ClaimsVerificationError) -> Refusal {
    Refusal::of(match error {
        ClaimsVerificationError::Expired(_) => "id_token_expired",
        ClaimsVerificationError::InvalidAudience(_) => "id_token_audience",
        ClaimsVerificationError::InvalidIssuer(_) => "id_token_issuer",
        ClaimsVerificationError::InvalidNonce(_) => "id_token_nonce",
        ClaimsVerificationError::SignatureVerification(_) => "id_token_signature",
        ClaimsVerificationError::InvalidSubject(_) => "id_token_subject",
        _ => "id_token_invalid",
    })
}

/// A code-exchange error without anything the provider echoed back.
fn error_kind<RE, T>(error: &openidconnect::RequestTokenError<RE, T>) -> String
where
    RE: std::error::Error + 'static,
    T: openidconnect::ErrorResponse + 'static,
{
    match error {
        openidconnect::RequestTokenError::ServerResponse(_) => "the provider refused the code".to_owned(),
        openidconnect::RequestTokenError::Request(_) => "the provider could not be reached".to_owned(),
        openidconnect::RequestTokenError::Parse(_, _) => "the provider's answer did not parse".to_owned(),
        openidconnect::RequestTokenError::Other(_) => "other".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(source: &str, begun: Instant) -> PendingSignIn {
        PendingSignIn {
            source: Some(source.to_owned()),
            binding_digest: String::new(),
            nonce: Nonce::new_random(),
            pkce_verifier: String::new(),
            begun,
        }
    }

    #[test]
    fn one_address_cannot_evict_the_sign_ins_of_others() {
        let mut table = HashMap::new();
        let start = Instant::now();
        keep_pending(&mut table, "victim".to_owned(), pending("192.0.2.1", start));
        for n in 0..MAX_PENDING + 100 {
            let begun = start + Duration::from_millis(1 + n as u64);
            keep_pending(&mut table, format!("attacker-{n}"), pending("198.51.100.7", begun));
        }
        assert!(table.contains_key("victim"), "the victim's sign-in survives");
        assert_eq!(table.len(), MAX_PENDING_PER_SOURCE + 1);
        // The attacker keeps its newest.
        assert!(table.contains_key(&format!("attacker-{}", MAX_PENDING + 99)));
        assert!(!table.contains_key("attacker-0"));
    }

    #[test]
    fn an_id_token_signed_with_the_client_secret_is_refused() {
        use openidconnect::core::{CoreHmacKey, CoreJsonWebKeySet};
        use openidconnect::{Audience, EndUserEmail, IdTokenClaims, StandardClaims, SubjectIdentifier};

        let issuer = IssuerUrl::new("https://login.example/tenant/v2.0".to_owned()).unwrap();
        let nonce = Nonce::new_random();
        let now = chrono::Utc::now();
        let claims = IdTokenClaims::new(
            issuer.clone(),
            vec![Audience::new("kirjuri".to_owned())],
            now + chrono::Duration::minutes(5),
            now,
            StandardClaims::new(SubjectIdentifier::new("mallory".to_owned()))
                .set_email(Some(EndUserEmail::new("mallory@example.org".to_owned()))),
            GroupClaims::default(),
        )
        .set_nonce(Some(nonce.clone()));
        let secret = "the client secret";
        let token: GroupsIdToken = IdToken::new(
            claims,
            &CoreHmacKey::new(secret),
            CoreJwsSigningAlgorithm::HmacSha256,
            None,
            None,
        )
        .unwrap();
        // What the client builds from a discovery document that offers HS256.
        let verifier = || {
            CoreIdTokenVerifier::new_confidential_client(
                ClientId::new("kirjuri".to_owned()),
                ClientSecret::new(secret.to_owned()),
                issuer.clone(),
                CoreJsonWebKeySet::new(Vec::new()),
            )
            .set_allowed_algs([
                CoreJwsSigningAlgorithm::HmacSha256,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            ])
        };
        assert!(
            token.claims(&verifier(), &nonce).is_ok(),
            "the library alone accepts it"
        );
        let refused = token.claims(&pinned(verifier()), &nonce).unwrap_err();
        assert_eq!(refusal_of_claims(refused).reason, "id_token_signature");
    }
}
