package dev.library.auth.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.library.auth.throttle.LoginThrottle;

/** Creating accounts, finding them, changing their roles, enabling, disabling and passwords. */
@Service
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle,
            ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a USER account; a taken username (in any letter case) is a 409. Sign-ups are throttled
     * per client, and a taken name counts like a failed login (it tells the client the name exists).
     * The name is checked before the password is hashed, so a 409 costs no hash.
     */
    public Account signUp(String username, String password, String clientAddress) {
        throttle.admitSignup(clientAddress);
        String canonical = Usernames.canonical(username);
        if (accounts.existsByUsername(canonical)) {
            throttle.signupFoundTakenName(clientAddress);
            throw AccountProblems.usernameTaken(canonical);
        }
        Account account = new Account(canonical, passwordEncoder.encode(password), EnumSet.of(Role.USER),
                clock.instant());
        try {
            return accounts.insert(account);
        } catch (DuplicateKeyException takenMeanwhile) {
            throttle.signupFoundTakenName(clientAddress);
            throw AccountProblems.usernameTaken(canonical);
        }
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
     * Sets the account's roles to {@code roles} plus USER. Revoking ADMIN from the last enabled admin
     * is refused, so the system can never lose its last administrator by mistake. Tokens issued
     * before the change no longer pass privileged checks.
     */
    public Account setRoles(String username, Set<Role> roles) {
        Account account = findByUsername(username).orElseThrow(() -> AccountProblems.noSuchAccount(username));
        EnumSet<Role> wanted = EnumSet.of(Role.USER);
        wanted.addAll(roles);
        if (!wanted.contains(Role.ADMIN) && isLastEnabledAdmin(account)) {
            throw AccountProblems.lastAdmin();
        }
        account.setRoles(wanted);
        account.raiseTokenVersion();
        return accounts.save(account);
    }

    /**
     * Disables (or enables again) an account. Disabling ends every session of it at once: its refresh
     * tokens stop working, and its access tokens no longer pass privileged checks.
     */
    public Account setEnabled(String username, boolean enabled) {
        Account account = findByUsername(username).orElseThrow(() -> AccountProblems.noSuchAccount(username));
        if (enabled == account.isEnabled()) {
            return account;
        }
        if (!enabled && isLastEnabledAdmin(account)) {
            throw AccountProblems.lastAdmin();
        }
        account.setDisabledAt(enabled ? null : clock.instant());
        account.raiseTokenVersion();
        Account saved = accounts.save(account);
        if (!enabled) {
            events.publishEvent(new AccountSessionsEnded(saved.getId(), "disabled"));
        }
        return saved;
    }

    /**
     * Changes the password of the token's account after checking the current one (throttled like a
     * login). Every session of the account ends, this one included: the user logs in again.
     */
    public void changePassword(String accountId, String currentPassword, String newPassword, String clientAddress) {
        Account account = findById(accountId).orElseThrow(AccountProblems::tokenAccountGone);
        throttle.admitLogin(account.getUsername(), clientAddress);
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            throw AccountProblems.wrongCurrentPassword();
        }
        throttle.loginSucceeded(account.getUsername(), clientAddress);
        account.setPasswordHash(passwordEncoder.encode(newPassword));
        account.raiseTokenVersion();
        accounts.save(account);
        events.publishEvent(new AccountSessionsEnded(account.getId(), "password-changed"));
    }

    private boolean isLastEnabledAdmin(Account account) {
        return account.isAdmin() && account.isEnabled()
                && accounts.countByRolesContainingAndDisabledAtIsNull(Role.ADMIN) <= 1;
    }

    /** Makes sure the bootstrap admin exists, enabled, with ADMIN and the configured password. */
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
        account.setDisabledAt(null);
        if (!passwordEncoder.matches(password, account.getPasswordHash())) {
            account.setPasswordHash(passwordEncoder.encode(password));
            account.raiseTokenVersion();
        }
        accounts.save(account);
    }
}
