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
