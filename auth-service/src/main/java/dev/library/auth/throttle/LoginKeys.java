package dev.library.auth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The counter keys of one login attempt. The username is chosen by the client, so it appears in a
 * key only as a hash of fixed length: no client can make a key (or Redis) grow with a long name.
 * The client address is the connection's or a trusted proxy's view of it, an IP address.
 */
record LoginKeys(String pair, String client, String user, String slot, String known, String clientAddress) {

    static final String PAIR = "auth:login-failures:pair:";
    static final String CLIENT = "auth:login-failures:client:";
    static final String USER = "auth:login-failures:user:";
    static final String SLOT = "auth:login-slot:pair:";
    static final String KNOWN = "auth:login-known:user:";
    static final String SIGNUP = "auth:signups:client:";

    static LoginKeys of(String username, String clientAddress) {
        String user = hash(username);
        return new LoginKeys(PAIR + user + "|" + clientAddress, CLIENT + clientAddress, USER + user,
                SLOT + user + "|" + clientAddress, KNOWN + user, clientAddress);
    }

    /** 128 bits of SHA-256, in hex: 32 characters whatever the name. */
    static String hash(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
