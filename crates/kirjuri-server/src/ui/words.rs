//! The UI's names for the domain's closed vocabularies — roles, request kinds and states,
//! incident states, publicity classes — and its date-time format: one table per vocabulary,
//! Finnish first, then Swedish and English, so a machine key (`in-progress`,
//! `privacy-officer`, `partly-secret`) never reaches a page (STYLE.md §9). Page texts are in
//! `messages`.

use chrono::{DateTime, Utc};
use kirjuri_incidents::{ClockKind, IncidentState};
use kirjuri_plan::PublicityClass;
use kirjuri_registry::{CaseState, Direction};
use kirjuri_requests::{RequestKind, RequestState};

use super::Lang;
use super::messages as m;
use crate::users::Role;

/// One name in the three languages: the catalogue's own type (`kirjuri_words`), shared with
/// the annual report.
pub use kirjuri_words::Words;

pub fn role(role: Role) -> Words {
    match role {
        Role::Staff => Words::new("työntekijä", "anställd", "staff"),
        Role::Registrar => Words::new("kirjaamo", "registratorskontor", "registry office"),
        Role::Archivist => Words::new("arkistonhoitaja", "arkivarie", "archivist"),
        Role::PrivacyOfficer => Words::new("tietosuojavastaava", "dataskyddsombud", "data-protection officer"),
        Role::Auditor => Words::new("tarkastaja", "granskare", "auditor"),
        Role::Admin => Words::new("pääkäyttäjä", "huvudanvändare", "administrator"),
    }
}

pub fn case_state(state: CaseState) -> Words {
    let (sv, en) = match state {
        CaseState::Avattu => ("Inlett", "Opened"),
        CaseState::Vireilla => ("Anhängigt", "Pending"),
        CaseState::Valmistelussa => ("Under beredning", "In preparation"),
        CaseState::Ratkaistavana => ("För avgörande", "Awaiting decision"),
        CaseState::Paatetty => ("Avgjort", "Decided"),
        CaseState::ToimitettuTiedoksi => ("Delgivet", "Decision notified"),
        CaseState::Toimeenpantava => ("För verkställighet", "To be implemented"),
        CaseState::Muutoksenhaku => ("Ändringssökande", "Under appeal"),
        CaseState::Seurannassa => ("Under uppföljning", "Under follow-up"),
        CaseState::AvattuUudelleen => ("Återupptaget", "Reopened"),
        CaseState::Siirretty => ("Överfört", "Transferred"),
        CaseState::Havitetty => ("Förstört", "Destroyed"),
    };
    Words::new(state.finnish(), sv, en)
}

pub fn direction(direction: Direction) -> Words {
    match direction {
        Direction::Incoming => Words::new("Saapunut", "Inkommande", "Incoming"),
        Direction::Outgoing => Words::new("Lähtevä", "Utgående", "Outgoing"),
        Direction::Internal => Words::new("Sisäinen", "Intern", "Internal"),
    }
}

