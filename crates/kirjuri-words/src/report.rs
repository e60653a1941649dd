//! Every label of the annual data-governance report (tietotilinpäätös, DOMAIN.md §9): the
//! cover, contents and summary, the chapter titles, each figure's name, the vocabularies the
//! figures are split by (severity, risk, breach type, request kind) and the charts. The
//! report crate renders HTML and PDF with these; the report page of the web UI shows the same
//! names.
//!
//! A label with `{}` is filled in by the caller (`fill`), in order.

use crate::{Lang, Words, catalogue};

catalogue! {
    TITLE = "Tietotilinpäätös", "Informationsbokslut", "Data-governance report";
    TITLE_YEAR = "Tietotilinpäätös {}", "Informationsbokslut {}", "Data-governance report {}";
    SUBTITLE = "Tiedonhallinnan ja tietosuojan vuosiraportti kaupunginhallitukselle ja valtuustolle", "Årsrapport om informationshantering och dataskydd till stadsstyrelsen och fullmäktige", "Annual report on information management and data protection to the city board and council";
    REPORT_YEAR = "Raportointivuosi", "Rapportår", "Report year";
    COMPUTED_ON = "Laadittu", "Upprättad", "Compiled";
    STATUS = "Tila", "Status", "Status";
    STATUS_DRAFT = "Luonnos (ei hyväksytty)", "Utkast (inte godkänt)", "Draft (not approved)";
    CONTENTS = "Sisällys", "Innehåll", "Contents";
    SUMMARY = "Keskeiset tunnusluvut", "Viktiga nyckeltal", "Key figures";
    SUMMARY_INTRO = "Vuoden keskeiset luvut ja niiden muutos edellisestä vuodesta. Viiva (—) tarkoittaa, ettei lukua ole: edellisenä vuonna ei ollut tietoja tai lukua ei voi laskea.", "Årets viktigaste siffror och deras förändring från föregående år. Ett streck (—) betyder att siffran saknas: det fanns inga uppgifter föregående år eller siffran kan inte beräknas.", "The year's key figures and their change from the previous year. A dash (—) means there is no figure: the previous year had no data, or the figure cannot be computed.";
    FIGURE = "Tunnusluku", "Nyckeltal", "Figure";
    CHANGE = "Muutos", "Förändring", "Change";
    PAGE = "Sivu {}", "Sida {}", "Page {}";
    PAGE_OF = "Sivu {} / {}", "Sida {} av {}", "Page {} of {}";
    CHARTS = "Kaaviot", "Diagram", "Charts";
    ASSESSMENT = "Arvio ja kehittämiskohteet", "Bedömning och utvecklingsområden", "Assessment and development targets";
    NOT_WRITTEN = "(arviota ei ole vielä kirjoitettu)", "(ingen bedömning har skrivits ännu)", "(not written yet)";
    NO_DATA = "ei tietoja", "inga uppgifter", "no data";
    NOTE_NO_HISTORY = "selosteesta ei säily aiempien vuosien historiaa; luku on tämän päivän", "registret över behandling sparar ingen historik från tidigare år; siffran är dagens", "the register of processing keeps no history of earlier years; the figure is today's";
    NOTE_NO_DECISIONS_WITH_CLOCK = "vuonna ei ratkaistu yhtään määräaikaista pyyntöä", "ingen begäran med lagstadgad tidsfrist avgjordes under året", "no request with a legal clock was decided in the year";
    NOTE_NONE_DECIDED = "vuonna ei ratkaistu yhtään pyyntöä", "ingen begäran avgjordes under året", "no request was decided in the year";

    // Chapters (the Data Protection Ombudsman's guide, DOMAIN.md §9.1).
    // Numbered as in the guide, so the contents and the headings read as the guide does.
    CH_SCOPE = "3.1 Tietotilinpäätöksen kattavuus", "3.1 Informationsbokslutets omfattning", "3.1 Scope of the report";
    CH_RESOURCES = "3.2 Tietovarannot", "3.2 Informationstillgångar", "3.2 Information resources";
    CH_PROCEDURES = "3.3 Käsittelyn menettelytavat ja periaatteet", "3.3 Förfaranden och principer för behandlingen", "3.3 Processing procedures and principles";
    CH_SECURITY = "3.4 Tietoturvallisuus ja poikkeamat", "3.4 Informationssäkerhet och incidenter", "3.4 Security and incidents";
    CH_MONITORING = "3.5 Käsittelyn seuranta ja valvonta", "3.5 Uppföljning och tillsyn av behandlingen", "3.5 Monitoring and supervision of processing";
    CH_RIGHTS = "3.6 Rekisteröityjen oikeuksien toteutuminen", "3.6 Tillgodoseende av de registrerades rättigheter", "3.6 Data subjects' rights";
    CH_RECORDS = "3.7 Asiakirjahallinto", "3.7 Dokumentförvaltning", "3.7 Records management";
    CH_DEVELOPMENT = "4 Arvio ja kehittämiskohteet", "4 Bedömning och utvecklingsområden", "4 Assessment and development targets";

    // A chapter with neither figures nor an assessment says so, and how to write one.
    EMPTY_CHAPTER = "Ei lukuja eikä arviota — kirjoita arvio: kirjuri report-text --year {} --chapter {} --text \"…\"", "Inga siffror och ingen bedömning — skriv en bedömning: kirjuri report-text --year {} --chapter {} --text \"…\"", "No figures and no assessment — write one: kirjuri report-text --year {} --chapter {} --text \"…\"";

    // The cover's approval status (DOMAIN.md §9.1: the approved report is an immutable snapshot).
    STATUS_APPROVED = "Hyväksytty: {} {} {}", "Godkänt: {} {} {}", "Approved: {} {} {}";

    // 3.1 Scope.
    F_SCOPE_REGISTERS = "Mukana olevat rekisterit", "Register som ingår", "Registers included";
    F_SCOPE_SYSTEMS = "Mukana olevat tietojärjestelmät", "Informationssystem som ingår", "Information systems included";
    F_SCOPE_DEPARTMENTS = "Mukana olevat toimialat", "Sektorer som ingår", "Departments included";
    T_SCOPE_FACTS = "Tietotilinpäätöksen rajaus", "Informationsbokslutets avgränsning", "What the report covers";
    T_SCOPE_REGISTERS = "Mukana olevat rekisterit (käsittelytoimien seloste, aktiiviset)", "Register som ingår (registret över behandling, aktiva)", "Registers included (register of processing, active)";
    T_SCOPE_SYSTEMS = "Mukana olevat tietojärjestelmät", "Informationssystem som ingår", "Information systems included";
    T_SCOPE_DEPARTMENTS = "Toimialat ja niiden rekisterit", "Sektorer och deras register", "Departments and their registers";
    T_NO_REGISTERS = "Selosteessa ei ole aktiivisia rekistereitä.", "Registret över behandling har inga aktiva register.", "The register of processing has no active registers.";
    T_NO_SYSTEMS = "Rekistereihin ei ole kirjattu tietojärjestelmiä.", "Inga informationssystem har antecknats för registren.", "No information system is recorded for the registers.";
    COL_ITEM = "Kohta", "Punkt", "Item";
    COL_VALUE = "Tieto", "Uppgift", "Value";
    COL_REGISTER = "Rekisteri", "Register", "Register";
    COL_DEPARTMENT = "Toimiala", "Sektor", "Department";
    COL_SYSTEMS = "Tietojärjestelmät", "Informationssystem", "Information systems";
    COL_SYSTEM = "Tietojärjestelmä", "Informationssystem", "Information system";
    COL_REGISTERS = "Rekistereitä", "Register", "Registers";
    SCOPE_ORGANISATION = "Organisaatio", "Organisation", "Organisation";
    SCOPE_PERIOD = "Tarkastelujakso", "Period", "Period";
    SCOPE_CUT_OFF = "Tiedot poimittu", "Uppgifterna hämtade", "Data taken";
    SCOPE_PLAN = "Tiedonhallintasuunnitelma (voimassa vuoden lopussa)", "Informationshanteringsplan (gällande vid årets slut)", "Information-management plan (in force at year end)";
    SCOPE_PLAN_VERSION = "{}, versio {}", "{}, version {}", "{}, version {}";
    SCOPE_NO_PLAN = "ei hyväksyttyä versiota voimassa", "ingen godkänd version gäller", "no approved version in force";

    // 4 Assessment and development targets.
    F_TARGETS = "Vuoden kehittämiskohteet", "Årets utvecklingsområden", "Development targets of the year";
    F_TARGETS_FOLLOWED_DONE = "Edellisen vuoden kohteista toteutettu", "Av föregående års mål genomförda", "Previous year's targets done";
    F_OBSERVATIONS = "Lukujen osoittamat havainnot", "Iakttagelser som siffrorna visar", "Observations the figures show";
    T_OBSERVATIONS = "Havainnot luvuista", "Iakttagelser ur siffrorna", "Observations from the figures";
    T_NO_OBSERVATIONS = "Luvuista ei noussut havaintoja.", "Siffrorna visade inga iakttagelser.", "The figures showed nothing to observe.";
    T_TARGETS = "Kehittämiskohteet {}", "Utvecklingsområden {}", "Development targets {}";
    T_FOLLOW_UP = "Edellisen vuoden ({}) kehittämiskohteiden seuranta", "Uppföljning av föregående års ({}) utvecklingsområden", "Follow-up of the previous year's ({}) targets";
    T_NO_TARGETS = "Kehittämiskohteita ei ole kirjattu.", "Inga utvecklingsområden har antecknats.", "No development targets are recorded.";
    COL_CHAPTER = "Luku", "Kapitel", "Chapter";
    COL_OBSERVATION = "Havainto", "Iakttagelse", "Observation";
    COL_NUMBER = "Määrä", "Antal", "Number";
    COL_TARGET = "Kehittämiskohde", "Utvecklingsområde", "Target";
    COL_OWNER = "Vastuutaho", "Ansvarig", "Owner";
    COL_DUE = "Tavoitevuosi", "Målår", "Due year";
    COL_STATUS = "Tila", "Status", "Status";
    COL_FOLLOW_UP = "Seuranta", "Uppföljning", "Follow-up";
    TARGET_PLANNED = "suunniteltu", "planerat", "planned";
    TARGET_IN_PROGRESS = "käynnissä", "pågår", "in progress";
    TARGET_DONE = "toteutettu", "genomfört", "done";
    TARGET_DROPPED = "luovuttu", "slopat", "dropped";

    // 3.2 Information resources.
    F_REGISTERS = "Henkilötietoja sisältävät rekisterit", "Register med personuppgifter", "Registers of personal data (Art 30)";
    F_REGISTERS_SPECIAL = "– joissa erityisiä henkilötietoryhmiä", "– med särskilda kategorier av personuppgifter", "– with special categories (Art 9/10)";
    F_REGISTERS_INCOMPLETE = "– joista puuttuu 30 artiklan tietoja", "– där uppgifter enligt art. 30 saknas", "– missing Art 30(1) fields";
    F_INFORMATION_SYSTEMS = "Tietojärjestelmät", "Informationssystem", "Information systems";
    F_REGISTERS_CLASS = "– tehtäväluokassa {}", "– i uppgiftsklass {}", "– in class {}";
    F_AGREEMENTS_VALID = "Voimassa olevat käsittelijäsopimukset (vuoden lopussa)", "Gällande biträdesavtal (vid årets slut)", "Valid processor agreements (at year end)";
    F_AGREEMENTS_REVIEW_OVERDUE = "– katselmointi myöhässä", "– översynen försenad", "– review overdue";
    F_PROCESSORS_WITHOUT_AGREEMENT = "Käsittelijät ilman voimassa olevaa sopimusta", "Biträden utan gällande avtal", "Processors without a valid agreement";

    // 3.6 Data subjects' rights.
    F_RECEIVED_KIND = "Vastaanotetut: {}", "Mottagna: {}", "Received: {}";
    F_LOG_INVESTIGATIONS_SUBJECT = "Lokiselvitykset – rekisteröidyn pyynnöstä", "Loggutredningar – på den registrerades begäran", "Log investigations – asked by the data subject";
    F_LOG_INVESTIGATIONS_MANAGER = "Lokiselvitykset – esihenkilön pyynnöstä", "Loggutredningar – på chefens begäran", "Log investigations – ordered by a manager";
    F_DECIDED = "Ratkaistut", "Avgjorda", "Decided";
    F_OPEN_AT_YEAR_END = "Avoinna vuoden lopussa", "Öppna vid årets slut", "Open at year end";
    F_ON_TIME_STATUTORY = "Määräajassa, lakisääteinen päivä (%)", "Inom tidsfristen, lagstadgad dag (%)", "On time, statutory day (%)";
    F_ON_TIME_MOVED = "Määräajassa, siirtynyt päivä (%)", "Inom tidsfristen, flyttad dag (%)", "On time, moved day (%)";
    F_LATE_STATUTORY = "Myöhässä lakisääteisestä päivästä", "Försenade mot den lagstadgade dagen", "Late against the statutory day";
    F_LEAD_TIME_MEDIAN = "Käsittelyaika, mediaani (vrk)", "Handläggningstid, median (dygn)", "Lead time, median (days)";
    F_LEAD_TIME_P90 = "Käsittelyaika, 90. persentiili (vrk)", "Handläggningstid, 90:e percentilen (dygn)", "Lead time, 90th percentile (days)";
    F_EXTENSIONS = "Määräajan pidennykset", "Förlängda tidsfrister", "Extensions";
    F_PAUSED = "Keskeytetyt määräajat", "Avbrutna tidsfrister", "Paused clocks";
    F_REFUSED_BASIS = "Epäämiset: {}", "Avslag: {}", "Refusals: {}";
    F_REFERRALS = "Siirrot viranomaisen ratkaistavaksi (JulkL 14 §)", "Hänskjutna till myndighetens avgörande (OffL 14 §)", "Referrals requested (Publicity Act §14)";
    F_LATE_GDPR_REFUSALS = "Myöhässä annetut epäämiset (GDPR 12(4), yli kuukausi)", "Sena avslag (GDPR 12.4, över en månad)", "Late refusals (GDPR 12(4), over one month)";
    F_PUBLICITY_DECIDED = "Asiakirjapyynnöt: ratkaistut", "Begäranden om handlingar: avgjorda", "Document requests: decided";
    F_PUBLICITY_ON_TIME_TWO_WEEKS = "Asiakirjapyynnöt: ajallaan kahden viikon määräpäivästä", "Begäranden om handlingar: i tid mot tvåveckorsdagen", "Document requests: on time against the two-week day";
    F_PUBLICITY_MONTH_TRACK_DECIDED = "Asiakirjapyynnöt: ratkaistut kuukauden määräajassa", "Begäranden om handlingar: avgjorda inom enmånadsfristen", "Document requests: decided on the one-month track";
    F_PUBLICITY_ON_TIME_MONTH = "Asiakirjapyynnöt: ajallaan kuukauden määräpäivästä", "Begäranden om handlingar: i tid mot månadsdagen", "Document requests: on time against the one-month day";
    F_MONTH_TRACK_SWITCHES = "Siirrot kuukauden määräaikaan: {}", "Övergångar till enmånadsfristen: {}", "Switches to the one-month track: {}";
    F_PUBLICITY_FEES_CHARGED = "Asiakirjapyynnöt: perityt maksut (JulkL 34 §)", "Begäranden om handlingar: uttagna avgifter (OffL 34 §)", "Document requests: fees charged (Publicity Act 34 §)";
    F_PUBLICITY_FEES_SUM = "Asiakirjapyynnöt: maksut yhteensä (euroa)", "Begäranden om handlingar: avgifter sammanlagt (euro)", "Document requests: fees in total (euros)";
    F_PUBLICITY_TRANSFERS = "Asiakirjapyynnöt: siirrot toiselle viranomaiselle (JulkL 15 §)", "Begäranden om handlingar: överförda till en annan myndighet (OffL 15 §)", "Document requests: transferred to another authority (Publicity Act 15 §)";
    J_LARGE_VOLUME = "suuri asiakirjamäärä", "stort antal handlingar", "large number of documents";
    J_SPECIAL_MEASURES = "erityiset toimenpiteet", "särskilda åtgärder", "special handling";
    J_OTHER_REASON = "muu vastaava syy", "annat motsvarande skäl", "another comparable reason";
    R_OTHER_GROUND = "muu peruste", "annan grund", "other ground";
    F_APPEALABLE = "Valituskelpoiset päätökset", "Överklagbara beslut", "Appealable decisions";
    F_APPEALS = "Valitukset", "Besvär", "Appeals";
    F_GDPR_EXTENSIONS_IN_TIME = "Tietosuojapyynnöt: pidennyksestä ilmoitettu ensimmäisen kuukauden aikana (12(3) art.)", "Dataskyddsbegäranden: förlängningen meddelad inom den första månaden (art. 12.3)", "Data-protection requests: extension told within the first month (Art 12(3))";
    F_GDPR_EXTENSIONS_LATE = "Tietosuojapyynnöt: pidennyksestä ilmoitettu myöhässä", "Dataskyddsbegäranden: förlängningen meddelad för sent", "Data-protection requests: extension told late";

    // 3.4–3.5 Security and incidents.
    F_INCIDENTS = "Tietoturvapoikkeamat", "Informationssäkerhetsincidenter", "Security incidents";
    F_BY_SEVERITY = "– vakavuus: {}", "– allvarlighet: {}", "– severity: {}";
    F_BREACHES = "Tietosuojaloukkaukset (33(5) rekisteri)", "Personuppgiftsincidenter (register enligt art. 33.5)", "Personal-data breaches (Art 33(5) register)";
    F_BY_RISK = "– riski: {}", "– risk: {}", "– risk: {}";
    F_BY_TYPE = "– tyyppi: {}", "– typ: {}", "– type: {}";
    F_NOTIFIED_ON_TIME = "Ilmoitettu tietosuojavaltuutetulle ajoissa (72 h)", "Anmälda till dataombudsmannen i tid (72 h)", "Notified to the Ombudsman on time (72 h)";
    F_NOTIFIED_LATE = "Ilmoitettu myöhässä (perustelu kirjattu)", "Anmälda för sent (motivering antecknad)", "Notified late (reason recorded)";
    F_NOT_NOTIFIED = "Ei ilmoitettu (perustelu kirjattu tai arvio kesken)", "Inte anmälda (motivering antecknad eller bedömning pågår)", "Not notified (reason recorded, or assessment pending)";
    F_SUBJECTS_INFORMED = "Rekisteröidyille ilmoitettu (34 art.)", "De registrerade underrättade (art. 34)", "Data subjects informed (Art 34)";
    F_ART34_EXEMPTIONS = "34(3) artiklan poikkeus käytetty", "Undantag enligt art. 34.3 använt", "Art 34(3) exemptions used";
    T_INCIDENTS_BY_CATEGORY = "Tietoturvapoikkeamat luokittain", "Informationssäkerhetsincidenter per kategori", "Security incidents by category";
    T_INCIDENTS_BY_OUTCOME = "Tietoturvapoikkeamat lopputuloksen mukaan", "Informationssäkerhetsincidenter efter utfall", "Security incidents by outcome";
    T_BREACHES_BY_CAUSE = "Tietosuojaloukkaukset syyn mukaan", "Personuppgiftsincidenter efter orsak", "Personal-data breaches by cause";
    T_BREACHES_BY_RISK = "Tietosuojaloukkaukset riskitason mukaan", "Personuppgiftsincidenter efter risknivå", "Personal-data breaches by risk level";
    COL_CATEGORY = "Luokka", "Kategori", "Category";
    COL_OUTCOME = "Lopputulos", "Utfall", "Outcome";
    COL_CAUSE = "Syy", "Orsak", "Cause";
    COL_RISK = "Riskitaso", "Risknivå", "Risk level";
    NOT_SET = "ei määritelty", "inte angiven", "not set";
    NOT_ASSESSED = "arvio kesken", "bedömning pågår", "not assessed yet";

    // 3.5 Monitoring and supervision.
    F_LOG_RECEIVED_ORIGIN = "Lokiselvitykset: vastaanotetut – {}", "Loggutredningar: mottagna – {}", "Log investigations: received – {}";
    F_LOG_COMPLETED_ORIGIN = "Lokiselvitykset: valmistuneet – {}", "Loggutredningar: slutförda – {}", "Log investigations: completed – {}";
    ORIGIN_DATA_SUBJECT = "rekisteröidyn pyynnöstä", "på den registrerades begäran", "asked by the data subject";
    ORIGIN_MANAGER = "esihenkilön pyynnöstä", "på chefens begäran", "ordered by a manager";
    F_INCIDENTS_FROM_LOGS = "Lokiselvityksissä paljastuneet poikkeamat", "Incidenter som loggutredningar avslöjat", "Incidents revealed by log investigations";
    F_NIS2_SENT = "NIS2-ilmoitukset: {}", "NIS2-rapporter: {}", "NIS2 reports: {}";
    F_NIS2_LATE = "NIS2-ilmoitukset myöhässä", "NIS2-rapporter för sent", "NIS2 reports late";
    NIS2_EARLY_WARNING = "varhainen varoitus (24 h)", "tidig varning (24 h)", "early warning (24 h)";
    NIS2_NOTIFICATION = "poikkeamailmoitus (72 h)", "incidentanmälan (72 h)", "incident notification (72 h)";
    NIS2_INTERMEDIATE = "väliraportti", "mellanrapport", "intermediate report";
    NIS2_PROGRESS = "tilanneraportti", "lägesrapport", "progress report";
    NIS2_FINAL = "loppuraportti", "slutrapport", "final report";
    T_LATE_NOTIFICATIONS = "Myöhässä tehdyt ilmoitukset tietosuojavaltuutetulle", "Anmälningar till dataombudsmannen som gjorts för sent", "Notifications to the Ombudsman made late";
    COL_DIARY_NUMBER = "Diaarinumero", "Diarienummer", "Diary number";
    COL_SENT = "Lähetetty", "Skickad", "Sent";
    COL_LATE_BY = "Myöhässä (tuntia yli 72 tunnin)", "Försenad (timmar över 72 timmar)", "Late by (hours past the 72)";
    COL_REASON_RECORDED = "Syy kirjattu tapaukseen", "Orsaken antecknad i ärendet", "Reason recorded on the incident";
    YES = "kyllä", "ja", "yes";
    NO = "ei", "nej", "no";
    NO_LATE_NOTIFICATIONS = "Ei myöhässä tehtyjä ilmoituksia.", "Inga anmälningar gjordes för sent.", "No notification was made late.";

    // Incident classification (chapter 3.4).
    CAT_MALWARE = "haittaohjelma", "skadlig kod", "malware";
    CAT_PHISHING = "tietojenkalastelu", "nätfiske", "phishing";
    CAT_UNAUTHORISED_ACCESS = "luvaton pääsy tai tietomurto", "obehörig åtkomst eller dataintrång", "unauthorised access";
    CAT_DENIAL_OF_SERVICE = "palvelunestohyökkäys", "överbelastningsattack", "denial of service";
    CAT_LOST_DEVICE = "kadonnut tai varastettu laite", "förlorad eller stulen enhet", "lost or stolen device";
    CAT_MISDELIVERY = "väärä vastaanottaja", "fel mottagare", "wrong recipient";
    CAT_SYSTEM_FAILURE = "järjestelmävika tai käyttökatko", "systemfel eller avbrott", "system failure or outage";
    CAT_OTHER = "muu poikkeama", "annan incident", "other";
    CAUSE_HUMAN_ERROR = "inhimillinen virhe", "mänskligt misstag", "human error";
    CAUSE_TECHNICAL_FAULT = "tekninen vika", "tekniskt fel", "technical fault";
    CAUSE_MALICIOUS_ACT = "tahallinen teko", "avsiktlig handling", "malicious act";
    CAUSE_THIRD_PARTY = "käsittelijä tai muu kolmas osapuoli", "biträde eller annan tredje part", "processor or third party";
    CAUSE_UNKNOWN = "tuntematon", "okänd", "unknown";
    OUTCOME_RESOLVED = "ratkaistu", "löst", "resolved";
    OUTCOME_CONTAINED = "rajattu", "begränsad", "contained";
    OUTCOME_FALSE_POSITIVE = "aiheeton hälytys", "falskt larm", "false positive";
    OUTCOME_NO_EFFECT = "ei vaikutusta", "ingen påverkan", "no effect";
    OUTCOME_OPEN = "selvitys kesken", "utredning pågår", "still open";

    // Records management.
    F_CASES_OPENED = "Avatut asiat", "Inledda ärenden", "Cases opened";
    F_CASES_CLOSED = "Päätetyt asiat", "Avslutade ärenden", "Cases closed";
    F_CASES_OPENED_CLASS = "– avatut, luokka {}", "– inledda, klass {}", "– opened, class {}";
    F_CASES_CLOSED_CLASS = "– päätetyt, luokka {}", "– avslutade, klass {}", "– closed, class {}";
    F_DOCUMENTS_REGISTERED = "Kirjatut asiakirjat", "Registrerade handlingar", "Documents registered";
    F_RECORDS_DESTROYED = "Hävitetyt asiakirjat", "Förstörda handlingar", "Records destroyed";
    F_RECORDS_DESTROYED_CLASS = "– luokka {}", "– klass {}", "– class {}";
    F_ARCHIVE_PACKAGES = "Siirtopaketit pitkäaikaissäilytykseen", "Överföringspaket för långtidsbevaring", "Archive packages produced";
    F_ARCHIVE_PACKAGE_RECORDS = "– asiakirjoja paketeissa", "– handlingar i paketen", "– records in the packages";
    F_ARCHIVE_PACKAGES_VERIFIED = "Siirtopaketit, joiden tarkastus onnistui", "Överföringspaket vars kontroll lyckades", "Archive packages verified";
    F_ARCHIVE_VERIFIED_RECORDS = "– asiakirjoja tarkastetuissa paketeissa", "– handlingar i de kontrollerade paketen", "– records in the verified packages";
    F_ARCHIVE_VERIFIED_BYTES = "– tarkastettujen pakettien koko (tavua)", "– de kontrollerade paketens storlek (byte)", "– size of the verified packages (bytes)";
    F_PERMANENT_RECORDS = "Pysyvästi säilytettävät lisäykset", "Tillägg som bevaras varaktigt", "Permanent records added";
    F_LEGAL_HOLDS = "Voimassa olevat säilytysestot (vuoden lopussa)", "Gällande bevarandeförbud (vid årets slut)", "Legal holds active (at year end)";
    F_DISPOSAL_PROPOSED = "Hävitysehdotukset", "Gallringsförslag", "Disposal proposals made";
    F_DISPOSAL_APPROVED = "– hyväksytyt", "– godkända", "– approved";
    F_DISPOSAL_EXECUTED = "– toimeenpannut", "– verkställda", "– executed";
    F_DISPOSAL_REJECTED = "– hylätyt tai perutut", "– avslagna eller återkallade", "– rejected or cancelled";
    F_DISPOSAL_FAILED = "– toimeenpano epäonnistui", "– verkställandet misslyckades", "– execution failed";
    F_PLAN_COVERAGE = "Tiedonohjaussuunnitelman kattavuus: avatut asiat voimassa olevan suunnitelman luokissa (%)", "Informationsstyrningsplanens täckning: ärenden inledda i gällande plans klasser (%)", "Plan coverage: cases opened in a class of the plan in force (%)";
    F_CASES_OUTSIDE_PLAN = "– asiat luokassa, jota voimassa olevassa suunnitelmassa ei ole", "– ärenden i en klass som saknas i den gällande planen", "– cases in a class missing from the plan in force";
    F_CASES_SUPERSEDED_PLAN = "– asiat kirjattu korvatun suunnitelmaversion mukaan", "– ärenden registrerade enligt en ersatt planversion", "– cases registered on a superseded plan version";
    NOTE_NO_CASES_OPENED = "vuonna ei avattu yhtään asiaa", "inga ärenden inleddes under året", "no case was opened in the year";

    // Vocabularies the figures are split by.
    SEVERITY_UNSPECIFIED = "määrittelemätön", "ospecificerad", "unspecified";
    SEVERITY_INFORMATIONAL = "tiedoksi", "för kännedom", "informational";
    SEVERITY_LOW = "matala", "låg", "low";
    SEVERITY_MEDIUM = "keskitaso", "medel", "medium";
    SEVERITY_HIGH = "korkea", "hög", "high";
    SEVERITY_CRITICAL = "kriittinen", "kritisk", "critical";
    RISK_NONE = "ei riskiä", "ingen risk", "no risk";
    RISK_RISK = "riski", "risk", "risk";
    RISK_HIGH = "korkea riski", "hög risk", "high risk";
    BREACH_CONFIDENTIALITY = "luottamuksellisuus", "konfidentialitet", "confidentiality";
    BREACH_INTEGRITY = "eheys", "integritet", "integrity";
    BREACH_AVAILABILITY = "saatavuus", "tillgänglighet", "availability";
    KIND_GDPR_ACCESS = "Tarkastuspyyntö", "Begäran om tillgång", "access request";
    KIND_GDPR_RECTIFICATION = "Oikaisupyyntö", "Begäran om rättelse", "rectification request";
    KIND_GDPR_ERASURE = "Poistopyyntö", "Begäran om radering", "erasure request";
    KIND_GDPR_RESTRICTION = "Käsittelyn rajoittamispyyntö", "Begäran om begränsning av behandling", "restriction request";
    KIND_GDPR_PORTABILITY = "Siirtopyyntö", "Begäran om dataportabilitet", "portability request";
    KIND_GDPR_OBJECTION = "Vastustamisilmoitus", "Invändning", "objection";
    KIND_PUBLICITY = "Asiakirjapyyntö", "Begäran om handlingar", "request for documents";
    KIND_LOG_INVESTIGATION = "Lokiselvityspyyntö", "Begäran om loggutredning", "log investigation request";
    TYPE_PUBLICITY = "Asiakirjapyynnöt", "Begäran om handlingar", "Requests for documents";
    TYPE_GDPR = "Tietosuojapyynnöt", "Dataskyddsbegäranden", "Data-protection requests";
    TYPE_LOG = "Lokiselvitykset", "Loggutredningar", "Log investigations";

    // Charts.
    CHART_REQUESTS_MONTHLY = "Tietopyynnöt kuukausittain kahdelta vuodelta", "Begäranden per månad under två år", "Requests per month over two years";
    CHART_INCIDENTS_MONTHLY = "Poikkeamat kuukausittain kahdelta vuodelta", "Incidenter per månad under två år", "Incidents per month over two years";
    CHART_DEADLINES = "Määräajassa ja myöhässä ratkaistut pyyntölajeittain", "Avgjorda i tid och försenade per typ av begäran", "Decided on time and late, by type of request";
    CHART_INCIDENTS_BY_SEVERITY = "Poikkeamat vakavuuden mukaan", "Incidenter efter allvarlighet", "Incidents by severity";
    SERIES_RECEIVED = "saapuneet {}", "inkomna {}", "received {}";
    SERIES_DECIDED = "ratkaistut {}", "avgjorda {}", "decided {}";
    SERIES_INCIDENTS = "poikkeamat {}", "incidenter {}", "incidents {}";
    ON_TIME = "määräajassa", "i tid", "on time";
    NOTE_HISTORY_STARTS = "selosteen ja sopimusten muutoshistoria alkaa {}; aiemmalta ajalta ei ole lukua", "historiken för registret och avtalen börjar {}; för tiden före finns ingen siffra", "the history of the register and the agreements starts on {}; there is no figure before it";
    // 3.3 Training (kirjuri-governance): coverage of the data-protection training.
    F_TRAINING_PEOPLE = "Koulutusrekisterin henkilöt (henkilöstö ja luottamushenkilöt)", "Personer i utbildningsregistret (anställda och förtroendevalda)", "People on the training roster (staff and elected officials)";
    F_TRAINING_TRAINED = "– joilla voimassa oleva tietosuoja- tai tietoturvakoulutus", "– med giltig utbildning i dataskydd eller informationssäkerhet", "– with a valid data-protection or security training";
    F_TRAINING_COVERAGE = "Koulutuskattavuus (%)", "Utbildningstäckning (%)", "Training coverage (%)";
    F_TRAINING_COVERAGE_STAFF = "– henkilöstö (%)", "– anställda (%)", "– staff (%)";
    F_TRAINING_COVERAGE_ELECTED = "– luottamushenkilöt (%)", "– förtroendevalda (%)", "– elected officials (%)";
    T_TRAINING_COVERAGE = "Koulutuskattavuus toimialoittain", "Utbildningstäckning per sektor", "Training coverage per department";
    COL_GROUP = "Ryhmä", "Grupp", "Group";
    COL_PEOPLE = "Henkilöitä", "Personer", "People";
    COL_TRAINED = "Koulutettuja", "Utbildade", "Trained";
    COL_SHARE_YEAR = "Osuus {} (%)", "Andel {} (%)", "Share {} (%)";
    GROUP_STAFF = "henkilöstö", "anställda", "staff";
    GROUP_ELECTED = "luottamushenkilöt", "förtroendevalda", "elected officials";
    NOTE_NO_ROSTER = "koulutusrekisterissä ei ole henkilöitä tältä ajalta", "utbildningsregistret har inga personer för tiden", "the training roster has nobody for the period";
    // 3.4 and 3.5 Controls performed (kirjuri-governance).
    F_ACCESS_REVIEWS = "Käyttöoikeuksien katselmoinnit", "Granskningar av användarrättigheter", "Access reviews performed";
    F_ACCESS_REVIEWS_FLAGGED = "– joissa poikkeamia tai jotka epäonnistuivat", "– med avvikelser eller misslyckade", "– with deviations or failed";
    F_RESTORE_TESTS = "Varmuuskopioiden palautustestit", "Återställningstester av säkerhetskopior", "Backup restore tests performed";
    F_RESTORE_TESTS_FLAGGED = "– joissa poikkeamia tai jotka epäonnistuivat", "– med avvikelser eller misslyckade", "– with deviations or failed";
    F_LOG_REVIEWS = "Lokien tarkastukset (lokivalvonta)", "Granskningar av loggar (loggövervakning)", "Log reviews performed";
    F_LOG_REVIEWS_FLAGGED = "– joissa poikkeamia tai jotka epäonnistuivat", "– med avvikelser eller misslyckade", "– with deviations or failed";
    NOTE_NO_CONTROLS = "valvontatoimia ei ole kirjattu Kirjuriin", "inga kontroller har registrerats i Kirjuri", "no control is recorded in Kirjuri";
    F_REGISTERS_WITHOUT_NOTICE = "Rekisterit ilman tietosuojaselostetta (13/14 art.)", "Register utan dataskyddsbeskrivning (art. 13/14)", "Registers without a privacy notice (Art 13/14)";
    F_REGISTERS_WITHOUT_DPIA = "Erityisiä tai rikostietoja käsittelevät rekisterit ilman vaikutustenarviointia", "Register med särskilda uppgifter eller uppgifter om brott utan konsekvensbedömning", "Registers with Art 9/10 data without a DPIA";
    F_REGISTERS_MISSING_ART30 = "Rekisterit, joiden selosteesta puuttuu 30 artiklan tietoja", "Register där uppgifter enligt art. 30 saknas", "Registers missing Art 30(1) points";
    T_LEGAL_BASES = "Käytössä olevat rekisterit käsittelyperusteittain (rekisteri voi nojata useaan)", "Register i bruk per rättslig grund (ett register kan ha flera)", "Registers in use by legal basis (a register may rest on several)";
    T_WITHOUT_NOTICE = "Rekisterit ilman tietosuojaselostetta", "Register utan dataskyddsbeskrivning", "Registers without a privacy notice";
    T_WITHOUT_NOTICE_EMPTY = "Jokaisella käytössä olevalla rekisterillä on tietosuojaseloste.", "Varje register i bruk har en dataskyddsbeskrivning.", "Every register in use has a privacy notice.";
    T_WITHOUT_DPIA = "Erityisiä tai rikostietoja käsittelevät rekisterit ilman vaikutustenarviointia", "Register med särskilda uppgifter eller uppgifter om brott utan konsekvensbedömning", "Registers with Art 9/10 data without a DPIA";
    T_WITHOUT_DPIA_EMPTY = "Jokaisella erityisiä tai rikostietoja käsittelevällä rekisterillä on vaikutustenarvioinnin tila.", "Varje register med särskilda uppgifter eller uppgifter om brott har en status för konsekvensbedömning.", "Every register with Art 9/10 data has a DPIA status.";
    T_MISSING_ART30 = "Rekisterit, joiden selosteesta puuttuu 30(1) artiklan kohtia", "Register där punkter i art. 30.1 saknas", "Registers missing Art 30(1) points";
    T_MISSING_ART30_EMPTY = "Jokaisen käytössä olevan rekisterin seloste on täydellinen.", "Registret är fullständigt för varje behandling i bruk.", "Every register in use has every Art 30(1) point.";
    COL_LEGAL_BASIS = "Käsittelyperuste", "Rättslig grund", "Legal basis";
    COL_MISSING_POINTS = "Puuttuvat 30(1) artiklan kohdat", "Saknade punkter i art. 30.1", "Missing Art 30(1) points";
    COL_AT_YEAR_END = "31.12.{}", "per den 31.12.{}", "31 Dec {}";
    BASIS_A = "6(1)(a) suostumus", "6.1 a samtycke", "6(1)(a) consent";
    BASIS_B = "6(1)(b) sopimus", "6.1 b avtal", "6(1)(b) contract";
    BASIS_C = "6(1)(c) lakisääteinen velvoite", "6.1 c rättslig förpliktelse", "6(1)(c) legal obligation";
    BASIS_D = "6(1)(d) elintärkeä etu", "6.1 d grundläggande intressen", "6(1)(d) vital interests";
    BASIS_E = "6(1)(e) yleinen etu tai julkinen valta", "6.1 e allmänt intresse eller myndighetsutövning", "6(1)(e) public task";
    BASIS_F = "6(1)(f) oikeutettu etu", "6.1 f berättigat intresse", "6(1)(f) legitimate interests";
    BASIS_ART9 = "9(2) erityisten henkilötietoryhmien käsittelyperuste", "9.2 grund för särskilda kategorier", "9(2) condition for special categories";
    BASIS_OTHER = "muu tai tunnistamaton peruste", "annan eller oidentifierad grund", "other or unrecognised basis";
    BASIS_NOT_STATED = "peruste merkitsemättä", "grund inte angiven", "basis not stated";
    LATE = "myöhässä", "försenade", "late";
    COUNT = "Lukumäärä", "Antal", "Count";
    MONTH = "Kuukausi", "Månad", "Month";
    TYPE_OF_REQUEST = "Pyyntölaji", "Typ av begäran", "Type of request";
    SEVERITY = "Vakavuus", "Allvarlighet", "Severity";
    CHART_TEXT = "Kaavion luvut taulukkona:", "Diagrammets siffror i tabellform:", "The chart's numbers as a table:";
    LEGEND_SOLID = "yhtenäinen viiva", "heldragen linje", "solid line";
    LEGEND_DASHED = "katkoviiva", "streckad linje", "dashed line";
    LEGEND_PLAIN = "umpinainen palkki", "hel stapel", "solid bar";
    LEGEND_HATCHED = "viivoitettu palkki", "streckad stapel", "hatched bar";
    MONTHS_SHORT = "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu", "jan feb mars apr maj juni juli aug sep okt nov dec", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
}

/// The short name of month `month` (1–12) in `lang`; empty outside 1–12.
pub fn month(lang: Lang, month: u32) -> &'static str {
    let index = (month as usize).wrapping_sub(1);
    lang.t(MONTHS_SHORT).split(' ').nth(index).unwrap_or("")
}

/// `template` with each `{}` replaced by the next of `values`, in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_twelve_in_every_language() {
        for lang in Lang::ALL {
            assert_eq!(lang.t(MONTHS_SHORT).split(' ').count(), 12, "{lang:?}");
        }
        assert_eq!(month(Lang::Fi, 1), "tammi");
        assert_eq!(month(Lang::Sv, 12), "dec");
        assert_eq!(month(Lang::En, 13), "");
    }

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(fill(PAGE_OF.fi, &["2", "9"]), "Sivu 2 / 9");
        assert_eq!(fill(TITLE_YEAR.sv, &["2026"]), "Informationsbokslut 2026");
    }
}
