package dev.library.auth.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.mongodb.*}: how durable an acknowledged write is. The default, majority with
 * journaling, means an acknowledged signup or token survives the loss of a replica-set member.
 */
@ConfigurationProperties("library.mongodb")
public record MongoProperties(String writeConcern, boolean journal) {
}
