package dev.library.auth.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creating accounts, finding them, and changing their roles. */
@Service
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    public AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** Creates a USER account; a taken username (in any letter case) is a 409. */
    public Account signUp(String username, String password) {
        return create(username, password, EnumSet.of(Role.USER));
    }

    Account create(String username, String password, Set<Role> roles) {
        String canonical = Usernames.canonical(username);
        Account account = new Account(canonical, passwordEncoder.encode(password), roles, clock.instant());
        try {
            return accounts.insert(account);
        } catch (DuplicateKeyException taken) {
            throw AccountProblems.usernameTaken(canonical);
        }
    }

    public Optional<Account> findByUsername(String username) {
        return accounts.findByUsername(Usernames.canonical(username));
    }

    public Optional<Account> findById(String id) {
        return accounts.findById(id);
    }

    /**
     * Sets the account's roles to {@code roles} plus USER. Revoking ADMIN from the last admin is
     * refused, so the system can never lose its last administrator by mistake.
     */
    public Account setRoles(String username, Set<Role> roles) {
        Account account = findByUsername(username).orElseThrow(() -> AccountProblems.noSuchAccount(username));
        EnumSet<Role> wanted = EnumSet.of(Role.USER);
        wanted.addAll(roles);
        if (account.isAdmin() && !wanted.contains(Role.ADMIN) && accounts.countByRolesContaining(Role.ADMIN) <= 1) {
            throw AccountProblems.lastAdmin();
        }
        account.setRoles(wanted);
        return accounts.save(account);
    }

    /** Makes sure the bootstrap admin exists with ADMIN and the configured password. */
    void ensureAdmin(String username, String password) {
        Optional<Account> existing = findByUsername(username);
        if (existing.isEmpty()) {
            create(username, password, EnumSet.of(Role.USER, Role.ADMIN));
            return;
        }
        Account account = existing.get();
        EnumSet<Role> roles = EnumSet.copyOf(account.getRoles().isEmpty() ? EnumSet.of(Role.USER) : account.getRoles());
        roles.add(Role.ADMIN);
        account.setRoles(roles);
        if (!passwordEncoder.matches(password, account.getPasswordHash())) {
            account.setPasswordHash(passwordEncoder.encode(password));
        }
        accounts.save(account);
    }
}
