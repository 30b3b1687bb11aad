package dev.library.web.limits;

import java.io.IOException;

/** Thrown while reading a request body that has taken longer than the body-read deadline to arrive. */
public class RequestBodyTooSlowException extends IOException {

    public RequestBodyTooSlowException() {
        super("The request body took too long to arrive.");
    }
}
