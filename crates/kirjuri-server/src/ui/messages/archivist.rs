//! The words of the pages of the archivists (the plan, retention dues, disposal, the archive).

use super::super::words::Words;

catalogue! {
    NAV_PLAN = "Tiedonohjaussuunnitelma", "Informationsstyrningsplan", "Information management plan";
    NAV_ARCHIVE = "Arkisto", "Arkiv", "Archive";

    // The plan and its versions.
    PLAN_IN_FORCE = "Voimassa oleva suunnitelma", "Gällande plan", "Plan in force";
    PLAN_SHOWING_VERSION = "Näytät versiota {}", "Du visar version {}", "You are viewing version {}";
    PLAN_TO_PLAN_IN_FORCE = "Voimassa olevaan suunnitelmaan", "Till den gällande planen", "To the plan in force";
    PLAN_NONE_IN_FORCE = "Mikään suunnitelman versio ei ole voimassa tänään.", "Ingen version av planen gäller i dag.", "No version of the plan is in force today.";
    PLAN_NAME = "Nimi", "Namn", "Name";
    PLAN_VERSION = "Versio", "Version", "Version";
    PLAN_VALID_FROM = "Voimassa alkaen", "Gäller från", "In force from";
    PLAN_VALID_TO = "Voimassa asti", "Gäller till", "In force until";
    PLAN_APPROVED_BY = "Hyväksyjä", "Godkänd av", "Approved by";
    PLAN_APPROVED_ON = "Hyväksymispäivä", "Godkänd den", "Approved on";
    PLAN_CLASSES = "Tehtäväluokat", "Uppgiftsklasser", "Task classes (tehtäväluokat)";
    PLAN_FIND_CLASS = "Hae luokkaa tunnuksella, nimellä tai asiakirjatyypillä", "Sök en klass med kod, namn eller handlingstyp", "Find a class by code, name or record type";
    PLAN_FIND = "Hae", "Sök", "Find";
    PLAN_FOUND = "Hakuehtoa vastaavat luokat: {}", "Klasser som motsvarar sökningen: {}", "Classes matching the search: {}";
    PLAN_NOTHING_FOUND = "Hakuehtoa vastaavia luokkia ei löytynyt.", "Inga klasser motsvarar sökningen.", "No class matches the search.";
    PLAN_RECORD_TYPE_COUNT = "{} asiakirjatyyppiä", "{} handlingstyper", "{} record types";
    PLAN_VERSIONS = "Suunnitelman versiot", "Planens versioner", "Versions of the plan";
    PLAN_CLASS_CODE = "Luokitustunnus", "Klasskod", "Class code";
    PLAN_CLASS = "Tehtäväluokka", "Uppgiftsklass", "Task class";
    PLAN_PARENT_CLASS = "Yläluokka", "Överordnad klass", "Parent class";
    PLAN_SUBCLASSES = "Alaluokat", "Underklasser", "Subclasses";
    PLAN_DESCRIPTION = "Kuvaus", "Beskrivning", "Description";
    PLAN_PROCESS = "Käsittelyprosessi", "Handläggningsprocess", "Handling process (käsittelyprosessi)";
    PLAN_NO_PROCESS = "Tällä luokalla ei ole omaa käsittelyprosessia; asiakirjatyypit ovat alaluokissa.", "Klassen har ingen egen handläggningsprocess; handlingstyperna finns i underklasserna.", "This class has no handling process of its own; the record types are in its subclasses.";
    PLAN_PROCESS_OWNER = "Prosessin omistaja", "Processägare", "Process owner";
    PLAN_INFORMATION_SYSTEMS = "Tietojärjestelmät", "Informationssystem", "Information systems";
    PLAN_RECORD_TYPES = "Asiakirjatyypit", "Handlingstyper", "Record types (asiakirjatyypit)";
    PLAN_NO_RECORD_TYPES = "Prosessilla ei ole asiakirjatyyppejä.", "Processen har inga handlingstyper.", "The process has no record types.";
    PLAN_PHASE = "Käsittelyvaihe", "Handläggningsskede", "Phase";
    PLAN_ACTION = "Toimenpide", "Åtgärd", "Action";
    PLAN_RETENTION = "Säilytysaika", "Förvaringstid", "Retention (säilytysaika)";
    PLAN_TRIGGER = "Säilytysajan laskentaperuste", "Grund för beräkning av förvaringstiden", "Retention starts from";
    PLAN_RETENTION_REASON = "Säilytysajan peruste", "Grund för förvaringstiden", "Retention basis";
    PLAN_PUBLICITY = "Julkisuusluokka", "Offentlighetsklass", "Publicity (julkisuusluokka)";
    PLAN_SECRECY_GROUND = "Salassapitoperuste", "Sekretessgrund", "Secrecy ground";
    PLAN_SECRECY_YEARS = "{} v", "{} år", "{} years";
    PLAN_SECRECY_FROM = "alkaen: {}", "från: {}", "from: {}";
    PLAN_SECRECY_DEATH_UNKNOWN = "100 vuotta, jos kuolinpäivä ei ole tiedossa", "100 år om dödsdagen inte är känd", "100 years when the death is not known";
    PLAN_OTHER_GROUND = "muu peruste", "annan grund", "other ground";
    PLAN_PERSONAL_DATA = "Henkilötiedot", "Personuppgifter", "Personal data";
    PLAN_PERSONAL_IDENTITY_CODES = "sisältää henkilötunnuksia", "innehåller personbeteckningar", "holds personal identity codes";
    KEPT_PERMANENTLY = "Säilytetään pysyvästi", "Bevaras varaktigt", "Kept permanently";
    RETENTION_YEARS = "{} vuotta", "{} år", "{} years";
    NOT_GIVEN = "ei määritelty", "inte angivet", "not given";
    PLAN_STATE = "Tila", "Status", "State";
    PLAN_CLASS_COUNT = "Luokkia", "Klasser", "Classes";
    PLAN_RECORD_TYPE_COLUMN = "Asiakirjatyyppejä", "Handlingstyper", "Record types";
    PLAN_VERSION_N = "Suunnitelman versio {}", "Planens version {}", "Plan version {}";
    PLAN_BROWSE_VERSION = "Selaa tämän version luokkia", "Bläddra i versionens klasser", "Browse this version's classes";
    PLAN_ALL_VERSIONS = "Kaikki versiot", "Alla versioner", "All versions";

    // Importing a JHS 191 file and its findings.
    PLAN_IMPORT = "Tuo suunnitelma JHS 191 -tiedostosta", "Importera en plan från en JHS 191-fil", "Import a plan from a JHS 191 file";
    PLAN_FILE = "Suunnitelmatiedosto (JHS 191 XML)", "Planfil (JHS 191 XML)", "Plan file (JHS 191 XML)";
    PLAN_FILE_HINT = "Tiedosto tallennetaan uudeksi luonnosversioksi. Se tulee voimaan vasta, kun versio hyväksytään.", "Filen sparas som en ny utkastversion. Den börjar gälla först när versionen godkänns.", "The file is stored as a new draft version. It comes into force only when the version is approved.";
    PLAN_IMPORT_BUTTON = "Tuo tiedosto", "Importera filen", "Import the file";
    PLAN_IMPORTED = "Tiedosto tuotiin luonnosversioksi {}.", "Filen importerades som utkastversion {}.", "The file was imported as draft version {}.";
    PLAN_FINDINGS = "Tuonnin havainnot", "Importens iakttagelser", "Findings of the import";
    PLAN_NO_FINDINGS = "Tuonnissa ei löytynyt virheitä eikä varoituksia.", "Importen hittade inga fel eller varningar.", "The import found no errors or warnings.";
    PLAN_REFUSED = "Tiedostossa on virheitä, joten sitä ei tuotu. Mitään ei tallennettu.", "Filen har fel och importerades inte. Ingenting sparades.", "The file has errors and was not imported. Nothing was stored.";
    PLAN_FINDINGS_IN_ENGLISH = "Havaintojen selitykset ovat englanniksi, kuten tuontiohjelma ne kirjoittaa.", "Iakttagelsernas förklaringar är på engelska, så som importprogrammet skriver dem.", "The findings' explanations are in English, as the importer writes them.";
    FINDING_ERROR = "Virhe", "Fel", "Error";
    FINDING_WARNING = "Varoitus", "Varning", "Warning";
    FINDING_SEVERITY = "Vakavuus", "Allvarlighet", "Severity";
    FINDING_PLACE = "Kohta tiedostossa", "Plats i filen", "Place in the file";
    FINDING_SUBJECT = "Koskee", "Gäller", "Concerns";
    FINDING_FIELD = "Tieto", "Uppgift", "Field";
    FINDING_TEXT = "Havainto", "Iakttagelse", "Finding";
    FINDING_LINE = "{}, rivi {}", "{}, rad {}", "{}, line {}";
    FINDING_WHOLE_PLAN = "koko suunnitelma", "hela planen", "the whole plan";
    FINDINGS_SHOWN_ONCE = "Havainnot näytetään tuonnin jälkeen; ne on kirjattu myös lokiin.", "Iakttagelserna visas efter importen; antalet finns också i loggen.", "The findings are shown after the import; their number is also in the audit trail.";
    PROBLEM_PLAN_FILE = "Valitse tuotava JHS 191 XML -tiedosto.", "Välj JHS 191 XML-filen som ska importeras.", "Choose the JHS 191 XML file to import.";
    PROBLEM_INVALID_PLAN = "Suunnitelmassa on virheitä: ne on lueteltu havainnoissa alla.", "Planen har fel: de räknas upp bland iakttagelserna nedan.", "The plan has errors: they are listed in the findings below.";

    // Approving a version.
    PLAN_APPROVE = "Hyväksy versio", "Godkänn versionen", "Approve the version";
    PLAN_APPROVE_DAY = "Voimaantulopäivä", "Ikraftträdandedag", "Day it comes into force";
    PLAN_APPROVE_HINT = "Tänään tai myöhemmin, ja myöhemmin kuin minkään hyväksytyn version alkupäivä. Edellinen versio päättyy edellisenä päivänä. Hyväksyjäksi kirjataan sinut; toista hyväksyjää ei tarvita.", "I dag eller senare, och senare än startdagen för varje godkänd version. Den föregående versionen upphör dagen före. Du registreras som godkännare; ingen andra godkännare behövs.", "Today or later, and later than the first day of every approved version. The version before it ends the day before. You are recorded as the approver; no second approver is needed.";
    PLAN_APPROVE_BUTTON = "Hyväksy", "Godkänn", "Approve";
    PLAN_APPROVED = "Versio {} hyväksyttiin. Se on voimassa {} alkaen.", "Version {} godkändes. Den gäller från {}.", "Version {} was approved. It is in force from {}.";
    PLAN_ALREADY_APPROVED = "Tämä versio on hyväksytty.", "Denna version är godkänd.", "This version is approved.";
    PROBLEM_VALID_FROM = "Anna voimaantulopäivä: tänään tai myöhemmin, vuosina 1900–9999.", "Ange ikraftträdandedagen: i dag eller senare, åren 1900–9999.", "Give the day it comes into force: today or later, in the years 1900–9999.";
    PROBLEM_VALID_FROM_CONFLICT = "Versiota ei voi hyväksyä tästä päivästä: se on jo hyväksytty, tai jokin hyväksytty versio alkaa samana tai myöhempänä päivänä.", "Versionen kan inte godkännas från denna dag: den är redan godkänd, eller en godkänd version börjar samma dag eller senare.", "The version cannot be approved from this day: it is already approved, or an approved version starts on that day or later.";

    // The archive list.
    ARCHIVE_LIST = "Arkistoluettelo", "Arkivförteckning", "Archive list (arkistoluettelo)";
    ARCHIVE_LIST_INTRO = "Pysyvästi säilytettävät asiakirjat tehtäväluokittain, arkistosarjoittain ja vuosittain: ne siirretään pitkäaikaissäilytykseen.", "Varaktigt bevarade handlingar per uppgiftsklass, arkivserie och år: de överförs till långtidsbevaring.", "Permanently kept records by task class, series and year: these go to long-term preservation.";
    ARCHIVE_LIST_EMPTY = "Pysyvästi säilytettäviä asiakirjoja ei ole.", "Det finns inga varaktigt bevarade handlingar.", "There are no permanently kept records.";
    ARCHIVE_SERIES = "Arkistosarja", "Arkivserie", "Series";
    ARCHIVE_YEAR = "Vuosi", "År", "Year";
    ARCHIVE_RECORDS = "Asiakirjoja", "Handlingar", "Records";
    ARCHIVE_ELECTRONIC = "Sähköisiä", "Elektroniska", "Electronic";
    ARCHIVE_PAPER = "Paperisia", "Pappers-", "Paper";
    ARCHIVE_PAPER_PLACES = "Paperien säilytyspaikat", "Förvaringsplatser för papper", "Where the paper is kept";
    ARCHIVE_LIST_CSV = "Lataa luettelo CSV-tiedostona", "Ladda ner förteckningen som CSV-fil", "Download the list as a CSV file";
    ARCHIVE_LIST_HTML = "Lataa tulostettava luettelo (HTML)", "Ladda ner en utskrivbar förteckning (HTML)", "Download the printable list (HTML)";
    ARCHIVE_DIARY_RANGE = "Diaarinumerot", "Diarienummer", "Diary numbers";
    ARCHIVE_SECRECY_ENDS = "Salassapito päättyy", "Sekretessen upphör", "Secrecy ends";
    ARCHIVE_SECRECY_NONE = "Ei salassa pidettäviä", "Inga sekretessbelagda", "None secret";
    ARCHIVE_SECRECY_OPEN = "Päättymispäivää odottaa:", "Väntar på slutdag:", "Awaiting an end day:";

    // Exporting a package.
    EXPORT_PACKAGE = "Vie arkistopaketti", "Exportera ett arkivpaket", "Export an archive package";
    EXPORT_INTRO = "Allekirjoitettu E-ARK SIP -paketti BagIt-pussissa (zip) pitkäaikaissäilytykseen. Suuri vienti kestää: sen edistymisen näkee vientisivulta.", "Ett signerat E-ARK SIP-paket i en BagIt-påse (zip) för långtidsbevaring. En stor export tar tid: exportsidan visar hur långt den har kommit.", "A signed E-ARK SIP package in a BagIt bag (zip) for long-term preservation. A large export takes time: its page shows how far it has got.";
    EXPORT_WHAT = "Mitä viedään", "Vad exporteras", "What to export";
    EXPORT_PERMANENT = "Vain pysyvästi säilytettävät asiakirjat", "Endast varaktigt bevarade handlingar", "Only permanently kept records";
    EXPORT_CLASS = "Tehtäväluokka (valinnainen)", "Uppgiftsklass (frivillig)", "Task class (optional)";
    EXPORT_CLASS_HINT = "Esimerkiksi 00 02 tai 07.00.03: luokan ja sen alaluokkien asiakirjat.", "Till exempel 00 02 eller 07.00.03: handlingarna i klassen och dess underklasser.", "For example 00 02 or 07.00.03: the records of the class and its subclasses.";
    EXPORT_CASES = "Asiat (valinnainen)", "Ärenden (frivilligt)", "Cases (optional)";
    EXPORT_CASES_HINT = "Diaarinumerot tai asioiden tunnisteet, yksi kullekin riville. Kun asioita on annettu, viedään niiden kaikki asiakirjat.", "Diarienummer eller ärendenas id, ett per rad. När ärenden anges exporteras alla deras handlingar.", "Diary numbers or case ids, one per line. When cases are given, all their documents are exported.";
    EXPORT_START = "Aloita vienti", "Starta exporten", "Start the export";
    PROBLEM_NOTHING_TO_EXPORT = "Valitse, mitä viedään: pysyvästi säilytettävät, tehtäväluokka tai asiat.", "Välj vad som exporteras: varaktigt bevarade, en uppgiftsklass eller ärenden.", "Choose what to export: the permanently kept records, a task class or cases.";
    PROBLEM_EXPORT_CLASS = "Luokitustunnus on muotoa 07 00 03 tai 07.00.03.", "Klasskoden skrivs 07 00 03 eller 07.00.03.", "A class code is written 07 00 03 or 07.00.03.";
    EXPORT_MINE = "Vientisi", "Dina exporter", "Your exports";
    EXPORT_NONE = "Et ole aloittanut vientejä tämän palvelun käynnistymisen jälkeen.", "Du har inte startat några exporter sedan tjänsten startade.", "You have started no exports since the service started.";
    EXPORT_JOB = "Arkistopaketin vienti", "Export av arkivpaket", "Archive package export";
    EXPORT_STARTED = "Vienti aloitettiin.", "Exporten startades.", "The export was started.";
    EXPORT_RUNNING = "Käynnissä", "Pågår", "Running";
    EXPORT_DONE = "Valmis", "Klar", "Done";
    EXPORT_FAILED = "Epäonnistui", "Misslyckades", "Failed";
    EXPORT_PROGRESS = "Edistyminen", "Förlopp", "Progress";
    EXPORT_PROGRESS_TEXT = "{} / {} tiedostoa, {} / {}", "{} / {} filer, {} / {}", "{} / {} files, {} / {}";
    EXPORT_RUNNING_HINT = "Vienti on käynnissä. Päivitä sivu nähdäksesi, miten pitkällä se on.", "Exporten pågår. Uppdatera sidan för att se hur långt den har kommit.", "The export is running. Reload the page to see how far it has got.";
    EXPORT_REFRESH = "Päivitä tilanne", "Uppdatera läget", "Refresh the progress";
    EXPORT_DOWNLOAD = "Lataa paketti", "Ladda ner paketet", "Download the package";
    EXPORT_DONE_TEXT = "Paketti on valmis ja allekirjoitettu. Vienti on kirjattu lokiin.", "Paketet är klart och signerat. Exporten har loggats.", "The package is ready and signed. The export is in the audit trail.";
    EXPORT_STATE = "Tila", "Status", "State";
    EXPORT_STARTED_AT = "Aloitettu", "Startad", "Started";
    EXPORT_CONTENTS = "Sisältö", "Innehåll", "Contents";
    EXPORT_PACKAGE_ID = "Paketin tunnus", "Paketets id", "Package id";
    EXPORT_CASES_N = "Asioita", "Ärenden", "Cases";
    EXPORT_DOCUMENTS_N = "Asiakirjoja", "Handlingar", "Documents";
    EXPORT_FILES_N = "Tiedostoja", "Filer", "Files";
    EXPORT_SIZE = "Koko", "Storlek", "Size";
    EXPORT_KEY = "Allekirjoitusavain", "Signeringsnyckel", "Signing key";
    EXPORT_WHAT_PERMANENT = "pysyvästi säilytettävät", "varaktigt bevarade", "permanently kept";
    EXPORT_WHAT_CLASS = "luokka {}", "klass {}", "class {}";
    EXPORT_WHAT_CASES = "{} asiaa", "{} ärenden", "{} cases";
    EXPORT_NOT_FOUND = "Vientiä ei löydy: se on aloitettu toisessa istunnossa tai ennen palvelun uudelleenkäynnistystä.", "Exporten hittas inte: den startades av någon annan eller före en omstart av tjänsten.", "No such export: it was started by someone else or before the service restarted.";
    EXPORT_OPEN = "Avaa", "Öppna", "Open";

    // Verifying a package.
    VERIFY_PACKAGE = "Tarkista arkistopaketti", "Kontrollera ett arkivpaket", "Verify an archive package";
    VERIFY_INTRO = "Tarkistus laskee jokaisen tiedoston tiivisteen, käy läpi paketin rakenteen (BagIt, METS) ja tarkistaa allekirjoituksen organisaation omalla avaimella. Pakettia ei tallenneta.", "Kontrollen beräknar varje fils kontrollsumma, går igenom paketets struktur (BagIt, METS) och kontrollerar signaturen med organisationens egen nyckel. Paketet sparas inte.", "The check computes every file's digest, goes through the package's structure (BagIt, METS) and checks the signature with the organisation's own key. The package is not stored.";
    VERIFY_FILE = "Paketti (zip)", "Paket (zip)", "Package (zip)";
    VERIFY_BUTTON = "Tarkista", "Kontrollera", "Verify";
    VERIFY_RESULT = "Tarkistuksen tulos", "Kontrollens resultat", "Result of the check";
    VERIFY_INTACT = "Paketti on eheä: jokainen tiiviste täsmää, rakenne on kunnossa ja allekirjoitus on pätevä.", "Paketet är intakt: varje kontrollsumma stämmer, strukturen är i ordning och signaturen är giltig.", "The package is intact: every digest matches, the structure is sound and the signature is valid.";
    VERIFY_BROKEN = "Paketti EI ole eheä: ongelmia löytyi {}.", "Paketet är INTE intakt: {} problem hittades.", "The package is NOT intact: {} problems were found.";
    VERIFY_PROBLEMS = "Löydetyt ongelmat", "Funna problem", "Problems found";
    VERIFY_PROBLEMS_IN_ENGLISH = "Ongelmien kuvaukset ovat englanniksi, kuten tarkistusohjelma ne kirjoittaa.", "Problembeskrivningarna är på engelska, så som kontrollprogrammet skriver dem.", "The problems are described in English, as the checker writes them.";
    VERIFY_FILE_NAME = "Tarkistettu tiedosto", "Kontrollerad fil", "File checked";
    VERIFY_FILES = "Tiedostoja paketissa", "Filer i paketet", "Files in the package";
    VERIFY_PAYLOAD = "Sisällön koko", "Innehållets storlek", "Payload size";
    VERIFY_KEY = "Allekirjoitus tarkistettiin avaimella", "Signaturen kontrollerades med nyckeln", "Signature checked with the key";
    VERIFY_KEY_GIVEN = "organisaation oma avain: todistaa, että paketti on tämän organisaation", "organisationens egen nyckel: visar att paketet kommer från denna organisation", "the organisation's own key: proves the package is this organisation's";
    VERIFY_KEY_PACKAGE = "paketin oma avain: todistaa vain eheyden, ei alkuperää", "paketets egen nyckel: visar bara att paketet är intakt, inte varifrån det kommer", "the package's own key: proves integrity only, not origin";
    VERIFY_KEY_NONE = "allekirjoitusta ei voitu tarkistaa", "signaturen kunde inte kontrolleras", "the signature could not be checked";
    VERIFY_SIGNED_NOTE = "Allekirjoituksen merkintä", "Signaturens anteckning", "Signature's note";
    VERIFY_ANOTHER = "Tarkista toinen paketti", "Kontrollera ett annat paket", "Verify another package";
    PROBLEM_PACKAGE_FILE = "Valitse tarkistettava paketti (zip-tiedosto).", "Välj paketet som ska kontrolleras (zip-fil).", "Choose the package to verify (a zip file).";
    PROBLEM_EXPORTS_RUNNING = "Sinulla on jo kaksi vientiä käynnissä: odota, että toinen valmistuu.", "Du har redan två exporter igång: vänta tills en av dem är klar.", "You already have two exports running: wait for one to finish.";
}
