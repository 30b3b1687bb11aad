package dev.library.auth.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured admin at start-up, or gives an existing account of that name ADMIN and
 * the configured password, so a fresh system can always be administered.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminProperties admin;
    private final AccountService accounts;

    AdminBootstrap(AdminProperties admin, AccountService accounts) {
        this.admin = admin;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.isConfigured()) {
            log.info("No bootstrap admin configured (LIBRARY_ADMIN_USERNAME / LIBRARY_ADMIN_PASSWORD)");
            return;
        }
        String username = Usernames.canonical(admin.username());
        if (!username.matches(Usernames.PATTERN)) {
            throw new IllegalStateException("LIBRARY_ADMIN_USERNAME '" + admin.username() + "' is not a valid username");
        }
        accounts.ensureAdmin(username, admin.password());
        log.info("Bootstrap admin '{}' is ready", username);
    }
}
