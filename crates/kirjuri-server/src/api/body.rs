//! Request bodies read as blocking streams with a limit, and the spool folder for uploads.

use axum::extract::Request;
use futures_util::TryStreamExt;

use crate::AppState;
use crate::api::ApiResult;
use crate::error::ApiError;

/// How much of an unread request body is read and dropped before a refusal is answered.
pub(crate) const DRAIN_BYTES: u64 = 1024 * 1024;

/// The temporary folder for spooled uploads and packages (same file system as the store).
pub(crate) fn spool_path(state: &AppState, what: &str) -> ApiResult<std::path::PathBuf> {
    let folder = state.store.root().join("blobs").join("tmp");
    std::fs::create_dir_all(&folder).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(folder.join(format!(
        "{what}-{}-{}",
        std::process::id(),
        crate::users::random_secret(12)
    )))
}

/// A request body as a blocking reader, cut off at a limit. It remembers why a read failed,
/// so that a body over the limit is answered 413 and a broken upload 400, whatever the code
/// that consumed the reader made of the error.
pub(crate) struct BodyReader<R> {
    inner: tokio_util::io::SyncIoBridge<R>,
    pub failure: Option<std::io::ErrorKind>,
}

pub(crate) fn limited_body(request: Request, limit: usize) -> BodyReader<impl tokio::io::AsyncRead + Unpin> {
    let body = http_body_util::Limited::new(request.into_body(), limit);
    let stream = http_body_util::BodyDataStream::new(body).map_err(|e| {
        if e.is::<http_body_util::LengthLimitError>() {
            std::io::Error::new(std::io::ErrorKind::FileTooLarge, "body over the limit")
        } else {
            std::io::Error::other(e)
        }
    });
    BodyReader {
        inner: tokio_util::io::SyncIoBridge::new(tokio_util::io::StreamReader::new(stream)),
        failure: None,
    }
}

impl<R: tokio::io::AsyncRead + Unpin> std::io::Read for BodyReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf).inspect_err(|e| self.failure = Some(e.kind()))
    }
}

impl<R> BodyReader<R> {
    /// The error to answer when reading the body failed.
    pub fn error(&self) -> Option<ApiError> {
        self.failure.map(|kind| {
            if kind == std::io::ErrorKind::FileTooLarge {
                ApiError::TooLarge(format!("at most {} bytes", crate::MAX_UPLOAD_BYTES))
            } else {
                ApiError::bad_request(format!("request body could not be read ({kind})"))
            }
        })
    }
}
