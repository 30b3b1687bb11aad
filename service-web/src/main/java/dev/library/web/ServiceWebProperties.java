package dev.library.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code library.http.*}: the HTTP limits every servlet service applies.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("library.http")
public record ServiceWebProperties(DataSize maxRequestBody) {

    public ServiceWebProperties {
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofKilobytes(16);
        }
    }
}
