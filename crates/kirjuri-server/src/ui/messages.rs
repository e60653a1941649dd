//! The UI's message catalogue: every label, heading, hint and message a page shows, Finnish
//! first, then Swedish and English (STYLE.md §9). Pages say `lang.t(m::CASES)`; the names of
//! the domain's closed vocabularies (states, kinds, roles) are in `words`. A unit test checks
//! every entry has all three languages.

use super::words::Words;

macro_rules! catalogue {
    ($($name:ident = $fi:literal, $sv:literal, $en:literal;)*) => {
        $(pub const $name: Words = Words::new($fi, $sv, $en);)*
        /// Every entry with its name, for the completeness test.
        #[cfg(test)]
        pub const ALL: &[(&str, Words)] = &[$((stringify!($name), $name)),*];
    };
}

catalogue! {
    DIARY_NUMBER = "Diaarinumero", "Diarienummer", "Diary number";
    TITLE = "Otsikko", "Rubrik", "Title";
    STATE = "Tila", "Skede", "State";
    OPENED = "Avattu", "Inledd", "Opened";
    RESTRICTED = "(salassa pidettävä)", "(sekretessbelagt)", "(restricted)";
    CASES = "Asiat", "Ärenden", "Cases";
    DOCUMENT_REGISTERED = "Asiakirja kirjattu: ", "Handlingen registrerad: ", "Document registered: ";
    THIS_CASE_IS_RESTRICTED_YOU_SEE = "Asia on salassa pidettävä: näet sen julkisen otsikon, et asianosaisia.", "Ärendet är sekretessbelagt: du ser dess offentliga rubrik, inte parterna.", "This case is restricted: you see its public title, not its parties.";
    CLASS = "Luokka ", "Klass ", "Class ";
    OPENED_2 = "avattu ", "inlett ", "opened ";
    PARTIES = "Osapuolet: ", "Parter: ", "Parties: ";
    DOCUMENTS = "Asiakirjat", "Handlingar", "Documents";
    RECORD_TYPE = "Asiakirjatyyppi", "Handlingstyp", "Record type";
    PUBLICITY = "Julkisuus", "Offentlighet", "Publicity";
    DATE = "Päiväys", "Datum", "Date";
    RESTRICTED_DOCUMENTS_ARE_NOT_SHOWN_TO = "Salassa pidettäviä asiakirjoja ei näytetä sinulle: käyttöoikeutesi (rooli, toimiala tai asian käyttöoikeusluettelo) ei kata tätä asiaa.", "Sekretessbelagda handlingar visas inte för dig: din behörighet (roll, sektor eller ärendets behörighetslista) omfattar inte detta ärende.", "Restricted documents are not shown to you: your access (role, department or the case's access list) does not cover this case.";
    REGISTER_A_DOCUMENT = "Kirjaa asiakirja", "Registrera en handling", "Register a document";
    DIRECTION = "Suunta", "Riktning", "Direction";
    INCOMING = "saapunut", "inkommande", "incoming";
    OUTGOING = "lähtevä", "utgående", "outgoing";
    INTERNAL = "sisäinen", "intern", "internal";
    FILE = "Tiedosto", "Fil", "File";
    REGISTER = "Kirjaa", "Registrera", "Register";
    ERASE_A_DOCUMENT_DATA_PROTECTION_REGISTERED = "Poista asiakirja (tietosuoja, virheellinen kirjaus)", "Radera en handling (dataskydd, felaktig registrering)", "Erase a document (data protection, registered by mistake)";
    THE_DOCUMENT_AND_ITS_CONTENT_ARE = "Asiakirja ja sen sisältö poistetaan heti; hävittämisrekisteriin jää merkintä ilman otsikkoa. Kirjoita perusteeksi päätös, ei henkilötietoja.", "Handlingen och dess innehåll raderas genast; i gallringsförteckningen blir en anteckning kvar utan rubrik. Ange beslutet som grund, inga personuppgifter.", "The document and its content are removed at once; the destruction list keeps an entry without the title. Give the decision as the reason, no personal data.";
    DOCUMENT = "Asiakirja", "Handling", "Document";
    REASON = "Peruste", "Grund", "Reason";
    ERASURE_REQUEST_OPTIONAL = "Poistopyyntö (valinnainen)", "Begäran om radering (valfri)", "Erasure request (optional)";
    ERASE = "Poista", "Radera", "Erase";
    OPEN_A_DOCUMENT = "Avaa asiakirja", "Öppna en handling", "Open a document";
    THE_DOCUMENT_IS_RESTRICTED_OPENING_IT = "Asiakirja on salassa pidettävä. Sen avaaminen kirjataan lokiin käyttötarkoituksineen.", "Handlingen är sekretessbelagd. Att öppna den loggas med användningsändamålet.", "The document is restricted. Opening it is logged with its purpose of use.";
    PURPOSE_OF_USE = "Käyttötarkoitus", "Användningsändamål", "Purpose of use";
    DETAILS_E_G_THE_DIARY_NUMBER = "Tarkennus (esim. diaarinumero)", "Preciseringar (t.ex. diarienumret)", "Details (e.g. the diary number)";
    OPEN = "Avaa", "Öppna", "Open";
    CHOOSE_THE_PURPOSE_OF_USE_WITH = "Valitse käyttötarkoitus; jos valitset \"Muu\", kerro se tarkennuksessa (enintään 400 merkkiä).", "Välj användningsändamål; med \"Annat\", ange det i preciseringarna (högst 400 tecken).", "Choose the purpose of use; with \"Other\", say it in the details (at most 400 characters).";
    NO_INCIDENTS = "Ei poikkeamia.", "Inga incidenter.", "No incidents.";
    AWARE_AT = "Tietoon", "Upptäckt", "Aware at";
    BREACH = "Tietosuojaloukkaus", "Personuppgiftsincident", "Breach";
    NEXT_DEADLINE = "Seuraava määräaika", "Nästa tidsfrist", "Next deadline";
    YES = "kyllä", "ja", "yes";
    NO = "ei", "nej", "no";
    INCIDENTS = "Poikkeamat", "Incidenter", "Incidents";
    SKIP_TO_CONTENT = "Siirry sisältöön", "Gå till innehållet", "Skip to content";
    SEARCH = "Haku", "Sök", "Search";
    REQUESTS = "Tietopyynnöt", "Begäranden", "Requests";
    RETENTION = "Säilytys", "Förvaring", "Retention";
    SIGN_OUT = "Kirjaudu ulos", "Logga ut", "Sign out";
    ACCESSIBILITY_STATEMENT = "Saavutettavuusseloste", "Tillgänglighetsutlåtande", "Accessibility statement";
    KIRJURI_AIMS_TO_MEET_THE_ACT = "Kirjuri pyrkii täyttämään digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) ja WCAG 2.1 -ohjeiden AA-tason vaatimukset.", "Kirjuri strävar efter att uppfylla kraven i lagen om tillhandahållande av digitala tjänster (306/2019) och WCAG 2.1 på nivå AA.", "Kirjuri aims to meet the Act on the Provision of Digital Services (306/2019) and WCAG 2.1 level AA.";
    COMPLIANCE = "Vaatimustenmukaisuus", "Överensstämmelse", "Compliance";
    THE_SERVICE_PARTLY_MEETS_THE_REQUIREMENTS = "Palvelu täyttää vaatimukset osittain. Sivut on tarkistettu axe-core-työkalulla (ei havaittuja virheitä tarkistetuilla sivuilla) ja selaimessa näppäimistöllä.", "Tjänsten uppfyller kraven delvis. Sidorna granskas med axe-core (inga fel på de granskade sidorna) och med tangentbord i en webbläsare.", "The service partly meets the requirements. Pages are checked with axe-core (no violations found on the pages checked) and by keyboard in a browser.";
    KNOWN_GAPS = "Tunnetut puutteet", "Kända brister", "Known gaps";
    WIDE_TABLES_SCROLL_SIDEWAYS_ON_A = "Leveät taulukot vierivät kapealla näytöllä vaakasuunnassa.", "Breda tabeller rullar i sidled på en smal skärm.", "Wide tables scroll sideways on a narrow screen.";
    FEEDBACK = "Palaute", "Respons", "Feedback";
    FEEDBACK_ON_ACCESSIBILITY_GAPS_GOES_TO = "Saavutettavuuspuutteista voi antaa palautetta kaupungin kirjaamoon. Jos vastaukseen ei ole tyytyväinen, asiasta voi tehdä selvityspyynnön Etelä-Suomen aluehallintovirastoon (saavutettavuusvaatimukset.fi).", "Respons om brister i tillgängligheten ges till stadens registratorskontor. Om du inte är nöjd med svaret kan du kontakta Regionförvaltningsverket i Södra Finland (tillganglighetskrav.fi).", "Feedback on accessibility gaps goes to the city's registry office. If the answer does not satisfy you, you may contact the Regional State Administrative Agency for Southern Finland (saavutettavuusvaatimukset.fi).";
    CASES_IN_THE_REGISTRY = "Asioita rekisterissä: ", "Ärenden i registret: ", "Cases in the registry: ";
    SEARCH_DOCUMENTS = "Hae asiakirjoista", "Sök handlingar", "Search documents";
    SEARCH_2 = "Hae", "Sök", "Search";
    REQUEST_DEADLINES_NEXT_14_DAYS = "Tietopyyntöjen määräajat (14 päivää)", "Tidsfrister för begäranden (de närmaste 14 dagarna)", "Request deadlines (next 14 days)";
    OPEN_INCIDENTS = "Avoimet poikkeamat", "Öppna incidenter", "Open incidents";
    RETENTION_ENDED = "Säilytysaika päättynyt", "Förvaringstiden har gått ut", "Retention ended";
    RECORDS = "tallennetta", "handlingar", "records";
    OVERVIEW = "Yleiskatsaus", "Översikt", "Overview";
    NO_REQUESTS = "Ei pyyntöjä.", "Inga begäranden.", "No requests.";
    KIND = "Laji", "Typ", "Kind";
    RECEIVED = "Saapunut", "Inkommen", "Received";
    DUE = "Määräaika", "Tidsfrist", "Due";
    OVERDUE = "(myöhässä)", "(försenad)", "(overdue)";
    INFORMATION_REQUESTS = "Tietopyynnöt", "Informationsbegäranden", "Information requests";
    REGISTER_A_NEW_REQUEST = "Kirjaa uusi pyyntö", "Registrera en ny begäran", "Register a new request";
    RECEIVED_DATE = "Saapunut (päivä)", "Inkommen (datum)", "Received (date)";
    REQUESTER = "Pyytäjä", "Den som begär", "Requester";
    ANONYMOUS_PUBLICITY_ACT_REQUESTS_ONLY = "Nimetön (vain asiakirjapyyntö)", "Anonym (endast begäran om handlingar)", "Anonymous (Publicity Act requests only)";
    RECORDS_WHOSE_RETENTION_ENDED_TODAY_OR = "Tallenteet, joiden säilytysaika on päättynyt tänään tai aiemmin.", "Handlingar vars förvaringstid gick ut i dag eller tidigare.", "Records whose retention ended today or earlier.";
    NO_RECORD_S_RETENTION_HAS_ENDED = "Yhdenkään tallenteen säilytysaika ei ole päättynyt.", "Ingen handlings förvaringstid har gått ut.", "No record's retention has ended.";
    CLASS_2 = "Luokka", "Klass", "Class";
    ENDED = "Päättyi", "Gick ut", "Ended";
    LEGAL_HOLD = "Säilytysesto", "Rättsligt bevarande", "Legal hold";
    IN_PROPOSAL = "Esityksessä", "I förslag", "In proposal";
    PAPER = "(paperi)", "(papper)", "(paper)";
    RETENTION_AND_DISPOSAL = "Säilytys ja hävittäminen", "Förvaring och gallring", "Retention and disposal";
    E_G_SOPIMUS = "esim. sopimus", "t.ex. avtal", "e.g. sopimus";
    CLASS_E_G_07 = "luokka, esim. 07", "klass, t.ex. 07", "class, e.g. 07";
    HITS = "osumaa", "träffar", "hits";
    BY_CLASS = "Tehtäväluokittain: ", "Per klass: ", "By class: ";
    SEARCH_USES_THE_SNOWBALL_STEMMER_NO = "Haku käyttää Snowball-vartalonpoistoa (ei Voikkoa): ", "Sökningen använder Snowball-stammaren (ingen Voikko): ", "Search uses the Snowball stemmer (no Voikko): ";
    SIGN_IN = "Kirjaudu", "Logga in", "Sign in";
    SIGN_IN_WITH_THE_CITY_ACCOUNT = "Kirjaudu kaupungin tunnuksella", "Logga in med stadens konto", "Sign in with the city account";
    LOCAL_ACCOUNT_EMERGENCY_USE_ONLY = "Paikallinen tunnus (vain hätäkäyttöön)", "Lokalt konto (endast i nödfall)", "Local account (emergency use only)";
    LOCAL_ACCOUNT = "Paikallinen tunnus", "Lokalt konto", "Local account";
    USER_NAME = "Käyttäjätunnus", "Användarnamn", "User name";
    PASSWORD = "Salasana", "Lösenord", "Password";
    SIGNING_IN_WITH_A_LOCAL_ACCOUNT = "Kirjautuminen paikallisella tunnuksella on poissa käytöstä. Kirjaudu kaupungin tunnuksella.", "Inloggning med lokalt konto är avstängd. Logga in med stadens konto.", "Signing in with a local account is turned off. Sign in with the city account.";
    WRONG_USER_NAME_OR_PASSWORD = "Väärä käyttäjätunnus tai salasana.", "Fel användarnamn eller lösenord.", "Wrong user name or password.";
    SIGNED_IN = "Kirjauduttu", "Inloggad", "Signed in";
    CONTINUE_TO_KIRJURI = "Jatka Kirjuriin", "Fortsätt till Kirjuri", "Continue to Kirjuri";
    NO_ACCESS = "Ei käyttöoikeutta", "Ingen behörighet", "No access";
    YOU_SIGNED_IN_WITH_THE_CITY = "Kirjauduit kaupungin tunnuksella, mutta sinulla ei ole Kirjurin käyttöoikeutta: \
                 yksikään ryhmistäsi ei anna roolia Kirjurissa.", "Du loggade in med stadens konto men har ingen behörighet till Kirjuri: ingen av dina grupper ger en roll i Kirjuri.", "You signed in with the city account, but you have no access to Kirjuri: \
                 none of your groups gives a role in Kirjuri.";
    YOU_BELONG_TO_TOO_MANY_GROUPS = "Kuulut niin moneen ryhmään, ettei niitä voitu välittää Kirjurille. \
                     Pyydä pääkäyttäjää antamaan sinulle Kirjurin sovellusrooli.", "Du hör till för många grupper för att de ska nå Kirjuri. Be huvudanvändaren ge dig en applikationsroll i Kirjuri.", "You belong to too many groups for them to reach Kirjuri. \
                     Ask the administrator to give you a Kirjuri application role.";
    IF_YOU_NEED_ACCESS_ASK_YOUR = "Jos tarvitset pääsyn, pyydä esihenkilöäsi tai pääkäyttäjää lisäämään sinut oikeaan ryhmään. \
                 Viite: ", "Om du behöver behörighet, be din chef eller huvudanvändaren lägga till dig i rätt grupp. Referens: ", "If you need access, ask your manager or the administrator to add you to the right group. \
                 Reference: ";
    SIGN_IN_FAILED = "Kirjautuminen epäonnistui", "Inloggningen misslyckades", "Sign-in failed";
    SIGNING_IN_WITH_THE_CITY_ACCOUNT = "Kirjautuminen kaupungin tunnuksella ei onnistunut. Yritä uudelleen.", "Inloggningen med stadens konto lyckades inte. Försök igen.", "Signing in with the city account did not succeed. Please try again.";
    REFERENCE = "Viite: ", "Referens: ", "Reference: ";
    TO_THE_SIGN_IN_PAGE = "Kirjautumissivulle", "Till inloggningssidan", "To the sign-in page";
    SIGNED_OUT = "Kirjauduttu ulos", "Utloggad", "Signed out";
    YOU_HAVE_SIGNED_OUT_OF_KIRJURI = "Olet kirjautunut ulos Kirjurista.", "Du har loggat ut från Kirjuri.", "You have signed out of Kirjuri.";
    SIGN_OUT_OF_THE_CITY_ACCOUNT = "Kirjaudu ulos myös kaupungin tunnuksesta", "Logga ut också från stadens konto", "Sign out of the city account too";
    PURPOSE_HANDLING = "Asian käsittely", "Handläggning av ärendet", "Handling the case";
    PURPOSE_REQUEST = "Tietopyyntöön vastaaminen", "Svar på en informationsbegäran", "Answering an information request";
    PURPOSE_AUDIT = "Valvonta tai tarkastus", "Tillsyn eller granskning", "Supervision or audit";
    PURPOSE_ARCHIVING = "Arkistointi", "Arkivering", "Archiving";
    PURPOSE_OTHER = "Muu (kerro tarkenteessa)", "Annat (ange i preciseringarna)", "Other (say it in the details)";
    TOO_MANY_SIGN_INS = "Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen {} minuutin kuluttua.", "För många misslyckade inloggningar. Försök igen om {} minuter.", "Too many failed sign-ins. Try again in {} minutes.";
    DAYS_SHORT = "vrk", "d", "d";
    TIME_LEFT = "jäljellä {}", "{} kvar", "{} left";
    TIME_LATE = "myöhässä {}", "försenad med {}", "overdue by {}";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_three_languages() {
        for (name, words) in super::ALL {
            for text in [words.fi, words.sv, words.en] {
                assert!(!text.trim().is_empty(), "{name}");
            }
            assert_ne!(words.fi, words.sv, "{name}: the Swedish is the Finnish");
        }
    }
}
