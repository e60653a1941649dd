//! Information requests: GDPR data-subject requests, Publicity Act document requests and log
//! investigations — their lifecycles, their stored legal deadlines and the history of every
//! change to them, clock pauses, lists of what is due, yearly statistics, and log reports
//! answered from the audit trail.
//!
//! Never computes a deadline itself: `kirjuri-clock` does, and the result is stored as an
//! absolute date. Persists only through `kirjuri-store` transactions; never reads the clock
//! (the actor carries the time) and never decides who may see a request.

pub mod disclosure;
pub mod gdpr;
pub mod model;
pub mod publicity;
pub mod service;

pub use disclosure::{
    Delivery, DisclosedDocument, Disclosure, DisclosureFigures, DisclosureOutcome, Fee, NewDisclosure, NewFee, Transfer,
};
pub use gdpr::Art12Refusal;
pub use model::{
    ClockPause, Extension, ExtensionJustification, InfoRequest, LogOrigin, RequestKind, RequestState,
    RequestTransition, StoredDeadline,
};
pub use publicity::{AppealInstructions, PublicityFigures, PublicitySettings, ReferralClock, TargetDeadline};
pub use service::{
    LogHit, LogReport, LogReportRequest, NewRequest, REQUEST, RequestError, RequestFilter, RequestResult, Requests,
    TransitionRequest, YearStatistics,
};