/// An audit action's name (the actions are the audit trail's own vocabulary); none for an
/// action this table does not know, which the page then shows as recorded.
pub fn audit_action(action: &str) -> Option<Words> {
    Some(match action {
        "archive.export" => Words::new("Arkistopaketin vienti", "Export av arkivpaket", "Archive export"),
        "backup" => Words::new("Varmuuskopio", "Säkerhetskopia", "Backup"),
        "case.access" => Words::new(
            "Asian käyttöoikeusluettelon muutos",
            "Ändring av ärendets behörighetslista",
            "Case access list changed",
        ),
        "calendar-feed.create" => Words::new(
            "Kalenterisyötteen osoite tehty",
            "Kalenderflödets adress skapad",
            "Calendar feed address made",
        ),
        "calendar-feed.revoke" => Words::new(
            "Kalenterisyöte peruttu",
            "Kalenderflödet återkallat",
            "Calendar feed revoked",
        ),
        "case.open" => Words::new("Asian avaus", "Ärendet inlett", "Case opened"),
        "case.read" => Words::new("Asian luku", "Läsning av ärende", "Case read"),
        "case.transition" => Words::new("Asian tilan muutos", "Ändring av ärendets skede", "Case state changed"),
        "disposal.propose" => Words::new("Hävittämisehdotus", "Gallringsförslag", "Disposal proposed"),
        "disposal.approve" => Words::new(
            "Hävittämisen hyväksyntä",
            "Godkännande av gallring",
            "Disposal approved",
        ),
        "disposal.cancel" => Words::new(
            "Hävittämisehdotuksen peruutus",
            "Gallringsförslaget återtaget",
            "Disposal cancelled",
        ),
        "disposal.execute" => Words::new("Hävittäminen", "Gallring", "Disposal executed"),
        "disposal.remove_item" => Words::new(
            "Kohteen poisto ehdotuksesta",
            "Post borttagen ur förslaget",
            "Item removed from a proposal",
        ),
        "disposal.read" => Words::new(
            "Hävittämisehdotuksen luku",
            "Läsning av gallringsförslag",
            "Disposal proposal read",
        ),
        "document.destroy" => Words::new("Asiakirjan hävitys", "Förstöring av handling", "Document destroyed"),
        "document.erase" => Words::new("Asiakirjan poisto", "Radering av handling", "Document erased"),
        "document.read" => Words::new("Asiakirjan luku", "Läsning av handling", "Document read"),
        "document.content.read" => Words::new(
            "Asiakirjan sisällön luku",
            "Läsning av handlingens innehåll",
            "Document content read",
        ),
        "document.register" => Words::new("Asiakirjan kirjaus", "Registrering av handling", "Document registered"),
        "incident.new" => Words::new("Poikkeaman kirjaus", "Registrering av incident", "Incident registered"),
        "incident.assess" => Words::new(
            "Poikkeaman riskinarvio",
            "Riskbedömning av incident",
            "Incident assessed",
        ),
        "incident.breach" => Words::new(
            "Tietoturvaloukkaukseksi merkintä",
            "Markerad som personuppgiftsincident",
            "Marked a breach",
        ),
        "incident.notify" => Words::new("Ilmoitus viranomaiselle", "Anmälan till myndighet", "Notification sent"),
        "incident.record" => Words::new("Poikkeaman merkintä", "Anteckning om incident", "Incident entry"),
        "incident.transition" => Words::new(
            "Poikkeaman tilan muutos",
            "Ändring av incidentens skede",
            "Incident state changed",
        ),
        "legal_hold.place" => Words::new(
            "Säilytysvelvoitteen asetus",
            "Rättsligt bevarande infört",
            "Legal hold placed",
        ),
        "legal_hold.lift" => Words::new(
            "Säilytysvelvoitteen poisto",
            "Rättsligt bevarande hävt",
            "Legal hold lifted",
        ),
        "ocr.forget" => Words::new(
            "Tekstintunnistuksen poisto",
            "Borttagning av textigenkänning",
            "OCR text forgotten",
        ),
        "plan.approve" => Words::new("Suunnitelman hyväksyntä", "Godkännande av planen", "Plan approved"),
        "plan.import" => Words::new("Suunnitelman tuonti", "Import av planen", "Plan imported"),
        "registers.import" => Words::new(
            "Selosteiden tuonti",
            "Import av registerbeskrivningar",
            "Registers imported",
        ),
        "registers.create" => Words::new(
            "Käsittelytoimen lisäys selosteeseen",
            "Behandling tillagd i registret",
            "Processing activity added",
        ),
        "registers.update" => Words::new(
            "Käsittelytoimen muutos",
            "Ändring av behandling",
            "Processing activity changed",
        ),
        "agreements.create" => Words::new(
            "Käsittelijäsopimuksen lisäys",
            "Biträdesavtal tillagt",
            "Processor agreement added",
        ),
        "agreements.update" => Words::new(
            "Käsittelijäsopimuksen muutos",
            "Ändring av biträdesavtal",
            "Processor agreement changed",
        ),
        "contracts.create" => Words::new("Sopimuksen lisäys", "Avtal tillagt", "Contract added"),
        "contracts.update" => Words::new("Sopimuksen muutos", "Ändring av avtal", "Contract changed"),
        "contracts.notice" => Words::new(
            "Sopimuksen irtisanomisen kirjaus",
            "Registrering av uppsägning av avtal",
            "Contract notice recorded",
        ),
        "contracts.import" => Words::new("Sopimusten tuonti", "Import av avtal", "Contracts imported"),
        "report.assessment" => Words::new("Vuosiraportin arvio", "Bedömning i årsrapporten", "Report assessment"),
        "request.log_report" => Words::new("Lokiselvitys", "Loggutredning", "Log investigation report"),
        "request.new" => Words::new("Pyynnön kirjaus", "Registrering av begäran", "Request registered"),
        "request.read" => Words::new("Pyynnön luku", "Läsning av begäran", "Request read"),
        "request.transition" => Words::new("Pyynnön vaiheen muutos", "Ändring av begärans skede", "Request moved"),
        "request.pause" => Words::new("Määräajan keskeytys", "Avbrott av tidsfristen", "Clock paused"),
        "request.resume" => Words::new("Keskeytyksen päättyminen", "Avbrottet avslutat", "Clock resumed"),
        "retention.due.read" => Words::new(
            "Säilytysaikojen luku",
            "Läsning av förvaringstider",
            "Retention dues read",
        ),
        "search" => Words::new("Haku", "Sökning", "Search"),
        "session.start" => Words::new("Kirjautuminen", "Inloggning", "Signed in"),
        "session.end" => Words::new("Uloskirjautuminen", "Utloggning", "Signed out"),
        "session.sign_in_failed" => {
            Words::new("Epäonnistunut kirjautuminen", "Misslyckad inloggning", "Failed sign-in")
        }
        "session.oidc_sign_in" => Words::new(
            "Kirjautuminen kaupungin tunnuksella",
            "Inloggning med stadens konto",
            "Signed in with the city account",
        ),
        "session.oidc_refused" => Words::new(
            "Kaupungin tunnuksella kirjautuminen estetty",
            "Inloggning med stadens konto nekad",
            "City account sign-in refused",
        ),
        "token.create" => Words::new(
            "Rajapinta-avaimen luonti",
            "Skapande av API-nyckel",
            "API token created",
        ),
        "token.revoke" => Words::new(
            "Rajapinta-avaimen mitätöinti",
            "Återkallande av API-nyckel",
            "API token revoked",
        ),
        "user.add" => Words::new("Käyttäjän lisäys", "Tillägg av användare", "User added"),
        "user.role" => Words::new(
            "Käyttäjän roolin muutos",
            "Ändring av användarens roll",
            "User's role changed",
        ),
        "user.disable" => Words::new("Käyttäjä poistettu käytöstä", "Användare inaktiverad", "User disabled"),
        "user.enable" => Words::new("Käyttäjä otettu käyttöön", "Användare aktiverad", "User enabled"),
        "user.departments" => Words::new(
            "Käyttäjän toimialojen muutos",
            "Ändring av användarens sektorer",
            "User departments changed",
        ),
        "user.oidc_create" => Words::new(
            "Käyttäjän luonti kaupungin tunnuksesta",
            "Användare skapad från stadens konto",
            "User created from the city account",
        ),
        "user.rights_change" => Words::new("Käyttöoikeuksien muutos", "Ändring av behörigheter", "Rights changed"),
        "user.contact" => Words::new(
            "Muistutusten sähköpostiosoitteen tai kielen muutos",
            "Ändring av e-postadress eller språk för påminnelser",
            "Reminder address or language changed",
        ),
        "mail.sent" => Words::new("Muistutusviesti lähetetty", "Påminnelse skickad", "Reminder mail sent"),
        "webhook.create" => Words::new(
            "Webhook-osoitteen lisäys",
            "Tillägg av webhook-adress",
            "Webhook endpoint added",
        ),
        "webhook.update" => Words::new(
            "Webhook-osoitteen muutos",
            "Ändring av webhook-adress",
            "Webhook endpoint changed",
        ),
        "webhook.rotate_secret" => Words::new(
            "Webhook-salaisuuden vaihto",
            "Byte av webhook-hemlighet",
            "Webhook secret rotated",
        ),
        "webhook.delete" => Words::new(
            "Webhook-osoitteen poisto",
            "Borttagning av webhook-adress",
            "Webhook endpoint removed",
        ),
        _ => return None,
    })
}

