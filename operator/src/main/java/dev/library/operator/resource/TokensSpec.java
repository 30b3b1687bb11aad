package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokensSpec {

    public static final String DURATION = "^[1-9][0-9]*(s|m|h|d)$";

    @JsonPropertyDescription("The iss of every token. Default: the gateway URL (see status.gatewayUrl).")
    public String issuer;

    @JsonPropertyDescription("Access-token lifetime, e.g. 15m.")
    @Default("15m")
    @Pattern(DURATION)
    public String accessTokenTtl = "15m";

    @JsonPropertyDescription("Refresh-token lifetime, e.g. 7d.")
    @Default("7d")
    @Pattern(DURATION)
    public String refreshTokenTtl = "7d";

    @JsonPropertyDescription("Secret with keys username and password for the bootstrap admin. Empty: the operator"
            + " generates <name>-admin once (username admin) and never changes it.")
    public String adminSecret;

    @JsonPropertyDescription("Secret holding PEM signing keys (the file name sorting last signs; the others stay"
            + " published). Empty: the operator generates <name>-jwt-signing-keys once; add a key to it to rotate.")
    public String signingKeysSecret;
}
