package dev.library.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What an SRE sets. Every part has a safe default, so {@code spec: {}} is a working system. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LibrarySpec {

    @JsonPropertyDescription("Where the images come from.")
    public Images images = new Images();

    @JsonPropertyDescription("The public entry: routing, token checks, rate limits.")
    public GatewaySpec gateway = new GatewaySpec();

    @JsonPropertyDescription("Sign-up, sign-in, tokens and the JWKS.")
    public AuthServiceSpec authService = new AuthServiceSpec();

    @JsonPropertyDescription("The books API. `kubectl scale library/<name>` sets its replicas.")
    public BookServiceSpec bookService = new BookServiceSpec();

    @JsonPropertyDescription("MongoDB: everything durable.")
    public MongoDbSpec mongodb = new MongoDbSpec();

    @JsonPropertyDescription("Redis: cache and counters only; losing it costs speed, never data.")
    public RedisSpec redis = new RedisSpec();

    @JsonPropertyDescription("Token issuer, lifetimes, admin bootstrap and signing keys.")
    public TokensSpec tokens = new TokensSpec();

    @JsonPropertyDescription("How the gateway is reached from outside the cluster.")
    public IngressSpec ingress = new IngressSpec();

    @JsonPropertyDescription("The cluster's pod network: whose forwarded client addresses are believed.")
    public NetworkSpec network = new NetworkSpec();

    @JsonPropertyDescription("Prometheus discovery.")
    public MonitoringSpec monitoring = new MonitoringSpec();
}
