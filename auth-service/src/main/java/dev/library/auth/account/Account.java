package dev.library.auth.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user account as stored in MongoDB. {@code username} is kept in its canonical lower-case form,
 * which is what makes it unique case-insensitively (a unique index on it).
 */
@Document("accounts")
public class Account {

    @Id
    private String id;
    private String username;
    private String passwordHash;
    private Set<Role> roles = EnumSet.of(Role.USER);
    private Instant createdAt;
    /** When an admin disabled the account; null while it is enabled. */
    private Instant disabledAt;
    /**
     * Raised whenever what a token may do changes (roles, disabling, password): access tokens carry
     * the version they were issued under, and privileged calls refuse older ones.
     */
    private long tokenVersion;
    @Version
    private Long version;

    protected Account() {
    }

    public Account(String username, String passwordHash, Set<Role> roles, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<Role> getRoles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isEnabled() {
        return disabledAt == null;
    }

    public long getTokenVersion() {
        return tokenVersion;
    }

    void setDisabledAt(Instant disabledAt) {
        this.disabledAt = disabledAt;
    }

    void raiseTokenVersion() {
        tokenVersion++;
    }

    void setRoles(Set<Role> roles) {
        this.roles = EnumSet.copyOf(roles);
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }
}
