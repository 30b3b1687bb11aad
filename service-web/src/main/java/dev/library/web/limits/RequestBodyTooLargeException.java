package dev.library.web.limits;

import java.io.IOException;

/** Thrown while reading a request body that outgrows the configured limit. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limitBytes) {
        super("The request body exceeds the limit of " + limitBytes + " bytes.");
    }
}
