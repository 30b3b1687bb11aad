package dev.library.auth.account;

import java.util.List;

/** An account as the API shows it: never the password hash. Roles in a stable order. */
public record AccountView(String id, String username, List<Role> roles, boolean enabled) {

    public static AccountView of(Account account) {
        return new AccountView(account.getId(), account.getUsername(), account.getRoles().stream().sorted().toList(),
                account.isEnabled());
    }
}
