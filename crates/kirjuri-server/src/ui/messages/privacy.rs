//! The words of the pages of the privacy officer (incidents and breaches, registers, log investigations, the annual report).

use super::super::words::Words;

catalogue! {
    NAV_REGISTERS = "Selosteet ja sopimukset", "Register och avtal", "Registers and agreements";
    NAV_REPORT = "Tietotilinpäätös", "Informationsbokslut", "Annual report";
}
