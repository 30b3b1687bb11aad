package dev.library.auth.account;

/** What an account may do. Every account is a USER; ADMIN may also manage books and roles. */
public enum Role {
    USER,
    ADMIN
}