pub fn request_kind(kind: RequestKind) -> Words {
    match kind {
        RequestKind::GdprAccess => Words::new(kind.finnish(), "Begäran om tillgång", "Access request (GDPR)"),
        RequestKind::GdprRectification => Words::new(kind.finnish(), "Begäran om rättelse", "Rectification request"),
        RequestKind::GdprErasure => Words::new(kind.finnish(), "Begäran om radering", "Erasure request"),
        RequestKind::GdprRestriction => Words::new(
            kind.finnish(),
            "Begäran om begränsning av behandling",
            "Restriction request",
        ),
        RequestKind::GdprPortability => {
            Words::new(kind.finnish(), "Begäran om dataportabilitet", "Portability request")
        }
        RequestKind::GdprObjection => Words::new(kind.finnish(), "Invändning", "Objection"),
        RequestKind::Publicity => Words::new(kind.finnish(), "Begäran om handlingar", "Request for documents"),
        RequestKind::LogInvestigation => {
            Words::new(kind.finnish(), "Begäran om loggutredning", "Log investigation request")
        }
    }
}

pub fn request_state(state: RequestState) -> Words {
    match state {
        RequestState::Received => Words::new("Vastaanotettu", "Mottagen", "Received"),
        RequestState::IdentityCheck => Words::new("Henkilöllisyyden tarkistus", "Identitetskontroll", "Identity check"),
        RequestState::Clarification => Words::new("Täsmennettävänä", "Precisering begärd", "Awaiting clarification"),
        RequestState::InProgress => Words::new("Käsittelyssä", "Under behandling", "In progress"),
        RequestState::Extended => Words::new("Määräaikaa jatkettu", "Tidsfristen förlängd", "Deadline extended"),
        RequestState::Granted => Words::new("Hyväksytty", "Beviljad", "Granted"),
        RequestState::PartlyGranted => Words::new("Osittain hyväksytty", "Delvis beviljad", "Partly granted"),
        RequestState::Refused => Words::new("Hylätty", "Avslagen", "Refused"),
        RequestState::Withdrawn => Words::new("Peruttu", "Återtagen", "Withdrawn"),
        RequestState::Duplicate => Words::new("Kaksoiskappale", "Dubblett", "Duplicate"),
        RequestState::ReferralOffered => Words::new(
            "Oikeus viranomaisen ratkaisuun kerrottu",
            "Rätt till myndighetens avgörande meddelad",
            "Right to a decision offered",
        ),
        RequestState::ReferralRequested => Words::new(
            "Viranomaisen ratkaisua pyydetty",
            "Myndighetens avgörande begärt",
            "Decision requested",
        ),
        RequestState::DecisionIssued => Words::new("Päätös annettu", "Beslut meddelat", "Decision issued"),
        RequestState::Appealed => Words::new("Valitettu", "Överklagad", "Appealed"),
        RequestState::Transferred => Words::new(
            "Siirretty toiselle viranomaiselle",
            "Överförd till en annan myndighet",
            "Transferred to another authority",
        ),
    }
}

