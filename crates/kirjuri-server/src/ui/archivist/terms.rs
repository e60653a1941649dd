//! The archivists' closed vocabularies in words — plan states, retention triggers, the
//! personal-data nature, the phases of a handling process, the severity of a plan finding —
//! Finnish first, then Swedish and English, so no machine key (`end-of-care`, `draft`) reaches
//! a page. The Finnish names are the plan's own (`kirjuri_plan`'s value sets).

use kirjuri_plan::{ActionClass, PersonalData, PlanState, RetentionPeriod, RetentionTrigger, SecrecyStart, Severity};

use super::super::Lang;
use super::super::messages as m;
use super::super::words::{Words, fill};

pub fn plan_state(state: PlanState) -> Words {
    let (sv, en) = match state {
        PlanState::Draft => ("Utkast", "Draft"),
        PlanState::SentForReview => ("Skickad för granskning", "Sent for review"),
        PlanState::WaitingForApproval => ("Väntar på godkännande", "Waiting for approval"),
        PlanState::Approved => ("Godkänd", "Approved"),
    };
    Words::new(state.finnish(), sv, en)
}

pub fn retention_trigger(trigger: RetentionTrigger) -> Words {
    let (sv, en) = match trigger {
        RetentionTrigger::CaseDecision => ("Ärendets slutliga avgörande", "Final decision of the case"),
        RetentionTrigger::DocumentDate => ("Handlingens datum", "Date of the document"),
        RetentionTrigger::EndOfCare => ("Vårdens eller tjänstens slut", "End of care or service"),
        RetentionTrigger::EndOfEmployment => ("Anställningens slut", "End of employment"),
        RetentionTrigger::EndOfFinancialYear => ("Räkenskapsperiodens slut", "End of the financial year"),
        RetentionTrigger::EndOfCalendarYear => ("Årets slut", "End of the calendar year"),
        RetentionTrigger::EndOfContract => ("Avtalets slut", "End of the contract"),
        RetentionTrigger::BuildingDemolition => ("Byggnadens rivningsdag", "Demolition of the building"),
    };
    Words::new(trigger.finnish(), sv, en)
}

pub fn personal_data(nature: PersonalData) -> Words {
    let (sv, en) = match nature {
        PersonalData::None => ("Innehåller inga personuppgifter", "No personal data"),
        PersonalData::Personal => ("Innehåller personuppgifter", "Personal data"),
        PersonalData::Sensitive => ("Innehåller känsliga personuppgifter", "Sensitive personal data"),
        PersonalData::Special => (
            "Innehåller särskilda kategorier av personuppgifter",
            "Special categories of personal data (GDPR Art 9)",
        ),
        PersonalData::Criminal => (
            "Innehåller uppgifter om brott eller överträdelser",
            "Criminal convictions and offences (GDPR Art 10)",
        ),
    };
    Words::new(nature.finnish(), sv, en)
}

/// A secrecy ground of the controlled list by its short name (never its key).
pub fn secrecy_ground(ground: &kirjuri_plan::SecrecyGround) -> Words {
    Words::new(ground.fi, ground.sv, ground.en)
}

pub fn secrecy_start(start: SecrecyStart) -> Words {
    let (sv, en) = match start {
        SecrecyStart::CaseDecision => ("Ärendets avgörande", "Decision of the case"),
        SecrecyStart::DocumentDate => ("Handlingens datum", "Date of the document"),
        SecrecyStart::DocumentCompletion => ("Handlingens färdigställande", "Completion of the document"),
        SecrecyStart::DocumentArrival => ("Handlingens ankomst", "Arrival of the document"),
        SecrecyStart::DeathOfPerson => ("Personens död", "Death of the person"),
        SecrecyStart::EndOfRelationship => (
            "Kund- eller anställningsförhållandets slut",
            "End of the client or employment relationship",
        ),
    };
    Words::new(start.finnish(), sv, en)
}

pub fn action_class(class: ActionClass) -> Words {
    let (sv, en) = match class {
        ActionClass::Ohjaus => ("Rådgivning", "Guidance"),
        ActionClass::Vireilletulo => ("Anhängiggörande", "Initiation"),
        ActionClass::Valmistelu => ("Beredning", "Preparation"),
        ActionClass::Paatoksenteko => ("Beslutsfattande", "Decision-making"),
        ActionClass::Toimeenpano => ("Verkställighet", "Implementation"),
        ActionClass::Tiedoksianto => ("Delgivning", "Notification"),
        ActionClass::Muutoksenhaku => ("Ändringssökande", "Appeal"),
        ActionClass::Seuranta => ("Uppföljning", "Follow-up"),
    };
    Words::new(class.finnish(), sv, en)
}

pub fn severity(severity: Severity) -> Words {
    match severity {
        Severity::Error => m::FINDING_ERROR,
        Severity::Warning => m::FINDING_WARNING,
    }
}

/// A retention period in words: "10 vuotta", "pysyvästi säilytettävä".
pub fn retention_period(lang: Lang, period: Option<RetentionPeriod>) -> String {
    match period {
        Some(RetentionPeriod::Permanent) => lang.t(m::KEPT_PERMANENTLY).to_owned(),
        Some(RetentionPeriod::Years(years)) => fill(lang.t(m::RETENTION_YEARS), &[&years.to_string()]),
        None => lang.t(m::NOT_GIVEN).to_owned(),
    }
}
