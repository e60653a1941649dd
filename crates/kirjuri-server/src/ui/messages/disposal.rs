//! The words of the retention and disposal pages (the archivists' dues, legal holds, disposal
//! proposals and the destruction list).

use super::super::words::Words;

catalogue! {
    NAV_DISPOSAL = "Hävittäminen", "Gallring", "Disposal";
}