pub fn incident_state(state: IncidentState) -> Words {
    match state {
        IncidentState::Open => Words::new("Avoin", "Öppen", "Open"),
        IncidentState::Containment => Words::new("Rajaaminen", "Begränsning", "Containment"),
        IncidentState::Eradication => Words::new("Poistaminen", "Utrotning", "Eradication"),
        IncidentState::Recovery => Words::new("Palautuminen", "Återställning", "Recovery"),
        IncidentState::PostIncident => Words::new("Jälkitoimet", "Efterarbete", "Post-incident review"),
        IncidentState::Closed => Words::new("Suljettu", "Stängd", "Closed"),
    }
}

pub fn clock(kind: ClockKind) -> Words {
    match kind {
        ClockKind::OmbudsmanNotification => Words::new(
            "Ilmoitus tietosuojavaltuutetulle (72 h)",
            "Anmälan till dataombudsmannen (72 h)",
            "Notify the Data Protection Ombudsman (72 h)",
        ),
        ClockKind::SubjectCommunication => Words::new(
            "Ilmoitus rekisteröidyille",
            "Meddelande till de registrerade",
            "Tell the people affected",
        ),
        ClockKind::Nis2EarlyWarning => Words::new(
            "NIS2-varhaisvaroitus (24 h)",
            "NIS2 tidig varning (24 h)",
            "NIS2 early warning (24 h)",
        ),
        ClockKind::Nis2Notification => Words::new(
            "NIS2-ilmoitus (72 h)",
            "NIS2-anmälan (72 h)",
            "NIS2 notification (72 h)",
        ),
        ClockKind::Nis2Final => Words::new("NIS2-loppuraportti", "NIS2 slutrapport", "NIS2 final report"),
        ClockKind::Nis2Intermediate => Words::new(
            "NIS2-väliraportti (viranomaisen pyyntö)",
            "NIS2 delrapport (myndighetens begäran)",
            "NIS2 intermediate report (authority's request)",
        ),
        ClockKind::Nis2Progress => Words::new("NIS2-edistymisraportti", "NIS2 lägesrapport", "NIS2 progress report"),
    }
}

