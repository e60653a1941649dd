//! The OpenAPI 3.1 description at `/openapi.json`. Paths come from the handlers' own
//! `#[utoipa::path]` annotations (collected by the router, so none can be missed); this module
//! adds what every operation shares: the problem+json error answers and the security schemes.

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, ResponseBuilder};

use crate::error::Problem;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Kirjuri",
        description = "Records management and data protection for Finnish public bodies: \
            the information-management plan (tiedonohjaussuunnitelma), cases and documents, \
            search, information requests, incidents, retention, disposal and archive packages. \
            Sign in at POST /api/v1/tokens and send `Authorization: Bearer <token>`; repeated \
            failed sign-ins are refused for a while with 429 and `Retry-After`. \
            Reads of restricted records may carry the purpose of use (käyttötarkoitus) in the \
            `X-Purpose` header, recorded in the audit trail: UTF-8 text, sent percent-encoded \
            (`asian%20k%C3%A4sittely`), in RFC 8187 form (`UTF-8''asian%20k%C3%A4sittely`) or as \
            raw UTF-8 bytes; at most 500 characters, else 400 `too_long` (not UTF-8: `bad_purpose`). \
            Free text has limits: titles 500 characters, names and parties 200, reasons and \
            descriptions 4000, file names 255 without control characters; longer input is 400 \
            `too_long` naming the field (`bad_file_name` for a bad file name). \
            Every error is RFC 9457 problem+json with a stable `code`.",
        license(name = "EUPL-1.2")
    ),
    components(schemas(Problem)),
    tags(
        (name = "auth", description = "Tokens and the signed-in user"),
        (name = "plan", description = "Information-management plan (TOS) and legal deadlines"),
        (name = "registry", description = "Cases (asiat) and documents (asiakirjat)"),
        (name = "search", description = "Full-text search"),
        (name = "requests", description = "Information requests (tietopyynnöt) with their legal clocks"),
        (name = "incidents", description = "Security incidents and personal-data breaches"),
        (name = "registers", description = "Register of processing activities and processor agreements"),
        (name = "contracts", description = "The contract register (sopimusrekisteri): owners, notice days, processors without a contract, CSV import"),
        (name = "governance", description = "Training register (staff and elected officials' data-protection training) and control events (access reviews, restore tests, log reviews)"),
        (name = "retention", description = "Retention dues, legal holds, disposal (hävittäminen)"),
        (name = "archive", description = "Archive list and signed archive packages"),
        (name = "admin", description = "Users, audit trail, backups"),
        (name = "reports", description = "The annual data-governance report (tietotilinpäätös)")
    )
)]
pub struct ApiDoc;

/// Operations that need no credentials.
const PUBLIC_OPERATIONS: &[&str] = &["issue_token"];

/// Error answers every operation may give, besides its own success answers.
const ERRORS: &[(&str, &str)] = &[
    (
        "400",
        "Bad input: a field, parameter or body that cannot be used, or text over its length limit \
         (`too_long`); the detail names the field",
    ),
    ("401", "No valid credentials"),
    (
        "403",
        "The caller's role does not allow this, or the CSRF token is missing",
    ),
    ("404", "Not found, or not visible to the caller"),
    ("409", "Conflicts with the record's state (e.g. an invalid transition)"),
    ("413", "The body is larger than the limit"),
    (
        "507",
        "The disk holding the data folder is full (`insufficient_storage`): nothing was stored; \
         reads and searches go on",
    ),
];

/// Adds the shared error answers and security requirements to every operation.
pub fn finish(mut api: OpenApi) -> OpenApi {
    // Nesting under `/api/v1` builds the document around an empty router whose info is the
    // routing crate's own: put Kirjuri's back.
    api.info = <ApiDoc as utoipa::OpenApi>::openapi().info;
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            crate::session::COOKIE,
            "Browser session from the sign-in page; unsafe methods also need the X-CSRF-Token header",
        ))),
    );
    for item in api.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            add_shared(operation);
            describe_binary_bodies(operation);
        }
    }
    api
}

/// Operations that show restricted records and take the purpose of use (`X-Purpose`).
const PURPOSE_OPERATIONS: &[&str] = &["get_document", "get_content", "get_case", "search"];

/// File bodies (a document's content, an archive package) are binary strings, not the array of
/// integers a `Vec<u8>` would be described as.
fn describe_binary_bodies(operation: &mut Operation) {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    let binary = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .build()
    };
    let is_file = |media: &str| media == "application/octet-stream" || media == "application/zip";
    for response in operation.responses.responses.values_mut() {
        if let utoipa::openapi::RefOr::T(response) = response {
            for (media, content) in response.content.iter_mut() {
                if is_file(media) {
                    content.schema = Some(binary().into());
                }
            }
        }
    }
    if let Some(body) = &mut operation.request_body {
        for (media, content) in body.content.iter_mut() {
            if is_file(media) {
                content.schema = Some(binary().into());
            }
        }
    }
}

fn add_shared(operation: &mut Operation) {
    let public = operation
        .operation_id
        .as_deref()
        .is_some_and(|id| PUBLIC_OPERATIONS.contains(&id));
    if !public {
        operation.security = Some(vec![
            SecurityRequirement::new("bearer", Vec::<String>::new()),
            SecurityRequirement::new("session", Vec::<String>::new()),
        ]);
    }
    if operation
        .operation_id
        .as_deref()
        .is_some_and(|id| PURPOSE_OPERATIONS.contains(&id))
    {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        operation.parameters.get_or_insert_with(Vec::new).push(
            ParameterBuilder::new()
                .name("X-Purpose")
                .parameter_in(ParameterIn::Header)
                .description(Some(
                    "Purpose of use (käyttötarkoitus) of a read of restricted records, recorded in the audit \
                     trail: UTF-8 text, percent-encoded or in RFC 8187 form, at most 500 characters. A browser \
                     session must give one to read a restricted document (else 400 `purpose_required`).",
                ))
                .schema(Some(
                    utoipa::openapi::schema::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String)
                        .max_length(Some(1500)),
                ))
                .build(),
        );
    }
    for (status, description) in ERRORS {
        operation
            .responses
            .responses
            .entry((*status).to_owned())
            .or_insert_with(|| {
                ResponseBuilder::new()
                    .description(*description)
                    .content(
                        "application/problem+json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build()
                    .into()
            });
    }
}
