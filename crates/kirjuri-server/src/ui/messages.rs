//! The UI's message catalogue: every label, heading, hint and message a page shows, Finnish
//! first, then Swedish and English (STYLE.md §9). Pages say `lang.t(m::CASES)`; the names of
//! the domain's closed vocabularies (states, kinds, roles) are in `words`. A unit test checks
//! every entry has all three languages.

use super::words::Words;

/// The catalogue macro of `kirjuri_words` (shared with the annual report), in scope for every
/// part below.
macro_rules! catalogue {
    ($($body:tt)*) => { kirjuri_words::catalogue! { $($body)* } };
}

/// The annual report's words (`kirjuri_words::report`), for the report page.
pub use kirjuri_words::report;

// The pages of each user group keep their words in a part of their own, all reached as `m::X`.
mod admin;
mod archivist;
mod calendar;
mod contracts;
mod disposal;
mod governance;
mod privacy;
mod publicity;
pub use admin::*;
pub use archivist::*;
pub use calendar::*;
pub use contracts::*;
pub use disposal::*;
pub use governance::*;
pub use privacy::*;
pub use publicity::*;

catalogue! {
    DIARY_NUMBER = "Diaarinumero", "Diarienummer", "Diary number";
    TITLE = "Otsikko", "Rubrik", "Title";
    STATE = "Tila", "Skede", "State";
    OPENED = "Avattu", "Inlett", "Opened";
    RESTRICTED = "(salassa pidettävä)", "(sekretessbelagt)", "(restricted)";
    CASES = "Asiat", "Ärenden", "Cases";
    THIS_CASE_IS_RESTRICTED_YOU_SEE = "Asia on salassa pidettävä: näet sen julkisen otsikon, et asianosaisia.", "Ärendet är sekretessbelagt: du ser dess offentliga rubrik, inte parterna.", "This case is restricted: you see its public title, not its parties.";
    DOCUMENTS = "Asiakirjat", "Handlingar", "Documents";
    RECORD_TYPE = "Asiakirjatyyppi", "Handlingstyp", "Record type";
    PUBLICITY = "Julkisuus", "Offentlighet", "Publicity";
    DATE = "Päiväys", "Datum", "Date";
    RESTRICTED_DOCUMENTS_ARE_NOT_SHOWN_TO = "Salassa pidettäviä asiakirjoja ei näytetä sinulle: käyttöoikeutesi (rooli, toimiala tai asian käyttöoikeusluettelo) ei kata tätä asiaa.", "Sekretessbelagda handlingar visas inte för dig: din behörighet (roll, sektor eller ärendets behörighetslista) omfattar inte detta ärende.", "Restricted documents are not shown to you: your access (role, department or the case's access list) does not cover this case.";
    DIRECTION = "Suunta", "Riktning", "Direction";
    REGISTER = "Kirjaa", "Registrera", "Register";
    ERASE_A_DOCUMENT_DATA_PROTECTION_REGISTERED = "Poista asiakirja (tietosuoja, virheellinen kirjaus)", "Radera en handling (dataskydd, felaktig registrering)", "Erase a document (data protection, registered by mistake)";
    THE_DOCUMENT_AND_ITS_CONTENT_ARE = "Asiakirja ja sen sisältö poistetaan heti; hävittämisrekisteriin jää merkintä ilman otsikkoa. Kirjoita perusteeksi päätös, ei henkilötietoja.", "Handlingen och dess innehåll raderas genast; i gallringsförteckningen blir en anteckning kvar utan rubrik. Ange beslutet som grund, inga personuppgifter.", "The document and its content are removed at once; the destruction list keeps an entry without the title. Give the decision as the reason, no personal data.";
    DOCUMENT = "Asiakirja", "Handling", "Document";
    REASON = "Peruste", "Grund", "Reason";
    ERASURE_REQUEST_OPTIONAL = "Poistopyyntö (valinnainen)", "Begäran om radering (valfri)", "Erasure request (optional)";
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
    INFORMATION_REQUESTS = "Tietopyynnöt", "Informationsbegäranden", "Information requests";
    REGISTER_A_NEW_REQUEST = "Kirjaa uusi pyyntö", "Registrera en ny begäran", "Register a new request";
    RECEIVED_DATE = "Saapunut (päivä)", "Inkommen (datum)", "Received (date)";
    REQUESTER = "Pyytäjä", "Sökande", "Requester";
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
    PROBLEM_OTHER = "Pyyntöä ei voitu käsitellä", "Begäran kunde inte behandlas", "The request could not be handled";
    PROBLEM_NOT_FOUND = "Tietoa ei löytynyt, tai sinulla ei ole siihen oikeutta.", "Uppgiften hittades inte, eller så har du ingen rätt till den.", "Not found, or you have no right to it.";
    PROBLEM_FORBIDDEN = "Roolisi ei salli tätä.", "Din roll tillåter inte detta.", "Your role does not allow this.";
    PROBLEM_OUTSIDE_DEPARTMENT = "Asia kuuluu toiselle toimialalle: voit kirjata vain oman toimialasi asioihin.", "Ärendet hör till en annan sektor: du kan registrera endast i din egen sektors ärenden.", "The case belongs to another department: you may write only in your own department's cases.";
    PROBLEM_NOT_ON_ACCESS_LIST = "Et ole asian käyttöoikeusluettelossa.", "Du finns inte på ärendets behörighetslista.", "You are not on the case's access list.";
    PROBLEM_CSRF = "Lomake on vanhentunut. Lataa sivu uudelleen ja lähetä lomake uudestaan.", "Formuläret har gått ut. Ladda om sidan och skicka formuläret på nytt.", "The form has expired. Reload the page and send the form again.";
    PROBLEM_UNAUTHORIZED = "Kirjaudu sisään.", "Logga in.", "Sign in.";
    PROBLEM_INVALID_TRANSITION = "Tähän tilaan ei voi siirtyä nykyisestä tilasta.", "Det går inte att byta till detta skede från det nuvarande.", "That state cannot follow the current one.";
    PROBLEM_CASE_CLOSED = "Asia on suljettu.", "Ärendet är avslutat.", "The case is closed.";
    PROBLEM_LEGAL_HOLD = "Asiakirjalla on lakisääteinen säilytysvelvoite (legal hold): sitä ei voi poistaa.", "Handlingen omfattas av rättsligt bevarande: den kan inte raderas.", "The record is under a legal hold: it cannot be erased.";
    PROBLEM_MISSING_TITLE = "Anna otsikko.", "Ange en rubrik.", "Give a title.";
    PROBLEM_UNKNOWN_CLASS = "Tehtäväluokkaa ei ole voimassa olevassa tiedonohjaussuunnitelmassa.", "Uppgiftsklassen finns inte i den gällande informationsstyrningsplanen.", "The class is not in the plan in force.";
    PROBLEM_CLASS_WITHOUT_PROCESS = "Valitse luokka, jolla on käsittelyprosessi (alin taso).", "Välj en klass som har en handläggningsprocess (lägsta nivån).", "Choose a class that has a process (the lowest level).";
    PROBLEM_RECORD_TYPE = "Valitse asiakirjatyyppi tämän asian prosessista.", "Välj en handlingstyp ur ärendets process.", "Choose a record type of this case's process.";
    PROBLEM_RECEIVED_IN_FUTURE = "Saapumispäivä ei voi olla tulevaisuudessa.", "Ankomstdagen kan inte vara i framtiden.", "The day received cannot be in the future.";
    PROBLEM_UNKNOWN_USER = "Käyttäjää ei ole.", "Användaren finns inte.", "No such user.";
    PROBLEM_REASON_REQUIRED = "Anna peruste.", "Ange en grund.", "Give a reason.";
    PROBLEM_TOO_LARGE = "Tiedosto tai lomake on liian suuri.", "Filen eller formuläret är för stort.", "The file or form is too large.";
    PROBLEM_TOO_MANY = "Liian monta yritystä. Yritä myöhemmin uudelleen.", "För många försök. Försök igen senare.", "Too many attempts. Try again later.";
    PROBLEM_INTERNAL = "Palvelussa tapahtui virhe. Yritä uudelleen; jos virhe toistuu, ota yhteys ylläpitoon.", "Ett fel inträffade i tjänsten. Försök igen; om felet upprepas, kontakta driften.", "The service failed. Try again; if it happens again, contact the administrators.";
    CHECK_THE_FORM = "Tarkista lomake", "Kontrollera formuläret", "Check the form";
    CODE = "koodi", "kod", "code";
    PAGE_NOT_FOUND = "Ei löytynyt", "Hittades inte", "Not found";
    PAGE_ERROR = "Virhe", "Fel", "Error";
    TO_THE_FRONT_PAGE = "Etusivulle", "Till startsidan", "To the front page";
    ALL = "Kaikki", "Alla", "All";
    ANONYMOUS = "Nimetön", "Anonym", "Anonymous";
    ANSWER_DUE = "Vastaus viimeistään", "Svar senast", "Answer due by";
    ASSIGNEE = "Käsittelijä", "Handläggare", "Assignee";
    ASSIGNEE_OPTIONAL = "Käsittelijä (valinnainen, käyttäjätunnus)", "Handläggare (valfri, användarnamn)", "Assignee (optional, user name)";
    BACK_TO_THE_CASE = "Takaisin asiaan", "Tillbaka till ärendet", "Back to the case";
    BY = "Tekijä", "Av", "By";
    CANCEL = "Peruuta", "Avbryt", "Cancel";
    CASE = "Asia", "Ärende", "Case";
    CASE_CARD = "Asiakortti (tulostettava)", "Ärendekort (för utskrift)", "Case card (printable)";
    CASE_MOVED = "Asian tila muutettu: {}", "Ärendets skede ändrat: {}", "The case's state changed: {}";
    CASE_OPENED = "Asia avattu: {}", "Ärendet inlett: {}", "Case opened: {}";
    CASE_REGISTER = "Asiarekisteri", "Ärenderegister", "Case register";
    CHANGE_THE_STATE = "Muuta tilaa", "Ändra skede", "Change the state";
    CHOOSE = "Valitse", "Välj", "Choose";
    CLASS_FROM_THE_PLAN = "Tehtäväluokka (tiedonohjaussuunnitelmasta)", "Uppgiftsklass (ur informationsstyrningsplanen)", "Class (from the information management plan)";
    CLASS_SEARCH_HINT = "Hae luokkaa nimellä tai koodilla", "Sök klass med namn eller kod", "Find a class by name or code";
    CLEAR_FILTERS = "Tyhjennä rajaukset", "Töm filtren", "Clear the filters";
    CLOCK_CANCELLED = "Peruttu riskinarvion perusteella", "Återkallad efter riskbedömning", "Cancelled by the risk assessment";
    CLOCK_MET = "Tehty ajallaan", "Gjort i tid", "Done";
    CLOCK_PAUSED = "(määräaika keskeytetty)", "(tidsfristen avbruten)", "(clock paused)";
    CLOCK_WAS_PAUSED = "Määräaika keskeytetty.", "Tidsfristen avbruten.", "The clock is paused.";
    CLOCK_WAS_RESUMED = "Määräaika jatkuu; määräpäivä siirtyi keskeytyksen päivillä.", "Tidsfristen löper igen; förfallodagen flyttades med de avbrutna dagarna.", "The clock runs again; the due day moved by the paused days.";
    CLOSED = "Suljettu", "Avslutat", "Closed";
    CONFIRM_ERASURE = "Vahvista poisto", "Bekräfta raderingen", "Confirm the erasure";
    CONTINUE = "Jatka", "Fortsätt", "Continue";
    DAYS_LATE = "myöhässä {} vrk", "försenad {} d", "{} days overdue";
    DEADLINE = "Määräaika", "Tidsfrist", "Deadline";
    DEADLINE_HISTORY = "Määräaikojen historia", "Tidsfristernas historik", "Deadline history";
    DECIDED = "Ratkaistu", "Avgjort", "Decided";
    DEPARTMENT = "Toimiala", "Sektor", "Department";
    DOCUMENTS_REGISTERED = "Asiakirjat kirjattu:", "Handlingarna registrerade:", "Documents registered:";
    DOCUMENT_ERASED = "Asiakirja poistettu: {}", "Handlingen raderad: {}", "Document erased: {}";
    DUE_TODAY = "(määräpäivä tänään)", "(förfaller i dag)", "(due today)";
    ERASE_DOCUMENT_NAMED = "Poista asiakirja {}", "Radera handlingen {}", "Erase document {}";
    ERASE_FOR_GOOD = "Poista pysyvästi", "Radera permanent", "Erase for good";
    ERASE_I_UNDERSTAND = "Ymmärrän, että asiakirja ja sen sisältö poistetaan pysyvästi.", "Jag förstår att handlingen och dess innehåll raderas permanent.", "I understand that the document and its content are erased for good.";
    ERASE_WARNING = "Olet poistamassa tämän asiakirjan pysyvästi:", "Du håller på att radera denna handling permanent:", "You are about to erase this document for good:";
    ERASURE_DECISION = "Päätös", "Beslut", "Decision";
    ERASURE_DECISION_HINT = "Päätös, johon poisto perustuu (esim. tietosuojavastaavan päätös 12/2026 tai GDPR 17 art.)", "Beslutet som raderingen grundar sig på (t.ex. dataskyddsombudets beslut 12/2026 eller GDPR art. 17)", "The decision the erasure rests on (e.g. the DPO's decision 12/2026 or GDPR Art 17)";
    EXTENSION = "Jatkettu määräaika", "Förlängd tidsfrist", "Extension";
    EXTENSION_JUSTIFICATION = "Jatkon peruste (julkisuuslaki 14 §)", "Grund för förlängningen (offentlighetslagen 14 §)", "Why the limit is extended (Publicity Act 14 §)";
    FILES = "Tiedostot", "Filer", "Files";
    FILES_HINT = "Valitse yksi tai useampi tiedosto, tai pudota ne tähän kenttään.", "Välj en eller flera filer, eller släpp dem i detta fält.", "Choose one or more files, or drop them on this field.";
    FILTER = "Rajaa", "Filtrera", "Filter";
    FILTER_CASES = "Rajaa asioita", "Filtrera ärenden", "Filter the cases";
    FIND_A_CLASS = "Hae tehtäväluokkaa", "Sök uppgiftsklass", "Find a class";
    FOR_AN_EXTENSION = "Määräajan jatkaminen", "Förlängning av tidsfristen", "For an extension";
    HANDLE_THE_REQUEST = "Käsittele pyyntöä", "Handlägg begäran", "Handle the request";
    HISTORY = "Historia", "Historik", "History";
    JUSTIFICATION_OTHER = "Muu vastaava syy (kerro perusteessa)", "Annat jämförbart skäl (ange i grunden)", "Another comparable reason (say it in the reason)";
    JUSTIFICATION_SPECIAL = "Salassa pidettäviä osia tai muuta erityistä käsittelyä", "Sekretessbelagda delar eller annan särskild behandling", "Secret parts or other special handling";
    JUSTIFICATION_VOLUME = "Suuri määrä asiakirjoja", "Ett stort antal handlingar", "A large number of documents";
    LEGAL_BASIS = "Oikeusperuste (esim. JulkL 24 § 1 mom 32 k; useampi pilkulla erotettuna)", "Rättslig grund (t.ex. OffL 24 § 1 mom. 32 p.; flera med kommatecken)", "Legal basis (e.g. GDPR 12(5); several separated by commas)";
    LEGAL_CLOCKS = "Lakisääteiset määräajat", "Lagstadgade tidsfrister", "Legal clocks";
    MOVED_DAY = "Siirtynyt määräpäivä", "Flyttad förfallodag", "Due day as moved";
    MOVED_DAY_HINT = "(lakisääteinen päivä osuu vapaapäivälle, joten määräaika siirtyy)", "(den lagstadgade dagen infaller på en helgdag, så tidsfristen flyttas)", "(the statutory day falls on a day off, so the deadline moves)";
    MOVE_THE_REQUEST = "Siirrä pyyntö seuraavaan vaiheeseen", "Flytta begäran till nästa skede", "Move the request on";
    NEW_CASE = "Uusi asia", "Nytt ärende", "New case";
    NEW_STATE = "Uusi tila", "Nytt skede", "New state";
    NEXT_PAGE = "Seuraava sivu", "Nästa sida", "Next page";
    NO_CASES_MATCH = "Rajauksia vastaavia asioita ei ole.", "Inga ärenden motsvarar filtren.", "No case matches the filters.";
    NO_CHANGES_YET = "Ei vielä muutoksia.", "Inga ändringar ännu.", "No changes yet.";
    NO_CLASS_MATCHES = "Haulla ei löytynyt tehtäväluokkaa. Kokeile toista hakusanaa.", "Sökningen hittade ingen uppgiftsklass. Pröva ett annat sökord.", "No class matches the search. Try another word.";
    NO_DOCUMENTS = "Asiassa ei ole sinulle näytettäviä asiakirjoja.", "Ärendet har inga handlingar som visas för dig.", "The case has no documents shown to you.";
    OPEN_A_NEW_CASE = "Avaa uusi asia", "Inled ett nytt ärende", "Open a new case";
    OPEN_THE_CASE = "Avaa asia", "Inled ärendet", "Open the case";
    PAGES = "Sivut", "Sidor", "Pages";
    PAGE_OF = "Sivu {} / {}", "Sida {} av {}", "Page {} of {}";
    PARTIES_2 = "Osapuolet", "Parter", "Parties";
    PARTIES_ONE_PER_LINE = "Osapuolet (yksi kullekin riville)", "Parter (en per rad)", "Parties (one per line)";
    PARTY = "Osapuoli (koko nimi)", "Part (hela namnet)", "Party (full name)";
    PAUSES = "Keskeytykset", "Avbrott", "Pauses";
    PAUSE_HINT = "Keskeytys on poikkeus (esim. odotetaan pyytäjän täsmennystä); se kirjataan lokiin.", "Ett avbrott är ett undantag (t.ex. i väntan på den begärandes precisering); det loggas.", "A pause is an exception (e.g. waiting for the requester's clarification); it is logged.";
    PAUSE_THE_CLOCK = "Keskeytä määräaika", "Avbryt tidsfristen", "Pause the clock";
    PREVIOUS_PAGE = "Edellinen sivu", "Föregående sida", "Previous page";
    PRINTED_ON = "Tulostettu {}", "Utskriven {}", "Printed on {}";
    PRINT_HINT = "Tulosta selaimen tulostustoiminnolla (Ctrl+P).", "Skriv ut med webbläsarens utskriftsfunktion (Ctrl+P).", "Print with the browser's print command (Ctrl+P).";
    PROBLEM_ANONYMOUS_WITH_NAME = "Anna joko nimi tai valitse nimetön, ei molempia.", "Ange antingen ett namn eller välj anonym, inte båda.", "Give either a name or choose anonymous, not both.";
    PROBLEM_BAD_CLASS_CODE = "Anna luokka muodossa 07 tai 07 00 03.", "Ange klassen i formen 07 eller 07 00 03.", "Give the class as 07 or 07 00 03.";
    PROBLEM_BAD_DATE = "Anna päivä muodossa pp.kk.vvvv.", "Ange dagen i formen dd.mm.åååå.", "Give the day as dd.mm.yyyy.";
    PROBLEM_BAD_YEAR = "Anna vuosi neljällä numerolla.", "Ange året med fyra siffror.", "Give the year in four digits.";
    PROBLEM_CHOOSE_A_CLASS = "Valitse tehtäväluokka.", "Välj en uppgiftsklass.", "Choose a class.";
    PROBLEM_CHOOSE_A_KIND = "Valitse pyynnön laji.", "Välj typ av begäran.", "Choose the kind of request.";
    PROBLEM_CONTACT_REQUIRED = "Anna yhteystieto, johon vastaus lähetetään.", "Ange en kontaktuppgift dit svaret skickas.", "Give contact details for the answer.";
    PROBLEM_DECISION_REQUIRED = "Kerro päätös, johon poisto perustuu.", "Ange beslutet som raderingen grundar sig på.", "Give the decision the erasure rests on.";
    PROBLEM_DESCRIPTION = "Kerro, mitä asiakirjoja tai tietoja pyydät.", "Beskriv vilka handlingar eller uppgifter du begär.", "Say which documents or data you ask for.";
    PROBLEM_DESCRIPTION_TOO_LONG = "Kuvaus on liian pitkä (enintään 4000 merkkiä).", "Beskrivningen är för lång (högst 4000 tecken).", "The description is too long (at most 4000 characters).";
    PROBLEM_GDPR_NOT_ANONYMOUS = "Tietosuojapyyntöä ei voi tehdä nimettömänä: henkilöllisyytesi ratkaisee, mitä tietoja sinulle voidaan antaa.", "En dataskyddsbegäran kan inte göras anonymt: din identitet avgör vilka uppgifter du kan få.", "A data-protection request cannot be anonymous: your identity decides what can be given to you.";
    PROBLEM_NAME_OR_ANONYMOUS = "Anna nimesi tai valitse nimetön.", "Ange ditt namn eller välj anonym.", "Give your name or choose anonymous.";
    PROBLEM_NAME_REQUIRED = "Anna nimesi.", "Ange ditt namn.", "Give your name.";
    PROBLEM_NOT_CONFIRMED = "Vahvista, että ymmärrät poiston olevan pysyvä.", "Bekräfta att du förstår att raderingen är permanent.", "Confirm that you understand the erasure is for good.";
    PROBLEM_NO_FILE = "Valitse ainakin yksi tiedosto.", "Välj minst en fil.", "Choose at least one file.";
    PROBLEM_TOO_LONG_FIELD = "Kenttä on liian pitkä (enintään 200 merkkiä).", "Fältet är för långt (högst 200 tecken).", "The field is too long (at most 200 characters).";
    PUBLIC_DESCRIPTION = "Mitä pyydät?", "Vad begär du?", "What do you ask for?";
    PUBLIC_DESCRIPTION_HINT = "Yksilöi asiakirjat tai tiedot niin tarkasti kuin voit (esim. asia, päivämäärä, toimiala).", "Specificera handlingarna eller uppgifterna så noggrant du kan (t.ex. ärende, datum, sektor).", "Identify the documents or data as closely as you can (e.g. the matter, a date, the department).";
    PUBLIC_INTRO = "Tällä lomakkeella voit pyytää kaupungin asiakirjoja (julkisuuslaki) tai käyttää tietosuojaoikeuksiasi (EU:n tietosuoja-asetus). Pyyntö kirjataan heti ja saat kuitin, jossa on asian diaarinumero ja vastauksen määräpäivä.", "Med detta formulär kan du begära stadens handlingar (offentlighetslagen) eller utöva dina rättigheter enligt dataskyddsförordningen. Begäran registreras genast och du får ett kvitto med ärendets diarienummer och svarets förfallodag.", "With this form you can ask for the city's documents (Publicity Act) or use your data-protection rights (GDPR). The request is registered at once and you get a receipt with its diary number and the day the answer is due.";
    PUBLIC_KEEP_RECEIPT = "Tallenna tai tulosta tämä kuitti (selaimen tulostustoiminto, Ctrl+P). Mainitse diaarinumero, jos otat yhteyttä kirjaamoon.", "Spara eller skriv ut detta kvitto (webbläsarens utskriftsfunktion, Ctrl+P). Nämn diarienumret om du kontaktar registratorskontoret.", "Save or print this receipt (the browser's print command, Ctrl+P). Give the diary number if you contact the registry office.";
    PUBLIC_NEXT_GDPR = "Kirjaamo tarkistaa henkilöllisyytesi ennen kuin tietoja luovutetaan, ja ottaa sinuun yhteyttä antamiesi yhteystietojen kautta.", "Registratorskontoret kontrollerar din identitet innan uppgifter lämnas ut och kontaktar dig via de kontaktuppgifter du gav.", "The registry office checks your identity before any data is given and contacts you through the details you gave.";
    PUBLIC_NEXT_PUBLICITY = "Kirjaamo käsittelee pyynnön. Julkiset asiakirjat annetaan viimeistään määräpäivänä; jos pyyntöä ei voida täyttää, saat tiedon oikeudestasi saada asiasta valituskelpoinen päätös.", "Registratorskontoret behandlar begäran. Offentliga handlingar lämnas ut senast på förfallodagen; om begäran inte kan uppfyllas får du veta din rätt till ett överklagbart beslut.", "The registry office handles the request. Public documents are given by the due day; if the request cannot be met, you are told of your right to a decision you can appeal.";
    PUBLIC_PRIVACY_NOTE = "Antamiasi tietoja käytetään vain pyyntösi käsittelyyn; ne säilytetään tiedonohjaussuunnitelman mukaisesti.", "Uppgifterna du lämnar används endast för att behandla din begäran; de bevaras enligt informationsstyrningsplanen.", "What you give is used only to handle your request; it is kept as the information management plan says.";
    PUBLIC_RECEIVED = "Pyyntösi on vastaanotettu ja kirjattu.", "Din begäran har tagits emot och registrerats.", "Your request has been received and registered.";
    PUBLIC_TITLE = "Julkinen otsikko", "Offentlig rubrik", "Public title";
    PUBLIC_TITLE_HINT = "Näytetään diaarissa niille, joilla ei ole oikeutta salassa pidettävään asiaan (valinnainen).", "Visas i diariet för dem som inte har rätt till ett sekretessbelagt ärende (valfri).", "Shown in the diary to those without the right to a restricted case (optional).";
    PUBLIC_TITLE_PAGE = "Tietopyyntö kaupungille", "Informationsbegäran till staden", "Request information from the city";
    QUEUE_ALL = "Kaikki avoimet", "Alla öppna", "All open";
    QUEUE_MINE = "Omat", "Mina", "Mine";
    QUEUE_OVERDUE = "Myöhässä", "Försenade", "Overdue";
    QUEUE_TODAY = "Määräpäivä tänään", "Förfaller i dag", "Due today";
    QUEUE_WEEK = "Tällä viikolla", "Inom en vecka", "This week";
    REASON_OPTIONAL = "Peruste (valinnainen)", "Grund (valfri)", "Reason (optional)";
    RECEIPT = "Kuitti", "Kvitto", "Receipt";
    REGISTER_DOCUMENTS = "Kirjaa asiakirjoja", "Registrera handlingar", "Register documents";
    REQUEST = "Pyyntö", "Begäran", "Request";
    REQUEST_DEADLINES = "Lakisääteinen määräpäivä {}, siirtynyt määräpäivä {}.", "Lagstadgad förfallodag {}, flyttad förfallodag {}.", "Statutory day {}, moved day {}.";
    REQUEST_MOVED = "Pyyntö siirretty vaiheeseen: {}", "Begäran flyttad till skedet: {}", "The request moved to: {}";
    REQUEST_REGISTERED = "Pyyntö kirjattu: {}", "Begäran registrerad: {}", "Request registered: {}";
    RESUME_HINT = "Määräpäivä siirtyy keskeytyksen päivillä.", "Förfallodagen flyttas med de avbrutna dagarna.", "The due day moves by the paused days.";
    RESUME_THE_CLOCK = "Päätä keskeytys", "Avsluta avbrottet", "End the pause";
    SEND_ANOTHER = "Tee uusi pyyntö", "Gör en ny begäran", "Send another request";
    SEND_THE_REQUEST = "Lähetä pyyntö", "Skicka begäran", "Send the request";
    SHOWING_CASES = "Näytetään {}–{} / {} asiaa", "Visar {}–{} av {} ärenden", "Showing {}–{} of {} cases";
    SITUATION = "Tilanne", "Läge", "Situation";
    SORT = "Järjestys", "Sortering", "Sort";
    SORT_NEWEST = "Uusin ensin", "Nyaste först", "Newest first";
    SORT_OLDEST = "Vanhin ensin", "Äldsta först", "Oldest first";
    SORT_TITLE = "Otsikon mukaan", "Efter rubrik", "By title";
    STATUTORY_DAY = "Lakisääteinen määräpäivä", "Lagstadgad förfallodag", "Statutory due day";
    THE_INCIDENT = "Poikkeama", "Incidenten", "The incident";
    THE_REQUEST = "Tietopyyntö", "Informationsbegäran", "The request";
    TOLD_ON = "pyytäjälle ilmoitettu {}", "meddelat den begärande {}", "requester told on {}";
    TOLD_REQUESTER_ON = "Pyytäjälle ilmoitettu (päivä)", "Den begärande meddelad (datum)", "Requester told on (date)";
    TRANSITION_REASON_HINT = "Pakollinen kieltäytyessä ja määräaikaa jatkettaessa.", "Obligatorisk vid avslag och förlängning.", "Needed for a refusal and an extension.";
    UNKNOWN = "Tuntematon", "Okänd", "Unknown";
    UPLOAD_TITLE_HINT = "Jos jätät tyhjäksi, otsikoksi tulee tiedoston nimi. Useammalle tiedostolle otsikko on yhteinen alku.", "Lämnar du fältet tomt blir filens namn rubriken. För flera filer är rubriken en gemensam början.", "Left empty, the file's name is the title. For several files, the title is their common beginning.";
    WHAT_DO_YOU_ASK = "Pyynnön laji", "Typ av begäran", "Kind of request";
    WHEN = "Aika", "Tid", "When";
    WHO_ASKS = "Pyytäjä", "Den som begär", "Who asks";
    WHO_ASKS_HINT = "Asiakirjoja voi pyytää nimettömänä. Tietosuojapyynnössä tarvitaan nimi ja yhteystieto.", "Handlingar kan begäras anonymt. En dataskyddsbegäran kräver namn och kontaktuppgift.", "Documents may be asked for anonymously. A data-protection request needs a name and contact details.";
    WORK_QUEUE = "Työjono", "Arbetskö", "Work queue";
    YEAR = "Vuosi", "År", "Year";
    YOUR_CONTACT = "Yhteystieto", "Kontaktuppgift", "Contact details";
    YOUR_CONTACT_HINT = "Sähköposti, puhelin tai postiosoite, johon vastaus toimitetaan.", "E-post, telefon eller postadress dit svaret skickas.", "E-mail, phone or postal address for the answer.";
    YOUR_NAME = "Nimi", "Namn", "Name";
    DEADLINE_ON_RECEIPT = "Asetettu saapumisen perusteella", "Satt utifrån ankomsten", "Set on receipt";
    DEADLINE_EXTENDED = "Jatkettu: {}", "Förlängd: {}", "Extended: {}";
    DEADLINE_EXTENDED_PAUSED = "Jatkettu: {}; lisäksi {} keskeytyspäivää", "Förlängd: {}; därtill {} avbrottsdagar", "Extended: {}; plus {} paused days";
    DEADLINE_PAUSED = "Keskeytetty {} vrk: {}", "Avbruten {} d: {}", "Paused {} days: {}";
    GAP_PART_TWO = "Tiedonohjaussuunnitelman tuonnin havainnot ja arkistopaketin tarkistuksen ongelmat näytetään englanniksi (merkitty kieleltään englanniksi).", "Fynden vid import av informationsstyrningsplanen och problemen vid kontroll av arkivpaket visas på engelska (märkta som engelska).", "The findings of a plan import and the problems of a package check are shown in English (marked as English).";
    SEARCH_WORDS = "Hakusanat", "Sökord", "Search words";
    PROBLEM_BAD_CHARACTERS = "Kentässä on merkkejä, joita ei voi tallentaa (ohjausmerkit tai rivinvaihdot).", "Fältet innehåller tecken som inte kan sparas (styrtecken eller radbrytningar).", "The field has characters that cannot be stored (control characters or line breaks).";
    PROBLEM_REQUESTER = "Anna pyytäjän nimi, tai merkitse asiakirjapyyntö nimettömäksi (ei molempia). Tietosuojapyyntö ei voi olla nimetön.", "Ange den sökandes namn, eller markera en begäran om handlingar som anonym (inte båda). En dataskyddsbegäran kan inte vara anonym.", "Give the requester's name, or mark a request for documents anonymous (not both). A data-protection request cannot be anonymous.";
    PROBLEM_LEGAL_BASIS = "Anna oikeusperuste (esim. JulkL 24 § 1 mom 32 k tai GDPR 12(5)).", "Ange den rättsliga grunden (t.ex. OffL 24 § 1 mom. 32 p. eller GDPR 12.5).", "Give the legal basis (e.g. GDPR 12(5)).";
    PROBLEM_JUSTIFICATION = "Valitse jatkon peruste (julkisuuslaki 14 §).", "Välj grunden för förlängningen (offentlighetslagen 14 §).", "Choose why the limit is extended (Publicity Act 14 §).";
    PROBLEM_EXTENSION_TOO_LATE = "Jatkosta on kerrottava pyytäjälle kuukauden kuluessa pyynnön saapumisesta (GDPR 12 art. 3 kohta).", "Den sökande ska underrättas om förlängningen inom en månad från att begäran kom in (GDPR art. 12.3).", "The requester must be told of an extension within a month of the request (GDPR 12(3)).";
    PROBLEM_TOO_LONG = "Teksti on liian pitkä.", "Texten är för lång.", "The text is too long.";
    PROBLEM_TOO_MANY_ITEMS = "Liian monta kohtaa kerralla.", "För många på en gång.", "Too many at once.";
    PROBLEM_PERMANENT = "Asiakirja säilytetään pysyvästi: sitä ei voi poistaa.", "Handlingen bevaras permanent: den kan inte raderas.", "The record is kept permanently: it cannot be erased.";
    PROBLEM_IN_DISPOSAL = "Asiakirja on avoimessa hävittämisehdotuksessa: sitä ei voi nyt poistaa.", "Handlingen ingår i ett öppet gallringsförslag: den kan inte raderas nu.", "The record is in an open disposal proposal: it cannot be erased now.";
    PROBLEM_PAPER = "Paperiasiakirjalla ei ole sähköistä sisältöä.", "En pappershandling har inget elektroniskt innehåll.", "A paper record has no electronic content.";
    PROBLEM_WRONG_REQUEST = "Poiston perusteeksi käy vain tämän rekisteröidyn poistopyyntö.", "Endast den registrerades begäran om radering duger som grund för raderingen.", "Only the data subject's erasure request can be the ground of an erasure.";
    PROBLEM_BAD_ADDRESS = "Osoitteessa tai lomakkeessa on jotain, mitä palvelu ei ymmärrä.", "Adressen eller formuläret innehåller något som tjänsten inte förstår.", "The address or the form has something the service does not understand.";
    AUTHORITY = "Viranomainen", "Myndighet", "Authority";
    CASE_CARD_TITLE = "Asiakortti", "Ärendekort", "Case card";
    DOCUMENT_DATE = "Saapumis- tai lähetyspäivä", "Ankomst- eller avsändningsdag", "Day received or sent";
    DOCUMENT_DATE_HINT = "Tyhjänä tämä päivä.", "Tom: i dag.", "Empty: today.";
    SENDER_OR_RECIPIENT = "Lähettäjä tai vastaanottaja (valinnainen)", "Avsändare eller mottagare (valfri)", "Sender or recipient (optional)";
    PROBLEM_BAD_DOCUMENT_DATE = "Anna päivä muodossa pp.kk.vvvv; se ei voi olla tulevaisuudessa.", "Ange dagen i formen dd.mm.åååå; den kan inte vara i framtiden.", "Give the day as dd.mm.yyyy; it cannot be in the future.";
    PROBLEM_SECRECY_DATE_IN_FUTURE = "Päivä ei voi olla tulevaisuudessa.", "Dagen kan inte vara i framtiden.", "The day cannot be in the future.";
    PROBLEM_DEATH_BEFORE_DOCUMENT = "Kuolinpäivä ei voi olla ennen asiakirjan päivämäärää.", "Dödsdagen kan inte vara före handlingens datum.", "The day of death cannot be before the document's date.";
    SECRECY_ENDS = "Salassapito päättyy", "Sekretessen upphör", "Secrecy ends";
    SECRECY_NOT_SECRET = "Ei salassapitoa", "Ingen sekretess", "No secrecy";
    SECRECY_RULE_FROM_START = "{} vuotta ({}: {})", "{} år ({}: {})", "{} years ({}: {})";
    SECRECY_RULE_AFTER_DEATH = "{} vuotta kuolemasta {}", "{} år efter dödsfallet {}", "{} years after death {}";
    SECRECY_RULE_DEATH_UNKNOWN = "{} vuotta asiakirjan päivämäärästä, kuolinpäivä ei tiedossa", "{} år från handlingens datum, dödsdagen är inte känd", "{} years from the document date, death not known";
    SECRECY_RULE_AWAITING = "{} vuotta tapahtumasta, jota ei ole vielä kirjattu: {}", "{} år från en händelse som inte har registrerats ännu: {}", "{} years from an event not recorded yet: {}";
    SECRECY_EVENTS = "Salassapidon alkamispäivät", "Dagar som sekretessen räknas från", "Days secrecy runs from";
    SECRECY_EVENTS_HINT = "Henkilön kuolinpäivä: yksityiselämän suojaamiseksi salassa pidettävä asiakirja on salassa 50 vuotta kuolemasta, tai 100 vuotta, jos kuolinpäivä ei ole tiedossa (JulkL 31 § 2 mom.). Tyhjä kenttä poistaa merkinnän.", "Personens dödsdag: en handling som är sekretessbelagd för att skydda privatlivet är sekretessbelagd 50 år efter dödsfallet, eller 100 år om dödsdagen inte är känd (OffentlighetsL 31 § 2 mom.). Ett tomt fält tar bort uppgiften.", "Day of death of the person: a document kept secret to protect private life stays secret 50 years after the death, or 100 years when the death is not known (Publicity Act s. 31(2)). An empty field removes the entry.";
    SUBJECT_DIED_ON = "Henkilön kuolinpäivä", "Personens dödsdag", "Day of death of the person";
    RELATIONSHIP_ENDED_ON = "Asiakas- tai palvelussuhde päättyi", "Kund- eller anställningsförhållandet upphörde", "Client or employment relationship ended";
    SAVE_THE_DAYS = "Tallenna päivät", "Spara dagarna", "Save the days";
    SECRECY_EVENTS_SAVED = "Asiakirjan {} salassapidon päivät tallennettu.", "Sekretessdagarna för handlingen {} har sparats.", "The secrecy days of document {} were saved.";
    AUDIT_TRAIL = "Loki", "Logg", "Audit trail";
    AUDIT_FILTER = "Rajaa lokimerkintöjä", "Filtrera loggposter", "Filter the entries";
    AUDIT_PERSON = "Henkilö (käyttäjätunnus)", "Person (användarnamn)", "Person (user name)";
    AUDIT_RECORD = "Tietue (esim. doc-7)", "Post (t.ex. doc-7)", "Record (e.g. doc-7)";
    AUDIT_ACTION = "Toimenpide (tunnus, esim. case.read)", "Åtgärd (kod, t.ex. case.read)", "Action (its code, e.g. case.read)";
    AUDIT_FROM = "Alkaen (päivä)", "Från (dag)", "From (day)";
    AUDIT_TO = "Päättyen (päivä)", "Till (dag)", "To (day)";
    AUDIT_VERIFY = "Tarkista lokiketjun eheys", "Kontrollera loggkedjans integritet", "Verify the chain";
    AUDIT_CHAIN_OK = "Lokiketju on eheä: {} merkintää.", "Loggkedjan är intakt: {} poster.", "The chain is intact: {} entries.";
    AUDIT_CHAIN_BROKEN = "Lokiketju katkeaa merkinnässä {}", "Loggkedjan bryts vid post {}", "The chain breaks at entry {}";
    AUDIT_SHOWN = "Näytetään {} uusinta (enintään {}).", "Visar de {} senaste (högst {}).", "Showing the newest {} (at most {}).";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_three_languages() {
        let parts = [
            super::EVERY_ENTRY,
            super::admin::EVERY_ENTRY,
            super::archivist::EVERY_ENTRY,
            super::disposal::EVERY_ENTRY,
            super::governance::EVERY_ENTRY,
            super::privacy::EVERY_ENTRY,
            super::publicity::EVERY_ENTRY,
        ];
        let problems = kirjuri_words::incomplete(&parts);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