/// Time left to `due` from `now`, or how late it is, in words: `jäljellä 5 h 10 min`,
/// `myöhässä 2 h` (lateness is never shown by colour alone).
pub fn time_left(lang: Lang, due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (due - now).num_minutes();
    let span = |m: i64| {
        let (days, hours, mins) = (m / 1440, (m % 1440) / 60, m % 60);
        match (days, hours) {
            (0, 0) => format!("{mins} min"),
            (0, _) => format!("{hours} h {mins} min"),
            _ => format!("{days} {} {hours} h", lang.t(m::DAYS_SHORT)),
        }
    };
    if minutes >= 0 {
        fill(lang.t(m::TIME_LEFT), &[&span(minutes)])
    } else {
        fill(lang.t(m::TIME_LATE), &[&span(-minutes)])
    }
}

pub fn publicity(class: PublicityClass) -> Words {
    match class {
        PublicityClass::Public => Words::new(class.finnish(), "Offentlig", "Public"),
        PublicityClass::PartlySecret => Words::new(class.finnish(), "Delvis sekretessbelagd", "Partly secret"),
        PublicityClass::Secret => Words::new(class.finnish(), "Sekretessbelagd", "Secret"),
        PublicityClass::NonPublic => Words::new(class.finnish(), "Icke-offentlig", "Non-public"),
    }
}

/// A publicity class by its key (as search hits carry it); an unknown key is shown as
/// "unknown", never as itself.
pub fn publicity_key(key: &str) -> Words {
    PublicityClass::parse(key).map_or(Words::new("Tuntematon", "Okänd", "Unknown"), publicity)
}

