//! The API description: every answer has a schema of its own (no bare `object`), every
//! reference resolves, and closed vocabularies and formats reach the schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use serde_json::Value;

fn description() -> Value {
    serde_json::to_value(kirjuri_server::openapi_document()).unwrap()
}

/// Follows `$ref`s to the schema they name.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("unexpected reference {reference}"));
            let target = &doc["components"]["schemas"][name];
            assert!(!target.is_null(), "reference {reference} does not resolve");
            resolve(doc, target)
        }
        None => schema,
    }
}

/// A schema says nothing when it is an object without properties, without
/// `additionalProperties` and without a composition.
fn says_nothing(doc: &Value, schema: &Value) -> bool {
    let schema = resolve(doc, schema);
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        return says_nothing(doc, &schema["items"]);
    }
    let is_object = schema.get("type").and_then(Value::as_str) == Some("object")
        || schema.as_object().is_some_and(|o| o.is_empty());
    let composed = ["oneOf", "anyOf", "allOf"].iter().any(|k| schema.get(*k).is_some());
    is_object && schema.get("properties").is_none() && schema.get("additionalProperties").is_none() && !composed
}

/// Every `$ref` anywhere in the document resolves.
fn check_refs(doc: &Value, node: &Value, at: &str) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let name = reference
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("{at}: {reference}"));
                assert!(
                    !doc["components"]["schemas"][name].is_null(),
                    "{at}: {reference} does not resolve"
                );
            }
            for (key, value) in map {
                check_refs(doc, value, &format!("{at}/{key}"));
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                check_refs(doc, value, &format!("{at}/{i}"));
            }
        }
        _ => {}
    }
}

#[test]
fn every_json_answer_has_a_schema_of_its_own() {
    let doc = description();
    let mut untyped = Vec::new();
    let mut answers = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let Some(content) = response.get("content").and_then(Value::as_object) else {
                    continue;
                };
                for (media, body) in content {
                    if !media.contains("json") || media == "application/problem+json" {
                        continue;
                    }
                    answers += 1;
                    match body.get("schema") {
                        Some(schema) if !says_nothing(&doc, schema) => {}
                        _ => untyped.push(format!("{} {path} {status} {media}", method.to_uppercase())),
                    }
                }
            }
        }
    }
    assert!(answers > 45, "only {answers} JSON answers are described");
    assert!(
        untyped.is_empty(),
        "answers without a schema of their own:\n{}",
        untyped.join("\n")
    );
}

#[test]
fn every_reference_resolves() {
    let doc = description();
    check_refs(&doc, &doc["paths"], "paths");
    check_refs(&doc, &doc["components"], "components");
}

#[test]
fn vocabularies_and_patterns_reach_the_schema() {
    let doc = description();
    let schemas = &doc["components"]["schemas"];
    let states = schemas["CaseStateKey"]["enum"]
        .as_array()
        .expect("case states as an enum");
    assert!(states.iter().any(|s| s == "vireilla"), "{states:?}");
    let publicity = schemas["PublicityKey"]["enum"]
        .as_array()
        .expect("publicity classes as an enum");
    assert_eq!(publicity.len(), 4, "{publicity:?}");
    assert!(schemas["CaseAnswer"]["properties"]["class"]["pattern"].is_string());
    // The case list's filters: the state by its vocabulary, the class by its pattern.
    let list = &doc["paths"]["/api/v1/cases"]["get"]["parameters"];
    let param = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    assert!(param("class")["schema"]["pattern"].is_string(), "{}", param("class"));
    assert!(
        param("state")["schema"].to_string().contains("CaseStateKey"),
        "{}",
        param("state")
    );
}

#[test]
fn the_document_is_kirjuris_own_with_binary_files_and_the_purpose_header() {
    let doc = description();
    assert_eq!(doc["info"]["title"], "Kirjuri", "{}", doc["info"]);
    assert!(doc["info"]["description"].as_str().unwrap().contains("X-Purpose"));
    let content = &doc["paths"]["/api/v1/documents/{id}/content"]["get"];
    assert_eq!(
        content["responses"]["200"]["content"]["application/octet-stream"]["schema"]["format"],
        "binary"
    );
    let export = &doc["paths"]["/api/v1/archive/exports"]["post"]["responses"]["200"]["content"]["application/zip"];
    assert_eq!(export["schema"]["format"], "binary", "{export}");
    let params = content["parameters"].as_array().unwrap();
    assert!(
        params.iter().any(|p| p["name"] == "X-Purpose" && p["in"] == "header"),
        "{params:?}"
    );
}
