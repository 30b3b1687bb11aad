package dev.library.storeconfig;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code library.mongodb.*}: how durable an acknowledged write is. The default, majority with
 * journaling, means an acknowledged write survives the loss of a replica-set member.
 *
 * @param writeConcern {@code majority} or a number of members
 * @param journal      whether the write must be in the on-disk journal before it is acknowledged
 */
@ConfigurationProperties("library.mongodb")
public record MongoDurabilityProperties(String writeConcern, Boolean journal) {

    public MongoDurabilityProperties {
        writeConcern = writeConcern == null || writeConcern.isBlank() ? "majority" : writeConcern;
        journal = journal == null ? Boolean.TRUE : journal;
    }
}
