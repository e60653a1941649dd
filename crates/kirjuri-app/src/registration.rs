//! Registering a document (kirjaaminen) as every front end does it: the case found, everything
//! that can be refused checked before a byte is stored, the content made durable, then the
//! record that points at it committed.

use std::io::Read;

use kirjuri_registry::{Actor, Case, Document, NewDocument, store_content};

use crate::{App, AppResult};

/// The content of a document being registered.
pub struct Upload<'a> {
    pub reader: &'a mut dyn Read,
    /// The file name as given (refused when over-long or holding control characters).
    pub file_name: &'a str,
    /// Its media type, e.g. `application/pdf`.
    pub media_type: &'a str,
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

    /// Registers a document into a case. The checks of [`App::check_registration`] come
    /// first; the content is durable before the record that points at it is committed, and a
    /// record without content is a paper record (its `physical` place given).
    pub fn register_document(
        &self,
        case_reference: &str,
        request: &NewDocument,
        upload: Option<Upload<'_>>,
        actor: &Actor,
    ) -> AppResult<Document> {
        let case = self.check_registration(case_reference, request, actor)?;
        let content = match upload {
            Some(upload) => Some(store_content(
                &self.store,
                upload.reader,
                upload.file_name,
                upload.media_type,
            )?),
            None => None,
        };
        self.with_registry(|registry| registry.register_document(&case.id, request, content, actor))?
            .map_err(Into::into)
    }
}
