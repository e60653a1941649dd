//! Every word of a mail, in Finnish, Swedish and English (Finnish first, as the web UI's
//! catalogue). No machine key ever reaches a mail.

use kirjuri_words::Words;

pub const BREACH_START_SUBJECT: Words = Words::new(
    "Henkilötietojen tietoturvaloukkaus: 72 tunnin ilmoitusaika alkoi",
    "Personuppgiftsincident: tidsfristen på 72 timmar har börjat",
    "Personal data breach: the 72-hour notification clock has started",
);
pub const BREACH_48_SUBJECT: Words = Words::new(
    "Tietoturvaloukkaus: 48 tuntia aikaa ilmoittaa tietosuojavaltuutetulle",
    "Personuppgiftsincident: 48 timmar kvar att anmäla till dataombudsmannen",
    "Personal data breach: 48 hours left to notify the Data Protection Ombudsman",
);
pub const BREACH_12_SUBJECT: Words = Words::new(
    "Tietoturvaloukkaus: vain 12 tuntia aikaa ilmoittaa tietosuojavaltuutetulle",
    "Personuppgiftsincident: endast 12 timmar kvar att anmäla till dataombudsmannen",
    "Personal data breach: only 12 hours left to notify the Data Protection Ombudsman",
);
pub const BREACH_RULE: Words = Words::new(
    "Henkilötietojen tietoturvaloukkauksesta on ilmoitettava tietosuojavaltuutetulle viimeistään 72 tunnin kuluttua siitä, kun loukkaus tuli tietoon (EU:n tietosuoja-asetus 33 artikla).",
    "En personuppgiftsincident ska anmälas till dataombudsmannen senast 72 timmar efter att den blev känd (EU:s dataskyddsförordning artikel 33).",
    "A personal data breach must be notified to the Data Protection Ombudsman within 72 hours of becoming aware of it (GDPR Article 33).",
);
pub const INCIDENT: Words = Words::new("Poikkeama", "Avvikelse", "Incident");
pub const DEADLINE: Words = Words::new("Ilmoitettava viimeistään", "Ska anmälas senast", "Notify by");
pub const OPEN: Words = Words::new("Avaa Kirjurissa", "Öppna i Kirjuri", "Open in Kirjuri");
pub const WHY_BREACH: Words = Words::new(
    "Saat tämän viestin, koska olet tietosuojavastaava tai poikkeaman käsittelijä.",
    "Du får detta meddelande eftersom du är dataskyddsombud eller handlägger avvikelsen.",
    "You receive this because you are a privacy officer or handle the incident.",
);
pub const SIGNATURE: Words = Words::new(
    "Kirjuri – asianhallinta ja arkisto. Tämä on automaattinen viesti.",
    "Kirjuri – ärendehantering och arkiv. Detta är ett automatiskt meddelande.",
    "Kirjuri – records management. This is an automatic message.",
);
pub const TEST_SUBJECT: Words = Words::new(
    "Kirjurin testiviesti",
    "Testmeddelande från Kirjuri",
    "Kirjuri test message",
);
pub const TEST_TEXT: Words = Words::new(
    "Sähköpostimuistutukset toimivat: tämä viesti kulki Kirjurin SMTP-asetusten kautta.",
    "Påminnelser per e-post fungerar: detta meddelande skickades med Kirjuris SMTP-inställningar.",
    "E-mail reminders work: this message went through Kirjuri's SMTP settings.",
);
pub const DIGEST_SUBJECT: Words = Words::new(
    "Kirjuri: päivän määräajat",
    "Kirjuri: dagens tidsfrister",
    "Kirjuri: today's deadlines",
);
pub const DIGEST_INTRO: Words = Words::new(
    "Huomenta! Nämä määräajat ovat vastuullasi:",
    "God morgon! Dessa tidsfrister är ditt ansvar:",
    "Good morning! These deadlines are yours:",
);
pub const OVERDUE: Words = Words::new("Myöhässä", "Försenade", "Overdue");
pub const TODAY: Words = Words::new("Tänään", "I dag", "Today");
pub const THIS_WEEK: Words = Words::new("Tällä viikolla", "Denna vecka", "This week");
pub const DUE: Words = Words::new("määräaika", "tidsfrist", "due");
pub const AGENDA: Words = Words::new("Kaikki määräajat", "Alla tidsfrister", "All deadlines");

/// The name of an agenda item's kind in a mail.
pub fn kind_name(kind: kirjuri_agenda::ItemKind) -> Words {
    use kirjuri_agenda::ItemKind::*;
    match kind {
        Request => Words::new("Tietopyyntö", "Informationsbegäran", "Information request"),
        Incident => Words::new("Poikkeaman määräaika", "Avvikelsens tidsfrist", "Incident deadline"),
        BreachClock => Words::new(
            "Tietoturvaloukkauksen ilmoitus (72 h)",
            "Anmälan av personuppgiftsincident (72 h)",
            "Breach notification (72 h)",
        ),
        IncidentTask => Words::new("Poikkeaman tehtävä", "Avvikelsens uppgift", "Incident task"),
        Retention => Words::new(
            "Hävitettävät asiakirjat",
            "Handlingar att gallra",
            "Records due for disposal",
        ),
        AgreementReview => Words::new(
            "Käsittelijäsopimuksen katselmointi",
            "Granskning av biträdesavtal",
            "Processor agreement review",
        ),
        ContractNotice => Words::new(
            "Sopimuksen viimeinen irtisanomispäivä",
            "Sista dag att säga upp avtalet",
            "Last day to give notice",
        ),
        ContractReview => Words::new("Sopimuksen katselmointi", "Granskning av avtal", "Contract review"),
    }
}
