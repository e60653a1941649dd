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
    // The disclosure record ("Luovutus") of a document request.
    DISC_HEADING = "Luovutus", "Utlämnande", "Disclosure";
    DISC_DOCUMENT = "Asiakirja", "Handling", "Document";
    DISC_NO_ACCESS = "asiakirja, johon sinulla ei ole pääsyä", "en handling som du inte har tillgång till", "a document you have no access to";
    DISC_OUTCOME = "Ratkaisu", "Avgörande", "Outcome";
    DISC_DISCLOSED = "Annettu kokonaan", "Utlämnad helt", "Disclosed in full";
    DISC_PARTIAL = "Annettu osittain", "Utlämnad delvis", "Disclosed in part";
    DISC_REFUSED = "Epätty", "Vägrad", "Refused";
    DISC_WITHHELD = "Salattu osa", "Sekretessbelagd del", "Parts withheld";
    DISC_WITHHELD_HINT = "Osittain annetusta: mitkä osat jätettiin pois, esim. sivut 3–4, henkilötunnukset.", "Vid delvis utlämnande: vilka delar som utelämnades, t.ex. sidorna 3–4, personbeteckningar.", "For a partial disclosure: which parts were left out, e.g. pages 3–4, personal identity codes.";
    DISC_GROUNDS = "Peruste", "Grund", "Ground";
    DISC_DAY = "Päivä", "Dag", "Day";
    DISC_NONE = "Luovutettuja tai epättyjä asiakirjoja ei ole kirjattu.", "Inga utlämnade eller vägrade handlingar har registrerats.", "No documents disclosed or refused have been recorded.";
    DISC_ADD_DOCUMENT = "Kirjaa asiakirjan luovutus", "Registrera utlämnande av en handling", "Record a document's disclosure";
    DISC_DOCUMENT_ID = "Asiakirjan tunnus", "Handlingens id", "Document id";
    DISC_DOCUMENT_ID_HINT = "Rekisterin asiakirjan tunnus, esim. doc-12 (asiakirjan sivulla).", "Registrets handlings-id, t.ex. doc-12 (på handlingens sida).", "The registry document's id, e.g. doc-12 (on the document's page).";
    DISC_FEES = "Maksut (JulkL 34 §)", "Avgifter (OffL 34 §)", "Fees (Publicity Act 34 §)";
    DISC_AMOUNT = "Maksu (euroa)", "Avgift (euro)", "Fee (euros)";
    DISC_AMOUNT_HINT = "Esim. 12,00. Suullisesti annettu, paikan päällä nähtäväksi annettu tai sähköpostilla lähetetty tieto on maksuton.", "T.ex. 12,00. Uppgifter som lämnas muntligt, på stället eller per e-post är avgiftsfria.", "E.g. 12.00. Information given orally, viewed on site or sent by e-mail is free.";
    DISC_BASIS = "Maksun peruste", "Avgiftens grund", "What the fee is for";
    DISC_DELIVERY = "Toimitustapa", "Leveranssätt", "Delivery";
    DISC_ORAL = "Suullisesti", "Muntligt", "Orally";
    DISC_ON_SITE = "Nähtäväksi paikan päällä", "Att ta del av på stället", "Viewed on site";
    DISC_EMAIL = "Sähköpostilla", "Per e-post", "By e-mail";
    DISC_COPY = "Kopiona tai tulosteena", "Som kopia eller utskrift", "As a copy or printout";
    DISC_CHARGED_ON = "Veloituspäivä", "Debiteringsdag", "Day charged";
    DISC_ADD_FEE = "Kirjaa maksu", "Registrera avgift", "Record a fee";
    DISC_TRANSFER = "Siirto toiselle viranomaiselle (JulkL 15 §)", "Överföring till en annan myndighet (OffL 15 §)", "Transfer to another authority (Publicity Act 15 §)";
    DISC_TRANSFER_HINT = "Siirretty pyyntö on ratkaistu: sen määräaika pysähtyy ja vastaanottava viranomainen vastaa siihen.", "En överförd begäran är avgjord: dess tidsfrist stannar och den mottagande myndigheten besvarar den.", "A transferred request is decided: its clock stops and the receiving authority answers it.";
    DISC_AUTHORITY = "Vastaanottava viranomainen", "Mottagande myndighet", "Receiving authority";
    DISC_TRANSFER_ON = "Siirtopäivä", "Överföringsdag", "Day of the transfer";
    DISC_ADD_TRANSFER = "Kirjaa siirto", "Registrera överföring", "Record the transfer";
    DISC_RECORDED = "Asiakirjan luovutus kirjattiin.", "Handlingens utlämnande registrerades.", "The document's disclosure was recorded.";
    DISC_FEE_RECORDED = "Maksu kirjattiin.", "Avgiften registrerades.", "The fee was recorded.";
    DISC_TRANSFER_RECORDED = "Siirto kirjattiin; pyyntö on ratkaistu.", "Överföringen registrerades; begäran är avgjord.", "The transfer was recorded; the request is decided.";
    DISC_BACK = "Takaisin pyyntöön", "Tillbaka till begäran", "Back to the request";
    DISC_PROBLEM_AMOUNT = "Anna maksu euroina, esim. 12,00.", "Ange avgiften i euro, t.ex. 12,00.", "Give the fee in euros, e.g. 12.00.";
    DISC_PROBLEM_OUTCOME = "Valitse ratkaisu.", "Välj avgörande.", "Choose the outcome.";
    DISC_PROBLEM_DELIVERY = "Valitse toimitustapa.", "Välj leveranssätt.", "Choose the delivery.";
    DISC_PROBLEM_UNKNOWN_DOCUMENT = "Tunnuksella ei löydy asiakirjaa, jonka voit lukea.", "Det finns ingen handling med detta id som du kan läsa.", "No document with this id among the documents you may read.";
    DISC_PROBLEM_FREE = "Suullisesti, paikan päällä tai sähköpostilla annettu tieto on maksuton (JulkL 34 §).", "Uppgifter som lämnas muntligt, på stället eller per e-post är avgiftsfria (OffL 34 §).", "Information given orally, on site or by e-mail is free (Publicity Act 34 §).";
}
