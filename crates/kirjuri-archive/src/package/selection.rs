//! Which records go into a package? The documents a request selects (by case, by class or all
//! permanently kept ones), in package order, and the cases and class titles they need.

use std::collections::BTreeMap;

use kirjuri_plan::ClassCode;
use kirjuri_registry::{CASE, Case, DOCUMENT, Document, Registry, RegistryError, RegistryResult, RetentionStatus};

use super::ExportRequest;

pub(super) fn selected_documents(registry: &Registry<'_>, request: &ExportRequest) -> RegistryResult<Vec<Document>> {
    let store = registry.store;
    let mut documents: Vec<Document> = Vec::new();
    if !request.cases.is_empty() {
        for reference in &request.cases {
            let case = registry.find_case(reference)?;
            documents.extend(registry.documents_of_case(&case.id)?);
        }
    } else if let Some(class) = &request.class {
        for id in store.scan_index_prefix("class", &format!("{}.", class.dotted()), DOCUMENT)? {
            if let Some(document) = store.get::<Document>(DOCUMENT, &id)? {
                documents.push(document);
            }
        }
    } else if request.permanent_only {
        documents = store.list::<Document>(DOCUMENT)?;
    } else {
        return Err(RegistryError::Invalid {
            code: "no_selection",
            message: "choose what to export: cases (`case`), a class (`class`) or the permanent records (`permanent`)"
                .to_owned(),
        });
    }
    if request.permanent_only {
        documents.retain(|d| d.retention_status == RetentionStatus::Permanent);
    }
    documents.sort_by_key(|d| {
        (
            d.case_id.clone(),
            d.id.trim_start_matches("doc-").parse::<u64>().unwrap_or(0),
        )
    });
    documents.dedup_by(|a, b| a.id == b.id);
    if documents.is_empty() {
        return Err(RegistryError::Invalid {
            code: "nothing_to_export",
            message: "the selection holds no records".to_owned(),
        });
    }
    Ok(documents)
}

/// The cases of the selected documents, by id.
pub(super) fn cases_of(registry: &Registry<'_>, documents: &[Document]) -> RegistryResult<BTreeMap<String, Case>> {
    let store = registry.store;
    let mut cases: BTreeMap<String, Case> = BTreeMap::new();
    for document in documents {
        if !cases.contains_key(&document.case_id)
            && let Some(case) = store.get::<Case>(CASE, &document.case_id)?
        {
            cases.insert(case.id.clone(), case);
        }
    }
    Ok(cases)
}

/// The class titles of the current plan (empty without one).
pub(super) fn class_titles(registry: &Registry<'_>) -> BTreeMap<ClassCode, String> {
    registry
        .plans
        .current()
        .map(|p| p.classes.iter().map(|(c, k)| (c.clone(), k.title.clone())).collect())
        .unwrap_or_default()
}