/// Why a request's deadline was set, as the requests service records it (`received`,
/// `extended: <reason>[; plus N paused days]`, `clock paused N days: <reason>`), in words.
pub fn deadline_reason(lang: Lang, reason: &str) -> String {
    if reason == "received" {
        return lang.t(m::DEADLINE_ON_RECEIPT).to_owned();
    }
    if let Some(rest) = reason.strip_prefix("extended: ") {
        return match rest
            .rsplit_once("; plus ")
            .and_then(|(why, days)| Some((why, days.strip_suffix(" paused days")?)))
        {
            Some((why, days)) => fill(lang.t(m::DEADLINE_EXTENDED_PAUSED), &[why, days]),
            None => fill(lang.t(m::DEADLINE_EXTENDED), &[rest]),
        };
    }
    if let Some((days, why)) = reason
        .strip_prefix("clock paused ")
        .and_then(|rest| rest.split_once(" days: "))
    {
        return fill(lang.t(m::DEADLINE_PAUSED), &[days, why]);
    }
    reason.to_owned()
}

/// A catalogue text with its `{}` places filled in order.
pub fn fill(text: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut values = values.iter();
    let mut parts = text.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(values.next().copied().unwrap_or_default());
        }
    }
    out
}

/// When a document's secrecy ends, in words: the day and the rule that gave it
/// ("3.4.2081 (50 vuotta kuolemasta 3.4.2031)"); the rule is `kirjuri_plan::secrecy_end`.
pub fn secrecy_end(lang: Lang, end: &kirjuri_plan::SecrecyEnd) -> String {
    use kirjuri_plan::{SecrecyEnd, SecrecyRule};
    match end {
        SecrecyEnd::On { ends_on, rule } => {
            let rule = match rule {
                SecrecyRule::FromStart {
                    years,
                    start,
                    start_date,
                } => fill(
                    lang.t(m::SECRECY_RULE_FROM_START),
                    &[
                        &years.to_string(),
                        super::archivist::terms::secrecy_start(*start).in_lang(lang),
                        &day(lang, *start_date),
                    ],
                ),
                SecrecyRule::AfterDeath { years, death_date } => fill(
                    lang.t(m::SECRECY_RULE_AFTER_DEATH),
                    &[&years.to_string(), &day(lang, *death_date)],
                ),
                SecrecyRule::DeathNotKnown { years, .. } => {
                    fill(lang.t(m::SECRECY_RULE_DEATH_UNKNOWN), &[&years.to_string()])
                }
            };
            format!("{} ({rule})", day(lang, *ends_on))
        }
        SecrecyEnd::AwaitingEvent { years, start } => fill(
            lang.t(m::SECRECY_RULE_AWAITING),
            &[
                &years.to_string(),
                super::archivist::terms::secrecy_start(*start).in_lang(lang),
            ],
        ),
    }
}

