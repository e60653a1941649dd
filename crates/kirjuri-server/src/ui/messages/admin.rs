//! The words of the pages of the admin (users, roles, departments, tokens).

use super::super::words::Words;

catalogue! {
    NAV_ADMIN = "Käyttäjät", "Användare", "Users";
    ADMIN_INTRO = "Käyttäjät, heidän roolinsa ja toimialansa sekä API-tunnisteet. Jokainen muutos kirjataan lokiin.", "Användarna, deras roller och sektorer samt API-nycklar. Varje ändring loggas.", "Users, their roles and departments, and API tokens. Every change is logged.";
    USER_NAME_HINT = "2–64 merkkiä: kirjaimet, numerot ja . _ - @ (esim. etunimi.sukunimi).", "2–64 tecken: bokstäver, siffror och . _ - @ (t.ex. förnamn.efternamn).", "2–64 characters: letters, digits and . _ - @ (e.g. first.last).";
    ROLE = "Rooli", "Roll", "Role";
    DEPARTMENTS = "Toimialat", "Sektorer", "Departments";
    SIGN_IN_METHOD = "Kirjautuminen", "Inloggning", "Sign-in";
    SIGN_IN_LOCAL = "Kirjurin salasana", "Kirjuris lösenord", "Kirjuri password";
    SIGN_IN_OIDC = "Entra ID (kaupungin tili)", "Entra ID (stadens konto)", "Entra ID (the city's account)";
    USER_ACTIVE = "käytössä", "aktiv", "active";
    USER_IS_DISABLED = "poistettu käytöstä", "inaktiverad", "disabled";
    CREATED = "Luotu", "Skapad", "Created";
    ADD_A_USER = "Lisää käyttäjä", "Lägg till en användare", "Add a user";
    PASSWORD_HINT = "Vähintään 12 merkkiä. Jätä tyhjäksi, niin Kirjuri luo salasanan ja näyttää sen kerran.", "Minst 12 tecken. Lämna tomt så skapar Kirjuri ett lösenord och visar det en gång.", "At least 12 characters. Leave it empty and Kirjuri makes one and shows it once.";
    NEW_DEPARTMENT = "Uusi toimiala", "Ny sektor", "New department";
    NEW_DEPARTMENT_HINT = "Vain jos toimialaa ei ole luettelossa.", "Endast om sektorn inte finns i listan.", "Only if the department is not in the list.";
    DEPARTMENTS_HINT = "Työntekijä (rooli) näkee salassa pidettävät asiat ja kirjaa vain näillä toimialoilla; muut roolit toimivat koko kaupungissa.", "En anställd (roll) ser sekretessbelagda ärenden och registrerar endast i dessa sektorer; de andra rollerna verkar i hela staden.", "A staff user reads restricted cases and registers only in these departments; the other roles work city-wide.";
    USER_ADDED = "Käyttäjä lisätty: {}", "Användaren tillagd: {}", "User added: {}";
    INITIAL_PASSWORD = "Alkusalasana", "Startlösenord", "Initial password";
    SHOWN_ONLY_NOW = "Näytetään vain nyt. Anna se käyttäjälle turvallisesti; Kirjuri säilyttää siitä vain tiivisteen.", "Visas bara nu. Ge det till användaren på ett säkert sätt; Kirjuri sparar endast dess hash.", "Shown only now. Give it to the user safely; Kirjuri keeps only its hash.";
    ROLE_CHANGED = "Rooli muutettu: {}", "Rollen ändrad: {}", "Role changed: {}";
    DEPARTMENTS_SAVED = "Toimialat tallennettu.", "Sektorerna sparade.", "Departments saved.";
    USER_WAS_DISABLED = "Käyttäjä poistettu käytöstä: kirjautuminen, istunnot ja API-tunnisteet eivät enää toimi.", "Användaren inaktiverad: inloggning, sessioner och API-nycklar fungerar inte längre.", "User disabled: sign-in, sessions and API tokens no longer work.";
    USER_WAS_ENABLED = "Käyttäjä otettu uudelleen käyttöön.", "Användaren aktiverad igen.", "User enabled again.";
    DISABLE_USER = "Poista käytöstä", "Inaktivera", "Disable";
    ENABLE_USER = "Ota uudelleen käyttöön", "Aktivera igen", "Enable again";
    DISABLE_HINT = "Lähtevä työntekijä: kirjautuminen, istunnot ja API-tunnisteet lakkaavat toimimasta heti. Käyttäjän tiedot ja lokimerkinnät säilyvät.", "En anställd som slutar: inloggning, sessioner och API-nycklar slutar fungera genast. Användarens uppgifter och loggposter finns kvar.", "A leaver: sign-in, sessions and API tokens stop working at once. The user's details and log entries stay.";
    CHANGE_ROLE = "Muuta roolia", "Ändra roll", "Change the role";
    SAVE_DEPARTMENTS = "Tallenna toimialat", "Spara sektorerna", "Save the departments";
    ACCESS = "Käytössäolo", "Åtkomst", "Access";
    API_TOKENS = "API-tunnisteet", "API-nycklar", "API tokens";
    API_TOKENS_HINT = "Tunniste on integraation (esim. asianhallinnan) avain rajapintaan käyttäjän oikeuksin.", "En nyckel är en integrations (t.ex. ärendehanteringens) nyckel till gränssnittet med användarens rättigheter.", "A token is an integration's (e.g. the case system's) key to the API with the user's rights.";
    ACTIVE_TOKENS = "Voimassa olevia tunnisteita: {}", "Giltiga nycklar: {}", "Active tokens: {}";
    CREATE_TOKEN = "Luo tunniste", "Skapa en nyckel", "Create a token";
    REVOKE_TOKENS = "Mitätöi kaikki tunnisteet", "Återkalla alla nycklar", "Revoke every token";
    TOKEN_CREATED = "Uusi API-tunniste", "Ny API-nyckel", "New API token";
    TOKENS_REVOKED = "Tunnisteita mitätöity: {}", "Återkallade nycklar: {}", "Tokens revoked: {}";
    MANAGED_IN_ENTRA = "Tämän käyttäjän rooli, toimialat ja käytössäolo tulevat Entra ID:n ryhmistä jokaisella kirjautumisella; muuta ne Entra ID:ssä.", "Användarens roll, sektorer och åtkomst kommer från grupperna i Entra ID vid varje inloggning; ändra dem i Entra ID.", "This user's role, departments and access come from the Entra ID groups at every sign-in; change them in Entra ID.";
    DEPARTMENTS_EXPLAINED = "Toimialat, jotka käyttäjillä ja asioilla on, sekä oletustoimiala. Uusi toimiala syntyy, kun se annetaan käyttäjälle tai asialle.", "Sektorerna som användarna och ärendena har samt standardsektorn. En ny sektor uppstår när den ges till en användare eller ett ärende.", "The departments users and cases have, and the default one. A new department comes about when a user or a case is given it.";
    USERS_COUNT = "Käyttäjiä", "Användare", "Users";
    CASES_COUNT = "Asioita", "Ärenden", "Cases";
    DEFAULT_DEPARTMENT = "(oletus)", "(standard)", "(default)";
    BACK_TO_USERS = "Takaisin käyttäjiin", "Tillbaka till användarna", "Back to the users";
    YOU = "(sinä)", "(du)", "(you)";
    NO_DEPARTMENTS = "ei toimialaa", "ingen sektor", "no department";
    PROBLEM_BAD_USER_NAME = "Käyttäjätunnuksessa saa olla 2–64 merkkiä: kirjaimia, numeroita ja . _ - @.", "Användarnamnet ska ha 2–64 tecken: bokstäver, siffror och . _ - @.", "A user name has 2–64 characters: letters, digits and . _ - @.";
    PROBLEM_WEAK_PASSWORD = "Salasanassa on oltava vähintään 12 merkkiä (tai jätä kenttä tyhjäksi).", "Lösenordet ska ha minst 12 tecken (eller lämna fältet tomt).", "A password needs at least 12 characters (or leave the field empty).";
    PROBLEM_USER_EXISTS = "Tällä nimellä on jo käyttäjä (isot ja pienet kirjaimet samoina).", "Det finns redan en användare med detta namn (stora och små bokstäver lika).", "There is already a user by this name (ignoring case).";
    PROBLEM_LAST_ADMIN = "Tämä on ainoa käytössä oleva pääkäyttäjä: lisää toinen pääkäyttäjä ensin.", "Detta är den enda aktiva huvudanvändaren: lägg till en annan först.", "This is the only enabled administrator: add another one first.";
    PROBLEM_MANAGED_BY_PROVIDER = "Käyttäjän tiedot tulevat Entra ID:stä; muuta ne siellä.", "Användarens uppgifter kommer från Entra ID; ändra dem där.", "The user's details come from Entra ID; change them there.";
    PROBLEM_USER_DISABLED = "Käyttäjä on poistettu käytöstä.", "Användaren är inaktiverad.", "The user is disabled.";
    PROBLEM_CHOOSE_A_ROLE = "Valitse rooli.", "Välj en roll.", "Choose a role.";
}
