//! The words of the retention and disposal pages (the archivists' dues, legal holds, disposal
//! proposals and the destruction list).

use super::super::words::Words;

catalogue! {
    NAV_DISPOSAL = "Hävittäminen", "Gallring", "Disposal";

    // The retention page: dues by a day, legal holds.
    RETENTION_PAGE_INTRO = "Tallenteet, joiden säilytysaika päättyy valittuun päivään mennessä, niiden säilytysestot ja hävitysesitykset. Säilytysestossa olevaa tai esitykseen jo kuuluvaa tallennetta ei voi esittää hävitettäväksi.", "Handlingar vars förvaringstid går ut senast den valda dagen, med rättsligt bevarande och gallringsförslag. En handling under rättsligt bevarande eller redan i ett förslag kan inte föreslås för gallring.", "Records whose retention ends by the chosen day, with their legal holds and disposal proposals. A record under a legal hold or already in a proposal cannot be proposed for disposal.";
    RETENTION_ENDS_BY = "Säilytysaika päättyy viimeistään", "Förvaringstiden går ut senast", "Retention ends by";
    SHOW_THE_DUES = "Näytä", "Visa", "Show";
    DUE_BY_DAY = "Hävitettävissä {} mennessä ({})", "Kan gallras senast {} ({})", "Due by {} ({})";
    NOTHING_DUE_BY_THE_DAY = "Yhdenkään tallenteen säilytysaika ei pääty tähän päivään mennessä.", "Ingen handlings förvaringstid går ut senast denna dag.", "No record's retention ends by this day.";
    PAPER_LOCATION = "Paperi vai sähköinen", "Papper eller elektronisk", "Paper or electronic";
    PAPER_AT = "Paperi: {}, hylly {}, laatikko {}", "Papper: {}, hylla {}, kartong {}", "Paper: {}, shelf {}, box {}";
    RECORD_ELECTRONIC = "Sähköinen", "Elektronisk", "Electronic";
    CHOOSE_RECORD = "Valitse {} {}", "Välj {} {}", "Choose {} {}";
    ACTIVE_HOLDS = "Voimassa olevat säilytysestot", "Gällande rättsligt bevarande", "Active legal holds";
    HOLD_ACTIVE = "Säilytysesto", "Rättsligt bevarande", "Legal hold";
    HOLD_ON_CASE = "koko asialla", "på hela ärendet", "on the whole case";
    HOLD_ON_RECORD = "tallenteella", "på handlingen", "on the record";
    REASON_FOR_LIFTING = "Perustelu eston {} poistamiselle", "Grund för att häva {}", "Reason for lifting {}";
    LIFT_THE_HOLD = "Poista säilytysesto", "Häv bevarandet", "Lift the hold";
    HOLD_PLACED = "Säilytysesto {} asetettu: tallennetta ei hävitetä ennen kuin esto poistetaan.", "Rättsligt bevarande {} infört: handlingen gallras inte förrän det hävs.", "Legal hold {} placed: the record is not destroyed until it is lifted.";
    HOLD_LIFTED = "Säilytysesto {} poistettu.", "Rättsligt bevarande {} hävt.", "Legal hold {} lifted.";
    PLACE_A_LEGAL_HOLD = "Aseta säilytysesto (legal hold)", "Inför rättsligt bevarande (legal hold)", "Place a legal hold (säilytysesto)";
    HOLD_HINT = "Esimerkiksi vireillä oleva oikeudenkäynti tai tarkastus: tallennetta ei hävitetä, vaikka sen säilytysaika päättyy.", "Till exempel en pågående rättegång eller granskning: handlingen gallras inte fast dess förvaringstid går ut.", "For example pending litigation or an audit: the record is not destroyed even when its retention ends.";
    HOLD_RECORD = "Tallenne", "Handling", "Record";
    HOLD_TARGET = "Eston kohde", "Vad som bevaras", "What is held";
    HOLD_THE_RECORD = "Vain tämä tallenne", "Endast denna handling", "This record only";
    HOLD_THE_WHOLE_CASE = "Koko asia (kaikki sen asiakirjat)", "Hela ärendet (alla dess handlingar)", "The whole case (all its documents)";
    HOLD_REASON_HINT = "Miksi tallenne on säilytettävä (kirjataan lokiin).", "Varför handlingen ska bevaras (loggas).", "Why the record must be kept (it is logged).";
    PLACE_THE_HOLD = "Aseta säilytysesto", "Inför bevarandet", "Place the hold";
    PROBLEM_CHOOSE_A_RECORD = "Valitse tallenne.", "Välj en handling.", "Choose a record.";

    // Proposing.
    PROPOSE_A_DISPOSAL = "Tee hävitysesitys", "Gör ett gallringsförslag", "Propose a disposal";
    PROPOSE_HINT = "Valitse taulukosta tallenteet tai esitä kaikki ({}) esitettävissä olevat. Toinen arkistonhoitaja hyväksyy esityksen ennen hävittämistä.", "Välj handlingar i tabellen eller föreslå alla ({}) som kan föreslås. En annan arkivarie godkänner förslaget före gallringen.", "Choose records in the table or propose all ({}) that may be proposed. Another archivist approves the proposal before anything is destroyed.";
    PROPOSE_THE_CHOSEN = "Esitä valitut hävitettäviksi", "Föreslå de valda för gallring", "Propose the chosen records";
    PROPOSE_ALL_DUE = "Esitä kaikki hävitettäviksi", "Föreslå alla för gallring", "Propose all due records";
    PROBLEM_CHOOSE_RECORDS = "Valitse vähintään yksi tallenne taulukosta.", "Välj minst en handling i tabellen.", "Choose at least one record in the table.";
    PROBLEM_NOTHING_DUE = "Yhtään esitettävissä olevaa tallennetta ei ole: säilytysaika ei ole päättynyt, tai tallenne on säilytysestossa tai jo esityksessä.", "Det finns ingen handling som kan föreslås: förvaringstiden har inte gått ut, eller handlingen är under rättsligt bevarande eller redan i ett förslag.", "No record may be proposed: its retention has not ended, or it is under a legal hold or already in a proposal.";
    PROBLEM_NOT_ELIGIBLE = "Valittu tallenne on säilytysestossa tai jo toisessa hävitysesityksessä.", "En vald handling är under rättsligt bevarande eller redan i ett annat gallringsförslag.", "A chosen record is under a legal hold or already in another disposal proposal.";
    PROBLEM_NOT_YET_DUE = "Tallenteen säilytysaika ei ole päättynyt: sitä ei saa hävittää vielä.", "Handlingens förvaringstid har inte gått ut: den får inte gallras ännu.", "The record's retention has not ended: it may not be destroyed yet.";

    // The proposals.
    DISPOSAL_INTRO = "Hävitysesitykset (hävitysesitys → toisen arkistonhoitajan hyväksyntä → hävittäminen) ja hävitysluettelo.", "Gallringsförslag (förslag → godkännande av en annan arkivarie → gallring) och gallringsförteckningen.", "Disposal proposals (proposal → approval by another archivist → destruction) and the destruction list.";
    PROPOSE_FROM_THE_DUES = "Tee uusi esitys hävitettävien luettelosta", "Gör ett nytt förslag utifrån de handlingar som kan gallras", "Make a new proposal from the records due";
    TO_THE_DISPOSAL_PROPOSALS = "Hävitysesitykset ja hävitysluettelo", "Gallringsförslag och gallringsförteckning", "Disposal proposals and the destruction list";
    DISPOSAL_PROPOSALS = "Hävitysesitykset", "Gallringsförslag", "Disposal proposals";
    NO_PROPOSALS = "Hävitysesityksiä ei ole.", "Det finns inga gallringsförslag.", "There are no disposal proposals.";
    PROPOSAL_ID = "Esitys", "Förslag", "Proposal";
    PROPOSAL_TITLE = "Hävitysesitys {}", "Gallringsförslag {}", "Disposal proposal {}";
    PROPOSAL_DUE_ON = "Hävitettävissä viimeistään", "Kan gallras senast", "Due by";
    PROPOSED_BY = "Esittäjä", "Föreslagit av", "Proposed by";
    APPROVED_BY = "Hyväksyjä", "Godkänt av", "Approved by";
    NOT_YET_APPROVED = "Ei vielä hyväksytty", "Inte godkänt ännu", "Not approved yet";
    EXECUTED_AT = "Hävitetty", "Gallrat", "Executed";
    CANCEL_REASON = "Peruutuksen syy", "Orsak till återkallelse", "Reason for cancelling";
    RECORDS_IN_PROPOSAL = "Tallenteet", "Handlingar", "Records";
    ITEM_COUNTS = "{} (hävitetty {}, poistettu esityksestä {})", "{} (gallrade {}, strukna ur förslaget {})", "{} (destroyed {}, removed from the proposal {})";
    ITEM_NOTE = "Huomautus", "Anmärkning", "Note";
    ITEM_ACTION = "Toimenpide", "Åtgärd", "Action";
    PROPOSAL_PENDING = "Odottaa hyväksyntää", "Väntar på godkännande", "Awaiting approval";
    PROPOSAL_APPROVED = "Hyväksytty", "Godkänt", "Approved";
    PROPOSAL_EXECUTED = "Hävitetty", "Gallrat", "Executed";
    PROPOSAL_EXECUTION_FAILED = "Hävittäminen keskeytyi (voidaan jatkaa)", "Gallringen avbröts (kan återupptas)", "Execution failed (can be resumed)";
    PROPOSAL_RESTORED = "Peruttu", "Återkallat", "Cancelled";
    ITEM_PENDING = "Odottaa", "Väntar", "Waiting";
    ITEM_REMOVED = "Poistettu esityksestä", "Struken ur förslaget", "Removed from the proposal";
    ITEM_DESTROYED = "Hävitetty", "Gallrad", "Destroyed";
    ITEM_AWAITING_PAPER = "Odottaa paperin hävittämisen vahvistusta", "Väntar på bekräftelse av pappersgallring", "Awaiting confirmation of paper destruction";
    ITEM_FAILED = "Epäonnistui", "Misslyckades", "Failed";
    NOTE_HELD_AT_EXECUTION = "Säilytysesto hävitettäessä: {}", "Rättsligt bevarande vid gallringen: {}", "Legal hold at execution: {}";
    NOTE_NOT_YET_DUE = "Säilytysaika päättyy vasta {}", "Förvaringstiden går ut först {}", "Retention ends only on {}";

    // Review, approval, execution, paper, cancelling.
    REASON_FOR_REMOVING = "Syy poistaa {} esityksestä", "Grund att stryka {} ur förslaget", "Reason for removing {}";
    REMOVE_FROM_PROPOSAL = "Poista esityksestä", "Stryk ur förslaget", "Remove from the proposal";
    APPROVE_THE_PROPOSAL = "Hyväksy hävitysesitys", "Godkänn gallringsförslaget", "Approve the proposal";
    APPROVE_HINT = "Esityksen teki {}. Hyväksyjän on oltava toinen arkistonhoitaja (neljän silmän periaate).", "Förslaget gjordes av {}. Den som godkänner ska vara en annan arkivarie (fyraögonprincipen).", "Proposed by {}. Another archivist must approve it (four eyes).";
    YOU_PROPOSED_THIS = "Teit tämän esityksen itse, joten et voi hyväksyä sitä: pyydä toista arkistonhoitajaa hyväksymään se.", "Du gjorde själv detta förslag och kan inte godkänna det: be en annan arkivarie godkänna det.", "You made this proposal, so you cannot approve it: ask another archivist to approve it.";
    PROBLEM_OWN_PROPOSAL = "Et voi hyväksyä omaa hävitysesitystäsi: toisen arkistonhoitajan on hyväksyttävä se.", "Du kan inte godkänna ditt eget gallringsförslag: en annan arkivarie måste godkänna det.", "You cannot approve your own disposal proposal: another archivist must approve it.";
    PROBLEM_DISPOSAL_STATE = "Esitys ei ole enää siinä tilassa, että tämä olisi mahdollista (se on jo hyväksytty, hävitetty tai peruttu, tai tallenne ei ole enää esityksessä).", "Förslaget är inte längre i ett skede där detta går (det är redan godkänt, gallrat eller återkallat, eller handlingen finns inte längre i förslaget).", "The proposal is no longer in a state that allows this (it is already approved, executed or cancelled, or the record is no longer in it).";
    PROBLEM_NOT_APPROVED = "Esitys on hyväksyttävä ennen hävittämistä.", "Förslaget måste godkännas före gallringen.", "The proposal must be approved before it is executed.";
    EXECUTE_THE_PROPOSAL = "Hävitä", "Gallra", "Execute the disposal";
    EXECUTE_HINT = "Sähköisten tallenteiden sisältö poistetaan pysyvästi ja tilalle jää hävitysmerkintä. Säilytysestot tarkistetaan uudelleen; tallenne, jonka säilytysaika ei ole päättynyt, jää odottamaan. Paperitallenteet hävitetään käsin ja vahvistetaan erikseen.", "De elektroniska handlingarnas innehåll raderas permanent och ersätts av en gallringsanteckning. Rättsligt bevarande kontrolleras på nytt; en handling vars förvaringstid inte har gått ut får vänta. Pappershandlingar gallras för hand och bekräftas var för sig.", "The content of electronic records is removed for good and a destruction record takes its place. Legal holds are checked again; a record whose retention has not ended waits. Paper records are destroyed by hand and confirmed one by one.";
    EXECUTE_I_UNDERSTAND = "Ymmärrän, että {} tallennetta hävitetään pysyvästi (esitys {})", "Jag förstår att förslagets handlingar ({}) gallras permanent (förslag {})", "I understand that the {} records of proposal {} are destroyed for good";
    PROBLEM_CONFIRM_EXECUTION = "Vahvista hävittäminen valintaruudulla.", "Bekräfta gallringen med kryssrutan.", "Confirm the destruction with the checkbox.";
    EXECUTED_DONE = "Hävittäminen ajettu: hävitetty {}, paperin vahvistusta odottaa {}, säilytysesto esti {}, säilytysaika ei vielä päättynyt {}, epäonnistui {}.", "Gallringen körd: gallrade {}, väntar på pappersbekräftelse {}, hindrade av rättsligt bevarande {}, förvaringstiden ännu inte ute {}, misslyckade {}.", "Disposal executed: destroyed {}, awaiting paper confirmation {}, kept for a legal hold {}, retention not yet ended {}, failed {}.";
    PAPER_METHOD_FOR = "Hävitystapa: {}", "Gallringssätt: {}", "Method for {}";
    CONFIRM_PAPER_DESTROYED = "Vahvista paperi hävitetyksi", "Bekräfta att pappret gallrats", "Confirm paper destroyed";
    PROBLEM_METHOD_REQUIRED = "Kerro hävitystapa (esimerkiksi tietosuojajäte, lukittu keräysastia).", "Ange gallringssättet (till exempel dataskyddsavfall, låst insamlingskärl).", "Give the method (for example confidential waste, a locked collection bin).";
    PROBLEM_NOT_AWAITING_PAPER = "Tallenne ei odota paperin hävittämisen vahvistusta.", "Handlingen väntar inte på bekräftelse av pappersgallring.", "The record is not awaiting confirmation of paper destruction.";
    PAPER_CONFIRMED_DONE = "Paperitallenteen hävittäminen vahvistettu ja hävitysmerkintä kirjattu.", "Gallringen av pappershandlingen bekräftad och gallringsanteckningen registrerad.", "The paper record's destruction is confirmed and its destruction record written.";
    CANCEL_THE_PROPOSAL = "Peru esitys", "Återkalla förslaget", "Cancel the proposal";
    CANCEL_HINT = "Tallenteet palaavat tavalliseen säilytykseen.", "Handlingarna återgår till vanlig förvaring.", "The records return to normal keeping.";
    PROPOSED_DONE = "Hävitysesitys tehty ({} tallennetta). Toisen arkistonhoitajan on hyväksyttävä se.", "Gallringsförslaget gjort ({} handlingar). En annan arkivarie måste godkänna det.", "Disposal proposed ({} records). Another archivist must approve it.";
    REMOVED_DONE = "Tallenne poistettu esityksestä; se palaa tavalliseen säilytykseen.", "Handlingen struken ur förslaget; den återgår till vanlig förvaring.", "The record is removed from the proposal; it returns to normal keeping.";
    APPROVED_DONE = "Hävitysesitys hyväksytty.", "Gallringsförslaget godkänt.", "The disposal proposal is approved.";
    CANCELLED_DONE = "Hävitysesitys peruttu.", "Gallringsförslaget återkallat.", "The disposal proposal is cancelled.";

    // The destruction list.
    DESTRUCTION_LIST = "Hävitysluettelo", "Gallringsförteckning", "Destruction list (hävitysluettelo)";
    DESTRUCTION_LIST_HINT = "Pysyvä luettelo hävitetyistä tallenteista (vain kuvailutiedot): kuka esitti, kuka hyväksyi, kuka hävitti ja miten.", "Permanent förteckning över gallrade handlingar (endast metadata): vem som föreslog, godkände och gallrade och hur.", "The permanent list of destroyed records (metadata only): who proposed, approved and destroyed them, and how.";
    DOWNLOAD_THE_WHOLE_LIST = "Lataa koko hävitysluettelo (CSV)", "Ladda ner hela gallringsförteckningen (CSV)", "Download the whole destruction list (CSV)";
    DOWNLOAD_THE_LIST_OF = "Lataa esityksen {} hävitysluettelo (CSV)", "Ladda ner gallringsförteckningen för {} (CSV)", "Download the destruction list of {} (CSV)";
    PROBLEM_EXECUTION_STARTED = "Esitys on jo osin ajettu (tallenteita on hävitetty tai paperit lähetetty hävitettäviksi), joten sitä ei voi enää perua.", "Förslaget har redan delvis verkställts (handlingar har gallrats eller papper skickats för förstöring), så det kan inte längre återkallas.", "The proposal has been executed in part (records destroyed or paper sent to be shredded), so it can no longer be cancelled.";
}
