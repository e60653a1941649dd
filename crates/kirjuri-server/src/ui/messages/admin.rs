//! The words of the pages of the admin (users, roles, departments, tokens).

use super::super::words::Words;

catalogue! {
    NAV_ADMIN = "Käyttäjät", "Användare", "Users";
}
