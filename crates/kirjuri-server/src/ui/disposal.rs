//! The disposal pages (hävittäminen): proposals, their review and approval by a second
//! archivist, execution, paper confirmation and the destruction list.

use axum::Router;

use crate::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
