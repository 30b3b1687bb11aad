package dev.library.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * auth-service: accounts, sign-in, access and refresh tokens, and the JWKS that lets every other
 * component verify those tokens. A request's path: {@code account} (signup, me, roles),
 * {@code session} (login, refresh, logout), {@code token} (signing keys, JWKS), with
 * {@code throttle} guarding login and {@code security} deciding who may call what.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServiceApplication.class, args);
    }
}
