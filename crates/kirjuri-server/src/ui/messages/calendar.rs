//! The words of the calendar page (the secret calendar-feed address) and of "my deadlines" on
//! the overview.

use super::super::words::Words;

catalogue! {
    NAV_CALENDAR = "Kalenteri", "Kalender", "Calendar";
    CALENDAR_NAME = "määräajat", "tidsfrister", "deadlines";
    CALENDAR_PAGE = "Kalenteri: määräaikani Outlookiin", "Kalender: mina tidsfrister i Outlook", "Calendar: my deadlines in Outlook";
    CALENDAR_INTRO = "Kalenterisyöte näyttää määräaikasi (tietopyynnöt, poikkeamat ja tietosuojaloukkausten 72 tunnin määräajat, säilytysajat, sopimusten irtisanomispäivät ja tarkastukset) kalenteriohjelmassasi. Syöte näyttää vain julkiset otsikot.", "Kalenderflödet visar dina tidsfrister (begäranden, incidenter och 72-timmarsfristen för personuppgiftsincidenter, förvaringstider, avtalens uppsägningsdagar och granskningar) i ditt kalenderprogram. Flödet visar bara offentliga rubriker.", "The calendar feed shows your deadlines (requests, incidents and the 72-hour clocks of breaches, retention, contract notice days and reviews) in your calendar program. The feed shows public titles only.";
    CALENDAR_SECRET_WARNING = "Osoite on salainen: kuka tahansa, jolla se on, näkee määräaikasi. Älä jaa sitä. Jos se pääsee vääriin käsiin, peru se tai tee uusi.", "Adressen är hemlig: den som har den ser dina tidsfrister. Dela den inte. Om den kommer i fel händer, återkalla den eller skapa en ny.", "The address is secret: anyone who has it sees your deadlines. Do not share it. If it gets into the wrong hands, revoke it or make a new one.";
    CALENDAR_OUTLOOK_HOWTO = "Outlookissa: Kalenteri → Lisää kalenteri → Tilaa verkosta, liitä osoite ja valitse Tuo.", "I Outlook: Kalender → Lägg till kalender → Prenumerera från webben, klistra in adressen och välj Importera.", "In Outlook: Calendar → Add calendar → Subscribe from web, paste the address and choose Import.";
    CALENDAR_NO_FEED = "Sinulla ei ole kalenterisyötettä.", "Du har inget kalenderflöde.", "You have no calendar feed.";
    CALENDAR_FEED_SINCE = "Kalenterisyöte on käytössä; osoite tehty", "Kalenderflödet används; adressen skapades", "Your calendar feed is on; its address was made";
    CALENDAR_CREATE = "Tee kalenterisyötteen osoite", "Skapa kalenderflödets adress", "Make the calendar feed address";
    CALENDAR_REPLACE = "Tee uusi osoite (vanha lakkaa toimimasta)", "Skapa en ny adress (den gamla slutar fungera)", "Make a new address (the old one stops working)";
    CALENDAR_REVOKE = "Peru kalenterisyöte", "Återkalla kalenderflödet", "Revoke the calendar feed";
    CALENDAR_REVOKED = "Kalenterisyöte peruttu: osoite ei enää toimi.", "Kalenderflödet återkallat: adressen fungerar inte längre.", "Calendar feed revoked: the address no longer works.";
    CALENDAR_URL_ONCE = "Kalenterisyötteesi osoite. Kopioi se nyt: sitä ei näytetä uudelleen.", "Ditt kalenderflödes adress. Kopiera den nu: den visas inte igen.", "Your calendar feed address. Copy it now: it is not shown again.";
    CALENDAR_URL_LABEL = "Syötteen osoite", "Flödets adress", "Feed address";
    MY_DEADLINES = "Määräaikani", "Mina tidsfrister", "My deadlines";
    MY_DEADLINES_NONE = "Sinulla ei ole avoimia määräaikoja.", "Du har inga öppna tidsfrister.", "You have no open deadlines.";
    AGENDA_WHAT = "Mikä", "Vad", "What";
    AGENDA_DUE = "Määräaika", "Tidsfrist", "Due";
    AGENDA_WHEN = "Milloin", "När", "When";
    AGENDA_OVERDUE = "myöhässä", "försenad", "overdue";
    AGENDA_TODAY = "tänään", "i dag", "today";
    AGENDA_THIS_WEEK = "tällä viikolla", "denna vecka", "this week";
    AGENDA_LATER = "myöhemmin", "senare", "later";
    AGENDA_RECORDS_AWAITING_DISPOSAL = "tallennetta odottaa hävittämistä", "handlingar väntar på gallring", "records await disposal";
}
