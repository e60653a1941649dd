//! Registering documents (kirjaaminen) as every front end does it: the case found, everything
//! that can be refused checked before a byte is stored, the content made durable, then the
//! records that point at it committed. One document is a batch of one; a batch (a scanning
//! batch, a folder) stores its files together and commits its records in one transaction with
//! one flush, so it is acknowledged as a whole.

use std::io::Read;

use kirjuri_registry::{Actor, Case, Document, NewDocument, RegistryError, check_content_names, content_of};

use crate::{App, AppError, AppResult};

/// The content of a document being registered.
pub struct Upload<'a> {
    pub reader: &'a mut (dyn Read + Send),
    /// The file name as given (refused when over-long or holding control characters).
    pub file_name: &'a str,
    /// Its media type, e.g. `application/pdf`.
    pub media_type: &'a str,
}

/// One document of a batch: its metadata and its content (none for a paper record).
pub struct Registration<'a> {
    pub request: NewDocument,
    pub upload: Option<Upload<'a>>,
}

impl App {
    /// Checks a registration before anything is stored: the case exists (by id or diary
    /// number), and the record type and restriction are allowed in its class. Returns the case.
    /// Front ends that receive the content after the metadata (an HTTP upload) call this first,
    /// so a refused registration reads no body.
    pub fn check_registration(&self, case_reference: &str, request: &NewDocument, actor: &Actor) -> AppResult<Case> {
        self.with_registry(|registry| -> AppResult<Case> {
            let case = registry.find_case(case_reference)?;
            registry.validate_new_document(&case.class, request, actor)?;
            Ok(case)
        })?
    }

    /// Registers a document into a case: a batch of one of [`App::register_documents`].
    pub fn register_document(
        &self,
        case_reference: &str,
        request: &NewDocument,
        upload: Option<Upload<'_>>,
        actor: &Actor,
    ) -> AppResult<Document> {
        let registration = Registration {
            request: request.clone(),
            upload,
        };
        let mut documents = self.register_documents(case_reference, vec![registration], actor)?;
        documents
            .pop()
            .ok_or_else(|| AppError::from(kirjuri_store::StoreError::Conflict("no document registered".to_owned())))
    }

    /// Registers documents into one case, acknowledged together. The checks of
    /// [`App::check_registration`] and the file-name checks come first for every item (a
    /// refusal in a batch of several names the item's file); then every file is stored and
    /// fsynced (in parallel), then all records are committed in one transaction and flushed
    /// once. When this returns `Ok`, every document of the batch is durable; when it returns an
    /// error, no record of the batch was committed. A record without content is a paper record
    /// (its `physical` place given). The documents come back in the order given, their ids
    /// allocated in that order.
    pub fn register_documents(
        &self,
        case_reference: &str,
        items: Vec<Registration<'_>>,
        actor: &Actor,
    ) -> AppResult<Vec<Document>> {
        let several = items.len() > 1;
        let name_of = |item: &Registration<'_>, position: usize| match &item.upload {
            Some(upload) => upload.file_name.to_owned(),
            None => format!("document {} ({})", position + 1, item.request.title),
        };
        if items.is_empty() {
            return Ok(Vec::new());
        }
        // As `check_registration` for each item, and the content's names, before any byte is
        // stored.
        let case = self.with_registry(|registry| -> AppResult<Case> {
            let case = registry.find_case(case_reference)?;
            for (position, item) in items.iter().enumerate() {
                let checked = registry
                    .validate_new_document(&case.class, &item.request, actor)
                    .map_err(AppError::from)
                    .and_then(|()| match &item.upload {
                        Some(upload) => {
                            check_content_names(upload.file_name, upload.media_type).map_err(AppError::from)
                        }
                        None => Ok(()),
                    });
                if let Err(error) = checked {
                    return Err(if several {
                        naming_item(error, &name_of(item, position))
                    } else {
                        error
                    });
                }
            }
            Ok(case)
        })??;
        // The content is durable before any record that points at it is committed.
        let mut requests = Vec::with_capacity(items.len());
        let mut names = Vec::with_capacity(items.len());
        let mut readers: Vec<&mut (dyn Read + Send)> = Vec::with_capacity(items.len());
        for item in items {
            requests.push(item.request);
            names.push(item.upload.as_ref().map(|upload| (upload.file_name, upload.media_type)));
            if let Some(upload) = item.upload {
                readers.push(upload.reader);
            }
        }
        let mut stored = self.store.blobs().put_batch(&mut readers)?.into_iter();
        let mut contents = Vec::with_capacity(names.len());
        for name in names {
            contents.push(match name {
                Some((file_name, media_type)) => match stored.next() {
                    Some(blob) => Some(content_of(blob, file_name, media_type)),
                    None => {
                        return Err(AppError::from(kirjuri_store::StoreError::Conflict(
                            "the content store returned fewer digests than files".to_owned(),
                        )));
                    }
                },
                None => None,
            });
        }
        let pairs = requests.iter().zip(contents).collect();
        self.with_registry(|registry| registry.register_documents(&case.id, pairs, actor))?
            .map_err(Into::into)
    }
}

/// A refusal of one item of a batch, its message prefixed with the item's name.
fn naming_item(error: AppError, name: &str) -> AppError {
    match error {
        AppError::Registry(RegistryError::Invalid { code, message }) => AppError::Registry(RegistryError::Invalid {
            code,
            message: format!("{name}: {message}"),
        }),
        other => other,
    }
}