/// A day as a person types it: `2026-11-30` (a date field's value) or `30.11.2026`.
pub fn read_day(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

/// The kind of a deadline in the agenda (`kirjuri_agenda`): the calendar feed's summaries and
/// "my deadlines" on the overview.
pub fn agenda_kind(kind: kirjuri_agenda::ItemKind) -> Words {
    use kirjuri_agenda::ItemKind;
    match kind {
        ItemKind::Request => Words::new("Tietopyyntö", "Begäran", "Request"),
        ItemKind::Incident => Words::new("Poikkeaman määräaika", "Incidentens tidsfrist", "Incident deadline"),
        ItemKind::BreachClock => Words::new(
            "Ilmoitus tietosuojavaltuutetulle (72 h)",
            "Anmälan till dataombudsmannen (72 h)",
            "Notify the Data Protection Ombudsman (72 h)",
        ),
        ItemKind::IncidentTask => Words::new("Poikkeaman tehtävä", "Incidentens uppgift", "Incident task"),
        ItemKind::Retention => Words::new(
            "Säilytysaika päättynyt",
            "Förvaringstiden har gått ut",
            "Retention ended",
        ),
        ItemKind::AgreementReview => Words::new(
            "Käsittelijäsopimuksen tarkastus",
            "Granskning av biträdesavtal",
            "Processor agreement review",
        ),
        ItemKind::ContractNotice => Words::new(
            "Sopimuksen irtisanomispäivä",
            "Avtalets sista uppsägningsdag",
            "Contract notice day",
        ),
        ItemKind::ContractReview => Words::new("Sopimuksen tarkastus", "Granskning av avtal", "Contract review"),
    }
}

/// A day as the city reads it: `30.11.2026` in Finnish, `30 Nov 2026` in English.
pub fn day(lang: Lang, day: chrono::NaiveDate) -> String {
    match lang {
        Lang::Fi | Lang::Sv => day.format("%-d.%-m.%Y").to_string(),
        Lang::En => day.format("%-d %b %Y").to_string(),
    }
}

/// A moment as the city reads it, in Helsinki time: `30.11.2026 klo 10.15` in Finnish,
/// `30 Nov 2026 10:15` in English.
pub fn moment(lang: Lang, instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&chrono_tz::Europe::Helsinki);
    match lang {
        Lang::Fi => local.format("%-d.%-m.%Y klo %H.%M").to_string(),
        Lang::Sv => local.format("%-d.%-m.%Y kl. %H.%M").to_string(),
        Lang::En => local.format("%-d %b %Y %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_is_its_machine_key_in_finnish_or_swedish() {
        let mut checked = 0;
        let mut check = |key: &str, words: Words| {
            for text in [words.fi, words.sv] {
                assert_ne!(text, key, "{key}");
                assert!(!text.is_empty(), "{key}");
            }
            checked += 1;
        };
        for r in Role::ALL {
            check(r.key(), role(*r));
        }
        for s in CaseState::ALL {
            check(s.key(), case_state(*s));
        }
        for k in RequestKind::ALL {
            check(k.key(), request_kind(*k));
        }
        for s in RequestState::ALL {
            check(s.key(), request_state(*s));
        }
        for s in IncidentState::ALL {
            check(s.key(), incident_state(*s));
        }
        for p in PublicityClass::ALL {
            check(p.key(), publicity(*p));
        }
        for c in ClockKind::ALL {
            check(c.key(), clock(*c));
        }
        assert!(checked > 30);
    }

    #[test]
    fn time_left_is_said_in_words() {
        let now = DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let later = |minutes: i64| now + chrono::Duration::minutes(minutes);
        assert_eq!(time_left(Lang::Fi, later(310), now), "jäljellä 5 h 10 min");
        assert_eq!(time_left(Lang::Fi, later(-120), now), "myöhässä 2 h 0 min");
        assert_eq!(time_left(Lang::En, later(3 * 1440 + 60), now), "3 d 1 h left");
        assert_eq!(time_left(Lang::Sv, later(3 * 1440 + 60), now), "3 d 1 h kvar");
        assert_eq!(time_left(Lang::Fi, later(5), now), "jäljellä 5 min");
    }

    #[test]
    fn deadline_reasons_are_said_in_words() {
        assert_eq!(deadline_reason(Lang::Fi, "received"), "Asetettu saapumisen perusteella");
        assert_eq!(
            deadline_reason(Lang::Fi, "extended: Paljon asiakirjoja"),
            "Jatkettu: Paljon asiakirjoja"
        );
        assert_eq!(
            deadline_reason(Lang::En, "extended: many; plus 3 paused days"),
            "Extended: many; plus 3 paused days"
        );
        assert_eq!(
            deadline_reason(Lang::Sv, "clock paused 2 days: väntar"),
            "Avbruten 2 d: väntar"
        );
    }

    #[test]
    fn days_are_read_as_typed() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(read_day("2026-11-30"), day);
        assert_eq!(read_day(" 30.11.2026 "), day);
        assert_eq!(read_day("30.11."), None);
    }

    #[test]
    fn moments_are_in_helsinki_time() {
        let instant = DateTime::parse_from_rfc3339("2026-11-29T02:17:53.95Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(moment(Lang::Fi, instant), "29.11.2026 klo 04.17");
        assert_eq!(moment(Lang::En, instant), "29 Nov 2026 04:17");
    }
}
