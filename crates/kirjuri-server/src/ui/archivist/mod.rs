//! The archivists' pages: the plan and its versions (`plan`: browse, import a JHS 191 file,
//! approve a version), and the archive (`archive`: the archive list, the export of a signed
//! package with its progress and download, the verification of a package). `terms` names the
//! plan's closed vocabularies in the three languages.

mod archive;
mod plan;
pub(super) mod terms;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ui/plan", get(plan::plan_page))
        .route("/ui/plan/classes/{code}", get(plan::class_page))
        .route(
            "/ui/plan/versions",
            get(plan::versions_page)
                .post(plan::import_plan)
                .layer(DefaultBodyLimit::max(plan::MAX_PLAN_BYTES + 64 * 1024)),
        )
        .route("/ui/plan/versions/{version}", get(plan::version_page))
        // The address of a refused form, reloaded, goes back to the version's page.
        .route(
            "/ui/plan/versions/{version}/approve",
            get(back_to_version).post(plan::approve_version),
        )
        .route("/ui/archive", get(archive::archive_page))
        .route("/ui/archive/list", get(archive::archive_list_file))
        .route("/ui/archive/exports", get(back_to_archive).post(archive::start_export))
        .route("/ui/archive/exports/{id}", get(archive::export_page))
        .route("/ui/archive/exports/{id}/package", get(archive::download_package))
        .route(
            "/ui/archive/verify",
            get(back_to_archive)
                .post(archive::verify_upload)
                .layer(DefaultBodyLimit::max(crate::MAX_UPLOAD_BYTES)),
        )
}

async fn back_to_version(crate::extract::Path(version): crate::extract::Path<u32>) -> axum::response::Redirect {
    axum::response::Redirect::to(&format!("/ui/plan/versions/{version}"))
}

async fn back_to_archive() -> axum::response::Redirect {
    axum::response::Redirect::to("/ui/archive")
}
