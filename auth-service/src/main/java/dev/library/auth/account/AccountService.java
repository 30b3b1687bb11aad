package dev.library.auth.account;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.library.auth.throttle.LoginThrottle;

/** Creating accounts, finding them, changing their roles, enabling, disabling and passwords. */
@Service
public class AccountService {

    /** Reads and saves of one account tried before a concurrent update is answered with 409. */
    private static final int MAX_UPDATE_ATTEMPTS = 5;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AdminGuard adminGuard;

    public AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle,
            ApplicationEventPublisher events, Clock clock, AdminGuard adminGuard) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
        this.adminGuard = adminGuard;
    }

    /**
     * Creates a USER account; a taken username (in any letter case) is a 409. Sign-ups are throttled
     * per client, and a taken name counts like a failed login (it tells the client the name exists).
     * The name is checked before the password is hashed, so a 409 costs no hash.
     */
    public Account signUp(String username, String password, String clientAddress) {
        String canonical = Usernames.canonical(username);
        Passwords.check("password", password, canonical);
        throttle.admitSignup(clientAddress);
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
     * is refused, so the system can never lose its last administrator, even to two concurrent
     * demotions ({@link AdminGuard}). Tokens issued before the change no longer pass privileged checks.
     */
    public Account setRoles(String username, Set<Role> roles) {
        EnumSet<Role> wanted = EnumSet.of(Role.USER);
        wanted.addAll(roles);
        return update(username, account -> {
            account.setRoles(wanted);
            account.raiseTokenVersion();
            return true;
        });
    }

    /**
     * Disables (or enables again) an account. Disabling ends every session of it at once: its refresh
     * tokens stop working, and its access tokens no longer pass privileged checks.
     */
    public Account setEnabled(String username, boolean enabled) {
        boolean[] changed = {false};
        Account saved = update(username, account -> {
            if (enabled == account.isEnabled()) {
                return false;
            }
            account.setDisabledAt(enabled ? null : clock.instant());
            account.raiseTokenVersion();
            changed[0] = true;
            return true;
        });
        if (!enabled && changed[0]) {
            events.publishEvent(new AccountSessionsEnded(saved.getId(), "disabled"));
        }
        return saved;
    }

    /**
     * Applies {@code change} to the stored account and saves it, under the {@link AdminGuard}: the
     * last enabled admin check and the save are one step for every other change of roles or state.
     * A concurrent update of the same account by other means (the version check fails) makes it
     * read the account again and retry, a few times, then answer 409.
     */
    private Account update(String username, java.util.function.Predicate<Account> change) {
        return adminGuard.whileHeld(() -> {
            for (int attempt = 1; ; attempt++) {
                Account account = findByUsername(username)
                        .orElseThrow(() -> AccountProblems.noSuchAccount(username));
                boolean wasEnabledAdmin = account.isAdmin() && account.isEnabled();
                if (!change.test(account)) {
                    return account;
                }
                if (wasEnabledAdmin && !(account.isAdmin() && account.isEnabled())
                        && accounts.countByRolesContainingAndDisabledAtIsNull(Role.ADMIN) <= 1) {
                    throw AccountProblems.lastAdmin();
                }
                try {
                    return accounts.save(account);
                } catch (OptimisticLockingFailureException concurrentUpdate) {
                    if (attempt >= MAX_UPDATE_ATTEMPTS) {
                        throw AccountProblems.changedConcurrently();
                    }
                }
            }
        });
    }

    /**
     * Changes the password of the token's account after checking the current one (throttled like a
     * login). Every session of the account ends, this one included: the user logs in again.
     */
    public void changePassword(String accountId, String currentPassword, String newPassword, String clientAddress) {
        Account account = findById(accountId).orElseThrow(AccountProblems::tokenAccountGone);
        Passwords.check("new_password", newPassword, account.getUsername());
        throttle.admitLogin(account.getUsername(), clientAddress);
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            throw AccountProblems.wrongCurrentPassword();
        }
        throttle.loginSucceeded(account.getUsername(), clientAddress);
        account.setPasswordHash(passwordEncoder.encode(newPassword));
        account.raiseTokenVersion();
        try {
            accounts.save(account);
        } catch (OptimisticLockingFailureException concurrentUpdate) {
            throw AccountProblems.changedConcurrently();
        }
        events.publishEvent(new AccountSessionsEnded(account.getId(), "password-changed"));
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
