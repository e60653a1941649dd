//! Security incidents and personal-data breaches with their legal clocks and notifications,
//! the register of processing activities (GDPR Art 30) and processor agreements (Art 28).
//!
//! Records what happened and what was sent; never sends anything anywhere (notifications are
//! filed by people, and the server's job if ever automated). Deadlines come from
//! `kirjuri-clock`; persistence only through `kirjuri-store` transactions.

pub mod history;
pub mod incident;
pub mod registers;
pub mod service;

pub use history::{
    AGREEMENT_HISTORY, History, REGISTER_HISTORY, Version, Versioned, agreements_as_of, changed_fields, history_starts,
    load_agreement_histories, load_register_histories, registers_as_of, state_as_of, versions_of,
};
pub use incident::{
    Art34Exemption, AwarenessChange, Breach, BreachType, Classification, ClockKind, Incident, IncidentCategory,
    IncidentCause, IncidentClock, IncidentOutcome, IncidentState, Nis2ReportRequest, NotificationPhase,
    RegulatorNotification, RiskAssessment, RiskLevel, Severity, Task, TaskStatus, TimelineEvent,
};
pub use registers::{
    ART28_CHECKLIST, AgreementState, Completeness, Dated, ProcessingRegister, ProcessorAgreement, Save, completeness,
    helsinki_start_of, load_agreement, load_agreements, load_register, load_registers, parse_agreement_rows,
    parse_agreements, parse_register_rows, parse_registers, processors_without_agreement, reviews_due, save_agreement,
    save_register, store_imported, store_imported_rows,
};
pub use service::{
    Assessment, INCIDENT, INCIDENT_CLASS, IncidentError, IncidentResult, Incidents, NewIncident, Nis2ReportAsk, Notice,
    Record, notification_json, notification_markdown,
};
