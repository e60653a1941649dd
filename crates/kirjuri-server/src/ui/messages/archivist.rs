//! The words of the pages of the archivists (the plan, retention dues, disposal, the archive).

use super::super::words::Words;

catalogue! {
    NAV_PLAN = "Tiedonohjaussuunnitelma", "Informationsstyrningsplan", "Information management plan";
    NAV_ARCHIVE = "Arkisto", "Arkiv", "Archive";
}
