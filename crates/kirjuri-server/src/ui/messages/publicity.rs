//! The words of the Publicity Act (621/1999) parts of the request pages: the due day as the
//! statutory day with the day it moves to, the one-month track, the referral clock and the
//! appealable decision.

use super::super::words::Words;

catalogue! {
    PUB_DUE_DAY = "Määräpäivä", "Förfallodag", "Due day";
    PUB_MOVES_TO = "(siirtyy {})", "(flyttas till {})", "(moves to {})";
    PUB_TWO_WEEK_DAY = "Kahden viikon määräpäivä (JulkL 14 § 4 mom)", "Förfallodag för två veckor (OffL 14 § 4 mom.)", "Two-week due day (Publicity Act 14 § 4)";
    PUB_MONTH_TRACK_HINT = "Kuukauden määräaikaan voi siirtyä vain kahden viikon kuluessa; sen jälkeen siirto hylätään.", "Man kan övergå till en månads tidsfrist endast inom två veckor; därefter avvisas övergången.", "The one-month track can be chosen only within the two weeks; after them the switch is refused.";
    PUB_DECISION_TARGET = "Päätöksen tavoitepäivä (JulkL 14 § 3 mom, viipymättä)", "Målsdag för beslutet (OffL 14 § 3 mom., utan dröjsmål)", "Target day of the decision (Publicity Act 14 § 3, without delay)";
    PUB_DECISION_BY = "päätös viimeistään {} (JulkL 14 § 3 mom)", "beslut senast {} (OffL 14 § 3 mom.)", "decision by {} (Publicity Act 14 § 3)";
    PUB_PROBLEM_MONTH_TRACK_TOO_LATE = "Kuukauden määräaikaan voi siirtyä vain kahden viikon kuluessa pyynnön saapumisesta (JulkL 14 § 4 mom); pyyntö pysyy kahden viikon määräajassa.", "Enmånadsfristen kan väljas endast inom två veckor från att begäran kom in (OffL 14 § 4 mom.); begäran behåller tvåveckorsfristen.", "The one-month track can be chosen only within two weeks of receipt (Publicity Act 14 § 4); the request stays on its two-week clock.";
    PUB_PROBLEM_UNKNOWN_GROUND = "Valitse peruste luettelosta; luettelon ulkopuolinen peruste kirjoitetaan kohtaan \"Muu peruste\".", "Välj en grund i listan; en grund utanför listan skrivs i fältet \"Annan grund\".", "Choose a ground from the list; a ground outside it goes in \"Other ground\".";
    PROBLEM_NOT_EVENT_BASED = "Tämän asiakirjan salassapito ei ala tästä tapahtumasta.", "Handlingens sekretess börjar inte från denna händelse.", "This document's secrecy does not run from this event.";
    PROBLEM_TOLD_ON_IN_FUTURE = "Päivä, jona pyytäjälle kerrottiin, ei voi olla tulevaisuudessa.", "Dagen då den sökande underrättades kan inte ligga i framtiden.", "The day the requester was told cannot be in the future.";
    PROBLEM_TOLD_ON_BEFORE_RECEIPT = "Päivä, jona pyytäjälle kerrottiin, ei voi olla ennen pyynnön saapumista.", "Dagen då den sökande underrättades kan inte ligga före att begäran kom in.", "The day the requester was told cannot be before the request was received.";
    PUB_DECISION_DAY = "Valituskelpoinen päätös annettu", "Överklagbart beslut meddelat", "Appealable decision issued";
    PUB_ON_TIME = "ajallaan", "i tid", "on time";
    PUB_LATE_BY = "myöhässä {} vrk tavoitteesta", "{} d efter målet", "{} days after the target";
    PUB_GROUND = "Salassapitoperuste (epäämisen tai päätöksen peruste)", "Sekretessgrund (grund för vägran eller beslut)", "Secrecy ground (of the refusal or decision)";
    PUB_OTHER_GROUND = "Muu peruste (valinnainen)", "Annan grund (valfri)", "Other ground (optional)";
    PUB_OTHER_GROUND_HINT = "Vain jos perustetta ei ole luettelossa: kirjoita säännös. Se näytetään muuna perusteena ja lasketaan tilastossa ryhmään muu.", "Endast om grunden inte finns i listan: skriv bestämmelsen. Den visas som annan grund och räknas som annan i statistiken.", "Only if the ground is not in the list: write the provision. It is shown as another ground and counted as other in the statistics.";
    PUB_OTHER_GROUNDS = "Muu peruste", "Annan grund", "Other ground";
    PUB_REFUSAL_GROUNDS = "Epäämisen perusteet", "Grunder för vägran", "Grounds of the refusal";
    PUB_APPEAL_DOCUMENT = "Päätös valitusosoituksineen on kirjattu asian asiakirjaksi", "Beslutet med besvärsanvisning är registrerat som ärendets handling", "The decision with its appeal instructions is registered as the case's document";
    PUB_APPEAL_INSTRUCTIONS = "Valitusosoitus", "Besvärsanvisning", "Appeal instructions";
}
